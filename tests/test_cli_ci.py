"""The command line as CI sees it: parallel runs, exit codes, help, unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.helpers import run_cli


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_2_prints_exactly_what_jobs_1_prints(fmt: str) -> None:
    one = run_cli("check", str(FIXTURES), "--format", fmt, "--no-cache", "--no-nlp", "--jobs", "1")
    two = run_cli("check", str(FIXTURES), "--format", fmt, "--no-cache", "--no-nlp", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 20


def test_help_documents_exit_codes_and_the_ci_options() -> None:
    top = run_cli("--help").stdout
    for line in ("0  no finding at or above --fail-on", "1  findings at or above --fail-on",
                 "2  usage or configuration error", "--fail-on warning", "io/unreadable"):
        assert line in top
    for command in ("baseline", "init", "cache"):
        assert f"\n  {command} " in top
    check = " ".join(run_cli("check", "--help").stdout.split())
    for option in ("--format [text|json|html|sarif|github|gitlab]", "--baseline FILE", "--diff, --changed-since REF",
                   "--no-cache", "-q, --quiet", "-j, --jobs", "Exit codes: 0"):
        assert option in check


def test_an_unreadable_file_is_a_finding_in_every_ci_format(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    (tmp_path / "ok.md").write_text("Apply online.\n")
    for fmt, needle in (("text", "error io/unreadable"), ("github", "::error file=broken.pdf"),
                        ("sarif", '"ruleId": "io/unreadable"'), ("gitlab", '"check_name": "io/unreadable"')):
        result = run_cli("check", ".", "--format", fmt, "--no-nlp", cwd=tmp_path)
        assert result.exit_code == 1 and needle in result.stdout
        assert "Traceback" not in result.stdout + result.stderr


def test_fail_on_warning_fails_on_warnings_only(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Please utilize the enclosed envelope.\n")  # a warning, no error
    assert run_cli("check", "a.md", "--no-nlp", cwd=tmp_path).exit_code == 0
    assert run_cli("check", "a.md", "--no-nlp", "--fail-on", "warning", cwd=tmp_path).exit_code == 1
    result = run_cli("check", "a.md", "--fail-on", "warnings", cwd=tmp_path)
    assert result.exit_code == 2 and "warnings" in result.stderr
