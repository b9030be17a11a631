"""Plain-text guidance: paragraphs split on blank lines, bulleted lines as list items."""

from __future__ import annotations

import re

from formlint.model import Document, Format, Role, UnreadableError
from formlint.readers.base import ReadOptions, decode_text, looks_binary
from formlint.readers.blockbuilder import BlockBuilder

BULLET = re.compile(r"^(\s*)(?:[-*\u2022\u25aa\u25cf]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
HEADING_MAX_WORDS = 10


def read_text(data: bytes, path: str, options: ReadOptions) -> Document:
    if looks_binary(data):
        raise UnreadableError("not a text file: binary data")
    text = decode_text(data)
    doc = Document(path=path, format=Format.TEXT)
    paragraph: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            paragraph.append((number, line))
            continue
        _flush(doc, paragraph)
        paragraph = []
    _flush(doc, paragraph)
    headings = [b for b in doc.blocks if b.role is Role.HEADING]
    doc.title = headings[0].text if headings and doc.blocks[0] is headings[0] else None
    doc.language = None
    return doc


def _flush(doc: Document, lines: list[tuple[int, str]]) -> None:
    """Turn one blank-line-separated paragraph into blocks."""
    if not lines:
        return
    section = _current_section(doc)
    if len(lines) == 1 and _looks_like_heading(lines[0][1]):
        builder = BlockBuilder(doc.path, Role.HEADING)
        number, line = lines[0]
        builder.add(line, number, 1)
        _append(doc, builder)
        return
    builder = BlockBuilder(doc.path, Role.PARAGRAPH, section=section)
    for number, line in lines:
        bullet = BULLET.match(line)
        if bullet:
            # Each bulleted line starts its own list item: list items are sentences of their own.
            _append(doc, builder)
            builder = BlockBuilder(doc.path, Role.LIST_ITEM, section=section)
            builder.add(line[bullet.end():], number, bullet.end() + 1)
            continue
        builder.add(line, number, 1)
        builder.space()
    _append(doc, builder)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    return not stripped.endswith((".", ",", ";", ":", "?", "!")) or stripped.isupper()


def _current_section(doc: Document) -> str | None:
    for block in reversed(doc.blocks):
        if block.role is Role.HEADING:
            return block.text
    return None


def _append(doc: Document, builder: BlockBuilder) -> None:
    block = builder.build()
    if block is not None:
        doc.blocks.append(block)
