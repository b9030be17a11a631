"""The PDF reader on the project's own fixtures and on PDFs built here for edge cases."""

from __future__ import annotations

import dataclasses
import enum
import importlib.util
import io
import subprocess
import sys
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from formlint.model import Document, FieldType, Format, Role, UnreadableError
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import field_type, read_pdf
from formlint.readers.pdf_facts import PdfFacts
from formlint.readers.pdf_fields import FF_MULTILINE, FF_PASSWORD, FF_PUSHBUTTON, FF_RADIO
from formlint.readers.pdf_meta import XfaFacts, read_xfa, read_xmp
from formlint.readers.pdf_text import TextLine, clean_text, group_lines, is_list_item, join_lines

PDF_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "forms" / "pdf"
BAD, GOOD, NOTICE, XFA = (
    "benefit-application-bad.pdf",
    "benefit-application-good.pdf",
    "flat-notice.pdf",
    "xfa-form.pdf",
)


@lru_cache(maxsize=None)
def read_fixture(name: str, deep: bool = False) -> Document:
    return read_pdf((PDF_DIR / name).read_bytes(), f"fixtures/forms/pdf/{name}", ReadOptions(deep=deep))


def read_bytes(data: bytes, deep: bool = False) -> Document:
    return read_pdf(data, "test.pdf", ReadOptions(deep=deep))


def fields_by_id(doc: Document) -> dict[str, Any]:
    return {f.id: f for f in doc.fields}


# --------------------------------------------------------------------------- raw PDF builder


def raw_pdf(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file from object bodies (``{objid: b"<< ... >>"}``) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for objid in sorted(objects):
        offsets[objid] = out.tell()
        out.write(b"%d 0 obj\n" % objid + objects[objid] + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for objid in range(1, size):
        if objid in offsets:
            out.write(b"%010d 00000 n \n" % offsets[objid])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(content: bytes = b"BT /F1 12 Tf 72 700 Td (Hello world) Tj ET", extra_catalog: bytes = b"",
                 extra_objects: dict[int, bytes] | None = None, annots: bytes = b"", resources: bytes = b"") -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b">>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + resources + b">> " + annots + b">>",
        4: stream(content),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(extra_objects or {})
    return raw_pdf(objects)


# --------------------------------------------------------------------------- fields: bad form


def test_bad_form_has_every_terminal_field_in_document_order() -> None:
    doc = read_fixture(BAD)
    assert doc.format is Format.PDF
    assert [f.id for f in doc.fields] == [
        "Text2", "f1_01[0]", "ssn_1", "ssn_2", "ssn_3", "email", "state", "zip_code", "contact_method",
        "case_number", "office_use", "agree", "Social Security Number", "explanation", "date_signed", "signature",
    ]
    assert doc.pdf is not None and doc.pdf.field_count == 16


def test_bad_form_fields_without_tooltip_have_no_accessible_name() -> None:
    fields = fields_by_id(read_fixture(BAD))
    for name in ("Text2", "f1_01[0]", "ssn_1", "ssn_2", "ssn_3", "date_signed", "signature", "contact_method"):
        assert fields[name].accessible_name is None, name
        assert fields[name].attributes["tooltip_raw"] is None
    assert fields["email"].accessible_name == "Email address"
    assert fields["Social Security Number"].accessible_name == "Social Security Number"


def test_split_ssn_boxes_carry_maxlen_and_page_geometry() -> None:
    fields = fields_by_id(read_fixture(BAD))
    assert [fields[f"ssn_{i}"].attributes["maxlen"] for i in (1, 2, 3)] == [3, 2, 4]
    boxes = [fields[f"ssn_{i}"].widgets[0].bbox for i in (1, 2, 3)]
    # Same row (top-based y), left to right, as drawn at y=560 with height 18.
    assert {b[1] for b in boxes} == {792 - 578} and {b[3] for b in boxes} == {792 - 560}
    assert [b[0] for b in boxes] == [230, 280, 320]
    assert fields["ssn_1"].label == "Social Security Number"


def test_field_types_flags_and_values() -> None:
    fields = fields_by_id(read_fixture(BAD))
    assert fields["Text2"].type is FieldType.TEXT
    assert fields["explanation"].type is FieldType.TEXTAREA
    assert fields["explanation"].attributes["multiline"] is True
    assert fields["signature"].type is FieldType.SIGNATURE
    assert fields["signature"].attributes["pdf_type"] == "Sig"
    agree = fields["agree"]
    assert agree.type is FieldType.CHECKBOX and agree.required and agree.value == "Yes"
    assert agree.attributes["export_values"] == ["Yes"]
    assert agree.attributes["flags"] == 2
    radio = fields["contact_method"]
    assert radio.type is FieldType.RADIO
    assert radio.options == ["email", "phone", "mail"] and radio.value == "email"
    assert len(radio.widgets) == 3 and all(w.page == 1 for w in radio.widgets)
    assert radio.attributes["flags"] & FF_RADIO
    state = fields["state"]
    assert state.type is FieldType.SELECT and state.options == ["MD", "VA", "DC"] and state.value == "VA"
    assert state.attributes["combo"] is True
    zip_code = fields["zip_code"]
    assert zip_code.attributes["comb"] is True and zip_code.attributes["maxlen"] == 5
    case = fields["case_number"]
    assert case.read_only and not case.required and case.value == "A-0001"
    assert fields["Text2"].attributes["pdf_type"] == "Tx" and fields["Text2"].attributes["flags"] == 0
    assert fields["Text2"].attributes["partial_name"] == "Text2"


def test_required_flag_is_not_inferred_from_the_visible_asterisk() -> None:
    email = fields_by_id(read_fixture(BAD))["email"]
    assert email.label == "Email address *"
    assert email.required is False


def test_hidden_widget_flag_comes_from_annotation_flags() -> None:
    fields = fields_by_id(read_fixture(BAD))
    assert fields["office_use"].widgets[0].hidden is True
    assert fields["office_use"].attributes["hidden"] is True
    assert fields["Text2"].widgets[0].hidden is False


def test_widget_location_is_first_widget_page_and_top_based_box() -> None:
    fields = fields_by_id(read_fixture(BAD))
    text2 = fields["Text2"]
    # reportlab rect x=170 y=620 w=300 h=18 on a 792-point page.
    assert text2.location.page == 1
    assert text2.location.bbox == (170.0, 154.0, 470.0, 172.0)
    assert text2.location.field == "Text2"
    assert text2.location.path == f"fixtures/forms/pdf/{BAD}"
    signature = fields["signature"]
    assert signature.location.page == 2 and signature.widgets[0].page == 2
    assert fields["Social Security Number"].location.page == 2


def test_visible_labels_left_of_widgets_and_right_of_checkboxes() -> None:
    fields = fields_by_id(read_fixture(BAD))
    assert fields["Text2"].label == "Full name"
    assert fields["f1_01[0]"].label == "Date of birth (mm/dd/yyyy)"
    assert fields["agree"].label == "I certify that the information is true."
    assert fields["ssn_2"].label is None  # the neighbouring box blocks the search
    assert fields["contact_method"].label is None
    assert fields["contact_method"].attributes["widget_labels"] == ["Email", "Phone", "Mail"]


# --------------------------------------------------------------------------- fields: good form


def test_hierarchical_field_inherits_type_and_flags() -> None:
    fields = fields_by_id(read_fixture(GOOD))
    first = fields["applicant.first_name"]
    assert first.type is FieldType.TEXT and first.required
    assert first.attributes["pdf_type"] == "Tx"  # /FT lives only on the parent
    assert first.attributes["partial_name"] == "first_name"
    assert first.group == "applicant"
    assert first.accessible_name == "First name"  # /TU is the kid's own
    assert "applicant" not in fields  # non-terminal fields are not Fields


def test_good_form_names_every_field_and_asks_no_ssn() -> None:
    doc = read_fixture(GOOD)
    assert len(doc.fields) == 11
    assert all(f.accessible_name for f in doc.fields)
    assert fields_by_id(doc)["contact_method"].accessible_name == "How should we contact you?"
    assert not any("social security" in (f.accessible_name or "").lower() for f in doc.fields)
    assert fields_by_id(doc)["email"].required


def test_tooltip_label_blocks_one_per_named_field() -> None:
    doc = read_fixture(GOOD)
    labels = [b for b in doc.blocks if b.role is Role.LABEL]
    assert {b.field_id for b in labels} == {f.id for f in doc.fields}
    for block in labels:
        field = fields_by_id(doc)[block.field_id]
        assert block.text == field.accessible_name
        assert block.location.page == field.location.page
    bad_labels = [b for b in read_fixture(BAD).blocks if b.role is Role.LABEL]
    assert "Text2" not in {b.field_id for b in bad_labels}
    assert len(bad_labels) == 7


# --------------------------------------------------------------------------- catalog facts


def test_bad_form_catalog_facts() -> None:
    doc = read_fixture(BAD)
    facts = doc.pdf
    assert isinstance(facts, PdfFacts)
    assert doc.title == "untitled" and facts.info_title == "untitled" and facts.xmp_title is None
    assert doc.language is None and facts.lang is None
    assert not facts.tagged and not facts.has_struct_tree and not facts.has_xmp
    assert not facts.display_doc_title and facts.pdfua_part is None
    assert facts.acroform_present and not facts.xfa_present
    assert not facts.encrypted and facts.permissions is None and facts.accessibility_extraction_allowed
    assert [p.tabs for p in facts.pages] == [None, None]
    assert facts.page_count == doc.page_count == 2
    assert [(p.width, p.height) for p in facts.pages] == [(612.0, 792.0)] * 2
    assert facts.acroform_fonts and not any(f.embedded for f in facts.acroform_fonts)
    assert facts.orphan_widgets == []
    assert doc.metadata == {
        "tagged": False, "encrypted": False, "image_only_pages": [], "has_text": True, "fillable": True, "xfa": False,
    }


def test_good_form_catalog_facts() -> None:
    doc = read_fixture(GOOD)
    facts = doc.pdf
    assert facts is not None
    assert doc.title == "Apply for Benefits (Form BA-1)" == facts.xmp_title == facts.info_title
    assert doc.language == "en-US" == facts.lang
    assert facts.tagged and facts.has_struct_tree and facts.has_xmp and facts.pdfua_part == 1
    assert facts.display_doc_title and not facts.suspects
    assert [p.tabs for p in facts.pages] == ["S", "S"]


def test_catalog_flags_and_text_string_decoding() -> None:
    xfa_config = stream(b"<config><present><dynamicRender>required</dynamicRender></present></config>")
    data = one_page_pdf(
        extra_catalog=(
            b"/MarkInfo << /Marked true /Suspects true >> /StructTreeRoot 7 0 R "
            b"/Lang <FEFF0065006E002D00550053> /ViewerPreferences << /DisplayDocTitle false >> "
            b"/AcroForm << /Fields [] /NeedAppearances true /XFA [(config) 6 0 R] >> "
        ),
        extra_objects={6: xfa_config, 7: b"<< /Type /StructTreeRoot >>"},
    )
    data = data.replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 8 0 R")
    data = data.replace(b"xref", b"8 0 obj\n<< /Title (Caf\\351 \\(draft\\)) >>\nendobj\nxref", 1)
    # The xref table no longer matches the offsets: pdfminer and pdfium both recover.
    doc = read_bytes(data)
    facts = doc.pdf
    assert facts is not None
    assert facts.tagged and facts.suspects and facts.has_struct_tree
    assert facts.lang == "en-US" == doc.language
    assert not facts.display_doc_title
    assert facts.acroform_present and facts.need_appearances and facts.field_count == 0
    assert facts.xfa_present and facts.xfa_dynamic
    assert facts.info_title == "Caf\u00e9 (draft)" == doc.title
    assert facts.version == "1.7"


def test_widget_annotations_map_to_fields_and_form_structure_elements() -> None:
    facts = read_fixture(GOOD).pdf
    assert facts is not None
    widgets = [a for p in facts.pages for a in p.annotations if a.is_widget]
    assert len(widgets) == 13  # 11 fields, the radio group has three widgets
    assert all(a.struct_type == "Form" and a.has_struct_parent for a in widgets)
    first = next(a for a in widgets if a.field_name == "applicant.first_name")
    assert first.struct_alt == "First name" and first.page == 1 and first.objid is not None
    assert first.bbox == (190.0, 114.0, 440.0, 132.0)
    bad_widgets = [a for p in read_fixture(BAD).pdf.pages for a in p.annotations]  # type: ignore[union-attr]
    assert all(a.struct_parent is None and a.struct_type is None for a in bad_widgets)
    hidden = [a for a in bad_widgets if a.hidden]
    assert [a.field_name for a in hidden] == ["office_use"]


def test_deep_tier_reports_fonts_and_untagged_content() -> None:
    fast = read_fixture(GOOD).pdf
    assert fast is not None and not fast.deep and fast.pages[0].fonts is None
    good = read_fixture(GOOD, deep=True).pdf
    bad = read_fixture(BAD, deep=True).pdf
    assert good is not None and bad is not None and good.deep
    assert all(f.embedded for f in good.pages[0].fonts or [])
    assert good.pages[0].untagged_text_objects == 0 and (good.pages[0].text_objects or 0) > 5
    assert {f.name for f in bad.pages[0].fonts or []} == {"Helvetica", "Helvetica-Bold"}
    assert all(f.standard14 and not f.embedded for f in bad.pages[0].fonts or [])
    assert bad.pages[0].untagged_text_objects == bad.pages[0].text_objects


# --------------------------------------------------------------------------- XFA


def test_xfa_template_names_fields_without_tooltips() -> None:
    doc = read_fixture(XFA)
    assert doc.pdf is not None and doc.pdf.xfa_present and not doc.pdf.xfa_dynamic
    fields = fields_by_id(doc)
    assert list(fields) == [
        "form1[0].page1[0].full_name[0]",
        "form1[0].page1[0].phone[0]",
        "form1[0].#subform[0].email[0]",
        "form1[0].#subform[0].notes[0]",
    ]
    assert all(f.accessible_name is None for f in doc.fields)
    assert fields["form1[0].page1[0].full_name[0]"].attributes["xfa_name"] == "Your full legal name"  # <speak>
    assert fields["form1[0].page1[0].full_name[0]"].attributes["xfa_caption"] == "Name"
    assert fields["form1[0].page1[0].phone[0]"].attributes["xfa_name"] == "Daytime phone number"  # <toolTip>
    assert fields["form1[0].#subform[0].email[0]"].attributes["xfa_name"] == "Email address"
    assert fields["form1[0].#subform[0].notes[0]"].attributes["xfa_name"] is None
    assert doc.pdf.xfa_named_fields == 3
    assert fields["form1[0].page1[0].phone[0]"].group == "form1[0].page1[0]"
    assert read_fixture(BAD).fields[0].attributes["xfa_name"] is None


def test_dynamic_xfa_is_detected_from_the_config_packet(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(PDF_DIR / XFA))
    xfa = writer._root_object["/AcroForm"]["/XFA"]  # noqa: SLF001
    config = xfa[3].get_object()
    config.set_data(config.get_data().replace(b"<present>", b"<present><dynamicRender>required</dynamicRender>"))
    out = io.BytesIO()
    writer.write(out)
    facts = read_bytes(out.getvalue()).pdf
    assert facts is not None and facts.xfa_dynamic and facts.xfa_present


def test_xfa_packet_with_entity_declarations_is_refused_not_expanded() -> None:
    from pdfminer.pdftypes import PDFStream

    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<template><subform name="f"><field name="x"><assist><speak>&b;</speak></assist></field></subform></template>'
    )
    facts = read_xfa([b"template", PDFStream({}, bomb)])
    assert isinstance(facts, XfaFacts) and facts.present
    assert facts.names == {} and facts.warnings and "not well-formed" in facts.warnings[0]


def test_xfa_som_paths_count_same_named_siblings_and_unnamed_subforms() -> None:
    from pdfminer.pdftypes import PDFStream

    template = (
        b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="root">'
        b'<subform name="p"><field name="a"><assist><toolTip>first a</toolTip></assist></field>'
        b'<field name="a"><assist><toolTip>second a</toolTip></assist></field></subform>'
        b'<subform><field name="b"><assist><speak> spoken\n b </speak></assist></field></subform>'
        b'<subform><exclGroup name="g"><assist><toolTip>group</toolTip></assist>'
        b'<field name="opt"/></exclGroup></subform>'
        b"</subform></template>"
    )
    facts = read_xfa([b"template", PDFStream({}, template)])
    names = {path: entry.accessible_name for path, entry in facts.names.items()}
    assert names["root[0].p[0].a[0]"] == "first a"
    assert names["root[0].p[0].a[1]"] == "second a"
    assert names["root[0].#subform[0].b[0]"] == "spoken b"
    assert names["root[0].#subform[1].g[0]"] == "group"
    # Master-page style lookups ignore the [n] indexes when the exact path is unknown.
    assert facts.lookup("root[0].#subform[0].b[3]") is not None
    assert facts.lookup("nowhere[0].x[0]") is None


def test_xmp_title_prefers_x_default_and_reads_pdfua_attribute() -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        b' pdfuaid:part="1"><dc:title><rdf:Alt><rdf:li xml:lang="fr">Titre</rdf:li>'
        b'<rdf:li xml:lang="x-default">  The  title </rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF>'
        b"</x:xmpmeta>\x00\x00   "
    )
    facts = read_xmp(xmp)
    assert facts.title == "The title" and facts.pdfua_part == 1 and facts.error is None
    assert read_xmp(b"<not xml").error is not None


# --------------------------------------------------------------------------- text


def test_paragraphs_have_page_and_line_anchors() -> None:
    doc = read_fixture(BAD)
    instructions = next(b for b in doc.blocks if "utilize" in b.text)
    assert instructions.role is Role.PARAGRAPH
    assert len(instructions.anchors) == 6  # six lines, one anchor each
    start = instructions.text.index("utilize")
    loc = instructions.location_at(start, start + len("utilize"))
    assert loc.page == 1 and loc.bbox is not None
    # First instruction line: baseline at y=715, 9-point type -> top-based ~70..80.
    assert 68 <= loc.bbox[1] <= 72 and 78 <= loc.bbox[3] <= 82
    later = instructions.text.index("without further processing")
    later_loc = instructions.location_at(later, later + 7)
    assert later_loc.bbox is not None and later_loc.bbox[1] > loc.bbox[3] + 40  # the sixth line
    longest = max(instructions.text.split(". "), key=lambda s: len(s.split()))
    assert len(longest.split()) > 40
    for phrase in ("in the event that", "Pursuant to section 12(b)"):
        assert phrase in instructions.text


def test_text_spanning_two_lines_gets_the_union_of_their_boxes() -> None:
    doc = read_fixture(NOTICE)
    block = next(b for b in doc.blocks if "tell us within 10 days" in b.text)
    start = block.text.index("information")
    first_line, second_line = block.anchors[0].bbox, block.anchors[1].bbox
    assert first_line is not None and second_line is not None
    loc = block.location_at(start, start + len("information"))
    union = (min(first_line[0], second_line[0]), first_line[1], max(first_line[2], second_line[2]), second_line[3])
    assert loc.bbox == union


def test_hyphenation_is_undone_only_when_safe() -> None:
    block = next(b for b in read_fixture(NOTICE).blocks if "information" in b.text)
    assert "update your information online" in block.text
    assert "self-employed" in block.text
    assert "infor-" not in block.text and "selfemployed" not in block.text


def test_flat_notice_blocks_and_heading() -> None:
    doc = read_fixture(NOTICE)
    assert doc.fields == [] and doc.metadata["fillable"] is False and doc.metadata["has_text"] is True
    assert doc.blocks[0].role is Role.HEADING and doc.blocks[0].text == "Notice of Approved Benefits"
    paragraphs = [b for b in doc.blocks if b.role is Role.PARAGRAPH]
    assert len(paragraphs) == 3
    assert all(b.section == "Notice of Approved Benefits" for b in paragraphs)
    assert doc.pdf is not None and not doc.pdf.acroform_present and doc.pdf.field_count == 0
    assert doc.word_count() > 60


def test_signature_wording_is_in_the_prose() -> None:
    doc = read_fixture(BAD)
    block = next(b for b in doc.blocks if "wet signature" in b.text)
    assert block.text == "Sign in blue ink. A wet signature is required. This form must be notarized."
    assert block.location.page == 2
    good = read_fixture(GOOD)
    assert any("You can sign electronically." in b.text for b in good.prose())


def test_join_lines_offsets_and_dehyphenation_rules() -> None:
    def line(text: str, top: float, hyphen: bool = False) -> TextLine:
        return TextLine(text, (72.0, top, 300.0, top + 10), hyphen_break=hyphen or text.endswith("-"))

    text, offsets = join_lines([line("the infor-", 0), line("mation is", 12)])
    assert text == "the information is" and offsets == [0, 9]
    text, _ = join_lines([line("a well-", 0), line("known fact", 12)])
    assert text == "a well-known fact"
    text, _ = join_lines([line("see Form", 0), line("W-2", 12)])
    assert text == "see Form W-2"
    text, _ = join_lines([line("call the IRS-", 0), line("Center", 12)])
    assert text == "call the IRS-Center"  # capitals on the right: keep the hyphen
    # pdfium's own soft-hyphen marker: the hyphen was already removed.
    text, _ = join_lines([line("imple", 0, hyphen=True), line("mented", 12)])
    assert text == "implemented"
    text, _ = join_lines([line("self", 0, hyphen=True), line("employed", 12)])
    assert text == "self-employed"


def test_group_lines_splits_on_gaps_jumps_and_size_changes() -> None:
    def box(top: float, height: float = 10, x0: float = 72, x1: float = 500) -> tuple[float, float, float, float]:
        return (x0, top, x1, top + height)

    lines = [
        TextLine("Heading", box(0, 18)),
        TextLine("body one", box(24)),
        TextLine("body two", box(37)),
        TextLine("after a gap", box(70)),
        TextLine("next column", box(10, x0=520, x1=600)),
        TextLine("blank before", box(100), blank_before=True),
        TextLine("\u2022 first item", box(113)),
        TextLine("continues here", box(126)),
        TextLine("2. Second item", box(139)),
    ]
    assert [[l.text for l in p] for p in group_lines(lines)] == [
        ["Heading"], ["body one", "body two"], ["after a gap"], ["next column"], ["blank before"],
        ["\u2022 first item", "continues here"], ["2. Second item"],
    ]
    assert is_list_item("\uf0b7 Symbol-font bullet") and not is_list_item("2.5 million people")


def _row(text: str, top: float, x1: float | None = None) -> TextLine:
    """A line in 10-point text at about 5 points a character, starting at x = 72."""
    return TextLine(text, (72, top, x1 if x1 is not None else 72 + 5 * len(text), top + 10))


def test_a_line_ended_short_on_purpose_ends_its_paragraph() -> None:
    """A heading or label in the body size, or a paragraph's short last line, with no gap below."""
    full = "You can deduct contributions or gifts you gave to organizations that are religious in purpose"
    paragraphs = group_lines([
        _row("Tax Reporting", 0),  # room for "You" and much more: a heading
        _row(full, 13),
        _row(full, 26),
        _row("See Pub. 526.", 39),  # the short last line of a paragraph
        _row("Line 56—Transportation tax. You must pay the tax on your tickets for travel in the US", 52),
    ])
    assert [[l.text for l in p] for p in paragraphs] == [
        ["Tax Reporting"], [full, full, "See Pub. 526."], [paragraphs[2][0].text]]


@pytest.mark.parametrize("first, second", [
    ("Enter the amount from line 7 of the", "Worksheet for Line 9 and attach the worksheet to your return today"),  # "the"
    ("If you lived in Alaska, Hawaii,", "Guam or Puerto Rico, enter the cost of living allowance you received"),  # comma
    ("Your evidence will be returned to", "you if it is not damaged, altered or forged, with your new passport book"),
    ("Department of Homeland Security", "Citizenship and Immigration Services"),  # the next line is short too
    ("B. PARENT/ MOTHER'S SOCIAL", "SECURITY NUMBER (See instructions for 9 B on Page 3)"),  # capitals that wrap
])
def test_a_line_that_goes_on_or_had_no_room_keeps_its_paragraph(first: str, second: str) -> None:
    # Each first line ends short of the second's right edge, and only the lowercase start, the word or mark
    # it ends with, or a next word too long for the room keeps them together.
    lines = [_row(first, 0), _row(second, 13)]
    assert len(group_lines(lines)) == 1


def test_wrapped_lines_never_break_where_the_next_word_did_not_fit() -> None:
    # Greedy wrapping: each line ends because its successor's first word would not fit before the margin.
    words = ("Public reporting burden for this collection of information is estimated to average "
             "eighty five minutes per response including the time required for searching existing "
             "Sources Gathering And Maintaining The Data Needed And Completing The Review").split()
    lines: list[TextLine] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) * 5 > 300 and current:
            lines.append(_row(current, 13 * len(lines)))
            current = word
        else:
            current = candidate
    lines.append(_row(current, 13 * len(lines)))
    assert len(lines) > 4
    assert len(group_lines(lines)) == 1


def test_flate_bombs_are_not_inflated_past_the_limit() -> None:
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    from formlint.readers.pdf_objects import StreamTooLarge, decode_stream, stream_bytes

    bomb = PDFStream({"Filter": LIT("FlateDecode")}, zlib.compress(b"\0" * 1_000_000))
    with pytest.raises(StreamTooLarge):
        decode_stream(bomb, limit=1000)
    assert stream_bytes(PDFStream({"Filter": LIT("FlateDecode")}, zlib.compress(b"\0" * 1_000_000)), limit=1000) is None
    small = PDFStream({"Filter": LIT("FlateDecode")}, zlib.compress(b"<x/>"))
    assert stream_bytes(small, limit=1000) == b"<x/>"


def test_xmp_bomb_is_skipped_not_read() -> None:
    packet = zlib.compress(b" " * (40 * 1024 * 1024))
    data = one_page_pdf(
        extra_catalog=b"/Metadata 6 0 R ",
        extra_objects={6: stream(packet, b"/Type /Metadata /Subtype /XML /Filter /FlateDecode ")},
    )
    facts = read_bytes(data).pdf
    assert facts is not None and facts.has_xmp and facts.xmp_title is None


def test_clean_text_expands_ligatures_and_odd_spaces() -> None:
    assert clean_text("\ufb01le\xa0the  form\x04 now ") == "file the form now"


# --------------------------------------------------------------------------- field type mapping


@pytest.mark.parametrize(
    ("pdf_type", "flags", "expected"),
    [
        ("Tx", 0, FieldType.TEXT),
        ("Tx", FF_MULTILINE, FieldType.TEXTAREA),
        ("Tx", FF_PASSWORD, FieldType.PASSWORD),
        ("Btn", 0, FieldType.CHECKBOX),
        ("Btn", FF_RADIO, FieldType.RADIO),
        ("Btn", FF_PUSHBUTTON, FieldType.BUTTON),
        ("Ch", 0, FieldType.SELECT),
        ("Sig", 0, FieldType.SIGNATURE),
        (None, 0, FieldType.OTHER),
    ],
)
def test_field_type_mapping(pdf_type: str | None, flags: int, expected: FieldType) -> None:
    assert field_type(pdf_type, flags) is expected


# --------------------------------------------------------------------------- images


def test_image_only_page_is_detected() -> None:
    pixels = zlib.compress(bytes([200, 200, 200] * 4))
    image = stream(pixels, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB "
                           b"/BitsPerComponent 8 /Filter /FlateDecode ")
    data = one_page_pdf(
        content=b"q 500 0 0 700 50 50 cm /Im1 Do Q",
        resources=b"/XObject << /Im1 6 0 R >>",
        extra_objects={6: image},
    )
    doc = read_bytes(data)
    page = doc.pdf.pages[0]  # type: ignore[union-attr]
    assert page.image_count == 1 and page.char_count == 0
    assert page.image_coverage == pytest.approx(500 * 700 / (612 * 792), abs=0.01)
    assert page.image_only
    assert doc.metadata["image_only_pages"] == [1] and doc.metadata["has_text"] is False
    assert doc.blocks == []


def test_small_image_without_text_is_not_a_scan() -> None:
    pixels = zlib.compress(bytes([0, 0, 0] * 4))
    image = stream(pixels, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB "
                           b"/BitsPerComponent 8 /Filter /FlateDecode ")
    data = one_page_pdf(content=b"q 50 0 0 50 50 50 cm /Im1 Do Q", resources=b"/XObject << /Im1 6 0 R >>",
                        extra_objects={6: image})
    page = read_bytes(data).pdf.pages[0]  # type: ignore[union-attr]
    assert page.image_count == 1 and not page.image_only


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"hello, this is not a PDF at all", "not a PDF"),
        (b"<!DOCTYPE html><html><body>Form</body></html>", "looks like HTML"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", "damaged PDF"),
    ],
)
def test_garbage_input_is_unreadable_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableError, match=reason):
        read_bytes(data)


def test_truncated_pdf_is_unreadable() -> None:
    data = (PDF_DIR / BAD).read_bytes()
    with pytest.raises(UnreadableError, match="truncated PDF"):
        read_bytes(data[: len(data) // 2])


def test_trailing_padding_after_eof_is_fine() -> None:
    data = (PDF_DIR / NOTICE).read_bytes() + b"\x00" * 5000 + b"\r\n"
    assert read_bytes(data).blocks


def _encrypted(tmp_path: Path, user: str, owner: str, permissions: int | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(PDF_DIR / BAD))
    kwargs = {"permissions_flag": permissions} if permissions is not None else {}
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128", **kwargs)
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path.read_bytes()


def test_password_protected_pdf_is_unreadable(tmp_path: Path) -> None:
    data = _encrypted(tmp_path, user="secret", owner="owner")
    with pytest.raises(UnreadableError, match="^password-protected PDF: a user password is needed"):
        read_bytes(data)


def test_owner_password_only_pdf_is_still_read(tmp_path: Path) -> None:
    data = _encrypted(tmp_path, user="", owner="owner")
    doc = read_bytes(data)
    assert doc.pdf is not None and doc.pdf.encrypted and doc.metadata["encrypted"] is True
    assert doc.pdf.permissions is not None and 0 <= doc.pdf.permissions <= 0xFFFFFFFF
    assert doc.pdf.accessibility_extraction_allowed
    assert [f.id for f in doc.fields] == [f.id for f in read_fixture(BAD).fields]
    assert fields_by_id(doc)["email"].accessible_name == "Email address"  # strings were decrypted
    assert any("utilize" in b.text for b in doc.blocks)


def test_cleared_accessibility_permission_is_reported(tmp_path: Path) -> None:
    flags = UserAccessPermissions.PRINT | UserAccessPermissions.R1 | UserAccessPermissions.R2
    data = _encrypted(tmp_path, user="", owner="owner", permissions=flags)
    facts = read_bytes(data).pdf
    assert facts is not None and facts.encrypted
    assert facts.permissions is not None and not facts.permissions & 512
    assert not facts.accessibility_extraction_allowed


def test_field_tree_loop_does_not_hang() -> None:
    data = one_page_pdf(
        extra_catalog=b"/AcroForm << /Fields [6 0 R] >>",
        annots=b"/Annots [7 0 R]",
        extra_objects={
            # "parent" lists itself and a real widget-field as kids.
            6: b"<< /T (parent) /FT /Tx /Kids [6 0 R 7 0 R] >>",
            7: b"<< /T (child) /Parent 6 0 R /Type /Annot /Subtype /Widget /Rect [72 600 200 620] /P 3 0 R >>",
        },
    )
    doc = read_bytes(data)
    assert [f.id for f in doc.fields] == ["parent.child"]
    assert doc.fields[0].type is FieldType.TEXT
    assert doc.pdf is not None and any("twice" in w for w in doc.pdf.warnings)


def test_page_tree_loop_does_not_hang() -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(b"BT /F1 12 Tf 72 700 Td (Loop) Tj ET"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    doc = read_bytes(raw_pdf(objects))
    assert doc.pdf is not None and any("twice" in w for w in doc.pdf.warnings)
    assert [b.text for b in doc.blocks] == ["Loop"]


def test_self_referencing_and_missing_objects_are_tolerated() -> None:
    data = one_page_pdf(
        extra_catalog=b"/Lang 6 0 R /MarkInfo 99 0 R /Metadata 7 0 R ",
        extra_objects={6: b"6 0 R", 7: b"<< /Length 0 >>\nstream\n\nendstream"},
    )
    doc = read_bytes(data)
    assert doc.language is None and doc.pdf is not None and not doc.pdf.tagged
    assert doc.pdf.has_xmp and doc.pdf.xmp_title is None
    assert any("Hello world" in b.text for b in doc.blocks)


def test_deeply_nested_arrays_do_not_crash() -> None:
    nested = b"[" * 50_000 + b"]" * 50_000
    data = one_page_pdf(extra_catalog=b"/Junk 6 0 R ", extra_objects={6: nested})
    try:
        doc = read_bytes(data)
    except UnreadableError as exc:
        assert str(exc)
    else:
        assert doc.page_count == 1


def test_orphan_widgets_are_listed() -> None:
    data = one_page_pdf(
        extra_catalog=b"/AcroForm << /Fields [6 0 R] >>",
        annots=b"/Annots [6 0 R 7 0 R 8 0 R]",
        extra_objects={
            6: b"<< /T (known) /FT /Tx /Type /Annot /Subtype /Widget /Rect [72 600 200 620] /P 3 0 R >>",
            7: b"<< /T (stray) /FT /Tx /Type /Annot /Subtype /Widget /Rect [72 500 200 520] /P 3 0 R >>",
            8: b"<< /Type /Annot /Subtype /Link /Rect [72 400 200 420] /A << /S /URI /URI (https://example.gov) >> >>",
        },
    )
    facts = read_bytes(data).pdf
    assert facts is not None
    assert [(a.objid, a.field_name) for a in facts.orphan_widgets] == [(7, "stray")]
    link = facts.pages[0].annotations[2]
    assert link.subtype == "Link" and not link.is_widget and link.uri == "https://example.gov"
    assert link.contents is None and link.bbox == (72.0, 372.0, 200.0, 392.0)
    assert facts.pages[0].widget_count == 2


def test_no_warnings_reach_stderr(tmp_path: Path) -> None:
    # An xref entry whose offset is not a number: pdfminer logs a WARNING about it,
    # which Python prints to stderr when logging is not configured. A fresh interpreter
    # is needed: under pytest a log-capturing handler would hide the problem.
    lines = one_page_pdf().split(b"\n")
    lines[lines.index(b"xref") + 2 + 5] = b"abcdefghij 00000 n "
    broken = tmp_path / "broken-xref.pdf"
    broken.write_bytes(b"\n".join(lines))
    script = (
        "import sys\n"
        "from formlint.readers.pdf import read_pdf\n"
        "from formlint.readers.base import ReadOptions\n"
        "for path in sys.argv[1:]:\n"
        "    doc = read_pdf(open(path, 'rb').read(), path, ReadOptions(deep=True))\n"
        "    print(len(doc.blocks))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(broken), str(PDF_DIR / BAD)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.split() == ["1", str(len(read_fixture(BAD, deep=True).blocks))]


def test_document_holds_only_plain_data() -> None:
    """No pdfminer or pypdfium2 object may survive on the Document (the files are closed)."""
    allowed = (str, int, float, bool, type(None), bytes)

    def check(value: Any, path: str) -> None:
        if isinstance(value, allowed) or isinstance(value, enum.Enum):
            return
        if dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                check(getattr(value, item.name), f"{path}.{item.name}")
            return
        if isinstance(value, (list, tuple, set, frozenset)):
            for i, item in enumerate(value):
                check(item, f"{path}[{i}]")
            return
        if isinstance(value, dict):
            for key, item in value.items():
                check(key, f"{path}<key>")
                check(item, f"{path}[{key!r}]")
            return
        raise AssertionError(f"{path} holds a {type(value).__module__}.{type(value).__name__}")

    for name in (BAD, GOOD, XFA):
        check(read_fixture(name, deep=True), name)


# --------------------------------------------------------------------------- the fast parser


@pytest.mark.parametrize("name", [BAD, GOOD, XFA, NOTICE])
def test_fast_object_parser_matches_pdfminer(name: str) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    from formlint.readers.pdf_fastparse import FastPDFDocument

    data = (PDF_DIR / name).read_bytes()
    slow = PDFDocument(PDFParser(io.BytesIO(data)))
    fast = FastPDFDocument(data)
    objids = sorted({objid for xref in slow.xrefs for objid in xref.get_objids()})
    assert objids
    for objid in objids:
        assert _same(slow.getobj(objid), fast.getobj(objid)), objid


def _same(a: Any, b: Any) -> bool:
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, PDFObjRef):
        return a.objid == b.objid
    if isinstance(a, PDFStream):
        return _same(a.attrs, b.attrs) and a.rawdata == b.rawdata
    return a is b or a == b


def test_fast_parser_handles_string_escapes_and_names() -> None:
    from formlint.readers.pdf_fastparse import FastPDFDocument

    body = (
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en\\055US) /S (a\\(b\\)c \\\\ (nested) \\101\\r\\\r\nx) "
        b"/H <48 65 6c6C 6f 7> /N /A#20B /E [ ] /Z null /T true /F false /R 3.5 /M -2 /P +.5 % comment\n>>"
    )
    objects = {
        1: body,
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
    }
    data = raw_pdf(objects)
    doc = FastPDFDocument(data)
    catalog = doc.getobj(1)
    assert catalog["Lang"] == b"en-US"
    assert catalog["S"] == b"a(b)c \\ (nested) A\rx"
    assert catalog["H"] == b"Hello\x07"
    assert catalog["N"].name == "A B"
    assert catalog["E"] == [] and "Z" not in catalog
    assert catalog["T"] is True and catalog["F"] is False
    assert catalog["R"] == 3.5 and catalog["M"] == -2 and catalog["P"] == 0.5


# --------------------------------------------------------------------------- fixtures themselves


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("formlint_pdf_fixture_generator", PDF_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _summary(doc: Document) -> tuple[Any, ...]:
    """What a reader sees in a fixture, independent of the exact bytes."""
    assert doc.pdf is not None
    fields = [(f.id, f.type, f.accessible_name, f.attributes["flags"], f.attributes["maxlen"],
               [(w.page, w.bbox, w.hidden) for w in f.widgets]) for f in doc.fields]
    blocks = [(b.role, b.text, b.location.page) for b in doc.blocks]
    facts = (doc.title, doc.language, doc.pdf.tagged, doc.pdf.xfa_present, [p.tabs for p in doc.pdf.pages])
    return fields, blocks, facts


@pytest.mark.parametrize("name", [BAD, GOOD, NOTICE, XFA])
def test_fixtures_are_small_deterministic_and_current(name: str) -> None:
    on_disk = (PDF_DIR / name).read_bytes()
    assert len(on_disk) < 50_000
    build = _generator().FIXTURES[name]
    fresh = build()
    assert build() == fresh, "the generator is not deterministic"
    # Compare what the reader sees rather than bytes, so a newer reportlab or pypdf
    # that writes different bytes does not fail the suite; a stale fixture still does.
    assert _summary(read_bytes(fresh)) == _summary(read_bytes(on_disk)), f"re-run generate.py ({name} is stale)"


def test_reader_never_modifies_its_input() -> None:
    data = bytearray((PDF_DIR / BAD).read_bytes())
    before = bytes(data)
    read_pdf(bytes(data), "x.pdf", ReadOptions())
    assert bytes(data) == before


def test_the_boxes_of_one_question_give_one_tooltip_block() -> None:
    # I-485: the Yes and No boxes of item 17 each carry the question's whole tooltip; read
    # twice, its long sentence was reported twice.
    from formlint.model import Field, FieldType, Location
    from formlint.readers.pdf import _tooltip_blocks

    question = "17. Did you last arrive in the United States to join a vessel as a seaman or crewman?"
    fields = [Field(id=f"form1[0].Pt1Line17_YN[{n}]", type=FieldType.CHECKBOX,
                    location=Location("f.pdf", page=3), accessible_name=question) for n in (0, 1)]
    fields.append(Field(id="form1[0].Pt1Line18[0]", type=FieldType.TEXT, location=Location("f.pdf", page=3),
                        accessible_name=question))  # another field that repeats it is read again
    blocks = _tooltip_blocks(fields)
    assert [b.field_id for b in blocks] == ["form1[0].Pt1Line17_YN[0]", "form1[0].Pt1Line18[0]"]
