"""PDF reader speed, fast tier against deep tier, on the corpus PDFs.

    python benchmarks/pdf_tiers.py [--runs 3]

Reads every PDF under ../shared/corpus/pdf-* in one process (after one warm-up pass)
and prints pages per second for the fast tier (objects, structure tree, pdfium text
layer) and the deep tier (also fonts and marked content of every text object), from
CPU time (the best of the runs), so other work on the machine does not distort the
ratio. Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formlint.model import UnreadableError  # noqa: E402
from formlint.readers.base import ReadOptions  # noqa: E402
from formlint.readers.pdf import read_pdf  # noqa: E402

CORPUS = Path(os.environ.get("FORMLINT_CORPUS") or ROOT.parent / "shared" / "corpus")


def measure(files: list[tuple[str, bytes]], deep: bool, runs: int) -> tuple[int, float, float]:
    best_cpu = best_wall = float("inf")
    pages = 0
    for _ in range(runs):
        pages = 0
        cpu, wall = time.process_time(), time.perf_counter()
        for name, data in files:
            try:
                pages += read_pdf(data, name, ReadOptions(deep=deep)).page_count or 0
            except UnreadableError:
                pass
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return pages, best_cpu, best_wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("pdf-*/*.pdf"))
    if not paths:
        print(f"skipped: no corpus PDFs under {CORPUS}")
        return 0
    files = [(p.name, p.read_bytes()) for p in paths]
    measure(files, deep=False, runs=1)  # warm up imports and pdfium
    for deep in (False, True):
        pages, cpu, wall = measure(files, deep, args.runs)
        tier = "deep" if deep else "fast"
        print(f"{tier}: {len(files)} files, {pages} pages, {cpu:.2f} s CPU = {pages / cpu:.0f} pages/s "
              f"(wall {wall:.2f} s = {pages / wall:.0f} pages/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
