"""``sentence-length``: sentences longer than readers can hold in mind.

Counts words per sentence with the rule-based splitter (no spaCy). List items are
blocks of their own, so a bulleted list never reads as one long sentence. Runs of
citations and numbers (addresses, "12 CFR 1002.4(a)(1)") are not prose and are
skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from formlint.checks.base import Check, Param, register
from formlint.context import CheckContext
from formlint.model import Document, Finding
from formlint.text import count_words, sentence_spans

_NUMERIC = re.compile(r"^[\d§$%().,:;/\-–—]+$")


def _mostly_numbers(sentence: str) -> bool:
    tokens = sentence.split()
    numeric = sum(1 for t in tokens if _NUMERIC.match(t))
    return numeric > len(tokens) * 0.3


@register
class SentenceLengthCheck(Check):
    kind = "sentence-length"
    params = {
        "max-words": Param(int, 25, help="flag sentences with more words than this"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        limit: int = self.options["max-words"]
        for block in self.blocks(doc):
            for span in sentence_spans(block.text):
                sentence = span.of(block.text)
                words = count_words(sentence)
                if words <= limit or _mostly_numbers(sentence):
                    continue
                preview = " ".join(sentence.split()[:8])
                yield self.finding(
                    block.location_at(span.start, span.end),
                    text=sentence,
                    context=sentence,
                    fingerprint=f"{words}:{preview.lower()}",
                    words=words,
                    max=limit,
                )
