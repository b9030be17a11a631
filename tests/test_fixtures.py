"""The project's own fixtures: every bad form shows the seed rules that apply to its
format, and no clean counterpart has a finding at warning level or above."""

from __future__ import annotations

import pytest

from formlint.config import Config
from formlint.engine import Runtime, discover, lint_file
from formlint.model import Severity
from tests.conftest import FIXTURES

EXPECTED = {
    "html/benefit-application-bad.html": {"plain/simple-words", "plain/long-sentence", "a11y/html-label",
                                          "burden/ssn-request", "burden/physical-signature"},
    "jsonschema/benefit-application-bad.schema.json": {"plain/simple-words", "plain/long-sentence",
                                                       "burden/ssn-request", "burden/physical-signature"},
    "markdown/apply-for-benefits-bad.md": {"plain/simple-words", "plain/long-sentence",
                                           "burden/physical-signature", "a11y/markdown-heading-order"},
    "pdf/benefit-application-bad.pdf": {"plain/simple-words", "plain/long-sentence", "a11y/pdf-field-no-name",
                                        "burden/ssn-request", "burden/physical-signature"},
    "text/renewal-notice-bad.txt": {"plain/simple-words", "plain/long-sentence", "burden/physical-signature"},
}


@pytest.fixture(scope="module")
def results() -> dict[str, list]:
    runtime = Runtime.create(Config())
    out = {}
    for target in discover([FIXTURES]):
        key = target.path.relative_to(FIXTURES).as_posix()
        out[key] = lint_file(target, runtime).findings
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_shows_the_seed_rules(results: dict[str, list], name: str) -> None:
    fired = {f.rule for f in results[name]}
    assert EXPECTED[name] <= fired, EXPECTED[name] - fired


def test_good_fixtures_have_nothing_at_warning_or_above(results: dict[str, list]) -> None:
    good = {name: findings for name, findings in results.items() if "-good." in name}
    assert len(good) == 5
    loud = {name: [(f.rule, f.text) for f in findings if f.severity >= Severity.WARNING]
            for name, findings in good.items()}
    assert all(not items for items in loud.values()), loud


def test_every_format_has_a_bad_and_a_good_fixture() -> None:
    folders = {p.parent.name for p in FIXTURES.rglob("*-bad.*")}
    assert folders == {p.parent.name for p in FIXTURES.rglob("*-good.*")} == {"html", "jsonschema", "markdown",
                                                                              "pdf", "text"}
