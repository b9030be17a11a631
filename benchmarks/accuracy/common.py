"""Shared helpers of the accuracy benchmarks: where the corpus is, reading the hand labels."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if sys.path[:1] != [str(ROOT)]:  # run as a script from anywhere (see corpus.py)
    sys.path.insert(0, str(ROOT))


def corpus_dir() -> Path | None:
    """../shared/corpus relative to the project root (FORMLINT_CORPUS overrides it)."""
    configured = os.environ.get("FORMLINT_CORPUS")
    path = Path(configured) if configured else ROOT.parent / "shared" / "corpus"
    return path.resolve() if path.is_dir() else None


def read_tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (HERE / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0
