"""formlint's positions (1-based lines, 1-based columns in characters) as the editor's.

An LSP position is a 0-based line and an offset in that line counted in the unit the
client and server agreed on: UTF-16 code units unless the client offers another
(``general.positionEncodings``, LSP 3.17). The units differ only past the Basic
Multilingual Plane: "𝐀" is one character, two UTF-16 units, four UTF-8 bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

UTF16, UTF32, UTF8 = "utf-16", "utf-32", "utf-8"
# The protocol's line ends (a form feed or U+2028 ends no line in the editor).
_LINE_END = re.compile(r"\r\n|\r|\n")


def choose_encoding(offered: Any) -> str:
    """The server's pick among the client's encodings: characters if it can, else UTF-16."""
    if isinstance(offered, list):
        for choice in (UTF32, UTF16, UTF8):
            if choice in offered:
                return choice
    return UTF16


def _units(text: str, encoding: str) -> int:
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass
class LineIndex:
    """The lines of one version of a document, to turn character columns into offsets."""

    lines: list[str]
    encoding: str = UTF16

    @classmethod
    def of(cls, text: str, encoding: str = UTF16) -> LineIndex:
        return cls(_LINE_END.split(text), encoding)

    def position(self, line: int, column: int) -> dict[str, int]:
        """The LSP position of formlint's (line, column), clamped to the document (a
        finding from a reader that counts lines its own way must still land somewhere)."""
        index = min(max(line - 1, 0), len(self.lines) - 1)
        text = self.lines[index]
        chars = min(max(column - 1, 0), len(text))
        return {"line": index, "character": _units(text[:chars], self.encoding)}

    def line_end(self, line: int) -> dict[str, int]:
        index = min(max(line - 1, 0), len(self.lines) - 1)
        return {"line": index, "character": _units(self.lines[index], self.encoding)}

    def span(self, line: int | None, column: int | None, end_line: int | None,
             end_column: int | None) -> dict[str, dict[str, int]]:
        """The range of a finding: its exact span; the whole line when it names only a line;
        the first line when it names none (a finding about the whole document)."""
        if line is None:
            return {"start": self.position(1, 1), "end": self.line_end(1)}
        if column is None:
            return {"start": self.position(line, 1), "end": self.line_end(line)}
        start = self.position(line, column)
        if end_column is None:
            return {"start": start, "end": self.line_end(line)}
        end = self.position(end_line or line, end_column)
        if (end["line"], end["character"]) < (start["line"], start["character"]):
            end = start
        return {"start": start, "end": end}


def _chars(line: str, units: int, encoding: str) -> int:
    """How many characters of ``line`` the first ``units`` units cover (clamped to the line)."""
    if encoding == UTF32:
        return max(0, min(units, len(line)))
    counted = 0
    for index, char in enumerate(line):
        if counted >= units:
            return index
        counted += len(char.encode("utf-8", "surrogatepass")) if encoding == UTF8 else (
            2 if ord(char) > 0xFFFF else 1)
    return len(line)


def offset(text: str, position: dict[str, int], encoding: str = UTF16) -> int:
    """The index in ``text`` of an LSP position (a line past the end is the end)."""
    line = position["line"]
    starts = [0] + [match.end() for match in _LINE_END.finditer(text)]
    if line >= len(starts):
        return len(text)
    start = starts[max(line, 0)]
    end = _LINE_END.search(text, start)
    line_text = text[start:end.start() if end else len(text)]
    return start + _chars(line_text, int(position["character"]), encoding)


def apply_change(text: str, change: dict[str, object], encoding: str = UTF16) -> str:
    """``text`` after one ``contentChanges`` item: a whole new text, or a range replaced."""
    new_text = str(change["text"])
    span = change.get("range")
    if not isinstance(span, dict):
        return new_text
    start, end = offset(text, span["start"], encoding), offset(text, span["end"], encoding)
    return text[:start] + new_text + text[max(start, end):]
