"""The heading outline of tagged PDFs (a11y/pdf-first-heading-not-h1, pdf-heading-skipped,
pdf-heading-h-and-hn): the pure outline logic, the structure walk that feeds it, the
heading text read from the page, and the rules on the fixtures and the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from formlint.engine import Target, lint_bytes
from formlint.model import Format
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from formlint.readers.pdf_facts import PdfHeading
from formlint.readers.pdf_headings import MAX_TEXT_LOOKUPS, outline_problems, set_texts, texts_to_read
from formlint.readers.pdf_struct import walk_structure
from tests.conftest import FIXTURES, ROOT
from tests.helpers import runtime_for

PDF_DIR = FIXTURES / "pdf"
CORPUS = ROOT.parent / "shared" / "corpus"
HEADING_RULES = ("a11y/pdf-first-heading-not-h1", "a11y/pdf-heading-skipped", "a11y/pdf-heading-h-and-hn")


def outline(*tags: str) -> list[PdfHeading]:
    return [PdfHeading(index=i + 1, level=None if t == "H" else int(t[1]), page=1, struct_type=t)
            for i, t in enumerate(tags)]


def kinds(*tags: str) -> list[tuple[str, int]]:
    return [(p.kind, p.heading.index) for p in outline_problems(outline(*tags))]


# --------------------------------------------------------------------------- the outline


def test_a_well_formed_outline_has_no_problem() -> None:
    assert kinds("H1", "H2", "H3", "H3", "H2", "H1", "H2") == []


def test_going_back_up_several_levels_is_not_a_skip() -> None:
    assert kinds("H1", "H2", "H3", "H4", "H1") == []


def test_a_skip_is_reported_at_the_deeper_heading_each_time() -> None:
    assert kinds("H1", "H3", "H2", "H4") == [("skipped", 2), ("skipped", 4)]


def test_the_first_numbered_heading_must_be_h1() -> None:
    assert kinds("H2", "H3") == [("first-not-h1", 1)]
    assert kinds("H4", "H4", "H4") == [("first-not-h1", 1)]


def test_h_with_numbered_headings_is_mixed_once_at_the_first_h() -> None:
    problems = outline_problems(outline("H", "H", "H1", "H2"))
    assert [(p.kind, p.heading.index, p.previous.index if p.previous else None) for p in problems] == [
        ("mixed", 1, 3)]


def test_only_unnumbered_headings_are_not_checked() -> None:
    assert kinds("H", "H", "H") == []
    assert kinds() == []


def test_only_reported_headings_without_text_are_looked_up() -> None:
    headings = outline("H1", "H3", "H2")
    headings[0].mcids, headings[1].mcids, headings[2].mcids = (0,), (4, 5), (9,)
    headings[0].text = "Known"  # stated by the tag: no lookup
    assert texts_to_read(headings) == {1: {4: 2, 5: 2}}
    set_texts(headings, {1: {4: " Part  2:", 5: "Income "}})
    assert [h.text for h in headings] == ["Known", "Part 2: Income", None]


def test_text_lookups_are_capped() -> None:
    headings = outline(*["H1", "H3"] * (MAX_TEXT_LOOKUPS + 5))
    for heading in headings:
        heading.mcids = (heading.index,)
    assert sum(len(v) for v in texts_to_read(headings).values()) == MAX_TEXT_LOOKUPS


# --------------------------------------------------------------------------- the structure walk


def test_walk_maps_custom_types_and_collects_the_subtree_mcids_on_the_heading_page() -> None:
    page_1, page_2 = {"Type": "Page"}, {"Type": "Page"}
    span = {"S": "Span", "K": [3, {"Type": "MCR", "MCID": 4}, {"Type": "MCR", "MCID": 7, "Pg": page_2}]}
    heading = {"S": "Heading 2", "Pg": page_1, "K": [2, span]}
    stated = {"S": "H1", "Pg": page_1, "ActualText": "  Form   I-9 ", "K": [1]}
    unnumbered = {"S": "H", "Pg": page_2, "K": []}
    root = {"K": [{"S": "Document", "K": [stated, {"S": "Sect", "K": [heading]}, unnumbered]}]}
    role_map = {"Heading 2": "H2"}
    pages = {id(page_1): 1, id(page_2): 2}

    def standard(name: str | None) -> str | None:
        return role_map.get(name or "", name)

    import formlint.readers.pdf_objects as obj
    real_objid = obj.objid
    try:  # plain dicts stand in for page references: identify them by id()
        obj.objid = lambda value: (  # type: ignore[assignment]
            id(value) if isinstance(value, dict) and value.get("Type") == "Page" else None)
        walk = walk_structure(root, standard, pages, {1: (0, 0, 612, 792), 2: (0, 0, 612, 792)})
    finally:
        obj.objid = real_objid  # type: ignore[assignment]
    summary = [(h.index, h.level, h.page, h.struct_type, h.text, h.mcids) for h in walk.headings]
    assert summary == [
        (1, 1, 1, "H1", "Form I-9", (1,)),
        (2, 2, 1, "Heading 2", None, (2, 3, 4)),  # MCID 7 is on page 2: not this heading's text
        (3, None, 2, "H", None, ()),
    ]


def test_the_reader_reads_the_text_of_reported_headings_from_the_page() -> None:
    facts = read_pdf((PDF_DIR / "a11y" / "tagged-defects.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert facts is not None
    assert [(h.struct_type, h.page, h.text) for h in facts.headings] == [
        ("H", 1, "Request a Benefit Letter"), ("H2", 1, "About you"), ("H4", 1, "Learn more")]
    clean = read_pdf((PDF_DIR / "a11y" / "tagged-clean.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert clean is not None
    assert [h.struct_type for h in clean.headings] == ["H1", "H2", "H2"]
    assert all(h.text is None for h in clean.headings)  # nothing to report: nothing looked up


# --------------------------------------------------------------------------- the rules


def lint(path: Path, *rules: str) -> list[Any]:
    runtime = runtime_for(*rules, nlp=False)
    return lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime).findings


def test_the_three_rules_on_the_fixtures() -> None:
    found = {f.rule: f for f in lint(PDF_DIR / "a11y" / "tagged-defects.pdf", *HEADING_RULES)}
    assert set(found) == set(HEADING_RULES)
    skipped = found["a11y/pdf-heading-skipped"]
    assert skipped.location.page == 1 and skipped.text == "Learn more" and skipped.suggestions == ["H3"]
    assert '<H4> straight after the <H2> heading "About you"' in skipped.message
    assert found["a11y/pdf-first-heading-not-h1"].text == "About you"
    assert found["a11y/pdf-heading-h-and-hn"].text == "Request a Benefit Letter"
    assert lint(PDF_DIR / "a11y" / "tagged-clean.pdf", *HEADING_RULES) == []


def test_trapnet_is_its_own_finding_not_an_undescribed_annotation() -> None:
    defects = PDF_DIR / "a11y" / "tagged-defects.pdf"
    found = [f.rule for f in lint(defects, "a11y/pdf-trapnet", "a11y/pdf-annot-no-desc")]
    assert sorted(found) == ["a11y/pdf-annot-no-desc", "a11y/pdf-trapnet"]  # the note, and the TrapNet


def test_xmp_title_rule_leaves_missing_and_placeholder_titles_to_no_title() -> None:
    flat = [f for f in lint(PDF_DIR / "flat-notice.pdf", "a11y/pdf-no-xmp-title", "a11y/pdf-no-title")]
    assert [f.rule for f in flat] == ["a11y/pdf-no-xmp-title"] and "no XMP metadata stream" in flat[0].message
    defects = PDF_DIR / "a11y" / "tagged-defects.pdf"
    assert [f.rule for f in lint(defects, "a11y/pdf-no-xmp-title", "a11y/pdf-no-title")] == ["a11y/pdf-no-title"]  # "Microsoft Word - form.docx": one finding, not two


def _corpus_pdf(name: str) -> Path:
    matches = sorted(CORPUS.glob(f"*/{name}"))
    if not matches:
        pytest.skip(f"{name} is not in ../shared/corpus")
    return matches[0]


def test_irs_1040_tags_a_box_title_h3_after_the_form_title() -> None:
    found = lint(_corpus_pdf("irs-f1040-2025.pdf"), *HEADING_RULES)
    assert [(f.rule, f.location.page, f.text) for f in found] == [
        ("a11y/pdf-heading-skipped", 1, "Presidential Election Campaign")]
    assert '"U.S. Individual Income Tax Return"' in found[0].message


def test_uscis_forms_mix_h_and_numbered_headings() -> None:
    found = lint(_corpus_pdf("uscis-g-1450.pdf"), *HEADING_RULES)
    assert [f.rule for f in found] == ["a11y/pdf-heading-h-and-hn"]
    assert found[0].text and found[0].text.startswith("Authorization for Credit Card Transactions")
