"""Readability formulas that work with no network.

textstat 0.7.13 counts syllables with the CMU Pronouncing Dictionary through NLTK and,
when NLTK does not have it, calls ``nltk.download('cmudict')`` on every call, which
fails (and may hang) offline (../shared/reference/stack-notes.md, section 4).
formlint ships the dictionary in NLTK's corpus format in ``formlint/data/cmudict``
(CMU's BSD-style licence; see build.py there for what is kept) and puts that folder
first on NLTK's data path before textstat first needs it, so textstat finds the data
and never downloads.

Importing textstat costs about a third of a second (NLTK) and loading the dictionary
about half a second, so both happen lazily, once per process, and only when a
readability rule has text to measure.

The Flesch-Kincaid grade is computed here from formlint's own sentence and word
counts (textstat's sentence counter splits "U.S." and "e.g." into sentences) and
textstat's syllable counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

CMU_DATA = Path(__file__).resolve().parent / "data" / "cmudict"


@cache
def _syllable_counter() -> Callable[[str], int]:
    import nltk.data  # textstat imports it anyway; set the path before textstat looks

    path = str(CMU_DATA)
    if path not in nltk.data.path:
        nltk.data.path.insert(0, path)
    import textstat

    textstat.set_lang("en_US")
    try:  # textstat's own steps, so that each word's count can be remembered
        from textstat.backend.selections._list_words import list_words
        from textstat.backend.utils._get_cmudict import get_cmudict
        from textstat.backend.utils._get_pyphen import get_pyphen
    except ImportError:  # another textstat layout: whole sentences, as it counts them

        def whole(text: str) -> int:
            return int(textstat.syllable_count(text))

        return whole
    cmu_dict = get_cmudict("en_US")
    pyphen = get_pyphen("en_US")

    # textstat 0.7's count_syllables, one word at a time: a sentence's count is the sum
    # over its words, and the words of a long document repeat (about ten times faster).
    @lru_cache(maxsize=200_000)
    def word_count(word: str) -> int:
        try:
            phones = cmu_dict[word][0]  # type: ignore[index]
            return sum(1 for p in phones if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(pyphen.positions(word)) + 1

    def count(text: str) -> int:
        if not text:
            return 0
        return sum(word_count(word) for word in list_words(text, lowercase=True))

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
