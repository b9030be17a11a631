"""How the evaluation sentences were chosen (run once; kept for reproducibility).

Small guidance pages are taken whole, so that every abbreviation's first use is in
the set; larger documents contribute their opening sentences (where terms are
introduced) plus a seeded random sample. The output is the skeleton of
``labels.tsv`` (references only); the labels themselves were written by hand.

    python benchmarks/accuracy/choose.py --corpus ../shared/corpus > /tmp/skeleton.tsv
"""

from __future__ import annotations

import argparse
import random
import re
import sys

from corpus import corpus_root, sentences

from formlint.text import count_words

# file -> (opening sentences, random sample); "all" takes every sentence.
PLAN: dict[str, tuple[int | str, int]] = {
    "guidance/plain-examples_before-and-after_wordiness.md": ("all", 0),
    "guidance/plain-examples_before-and-after_medicaid-eligibility.md": ("all", 0),
    "guidance/plain-examples_notices_failure-to-provide-claim-information.md": ("all", 0),
    "guidance/plain-guidelines_conversational_use-active-voice.md": ("all", 0),
    "guidance/plain-examples_regulations_airworthiness.md": ("all", 0),
    "guidance/18f-content-guide_our-approach_be-concise.md": ("all", 0),
    "guidance/plain-examples_regulations_model-preamble.md": (10, 20),
    "guidance/cfpb-reg-b-1002-regml.xml": (15, 35),
    "guidance/cfpb-reg-m-1013-regml.xml": (5, 20),
    "guidance/cfpb-notice-1002-2013-01384.xml": (25, 5),
    "guidance/gpo-public-law-115-18-uslm.xml": ("all", 0),
    "guidance/pra-do-i-need-clearance_index.md": (5, 10),
    "guidance/va-patterns_help-users-to_update-prefilled-information.md": (5, 12),
    "guidance/va-patterns_ask-users-for_social-security-number.md": (5, 8),
    "pdf-flat/frtib-tspbk08-summary-of-the-tsp.pdf": (10, 20),
    # (irs-i1040nr-2007-instructions.pdf was left out: its three-column pages come out
    # of the PDF text layer interleaved, so its "sentences" are not sentences.)
    "pdf-flat/frtib-tsp-536-tax-notice.pdf": (5, 10),
    "pdf-flat/copyright-office-dmca-summary-1998.pdf": (5, 10),
    "pdf-flat/omb-pra-supporting-statement-a-instructions.pdf": (5, 12),
    "pdf-fillable/uscis-i-485.pdf": (5, 15),
    "pdf-fillable/state-ds11.pdf": (5, 8),
    "jsonschema/cms-mdct-naaar.json": (3, 8),
    "html/uswds-layout-create-account.html": (0, 6),
}
# Second stage: sentences holding the first use of each capitalised token (2+ capitals)
# in these files, so that abbreviations (defined, well known or not) are well represented.
# The criterion is only "has a run of capitals": it does not look at any label.
FIRST_USES: dict[str, int] = {
    "guidance/18f-content-guide_our-approach_plain-language.md": 6,
    "guidance/18f-content-guide_our-style_technical-and-interface-writing.md": 6,
    "guidance/va-templates_forms_accessibility-guidelines.md": 8,
    "guidance/va-patterns_ask-users-for_signature.md": 6,
    "guidance/va-patterns_help-users-to_know-when-their-information-is-prefilled.md": 6,
    "guidance/pra-burden_estimation.md": 6,
    "guidance/usds-playbook-play-01.md": 6,
    "guidance/va-content-style-guide_error-messages_index.md": 6,
    "guidance/plain-guidelines_design_minimize-cross-references.md": 6,
    "guidance/cfpb-reg-b-1002-regml.xml": 10,
    "pdf-fillable/ssa-ss5-2011-xfa.pdf": 8,
    "pdf-fillable/omb-sf424-v2.pdf": 8,
    "pdf-fillable/nara-sf180.pdf": 8,
    "pdf-fillable/uscis-i-765.pdf": 8,
    "pdf-fillable/doj-pardon-marijuana-application.pdf": 6,
    "pdf-flat/fbi-nics-background-checks-2015-11.pdf": 6,
    "pdf-flat/state-ds82-flattened.pdf": 8,
    "jsonschema/cms-mdct-mlr.json": 6,
}
CAPS = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s\b)?")
DOT_LEADER = re.compile(r"(?:\. ){4,}|\.{5,}")
SEED = 20261125
# A held-out set, drawn after the rules were tuned on labels.tsv and labelled before
# formlint was run on it: sentences from other files and other parts of the same files.
HELDOUT_PLAN: dict[str, int] = {
    "guidance/plain-guidelines_audience_address-the-user.md": 10,
    "guidance/plain-guidelines_design_minimize-cross-references.md": 10,
    "guidance/plain-guidelines_concise_write-short-sentences.md": 8,
    "guidance/plain-guidelines_conversational_shall-and-must.md": 8,
    "guidance/18f-content-guide_our-approach_plain-language.md": 8,
    "guidance/va-patterns_ask-users-for_signature.md": 8,
    "guidance/gpo-federal-register-2017-06-07-uslm.xml": 20,
    "guidance/cfpb-reg-b-1002-regml.xml": 10,
    "pdf-fillable/uscis-i-765.pdf": 8,
    "pdf-fillable/ssa-ss5-2011-xfa.pdf": 8,
    "pdf-flat/state-ds82-flattened.pdf": 8,
    "pdf-flat/frtib-tsp-3-designation-of-beneficiary.pdf": 8,
    "jsonschema/cms-mdct-naaar.json": 6,
}
HELDOUT_SEED = 20261126
LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def usable(text: str) -> bool:
    return count_words(text) >= 5 and len(LOWER_WORD.findall(text)) >= 2


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus")
    parser.add_argument("--heldout", action="store_true", help="draw the held-out set instead")
    args = parser.parse_args()
    root = corpus_root(args.corpus)
    if root is None:
        print("corpus not found", file=sys.stderr)
        return 1
    if args.heldout:
        return heldout(root)
    rng = random.Random(SEED)
    taken: set[str] = set()  # a sentence repeated in the corpus is labelled once
    for file, (opening, sample) in PLAN.items():
        pool = [s for s in sentences(root, file) if usable(s.text)]
        if opening == "all":
            chosen = pool
        else:
            chosen = pool[:opening]
            rest = pool[opening:]
            chosen += rng.sample(rest, min(sample, len(rest)))
        for s in sorted(chosen, key=lambda s: s.position):
            if s.hash in taken:
                continue
            taken.add(s.hash)
            print(f"{file}\t{s.hash}\t{s.occurrence}")
    for file, limit in FIRST_USES.items():
        seen_tokens: set[str] = set()
        chosen = []
        for s in sentences(root, file):
            if DOT_LEADER.search(s.text):
                continue  # a table-of-contents line
            new = [t for t in CAPS.findall(s.text) if t not in seen_tokens]
            seen_tokens.update(new)
            if new and usable(s.text) and len(chosen) < limit:
                chosen.append(s)
        for s in chosen:
            if s.hash in taken:
                continue
            taken.add(s.hash)
            print(f"{file}\t{s.hash}\t{s.occurrence}")
    return 0


def heldout(root) -> int:  # noqa: ANN001
    from labels import load_labels

    taken = {row.hash for row in load_labels()}
    rng = random.Random(HELDOUT_SEED)
    for file, count in HELDOUT_PLAN.items():
        pool = [s for s in sentences(root, file) if usable(s.text) and s.hash not in taken
                and not DOT_LEADER.search(s.text)]
        chosen = rng.sample(pool, min(count, len(pool)))
        for s in sorted(chosen, key=lambda s: s.position):
            if s.hash in taken:
                continue
            taken.add(s.hash)
            print(f"{file}\t{s.hash}\t{s.occurrence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
