"""``formlint burden``: per-form estimates, the tell-us-once table, text/CSV/JSON, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import FIXTURES
from tests.helpers import run_cli

FORMS = [FIXTURES / "html" / "benefit-application-bad.html", FIXTURES / "html" / "benefit-application-good.html",
         FIXTURES / "jsonschema" / "benefit-application-bad.schema.json", FIXTURES / "pdf" / "benefit-application-bad.pdf"]


def burden_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("burden", "--format", "json", "-j", "1", *args)
    return result.exit_code, json.loads(result.stdout)


def test_json_has_a_row_per_form_and_the_tell_us_once_table() -> None:
    code, data = burden_json(*map(str, FORMS), str(FIXTURES / "markdown" / "apply-for-benefits-good.md"))
    assert code == 0
    paths = {f["path"].split("/")[-1] for f in data["forms"]}
    assert paths == {p.name for p in FORMS}
    bad_html = next(f for f in data["forms"] if f["path"].endswith("benefit-application-bad.html"))
    assert bad_html["stated_minutes"] == 2 and bad_html["estimated_minutes"] > 20
    assert bad_html["ratio"] == round(2 / bad_html["estimated_minutes"], 2)
    assert "in-person visit" in bad_html["steps"] and bad_html["breakdown"]["channel"] >= 115
    assert sum(bad_html["fields_by_type"].values()) == bad_html["questions"]
    elements = {row["element"]: row for row in data["elements"]}
    assert elements["ssn"]["forms"] == 3  # the bad HTML, JSON and PDF forms; the good one asks none
    assert elements["email"]["forms"] == len(elements["email"]["which"])
    assert [r["forms"] for r in data["elements"]] == sorted((r["forms"] for r in data["elements"]), reverse=True)
    assert [(s["path"].split("/")[-1], s["reason"]) for s in data["skipped"]] == [
        ("apply-for-benefits-good.md", "not a form (document)")]
    assert data["constants"]["reading-rate"]["status"] == "sourced"


def test_text_output_lists_forms_by_estimate_then_elements() -> None:
    result = run_cli("burden", "-j", "1", *map(str, FORMS))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["FORM", "PAGES", "WORDS", "FIELDS"]
    assert any(line.startswith("Tell us once") for line in lines)
    assert any(line.startswith("Social Security number") and " 3 " in line for line in lines)
    only_elements = run_cli("burden", "-j", "1", "--table", "elements", "--top", "2", *map(str, FORMS)).stdout
    assert not only_elements.startswith("FORM ") and len([ln for ln in only_elements.splitlines() if ln.strip()]) == 4


def test_csv_writes_both_tables() -> None:
    result = run_cli("burden", "--format", "csv", "-j", "1", *map(str, FORMS))
    forms_part, elements_part = result.stdout.split("\n\n", 1)
    forms = list(csv.DictReader(io.StringIO(forms_part)))
    assert len(forms) == len(FORMS) and float(forms[0]["estimated_minutes"]) > 0
    elements = list(csv.DictReader(io.StringIO(elements_part)))
    assert {"element", "label", "forms", "which"} == set(elements[0])
    only = run_cli("burden", "--format", "csv", "--table", "forms", "-j", "1", *map(str, FORMS)).stdout
    assert "element,label" not in only


def test_unreadable_files_are_listed_and_make_the_exit_code_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    result = run_cli("burden", "-j", "1", str(broken), str(FORMS[0]))
    assert result.exit_code == 1
    assert f"unreadable {broken}" in result.stdout
    code, data = burden_json(str(broken))
    assert code == 1 and data["unreadable"][0]["path"] == str(broken) and data["forms"] == []


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cli("burden", str(tmp_path / "nope.pdf"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert run_cli("burden", "--format", "xml", str(FORMS[0])).exit_code == 2
    config = tmp_path / ".formlint.toml"
    config.write_text("[burden]\nreading-speed = 3\n")
    bad_config = run_cli("burden", "--config", str(config), str(FORMS[0]))
    assert bad_config.exit_code == 2 and "reading-speed" in bad_config.stderr


def test_output_file_and_config_overrides(tmp_path: Path) -> None:
    out = tmp_path / "burden.json"
    assert run_cli("burden", "--format", "json", "-o", str(out), "-j", "1", str(FORMS[1])).exit_code == 0
    baseline = json.loads(out.read_text())["forms"][0]["estimated_minutes"]
    config = tmp_path / ".formlint.toml"
    config.write_text("[burden]\nreading-rate = 20\n")
    _, data = burden_json("--config", str(config), str(FORMS[1]))
    assert data["forms"][0]["estimated_minutes"] > baseline


def test_each_form_shows_its_omb_approval_and_how_far_off_its_date_is(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from formlint import dates

    monkeypatch.setattr(dates, "today", lambda: date(2026, 11, 27))
    fields = "<label for='n'>Full name</label><input id='n'><label for='i'>Income</label><input id='i' type='number'>"
    (tmp_path / "old.html").write_text(f"<form><p>OMB No. 4040-0004. Expires 01/31/2009.</p>{fields}</form>")
    (tmp_path / "new.html").write_text(f"<form><p>OMB No. 2900-0086. Expires 12/2026.</p>{fields}</form>")
    (tmp_path / "none.html").write_text(f"<form><p>OMB No. 1545-0074</p>{fields}</form>")
    text = run_cli("burden", "-j", "1", str(tmp_path)).stdout
    assert "OMB 4040-0004, 2009-01-31: expired 6509 days ago" in text
    assert "OMB 2900-0086, 2026-12-31: expires in 34 days" in text  # a month alone means its last day
    assert "OMB 1545-0074, no expiration date shown" in text
    _, data = burden_json(str(tmp_path))
    rows = {f["path"].split("/")[-1]: (f["omb_number"], f["omb_expires"]) for f in data["forms"]}
    assert rows == {"old.html": ("4040-0004", "2009-01-31"), "new.html": ("2900-0086", "2026-12-31"),
                    "none.html": ("1545-0074", None)}
    table = run_cli("burden", "--format", "csv", "--table", "forms", "-j", "1", str(tmp_path)).stdout
    parsed = {row["path"].split("/")[-1]: row for row in csv.DictReader(io.StringIO(table))}
    assert parsed["old.html"]["omb_expires"] == "2009-01-31" and parsed["none.html"]["omb_expires"] == ""


def test_responses_turn_minutes_into_hours_a_year() -> None:
    """--responses N: the PRA inventory's unit, hours a year, for each form and in all."""
    code, data = burden_json(str(FORMS[0]), str(FORMS[1]), "--responses", "25000")
    assert code == 0 and data["responses_a_year"] == 25000
    for form in data["forms"]:
        assert form["hours_a_year"] == round(form["estimated_minutes"] * 25000 / 60, 1)
    hours = {Path(f["path"]).name: f["hours_a_year"] for f in data["forms"]}[FORMS[0].name]
    text = run_cli("burden", "-j", "1", str(FORMS[0]), "--responses", "25000").stdout
    shown = f"{hours:,.0f}" if float(hours).is_integer() else f"{hours:,.1f}"
    assert f"{shown} hours a year at 25,000 responses" in text and "responses to each)" in text
    rows = list(csv.DictReader(io.StringIO(run_cli("burden", "--format", "csv", "--table", "forms", "-j", "1",
                                                   str(FORMS[0]), "--responses", "10").stdout)))
    assert float(rows[0]["hours_a_year"]) == round(float(rows[0]["estimated_minutes"]) * 10 / 60, 1)
    _, without = burden_json(str(FORMS[0]))
    assert without["responses_a_year"] is None and without["forms"][0]["hours_a_year"] is None
