"""End-to-end tests of the command line, in-process through click's runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from formlint import __version__
from tests.conftest import FIXTURES
from tests.helpers import run_cli, run_json

BAD_MD = FIXTURES / "markdown" / "apply-for-benefits-bad.md"
GOOD_MD = FIXTURES / "markdown" / "apply-for-benefits-good.md"
BAD_TXT = FIXTURES / "text" / "renewal-notice-bad.txt"

FINDING_KEYS = ["rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                "page", "field", "pointer", "text", "suggestions", "fix"]
STATS_KEYS = {"pages", "words", "fields", "grade", "burden_minutes", "stated_burden_minutes"}


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_text_output_has_one_line_per_finding_and_a_summary() -> None:
    result = run_cli("check", str(BAD_MD), "--no-nlp", "--fail-on", "warning")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    finding_lines = [ln for ln in lines if not ln.startswith("    ")][:-1]
    assert all(ln.split(":")[1].isdigit() for ln in finding_lines)
    assert any(" warning plain/simple-words Use \"use\" instead of \"utilize\"." in ln for ln in finding_lines)
    assert lines[-1].startswith("Found ") and "in 1 of 1 file" in lines[-1]


def test_json_output_is_the_schema_2_contract() -> None:
    code, data = run_json(str(BAD_MD), str(GOOD_MD), "--no-nlp")
    assert list(data) == ["formlint", "schema", "files", "summary"]
    assert data["formlint"] == __version__ and data["schema"] == 2
    assert [f["path"] for f in data["files"]] == sorted(f["path"] for f in data["files"])
    bad = next(f for f in data["files"] if f["path"].endswith("bad.md"))
    assert list(bad) == ["path", "format", "stats", "findings"]
    assert bad["format"] == "markdown" and STATS_KEYS <= set(bad["stats"])
    assert bad["stats"]["words"] > 50
    for finding in bad["findings"]:
        assert list(finding) == FINDING_KEYS
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["suggestions"], list)
    utilize = next(f for f in bad["findings"] if f["text"] == "utilize")
    assert (utilize["line"], utilize["column"], utilize["end_column"]) == (8, 95, 102)
    # Schema 2: the safe fix, as --fix would apply it; null where there is none.
    fixes = [f["fix"] for f in bad["findings"] if f["fix"] is not None]
    assert fixes and all(set(fix) == {"line", "column", "end_line", "end_column", "original", "replacement"}
                         for fix in fixes)
    assert any(f["fix"] is None for f in bad["findings"])
    summary = data["summary"]
    assert list(summary) == ["files", "findings", "by_severity", "by_rule"]
    assert summary["files"] == 2 and summary["findings"] == len(bad["findings"])
    assert sum(summary["by_rule"].values()) == summary["findings"]


def test_clean_counterpart_has_no_findings() -> None:
    code, data = run_json(str(GOOD_MD), "--no-nlp", "--fail-on", "info")
    assert code == 0 and data["summary"]["findings"] == 0


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--fail-on", "never"], 0),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "error"], 0),  # the Markdown fixture has warnings and info, no errors
        (["--fail-on", "info", "--select", "plain/long-sentence"], 1),
    ],
)
def test_exit_codes_follow_fail_on(args: list[str], expected: int) -> None:
    assert run_cli("check", str(BAD_MD), "--no-nlp", *args).exit_code == expected


def test_select_and_ignore_accept_prefixes_and_commas() -> None:
    _, data = run_json(str(BAD_MD), "--no-nlp", "--select", "burden,plain/long-sentence")
    assert set(data["summary"]["by_rule"]) == {"burden/physical-signature", "plain/long-sentence"}
    _, data = run_json(str(BAD_MD), "--no-nlp", "--ignore", "plain,a11y", "--ignore", "burden/physical-signature")
    assert data["summary"]["findings"] == 0


def test_inline_suppression_comment_hides_the_next_line() -> None:
    _, data = run_json(str(BAD_MD), "--no-nlp", "--select", "plain/simple-words")
    lines = {f["line"] for f in data["files"][0]["findings"]}
    suppressed_line = BAD_MD.read_text().splitlines().index(
        "This sentence may utilize a word we have agreed to keep.") + 1
    assert suppressed_line not in lines and 8 in lines


def test_folders_are_discovered_by_extension_and_exclude_works(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Please utilize this form.\n")
    (tmp_path / "notes.docx").write_bytes(b"ignored")
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "b.txt").write_text("Please utilize this form.\n")
    _, data = run_json(str(tmp_path), "--no-nlp")
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.md", "b.txt"]
    _, data = run_json(str(tmp_path), "--no-nlp", "--exclude", "skip")
    assert [Path(f["path"]).name for f in data["files"]] == ["a.md"]


def test_output_file_is_written_and_never_an_input(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("check", str(BAD_TXT), "--no-nlp", "--format", "json", "-o", str(out))
    assert result.stdout == "" and json.loads(out.read_text())["summary"]["files"] == 1
    target = tmp_path / "x.md"
    target.write_text("Please utilize this.\n")
    before = target.read_bytes()
    result = run_cli("check", str(target), "--no-nlp", "-o", str(target))
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert target.read_bytes() == before


def test_config_file_is_used_and_unknown_rule_ids_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Please utilize the form.\n")
    (tmp_path / ".formlint.toml").write_text('fail-on = "info"\nselect = ["plain/simple-words"]\n')
    assert run_cli("check", "a.md", "--no-nlp", cwd=tmp_path).exit_code == 1
    (tmp_path / ".formlint.toml").write_text('ignore = ["plain/utilise"]\n')
    result = run_cli("check", "a.md", "--no-nlp", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown rule id or prefix 'plain/utilise'" in result.stderr


def test_rule_parameters_from_config(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("One two three four five six seven eight nine ten eleven twelve.\n")
    (tmp_path / ".formlint.toml").write_text('[rules."plain/long-sentence"]\nmax-words = 10\n')
    _, data = run_json("a.md", "--no-nlp", "--select", "plain/long-sentence", cwd=tmp_path)
    assert data["summary"]["by_rule"] == {"plain/long-sentence": 1}
    (tmp_path / ".formlint.toml").write_text('[rules."plain/long-sentence"]\nmax-words = "ten"\n')
    result = run_cli("check", "a.md", "--no-nlp", cwd=tmp_path)
    assert result.exit_code == 2 and "'max-words' must be int" in result.stderr


def test_missing_path_and_unsupported_file_are_usage_errors(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.pdf"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    odd = tmp_path / "form.docx"
    odd.write_bytes(b"PK\x03\x04")
    result = run_cli("check", str(odd))
    assert result.exit_code == 2 and "unsupported file type" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_a_usage_error_when_named_and_left_out_of_a_folder(tmp_path: Path) -> None:
    # Opening a pipe blocks until something writes to it: before this, a pipe in a folder
    # held its worker until the 60 s limit, and a named one was "0 files, no problems".
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "a.md").write_text("Please utilize this form.\n")
    os.symlink(tmp_path / "gone.md", tmp_path / "broken.md")
    result = run_cli("check", str(tmp_path / "pipe.md"), "--no-nlp")
    assert result.exit_code == 2 and "not a file or folder" in result.stderr
    _, data = run_json(str(tmp_path), "--no-nlp")
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    # The broken link stays in, reported unreadable, so the user learns that it is broken.
    assert sorted(by_name) == ["a.md", "broken.md"]
    assert [x["rule"] for x in by_name["broken.md"]["findings"]] == ["io/unreadable"]


def test_rules_lists_every_rule() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    for rule_id in ("plain/simple-words", "plain/long-sentence", "a11y/pdf-field-no-name", "a11y/html-label",
                    "burden/physical-signature", "burden/ssn-request", "io/unreadable"):
        assert rule_id in result.stdout
    rows = json.loads(run_cli("rules", "--format", "json").stdout)
    assert all({"id", "severity", "enabled", "summary", "source"} <= set(r) for r in rows)


def test_explain_prints_why_source_and_examples() -> None:
    result = run_cli("explain", "plain/simple-words")
    assert result.exit_code == 0
    text = result.stdout
    assert "Why it matters" in text and "https://www.plainlanguage.gov/" in text
    assert "Please utilize the enclosed envelope." in text and "Not flagged:" in text
    result = run_cli("explain", "plain/simple")
    assert result.exit_code == 2 and "did you mean plain/simple-words" in result.stderr


def test_json_fix_spans_hold_the_text_they_replace() -> None:
    _code, data = run_json(str(BAD_MD), "--no-nlp")
    lines = BAD_MD.read_text(encoding="utf-8").splitlines()
    fixes = [f["fix"] for f in data["files"][0]["findings"] if f["fix"]]
    assert fixes
    for fix in fixes:
        assert fix["end_line"] == fix["line"]
        assert lines[fix["line"] - 1][fix["column"] - 1:fix["end_column"] - 1] == fix["original"]
        assert fix["replacement"] and fix["replacement"] != fix["original"]


def test_statistics_count_findings_per_rule_instead_of_listing_them() -> None:
    result = run_cli("check", str(BAD_MD), str(BAD_TXT), "--no-nlp", "--statistics")
    listed = run_cli("check", str(BAD_MD), str(BAD_TXT), "--no-nlp")
    lines = result.stdout.splitlines()
    assert lines[-1] == listed.stdout.splitlines()[-1]  # the same summary
    rows = [line.split() for line in lines[:-1]]
    counts = {row[1]: int(row[0]) for row in rows}
    findings = [ln for ln in listed.stdout.splitlines()[:-1] if not ln.startswith("    ")]
    assert sum(counts.values()) == len(findings)
    assert counts["plain/simple-words"] == sum(" plain/simple-words " in ln for ln in findings)
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    simple = next(line for line in lines if " plain/simple-words " in line)
    assert simple.endswith("; in 2 files")
    assert result.exit_code == listed.exit_code


def test_statistics_with_another_format_is_a_usage_error() -> None:
    result = run_cli("check", str(BAD_MD), "--statistics", "--format", "json")
    assert result.exit_code == 2
    assert "--statistics is a text summary; it cannot be combined with --format json" in result.stderr


def test_the_command_leaves_with_main_s_exit_code_and_all_of_its_output(tmp_path: Path) -> None:
    """`formlint` (formlint.cli:run) skips the interpreter's clean-up after main, so the
    output must be flushed first: a long JSON report through a pipe comes out whole."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "formlint", "check", "--no-cache", "--no-nlp", "--format", "json",
                           str(FIXTURES)], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["summary"]["findings"] > 100
    done = subprocess.run([sys.executable, "-m", "formlint", "check", "--select", "no-such-rule", str(FIXTURES)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("formlint: error:")


def test_run_exits_at_once_with_the_code_after_flushing(monkeypatch: pytest.MonkeyPatch) -> None:
    from formlint import cli

    class Left(Exception):
        pass

    calls: list[object] = []

    def fake_exit(code: int) -> None:
        calls.append(code)
        raise Left

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    monkeypatch.setattr("sys.argv", ["formlint", "--version"])
    with pytest.raises(Left):
        cli.run()
    assert calls == [0]
    monkeypatch.setattr("sys.argv", ["formlint", "check", "--select", "no-such-rule", str(FIXTURES)])
    with pytest.raises(Left):
        cli.run()
    assert calls == [0, 2]
