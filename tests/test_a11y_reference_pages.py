"""The USWDS and VA design-system pages of the shared corpus are reference
implementations: formlint must find no accessibility error on them, and every warning
or note it does report is listed here with the reason it is right (or the page is
fixed). A new finding on these pages fails the test until it is explained or fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.config import Config
from formlint.engine import Runtime, lint_paths
from formlint.model import Severity
from tests.helpers import builtin_rules

pytestmark = pytest.mark.corpus

# Why the findings below are correct, by rule.
AUTOCOMPLETE = (
    "WCAG 2.1 SC 1.3.5: these fields collect the user's own name, email, address or date "
    "of birth; the USWDS and VA components leave autocomplete to the page that uses them, "
    "and GOV.UK's name, address, email and date patterns add exactly these tokens"
)
OPTIONAL = (
    "USWDS marks required fields with an asterisk and still shows '(optional)' on optional "
    "ones (form-templates guidance; uswds-site PR 1834 notes that the templates themselves "
    "had not caught up); GOV.UK marks optional questions the same way"
)

EXPLAINED: dict[tuple[str, str, str], str] = {
    ("uswds-address-form.html", "a11y/html-autocomplete-missing", "mailing-address-1"): AUTOCOMPLETE + " (address-line1)",
    ("uswds-address-form.html", "a11y/html-autocomplete-missing", "apt-floor-suite-no"): AUTOCOMPLETE + " (address-line2)",
    ("uswds-address-form.html", "a11y/html-autocomplete-missing", "city"): AUTOCOMPLETE + " (address-level2)",
    ("uswds-address-form.html", "a11y/html-autocomplete-missing", "state"): AUTOCOMPLETE + " (address-level1)",
    ("uswds-address-form.html", "a11y/html-autocomplete-missing", "zip"): AUTOCOMPLETE + " (postal-code)",
    ("uswds-address-form.html", "a11y/html-optional-not-marked", "apt-suite-other"): OPTIONAL,
    ("uswds-address-form.html", "a11y/html-optional-not-marked", "apt-floor-suite-no"): OPTIONAL,
    ("uswds-date-input.html", "a11y/html-autocomplete-missing", "date_of_birth_1"): AUTOCOMPLETE + " (bday-month)",
    ("uswds-date-input.html", "a11y/html-autocomplete-missing", "date_of_birth_2"): AUTOCOMPLETE + " (bday-day)",
    ("uswds-date-input.html", "a11y/html-autocomplete-missing", "date_of_birth_3"): AUTOCOMPLETE + " (bday-year)",
    ("uswds-layout-create-account-lang-es.html", "a11y/html-autocomplete-missing", "email"): AUTOCOMPLETE + " (email)",
    ("uswds-layout-create-account.html", "a11y/html-autocomplete-missing", "email"): AUTOCOMPLETE + " (email)",
    ("uswds-sign-in.html", "a11y/html-autocomplete-missing", "email"): AUTOCOMPLETE + " (email)",
    ("uswds-name-form.html", "a11y/html-autocomplete-missing", "title"): AUTOCOMPLETE + " (honorific-prefix)",
    ("uswds-name-form.html", "a11y/html-autocomplete-missing", "first-name"): AUTOCOMPLETE + " (given-name)",
    ("uswds-name-form.html", "a11y/html-autocomplete-missing", "middle-name"): AUTOCOMPLETE + " (additional-name)",
    ("uswds-name-form.html", "a11y/html-autocomplete-missing", "last-name"): AUTOCOMPLETE + " (family-name)",
    ("uswds-name-form.html", "a11y/html-optional-not-marked", "title"): OPTIONAL,
    ("uswds-name-form.html", "a11y/html-optional-not-marked", "middle-name"): OPTIONAL,
    ("va-vads-address-form.html", "a11y/html-autocomplete-missing", "mailing-address-1"): AUTOCOMPLETE + " (address-line1)",
    ("va-vads-address-form.html", "a11y/html-autocomplete-missing", "mailing-address-2"): AUTOCOMPLETE + " (address-line2)",
    ("va-vads-address-form.html", "a11y/html-autocomplete-missing", "city"): AUTOCOMPLETE + " (address-level2)",
    ("va-vads-address-form.html", "a11y/html-autocomplete-missing", "state"): AUTOCOMPLETE + " (address-level1)",
    ("va-vads-address-form.html", "a11y/html-autocomplete-missing", "zip"): AUTOCOMPLETE + " (postal-code)",
    ("va-vads-name-form.html", "a11y/html-autocomplete-missing", "title"): AUTOCOMPLETE + " (honorific-prefix)",
    ("va-vads-name-form.html", "a11y/html-autocomplete-missing", "first-name"): AUTOCOMPLETE + " (given-name)",
    ("va-vads-name-form.html", "a11y/html-autocomplete-missing", "middle-name"): AUTOCOMPLETE + " (additional-name)",
    ("va-vads-name-form.html", "a11y/html-autocomplete-missing", "last-name"): AUTOCOMPLETE + " (family-name)",
    ("va-vads-name-form.html", "a11y/html-autocomplete-missing", "suffix"): AUTOCOMPLETE + " (honorific-suffix)",
    ("va-vads-name-form.html", "a11y/html-optional-not-marked", "title"): OPTIONAL,
    ("va-vads-name-form.html", "a11y/html-optional-not-marked", "middle-name"): OPTIONAL,
    ("va-vads-name-form.html", "a11y/html-optional-not-marked", "suffix"): OPTIONAL,
}


def _reference_pages(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "html").glob("*.html") if p.name.startswith(("uswds-", "va-")))


def test_reference_pages_have_no_errors_and_only_explained_findings(corpus_dir: Path) -> None:
    ruleset = builtin_rules()
    runtime = Runtime.create(Config(nlp=False), ruleset, [r for r in ruleset if r.id.startswith("a11y/")])
    pages = _reference_pages(corpus_dir)
    assert len(pages) >= 16, "the corpus should hold the USWDS and VA component pages"
    result = lint_paths(pages, runtime.config, runtime=runtime)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == [], [(f.location.path, f.rule, f.message) for f in errors]
    found = {(Path(f.location.path).name, f.rule, f.location.field or "") for f in result.findings}
    unexplained = found - set(EXPLAINED)
    assert not unexplained, f"explain or fix these findings on the reference pages: {sorted(unexplained)}"
    gone = set(EXPLAINED) - found
    assert not gone, f"no longer reported (update the list): {sorted(gone)}"


def test_autocomplete_suggestions_on_reference_pages_are_the_tokens_explained(corpus_dir: Path) -> None:
    """The suggested token is part of the explanation: check it is what formlint says."""
    ruleset = builtin_rules()
    rule = ruleset.get("a11y/html-autocomplete-missing")
    assert rule is not None
    runtime = Runtime.create(Config(nlp=False), ruleset, [rule])
    result = lint_paths(_reference_pages(corpus_dir), runtime.config, runtime=runtime)
    for finding in result.findings:
        key = (Path(finding.location.path).name, finding.rule, finding.location.field or "")
        token = EXPLAINED[key].rsplit("(", 1)[1].rstrip(")")
        assert finding.suggestions == [f'autocomplete="{token}"'], key
