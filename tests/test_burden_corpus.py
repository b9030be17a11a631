"""The burden pack against the real forms of the shared corpus (skipped when it is absent):
the thresholds the benchmarks in benchmarks/accuracy/ report."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_field_classification_precision_on_the_elements_the_rules_use(corpus_dir: Path) -> None:
    from benchmarks.accuracy.classification import LABEL_SETS, Score, run

    total = Score()
    for labels in LABEL_SETS.values():
        _, score = run(corpus_dir, labels)
        total.add(score)
    assert total.labelled >= 350
    assert total.rule_precision >= 0.90, total.misses
    assert total.precision >= 0.90 and total.recall >= 0.85


def test_pra_privacy_and_ssn_findings_agree_with_the_hand_record_on_every_pdf(corpus_dir: Path) -> None:
    from benchmarks.accuracy.pdf_statements import run

    outcomes = run(corpus_dir)
    assert len(outcomes) == len(list(corpus_dir.glob("pdf-*/*.pdf")))
    disagreements = [(o.file, rule) for o in outcomes for rule, (want, got) in o.findings.items() if want != got]
    assert disagreements == []
    facts = sum(o.facts_agree for o in outcomes)
    assert facts >= len(outcomes) - 1  # the 1040-NR instructions' columns come out garbled (see the README)


def test_duplicate_and_derivable_findings_precision_and_recall(corpus_dir: Path) -> None:
    from benchmarks.accuracy.common import ratio
    from benchmarks.accuracy.redundancy import run

    expected, found = run(corpus_dir)
    hits = len(expected & found)
    assert ratio(hits, len(found)) >= 0.90, sorted(found - expected)
    assert ratio(hits, len(expected)) >= 0.80, sorted(expected - found)


def test_guidance_pages_that_talk_about_signatures_and_ssns_get_no_form_findings(corpus_dir: Path) -> None:
    from tests.helpers import run_json

    pages = [corpus_dir / "guidance" / name for name in (
        "va-patterns_ask-users-for_signature.md", "va-patterns_ask-users-for_social-security-number.md",
        "pra-burden_estimation.md", "pra-do-i-need-clearance_index.md")]
    _, data = run_json(*map(str, pages), "--no-nlp", "--select", "burden")
    assert data["summary"]["findings"] == 0
