"""Bad input gets a clear one-line message and the documented exit code, never a
traceback: io/unreadable findings (exit 1 with the default fail-on error) for files
that cannot be read, a note for JSON that is not a form, exit 2 for usage errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests.conftest import FIXTURES
from tests.helpers import run_cli

GOOD_PDF = FIXTURES / "pdf" / "benefit-application-good.pdf"


def check_text(path: Path, *extra: str) -> tuple[int, str, str]:
    result = run_cli("check", "--no-nlp", str(path), *extra)
    return result.exit_code, result.stdout, result.stderr


def unreadable_line(stdout: str, rule: str = "io/unreadable") -> str:
    lines = [ln for ln in stdout.splitlines() if rule in ln]
    assert len(lines) == 1, stdout
    assert "Traceback" not in stdout
    return lines[0]


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(GOOD_PDF.read_bytes()[:4000])
    code, out, err = check_text(path)
    assert code == 1 and err == ""
    line = unreadable_line(out)
    assert line.startswith(f"{path.as_posix()}: error io/unreadable Cannot read this file:")
    assert "truncated" in line or "damaged" in line or "corrupt" in line


def test_pdf_with_a_user_password(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(GOOD_PDF))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    code, out, _ = check_text(path)
    # The accessibility pack names the problem precisely; without it, io/unreadable says it.
    assert code == 1 and "needs a password" in unreadable_line(out, "a11y/pdf-password-required")
    code, out, _ = check_text(path, "--ignore", "a11y")
    assert code == 1 and "password-protected" in unreadable_line(out)


def test_html_of_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.html"
    path.write_bytes(os.urandom(64 * 1024))
    code, out, _ = check_text(path)
    assert code == 1 and "binary" in unreadable_line(out)


def test_a_20_mb_html_page_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    paragraph = "<p>Please read the instructions before you fill in the form.</p>\n"
    path.write_text("<html><body>" + paragraph * (20 * 1024 * 1024 // len(paragraph)) + "</body></html>")
    code, out, _ = check_text(path)
    line = unreadable_line(out)
    assert code == 1 and "over the 10 MB limit" in line and "max-file-size-mb" in line


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html lang='en'><title>x</title><p>" + "Apply online. " * 100_000 + "</p></html>")
    (tmp_path / ".formlint.toml").write_text("max-file-size-mb = 0.5\n")
    result = run_cli("check", "--no-nlp", "page.html", cwd=tmp_path)
    assert result.exit_code == 1 and "over the 0.5 MB limit for html files" in result.stdout


def test_json_that_is_not_a_form_is_skipped_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"rows": [1, 2, 3], "name": "inventory"}))
    code, out, err = check_text(path, "--fail-on", "info")
    assert code == 0
    assert f"{path.as_posix()}: skipped: not a JSON-schema form definition" in out
    result = run_cli("check", "--no-nlp", "--format", "json", str(path))
    data = json.loads(result.stdout)
    assert data["files"][0]["findings"] == [] and "skipped" in data["files"][0]["stats"]


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"type": "object",\n "properties": {"a": }\n}')
    code, out, _ = check_text(path)
    assert code == 1 and "line 2" in unreadable_line(out)


def test_unknown_rule_id_in_the_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.formlint]\nselect = ["plain/utilise"]\n')
    (tmp_path / "a.md").write_text("Apply online.\n")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "unknown rule id or prefix 'plain/utilise' in 'select'" in result.stderr


def test_invalid_toml_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / ".formlint.toml").write_text("select = [plain\n")
    (tmp_path / "a.md").write_text("Apply online.\n")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.exit_code == 2 and "invalid TOML" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   "])
def test_empty_files_are_fine(tmp_path: Path, content: bytes) -> None:
    for suffix in (".md", ".txt", ".html"):
        path = tmp_path / f"empty{suffix}"
        path.write_bytes(content)
        code, out, _ = check_text(path, "--fail-on", "info")
        assert code == 0 and "io/unreadable" not in out
