"""Cross-check formlint's HTML rules against axe-core in a real browser.

axe-core runs in Debian's Chromium (through Python Playwright) on every HTML fixture
and every HTML file of the shared corpus. For every axe violation of a rule that
formlint also covers (``COVERS``), formlint must report one of the covering rules on
the same element: same tag, same position among the page's elements of that tag.

The test skips with the reason when Playwright, Chromium or axe-core is missing; with
``FORMLINT_REQUIRE_BROWSER=1`` (``.ci/run`` sets it once Chromium is installed) a
missing piece is a failure instead.

Deliberate differences (documented, not silently tolerated):

* Fragments (a component or template part with no <html> element, such as VA's
  snippets and GSA's Django templates) are not checked for a page title or language by
  formlint: the page they are included in has them. In a browser, axe sees the
  fragment as a whole page, so its ``document-title`` and ``html-has-lang`` findings on
  fragments are excluded.
* axe rules about page layout, colour and landmarks (region, landmark-one-main,
  page-has-heading-one, color-contrast, label-content-name-mismatch on links...) are
  not form rules and formlint does not claim them; they are listed in ``NOT_COVERED``
  so that a new axe rule firing on the corpus is noticed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from formlint.config import Config
from formlint.engine import Runtime, Target, lint_bytes
from formlint.model import Format
from formlint.readers.html_tree import Element, HtmlTree
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from tests.browser.axe_runner import AxeBrowser, AxeNode, axe_browser, missing_requirement
from tests.conftest import CORPUS, FIXTURES
from tests.helpers import builtin_rules

pytestmark = pytest.mark.browser

#: axe rule -> the formlint rules that cover it (any of them on the same element counts).
COVERS: dict[str, frozenset[str]] = {
    "label": frozenset({"a11y/html-label"}),
    "select-name": frozenset({"a11y/html-select-name"}),
    "button-name": frozenset({"a11y/html-button-name"}),
    "input-button-name": frozenset({"a11y/html-input-button-name"}),
    "input-image-alt": frozenset({"a11y/html-input-image-alt"}),
    "image-alt": frozenset({"a11y/html-image-alt"}),
    "aria-input-field-name": frozenset({"a11y/html-aria-input-field-name"}),
    "label-title-only": frozenset({"a11y/html-label-title-only"}),
    "form-field-multiple-labels": frozenset({"a11y/html-multiple-labels"}),
    "autocomplete-valid": frozenset({"a11y/html-autocomplete-valid", "a11y/html-autocomplete-appropriate"}),
    "duplicate-id-aria": frozenset({"a11y/html-duplicate-id-aria"}),
    "duplicate-id": frozenset({"a11y/html-duplicate-id", "a11y/html-duplicate-id-aria"}),
    "duplicate-id-active": frozenset({"a11y/html-duplicate-id", "a11y/html-duplicate-id-aria"}),
    "html-has-lang": frozenset({"a11y/html-has-lang"}),
    "html-lang-valid": frozenset({"a11y/html-lang-valid"}),
    "valid-lang": frozenset({"a11y/html-lang-valid"}),
    "document-title": frozenset({"a11y/html-document-title"}),
    "heading-order": frozenset({"a11y/html-heading-order"}),
}
PAGE_RULES = frozenset({"html-has-lang", "document-title", "html-lang-valid"})
#: axe rules formlint does not claim (layout, landmarks, colour, links).
NOT_COVERED = frozenset({
    "region", "landmark-one-main", "page-has-heading-one", "color-contrast",
    "label-content-name-mismatch", "link-name", "landmark-unique", "meta-viewport", "bypass",
    "aria-valid-attr-value", "tabindex", "empty-heading", "list", "listitem", "scrollable-region-focusable",
})

PAGES = sorted(FIXTURES.glob("html/*.html")) + (sorted((CORPUS / "html").glob("*.html")) if CORPUS.is_dir() else [])


@pytest.fixture(scope="module")
def browser() -> Iterator[AxeBrowser]:
    reason = missing_requirement()
    if reason is not None:
        if os.environ.get("FORMLINT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"FORMLINT_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with axe_browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    ruleset = builtin_rules()
    rules = [r for r in ruleset if r.id.startswith("a11y/html-")]
    return Runtime.create(Config(nlp=False), ruleset, rules)


def element_key(tree: HtmlTree, element: Element) -> tuple[str, int]:
    """(tag, index among the page's elements of that tag) as the browser counts them:
    nothing inside <template> (its content is not in the document) or <noscript> (raw
    text when scripts run)."""
    same = [e for e in tree.iter(element.tag) if e.closest("template", "noscript") is None]
    return element.tag, same.index(element)


def formlint_elements(path: Path, runtime: Runtime) -> tuple[dict[tuple[str, int], set[str]], bool]:
    display = path.as_posix()
    target = Target(path, display, Format.HTML)
    result = lint_bytes(path.read_bytes(), target, runtime)
    doc = read_document(path.read_bytes(), display, Format.HTML, ReadOptions())
    tree = doc.html
    assert tree is not None
    at: dict[tuple[int, int], Element] = {(e.line, e.column): e for e in tree.iter()}
    found: dict[tuple[str, int], set[str]] = {}
    for finding in result.findings:
        element = at.get((finding.location.line or 0, finding.location.column or 0))
        if element is not None and element.closest("template", "noscript") is None:
            found.setdefault(element_key(tree, element), set()).add(finding.rule)
    return found, tree.html_element is None


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_formlint_reports_every_axe_violation_it_covers(browser: AxeBrowser, runtime: Runtime, page: Path) -> None:
    nodes = browser.run(page)
    found, fragment = formlint_elements(page, runtime)
    missed: list[str] = []
    for node in nodes:
        covering = COVERS.get(node.rule)
        if covering is None:
            assert node.rule in NOT_COVERED, f"axe rule {node.rule!r} is new: decide whether formlint covers it"
            continue
        if fragment and node.rule in PAGE_RULES and node.tag == "html":
            continue  # documented difference: fragments take their page's title and lang
        rules_here = found.get((node.tag or "", node.index), set())
        if not rules_here & covering:
            missed.append(f"{node.rule} on <{node.tag}> #{node.index} ({node.target}); formlint: {sorted(rules_here)}")
    assert not missed, f"{page.name}: axe violations formlint does not report:\n" + "\n".join(missed)


def test_the_defects_fixture_exercises_every_covered_axe_rule_that_can_fail(browser: AxeBrowser) -> None:
    """The cross-check proves something only if axe really fires: the seeded page must
    make axe report the rules formlint covers (axe reports duplicate ids and multiple
    labels as "needs review", never as violations, so those two are not expected)."""
    nodes = browser.run(FIXTURES / "html" / "a11y-defects.html")
    fired = Counter(node.rule for node in nodes)
    expected = set(COVERS) - {"duplicate-id-aria", "duplicate-id", "duplicate-id-active",
                              "form-field-multiple-labels", "html-lang-valid"}
    assert expected <= set(fired), f"axe did not report {sorted(expected - set(fired))}"


def test_clean_fixture_is_clean_for_axe_and_formlint(browser: AxeBrowser, runtime: Runtime) -> None:
    page = FIXTURES / "html" / "a11y-clean.html"
    covered = [n for n in browser.run(page) if n.rule in COVERS]
    assert covered == []
    found, _ = formlint_elements(page, runtime)
    assert found == {}
