"""Precision, recall and F1 of formlint's plain-language rules on the hand-labelled set.

    python benchmarks/accuracy/run.py [--corpus DIR] [--labels FILE] [--no-peers] [--errors RULE] [--json FILE]

``--labels heldout.tsv`` scores the held-out set instead: 120 sentences drawn and
labelled after the rules were tuned, never used to change a rule.

The set (labels.tsv) names sentences of ../shared/corpus by file and hash; the text is
read from the corpus, never stored here. formlint checks each labelled file whole (an
abbreviation is "undefined" only in the context of its document) and its findings are
mapped back to the labelled sentences. The peers see one sentence at a time:
write-good and retext-passive from benchmarks/node_modules (``npm install`` in
benchmarks/), proselint from benchmarks/.peers-venv (``python -m venv
benchmarks/.peers-venv && benchmarks/.peers-venv/bin/pip install proselint``). A peer
that is not installed is reported as such.

A predicted item counts as a true positive when its span overlaps a labelled item of
the same rule in the same sentence (each labelled item matches at most once);
abbreviations match on the abbreviation itself.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus import ROOT, Sentence, corpus_root, lookup, read, sentence_hash, sentences
from labels import Row, load_labels

from formlint.config import Config
from formlint.engine import Runtime, lint_document
from formlint.model import Finding, Severity
from formlint.rulepacks import load_rules as builtin_rules

BENCH = ROOT / "benchmarks"
RULES = {"passive": "plain/passive-voice", "hidden": "plain/hidden-verb", "acronyms": "plain/undefined-acronym"}
Span = tuple[int, int]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, gold: list[Span], predicted: list[Span], text: str, where: str) -> None:
        unmatched = list(gold)
        for span in predicted:
            hit = next((g for g in unmatched if g[0] < span[1] and span[0] < g[1]), None)
            if hit is None:
                self.fp += 1
                self.errors.append(f"FP {where}: {text[span[0]:span[1]]!r} in: {text}")
            else:
                unmatched.remove(hit)
                self.tp += 1
        self.fn += len(unmatched)
        for span in unmatched:
            self.errors.append(f"FN {where}: {text[span[0]:span[1]]!r} in: {text}")

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    def row(self) -> dict[str, object]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def locate_all(text: str, phrases: Iterable[str]) -> list[Span]:
    """Spans of phrases in text, the k-th repeat of a phrase at its k-th occurrence."""
    spans: list[Span] = []
    seen: dict[str, int] = defaultdict(int)
    lowered = text.lower()
    for phrase in phrases:
        key = phrase.lower()
        start = -1
        for _ in range(seen[key] + 1):
            start = lowered.find(key, start + 1)
            if start < 0:
                raise ValueError(f"label {phrase!r} not found in: {text}")
        seen[key] += 1
        spans.append((start, start + len(phrase)))
    return spans


def acronym_spans(text: str, acronyms: Iterable[str]) -> list[Span]:
    spans = []
    for acronym in acronyms:
        match = re.search(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", text)
        if match is None:
            raise ValueError(f"abbreviation {acronym!r} not found in: {text}")
        spans.append(match.span())
    return spans


# -- formlint -------------------------------------------------------------------------


def formlint_predictions(root: Path, rows: list[Row], prefilter: bool = True
                         ) -> dict[tuple[str, str, int], dict[str, list[tuple[Span, Finding]]]]:
    ruleset = builtin_rules()
    rules = [ruleset.get(rule_id) for rule_id in RULES.values()]
    config = Config(select=tuple(RULES.values()), rules={} if prefilter else {
        "plain/passive-voice": {"prefilter": False}})
    runtime = Runtime.create(config, ruleset, [r for r in rules if r is not None])
    wanted = {(r.file, r.hash, r.occurrence) for r in rows}
    result: dict[tuple[str, str, int], dict[str, list[tuple[Span, Finding]]]] = defaultdict(lambda: defaultdict(list))
    for file in sorted({r.file for r in rows}):
        doc = read(root, file)
        by_hash: dict[str, list[Sentence]] = defaultdict(list)
        for sentence in sentences(root, file):
            by_hash[sentence.hash].append(sentence)
        for finding in lint_document(doc, runtime).findings:
            if finding.context is None:
                continue
            candidates = by_hash.get(sentence_hash(finding.context), [])
            sentence = _pick(candidates, finding, doc)
            if sentence is None:
                continue
            key = (file, sentence.hash, sentence.occurrence)
            if key not in wanted:
                continue
            name = next(k for k, v in RULES.items() if v == finding.rule)
            result[key][name].append((_finding_span(sentence, finding, doc), finding))
    return result


def _pick(candidates: list[Sentence], finding: Finding, doc) -> Sentence | None:  # noqa: ANN001
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    loc = finding.location
    for sentence in candidates:
        block = doc.blocks[sentence.block]
        where = block.location_at(sentence.start, sentence.start + len(sentence.text))
        if where.line is not None and loc.line is not None:
            if where.line <= loc.line <= (where.end_line or where.line):
                return sentence
        elif where.page is not None and where.page == loc.page and where.bbox and loc.bbox:
            if abs(where.bbox[1] - loc.bbox[1]) < 1 or where.bbox[1] <= loc.bbox[1] <= where.bbox[3]:
                return sentence
        elif where.pointer is not None and where.pointer == loc.pointer:
            return sentence
    return candidates[0]


def _finding_span(sentence: Sentence, finding: Finding, doc) -> Span:  # noqa: ANN001
    """Where in the sentence the finding points: the occurrence of its text whose
    source position is the finding's (a phrase can occur twice in one sentence)."""
    text = (finding.text or "").lower()
    lowered = sentence.text.lower()
    starts = [m.start() for m in re.finditer(re.escape(text), lowered)] if text else []
    if not starts:
        return (0, 0)
    block = doc.blocks[sentence.block]
    loc = finding.location
    for start in starts:
        where = block.location_at(sentence.start + start, sentence.start + start + len(text))
        if (where.line, where.column) == (loc.line, loc.column) and where.bbox == loc.bbox:
            return (start, start + len(text))
    return (starts[0], starts[0] + len(text))


# -- peers ----------------------------------------------------------------------------


def npm_peers(texts: list[str]) -> list[dict[str, list[list[object]]]] | None:
    if not (BENCH / "node_modules" / "write-good").is_dir() or shutil.which("node") is None:
        return None
    completed = subprocess.run(["node", str(BENCH / "accuracy" / "peers.mjs")], input=json.dumps(texts),
                               capture_output=True, text=True, cwd=BENCH, check=True)
    return json.loads(completed.stdout)


def proselint_peer(texts: list[str]) -> list[list[Span]] | None:
    exe = BENCH / ".peers-venv" / "bin" / "proselint"
    if not exe.is_file():
        return None
    spans: list[list[Span]] = [[] for _ in texts]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.txt"
        path.write_text("\n\n".join(t.replace("\n", " ") for t in texts) + "\n", encoding="utf-8")
        completed = subprocess.run([str(exe), "check", "-o", "json", str(path)], capture_output=True, text=True)
        data = json.loads(completed.stdout or "{}")
    diagnostics = next(iter(data.get("result", {}).values()), {}).get("diagnostics", [])
    for item in diagnostics:
        line, column = item["pos"]
        index = (line - 1) // 2  # one sentence per paragraph
        if 0 <= index < len(texts) and (line - 1) % 2 == 0:
            width = item["span"][1] - item["span"][0]
            spans[index].append((column - 1, column - 1 + width))
    return spans


# -- the report -------------------------------------------------------------------------


def evaluate(root: Path, rows: list[Row], peers: bool, prefilter: bool = True) -> dict[str, dict[str, Score]]:
    texts = []
    for row in rows:
        sentence = lookup(root, row.file).get((row.hash, row.occurrence))
        if sentence is None:
            raise SystemExit(f"{row.file}: sentence {row.hash} not found (the corpus or a reader changed)")
        texts.append(sentence.text)
    predictions = formlint_predictions(root, rows, prefilter)
    npm = npm_peers(texts) if peers else None
    prose = proselint_peer(texts) if peers else None
    scores: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    warnings = Score()
    for index, (row, text) in enumerate(zip(rows, texts)):
        where = f"{row.file}#{row.hash}"
        gold = {
            "passive": locate_all(text, [p.phrase for p in row.passives()]),
            "hidden": locate_all(text, row.hidden_verbs()),
            "acronyms": acronym_spans(text, row.acronym_list()),
        }
        found = predictions.get((row.file, row.hash, row.occurrence), {})
        for name in RULES:
            scores[name]["formlint"].add(gold[name], [span for span, _ in found.get(name, [])], text, where)
        # Severity: a warning is right when the labelled passive is an obligation with no agent.
        must = [span for span, p in zip(gold["passive"], row.passives()) if p.obligation and not p.agent]
        warned = [span for span, f in found.get("passive", []) if f.severity is Severity.WARNING]
        warnings.add(must, warned, text, where)
        if npm is not None:
            peer = npm[index]
            scores["passive"]["write-good"].add(gold["passive"], _spans(peer["write-good"]), text, where)
            scores["passive"]["retext-passive"].add(gold["passive"], _spans(peer["retext-passive"]), text, where)
            scores["hidden"]["write-good (tooWordy)"].add(gold["hidden"], _spans(peer["write-good-wordy"]), text,
                                                          where)
        if prose is not None:
            for name in RULES:
                scores[name]["proselint (all checks)"].add(gold[name], prose[index], text, where)
    scores["passive-warning"]["formlint"] = warnings
    return scores


def _spans(items: list[list[object]]) -> list[Span]:
    return [(int(s), int(e)) for s, e, *_ in items if s is not None and e is not None]


def render(scores: dict[str, dict[str, Score]], rows: list[Row]) -> str:
    lines = [f"{len(rows)} sentences from {len({r.file for r in rows})} corpus files; labelled items: "
             f"passive {sum(len(r.passives()) for r in rows)}, hidden verbs {sum(len(r.hidden_verbs()) for r in rows)}, "
             f"undefined abbreviations {sum(len(r.acronym_list()) for r in rows)}", ""]
    header = f"{'rule':<18} {'tool':<24} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6}"
    lines += [header, "-" * len(header)]
    for name, tools in scores.items():
        for tool, score in tools.items():
            p, r, f = (_fmt(score.precision), _fmt(score.recall), _fmt(score.f1))
            lines.append(f"{name:<18} {tool:<24} {score.tp:>4} {score.fp:>4} {score.fn:>4} {p:>9} {r:>7} {f:>6}")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _label_path(name: str | None) -> Path | None:
    if name is None:
        return None
    path = Path(name)
    return path if path.exists() or path.is_absolute() else Path(__file__).resolve().parent / name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the shared corpus (default: ../shared/corpus or $FORMLINT_CORPUS)")
    parser.add_argument("--labels", metavar="FILE", help="the label file (default: labels.tsv; heldout.tsv for "
                                                          "the held-out set)")
    parser.add_argument("--no-peers", action="store_true", help="only formlint")
    parser.add_argument("--no-prefilter", action="store_true", help="parse every sentence (checks the pre-filter)")
    parser.add_argument("--errors", metavar="RULE", help="list false positives and negatives of a rule "
                                                        "(passive, hidden, acronyms, passive-warning)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    root = corpus_root(args.corpus)
    if root is None:
        print("benchmarks/accuracy: the shared corpus is not available (../shared/corpus); skipped")
        return 0
    rows = load_labels(_label_path(args.labels))
    scores = evaluate(root, rows, peers=not args.no_peers, prefilter=not args.no_prefilter)
    print(render(scores, rows))
    if args.errors:
        print()
        for error in scores[args.errors]["formlint"].errors:
            print(error)
    if args.json:
        data = {name: {tool: s.row() for tool, s in tools.items()} for name, tools in scores.items()}
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
