"""Build a TextBlock from pieces of source text, keeping a map back to each piece.

Text readers (Markdown, plain text, XML) see prose as runs of source characters
separated by markup or line breaks. Each run becomes an Anchor so that a finding on
any span of the joined text points at the exact line and column in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from formlint.model import Anchor, Location, Role, TextBlock


@dataclass
class BlockBuilder:
    path: str
    role: Role
    section: str | None = None
    field_id: str | None = None
    _parts: list[str] = field(default_factory=list)
    _anchors: list[Anchor] = field(default_factory=list)
    _length: int = 0
    _pending_space: bool = False

    def add(self, text: str, line: int, column: int) -> None:
        """Append a run of source text that starts at (line, column), 1-based.

        Whitespace inside the run is kept as is except newlines, which read as spaces;
        a run that is only whitespace becomes a single pending space.
        """
        if not text:
            return
        stripped = text.lstrip()
        if not stripped:
            self._pending_space = self._length > 0
            return
        lead = len(text) - len(stripped)
        if lead and self._length:
            self._pending_space = True
        if self._pending_space and self._length and not self._parts[-1].endswith(" "):
            self._parts.append(" ")
            self._length += 1
        self._pending_space = False
        column += lead
        # A run may span lines (e.g. an XML text node); anchor each line separately.
        segments = stripped.split("\n")
        for index, segment in enumerate(segments):
            if index:
                line += 1
                column = 1
                indent = len(segment) - len(segment.lstrip())
                segment = segment.lstrip()
                column += indent
                if not segment:
                    continue
                if self._length and not self._parts[-1].endswith(" "):
                    self._parts.append(" ")
                    self._length += 1
            if not segment:
                continue
            trailing = len(segment) - len(segment.rstrip())
            body = segment.rstrip()
            if not body:
                continue
            self._anchors.append(Anchor(self._length, line=line, column=column))
            self._parts.append(body.replace("\t", " ").replace("\r", " "))
            self._length += len(body)
            if trailing:
                self._pending_space = True

    def space(self) -> None:
        """A soft break between runs (a newline in the source, a removed tag)."""
        if self._length:
            self._pending_space = True

    @property
    def empty(self) -> bool:
        return self._length == 0

    def build(self) -> TextBlock | None:
        if self.empty:
            return None
        text = "".join(self._parts)
        first = self._anchors[0]
        location = Location(self.path, line=first.line, column=first.column, field=self.field_id)
        return TextBlock(
            text=text,
            role=self.role,
            location=location,
            anchors=list(self._anchors),
            field_id=self.field_id,
            section=self.section,
        )
