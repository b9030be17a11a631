"""Regenerate rules/plain/data/simple-words.tsv from the reference word list.

The reference (plainlanguage.gov "Use simple words and phrases", compiled with sources
in ../shared/reference/plain-language/plain_words.tsv) is the input; the output is
formlint's own data file with the columns the word-list kind reads:

    id  type  terms  pattern  pos  suggest  severity  labels  fix  note

Severity: warning for the plainlanguage.gov "dirty dozen", info otherwise. Rows whose
false-positive risk on forms is medium or high are not run on field labels. A fix is
offered only for fixed phrases with a single plain replacement.

Usage: python scripts/import_plain_words.py [REFERENCE_TSV]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "plain-language" / "plain_words.tsv"
TARGET = ROOT / "rules" / "plain" / "data" / "simple-words.tsv"
COLUMNS = ["id", "type", "terms", "pattern", "pos", "suggest", "severity", "labels", "fix", "note"]


def convert(row: dict[str, str]) -> dict[str, str]:
    suggest = row["say"].strip()
    single = "," not in suggest and not suggest.startswith("(")
    high_risk = row["fp_risk_forms"] in ("medium", "high")
    return {
        "id": row["id"],
        "type": row["match_type"],
        "terms": row["match_terms"],
        "pattern": row["pattern"],
        "pos": "" if row["pos"] in ("", "ANY") else row["pos"],
        "suggest": suggest,
        "severity": "warning" if row["dirty_dozen"] == "yes" and not high_risk else "info",
        "labels": "no" if high_risk else "yes",
        "fix": "yes" if row["match_type"] == "phrase" and single else "no",
        "note": row["note"],
    }


def main(source: Path = DEFAULT_SOURCE) -> None:
    with source.open(encoding="utf-8") as handle:
        rows = [convert(r) for r in csv.DictReader(handle, delimiter="\t")]
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Source: plainlanguage.gov, Use simple words and phrases (GSA/plainlanguage.gov@43230773)\n")
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
