"""A JSON parser that remembers where every value and key came from.

``parse_json(text)`` returns the plain Python value (dicts, lists, str, int, float, bool,
None: the same as ``json.loads``) plus a ``JsonSource`` that maps each JSON pointer
(RFC 6901, e.g. ``/properties/veteran/properties/ssn``) to the 1-based line and column
of the value and, for object members, of the key.

Why not ``json.loads``: it forgets positions, and findings must point at a line. Why not
a recursive descent parser: a file of 100,000 nested arrays must not crash the run. The
parser below is iterative (an explicit stack), uses the C string scanner of the standard
library for speed, and stops at ``max_depth`` levels with a clear ``UnreadableError``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from json.decoder import JSONDecodeError, scanstring
from typing import Any

from formlint.model import UnreadableError

MAX_DEPTH = 512
"""Deeper nesting is refused: no real form definition comes near it, and every later
walk over the value stays far from Python's recursion limit."""

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STRING_SPECIAL = re.compile(r'["\\]')
_LITERALS = {"true": True, "false": False, "null": None}
# A \uD800-\uDFFF escape can leave a lone surrogate in a decoded string: such a string
# cannot be written out as UTF-8, so every surrogate left alone becomes U+FFFD.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonSyntaxError(UnreadableError):
    """Invalid JSON, with the 1-based line and column of the problem."""

    def __init__(self, reason: str, line: int, column: int, prefix: str = "invalid JSON: ") -> None:
        super().__init__(f"{prefix}{reason} at line {line}, column {column}")
        self.reason = reason
        self.line = line
        self.column = column


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value (and, for an object member, its key) starts. 1-based.

    ``key_end_column`` is exclusive (the column after the key's closing quote).
    """

    line: int
    column: int
    key_line: int | None = None
    key_column: int | None = None
    key_end_column: int | None = None


@dataclass(frozen=True, slots=True)
class StringRun:
    """Characters of a decoded string from ``offset`` on come from the source starting at
    (``line``, ``column``), one column per character, up to the next run."""

    offset: int
    line: int
    column: int


@dataclass(slots=True)
class JsonSource:
    """The text of a JSON file and the pointer -> offset maps built while parsing."""

    text: str
    value_offsets: dict[str, int] = field(default_factory=dict)
    key_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[str] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    # -- offsets to lines ------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    # -- pointers ----------------------------------------------------------------------
    def __contains__(self, pointer: str) -> bool:
        return pointer in self.value_offsets

    def __len__(self) -> int:
        return len(self.value_offsets)

    def position(self, pointer: str) -> Position | None:
        """Where the value at ``pointer`` starts, and its key if it is an object member."""
        offset = self.value_offsets.get(pointer)
        if offset is None:
            return None
        line, column = self.line_col(offset)
        span = self.key_spans.get(pointer)
        if span is None:
            return Position(line, column)
        key_line, key_column = self.line_col(span[0])
        return Position(line, column, key_line, key_column, key_column + span[1] - span[0])

    def value_pos(self, pointer: str) -> tuple[int, int] | None:
        offset = self.value_offsets.get(pointer)
        return None if offset is None else self.line_col(offset)

    def key_pos(self, pointer: str) -> tuple[int, int] | None:
        span = self.key_spans.get(pointer)
        return None if span is None else self.line_col(span[0])

    def string_runs(self, pointer: str) -> list[StringRun] | None:
        """How the characters of the string value at ``pointer`` map to source columns.

        One run when the literal has no escape sequences; otherwise a new run starts at
        every escape and right after it, so that any character maps to its exact column
        (an escape maps to the column of its backslash). None if not a string value.
        """
        offset = self.value_offsets.get(pointer)
        if offset is None or offset >= len(self.text) or self.text[offset] != '"':
            return None
        return self.runs_at(offset)

    def runs_at(self, quote_offset: int) -> list[StringRun]:
        """String runs for the literal whose opening quote is at ``quote_offset``."""
        text = self.text
        line, column = self.line_col(quote_offset)
        # A JSON string literal cannot hold a raw line break, so it sits on one line.
        content = quote_offset + 1
        runs = [StringRun(0, line, column + 1)]
        decoded = 0
        raw = content
        while True:
            match = _STRING_SPECIAL.search(text, raw)
            if match is None or text[match.start()] == '"':
                return runs
            # The escape itself maps to its backslash, which is where the previous run
            # would put it anyway; the character after it needs a new run.
            decoded += match.start() - raw + 1
            raw = match.start() + _escape_width(text, match.start())
            runs.append(StringRun(decoded, line, column + 1 + raw - content))


def _escape_width(text: str, backslash: int) -> int:
    """Source width of the escape at ``backslash`` (a surrogate pair decodes to one char)."""
    if text[backslash + 1 : backslash + 2] != "u":
        return 2
    unit = text[backslash + 2 : backslash + 6]
    if (
        len(unit) == 4
        and unit[:2].lower() in ("d8", "d9", "da", "db")
        and text[backslash + 6 : backslash + 8] == "\\u"
        and text[backslash + 8 : backslash + 10].lower() in ("dc", "dd", "de", "df")
    ):
        return 12
    return 6


def escape_pointer_token(token: str) -> str:
    """RFC 6901: '~' is written '~0' and '/' is written '~1'."""
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    """'/a/b~1c' -> ['a', 'b/c']; '' -> []."""
    if not pointer:
        return []
    return [unescape_pointer_token(part) for part in pointer[1:].split("/")]


def resolve_pointer(value: Any, pointer: str) -> tuple[bool, Any]:
    """Follow ``pointer`` into ``value``; (False, None) when it leads nowhere."""
    current = value
    for token in split_pointer(pointer):
        if isinstance(current, dict):
            if token not in current:
                return False, None
            current = current[token]
        elif isinstance(current, list):
            if not token.isdigit() or int(token) >= len(current):
                return False, None
            current = current[int(token)]
        else:
            return False, None
    return True, current


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    pointer: str
    key: str = ""


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> tuple[Any, JsonSource]:
    """Parse ``text`` into plain Python values plus the pointer -> position maps.

    Raises ``JsonSyntaxError`` (an ``UnreadableError``) with the line and column of the
    first syntax error, or when nesting goes deeper than ``max_depth``.
    """
    source = JsonSource(text)
    return _Parser(text, source, max_depth).run(), source


class _Parser:
    def __init__(self, text: str, source: JsonSource, max_depth: int) -> None:
        self.text = text
        self.n = len(text)
        self.source = source
        self.max_depth = max_depth
        self.surrogates = _SURROGATE_ESCAPE.search(text) is not None

    def fail(self, reason: str, offset: int, prefix: str = "invalid JSON: ") -> JsonSyntaxError:
        line, column = self.source.line_col(min(offset, self.n))
        return JsonSyntaxError(reason, line, column, prefix)

    def ws(self, i: int) -> int:
        return _WS.match(self.text, i).end()  # type: ignore[union-attr]

    def string(self, i: int) -> tuple[str, int]:
        """Decode the string literal whose opening quote is at ``i``."""
        try:
            value, end = scanstring(self.text, i + 1, True)
            if self.surrogates:  # pairs were already joined by scanstring: these are alone
                value = _LONE_SURROGATE.sub("\ufffd", value)
            return value, end
        except JSONDecodeError as exc:
            reason = exc.msg.removesuffix(" at").removesuffix(" starting")
            if reason.startswith("Invalid control character"):
                reason = "raw control character (line break or tab) inside a string; write it as \\n or \\t"
            raise self.fail(reason[0].lower() + reason[1:], exc.pos) from None

    def key(self, frame: _Frame, i: int) -> tuple[str, int]:
        """Read '"key" :' at ``i``; return the child pointer and the offset of its value."""
        if i >= self.n or self.text[i] != '"':
            what = "end of input" if i >= self.n else repr(self.text[i])
            raise self.fail(f"expected a property name in double quotes, found {what}", i)
        name, end = self.string(i)
        container = frame.container
        pointer = frame.pointer + "/" + escape_pointer_token(name)
        if name in container:  # type: ignore[operator]
            self.source.duplicate_keys.append(pointer)
        self.source.key_spans[pointer] = (i, end)
        j = self.ws(end)
        if j >= self.n or self.text[j] != ":":
            raise self.fail("expected ':' after the property name", j)
        frame.key = name
        return pointer, self.ws(j + 1)

    def run(self) -> Any:
        text, n = self.text, self.n
        offsets = self.source.value_offsets
        stack: list[_Frame] = []
        root: Any = None
        i = self.ws(0)
        if i >= n:
            raise self.fail("the file is empty (no JSON value)", i)
        pointer = ""
        while True:
            # ---- parse one value at i, to be stored at ``pointer`` ----
            if i >= n:
                raise self.fail("unexpected end of input, expected a value", i)
            offsets[pointer] = i
            char = text[i]
            value: Any
            opened: _Frame | None = None
            if char == "{":
                value = {}
                opened = _Frame(value, pointer)
            elif char == "[":
                value = []
                opened = _Frame(value, pointer)
            elif char == '"':
                value, i = self.string(i)
            else:
                number = _NUMBER.match(text, i)
                if number and number.end() > i:
                    literal = number.group()
                    if number.group(1) or number.group(2):
                        value = float(literal)
                    else:
                        value = int(literal)
                    i = number.end()
                else:
                    for word, word_value in _LITERALS.items():
                        if text.startswith(word, i):
                            value = word_value
                            i += len(word)
                            break
                    else:
                        raise self.fail(f"unexpected character {text[i]!r}, expected a value", i)
            # attach the value to its parent
            if stack:
                parent = stack[-1]
                if isinstance(parent.container, dict):
                    parent.container[parent.key] = value
                else:
                    parent.container.append(value)
            else:
                root = value
            if opened is not None:
                if len(stack) >= self.max_depth:
                    raise self.fail(
                        f"JSON nested too deeply (more than {self.max_depth} levels)", i, prefix=""
                    )
                stack.append(opened)
                i = self.ws(i + 1)
                closer = "}" if char == "{" else "]"
                if i < n and text[i] == closer:
                    stack.pop()
                    i += 1
                elif char == "{":
                    pointer, i = self.key(opened, i)
                    continue
                else:
                    pointer = opened.pointer + "/0"
                    continue
            # ---- after a complete value: commas and closers ----
            while True:
                i = self.ws(i)
                if not stack:
                    if i < n:
                        raise self.fail("extra data after the JSON value", i)
                    return root
                frame = stack[-1]
                is_object = isinstance(frame.container, dict)
                char = text[i] if i < n else ""
                if char == ",":
                    i = self.ws(i + 1)
                    if is_object:
                        pointer, i = self.key(frame, i)
                    else:
                        pointer = f"{frame.pointer}/{len(frame.container)}"
                    break
                if char == ("}" if is_object else "]"):
                    stack.pop()
                    i += 1
                    continue
                if not char:
                    raise self.fail("unexpected end of input (unclosed bracket or brace)", i)
                expected = "',' or '}'" if is_object else "',' or ']'"
                raise self.fail(f"expected {expected}, found {char!r}", i)
