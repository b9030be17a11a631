"""burden/pra-expired: an OMB approval whose printed expiration date has passed (error) or
comes within ``renew-days`` (info); dates as forms print them; and the results cache, which
must not serve a finding that the calendar has made wrong."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import formlint.pipeline
from formlint import dates
from formlint.dates import parse_form_date, parse_iso_day
from formlint.model import Format, Severity
from tests.helpers import lint, run_cli

RULE = "burden/pra-expired"


def form(expiration: str) -> str:
    return (f"<form><p>OMB No. 4040-0004. {expiration}</p><label for='n'>Full name</label><input id='n'>"
            "<label for='i'>Household income</label><input id='i' type='number'></form>")


def findings(text: str, **params: object) -> list:  # type: ignore[type-arg]
    rules = {RULE: params} if params else {}
    return [f for f in lint(text, RULE, fmt=Format.HTML, nlp=False, rules=rules).findings if f.rule == RULE]


@pytest.mark.parametrize("printed, day", [
    ("03/31/2027", date(2027, 3, 31)),
    ("04-30-2025", date(2025, 4, 30)),
    ("05.31.2026", date(2026, 5, 31)),
    ("12/31/26", date(2026, 12, 31)),
    ("12/2026", date(2026, 12, 31)),  # a month without a day: valid through its last day
    ("2/2028", date(2028, 2, 29)),
    ("2026-06-30", date(2026, 6, 30)),
    ("June 30, 2024", date(2024, 6, 30)),
    ("Sept. 30, 2025", date(2025, 9, 30)),
    ("June 2026", date(2026, 6, 30)),
])
def test_dates_as_forms_print_them(printed: str, day: date) -> None:
    assert parse_form_date(printed) == day


@pytest.mark.parametrize("printed", ["13/45/2020", "02/30/2024", "Foo 2024", "12/31", "", "01/01/0001", "12/31/9999"])
def test_what_is_not_a_calendar_day_is_not_a_date(printed: str) -> None:
    assert parse_form_date(printed) is None


def test_a_configured_day_is_iso_or_a_toml_date_and_anything_else_says_how_to_write_it() -> None:
    assert parse_iso_day("2027-01-05") == date(2027, 1, 5)
    assert parse_iso_day(date(2027, 1, 5)) == date(2027, 1, 5)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_day("01/05/2027")


def test_a_past_date_is_an_error_quoting_the_number_and_the_date() -> None:
    found = findings(form("Expiration date: 01/31/2009"), **{"as-of": "2026-11-27"})
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "4040-0004 expired on 01/31/2009" in found[0].message
    assert found[0].text == "Expiration date: 01/31/2009"


def test_the_last_day_is_still_valid_and_the_next_is_not() -> None:
    assert [f.severity for f in findings(form("Expires 06/30/2026"), **{"as-of": "2026-06-30"})] == [Severity.INFO]
    assert [f.severity for f in findings(form("Expires 06/30/2026"), **{"as-of": "2026-07-01"})] == [Severity.ERROR]


def test_a_date_within_renew_days_is_information_and_renew_days_0_turns_it_off() -> None:
    soon = findings(form("Expires 01/31/2027"), **{"as-of": "2026-11-27"})
    assert [f.severity for f in soon] == [Severity.INFO]
    assert "expires on 01/31/2027, within 120 days" in soon[0].message
    assert findings(form("Expires 01/31/2027"), **{"as-of": "2026-11-27", "renew-days": 30}) == []
    assert findings(form("Expires 01/31/2027"), **{"as-of": "2026-11-27", "renew-days": 0}) == []
    assert findings(form("Expires 01/31/2029"), **{"as-of": "2026-11-27"}) == []


def test_without_as_of_the_day_of_the_run_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: date(2030, 1, 1))
    assert [f.severity for f in findings(form("Expires 01/31/2029"))] == [Severity.ERROR]
    monkeypatch.setattr(dates, "today", lambda: date(2020, 1, 1))
    assert findings(form("Expires 01/31/2029")) == []


def test_results_say_the_day_they_stop_holding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: date(2026, 11, 27))
    far = lint(form("Expires 01/31/2029"), RULE, fmt=Format.HTML, nlp=False)
    assert far.valid_until == "2028-10-04"  # the first day of the 120-day reminder
    near = lint(form("Expires 01/31/2027"), RULE, fmt=Format.HTML, nlp=False)
    assert near.valid_until == "2027-02-01"  # the day after the date: the reminder becomes an error
    past = lint(form("Expires 01/31/2009"), RULE, fmt=Format.HTML, nlp=False)
    assert past.valid_until is None  # expired stays expired
    fixed = lint(form("Expires 01/31/2027"), RULE, fmt=Format.HTML, nlp=False, rules={RULE: {"as-of": "2026-11-27"}})
    assert fixed.valid_until is None  # a fixed day never changes


def test_an_expiration_date_of_something_else_or_without_a_control_number_is_not_checked() -> None:
    assert findings("<form><p>Expiration date of your passport: 01/31/2009</p><input id='n'></form>",
                    **{"as-of": "2026-11-27"}) == []
    assert findings("<form><p>Expiration date: 01/31/2009</p><label for='n'>Name</label><input id='n'></form>",
                    **{"as-of": "2026-11-27"}) == []


@pytest.mark.parametrize("setting, words", [('as-of = "31 Jan 2027"', "YYYY-MM-DD"),
                                             ("renew-days = -5", "from 0 to 3660"),
                                             ("renew-days = 1000000000", "from 0 to 3660")])
def test_a_bad_parameter_is_a_configuration_error(tmp_path: Path, setting: str, words: str) -> None:
    (tmp_path / "f.html").write_text(form("Expires 01/31/2009"))
    (tmp_path / ".formlint.toml").write_text(f'[rules."{RULE}"]\n{setting}\n')
    result = run_cli("check", "f.html", "--no-nlp", cwd=tmp_path)
    assert result.exit_code == 2
    assert setting.split(" ")[0] in result.stderr and words in result.stderr


def test_the_cache_checks_a_form_again_on_the_day_its_approval_expires(
        cached_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (cached_project / "f.html").write_text(form("Expires 01/31/2027"))
    linted: list[str] = []
    real = formlint.pipeline.lint_targets

    def spy(targets: Any, *args: Any, **kwargs: Any) -> Any:
        linted.extend(t.display for t in targets)
        return real(targets, *args, **kwargs)

    monkeypatch.setattr(formlint.pipeline, "lint_targets", spy)

    def severities(day: date) -> list[str]:
        monkeypatch.setattr(dates, "today", lambda: day)
        result = run_cli("check", "f.html", "--no-nlp", "--select", RULE, "--format", "json", "-j", "1",
                         cwd=cached_project)
        return [f["severity"] for f in json.loads(result.stdout)["files"][0]["findings"]]

    assert severities(date(2026, 11, 27)) == ["info"]
    assert severities(date(2027, 1, 31)) == ["info"]
    assert linted == ["f.html"]  # the second run came from the cache
    assert severities(date(2027, 2, 1)) == ["error"]  # the entry expired with the approval
    assert linted == ["f.html", "f.html"]


def test_explain_lists_both_parameters_with_what_they_do() -> None:
    text = run_cli("explain", RULE).stdout
    assert "renew-days = 120   # report (as info)" in text
    assert "as-of = (not set)   # compare with this day (YYYY-MM-DD)" in text
