"""The HTML fix report: its view model, the page images, the command, safety and
determinism. The browser checks (axe-core, filters, links) are in test_report_browser.py."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from formlint.engine import FileResult, RunResult
from formlint.model import Finding, Fix, Format, Location, Severity
from formlint.pageimages import PageGeometry, render_pages
from formlint.reporters import renderer
from formlint.reporters.html import content_security_policy, render, script
from formlint.reporters.html import view
from formlint.rulepacks import Source
from tests.conftest import FIXTURES, ROOT
from tests.helpers import builtin_rules, lint, run_cli, run_json

HOSTILE = ROOT / "fixtures" / "report"
BAD_PDF = FIXTURES / "pdf" / "benefit-application-bad.pdf"
BAD_MD = FIXTURES / "markdown" / "apply-for-benefits-bad.md"


# -- a small HTML inspector -------------------------------------------------------------


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the script bodies."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def report_for(*paths: Path, extra: tuple[str, ...] = (), tmp: Path) -> str:
    out = tmp / "report.html"
    result = run_cli("report", *map(str, paths), "--no-nlp", "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


# -- page geometry -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "rotation, expected",
    [
        (0, (0.1, 0.2, 0.3, 0.1)),
        (90, (0.7, 0.1, 0.1, 0.3)),  # turned clockwise: the top edge becomes the right edge
        (180, (0.6, 0.7, 0.3, 0.1)),
        (270, (0.2, 0.6, 0.1, 0.3)),
    ],
)
def test_boxes_land_where_pdfium_draws_them(rotation: int, expected: tuple[float, ...]) -> None:
    geometry = PageGeometry(media=(0, 0, 100, 100), crop=(0, 0, 100, 100), rotation=rotation)
    placed = geometry.place((10, 20, 40, 30))
    assert placed == pytest.approx(expected)


def test_crop_box_offsets_and_clipping() -> None:
    # The MediaBox is 200x200, the CropBox shows its middle 100x100.
    geometry = PageGeometry(media=(0, 0, 200, 200), crop=(50, 50, 150, 150))
    assert geometry.place((60, 60, 110, 70)) == pytest.approx((0.1, 0.1, 0.5, 0.1))
    assert geometry.place((0, 0, 40, 40)) is None  # outside the drawn area
    assert geometry.place((140, 140, 190, 190)) == pytest.approx((0.9, 0.9, 0.1, 0.1))  # clipped


def test_pages_are_drawn_with_their_form_fields_and_are_small() -> None:
    images = render_pages(BAD_PDF, [1, 2, 99])
    assert sorted(images) == [1, 2]  # a page that does not exist is left out, no error
    page = images[1]
    assert page.media_type == "image/png" and page.data.startswith(b"\x89PNG")
    assert (page.width, page.height) == (714, 925)  # US Letter at 84 dpi, rounded up
    assert len(page.data) < 40_000
    from io import BytesIO

    from PIL import Image

    pixels = Image.open(BytesIO(page.data)).convert("L")
    # The "state" field's value "VA" is drawn only when pdfium's form layer is on: inside
    # the field's box (top-based 170,274-250,292 pt) there are dark pixels of its text.
    scale = 84 / 72
    crop = pixels.crop((int(172 * scale), int(276 * scale), int(248 * scale), int(290 * scale)))
    assert crop.getextrema()[0] < 100


def test_unreadable_pdfs_give_no_images(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really")
    assert render_pages(broken, [1]) == {}
    assert render_pages(tmp_path / "missing.pdf", [1]) == {}


# -- view model ---------------------------------------------------------------------------


def finding(rule: str = "plain/simple-words", severity: Severity = Severity.WARNING, **loc: Any) -> Finding:
    extra = {k: loc.pop(k) for k in ("text", "context", "context_span", "suggestions", "fix") if k in loc}
    category = {"plain": "plain-language", "a11y": "accessibility", "burden": "burden"}[rule.split("/")[0]]
    return Finding(rule, category, severity, f"message of {rule}", Location("form.txt", **loc), **extra)


def run_of(*files: FileResult) -> RunResult:
    return RunResult(list(files), builtin_rules(), list(builtin_rules()))


def test_a_sentence_with_several_findings_is_shown_once_with_numbered_marks() -> None:
    sentence = "In the event that you move, please utilize the form and notify us within ten days of the move."
    spans = [(0, 17), (35, 42), (56, 62)]
    findings = [finding(line=1, column=1, text=sentence, context=sentence, context_span=(0, len(sentence)),
                        rule="plain/long-sentence")]
    findings += [finding(line=1, column=s + 1, text=sentence[s:e], context=sentence, context_span=(s, e))
                 for s, e in spans]
    doc = view.build_doc(1, FileResult("form.txt", Format.TEXT, findings=findings), {}, {})
    [passage] = doc.groups[0].passages
    assert [f.number for f in passage.findings] == [1, 2, 3, 4]
    marked = [(s.text, s.refs) for s in passage.segments if s.mark]
    assert marked == [("In the event that", ((2, "d1-2"),)), ("utilize", ((3, "d1-3"),)), ("notify", ((4, "d1-4"),))]
    assert "".join(s.text for s in passage.segments) == sentence  # short: nothing clipped


def test_a_repeated_sentence_elsewhere_is_its_own_passage() -> None:
    label = "Signature of applicant"
    findings = [
        finding(line=3, column=14, text="applicant", context=label, context_span=(13, 22)),
        finding(line=9, column=14, text="applicant", context=label, context_span=(13, 22)),  # another label
        finding("a11y/html-label", Severity.ERROR, line=10, field="sig"),
        finding("a11y/html-label", Severity.ERROR, line=11, field="sig2"),
    ]
    doc = view.build_doc(1, FileResult("form.txt", Format.TEXT, findings=findings), {}, {})
    passages = doc.groups[0].passages
    assert [[f.number for f in p.findings] for p in passages] == [[1], [2], [3], [4]]
    assert passages[2].segments is None  # a field finding has no sentence to show


def test_the_marked_span_is_the_one_the_check_found_not_the_first_lookalike() -> None:
    context = "Use the form; the form is free."
    f = finding(line=1, column=15, text="form", context=context, context_span=(18, 22))
    [passage] = view.build_doc(1, FileResult("form.txt", Format.TEXT, findings=[f]), {}, {}).groups[0].passages
    assert [s.text for s in passage.segments] == ["Use the form; the ", "form", " is free."]
    assert [s.mark for s in passage.segments] == [False, True, False]


def test_long_context_is_clipped_around_the_span() -> None:
    context = "word " * 200 + "utilize" + " word" * 200
    start = context.index("utilize")
    f = finding(line=1, column=1, text="utilize", context=context, context_span=(start, start + 7))
    segments = view.passage_segments(context, [view.Span(start, start + 7, 1, "a", f.rule)], refs=False)
    assert segments[1] == view.Segment("utilize", True)
    assert segments[0].text.startswith("…") and len(segments[0].text) <= view.MAX_AROUND + 1
    assert segments[2].text.endswith("…") and len(segments[2].text) <= view.MAX_AROUND + 1


def test_fix_first_orders_by_severity_then_by_fields_touched() -> None:
    findings = [
        finding("plain/simple-words", Severity.WARNING, line=1, text="utilize"),
        finding("plain/simple-words", Severity.WARNING, line=2, text="utilize"),
        finding("plain/simple-words", Severity.WARNING, line=3, text="utilize"),
        finding("burden/ssn-request", Severity.WARNING, line=4, field="ssn_1"),
        finding("burden/ssn-request", Severity.WARNING, line=5, field="ssn_1"),
        finding("burden/ssn-request", Severity.WARNING, line=6, field="ssn_2"),
        finding("burden/ssn-request", Severity.WARNING, line=7, field="ssn_3"),
        finding("a11y/html-label", Severity.ERROR, line=8, field="x"),
    ]
    doc = view.build_doc(2, FileResult("form.txt", Format.TEXT, findings=findings),
                         {r.id: r for r in builtin_rules()}, {})
    order = [(item.rule, item.severity, item.reach, item.unit, item.count) for item in doc.fix_first]
    assert order == [
        ("a11y/html-label", "error", 1, "field", 1),
        ("burden/ssn-request", "warning", 3, "field", 4),  # three fields beat ...
        ("plain/simple-words", "warning", 3, "place", 3),  # ... three places (then by id)
    ]
    item = doc.fix_first[1]
    assert item.first == "d2-4" and item.anchor == "d2-r-burden_ssn-request"
    assert item.source_url and item.source_url.startswith("https://") and item.why and item.fix


def test_scorecard_measures_against_targets() -> None:
    assert view.grade_measure({"grade": 11.24}) == view.Measure(
        "grade 11.2", "grade 8 or lower", "3.2 grades above the target", False)
    assert view.grade_measure({"grade": 6, "grade_target": 6}).ok is True
    assert view.grade_measure({"grade": None}).ok is None
    assert view.burden_measure({"burden_minutes": 38, "stated_burden_minutes": 15}) == view.Measure(
        "38 min", "15 min stated", "23 min more than stated", False)
    assert view.burden_measure({"burden_minutes": 10, "stated_burden_minutes": 15}).ok is True
    assert view.burden_measure({"burden_minutes": None, "stated_burden_minutes": 15}).ok is None
    assert view.burden_measure({"burden_minutes": True}).value == "not estimated"  # not a number


def elements(*rows: tuple[str, str, str | None]) -> list[dict[str, Any]]:
    return [{"field": f, "element": e, "subject": s} for f, e, s in rows]


def test_tell_us_once_table_lists_elements_asked_on_several_forms() -> None:
    files = [
        FileResult("a.pdf", Format.PDF, stats={"data_elements": elements(
            ("ssn_1", "ssn", "applicant"), ("ssn_2", "ssn", "applicant"), ("dob", "date-of-birth", "applicant"),
            ("sp_ssn", "ssn", "spouse"))}),
        FileResult("b.html", Format.HTML, stats={"data_elements": elements(
            ("ssn", "ssn", "applicant"), ("birth", "date-of-birth", "applicant"), ("email", "email", None))}),
        FileResult("c.json", Format.JSONSCHEMA, stats={"data_elements": elements(
            ("/properties/ssn", "ssn", "applicant"), ("bad", "", None)) + ["not a mapping"]}),
        FileResult("d.md", Format.MARKDOWN, stats={}),
    ]
    report = view.build(run_of(*files))
    rows = [(r.element, r.subject, [(path, fields) for path, _, fields in r.forms]) for r in report.tell_us_once]
    assert rows == [
        ("ssn", "applicant", [("a.pdf", ("ssn_1", "ssn_2")), ("b.html", ("ssn",)), ("c.json", ("/properties/ssn",))]),
        ("date-of-birth", "applicant", [("a.pdf", ("dob",)), ("b.html", ("birth",))]),
    ]  # the spouse's SSN and the e-mail are asked once: not listed
    html = render(run_of(*files))
    assert 'id="tell-us-once"' in html and "/properties/ssn" in html


def test_tell_us_once_is_left_out_without_a_field_classification() -> None:
    one = FileResult("a.pdf", Format.PDF, stats={"data_elements": elements(("ssn", "ssn", None))})
    assert view.build(run_of(one, FileResult("b.pdf", Format.PDF, stats={}))).tell_us_once is None
    html = render(run_of(one, FileResult("b.pdf", Format.PDF, stats={})))
    assert "tell-us-once" not in html


def test_only_web_links_from_rule_sources_reach_the_page() -> None:
    assert view.safe_url("https://www.plainlanguage.gov/x") == "https://www.plainlanguage.gov/x"
    assert view.safe_url("mailto:plain@example.gov") == "mailto:plain@example.gov"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "https://x\" onmouseover=\"y",
                "/relative", "", None):
        assert view.safe_url(bad) is None
    ruleset = builtin_rules()
    rule = ruleset.get("plain/simple-words")
    evil = dataclasses.replace(rule, source=Source("Evil <b>source</b>", "javascript:alert(document.domain)"))
    rules = dataclasses.replace(ruleset, rules={**ruleset.rules, evil.id: evil})
    result = lint("Please utilize the form.", "plain/simple-words", nlp=False)
    html = render(RunResult([result], rules, [evil]))
    assert "javascript:" not in html
    assert "Evil &lt;b&gt;source&lt;/b&gt;" in html


# -- the rendered report -----------------------------------------------------------------


def test_report_command_writes_one_self_contained_file(tmp_path: Path) -> None:
    html = report_for(BAD_PDF, BAD_MD, tmp=tmp_path)
    page = Page(html)
    # Nothing is loaded from anywhere: inline style, one inline script, data: images.
    assert not page.all("link") and not page.all("iframe") and not page.all("object")
    assert [s.get("src") for s in page.all("script")] == [None]
    images = page.all("img")
    assert images and all(img["src"].startswith("data:image/png;base64,") for img in images)
    for img in images:
        assert base64.b64decode(img["src"].split(",", 1)[1]).startswith(b"\x89PNG")
        assert img["alt"] and "outlined" in img["alt"]
    for _, attrs in page.tags:
        for name, value in attrs.items():
            if name in ("href", "src", "action", "formaction", "srcset", "poster"):
                assert value and (value.startswith(("#", "data:image/png;base64,", "https://", "mailto:"))), value
    # The CSP forbids every other source and allows only this script, by hash.
    csp = next(m["content"] for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert csp == content_security_policy(page.scripts[0]) and f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert page.scripts[0] == script()
    # Ids are unique, and every in-page link has a target.
    assert len(page.ids) == len(set(page.ids))
    targets = set(page.ids)
    links = [a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")]
    assert links and all(link in targets for link in links)


def test_every_finding_is_in_the_report_with_its_parts(tmp_path: Path) -> None:
    html = report_for(BAD_MD, tmp=tmp_path)
    page = Page(html)
    _, data = run_json(str(BAD_MD), "--no-nlp")
    findings = data["files"][0]["findings"]
    items = [a for a in page.all("li") if "f" in (a.get("class") or "").split()]
    assert len(items) == len(findings) > 5
    assert [a["id"] for a in items] == [f"d1-{i}" for i in range(1, len(findings) + 1)]
    text = page.plain
    for f in findings:
        assert f["message"] in text
        assert f"line {f['line']}, column {f['column']}" in text
    # "utilize" is marked in its sentence and offered as before -> after.
    assert re.search(r"<mark>utilize</mark>", html)
    assert re.search(r"<del>utilize</del> → <ins>use</ins>", html)
    # The rule's why, fix and source appear once in this file's fix-first list.
    rule = builtin_rules().get("plain/simple-words")
    assert " ".join(rule.why.split()) in text
    assert f'href="{rule.source.url}"' in html
    assert 'href="#d1-r-plain_simple-words"' in html


def test_pdf_pages_carry_numbered_outlines_linked_both_ways(tmp_path: Path) -> None:
    html = report_for(BAD_PDF, tmp=tmp_path)
    page = Page(html)
    boxes = [a for a in page.all("a") if "box" in (a.get("class") or "").split()]
    assert len(boxes) >= 10
    ids = set(page.ids)
    for box in boxes:
        number = box["id"].split("-b")[1]
        assert box["href"] == f"#d1-{number}" and box["href"][1:] in ids
        assert f'<a href="#{box["id"]}">show on the page</a>' in html  # and back
        left, top, width, height = (float(v) for v in re.findall(r"([\d.]+)%", box["style"]))
        assert 0 <= left and 0 <= top and left + width <= 100.01 and top + height <= 100.01
    # The field "Text2" (top-based 170,154-470,172 pt on a 612 x 792 page) is outlined there.
    code_ids = re.findall(r'id="(d1-\d+)"><h4>.*?<code>a11y/pdf-field-no-name</code>.*?\n<p class="at">page 1, field Text2',
                          html)
    assert code_ids
    box = next(b for b in boxes if b["href"] == f"#{code_ids[0]}")
    left, top, width, height = (float(v) for v in re.findall(r"([\d.]+)%", box["style"]))
    assert (left, top, width) == pytest.approx((170 / 612 * 100, 154 / 792 * 100, 300 / 612 * 100), abs=0.05)


def test_no_images_leaves_page_images_out(tmp_path: Path) -> None:
    html = report_for(BAD_PDF, extra=("--no-images",), tmp=tmp_path)
    assert "<img" not in html and 'class="box' not in html and "show on the page" not in html
    assert "page 1, field Text2" in html


def test_check_format_html_is_the_same_report(tmp_path: Path) -> None:
    out = tmp_path / "check.html"
    result = run_cli("check", str(BAD_PDF), str(BAD_MD), "--no-nlp", "--format", "html", "-o", str(out))
    assert result.exit_code == 1  # check keeps its exit codes: the PDF has errors
    assert out.read_text(encoding="utf-8") == report_for(BAD_PDF, BAD_MD, tmp=tmp_path)
    assert renderer("html")(run_of()).startswith("<!DOCTYPE html>")


def test_report_exit_codes_and_errors(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_cli("report", str(BAD_PDF), "--no-nlp", "-o", str(out)).exit_code == 0
    assert run_cli("report", str(BAD_PDF), "--no-nlp", "-o", str(out), "--fail-on", "error").exit_code == 1
    missing = run_cli("report", str(tmp_path / "nope.pdf"), "-o", str(out))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    md = tmp_path / "form.md"
    md.write_text("Please utilize the form.\n")
    clash = run_cli("report", str(md), "-o", str(md))
    assert clash.exit_code == 2 and "refusing to overwrite" in clash.stderr
    assert md.read_text() == "Please utilize the form.\n"
    stdout = run_cli("report", str(md), "--no-nlp", "-o", "-")
    assert stdout.exit_code == 0 and stdout.stdout.startswith("<!DOCTYPE html>")


def test_unreadable_and_skipped_files_are_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%%EOF")
    other = tmp_path / "data.json"
    other.write_text('{"name": "not a form"}')
    html = report_for(broken, other, tmp=tmp_path)
    text = Page(html).plain
    assert "formlint could not read this file" in text and "io/unreadable" in text
    assert "skipped: " in text


def test_a_clean_run_says_so(tmp_path: Path) -> None:
    text = Page(report_for(FIXTURES / "markdown" / "apply-for-benefits-good.md", tmp=tmp_path)).plain
    assert "No problems found." in text and "Filter the findings" not in text


# -- safety ---------------------------------------------------------------------------------


def test_markup_and_script_in_forms_render_as_text(tmp_path: Path) -> None:
    html = report_for(HOSTILE, tmp=tmp_path)
    page = Page(html)
    # The only script is the report's own; no element carries an event handler, and no
    # element that the forms' text names (img, svg, textarea) was created.
    assert page.scripts == [script()]
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    assert {tag for tag, _ in page.tags}.isdisjoint({"svg", "textarea", "iframe", "object", "embed", "base"})
    assert all(img["src"].startswith("data:image/png;base64,") for img in page.all("img"))
    assert "javascript:" not in " ".join(str(v) for _, attrs in page.tags for v in attrs.values())
    # ... and all of it is there, as text.
    text = page.plain
    for payload in ("<script>document.title='pwned-2'</script>", "\"><img src=x onerror=\"document.title='pwned-1'\">",
                    "<script>document.title='pwned-7'</script>", "<svg onload=\"document.title='pwned-10'\">",
                    "</textarea><script>document.title='pwned-11'</script>", "<script>document.title='pwned-15'</script>",
                    "</blockquote></li></ol></section><script>document.title='pwned-17'</script>"):
        assert payload in text, payload


# -- determinism ----------------------------------------------------------------------------


def test_same_input_gives_byte_identical_reports(tmp_path: Path) -> None:
    paths = (BAD_PDF, BAD_MD, HOSTILE)
    first = report_for(*paths, extra=("-j", "1"), tmp=tmp_path)
    second = report_for(*paths, extra=("-j", "2"), tmp=tmp_path)
    assert first == second
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", first)  # no date unless asked for


def test_timestamp_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    html = report_for(BAD_MD, extra=("--timestamp",), tmp=tmp_path)
    assert "Generated 1970-01-02 00:00 UTC." in html
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    bad = run_cli("report", str(BAD_MD), "--timestamp", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.stderr


def test_fixture_pdf_generator_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    import importlib.util

    spec = importlib.util.spec_from_file_location("hostile_generate", HOSTILE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.build(tmp_path / "hostile.pdf")
    assert (tmp_path / "hostile.pdf").read_bytes() == (HOSTILE / "hostile.pdf").read_bytes()


# -- size ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.corpus
def test_the_corpus_pdfs_report_stays_small(corpus_dir: Path, tmp_path: Path) -> None:
    """Every PDF of the corpus with its page images: small enough to mail, page by page."""
    html = report_for(corpus_dir / "pdf-fillable", tmp=tmp_path)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) >= 40
    per_image = sum(len(i) for i in images) / len(images)
    assert per_image < 40_000  # bytes of base64 per page
    assert len(html.encode()) < 6_000_000


def test_the_command_module_imports_on_its_own() -> None:
    """formlint.commands.report must not need formlint.cli imported first (no import cycle)."""
    import subprocess
    import sys

    code = "import formlint.commands.report as r; import formlint.cli as c; print(c.main.get_command(None, 'report'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "report" in done.stdout


def test_a_folder_check_skips_formlint_reports_but_a_named_one_is_checked(tmp_path: Path) -> None:
    """`formlint report` writes formlint-report.html into the current folder; a later
    `formlint check .` must not lint the findings it quotes."""
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "apply.md").write_text((BAD_MD).read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("report", "forms", "--no-nlp", "-o", "formlint-report.html", cwd=tmp_path).exit_code == 0
    assert "utilize" in (tmp_path / "formlint-report.html").read_text(encoding="utf-8")
    hand_written = "<!DOCTYPE html><html lang=en><title>Apply</title><p>Please utilize the form.</p></html>"
    (tmp_path / "page.html").write_text(hand_written, encoding="utf-8")
    _, walked = run_json(".", "--no-nlp", cwd=tmp_path)
    paths = {file["path"] for file in walked["files"]}
    assert paths == {"forms/apply.md", "page.html"}
    _, named = run_json("formlint-report.html", "--no-nlp", cwd=tmp_path)
    assert [file["path"] for file in named["files"]] == ["formlint-report.html"]
