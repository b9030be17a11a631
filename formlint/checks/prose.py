"""Shared machinery of the plain-language kinds: sentences, pre-filters and parsing.

The plain-language checks work sentence by sentence. Cheap checks use the rule-based
splitter in ``formlint.text`` on raw text; checks that need grammar send only the
sentences that pass a cheap pre-filter (a regular expression that over-approximates
what the check can find) through spaCy. Parses are cached per sentence text in
``Nlp``, so the passive-voice, hidden-verb and noun-string checks share one parse of
a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from formlint.model import TextBlock
from formlint.nlp import NlpUnavailable
from formlint.text import sentence_spans

if TYPE_CHECKING:
    from formlint.context import CheckContext

# A line of a table of contents ("3 Contributions . . . . . . 12"): not prose.
DOT_LEADER = re.compile(r"(?:\.\s){4,}|\.{5,}|_{5,}")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a block: ``block.text[start:end]``."""

    block: TextBlock
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Block offsets of the sentence-relative span ``[start, end)``."""
        return self.start + start, self.start + end


def sentences(blocks: Iterable[TextBlock]) -> Iterator[Sentence]:
    for block in blocks:
        for span in sentence_spans(block.text):
            yield Sentence(block, span.start, span.end)


# Every dot leader holds one of these; testing them first skips the leader's expression on
# almost every sentence (it is asked of each sentence by five checks).
_LEADER_START = re.compile(r"\.\s\.")


def is_table_of_contents(text: str) -> bool:
    if "..." not in text and "_____" not in text and _LEADER_START.search(text) is None:
        return False
    return bool(DOT_LEADER.search(text))


def prose_sentences(blocks: Iterable[TextBlock]) -> Iterator[Sentence]:
    """Sentences worth checking for grammar: everything but table-of-contents lines.

    Table cells stay: guidance puts its before-and-after examples in tables.
    """
    for sentence in sentences(blocks):
        if is_table_of_contents(sentence.text):
            continue
        yield sentence


def parse_filtered(
    units: Sequence[Sentence], ctx: CheckContext, keep: Callable[[str], bool]
) -> list[tuple[Sentence, Any]]:
    """Parse the sentences that pass ``keep``; an empty list when spaCy is unavailable.

    ``keep`` is the check's pre-filter: it must accept every sentence in which the
    check could find something (benchmarks/README.md records that it loses nothing).
    """
    chosen = [unit for unit in units if keep(unit.text)]
    if not chosen or not (ctx.nlp.enabled and ctx.nlp.available):
        return []
    try:
        docs = ctx.nlp.parse_many([unit.text for unit in chosen])
    except NlpUnavailable:
        return []
    return list(zip(chosen, docs))


def nlp_usable(ctx: CheckContext) -> bool:
    return ctx.nlp.enabled and ctx.nlp.available


def token_span(tokens: Sequence[Any]) -> tuple[int, int]:
    """Character span (sentence-relative) covering spaCy tokens."""
    first = min(tokens, key=lambda t: t.idx)
    last = max(tokens, key=lambda t: t.idx)
    return first.idx, last.idx + len(last.text)


def in_quotes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a quoted mention ("the word “shall”", "such as
    “hereafter,” and “therewith.”")."""
    before = text[max(0, start - 1):start]
    after = text[end:end + 2]
    closing = ("\"", "\u201d", "'", "\u2019")
    return before in ("\"", "\u201c", "'", "\u2018") and (after[:1] in closing or
                                                           after[:1] in ",.;:" and after[1:2] in closing)


OPENING_QUOTES = "\"\u201c"
CLOSING_QUOTES = "\"\u201d"


def inside_quotes(text: str, start: int, end: int, limit: int = 60) -> bool:
    """Whether ``text[start:end]`` lies inside a short quoted phrase: a mention or a
    label to copy as written ("the section called “Currently Under Review”")."""
    opening = max(text.rfind(q, max(0, start - limit), start) for q in OPENING_QUOTES)
    if opening < 0:
        return False
    closing_positions = [p for p in (text.find(q, end, end + limit) for q in CLOSING_QUOTES) if p >= 0]
    if not closing_positions:
        return False
    closing = min(closing_positions)
    between = text[opening + 1:closing]
    if '"' in text[opening:opening + 1] and between.count('"'):
        return False
    return not any(q in text[opening + 1:start] for q in CLOSING_QUOTES + OPENING_QUOTES[1:]) and \
        closing - opening <= limit


QUOTATION_LIMIT = 1500  # characters from the match to either quotation mark
# "paragraph C.1 now reads: “...”", "is revised to read as follows: “...”": the quotation
# is the author's own new text (an amendment), which the author can still reword.
_OWN_TEXT_BEFORE = re.compile(r"\b(?:reads?|as follows|the following)\s*:?\s*$", re.IGNORECASE)


def _own_text(text: str, opening: int) -> bool:
    """Whether the quotation mark at ``opening`` opens the author's own new text."""
    return _OWN_TEXT_BEFORE.search(text, max(0, opening - 40), opening) is not None


def within_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a quotation of someone else's words
    (“[t]he Attorney General shall register practitioners . . .”, a court's opinion, a
    before-and-after example): words the author cannot reword. Both marks must be in the
    same block; curly quotation marks pair by direction, straight ones by count."""
    opening = text.rfind("\u201c", max(0, start - QUOTATION_LIMIT), start)
    if opening >= 0 and "\u201d" not in text[opening + 1:start]:
        closing = text.find("\u201d", end, end + QUOTATION_LIMIT)
        quotation = closing >= 0 and "\u201c" not in text[end:closing]
    else:
        marks = _straight_quotes(text) if '"' in text else ()
        before = bisect.bisect_left(marks, start)
        after = bisect.bisect_left(marks, end)
        if not marks or len(marks) % 2 or before % 2 == 0 or after == len(marks):
            return False  # no straight quotation marks, an inch mark among them, or outside a pair
        opening = marks[before - 1]
        quotation = start - opening <= QUOTATION_LIMIT and marks[after] - end <= QUOTATION_LIMIT
    return quotation and not _own_text(text, opening)


# Where a block's straight quotation marks are, found once per block: counting them again
# for every match was quadratic on a long block full of them.
@lru_cache(maxsize=64)
def _straight_quotes(text: str) -> tuple[int, ...]:
    return tuple(match.start() for match in _STRAIGHT_QUOTE.finditer(text))


_STRAIGHT_QUOTE = re.compile('"')


def quoted(text: str, start: int, end: int) -> bool:
    """A quoted mention, a short quoted label, or a quotation: not the author's own words."""
    if in_quotes(text, start, end):
        return True  # the word itself, mentioned: "the word “shall”"
    if within_quotation(text, start, end):
        return True
    if not inside_quotes(text, start, end):
        return False
    opening = max(text.rfind(q, 0, start) for q in OPENING_QUOTES)
    return not _own_text(text, opening)


def capitalise_like(original: str, replacement: str) -> str:
    """Start ``replacement`` with a capital when ``original`` started a sentence."""
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement
