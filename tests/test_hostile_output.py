"""Text that comes from documents cannot attack the reader of a report: the text output
has no raw control, escape or bidi characters and keeps one finding a line; the JSON
output stays valid and carries the strings exactly; every reporter copes with the
hostile forms of tests/data/hostile_strings.json (which the HTML report tests reuse)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from formlint.engine import FileResult, RunResult
from formlint.model import Finding, Format, Location, Severity
from formlint.reporters import FORMATS, renderer
from formlint.reporters.escape import encodable, printable
from tests.helpers import builtin_rules, run_cli
from tests.hostile import hostile_strings, write_hostile_forms

# What must never reach a terminal raw: C0/C1 controls (but the newline between
# findings), DEL, bidi controls, line separators, lone surrogates.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def test_the_hostile_strings_cover_what_they_claim() -> None:
    strings = hostile_strings()
    assert len(strings) >= 25
    joined = "".join(strings)
    for needle in ("<script>", "onerror=", "javascript:", "\x1b[", "\x00", "\u202e", "\ud800", "\r", "::error"):
        assert needle in joined, needle
    assert max(len(s) for s in strings) >= 100_000


def synthetic_result() -> RunResult:
    """One finding per hostile string, the string in every field a finding has."""
    findings = []
    for i, text in enumerate(hostile_strings()):
        findings.append(Finding(
            rule="plain/simple-words", category="plain-language", severity=Severity.WARNING,
            message=f"Use a plain word instead of {text}.", text=text, suggestions=[text, "simple"],
            location=Location(path=f"forms/{text[:40]}.pdf", page=1, field=text) if i % 2 else
            Location(path="forms/a.json", pointer="/properties/" + text),
        ))
    file = FileResult(path="forms/a.json", format=Format.JSONSCHEMA, findings=findings)
    skipped = FileResult(path="forms/\x1b[2Jskip.json", format=Format.JSONSCHEMA, skipped="not a form: \u202eevil")
    ruleset = builtin_rules()
    return RunResult(files=[file, skipped], rules=ruleset, enabled=list(ruleset))


def test_text_output_escapes_everything_from_documents() -> None:
    result = synthetic_result()
    out = renderer("text")(result, color=False)
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    out.encode("utf-8")
    lines = out.splitlines()
    findings = result.files[0].findings
    # One line per finding (plus its suggestion line), the skipped file, the summary.
    assert len(lines) == 2 * len(findings) + 2
    assert sum(1 for ln in lines if " warning plain/simple-words " in ln) == len(findings)
    assert "\\x1b[31mred text\\x1b[0m" in out and "\\u202eevil.exe\\u202c" in out and "Name\\x00hidden" in out
    assert "forms/\\x1b[2Jskip.json: skipped: not a form: \\u202eevil" in out


def test_colour_is_added_after_escaping() -> None:
    out = renderer("text")(synthetic_result(), color=True)
    escapes = re.findall("\x1b\\[[0-9;]*m", out)
    assert escapes  # formlint's own colours are there ...
    assert not UNSAFE.search(re.sub("\x1b\\[[0-9;]*m", "", out))  # ... and nothing else


def test_json_output_is_valid_and_carries_the_strings_exactly() -> None:
    result = synthetic_result()
    out = renderer("json")(result, color=False)
    out.encode("utf-8")
    data = json.loads(out)
    findings = data["files"][0]["findings"]
    for finding, text in zip(findings, hostile_strings(), strict=True):
        expected = encodable(text)
        assert finding["text"] == expected
        assert finding["suggestions"][0] == expected
        assert finding["field"] == expected or finding["pointer"] == "/properties/" + expected
    assert "\x1b" not in out and "\x00" not in out  # JSON escapes control characters


def test_printable_and_encodable() -> None:
    assert printable("a\x1b[2Jb\r\nc\td\u202ee") == "a\\x1b[2Jb\\r\\nc\\td\\u202ee"
    assert printable("caf\u00e9 \U0001f469 plain") == "caf\u00e9 \U0001f469 plain"
    assert printable("bad\udcffname") == "bad\\xffname"  # a non-UTF-8 byte of a file name
    assert encodable("x\ud800y") == "x\ufffdy" and encodable("ok") == "ok"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    """The hostile forms checked once per registered reporter: (exit code, stderr, report)."""
    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_forms(folder / "forms")
    done = {}
    for fmt in sorted(FORMATS):
        output = folder / f"report.{fmt}"
        result = run_cli("check", "--no-nlp", "--format", fmt, "-o", str(output), str(folder / "forms"))
        # Whatever the documents held, the report is valid UTF-8.
        done[fmt] = (result.exit_code, result.stderr, output.read_bytes().decode("utf-8"))
    return done


def test_hostile_forms_end_to_end_in_text(reports: dict[str, tuple[int, str, str]]) -> None:
    code, stderr, out = reports["text"]
    assert code == 1 and stderr == "", stderr
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    assert "Traceback" not in out and "io/unreadable" not in out  # every form was read
    for name in ("hostile.html", "hostile.schema.json", "hostile.pdf", "hostile.md", "hostile.txt", "hostile.xml"):
        assert f"{name}:" in out, name
    # Field names with escape sequences are shown, escaped.
    assert '("\\x1b[2J\\x1b[HThe form is fine")' in out
    assert 'Field "\\x1b]0;pwned\\x07Name" has no accessible name' in out


def test_hostile_forms_end_to_end_in_json(reports: dict[str, tuple[int, str, str]]) -> None:
    code, stderr, out = reports["json"]
    assert code == 1 and stderr == ""
    data = json.loads(out)
    assert len(data["files"]) == 6 and all("unreadable" not in f["stats"] for f in data["files"])
    fields = {f["field"] for file in data["files"] for f in file["findings"] if f["field"]}
    assert "<script>alert('formlint')</script>" in fields  # carried exactly, for machines to escape
    assert "\x1b]0;pwned\x07Name" in fields


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_reporter_copes_with_hostile_forms(reports: dict[str, tuple[int, str, str]], fmt: str) -> None:
    code, stderr, out = reports[fmt]
    assert code in (0, 1) and "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert out.strip()


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"form-\xff\x1b.md"), "wb") as handle:
        handle.write(b"Please utilize the form.\n")
    text = run_cli("check", "--no-nlp", str(tmp_path))
    assert "form-\\xff\\x1b.md:1:8: warning plain/simple-words" in text.stdout
    as_json = run_cli("check", "--no-nlp", "--format", "json", str(tmp_path))
    assert json.loads(as_json.stdout)["files"][0]["path"].endswith("form-\ufffd\x1b.md")


def test_burden_reports_escape_file_names(tmp_path: Path) -> None:
    """``burden`` and ``burden --compare`` print file names, which can hold escapes too."""
    form = Path(__file__).parent.parent / "fixtures" / "forms" / "html" / "benefit-application-bad.html"
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "form\x1b[2J\u202e.html").write_bytes(form.read_bytes())
    (tmp_path / "new" / "form\x1b[2J\u202e.html").write_text(form.read_text().replace(
        "You must bring your documents to our office for an interview.", "Upload your documents."))
    for args, read in ((("burden", "old"), "in-person visit"), (("burden", "--compare", "old", "new"), "no longer in"),
                       (("burden", "--compare", "old", "new", "--format", "markdown"), "no longer in")):
        out = run_cli(*args, cwd=tmp_path).stdout
        assert read in out  # the form was read (and, compared, its change found)
        shown = "form\\\\x1b\\[2J\\\\u202e.html" if "markdown" in args else "form\\x1b[2J\\u202e.html"
        assert shown in out and not UNSAFE.search(out), (args, out)  # Markdown escapes the backslash again
