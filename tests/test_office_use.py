"""The staff's part of a PDF page, below "DO NOT WRITE BELOW THIS LINE", is not judged as
writing for the public (formlint.office_use)."""

from __future__ import annotations

from formlint.engine import lint_document
from formlint.model import Document, Format, Location, Role, TextBlock
from formlint.office_use import office_use, office_use_blocks
from tests.helpers import runtime_for

RULES = ("plain/undefined-acronym", "plain/slash-and-or", "burden/physical-signature")


def _block(text: str, page: int, top: float) -> TextBlock:
    return TextBlock(text=text, role=Role.PARAGRAPH,
                     location=Location("f.pdf", page=page, bbox=(30.0, top, 500.0, top + 12.0)))


def _form(fmt: Format = Format.PDF) -> Document:
    blocks = [
        _block("Enter the ABC code and/or the XYZ code. A wet signature is required.", 1, 100.0),
        _block("DO NOT WRITE BELOW THIS LINE (FOR SSA USE ONLY) NPN DOC", 1, 600.0),
        _block("PBC EVI and/or NWR. Signature and title of employee. Employees sign in ink.", 1, 640.0),
        _block("Page 2 asks for the QRS code and/or the TUV code.", 2, 640.0),  # another page: the public's
    ]
    return Document(path="f.pdf", format=fmt, page_count=2, blocks=blocks)


def test_the_blocks_below_the_line_on_its_page_are_the_staffs() -> None:
    doc = _form()
    assert office_use_blocks(doc) == {id(doc.blocks[2])}
    assert office_use_blocks(_form(Format.MARKDOWN)) == set()  # only a PDF page has a "below"


def test_a_marker_block_turns_into_staff_codes_after_use_only() -> None:
    doc = _form()
    starts = office_use(doc).starts
    assert doc.blocks[1].text[starts[id(doc.blocks[1])]:] == "NPN DOC"
    assert id(doc.blocks[0]) not in starts


def test_rules_leave_the_staffs_part_alone_and_check_the_rest() -> None:
    found = lint_document(_form(), runtime_for(*RULES, nlp=False)).findings
    texts = {(f.rule, f.text) for f in found}
    assert {("plain/undefined-acronym", "ABC"), ("plain/undefined-acronym", "QRS"),
            ("burden/physical-signature", "wet signature")} <= texts
    assert [f.location.page for f in found if f.rule == "plain/slash-and-or"] == [1, 2]  # not the staff's "and/or"
    assert not {"NPN", "DOC", "PBC", "EVI", "NWR"} & {t for _, t in texts}
    assert sum(f.rule == "burden/physical-signature" for f in found) == 1


def test_a_run_of_capitals_stops_where_the_staff_codes_start() -> None:
    """SS-5: the run was "DO NOT WRITE BELOW THIS LINE (FOR SSA USE ONLY) NPN DOC NTI CAN ITV"."""
    doc = Document(path="f.pdf", format=Format.PDF, page_count=1, blocks=[
        _block("DO NOT WRITE BELOW THIS LINE (FOR SSA USE ONLY) NPN DOC NTI CAN ITV", 1, 600.0)])
    found = lint_document(doc, runtime_for("plain/all-caps", nlp=False)).findings
    assert [(f.text, f.suggestions) for f in found] == [
        ("DO NOT WRITE BELOW THIS LINE (FOR SSA USE ONLY)", ["Do not write below this line (for SSA use only)"])]
