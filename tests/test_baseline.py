"""Baselines: known findings stay hidden when lines move; new ones are reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.helpers import run_cli

BAD_MD = FIXTURES / "markdown" / "apply-for-benefits-bad.md"
NO_NLP = ("--no-nlp", "--no-cache")


def check_json(cwd: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "json", *NO_NLP, *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for file in data["files"] for f in file["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "forms").mkdir()
    shutil.copy(BAD_MD, tmp_path / "forms" / "apply.md")
    return tmp_path


def test_baselined_findings_stay_hidden_when_lines_move_and_new_ones_are_reported(repo: Path) -> None:
    code, before = check_json(repo, "forms", "--fail-on", "info")
    assert code == 1 and len(findings(before)) >= 5
    result = run_cli("baseline", "forms", *NO_NLP, cwd=repo)
    assert result.exit_code == 0 and f"{len(findings(before))} findings" in result.stdout
    assert (repo / ".formlint-baseline.json").is_file()

    code, data = check_json(repo, "forms", "--fail-on", "info", "--baseline", ".formlint-baseline.json")
    assert code == 0 and findings(data) == []
    assert data["files"][0]["stats"]["baselined"] == len(findings(before))

    # An unrelated edit above the baselined findings: six new lines under the title.
    form = repo / "forms" / "apply.md"
    lines = form.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[5].startswith("# ") and lines[6] == "\n"
    added = ["We updated this page in May.\n", "\n", "Read it all.\n", "\n", "Before you start, see below.\n", "\n"]
    form.write_text("".join(lines[:7] + added + lines[7:]), encoding="utf-8")
    code, moved = check_json(repo, "forms", "--fail-on", "info")
    assert sum(1 for f in findings(before) if f["line"] > 7) >= 5
    assert [f["line"] for f in findings(moved)] == [f["line"] + 6 * (f["line"] > 7) for f in findings(before)]
    code, data = check_json(repo, "forms", "--fail-on", "info", "--baseline", ".formlint-baseline.json")
    assert code == 0 and findings(data) == []

    # A new problem is reported (and sets the exit code); the old ones stay hidden.
    form.write_text(form.read_text(encoding="utf-8") + "\nWe will commence the review soon.\n", encoding="utf-8")
    code, data = check_json(repo, "forms", "--fail-on", "info", "--baseline", ".formlint-baseline.json")
    assert code == 1
    assert [(f["rule"], f["text"]) for f in findings(data)] == [("plain/simple-words", "commence")]


def test_the_same_text_flagged_twice_is_counted(tmp_path: Path) -> None:
    form = tmp_path / "notice.md"
    form.write_text("Please utilize the envelope.\n\nPlease utilize the stamp.\n")
    run_cli("baseline", "notice.md", *NO_NLP, "--select", "plain/simple-words", cwd=tmp_path)
    entries = json.loads((tmp_path / ".formlint-baseline.json").read_text())["findings"]
    assert len(entries) == 1 and entries[0]["count"] == 2 and entries[0]["path"] == "notice.md"
    code, data = check_json(tmp_path, "notice.md", "--select", "plain/simple-words",
                            "--baseline", ".formlint-baseline.json", "--fail-on", "warning")
    assert code == 0 and findings(data) == []
    form.write_text("Please utilize the envelope.\n\nPlease utilize the stamp.\n\nUtilize the box.\n")
    code, data = check_json(tmp_path, "notice.md", "--select", "plain/simple-words",
                            "--baseline", ".formlint-baseline.json", "--fail-on", "warning")
    assert code == 1 and len(findings(data)) == 1
    assert data["files"][0]["stats"]["baselined"] == 2
    # Fixing one of the two baselined ones leaves nothing new to report.
    form.write_text("Please use the envelope.\n\nPlease utilize the stamp.\n")
    code, data = check_json(tmp_path, "notice.md", "--select", "plain/simple-words",
                            "--baseline", ".formlint-baseline.json", "--fail-on", "warning")
    assert code == 0 and findings(data) == []


def test_baseline_from_config_from_another_folder_and_no_baseline(repo: Path) -> None:
    (repo / "ci").mkdir()
    run_cli("baseline", "forms", *NO_NLP, "-o", "ci/known.json", cwd=repo)
    assert json.loads((repo / "ci" / "known.json").read_text())["findings"][0]["path"] == "../forms/apply.md"
    (repo / ".formlint.toml").write_text('baseline = "ci/known.json"\nfail-on = "info"\n')
    code, data = check_json(repo, "forms")
    assert code == 0 and findings(data) == []
    # The same baseline matches from a subfolder: its paths are relative to the baseline file.
    code, data = check_json(repo / "forms", "apply.md")
    assert code == 0 and findings(data) == []
    code, data = check_json(repo, "forms", "--no-baseline")
    assert code == 1 and findings(data)
    text = run_cli("check", "forms", *NO_NLP, cwd=repo).stdout
    assert text.strip().endswith("baselined findings not shown.") and "No problems found in 1 file." in text


def test_baseline_errors_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Please utilize the form.\n")
    result = run_cli("check", "a.md", "--baseline", "missing.json", cwd=tmp_path)
    assert result.exit_code == 2 and "baseline file missing.json not found" in result.stderr
    assert "formlint baseline" in result.stderr
    (tmp_path / "other.json").write_text('{"version": "2.1.0"}')
    result = run_cli("check", "a.md", "--baseline", "other.json", cwd=tmp_path)
    assert result.exit_code == 2 and "is not a formlint baseline" in result.stderr
    (tmp_path / "broken.json").write_text("{")
    result = run_cli("check", "a.md", "--baseline", "broken.json", cwd=tmp_path)
    assert result.exit_code == 2 and "not valid JSON" in result.stderr
    assert result.stderr.count("\n") == 1
