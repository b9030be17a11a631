"""Acceptance on real data: every file of ../shared/corpus is read and checked with the
default rules, none crashes, and every file is accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formlint.config import Config
from formlint.engine import Runtime, discover
from formlint.runner import run_targets
from tests.helpers import builtin_rules, run_cli

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_every_corpus_file_reads_and_is_reported(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    targets = discover(files)
    assert len(targets) == len(files)
    # The 3.4 MB Federal Register issue takes most of a minute on a loaded machine; this
    # test is about reading and accounting (the time limit has tests of its own).
    results = run_targets(targets, Runtime.create(Config()), jobs=2, timeout=600)
    assert len(results) == len(files)
    unreadable = {r.path: r.stats.get("unreadable") for r in results if r.stats.get("unreadable")}
    assert unreadable == {}
    skipped = {r.path: r.skipped for r in results if r.skipped}
    assert skipped == {}
    assert all(r.stats["words"] is not None for r in results)
    # Real forms give real findings: the seed rules fire on the fillable PDFs.
    pdf_rules = {f.rule for r in results if r.path.endswith(".pdf") for f in r.findings}
    assert {"a11y/pdf-field-no-name", "burden/ssn-request", "plain/simple-words"} <= pdf_rules


def test_every_rule_on_every_corpus_file_accounts_for_every_file(corpus_dir: Path, tmp_path: Path) -> None:
    """The acceptance run of issue 9: every rule selected, the deep tier, the folder given
    as a user would; the report lists exactly the files that went in, each with its
    findings or the reason it was not checked, and none stopped by a bug or a limit."""
    every_rule = ",".join(sorted({rule.id.split("/")[0] for rule in builtin_rules()}))
    files_in = sorted(p.relative_to(corpus_dir).as_posix() for p in corpus_dir.rglob("*")
                      if p.is_file() and p.name != "MANIFEST.tsv")
    report = tmp_path / "corpus.json"
    # The largest file (a 3.4 MB Federal Register issue) takes half a minute with every
    # rule; on a busy CI machine that can pass the 60 s default, so the limit is raised
    # here: this test is about accounting, the time limit has its own tests.
    (tmp_path / ".formlint.toml").write_text("timeout = 600\n")
    result = run_cli("check", "--select", every_rule, "--deep", "--format", "json", "-o", str(report), str(corpus_dir),
                     cwd=tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    files_out = sorted(Path(f["path"]).resolve().relative_to(corpus_dir).as_posix() for f in data["files"])
    assert files_out == files_in
    assert data["summary"]["files"] == len(files_in)
    problems = {}
    for entry in data["files"]:
        stats = entry["stats"]
        reason = stats.get("skipped") or stats.get("unreadable")
        if reason:
            assert isinstance(reason, str) and reason.strip()
        else:
            assert isinstance(stats["words"], int)  # read and checked: its findings (maybe none) are listed
        for finding in entry["findings"]:
            if finding["rule"].startswith("io/"):
                problems[entry["path"]] = finding["message"]
    # Real files are readable: nothing timed out, crashed a worker or hit a reader or rule bug.
    assert problems == {}
    assert data["summary"]["findings"] == sum(len(f["findings"]) for f in data["files"]) > 1000
