"""The HTML report in a real browser (Debian's Chromium through Playwright).

The report is held to the standard it enforces: axe-core finds no WCAG 2.1 AA (or
best-practice) violation on a desktop and on a phone; the filters work with the
keyboard and announce their result; a finding's link leads to its outline on the page
image and back; with scripts off everything is still there; nothing is requested from
any host; and script in a form's text never runs. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import ARTIFACTS, browser_page, describe, run_axe, screenshot
from tests.conftest import FIXTURES, ROOT
from tests.helpers import run_cli

pytestmark = pytest.mark.browser

HOSTILE = ROOT / "fixtures" / "report"


def write_report(out: Path, *paths: Path) -> Path:
    result = run_cli("report", *map(str, paths), "--no-nlp", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample forms of every format plus the hostile ones, images included."""
    return write_report(tmp_path_factory.mktemp("report") / "report.html", FIXTURES, HOSTILE)


def in_viewport(page: Any, selector: str) -> bool:
    return bool(page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.bottom > 0 && r.top < window.innerHeight && r.width > 0; }""", selector))


def target_id(page: Any) -> str:
    return str(page.evaluate("() => { const t = document.querySelector(':target'); return t ? t.id : ''; }"))


@pytest.mark.parametrize("device, size", [("desktop", (1280, 900)), ("phone", (390, 844))])
def test_axe_finds_no_violations(report: Path, device: str, size: tuple[int, int]) -> None:
    options = {"is_mobile": True, "has_touch": True} if device == "phone" else {}
    with browser_page(bypass_csp=True, width=size[0], height=size[1], **options) as page:
        page.goto(report.as_uri())
        assert page.locator("#filters").is_visible()  # the script ran and showed the filters
        violations = run_axe(page)
        screenshot(page, f"report-{device}-top.png", full_page=False)
        page.locator("figure.page").first.scroll_into_view_if_needed()
        screenshot(page, f"report-{device}-page-image.png", full_page=False)
        assert violations == [], describe(violations)
        if device == "phone":  # nothing wider than the screen but the page images' frames
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0
        assert page.blocked == []


def test_axe_on_scorecards_and_the_tell_us_once_table(tmp_path: Path) -> None:
    """The parts that the rule packs fill later (grade, burden minutes, data elements),
    from synthetic stats."""
    from formlint.engine import RunResult
    from formlint.reporters.html import render
    from tests.helpers import builtin_rules, lint

    files = []
    for name, text in (("a.md", "Please utilize the form. Tell us your SSN."), ("b.md", "You must utilize it.")):
        result = lint(text, nlp=False)
        result.path = name
        result.stats.update(grade=11.3, burden_minutes=42, stated_burden_minutes=15, data_elements=[
            {"field": f"{name}:ssn", "element": "ssn", "subject": "applicant"},
            {"field": f"{name}:dob", "element": "date-of-birth", "subject": "applicant"}])
        files.append(result)
    out = tmp_path / "synthetic.html"
    out.write_text(render(RunResult(files, builtin_rules(), list(builtin_rules()))), encoding="utf-8")
    with browser_page(bypass_csp=True) as page:
        page.goto(out.as_uri())
        table = page.get_by_role("table", name="Data elements asked for on more than one form")
        assert table.locator("tbody tr").count() == 2
        assert "42 min" in page.locator("section.doc").first.inner_text()
        violations = run_axe(page)
        screenshot(page, "report-synthetic-stats.png")
        assert violations == [], describe(violations)


def test_filters_work_with_the_keyboard_and_announce_the_result(report: Path) -> None:
    with browser_page() as page:  # the page's own Content-Security-Policy applies
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(report.as_uri())
        status = page.get_by_role("status")
        total = page.locator("li.f").count()
        assert status.inner_text() == f"Showing all {total} findings."
        info = page.locator("li.f.s-info").count()
        assert 0 < info < total

        # Severity: tab to the "Info" check box and untick it with the space bar.
        page.get_by_role("group", name="Severity").get_by_role("checkbox", name=re.compile("^Info")).focus()
        page.keyboard.press("Space")
        assert status.inner_text() == f"Showing {total - info} of {total} findings."
        assert page.locator("li.f.s-info:visible").count() == 0
        assert page.locator("li.f:visible").count() == total - info

        # Rule: type ahead in the focused list box, as a keyboard user does.
        page.get_by_label("Rule", exact=True).focus()
        page.keyboard.type("burden/ssn")
        assert page.get_by_label("Rule", exact=True).input_value() == "burden/ssn-request"
        ssn = page.locator("li.f:visible")
        shown = ssn.count()
        assert shown > 0 and status.inner_text() == f"Showing {shown} of {total} findings."
        assert set(ssn.locator("h4 code").all_inner_texts()) == {"burden/ssn-request"}
        # Files and pages without a match are hidden too.
        assert page.locator("section.doc:visible").count() < page.locator("section.doc").count()

        # Category and file.
        page.get_by_label("Rule", exact=True).select_option("")
        page.get_by_role("group", name="Category").get_by_role("checkbox", name=re.compile("^Plain")).uncheck()
        assert page.locator("li.f:visible h4 a code", has_text="plain/").count() == 0
        pdf = page.locator("#filter-file option", has_text="benefit-application-bad.pdf").get_attribute("value")
        page.get_by_label("File", exact=True).select_option(pdf)
        visible_docs = page.locator("section.doc:visible")
        assert visible_docs.count() == 1 and "benefit-application-bad.pdf" in visible_docs.locator("h2").inner_text()
        screenshot(page, "report-filtered.png", full_page=False)

        # Reset with the keyboard.
        page.get_by_role("button", name="Show all findings").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('filter-status').textContent.startsWith('Showing all')")
        assert page.locator("li.f:visible").count() == total
        assert errors == []
        assert page.blocked == []


def test_a_finding_links_to_its_outline_and_back(report: Path) -> None:
    with browser_page() as page:
        page.goto(report.as_uri())
        link = page.locator("li.f a", has_text="show on the page").first
        finding_id = link.locator("xpath=ancestor::li[contains(@class, 'f')][1]").get_attribute("id")
        outline = link.get_attribute("href")
        link.click()
        assert page.url.endswith(outline) and target_id(page) == outline[1:]
        assert in_viewport(page, outline)
        screenshot(page, "report-outline-target.png", full_page=False)
        # The outline is a keyboard-reachable link back to its finding.
        page.locator(outline).focus()
        page.keyboard.press("Enter")
        assert target_id(page) == finding_id and in_viewport(page, f"#{finding_id}")
        # Following a link to a finding that a filter hides shows everything again.
        page.get_by_role("group", name="Severity").get_by_role("checkbox", name=re.compile("^Error")).uncheck()
        hidden = page.locator("li.f.s-error").first.get_attribute("id")
        assert page.locator(f"#{hidden}").is_hidden()
        page.evaluate("id => { location.hash = id; }", hidden)
        page.wait_for_function("id => !document.getElementById(id).closest('[hidden]')", arg=hidden)
        assert in_viewport(page, f"#{hidden}")


def test_without_scripts_the_report_is_complete(report: Path) -> None:
    with browser_page(java_script_enabled=False) as page:
        page.goto(report.as_uri())
        assert page.locator("#filters").is_hidden()
        total = page.locator("li.f").count()
        assert total > 50 and page.locator("li.f:visible").count() == total
        assert page.locator("a.box:visible").count() == page.locator("a.box").count() > 10
        # Links work without scripts: :target highlights the outline.
        outline = page.locator("a.box").first.get_attribute("id")
        page.goto(report.as_uri() + f"#{outline}")
        assert target_id(page) == outline
        screenshot(page, "report-no-script.png", full_page=False)


def test_print_styles(report: Path) -> None:
    with browser_page() as page:
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        assert page.locator("#filters").is_hidden() and page.locator(".top nav").is_hidden()
        assert page.locator("li.f:visible").count() == page.locator("li.f").count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.pdf(path=str(ARTIFACTS / "report-print.pdf"))
        assert (ARTIFACTS / "report-print.pdf").stat().st_size > 10_000


def test_script_in_form_text_never_runs(tmp_path: Path) -> None:
    report = write_report(tmp_path / "hostile.html", HOSTILE)
    with browser_page() as page:
        dialogs: list[str] = []
        messages: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda msg: messages.append(msg.text))
        page.goto(report.as_uri())
        page.wait_for_timeout(200)
        assert "pwned" not in page.title()
        assert page.evaluate("() => document.scripts.length") == 1
        assert page.evaluate("() => document.querySelectorAll('svg, iframe, textarea, [onerror], [onload]').length") == 0
        assert dialogs == [] and messages == []  # not even a blocked attempt under the CSP
        body = page.locator("main").inner_text()
        assert "<script>document.title='pwned-2'</script>" in body
        assert "\"><img src=x onerror=\"document.title='pwned-1'\">" in body
        screenshot(page, "report-hostile.png")
        assert page.blocked == []
