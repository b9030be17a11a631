"""The Markdown reader: prose blocks with exact positions; markup, code and templates left out."""

from __future__ import annotations

import pytest

from formlint.model import Document, Role, Suppression, UnreadableError
from formlint.readers.base import ReadOptions
from formlint.readers.markdown import read_markdown

PAGE = """---
title: How to apply
layout: page
---

# Apply for help {#apply}

Please {% include note.html %} utilize the **enclosed** envelope
and [mail it](https://example.gov/mail) to us.{: .lead}

- First item with `code` here.
- Second item ![alt text](x.png) ends.

| Column | Other |
|---|---|
| Cell text | B |

```
utilize in a fence
```

    utilize in an indented block

<!-- formlint-disable-next-line plain/simple-words -->
Utilize this line.

<!-- formlint-disable plain -->
Off here.
<!-- formlint-enable plain -->

{{ page.footer }}
"""


def read(source: str) -> Document:
    return read_markdown(source.encode("utf-8"), "page.md", ReadOptions())


def source_at(source: str, line: int, column: int, length: int) -> str:
    return source.split("\n")[line - 1][column - 1:column - 1 + length]


@pytest.fixture(scope="module")
def doc() -> Document:
    return read(PAGE)


def test_blocks_roles_and_text(doc: Document) -> None:
    assert [(b.role, b.text) for b in doc.blocks] == [
        (Role.HEADING, "Apply for help"),
        (Role.PARAGRAPH, "Please utilize the enclosed envelope and mail it to us."),
        (Role.LIST_ITEM, "First item with code here."),
        (Role.LIST_ITEM, "Second item ends."),
        (Role.TABLE_CELL, "Column"),
        (Role.TABLE_CELL, "Other"),
        (Role.TABLE_CELL, "Cell text"),
        (Role.TABLE_CELL, "B"),
        (Role.PARAGRAPH, "Utilize this line."),
        (Role.PARAGRAPH, "Off here."),
    ]


def test_title_comes_from_front_matter_and_sections_from_headings(doc: Document) -> None:
    assert doc.title == "How to apply"
    assert {b.section for b in doc.blocks[1:]} == {"Apply for help"}


@pytest.mark.parametrize(
    "block_index, word, line, column",
    [
        (1, "utilize", 8, 32),  # after a blanked Liquid tag, the column is the file's
        (1, "enclosed", 8, 46),  # inside **bold**
        (1, "mail", 9, 6),  # link text, on the second line of the paragraph
        (1, "to us", 9, 41),  # after the link target
        (2, "here", 11, 26),  # after inline code
        (3, "ends", 12, 34),  # after an image
        (6, "Cell text", 16, 3),
    ],
)
def test_every_word_points_at_its_place_in_the_file(doc: Document, block_index: int, word: str, line: int,
                                                     column: int) -> None:
    block = doc.blocks[block_index]
    start = block.text.index(word)
    loc = block.location_at(start, start + len(word))
    assert (loc.line, loc.column, loc.end_column) == (line, column, column + len(word))
    assert source_at(PAGE, line, column, len(word)) == word


def test_code_front_matter_templates_links_and_attributes_are_not_prose(doc: Document) -> None:
    text = " ".join(b.text for b in doc.blocks)
    for absent in ("fence", "indented", "layout", "include", "footer", "https", "example.gov", "alt text",
                   "{#apply}", ".lead", "{"):
        assert absent not in text


def test_suppression_comments(doc: Document) -> None:
    assert doc.suppressions == [
        Suppression(frozenset({"plain/simple-words"}), start_line=25, end_line=25),
        Suppression(frozenset({"plain"}), start_line=27, end_line=29),
    ]


def test_an_unclosed_disable_runs_to_the_end() -> None:
    doc = read("<!-- formlint-disable -->\n\nAll off.\n")
    assert doc.suppressions == [Suppression(frozenset(), start_line=1, end_line=None)]


def test_kramdown_extensions_are_blanked() -> None:
    doc = read("Apply now:{::nomarkdown} Indian probate proceedings; and more. {:/}\n\nDone {: .example}\n")
    assert [b.text for b in doc.blocks] == ["Apply now: Indian probate proceedings; and more.", "Done"]


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    assert read("Intro.\n\n## Second\n\n# First\n").title == "Second"


def test_windows_line_endings() -> None:
    block = read("# T\r\n\r\nOne two\r\nthree.\r\n").blocks[1]
    start = block.text.index("three")
    assert (block.location_at(start).line, block.location_at(start).column) == (4, 1)


def test_each_table_cell_points_at_its_own_place_when_cells_repeat_words() -> None:
    """A "Don't say | Say" table repeats the first cell's words in the second: each cell's
    words must point at the second cell, not at the first cell's copy."""
    first = "Lessees and operators are responsible for restoring the site."
    source = f"# T\n\nDon't say | Say\n---- | ----\n{first} | {first} You must monitor the operator.\n"
    cells = [b for b in read(source).blocks if b.role is Role.TABLE_CELL]
    row = source.splitlines()[4]
    assert [b.text for b in cells][-2:] == [first, f"{first} You must monitor the operator."]
    columns = [b.location_at(b.text.index("responsible")).column for b in cells[-2:]]
    assert columns == [row.index("responsible") + 1, row.rindex("responsible") + 1]
    assert cells[-1].location_at(cells[-1].text.index("monitor")).column == row.index("monitor") + 1


def test_binary_data_is_unreadable() -> None:
    with pytest.raises(UnreadableError):
        read_markdown(b"\x00\x01\x02PK\x03\x04" * 50, "x.md", ReadOptions())


@pytest.mark.parametrize("front, language", [
    ("---\ntitle: Solicitud\nlang: es\n---\n", "es"),
    ("---\nlanguageCode: 'es-US'\n---\n", "es-US"),
    ('+++\nlang = "es"\n+++\n', "es"),
    ("---\ntitle: Apply\n---\n", None),
    ("", None),
])
def test_the_language_comes_from_front_matter(front: str, language: str | None) -> None:
    doc = read_markdown((front + "# Title\n\nText.\n").encode(), "a.md", ReadOptions())
    assert doc.language == language
