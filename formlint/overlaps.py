"""One finding for one phrase across the word-choice lists.

The word-choice lists (simple words, wordy phrases, legalese, Latin abbreviations,
redundancy) are separate rules, and their phrases can nest or coincide: "a sufficient
number of" (wordy: "enough") holds "sufficient" (simple words: "enough"), "provides
guidance for" holds "provides", "In witness whereof" holds "whereof", and "on a regular
basis" is in two lists. Reporting each would flag the same words twice with two pieces of
advice. So, in one text block, a finding whose words lie inside another word-choice
finding's words is dropped; of two on the same words, the one with a suggestion (then
the more severe, then the first rule id) is kept. Rules whose findings say something else
about the words (a double negative, passive voice) are not touched.

A hidden verb's rewrite replaces the light verb it starts with, so a word-choice finding
on that verb would give contrary advice ("provide an estimate": hidden verbs say
"estimate", simple words "give an estimate"): a rule whose check says so
(``Check.rewrites_its_phrase``) drops the word-choice findings that start where its words
start and end inside them. The words in between may stay ("takes such action": "act", and
keep "such", which simple words still reports).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from formlint.model import Finding


def _preference(finding: Finding) -> tuple[object, ...]:
    """Which of two findings on the same words is kept: the smallest of these."""
    return (not finding.suggestions, -int(finding.severity), finding.rule)


def keep_the_longest_phrase(findings: list[Finding], word_choice_rules: Collection[str],
                            rewriting_rules: Collection[str] = ()) -> list[Finding]:
    """``findings`` without the word-choice findings that another one's words contain, or
    that start a finding of ``rewriting_rules`` and end inside it.

    Findings are compared by where their words are in the text block the checks read
    (``Finding.block_span``), so two copies of one sentence are two places."""
    blocks: dict[int, list[Finding]] = defaultdict(list)
    rewrites: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for finding in findings:
        if finding.block_span is None:
            continue
        block, start, end = finding.block_span
        if finding.rule in word_choice_rules:
            blocks[block].append(finding)
        elif finding.rule in rewriting_rules:
            rewrites[block].append((start, end))
    dropped: set[int] = set()
    for block, members in blocks.items():
        if len(members) < 2 and not rewrites.get(block):
            continue
        # Longest first at each start; at equal spans the preferred first.
        ordered = sorted(members, key=lambda f: (f.block_span[1], -f.block_span[2],  # type: ignore[index]
                                                 _preference(f)))
        kept: list[tuple[int, int]] = []
        around = rewrites.get(block, [])
        for finding in ordered:
            _, start, end = finding.block_span  # type: ignore[misc]
            if any(k_start <= start and end <= k_end for k_start, k_end in kept) or \
                    any(r_start == start and end <= r_end for r_start, r_end in around):
                dropped.add(id(finding))
            else:
                kept.append((start, end))
    if not dropped:
        return findings
    return [f for f in findings if id(f) not in dropped]
