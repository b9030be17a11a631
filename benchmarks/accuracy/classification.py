"""Field classification against hand labels: element precision and recall, subject accuracy.

    python benchmarks/accuracy/classification.py [--verbose]

Reads benchmarks/accuracy/field_labels.tsv (field ids and hand-written element and
subject of every data field of 10 real forms) and the forms themselves from
../shared/corpus; prints one line per form and the totals. Skips cleanly when the
corpus is absent.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, when run as a script
from benchmarks.accuracy.common import corpus_dir, ratio, read_tsv  # noqa: E402

from formlint.classify import Classified, classify_document
from formlint.readers import format_for, read_document
from formlint.readers.base import ReadOptions

# Elements the burden rules act on (duplicate, derivable, SSN, Privacy Act trigger,
# already-held, signature, time model look-ups): the target is precision >= 0.90 on these.
RULE_ELEMENTS = frozenset(
    """ssn ssn_last4 itin ein tin date_of_birth age year_of_birth full_name first_name middle_name
    last_name middle_initial name_suffix printed_name previous_name city state postal_code county
    street_line address_block country income_monthly income_annual total_amount household_size
    agency_case_number service_number previous_application signature date_signed email phone
    phone_ext bank_routing_number bank_account_number""".split()
)


@dataclass
class Score:
    predicted: int = 0
    labelled: int = 0
    correct: int = 0
    rule_predicted: int = 0
    rule_correct: int = 0
    subject_checked: int = 0
    subject_correct: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("predicted", "labelled", "correct", "rule_predicted", "rule_correct",
                     "subject_checked", "subject_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.labelled)

    @property
    def rule_precision(self) -> float:
        return ratio(self.rule_correct, self.rule_predicted)

    @property
    def subject_accuracy(self) -> float:
        return ratio(self.subject_correct, self.subject_checked)


def classify_file(path: Path) -> dict[str, Classified]:
    doc = read_document(path.read_bytes(), str(path), format_for(path), ReadOptions())
    return {item.field.id: item for item in classify_document(doc)}


def score_form(form: str, labels: list[dict[str, str]], found: dict[str, Classified]) -> Score:
    score = Score()
    for row in labels:
        truth = None if row["element"] == "-" else row["element"]
        item = found.get(row["field"])
        guess = item.element if item is not None else None
        if item is None:
            score.misses.append(f"{form}: {row['field']}: not read as a data field")
        if truth is not None:
            score.labelled += 1
        if guess is not None:
            score.predicted += 1
            if guess in RULE_ELEMENTS:
                score.rule_predicted += 1
        if guess is not None and guess == truth:
            score.correct += 1
            if guess in RULE_ELEMENTS:
                score.rule_correct += 1
            score.subject_checked += 1
            if item is not None and item.subject == row["subject"]:
                score.subject_correct += 1
            else:
                score.misses.append(f"{form}: {row['field']}: subject {item.subject if item else None} "
                                    f"(labelled {row['subject']})")
        elif guess != truth:
            score.misses.append(f"{form}: {row['field']}: {guess} (labelled {truth})")
    return score


LABEL_SETS = {"tuning": "field_labels.tsv", "held-out": "heldout_labels.tsv"}


def run(corpus: Path, labels_file: str = "field_labels.tsv") -> tuple[dict[str, Score], Score]:
    labels = read_tsv(labels_file)
    by_form: dict[str, list[dict[str, str]]] = {}
    for row in labels:
        by_form.setdefault(row["form"], []).append(row)
    scores: dict[str, Score] = {}
    total = Score()
    for form, rows in by_form.items():
        scores[form] = score_form(form, rows, classify_file(corpus / form))
        total.add(scores[form])
    return scores, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("skipped: ../shared/corpus is not there (set FORMLINT_CORPUS)")
        return 0
    overall = Score()
    print(f"{'form':52} {'elements':>8} {'prec':>6} {'recall':>6} {'subject':>7}")
    for name, labels_file in LABEL_SETS.items():
        scores, total = run(corpus, labels_file)
        overall.add(total)
        for form, score in scores.items():
            print(f"{form:52} {score.labelled:8d} {score.precision:6.3f} {score.recall:6.3f} "
                  f"{score.subject_accuracy:7.3f}")
        print(f"{'  ' + name + ' (' + str(len(scores)) + ' forms)':52} {total.labelled:8d} {total.precision:6.3f} "
              f"{total.recall:6.3f} {total.subject_accuracy:7.3f}")
        if args.verbose:
            for miss in total.misses:
                print("    " + miss)
    print(f"all forms: element precision {overall.precision:.3f} ({overall.correct}/{overall.predicted}), "
          f"recall {overall.recall:.3f} ({overall.correct}/{overall.labelled}); precision on the elements the "
          f"burden rules use {overall.rule_precision:.3f} ({overall.rule_correct}/{overall.rule_predicted}); "
          f"subject accuracy {overall.subject_accuracy:.3f} ({overall.subject_correct}/{overall.subject_checked})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
