"""Readability formulas that work with no network.

Syllables are counted as textstat 0.7.13 counts them: the CMU Pronouncing Dictionary
for the words it has, pyphen's hyphenation (positions + 1) for the others. textstat
reads the dictionary through NLTK, which calls ``nltk.download('cmudict')`` when it is
missing (offline: it fails, and may hang; ../shared/reference/stack-notes.md, section
4), and importing textstat and NLTK and loading the dictionary through them cost
about a second per process. So formlint ships the dictionary in NLTK's corpus format
in ``formlint/data/cmudict`` (CMU's BSD-style licence; see build.py there for what is
kept), reads the counts itself (from ``syllables.txt``, written from it: a hundredth of a
second), and applies textstat's word splitting and counting rules, remembered per word;
the counts are textstat's (tests/test_readability_counts.py compares them). All of it
happens lazily, once per process, and only when a readability rule has text to measure.

The Flesch-Kincaid grade is computed here from formlint's own sentence and word
counts (textstat's sentence counter splits "U.S." and "e.g." into sentences) and
textstat's syllable counts.
"""

from __future__ import annotations

from collections.abc import Callable
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

CMU_DATA = Path(__file__).resolve().parent / "data" / "cmudict"


# textstat 0.7's word splitting for syllable counts (``list_words(text, lowercase=True)``:
# apostrophes that do not start a contraction ending and all other punctuation removed,
# lower case, split on spaces), copied so that counting never imports textstat and
# NLTK (tests/test_readability_counts.py checks it against textstat).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")


# Longer "words" than this are not hyphenated. The longest in the CMU dictionary has 28
# letters, but a web address loses its punctuation and becomes one "word" of 100 or 200
# letters, whose count should stay textstat's.
LONGEST_HYPHENATED = 1_000
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()


# The same counts, grouped by count ("2 word word ..."): read with ``dict.fromkeys`` in a
# sixth of the time the dictionary takes (0.013 against 0.073 s), which a cold run of one
# small file pays. build.py writes it from the dictionary; tests/test_readability_counts.py
# checks that the two agree.
SYLLABLE_TABLE = CMU_DATA / "syllables.txt"


def syllable_table(path: Path | None = None) -> dict[str, int]:
    """Syllables per word, from ``syllables.txt`` (or the dictionary where it is missing)."""
    path = path or SYLLABLE_TABLE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return cmu_syllables()
    table: dict[str, int] = {}
    for line in text.splitlines():
        count, _, words = line.partition(" ")
        if words:
            table.update(dict.fromkeys(words.split(" "), int(count)))
    return table


def write_syllable_table(table: dict[str, int], path: Path | None = None) -> None:
    groups: dict[int, list[str]] = {}
    for word, count in table.items():
        groups.setdefault(count, []).append(word)
    lines = [f"{count} " + " ".join(words) for count, words in sorted(groups.items())]
    (path or SYLLABLE_TABLE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def cmu_syllables(path: Path | None = None) -> dict[str, int]:
    """Syllables of each word's first pronunciation in the shipped dictionary, read the
    way NLTK's cmudict reader reads it ("WORD 1 PHONES", the first line of a word wins):
    the phones that end in a stress digit."""
    path = path or CMU_DATA / "corpora" / "cmudict" / "cmudict"
    table: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            pieces = line.split()
            if pieces:
                table.setdefault(pieces[0].lower(), sum(1 for p in pieces[2:] if p[-1].isdigit()))
    return table


@cache
def _syllable_counter() -> Callable[[str], int]:
    from formlint.hyphenation import point_counter

    table = syllable_table()
    hyphenation_points = point_counter()  # pyphen's, without its start-up

    @lru_cache(maxsize=200_000)
    def word_count(word: str) -> int:
        known = table.get(word)
        if known is not None:
            return known
        if len(word) > LONGEST_HYPHENATED:
            # Not a word but a run of characters (an identifier, a blob, a table run
            # together): pyphen takes about 3 s a megabyte over it, and its count means
            # nothing there, so count vowel groups, as a reader sounding it out would.
            return max(1, len(_VOWEL_GROUPS.findall(word)))
        return hyphenation_points(word) + 1

    def count(text: str) -> int:
        return sum(map(word_count, _words(text))) if text else 0

    return count


def syllables(text: str) -> int:
    """Syllables in ``text`` (CMU dictionary, then pyphen for unknown words)."""
    return _syllable_counter()(text)


@dataclass
class Counts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0

    def add(self, sentences: int, words: int, syllables: int) -> None:
        self.sentences += sentences
        self.words += words
        self.syllables += syllables

    def merge(self, other: Counts) -> None:
        self.add(other.sentences, other.words, other.syllables)

    @property
    def grade(self) -> float | None:
        """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
        if not self.sentences or not self.words:
            return None
        return flesch_kincaid_grade(self.sentences, self.words, self.syllables)


def flesch_kincaid_grade(sentences: int, words: int, syllable_count: int) -> float:
    return 0.39 * (words / sentences) + 11.8 * (syllable_count / words) - 15.59
