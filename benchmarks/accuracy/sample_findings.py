"""Draw a sample of plain-language findings on the corpus guidance, for reading by eye.

    python benchmarks/accuracy/sample_findings.py [--corpus DIR] [--size 100] [--seed N] > sample.tsv
    python benchmarks/accuracy/sample_findings.py --score review-after.tsv

The sample is stratified by rule so that every rule is read: each rule that has
findings gets an equal share of the sample (at most what it has), and the slots left
over go to the rules with the most findings, drawn at random with a fixed seed. Each
row names the finding (rule, file, line or position, the matched text) and shows the
message and the sentence, so a reviewer can decide whether a form author would agree.
The verdicts are kept in review-*.tsv next to this file (``agree`` = yes/no, with a
reason); ``--score`` counts them.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

from corpus import corpus_root, read

from formlint.config import Config
from formlint.engine import Runtime, lint_document
from formlint.model import Finding
from formlint.rulepacks import load_rules as builtin_rules

HERE = Path(__file__).resolve().parent


def guidance_files(root: Path) -> list[str]:
    return [f"guidance/{p.name}" for p in sorted((root / "guidance").iterdir()) if p.suffix in (".md", ".xml")]


def collect(root: Path) -> list[tuple[str, Finding]]:
    ruleset = builtin_rules()
    rules = [r for r in ruleset if r.id.startswith("plain/")]
    runtime = Runtime.create(Config(select=("plain",)), ruleset, rules)
    found = []
    for file in guidance_files(root):
        for finding in lint_document(read(root, file), runtime).findings:
            found.append((file, finding))
    return found


def stratified(found: list[tuple[str, Finding]], size: int, seed: int) -> list[tuple[str, Finding]]:
    rng = random.Random(seed)
    by_rule: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for item in found:
        by_rule[item[1].rule].append(item)
    share = size // max(1, len(by_rule))
    chosen: list[tuple[str, Finding]] = []
    rest: list[tuple[str, Finding]] = []
    for rule in sorted(by_rule):
        items = by_rule[rule][:]
        rng.shuffle(items)
        chosen += items[:share]
        rest += items[share:]
    rng.shuffle(rest)
    chosen += rest[: max(0, size - len(chosen))]
    return sorted(chosen, key=lambda item: (item[1].rule, item[0], item[1].sort_key()))


def where(finding: Finding) -> str:
    loc = finding.location
    if loc.line is not None:
        return f"{loc.line}:{loc.column}"
    if loc.page is not None:
        return f"page {loc.page}"
    return loc.pointer or ""


def clean(text: str | None, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def score(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    by_rule: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        by_rule[row["rule"]].append(row["agree"].strip().lower() == "yes")
    agreed = sum(sum(v) for v in by_rule.values())
    print(f"{path.name}: {agreed} of {len(rows)} findings a form author would agree with")
    for rule, verdicts in sorted(by_rule.items()):
        print(f"  {rule:<28} {sum(verdicts):>3} / {len(verdicts)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--score", metavar="REVIEW_TSV", help="count the verdicts in a review file")
    args = parser.parse_args()
    if args.score:
        return score(HERE / args.score if not Path(args.score).exists() else Path(args.score))
    root = corpus_root(args.corpus)
    if root is None:
        print("the shared corpus is not available (../shared/corpus); skipped")
        return 0
    found = collect(root)
    counts: dict[str, int] = defaultdict(int)
    for _, finding in found:
        counts[finding.rule] += 1
    print("# findings on the guidance files by rule: " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items())))
    print("rule\tfile\twhere\tseverity\ttext\tagree\treason\tmessage\tsuggestion\tsentence")
    for file, finding in stratified(found, args.size, args.seed):
        suggestion = finding.suggestions[0] if finding.suggestions else ""
        print("\t".join([finding.rule, file, where(finding), finding.severity.label, clean(finding.text, 80), "", "",
                         clean(finding.message, 200), clean(suggestion, 160), clean(finding.context)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
