"""The hand-written labels of the evaluation set (``labels.tsv``).

One row per sentence: ``file``, ``hash`` and ``occurrence`` point at the sentence
(see corpus.py); the label columns list what a careful reader finds in it, items
separated by `` | ``:

* ``passive``: each passive verb group as it appears ("must be signed"), with
  ``[A]`` when the agent is named ("by the applicant") and ``[O]`` when an
  obligation governs it (must, shall, should, need to, is required to ...).
* ``hidden``: each hidden verb as it appears ("make a determination").
* ``acronyms``: each abbreviation used here for the first time in the document
  without being defined, that a member of the public may not know.
* ``note``: why a borderline case was labelled as it was.

The labelling rules are in README.md next to this file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels.tsv"
COLUMNS = ("file", "hash", "occurrence", "passive", "hidden", "acronyms", "note")
FLAGS = re.compile(r"\s*\[([AO]+)\]\s*$")


@dataclass(frozen=True)
class Passive:
    phrase: str
    agent: bool
    obligation: bool


@dataclass(frozen=True)
class Row:
    file: str
    hash: str
    occurrence: int
    passive: str
    hidden: str
    acronyms: str
    note: str

    def passives(self) -> list[Passive]:
        result = []
        for item in split(self.passive):
            match = FLAGS.search(item)
            flags = match.group(1) if match else ""
            phrase = item[:match.start()].strip() if match else item
            result.append(Passive(phrase, "A" in flags, "O" in flags))
        return result

    def hidden_verbs(self) -> list[str]:
        return split(self.hidden)

    def acronym_list(self) -> list[str]:
        return split(self.acronyms)


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def load_labels(path: str | Path | None = None) -> list[Row]:
    path = Path(path) if path else LABELS
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = []
    for record in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append(Row(record["file"], record["hash"], int(record["occurrence"]), record.get("passive") or "",
                        record.get("hidden") or "", record.get("acronyms") or "", record.get("note") or ""))
    return rows
