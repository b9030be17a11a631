"""formlint never runs what a document carries: pdfium is built without a JavaScript
engine or XFA, and scripts in PDFs and HTML are not even read as prose."""

from __future__ import annotations

from pathlib import Path

from pypdfium2.version import PDFIUM_INFO

from formlint.engine import Target, lint_bytes
from formlint.model import Format
from tests.helpers import lint, runtime_for
from tests.readers.test_pdf_reader import one_page_pdf, stream


def test_pdfium_has_no_javascript_engine() -> None:
    assert "V8" not in PDFIUM_INFO.flags and "XFA" not in PDFIUM_INFO.flags, PDFIUM_INFO


def test_pdf_javascript_is_neither_run_nor_read() -> None:
    script = b"app.alert('Please utilize the enclosed envelope.'); this.submitForm('https://example.invalid/');"
    data = one_page_pdf(
        content=b"BT /F1 12 Tf 72 700 Td (You can apply online.) Tj ET",
        extra_catalog=b"/OpenAction << /S /JavaScript /JS 6 0 R >> /Names << /JavaScript << /Names [(a) 7 0 R] >> >> ",
        extra_objects={6: stream(script), 7: b"<< /S /JavaScript /JS (" + script + b") >>"},
    )
    result = lint_bytes(data, Target(Path("js.pdf"), "js.pdf", Format.PDF), runtime_for("plain/simple-words"))
    assert result.findings == [] and result.stats["words"] == 4


def test_html_scripts_and_event_handlers_are_not_prose() -> None:
    page = ("<!doctype html><html lang='en'><head><title>Apply</title>"
            "<script>document.write('Please utilize the enclosed envelope.')</script></head>"
            "<body onload=\"alert('utilize')\"><p>You can apply online.</p>"
            "<noscript>Turn on JavaScript.</noscript></body></html>")
    result = lint(page, "plain/simple-words", fmt=Format.HTML)
    assert result.findings == []
