"""Reading order on PDF pages whose columns pdfium interleaves (formlint/readers/pdf_columns.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from formlint.model import Role
from formlint.readers.pdf_columns import Fragment, column_lines, find_gutters
from formlint.readers.pdf_text import _WORD_RUN, _char_words, char_text, words
from tests.readers.test_pdf_reader import one_page_pdf, read_bytes

LEFT = ("The applicant must sign the form before the office can review it. Send the signed form to the "
        "address on page two of these instructions. Use blue or black ink.")
RIGHT = ("Keep a copy of every page for your records. We answer most letters within thirty days of the "
         "date we receive them, and sooner when you apply online.")


def _show(x: int, y: int, text: str, size: int = 10) -> bytes:
    return b"BT /F1 %d Tf %d %d Td (%s) Tj ET" % (size, x, y, text.encode())


def two_columns(row_ordered: bool, heading: str | None = None) -> bytes:
    """A page of two columns of 10-point text, drawn a row at a time across both columns
    (as some typesetting systems do) or a column at a time."""
    left, right = textwrap.wrap(LEFT, 42), textwrap.wrap(RIGHT, 42)
    shows: list[tuple[int, int, bytes]] = []
    top = 700
    if heading:
        shows.append((-1, 0, _show(72, top, heading, 14)))
        top -= 24
    for row in range(max(len(left), len(right))):
        y = top - 12 * row
        if row < len(left):
            shows.append((0, row, _show(72, y, left[row])))
        if row < len(right):
            shows.append((1, row, _show(320, y, right[row])))
    if not row_ordered:
        shows.sort()
    return one_page_pdf(b"\n".join(show for _, _, show in shows))


def paragraphs(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data).blocks if b.role is Role.PARAGRAPH]


def test_columns_drawn_a_row_at_a_time_are_read_a_column_at_a_time() -> None:
    assert paragraphs(two_columns(row_ordered=True)) == [LEFT, RIGHT]


def test_columns_drawn_a_column_at_a_time_read_the_same() -> None:
    assert paragraphs(two_columns(row_ordered=False)) == [LEFT, RIGHT]


def test_a_heading_across_the_columns_comes_first() -> None:
    doc = read_bytes(two_columns(row_ordered=True, heading="How to send your application form today"))
    texts = [b.text for b in doc.blocks]
    assert texts == ["How to send your application form today", LEFT, RIGHT]
    assert doc.blocks[0].role is Role.HEADING


def test_a_row_of_form_labels_is_left_in_content_order() -> None:
    # Short labels with wide gaps: a form's row, not two columns of prose.
    rows = [_show(72, 700 - 30 * i, f"Name {i}") + b"\n" + _show(320, 700 - 30 * i, f"Date {i}") for i in range(6)]
    texts = [b.text for b in read_bytes(one_page_pdf(b"\n".join(rows))).blocks]
    assert texts[:2] == ["Name 0 Date 0", "Name 1 Date 1"]  # not "Name 0 Name 1 ..."


def _fragment(text: str, x0: float, top: float, width: float = 150) -> Fragment:
    return Fragment(text, x0, top, x0 + width, top + 10, measured=True)


PROSE = "words enough to read as running text"


def test_a_gutter_needs_prose_on_both_sides() -> None:
    rows = [_fragment(PROSE, 40, 100 + 12 * i) for i in range(8)] + [
        _fragment(PROSE, 240, 100 + 12 * i) for i in range(8)]
    (gutter,) = find_gutters(rows)
    assert 190 <= gutter.left < gutter.right <= 240
    short = [_fragment(PROSE, 40, 100 + 12 * i) for i in range(8)] + [
        _fragment("Yes", 240, 100 + 12 * i, 20) for i in range(8)]
    assert find_gutters(short) == []


@pytest.mark.parametrize("interleaved", [True, False])
def test_the_page_changes_only_when_content_order_jumps_across_the_gutter(interleaved: bool) -> None:
    left = [_fragment(f"left {i} {PROSE}", 40, 100 + 12 * i) for i in range(8)]
    right = [_fragment(f"right {i} {PROSE}", 240, 100 + 12 * i) for i in range(8)]
    content = [f for pair in zip(left, right) for f in pair] if interleaved else left + right
    lines = column_lines(content)
    if interleaved:
        assert lines is not None and [line.text for line in lines] == [f.text for f in left + right]
    else:
        assert lines is None


def test_a_soft_hyphen_keeps_a_line_end_inside_a_row() -> None:
    first = Fragment("infor", 40, 100, 100, 110, soft_hyphen=True, measured=True)
    second = Fragment("mation about it", 102, 100, 190, 110, measured=True)
    filler = [_fragment(f"{i} {PROSE}", 40, 112 + 12 * i) for i in range(8)]
    right = [_fragment(f"right {i} {PROSE}", 240, 100 + 12 * i) for i in range(9)]
    content = [first, right[0], second] + [f for pair in zip(filler, right[1:]) for f in pair]
    lines = column_lines(content)
    assert lines is not None
    assert [line.text for line in lines[:2]] == ["infor", "mation about it"] and lines[0].soft_hyphen


def test_text_at_absurd_coordinates_takes_no_part() -> None:
    rows = [_fragment(PROSE, 40, 100 + 12 * i) for i in range(8)] + [
        _fragment(PROSE, 240, 100 + 12 * i) for i in range(8)]
    far = [Fragment(PROSE, 1e12, 100, 1e12 + 150, 110), Fragment(PROSE, float("nan"), 100, float("inf"), 110)]
    assert find_gutters(rows + far) == find_gutters(rows) != []


FIXTURE_PDFS = sorted((Path(__file__).parents[2] / "fixtures" / "forms" / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_words_measured_by_their_ends_match_words_measured_by_every_character(path: Path) -> None:
    """words() measures a run between spaces by its first and last characters; on every
    fixture page that gives the words, and their left and right edges, of measuring each
    character of the run."""
    document = pdfium.PdfDocument(path.read_bytes())
    compared = 0
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        count = textpage.count_chars()
        if count <= 0:
            continue
        text = textpage.get_text_range(0, count)
        fast = [(w.text, round(w.x0, 2), round(w.x1, 2)) for w in words(textpage, text)]
        slow = [(w.text, round(w.x0, 2), round(w.x1, 2))
                for run in _WORD_RUN.finditer(text) for w in _char_words(textpage.raw, text, *run.span())]
        assert fast == slow
        compared += len(fast)
    assert compared > 0


def test_many_headings_across_the_columns_each_start_a_band() -> None:
    rows, expected = [], []
    for band in range(100):
        top = 100 + band * 400
        heading = Fragment(f"heading {band}", 40, top, 390, top + 10, measured=True)
        left = [_fragment(f"left {band}.{i} {PROSE}", 40, top + 24 + 12 * i) for i in range(30)]
        right = [_fragment(f"right {band}.{i} {PROSE}", 240, top + 24 + 12 * i) for i in range(30)]
        rows += [heading] + [f for pair in zip(left, right) for f in pair]
        expected += [f.text for f in [heading] + left + right]
    lines = column_lines(rows)
    assert lines is not None and [line.text for line in lines] == expected


def test_columns_above_a_worksheet_that_crosses_a_gutter_read_a_column_at_a_time() -> None:
    # Three columns drawn a row at a time, and below them a worksheet: rows across the page
    # and narrower rows across the first gutter only. The page as a whole shows the second
    # gutter alone (too many rows cross the first); the band above the worksheet shows both.
    cols = [[_fragment(f"{name} {i} {PROSE}", x0, 100 + 12 * i) for i in range(12)]
            for name, x0 in (("a", 40), ("b", 240), ("c", 440))]
    worksheet = [_fragment(f"line {j} of the worksheet, enter the amount", 40, 260 + 12 * j,
                           width=520 if j % 2 == 0 or j == 9 else 290) for j in range(10)]
    content = [f for row in zip(*cols) for f in row] + worksheet
    assert len(find_gutters(content)) == 1
    lines = column_lines(content)
    assert lines is not None
    assert [line.text for line in lines] == [f.text for f in cols[0] + cols[1] + cols[2] + worksheet]


def test_a_band_that_looks_like_columns_on_a_page_without_them_is_left_alone() -> None:
    # A form's header: two blocks of prose side by side, then lines across the page that
    # cover the strip between them. The page shows no gutter, so nothing is reordered.
    header = [_fragment(f"{side} {i} {PROSE}", x0, 100 + 12 * i) for i in range(8) for side, x0 in
              (("left", 40), ("right", 240))]
    body = [_fragment(f"question {j} {PROSE}", 40, 220 + 12 * j, width=350) for j in range(30)]
    assert find_gutters(header) != [] and find_gutters(header + body) == []
    assert column_lines(header + body) is None


@pytest.mark.parametrize("path", FIXTURE_PDFS, ids=lambda p: p.name)
def test_a_page_read_a_character_at_a_time_is_its_text(path: Path) -> None:
    """char_text reads one character per pdfium index; where pdfium's text leaves none out
    (every fixture page) the two are the same."""
    document = pdfium.PdfDocument(path.read_bytes())
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        count = textpage.count_chars()
        assert char_text(textpage.raw, count) == textpage.get_text_range(0, count)
