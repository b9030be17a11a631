"""XML inside PDFs (XMP metadata, XFA templates) and XML guidance files are parsed with
no entity expansion and no external entity or DTD ever loaded: a billion-laughs packet
costs nothing and an XXE packet reads no file. The PDFs are built here with pypdf."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from formlint.model import Document, UnreadableError
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from formlint.readers.pdf_meta import XmlError, parse_xml
from formlint.readers.xml import read_xml
from tests import hostile
from tests.helpers import run_json

LAUGHS = hostile.BILLION_LAUGHS  # &lol9; would expand to 10**9 "lol"s: 3 GB


def read_measured(data: bytes) -> tuple[Document, float]:
    """Read a PDF and return it with the peak of Python allocations while reading, in MB."""
    tracemalloc.start()
    try:
        doc = read_pdf(data, "packet.pdf", ReadOptions())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return doc, peak / 1_048_576


def everything_said(doc: Document) -> str:
    facts = doc.pdf
    assert facts is not None
    return " ".join([doc.title or "", facts.xmp_title or "", *(b.text for b in doc.blocks), *facts.warnings,
                     *(f.accessible_name or "" for f in doc.fields)])


def test_billion_laughs_in_xmp_is_refused_not_expanded() -> None:
    data = hostile.pypdf_with_xml(xmp=LAUGHS + hostile.xmp_packet("&lol9;"))
    doc, peak_mb = read_measured(data)
    assert doc.pdf is not None and doc.pdf.has_xmp and doc.pdf.xmp_title is None
    assert any("XMP metadata is not well-formed" in w and "declares XML entities" in w
               for w in doc.pdf.warnings), doc.pdf.warnings
    assert "lollol" not in everything_said(doc)
    assert peak_mb < 20


def test_the_same_pdf_with_a_plain_xmp_title_is_read() -> None:
    """The control: the packet builder works, so the refusal above is the entity's doing."""
    doc = read_pdf(hostile.pypdf_with_xml(xmp=hostile.xmp_packet("Benefit application")), "ok.pdf", ReadOptions())
    assert doc.pdf is not None and doc.pdf.xmp_title == "Benefit application" and not doc.pdf.warnings


def test_external_entity_in_xmp_reads_no_file() -> None:
    data = hostile.pypdf_with_xml(xmp=hostile.XXE + hostile.xmp_packet("&xxe;"))
    doc = read_pdf(data, "xxe.pdf", ReadOptions())
    assert doc.pdf is not None and doc.pdf.xmp_title is None
    assert "root:" not in everything_said(doc)
    assert any("not well-formed" in w for w in doc.pdf.warnings)


def test_an_external_dtd_is_never_fetched() -> None:
    # The test suite blocks the network: a fetch would raise and the file would be unreadable.
    packet = '<?xml version="1.0"?><!DOCTYPE x:xmpmeta SYSTEM "http://192.0.2.1/xmp.dtd">' + hostile.xmp_packet("T")
    doc = read_pdf(hostile.pypdf_with_xml(xmp=packet), "dtd.pdf", ReadOptions())
    assert doc.pdf is not None and doc.pdf.xmp_title == "T"


XFA_TEMPLATE = (
    '<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1">'
    '<field name="ssn"><assist><speak>{speak}</speak></assist></field></subform></template>'
)


def test_billion_laughs_in_an_xfa_template_is_refused_not_expanded() -> None:
    data = hostile.pypdf_with_xml(xfa_template=LAUGHS + XFA_TEMPLATE.format(speak="&lol9;"))
    doc, peak_mb = read_measured(data)
    assert doc.pdf is not None and doc.pdf.xfa_present
    assert any("XFA template is not well-formed" in w and "declares XML entities" in w
               for w in doc.pdf.warnings), doc.pdf.warnings
    assert "lollol" not in everything_said(doc)
    assert peak_mb < 20


def test_xfa_control_and_external_entity() -> None:
    from formlint.readers.pdf_meta import read_xfa
    from formlint.readers.pdf_objects import as_dict
    from formlint.readers.pdf_fastparse import FastPDFDocument

    def xfa_of(data: bytes):  # type: ignore[no-untyped-def]
        return read_xfa(as_dict(FastPDFDocument(data).catalog["AcroForm"]).get("XFA"))

    plain = xfa_of(hostile.pypdf_with_xml(xfa_template=XFA_TEMPLATE.format(speak="Social Security number")))
    assert plain.names["form1[0].ssn[0]"].speak == "Social Security number"
    xxe = xfa_of(hostile.pypdf_with_xml(xfa_template=hostile.XXE + XFA_TEMPLATE.format(speak="&xxe;")))
    assert xxe.names == {} and xxe.warnings


@pytest.mark.parametrize("packet", [LAUGHS + "<a>&lol9;</a>", hostile.XXE + "<a>&xxe;</a>",
                                    '<!DOCTYPE a [<!ENTITY % p SYSTEM "http://192.0.2.1/p">%p;]><a/>'])
def test_the_packet_parser_refuses_entity_declarations(packet: str) -> None:
    with pytest.raises(XmlError):
        parse_xml(packet.encode())


def test_xml_guidance_files_refuse_entities_too() -> None:
    for text in (LAUGHS + "<doc><p>&lol9;</p></doc>", hostile.XXE + "<doc><p>&xxe;</p></doc>"):
        with pytest.raises(UnreadableError, match="unsafe XML: entity declarations are refused"):
            read_xml(text.encode(), "rules.xml", ReadOptions())
    external_dtd = ('<?xml version="1.0"?><!DOCTYPE doc SYSTEM "http://192.0.2.1/doc.dtd">'
                    "<doc><p>You can apply online today.</p></doc>")
    doc = read_xml(external_dtd.encode(), "rules.xml", ReadOptions())
    assert [b.text for b in doc.blocks] == ["You can apply online today."]


def test_the_cli_reports_such_files_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "laughs.pdf").write_bytes(hostile.pypdf_with_xml(xmp=LAUGHS + hostile.xmp_packet("&lol9;")))
    (tmp_path / "laughs.xml").write_text(LAUGHS + "<doc><p>&lol9;</p></doc>")
    code, data = run_json("--no-nlp", str(tmp_path))
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert "unreadable" not in by_name["laughs.pdf"]["stats"]  # the PDF is read; only its XMP is not
    assert [f["rule"] for f in by_name["laughs.xml"]["findings"]] == ["io/unreadable"]
    assert code == 1
