"""Acceptance on real data: every file of ../shared/corpus is read and checked with the
default rules, none crashes, and every file is accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.config import Config
from formlint.engine import Runtime, discover
from formlint.runner import run_targets

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_every_corpus_file_reads_and_is_reported(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    targets = discover(files)
    assert len(targets) == len(files)
    results = run_targets(targets, Runtime.create(Config()), jobs=2, timeout=120)
    assert len(results) == len(files)
    unreadable = {r.path: r.stats.get("unreadable") for r in results if r.stats.get("unreadable")}
    assert unreadable == {}
    skipped = {r.path: r.skipped for r in results if r.skipped}
    assert skipped == {}
    assert all(r.stats["words"] is not None for r in results)
    # Real forms give real findings: the seed rules fire on the fillable PDFs.
    pdf_rules = {f.rule for r in results if r.path.endswith(".pdf") for f in r.findings}
    assert {"a11y/pdf-field-no-name", "burden/ssn-request", "plain/simple-words"} <= pdf_rules
