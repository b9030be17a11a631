"""`formlint check -`: a document from standard input, as editors send it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from formlint.config import Config
from formlint.errors import UsageError
from formlint.model import Format
from formlint.stdin import sniff_format, stdin_target, wants_stdin
from tests.conftest import FIXTURES
from tests.helpers import run_cli

BAD_MD = FIXTURES / "markdown" / "apply-for-benefits-bad.md"
BAD_PDF = FIXTURES / "pdf" / "benefit-application-bad.pdf"


def _json(*args: str, stdin: bytes, cwd: Path | None = None) -> tuple[int, dict]:
    result = run_cli("check", "--format", "json", "--no-nlp", *args, stdin=stdin, cwd=cwd)
    return result.exit_code, json.loads(result.stdout)


def test_standard_input_gets_the_findings_of_the_same_file_on_disk() -> None:
    code, piped = _json("--fail-on", "warning", "--stdin-filename", str(BAD_MD), "-", stdin=BAD_MD.read_bytes())
    disk_code, on_disk = _json("--fail-on", "warning", str(BAD_MD), stdin=b"")
    assert piped["files"][0]["path"] == on_disk["files"][0]["path"]
    assert piped["files"][0]["format"] == "markdown"
    findings = piped["files"][0]["findings"]
    assert findings == on_disk["files"][0]["findings"] and len(findings) > 5
    assert piped["files"][0]["stats"] == on_disk["files"][0]["stats"]
    assert code == disk_code == 1  # the exit code follows the findings (warnings here)


def test_unnamed_input_is_called_dash_and_read_as_markdown() -> None:
    result = run_cli("check", "--no-nlp", "-", stdin=b"Please utilize the portal.\n")
    assert result.stdout.startswith('-:1:8: warning plain/simple-words Use "use" instead of "utilize".')


def test_stdin_filename_alone_reads_standard_input_and_its_extension_names_the_format() -> None:
    code, data = _json("--stdin-filename", "upload/form.pdf", stdin=BAD_PDF.read_bytes())
    assert data["files"][0]["path"] == "upload/form.pdf" and data["files"][0]["format"] == "pdf"
    assert data["files"][0]["stats"]["pages"] >= 1
    assert any(f["rule"].startswith("a11y/pdf") for f in data["files"][0]["findings"])


def test_per_file_settings_follow_the_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / ".formlint.toml").write_text('[per-file-ignores]\n"legacy/*.md" = ["plain/simple-words"]\n')
    text = b"Please utilize the portal.\n"
    _, legacy = _json("--stdin-filename", "legacy/old.md", stdin=text, cwd=tmp_path)
    _, current = _json("--stdin-filename", "current/new.md", stdin=text, cwd=tmp_path)
    assert [f["rule"] for f in current["files"][0]["findings"]] == ["plain/simple-words"]
    assert legacy["files"][0]["findings"] == []


def test_the_cache_is_not_written_for_standard_input(tmp_path: Path) -> None:
    run_cli("check", "--no-nlp", "-", stdin=b"Please utilize the portal.\n", cwd=tmp_path)
    assert not (tmp_path / ".formlint_cache").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["-", "other.md"], "'-' (standard input) cannot be checked together with other paths"),
    (["--stdin-filename", "a.md", "other.md"], "--stdin-filename names standard input"),
    (["--fix", "-"], "--fix changes files in place; it cannot change standard input"),
    (["--diff", "HEAD", "-"], "--diff selects changed files; it cannot be used with standard input"),
    (["--stdin-filename", "form.docx"], "--stdin-filename form.docx: unsupported file type"),
])
def test_what_standard_input_cannot_do_is_a_usage_error(args: list[str], message: str) -> None:
    result = run_cli("check", "--no-nlp", *args, stdin=b"text\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("formlint: error: " + message)
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_input_over_the_size_limit_is_refused_without_reading_it_all() -> None:
    stream = io.BytesIO(b"a" * 5000)
    with pytest.raises(UsageError, match=r"standard input is over the .* MB limit for markdown input"):
        stdin_target(stream, "x.md", Config(max_file_size_mb=0.004), Path("/nonexistent"))
    assert stream.tell() == int(0.004 * 1_048_576) + 1  # stopped one byte past the limit


def test_the_temporary_file_keeps_the_bytes_and_the_format(tmp_path: Path) -> None:
    target = stdin_target(io.BytesIO(b"{}"), None, Config(), tmp_path)
    assert target.format is Format.JSONSCHEMA and target.display == "-"
    assert target.path.parent == tmp_path and target.path.read_bytes() == b"{}"


@pytest.mark.parametrize(("head", "fmt"), [
    (b"%PDF-1.7\n", Format.PDF),
    (b'\xef\xbb\xbf  {"type": "object"}', Format.JSONSCHEMA),
    (b"<!DOCTYPE html><html>", Format.HTML),
    (b"<form><label>Name</label></form>", Format.HTML),
    (b'<?xml version="1.0"?><regulation/>', Format.XML),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', Format.HTML),
    (b"# Apply for benefits\n", Format.MARKDOWN),
    (b"", Format.MARKDOWN),
])
def test_unnamed_input_is_sniffed(head: bytes, fmt: Format) -> None:
    assert sniff_format(head) is fmt


def test_wants_stdin() -> None:
    assert wants_stdin((Path("-"),), None)
    assert wants_stdin((), "a.md")
    assert not wants_stdin((Path("a.md"),), None)
    assert not wants_stdin((), None)


def test_a_failing_read_is_a_usage_error(tmp_path: Path) -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(UsageError, match="cannot read standard input: Input/output error"):
        stdin_target(Broken(), None, Config(), tmp_path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
