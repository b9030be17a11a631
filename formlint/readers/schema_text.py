"""TextBlocks from JSON string values, with anchors that map back to exact columns.

A JSON string sits on one source line. Its decoded text maps to the source one column per
character except at escape sequences (``\\n``, ``\\u00e9`` ...), where ``JsonSource``
starts a new run. On top of that the builder collapses whitespace and, for strings that
hold HTML (CMS MDCT templates), drops tags and decodes entities; every time the output
stops following the source column by column a new Anchor starts, so
``block.location_at(start, end)`` always lands on the right characters.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from formlint.model import Anchor, Location, Role, TextBlock
from formlint.readers.json_positions import JsonSource, StringRun

_PLAIN_TOKENS = re.compile(r"\s+|\S+")
_HTML_TOKENS = re.compile(
    r"<[^<>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|\s+|[^<&\s]+|[<&]"
)
_BLOCK_TAG = re.compile(r"</?\s*(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|hr)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Segment:
    text: str
    decoded_start: int  # index in the decoded string of the first character
    runs: list[StringRun]


@dataclass(slots=True)
class _Builder:
    segments: list[_Segment] = field(default_factory=list)
    length: int = 0
    last_space: bool = True  # so leading whitespace is dropped

    def add(self, text: str, start: int, runs: list[StringRun]) -> None:
        self.segments.append(_Segment(text, start, runs))
        self.length += len(text)
        self.last_space = text.endswith(" ")

    def space(self, start: int, runs: list[StringRun]) -> None:
        if not self.last_space:
            self.add(" ", start, runs)

    def feed(self, decoded: str, runs: list[StringRun], is_html: bool) -> None:
        pattern = _HTML_TOKENS if is_html else _PLAIN_TOKENS
        for match in pattern.finditer(decoded):
            token = match.group()
            start = match.start()
            if token[0].isspace():
                self.space(start, runs)
            elif is_html and token[0] == "<" and len(token) > 1:
                if _BLOCK_TAG.match(token):
                    self.space(start, runs)
            elif is_html and token[0] == "&" and len(token) > 1:
                char = html.unescape(token)
                if char.isspace() or char == "\xa0":
                    self.space(start, runs)
                else:
                    self.add(char[:1], start, runs)
            else:
                self.add(token, start, runs)

    def finish(self) -> tuple[str, list[Anchor]]:
        while self.segments and self.segments[-1].text == " ":
            self.segments.pop()
        text_parts: list[str] = []
        anchors: list[Anchor] = []
        out = 0
        for segment in self.segments:
            _anchor_segment(segment, out, anchors)
            text_parts.append(segment.text)
            out += len(segment.text)
        return "".join(text_parts), anchors


def _anchor_segment(segment: _Segment, out: int, anchors: list[Anchor]) -> None:
    """Anchors for one output segment that follows the decoded string from ``decoded_start``."""
    runs = segment.runs
    if not runs:
        return
    start = segment.decoded_start
    end = start + len(segment.text)
    index = max(bisect.bisect_right([run.offset for run in runs], start) - 1, 0)
    for run in runs[index:]:
        begin = max(run.offset, start)
        if begin >= end:
            break
        _push(anchors, Anchor(out + begin - start, run.line, run.column + begin - run.offset))


def _push(anchors: list[Anchor], anchor: Anchor) -> None:
    """Add an anchor unless the previous one already predicts this position."""
    if anchors:
        last = anchors[-1]
        if last.offset == anchor.offset:
            anchors[-1] = anchor
            return
        if (
            last.line == anchor.line
            and last.column is not None
            and anchor.column is not None
            and last.column + (anchor.offset - last.offset) == anchor.column
        ):
            return
    anchors.append(anchor)


def text_with_anchors(
    pieces: Iterable[tuple[str, list[StringRun]]], is_html: bool = False
) -> tuple[str, list[Anchor]]:
    """Join decoded strings (each with its runs) into clean text plus anchors.

    Whitespace runs become one space; leading and trailing whitespace goes. Pieces are
    joined without a separator (inline pieces carry their own spaces).
    """
    builder = _Builder()
    for decoded, runs in pieces:
        builder.feed(decoded, runs, is_html)
    return builder.finish()


_UNTIDY = re.compile(r"\s\s|[^\S ]")


def _is_tidy(value: str) -> bool:
    """No leading, trailing or repeated whitespace, and no tabs or line breaks."""
    return value == value.strip() and not _UNTIDY.search(value)


class BlockMaker:
    """Makes TextBlocks from string values of one JSON file, once per source string."""

    def __init__(self, path: str, source: JsonSource) -> None:
        self.path = path
        self.source = source
        self.blocks: list[TextBlock] = []
        self._seen: set[tuple[str, Role]] = set()

    def text(self, value: object, pointer: str, is_html: bool = False) -> tuple[str, list[Anchor]] | None:
        """Clean text and anchors for the string ``value`` found at file ``pointer``."""
        if not isinstance(value, str) or not value.strip():
            return None
        runs = self.source.string_runs(pointer)
        if runs is None:  # not in the file (should not happen): no column mapping
            return " ".join(value.split()), []
        if len(runs) == 1 and not (is_html and ("<" in value or "&" in value)) and _is_tidy(value):
            return value, [Anchor(0, runs[0].line, runs[0].column)]  # the common case, fast
        return text_with_anchors([(value, runs)], is_html)

    def add(
        self,
        value: object,
        pointer: str,
        role: Role,
        *,
        location_pointer: str | None = None,
        field_id: str | None = None,
        section: str | None = None,
        is_html: bool = False,
    ) -> TextBlock | None:
        """A block for the string at ``pointer``, unless that string already made one."""
        key = (pointer, role)
        if key in self._seen:
            return None
        made = self.text(value, pointer, is_html)
        if made is None or not made[0]:
            return None
        self._seen.add(key)
        return self.add_text(made[0], made[1], role, location_pointer or pointer, field_id, section)

    def add_pieces(
        self,
        pieces: list[tuple[object, str]],
        role: Role,
        *,
        location_pointer: str,
        field_id: str | None = None,
        section: str | None = None,
        is_html: bool = False,
    ) -> TextBlock | None:
        """One block from several inline strings (value, pointer), joined as written."""
        decoded: list[tuple[str, list[StringRun]]] = []
        for value, pointer in pieces:
            if not isinstance(value, str):
                continue
            runs = self.source.string_runs(pointer) or []
            decoded.append((value, runs))
        text, anchors = text_with_anchors(decoded, is_html)
        if not text:
            return None
        key = (pieces[0][1], role)
        if key in self._seen:
            return None
        self._seen.add(key)
        return self.add_text(text, anchors, role, location_pointer, field_id, section)

    def add_text(
        self,
        text: str,
        anchors: list[Anchor],
        role: Role,
        location_pointer: str,
        field_id: str | None,
        section: str | None,
    ) -> TextBlock:
        first = anchors[0] if anchors else None
        location = Location(
            self.path,
            line=first.line if first else None,
            column=first.column if first else None,
            pointer=location_pointer,
            field=field_id,
        )
        block = TextBlock(text, role, location, anchors, field_id=field_id, section=section)
        if anchors:
            block.location = block.location_at(0, len(text))
        self.blocks.append(block)
        return block
