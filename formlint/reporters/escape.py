"""Make text that comes from documents safe to print.

Field names, labels, titles and file names come from the files being checked, and a
hostile file can carry terminal escape sequences (ESC [2J clears the screen, ESC ]0;
sets the window title), carriage returns and backspaces that overwrite what was
printed, Unicode bidi overrides that show text in another order than it is
("Trojan Source"), and lone surrogates that cannot be encoded at all. Reporters for
people pass such text through :func:`printable`; reporters for machines use
:func:`encodable`, since JSON escapes control characters itself.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; bidi marks, embeddings, overrides and isolates; the
# Unicode line and paragraph separators; lone surrogates (from undecodable file names).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi and surrogate character written as an escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def encodable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so it encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
