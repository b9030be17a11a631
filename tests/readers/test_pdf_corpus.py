"""The PDF reader against the real forms of the shared corpus (skipped when it is absent).

Expected values come from the corpus MANIFEST.tsv notes: ``pages=N``,
``acroform_fields=N (Btn:a,Tx:b,...)``, ``xfa=yes|no`` and ``title='...'`` (cut at 70
characters there).
"""

from __future__ import annotations

import collections
import csv
import io
import re
from functools import lru_cache
from pathlib import Path

import pytest

from formlint.model import Document
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from tests.conftest import CORPUS

MANIFEST = CORPUS / "MANIFEST.tsv"

pytestmark = pytest.mark.corpus


def _manifest_rows() -> list[dict[str, str]]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["file"].endswith(".pdf")]


ROWS = _manifest_rows()
FIELD_ROWS = [row for row in ROWS if re.search(r"acroform_fields=\d+", row["notes"])]


def _ids(rows: list[dict[str, str]]) -> list[str]:
    return [Path(row["file"]).name for row in rows]


@lru_cache(maxsize=None)
def _read(relative: str) -> Document:
    return read_pdf((CORPUS / relative).read_bytes(), relative, ReadOptions())


def _note(row: dict[str, str], pattern: str) -> re.Match[str] | None:
    return re.search(pattern, row["notes"])


@pytest.mark.parametrize("row", FIELD_ROWS, ids=_ids(FIELD_ROWS))
def test_terminal_field_count_matches_manifest(corpus_dir: Path, row: dict[str, str]) -> None:
    match = _note(row, r"acroform_fields=(\d+)")
    assert match is not None
    expected = int(match.group(1))
    doc = _read(row["file"])
    assert len(doc.fields) == expected
    assert doc.pdf is not None and doc.pdf.field_count == expected
    assert len({f.id for f in doc.fields}) == expected  # full names are unique in these forms


@pytest.mark.parametrize("row", FIELD_ROWS, ids=_ids(FIELD_ROWS))
def test_field_types_match_manifest(corpus_dir: Path, row: dict[str, str]) -> None:
    match = _note(row, r"acroform_fields=(\d+)(?: \(([^)]*)\))?")
    assert match is not None
    breakdown = match.group(2)
    parts = breakdown.split(",") if breakdown else []
    expected = {kind: int(count) for kind, count in (part.split(":") for part in parts)}
    assert sum(expected.values()) == int(match.group(1))
    doc = _read(row["file"])
    assert dict(collections.Counter(f.attributes["pdf_type"] for f in doc.fields)) == expected


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_pages_xfa_and_title_match_manifest(corpus_dir: Path, row: dict[str, str]) -> None:
    doc = _read(row["file"])
    pages = _note(row, r"pages=(\d+)")
    if pages:
        assert doc.page_count == int(pages.group(1))
        assert doc.pdf is not None and len(doc.pdf.pages) == doc.page_count
    xfa = _note(row, r"xfa=(yes|no)")
    if xfa:
        assert doc.pdf is not None and doc.pdf.xfa_present is (xfa.group(1) == "yes")
    title = _note(row, r"title='(.*?)'; lang=")
    if title:
        assert doc.title is not None and doc.title.startswith(title.group(1).rstrip())


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_text_layer_and_widgets_are_placed(corpus_dir: Path, row: dict[str, str]) -> None:
    doc = _read(row["file"])
    assert doc.pdf is not None
    if "text-layer" in row["notes"]:
        assert doc.metadata["has_text"] and doc.prose()
        assert doc.metadata["image_only_pages"] == []
        for block in doc.blocks[:50]:
            assert block.location.page is not None and block.location.bbox is not None
            assert block.anchors and all(a.page == block.location.page for a in block.anchors)
    for field in doc.fields:
        assert field.widgets, field.id
        assert field.location.page == field.widgets[0].page and field.location.field == field.id
        page = doc.pdf.pages[field.location.page - 1]  # type: ignore[operator]
        x0, top, x1, bottom = field.widgets[0].bbox
        assert -1 <= x0 <= x1 <= page.width + 1 and -1 <= top <= bottom <= page.height + 1


def test_scanned_document_is_image_only(corpus_dir: Path) -> None:
    doc = _read("pdf-flat/plain-critics-scanned.pdf")
    assert doc.metadata["has_text"] is False
    assert doc.metadata["image_only_pages"] == list(range(1, 38))
    assert doc.blocks == []


def test_xfa_forms_name_their_fields(corpus_dir: Path) -> None:
    doc = _read("pdf-fillable/irs-f1040-2025.pdf")
    assert doc.pdf is not None and doc.pdf.xfa_present and not doc.pdf.xfa_dynamic
    assert doc.pdf.xfa_named_fields == len(doc.fields) == 199
    ssn = next(f for f in doc.fields if f.id.endswith("Page1[0].f1_16[0]"))
    assert ssn.label == "Your social security number"
    assert ssn.attributes["xfa_name"] == "Your social security number."


def test_owner_password_encrypted_forms_are_read(corpus_dir: Path) -> None:
    doc = _read("pdf-fillable/ssa-ss5-2011-xfa.pdf")
    assert doc.pdf is not None and doc.pdf.encrypted and doc.pdf.permissions is not None
    assert len(doc.fields) == 73 and doc.title == "Application for Social Security Card"


@pytest.mark.parametrize(
    "relative",
    ["pdf-fillable/ssa-ss5-2011-xfa.pdf", "pdf-fillable/irs-f1040sse-2025.pdf", "pdf-fillable/frtib-tsp-21-r-cl.pdf"],
)
def test_fast_object_parser_matches_pdfminer_on_real_files(corpus_dir: Path, relative: str) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    from formlint.readers.pdf_fastparse import FastPDFDocument

    def same(a: object, b: object) -> bool:
        if type(a) is not type(b):
            return False
        if isinstance(a, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)  # type: ignore[attr-defined,index]
        if isinstance(a, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
        if isinstance(a, PDFObjRef):
            return a.objid == b.objid  # type: ignore[attr-defined]
        if isinstance(a, PDFStream):
            return same(a.attrs, b.attrs) and a.rawdata == b.rawdata  # type: ignore[attr-defined]
        return a is b or a == b

    data = (CORPUS / relative).read_bytes()
    slow = PDFDocument(PDFParser(io.BytesIO(data)))
    fast = FastPDFDocument(data)
    objids = sorted({objid for xref in slow.xrefs for objid in xref.get_objids()})
    assert len(objids) > 50

    def get(document: PDFDocument, objid: int) -> object:
        try:
            return document.getobj(objid)
        except Exception as exc:  # noqa: BLE001 - both parsers must fail alike
            return ("error", type(exc).__name__)

    mismatches = [objid for objid in objids if not same(get(slow, objid), get(fast, objid))]
    assert mismatches == []


def test_instructions_typeset_a_row_at_a_time_read_a_column_at_a_time(corpus_dir: Path) -> None:
    # The 2007 Form 1040NR instructions draw each row across all three columns; pdfium
    # joined them ("... and dividends not reported on Form Example 2. Assume ...").
    doc = _read("pdf-flat/irs-i1040nr-2007-instructions.pdf")
    page = [b.text for b in doc.blocks if b.location.page == 11]
    assert any(text.startswith("credit union, or similar institution, and from certain deposits with U.S. "
                               "insurance companies, is tax exempt to a nonresident alien") for text in page)
    assert any(text.startswith("• Dividends you received as a nominee. See chapter 1 in Pub. 550.") for text in page)
    assert not any("Form Example 2" in text for text in page)


@pytest.mark.parametrize(("page", "start"), [
    # A worksheet across all three columns crosses the first gutter more often than a page
    # allows: the band above it finds the gutter on its own.
    (19, "Qualified Dividends and Capital Gain Tax Worksheet. If you do not have to use the Schedule D Tax "
         "Worksheet (see above) and any of the following apply, use the worksheet below to figure your tax."),
    # pdfium leaves two bullets (U+0002) out of this page's text, so its text does not line
    # up with the character indexes: the page is read a character at a time for its columns.
    (16, "Line 28\u2014Self-employed health insurance deduction. If you were self-employed and had a net "
         "profit for the year, you may be able to deduct the amount you paid for health insurance"),
    # A sample check and short lines: only a fifth of the page's lines cross a gutter.
    (24, "Fast Refunds! Choose direct deposit\u2013a fast, simple, safe, secure way to have your refund "
         "deposited automatically to your checking or savings account"),
])
def test_instruction_pages_with_a_worksheet_or_a_sample_check_read_a_column_at_a_time(
        corpus_dir: Path, page: int, start: str) -> None:
    doc = _read("pdf-flat/irs-i1040nr-2007-instructions.pdf")
    assert any(b.text.startswith(start) for b in doc.blocks if b.location.page == page)


def test_a_form_whose_header_alone_looks_like_columns_keeps_its_order(corpus_dir: Path) -> None:
    # Two blocks of the Form 1040 header sit side by side like columns, but the page has none:
    # it must not be read as columns (the question below once came out in pieces).
    doc = _read("pdf-fillable/irs-f1040-2024-pypdfform-issue939.pdf")
    assert any(b.text.startswith("At any time during 2024, did you: (a) receive (as a reward, award, or payment "
                                 "for property or services); or (b) sell, exchange, or otherwise dispose of a "
                                 "digital asset") for b in doc.blocks if b.location.page == 1)


def test_headings_and_paragraphs_without_a_gap_below_stay_apart(corpus_dir: Path) -> None:
    # Each of these followed the line above it without a gap, so it was read into the previous
    # paragraph: the heading into the first sentence below it, the list's last item into the
    # paragraph after the list, and the IRS run-in heading into the paragraph before.
    expected = [
        ("pdf-flat/frtib-tsp-536-tax-notice.pdf", 2, "Tax Reporting", True),
        ("pdf-fillable/ssa-ss5-2011-xfa.pdf", 2, "\u25cf U.S. passport", True),
        ("pdf-flat/irs-i1040nr-2007-instructions.pdf", 22, "Line 56\u2014Transportation tax. Nonresident alien", False),
    ]
    for relative, page, start, whole in expected:
        texts = [b.text for b in _read(relative).blocks if b.location.page == page]
        assert any(text == start if whole else text.startswith(start) for text in texts), (relative, start)
