"""Cheap text utilities shared by checks: sentence spans and word counts.

Sentence splitting here is rule-based (no spaCy) so that length and word-list rules
run at regex speed. It knows the abbreviations common in government text (U.S.,
e.g., No., Sec., CFR citations) so they do not end sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations that end with a period but rarely end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr jr sr st no nos sec secs art ch pt para paras pp p fig figs vol vols ed eds
    inc corp co ltd llc dept gov govt admin assn bros univ approx est etc vs v cf al ibid
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    u.s u.s.a d.c e.g i.e a.m p.m n.w n.e s.w s.e ph.d m.d b.a m.a j.d u.s.c c.f.r pub
    l stat reg regs fed cir supp rev amend ex exh attn dist ave blvd rd ste apt mt ft hr hrs
    min mins sq oz lb lbs
    """.split()
)

# Abbreviations that end a sentence as often as not ("... wages, tips, etc. Enter the total",
# "by 5 p.m. Those received later ..."): they end one when a word follows that starts
# sentences and never goes on a name, a time or a list ("U.S. Department", "p.m. Eastern").
ENDS_SENTENCES = frozenset("etc inc corp co ltd llc a.m p.m u.s u.s.a d.c jr sr al".split())
SENTENCE_STARTERS = frozenset(
    """
    The This These That Those There Then Thus It Its If In For To We You Your Our They He She I
    A An All Any Each Also However When Where While After Before On At By As But And Or
    See Enter Use Check Include Attach Submit Complete Send Mail Call Please Note Do Does
    Is Are Was Were
    """.split()
)
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]*([A-Z][a-z]*)(?![\w\-\u2010\u2011.])")

# A full stop, or a full stop with a footnote number stuck to it ("burden.28 For").
_SENTENCE_END = re.compile(r"(?:[.!?]+[\"'\u201d\u2019)\]]*|(?<=[a-z)\u201d\"])\.\d{1,3}(?=\s+[A-Z]))(?=\s+|$)")
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[A-Za-z0-9\u00c0-\u024f]+(?:[-'\u2019.][A-Za-z0-9\u00c0-\u024f]+)*")
_NEXT_START = re.compile(r"\s+[\"'\u201c\u2018(\[]*([A-Z0-9\u00c0-\u00de§$])")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (leading/trailing spaces trimmed)."""
    return list(_remembered_spans(text))


def sentence_at(text: str, position: int) -> Span:
    """The sentence of ``text`` that holds ``position``; the whole text when none does (a
    space between two sentences, or no sentence at all). Found by bisection: a search
    through every sentence for every match was quadratic on a long block."""
    spans, starts = _indexed_spans(text)
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and position < spans[index].end:
        return spans[index]
    return Span(0, len(text))


def forget_sentences() -> None:
    """Drop the remembered splits (called after each document)."""
    _remembered_spans.cache_clear()
    _indexed_spans.cache_clear()


# Most checks split the same blocks again; remembering the splits of one document
# saves a third of a long regulation's raw-text time. The bound keeps a worker's
# memory flat whatever the document.
@lru_cache(maxsize=65_536)
def _remembered_spans(text: str) -> tuple[Span, ...]:
    return tuple(_split(text))


@lru_cache(maxsize=1_024)
def _indexed_spans(text: str) -> tuple[tuple[Span, ...], tuple[int, ...]]:
    spans = _remembered_spans(text)
    return spans, tuple(span.start for span in spans)


def _split(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if not _is_boundary(text, match.start(), end):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _is_boundary(text: str, dot: int, end: int) -> bool:
    if end >= len(text):
        return True
    following = _NEXT_START.match(text, end)
    if following is None:
        return False  # "e.g. the form" or a lower-case continuation
    if text[dot] != ".":
        return True
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"'\u201c":
        word_start -= 1
    token = text[word_start:dot].lower().strip(".")
    if token in ABBREVIATIONS:
        if token in ENDS_SENTENCES:
            starter = _NEXT_WORD.match(text, end)
            return starter is not None and starter.group(1) in SENTENCE_STARTERS
        return False
    if len(token) == 1 and token.isalpha():  # an initial: "John Q. Public"
        # ... unless it is a compass point after a coordinate: "to 81°40′ W. Nearshore"
        return token in "nsew" and bool(re.search(r"[\d\u00b0\u2032\u2033'\"]\s*$", text[:word_start]))
    return True


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


#: How far either way the checks look from a match for the word around it, its sentence or
#: an open bracket. A search to the start of the block, once per match, is quadratic: a
#: megabyte in one paragraph took minutes.
REACH = 200


def token_around(text: str, start: int, end: int, spaces: str = " ", reach: int = REACH) -> str:
    """The run of text without ``spaces`` around ``start:end`` (at most ``reach``
    characters either way)."""
    low = max(0, start - reach)
    left = max(text.rfind(space, low, start) for space in spaces) + 1 or low
    high = min(len(text), end + reach)
    right = text.find(" ", end, high)
    return text[left:right if right >= 0 else high]


def inside(text: str, position: int, opening: str, closing: str, reach: int = 2 * REACH) -> bool:
    """Whether ``position`` is after an ``opening`` bracket that is not closed before it
    (looking back at most ``reach`` characters)."""
    low = max(0, position - reach)
    return text.rfind(opening, low, position) > text.rfind(closing, low, position)


def word_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        yield Span(match.start(), match.end())


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def preserve_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``original``."""
    if not replacement:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
