"""The plain-language pack against the hand-labelled sentences of the shared corpus
(skipped when it is absent): the thresholds benchmarks/accuracy/run.py reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

ACCURACY = ROOT / "benchmarks" / "accuracy"


@pytest.fixture(scope="module")
def run_module() -> Any:
    # run.py imports its siblings by bare name, as it does when run as a script.
    sys.path.insert(0, str(ACCURACY))
    try:
        import run  # type: ignore[import-not-found]

        yield run
    finally:
        sys.path.remove(str(ACCURACY))


@pytest.fixture(scope="module")
def scores(run_module: Any, corpus_dir: Path) -> dict[str, Any]:
    from labels import load_labels  # type: ignore[import-not-found]

    rows = load_labels(ACCURACY / "labels.tsv")
    assert len(rows) >= 300
    return run_module.evaluate(corpus_dir, rows, peers=False)


def test_passive_voice_precision_and_recall(scores: dict[str, Any]) -> None:
    passive = scores["passive"]["formlint"]
    assert passive.tp + passive.fn >= 100  # enough labelled clauses to mean something
    assert passive.precision >= 0.90 and passive.recall >= 0.90, passive.errors


def test_obligations_without_an_actor_are_the_warnings(scores: dict[str, Any]) -> None:
    warnings = scores["passive-warning"]["formlint"]
    assert warnings.precision >= 0.90 and warnings.recall >= 0.80, warnings.errors


@pytest.mark.parametrize("rule", ["hidden", "acronyms"])
def test_hidden_verbs_and_undefined_abbreviations_precision(scores: dict[str, Any], rule: str) -> None:
    score = scores[rule]["formlint"]
    assert score.tp >= 20
    assert score.precision >= 0.85, score.errors


def test_the_passive_prefilter_loses_no_finding(run_module: Any, corpus_dir: Path, scores: dict[str, Any]) -> None:
    """Only sentences with a form of "be"/"get" and a possible participle are parsed; parsing
    every sentence must find nothing more on the labelled set."""
    from labels import load_labels  # type: ignore[import-not-found]

    unfiltered = run_module.evaluate(corpus_dir, load_labels(ACCURACY / "labels.tsv"), peers=False, prefilter=False)
    for rule in ("passive", "passive-warning"):
        with_filter, without = scores[rule]["formlint"], unfiltered[rule]["formlint"]
        assert (with_filter.tp, with_filter.fp, with_filter.fn) == (without.tp, without.fp, without.fn)
