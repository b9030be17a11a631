"""The plain-text reader: paragraphs on blank lines, headings, list items, positions."""

from __future__ import annotations

import pytest

from formlint.model import Document, Role, UnreadableError
from formlint.readers.base import ReadOptions
from formlint.readers.text import read_text

NOTICE = """RENEWAL NOTICE

Pursuant to program rules, you must
utilize the enclosed form.

- Bring your ID.
* Bring a copy.
  1. Numbered item here.
(a) Lettered item.
\u2022 Bullet character item.

Short heading

Last paragraph, after a heading.
"""


def read(source: str) -> Document:
    return read_text(source.encode("utf-8"), "notice.txt", ReadOptions())


@pytest.fixture(scope="module")
def doc() -> Document:
    return read(NOTICE)


def test_blocks(doc: Document) -> None:
    assert [(b.role, b.text) for b in doc.blocks] == [
        (Role.HEADING, "RENEWAL NOTICE"),
        (Role.PARAGRAPH, "Pursuant to program rules, you must utilize the enclosed form."),
        (Role.LIST_ITEM, "Bring your ID."),
        (Role.LIST_ITEM, "Bring a copy."),
        (Role.LIST_ITEM, "Numbered item here."),
        (Role.LIST_ITEM, "Lettered item."),
        (Role.LIST_ITEM, "Bullet character item."),
        (Role.HEADING, "Short heading"),
        (Role.PARAGRAPH, "Last paragraph, after a heading."),
    ]


def test_title_and_sections(doc: Document) -> None:
    assert doc.title == "RENEWAL NOTICE"
    assert doc.blocks[1].section == "RENEWAL NOTICE" and doc.blocks[-1].section == "Short heading"


@pytest.mark.parametrize(
    "block_index, word, line, column",
    [
        (1, "Pursuant", 3, 1),
        (1, "utilize", 4, 1),  # the second line of a paragraph
        (1, "form", 4, 22),
        (2, "Bring", 6, 3),  # after the bullet
        (4, "Numbered", 8, 6),  # an indented numbered item
        (5, "Lettered", 9, 5),
    ],
)
def test_positions(doc: Document, block_index: int, word: str, line: int, column: int) -> None:
    block = doc.blocks[block_index]
    start = block.text.index(word)
    loc = block.location_at(start, start + len(word))
    assert (loc.line, loc.column, loc.end_column) == (line, column, column + len(word))
    assert NOTICE.split("\n")[line - 1][column - 1:column - 1 + len(word)] == word


def test_a_sentence_on_its_own_line_is_not_a_heading() -> None:
    assert [b.role for b in read("Please sign the form.\n\nNext.\n").blocks] == [Role.PARAGRAPH, Role.PARAGRAPH]


def test_binary_data_is_unreadable() -> None:
    with pytest.raises(UnreadableError):
        read_text(b"\x00\xff\x00\xfe" * 100, "x.txt", ReadOptions())
