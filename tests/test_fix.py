"""``check --fix``: safe replacements applied exactly where they were flagged, the file
otherwise byte for byte as it was, and the report shows what is left."""

from __future__ import annotations

import json
import os
from pathlib import Path

from formlint.fixer import Edit, apply_edits
from tests.helpers import run_cli

NOTICE = "# Notice\n\nSend it prior to the move. Do so in order to keep your benefits. Utilize the envelope.\n"
FIXED = NOTICE.replace("prior to", "before").replace("in order to", "to")  # "utilize" has no safe fix


def check(cwd: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("check", ".", "--no-nlp", *args, cwd=cwd)
    return result.exit_code, result.stdout, result.stderr


def test_fix_changes_only_the_flagged_words_and_reports_what_is_left(tmp_path: Path) -> None:
    form = tmp_path / "notice.md"
    form.write_text(NOTICE)
    _, before, _ = check(tmp_path, "--format", "json")
    fixable = [f for file in json.loads(before)["files"] for f in file["findings"] if f["text"] == "prior to"]
    assert fixable  # the fixture exercises a fixable finding
    code, out, err = check(tmp_path, "--fix", "--fail-on", "info")
    assert form.read_text() == FIXED
    assert "fixed 2 problems in 1 file" in err
    assert code == 1 and "Utilize" in out and "prior to" not in out  # the report is of the fixed file
    texts = [f["text"] for file in json.loads(check(tmp_path, "--format", "json")[1])["files"] for f in file["findings"]]
    assert "prior to" not in texts
    assert form.read_text() == FIXED  # a check without --fix changes nothing
    code, _, err = check(tmp_path, "--fix")
    assert "fixed 0 problems in 0 files" in err


def test_line_endings_byte_order_mark_and_permissions_are_kept(tmp_path: Path) -> None:
    form = tmp_path / "notice.txt"
    form.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSend it prior to the move.\r\n")
    os.chmod(form, 0o640)
    check(tmp_path, "--fix")
    assert form.read_bytes() == b"\xef\xbb\xbfFirst line.\r\nSend it before the move.\r\n"
    assert form.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["notice.txt"]  # no temporary file left behind


def test_a_stale_or_overlapping_edit_is_skipped(tmp_path: Path) -> None:
    form = tmp_path / "a.md"
    form.write_text("Send it prior to the move.\n")
    stale = Edit(0, 8, 16, "prior tx", "before")  # the file no longer says this there
    assert apply_edits(form, [stale]) == 0 and form.read_text() == "Send it prior to the move.\n"
    first, overlapping = Edit(0, 8, 16, "prior to", "before"), Edit(0, 14, 20, "to the", "the")
    assert apply_edits(form, [overlapping, first]) == 1
    assert form.read_text() == "Send it before the move.\n"
    assert apply_edits(form, [Edit(5, 0, 1, "x", "y")]) == 0  # a line the file does not have


def test_json_schemas_and_non_utf8_files_are_never_written(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Send it prior to the move. Caf\xe9.\n".encode("latin-1"))
    schema = tmp_path / "form.json"
    schema.write_text(json.dumps({"type": "object", "title": "Apply prior to the move",
                                  "properties": {"a": {"type": "string", "title": "Name, prior to the move"}}}))
    _, out, _ = check(tmp_path, "--format", "json")
    flagged = {file["path"] for file in json.loads(out)["files"] for f in file["findings"] if f["text"] == "prior to"}
    assert flagged == {"latin.txt", "form.json"}  # both have a fixable finding
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    check(tmp_path, "--fix")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
