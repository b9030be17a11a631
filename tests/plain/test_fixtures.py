"""The project's sample forms: the good ones are clean, the bad ones show the plain pack."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from formlint.engine import FileResult, Target, lint_bytes
from formlint.model import Severity
from formlint.readers import format_for
from tests.conftest import FIXTURES
from tests.helpers import runtime_for

GOOD = sorted(p for p in FIXTURES.rglob("*-good.*") if format_for(p) is not None)
BAD = sorted(p for p in FIXTURES.rglob("*-bad.*") if format_for(p) is not None)


@cache
def plain_runtime():  # noqa: ANN201
    return runtime_for("plain")


def check(path: Path) -> FileResult:
    display = path.relative_to(FIXTURES.parent.parent).as_posix()
    return lint_bytes(path.read_bytes(), Target(path, display, format_for(path)), plain_runtime())


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_fixtures_have_no_plain_warnings(path: Path) -> None:
    result = check(path)
    serious = [f"{f.rule}: {f.message}" for f in result.findings if f.severity >= Severity.WARNING]
    assert serious == []


EXPECTED = {
    "apply-for-benefits-bad.md": {"plain/simple-words", "plain/long-sentence", "plain/passive-voice"},
    "renewal-notice-bad.txt": {"plain/simple-words", "plain/long-sentence", "plain/passive-voice",
                               "plain/readability-grade", "plain/all-caps"},
    "benefit-application-bad.pdf": {"plain/shall", "plain/passive-voice", "plain/legalese", "plain/latin-abbreviation",
                                    "plain/slash-and-or", "plain/undefined-acronym", "plain/double-negative",
                                    "plain/all-caps", "plain/redundancy", "plain/address-the-reader",
                                    "plain/long-sentence", "plain/simple-words"},
    "benefit-application-bad.html": {"plain/simple-words", "plain/passive-voice"},
    "benefit-application-bad.schema.json": {"plain/simple-words", "plain/passive-voice"},
}


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_fixtures_show_the_plain_rules(path: Path) -> None:
    rules = {f.rule for f in check(path).findings}
    assert EXPECTED[path.name] <= rules


def test_the_good_and_bad_fixtures_are_all_covered() -> None:
    assert {p.name for p in BAD} == set(EXPECTED) and len(GOOD) == len(BAD)
