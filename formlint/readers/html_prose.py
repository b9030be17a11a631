"""Turn the text events of an HTML page into TextBlocks with exact anchors.

The parser hands over text runs as they appear in the source (with their line and
column) and entities one by one (``convert_charrefs=False``), so every character of a
block can be traced back to where it was written even when ``<a>``, ``<strong>`` or
``&amp;`` split a sentence. Whitespace is collapsed as a browser renders it: a block's
text is its words separated by single spaces. A new Anchor starts at every piece of
text that is not the continuation of the previous one on the same source line, so
``TextBlock.location_at`` is exact for any span.

Template expressions (neutralised to ``{{   }}``) and URLs are not prose: they are
dropped from the text, with the whitespace around them collapsed ("Hello {{ name }},
welcome" reads "Hello, welcome").
"""

from __future__ import annotations

import re
from typing import Any

from formlint.model import Anchor, Location, Role, TextBlock

# A stretch of words joined by single in-line spaces: one contiguous source run.
_CHUNK = re.compile(r"[^ \t\n\r\f]+(?:[ \t\r\f][^ \t\n\r\f]+)*")
_DROP = re.compile(r"\{\{\s*\}\}|(?:https?://|www\.)[^\s<>\"'{}]*[^\s<>\"'{}.,;:!?)\]]", re.IGNORECASE)
_TO_SPACE = str.maketrans({"\t": " ", "\r": " ", "\f": " ", "\xa0": " "})
_SPACES = frozenset(" \t\n\r\f\xa0")
_CLOSING = frozenset(",.;:!?)]}")


class ProseBuilder:
    """Accumulates the text of one block at a time; a block ends on ``flush``.

    ``owner`` is the element whose role the text has (the <label>, the <li>, the <p>);
    a change of owner, role or declared language ends the block. ``owners[i]`` is the owner of
    ``blocks[i]``, kept so the reader can tie labels and hints to their fields.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.blocks: list[TextBlock] = []
        self.owners: list[Any] = []
        self.section: str | None = None
        self._parts: list[str] = []
        self._anchors: list[Anchor] = []
        self._length = 0
        self._space = False
        self._role: Role | None = None
        self._owner: Any = None
        self._language: str | None = None

    def space(self) -> None:
        """Something that reads as a space: a <br>, a dropped element."""
        self._space = True

    def text(self, data: str, line: int, column: int, role: Role, owner: Any, language: str | None = None) -> None:
        """Add a run of source text that starts at (line, column), 1-based."""
        if owner is not self._owner or role is not self._role or language != self._language:
            self.flush()
            self._role, self._owner, self._language = role, owner, language
        droppable = "{{" in data or "://" in data or "www." in data or "WWW." in data
        if not droppable and "\n" not in data:
            # Fast path for the common run: one source line, no template, no URL.
            body = data.strip(" \t\r\f")
            if not body:
                self._space = True
                return
            if "  " not in body and "\t" not in body and "\f" not in body and "\r" not in body:
                lead = len(data) - len(data.lstrip(" \t\r\f"))
                if lead:
                    self._space = True
                self._append(body.replace("\xa0", " ") if "\xa0" in body else body, line, column + lead)
                if lead + len(body) != len(data):
                    self._space = True
                return
        cursor = _Cursor(line, column)
        if droppable:
            position = 0
            for match in _DROP.finditer(data):
                self._segment(data, position, match.start(), cursor)
                position = match.end()
                # "Hello {{ name }}, welcome" reads "Hello, welcome"
                if position < len(data) and data[position] in _CLOSING:
                    self._space = False
            self._segment(data, position, len(data), cursor)
        else:
            self._segment(data, 0, len(data), cursor)

    def char(self, char: str, line: int, column: int, role: Role, owner: Any, language: str | None = None) -> None:
        """Add the character(s) an entity or character reference stands for."""
        if owner is not self._owner or role is not self._role or language != self._language:
            self.flush()
            self._role, self._owner, self._language = role, owner, language
        if not char or all(c in _SPACES for c in char):
            self._space = True
            return
        self._append(char, line, column)

    def _segment(self, data: str, start: int, end: int, cursor: _Cursor) -> None:
        last = start
        for match in _CHUNK.finditer(data, start, end):
            begin = match.start()
            if begin != last:
                self._space = True
            line, column = cursor.at(data, begin)
            self._append(match.group().translate(_TO_SPACE), line, column)
            last = match.end()
        if last != end:
            self._space = True

    def _append(self, text: str, line: int, column: int) -> None:
        if self._space and self._length:
            self._parts.append(" ")
            self._length += 1
        self._space = False
        self._anchors.append(Anchor(self._length, line, column))
        self._parts.append(text)
        self._length += len(text)

    def flush(self) -> None:
        """End the current block (if it has any text)."""
        if not self._length:
            self._space = False
            return
        self._emit()
        self._parts = []
        self._anchors = []
        self._length = 0
        self._space = False

    def _emit(self) -> None:
        text = "".join(self._parts)
        first, last = self._anchors[0], self._anchors[-1]
        assert last.column is not None  # every HTML anchor has a column
        location = Location(
            self.path,
            line=first.line,
            column=first.column,
            end_line=last.line,
            end_column=last.column + (self._length - last.offset),
        )
        role = self._role or Role.PARAGRAPH
        if role is Role.HEADING:
            self.section = text
        section = None if role is Role.TITLE else self.section
        self.blocks.append(TextBlock(text, role, location, self._anchors, section=section, language=self._language))
        self.owners.append(self._owner)


class _Cursor:
    """Line and column of offsets in one text run, advanced left to right in O(n)."""

    __slots__ = ("line", "line_start", "offset")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.line_start = 1 - column  # so that column(offset) = offset - line_start + 1
        self.offset = 0

    def at(self, data: str, offset: int) -> tuple[int, int]:
        newlines = data.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = data.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1
