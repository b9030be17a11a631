"""Smoke test of the speed harness (benchmarks/run.py) on a tiny corpus.

Only the shape of the results is asserted: the harness must run end to end and report
every measurement and target. Timings are never asserted (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from formlint import server

from benchmarks import run as harness

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "forms"


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "guidance").mkdir(parents=True)
    (corpus / "pdf").mkdir()
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-good.md", corpus / "guidance")
    shutil.copy(FIXTURES / "text" / "renewal-notice-bad.txt", corpus / "guidance")
    shutil.copy(FIXTURES / "pdf" / "flat-notice.pdf", corpus / "pdf")
    return corpus


def test_quick_run_reports_every_measurement_as_json(tiny_corpus: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.json"
    small = FIXTURES / "markdown" / "apply-for-benefits-good.md"
    assert harness.main(["--corpus", str(tiny_corpus), "--quick", "--no-peers", "--json", str(out),
                         "--small-file", str(small)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))

    assert results["runs"] == 1 and results["peers"] == {"proselint": False}
    assert results["command"].startswith("python benchmarks/run.py --corpus")
    prose = results["prose"]
    assert prose["files"] == 2
    assert prose["words"] > 50
    assert prose["findings"] > 0  # the bad renewal notice has findings
    assert prose["timeouts"] == 0
    for key in ("cold_s", "warm_s", "cold_no_nlp_s", "peak_pss_mb", "peak_rss_mb"):
        assert len(prose[key]["runs"]) == 1 and prose[key]["median"] > 0
    assert "proselint_s" not in prose  # --no-peers
    assert set(prose["commands"]) == {"cold", "warm", "no_nlp"}
    assert "--no-cache" in prose["commands"]["cold"] and "<2 prose files>" in prose["commands"]["cold"]

    assert results["small_file"]["file"] == "fixtures/forms/markdown/apply-for-benefits-good.md"
    assert isinstance(results["small_file"]["cached_imports_spacy"], bool)
    assert results["small_file"]["cached_s"]["median"] > 0
    if server.available():  # the cold run again, answered by `formlint serve`
        assert len(results["small_file"]["served_cold_s"]["runs"]) == 1

    edit = results["edit"]  # the longer prose file, edited, with and without the kept parses
    assert edit["file"] in ("apply-for-benefits-good.md", "renewal-notice-bad.txt")
    assert len(edit["edited_with_cache_s"]["runs"]) == len(edit["edited_cold_s"]["runs"]) == 1
    assert edit["speedup"] > 0

    pdf = results["pdf"]
    assert pdf["files"] == 1
    assert pdf["fast"]["pages"] == pdf["deep"]["pages"] >= 1
    assert results["nlp_components"] is None  # --quick leaves the spaCy comparison out

    assert set(results["targets"]) == set(harness.TARGETS)
    for name, target in results["targets"].items():
        if name == "cold_ratio_vs_proselint":  # no peer, no ratio
            assert target["measured"] is None and target["met"] is None
        else:
            assert target["measured"] is not None and isinstance(target["met"], bool)
    printed = capsys.readouterr().out
    assert "targets:" in printed and "formlint cold" in printed


def test_a_missing_corpus_is_skipped_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert harness.main(["--corpus", str(tmp_path / "absent"), "--quick"]) == 0
    assert capsys.readouterr().out.startswith("skipped: no corpus at")


def test_the_language_server_benchmark_times_an_open_and_each_edit(tmp_path: Path) -> None:
    from benchmarks import lsp_edit

    out = tmp_path / "lsp.json"
    document = FIXTURES / "markdown" / "apply-for-benefits-bad.md"
    assert lsp_edit.main([str(document), "--edits", "2", "--no-nlp", "--json", str(out)]) == 0
    [row] = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert row["file"] == str(document) and row["words"] > 50
    assert row["findings"] > 0  # the bad fixture has findings
    assert row["open_s"] > 0 and len(row["edit_s"]) == 2 and row["edit_median_s"] > 0
