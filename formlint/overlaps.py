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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from formlint.model import Finding


def _preference(finding: Finding) -> tuple[object, ...]:
    """Which of two findings on the same words is kept: the smallest of these."""
    return (not finding.suggestions, -int(finding.severity), finding.rule)


def keep_the_longest_phrase(findings: list[Finding], word_choice_rules: Collection[str]) -> list[Finding]:
    """``findings`` without the word-choice findings that another one's words contain.

    Findings are compared by where their words are in the text block the checks read
    (``Finding.block_span``), so two copies of one sentence are two places."""
    blocks: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.rule in word_choice_rules and finding.block_span is not None:
            blocks[finding.block_span[0]].append(finding)
    dropped: set[int] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        # Longest first at each start; at equal spans the preferred first.
        ordered = sorted(members, key=lambda f: (f.block_span[1], -f.block_span[2], _preference(f)))  # type: ignore[index]
        kept: list[tuple[int, int]] = []
        for finding in ordered:
            _, start, end = finding.block_span  # type: ignore[misc]
            if any(k_start <= start and end <= k_end for k_start, k_end in kept):
                dropped.add(id(finding))
            else:
                kept.append((start, end))
    if not dropped:
        return findings
    return [f for f in findings if id(f) not in dropped]
