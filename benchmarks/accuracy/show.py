"""Print the evaluation sentences with their labels, for reviewing the set by eye.

    python benchmarks/accuracy/show.py [--corpus DIR] [--from N] [--count N] [--abbrev]

``--abbrev`` also prints, for each capitalised abbreviation in a sentence, the
first sentence of the document that uses it, so a reviewer can see whether the
sentence is its first use and whether it was defined there.
"""

from __future__ import annotations

import argparse
import re
import sys

from corpus import corpus_root, lookup, sentences
from labels import load_labels

ABBREV = re.compile(r"\b[A-Z][A-Za-z0-9&.]*[A-Z][A-Za-z0-9&]*s?\b")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus")
    parser.add_argument("--labels", default=None)
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--abbrev", action="store_true")
    args = parser.parse_args()
    root = corpus_root(args.corpus)
    if root is None:
        print("corpus not found", file=sys.stderr)
        return 1
    rows = load_labels(args.labels)
    for number, row in enumerate(rows[args.start:args.start + args.count], start=args.start):
        sentence = lookup(root, row.file).get((row.hash, row.occurrence))
        text = sentence.text if sentence else "<<missing: the corpus or the reader changed>>"
        print(f"[{number}] {row.file} #{sentence.position if sentence else '?'}")
        print(f"    {text}")
        labels = {k: v for k, v in (("passive", row.passive), ("hidden", row.hidden), ("acronyms", row.acronyms))
                  if v}
        if labels:
            print(f"    labels: {labels}")
        if args.abbrev and sentence:
            everything = sentences(root, row.file)
            for token in dict.fromkeys(ABBREV.findall(text)):
                first = next(s for s in everything if re.search(rf"\b{re.escape(token)}\b", s.text))
                where = "HERE" if first.position == sentence.position else f"#{first.position}: {first.text[:160]}"
                print(f"    {token}: first use {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
