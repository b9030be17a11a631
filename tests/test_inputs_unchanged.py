"""formlint never changes what it checks: every input is hashed before and after full
runs — every fixture and a folder of hostile and pathological files, every format,
every registered reporter (to a file with --output and to standard output), every
rule, the deep tier, and the cache as configured by default (on, once it exists)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from formlint.reporters import FORMATS
from tests import hostile
from tests.conftest import FIXTURES
from tests.helpers import builtin_rules, run_cli

pytestmark = pytest.mark.slow


def snapshot(*roots: Path) -> dict[str, tuple[str, int, int, int]]:
    """path -> (sha256, size, mtime in ns, mode) of every file below ``roots``."""
    state = {}
    for root in roots:
        for directory, _dirs, files in os.walk(root):
            for name in files:
                path = Path(directory) / name
                info = path.stat()
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[str(path)] = (digest, info.st_size, info.st_mtime_ns, info.st_mode)
    return state


@pytest.fixture
def extra_inputs(tmp_path: Path) -> Path:
    """Inputs the fixtures lack: XML, hostile labels in every format, broken files."""
    folder = tmp_path / "inputs"
    short = tuple(s for s in hostile.hostile_strings() if len(s) < 1000)  # the long one only costs time here
    hostile.write_hostile_forms(folder / "hostile", short)
    broken = folder / "broken"
    broken.mkdir()
    (broken / "page-tree-loop.pdf").write_bytes(hostile.pdf_page_tree_loop())
    (broken / "truncated.pdf").write_bytes((FIXTURES / "pdf" / "benefit-application-bad.pdf").read_bytes()[:3000])
    (broken / "binary.html").write_bytes(bytes(range(256)) * 64)
    (broken / "not-a-form.json").write_text('{"rows": [1, 2, 3]}')
    (broken / "bad.json").write_text('{"type": "object", "properties": {')
    (broken / "rules.xml").write_text('<?xml version="1.0"?><doc><p>You must sign the form in ink.</p></doc>')
    return folder


def test_no_input_is_modified_by_any_run(tmp_path: Path, extra_inputs: Path) -> None:
    every_rule = ",".join(sorted({rule.id.split("/")[0] for rule in builtin_rules()}))
    before = snapshot(FIXTURES, extra_inputs)
    assert len(before) >= 20
    work = tmp_path / "work"  # the current folder: where a cache may go, never beside the inputs
    work.mkdir()
    outputs = tmp_path / "reports"
    outputs.mkdir()
    checked = [str(FIXTURES), str(extra_inputs)]
    for fmt in sorted(FORMATS):
        result = run_cli("check", "--deep", "--select", every_rule, "--format", fmt,
                         "-o", str(outputs / f"report.{fmt}"), *checked, cwd=work)
        assert result.exit_code == 1, (fmt, result.stderr)
        assert (outputs / f"report.{fmt}").stat().st_size > 0
    # Once more to standard output, with whatever the first runs left in a cache.
    again = run_cli("check", "--deep", "--select", every_rule, "--format", "json", *checked, cwd=work)
    assert again.exit_code == 1
    files = json.loads(again.stdout)["files"]
    assert len(files) == len([p for p in before if Path(p).suffix in {".pdf", ".html", ".md", ".txt", ".xml", ".json"}])
    after = snapshot(FIXTURES, extra_inputs)
    assert sorted(after) == sorted(before), "files appeared or vanished among the inputs"
    changed = [path for path in before if before[path] != after[path]]
    assert changed == []
    assert sorted(p.name for p in outputs.iterdir()) == sorted(f"report.{fmt}" for fmt in FORMATS)  # no temp files
