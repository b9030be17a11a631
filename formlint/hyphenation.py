"""Hyphenation points of an English word, as pyphen finds them, without pyphen's start-up.

textstat counts the syllables of a word the CMU dictionary lacks as pyphen's hyphenation
points plus one (formlint.readability). ``pyphen.Pyphen(lang="en_US")`` costs a cold run
about 0.09 s before its first word: 0.025 s to import pyphen (it lists its hundred
dictionaries) and 0.065 s to parse the 11,130 patterns of ``hyph_en_US.dic`` with a regular
expression per line. This module reads the same file from the installed pyphen, keys its
lines by their letters (string operations on the whole file: a tenth of that), parses a
pattern the first time a word holds its letters, and finds the points with pyphen's own
algorithm (Liang's, as ``pyphen.HyphDict.positions`` has it). Where the file is not
where pyphen keeps it, or holds a pattern form this parser does not read (nonstandard
hyphenation, ``^^`` escapes), pyphen itself is used. tests/test_hyphenation.py checks
that the patterns and the points equal pyphen's.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DICTIONARY = "hyph_en_US.dic"
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_NO_DIGITS = str.maketrans("", "", "0123456789")
# pyphen.Pyphen's defaults: no point closer than two letters to either end.
LEFT = RIGHT = 2

Patterns = dict[str, tuple[int, tuple[int, ...]]]


def dictionary_path() -> Path | None:
    """pyphen's en_US patterns, found without importing pyphen."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "dictionaries" / DICTIONARY
        if path.is_file():
            return path
    return None


def parse_patterns(text: str) -> Patterns | None:
    """The patterns of a ``hyph_*.dic`` text as pyphen stores them (tag -> (start offset,
    values without leading and trailing zeros)); None for a form only pyphen reads."""
    lazy = LazyPatterns.read(text)
    if lazy is None:
        return None
    patterns: Patterns = {}
    for tag in lazy.lines:
        found = lazy.get(tag)
        if found is not None:
            patterns[tag] = found
    return patterns


def _parse(pattern: str) -> tuple[int, tuple[int, ...]] | None:
    """One pattern ("1ba2c") as (start offset, values without leading and trailing
    zeros); None for one without a point (all zeros), which pyphen leaves out."""
    tag = pattern.translate(_NO_DIGITS)
    values = [0] * (len(tag) + 1)
    position = 0
    for char in pattern:
        if "0" <= char <= "9":
            values[position] = int(char)
        else:
            position += 1
    if not any(values):
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


@dataclass
class LazyPatterns:
    """The patterns keyed by their letters, each parsed when first looked up."""

    lines: dict[str, str]  # tag -> the pattern line it comes from
    longest: int
    parsed: dict[str, tuple[int, tuple[int, ...]] | None] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str) -> LazyPatterns | None:
        """None for a file only pyphen reads (another encoding, nonstandard hyphenation,
        ``^^`` escapes, one set of letters on two lines)."""
        lines = text.split("\n")
        if lines[0].strip().upper() not in ("UTF-8", "UTF8"):
            return None
        kept = [p for p in (line.strip() for line in lines[1:]) if p and not p.startswith(_IGNORED)]
        body = "\n".join(kept)
        if "/" in body or "^^" in body:
            return None
        tags = body.translate(_NO_DIGITS).split("\n")
        keyed = dict(zip(tags, kept))
        if len(keyed) != len(kept):
            return None  # pyphen keeps the last line with points; this would keep the last
        return cls(keyed, max((len(tag) for tag in keyed), default=0))

    def get(self, tag: str) -> tuple[int, tuple[int, ...]] | None:
        try:
            return self.parsed[tag]
        except KeyError:
            pass
        line = self.lines.get(tag)
        found = self.parsed[tag] = _parse(line) if line is not None else None
        return found


def points(word: str, patterns: LazyPatterns) -> list[int]:
    """pyphen's ``HyphDict.positions``: where ``word`` (lower case) may be hyphenated."""
    pointed = f".{word}."
    references = [0] * (len(pointed) + 1)
    lines, longest = patterns.lines, patterns.longest
    for i in range(len(pointed) - 1):
        stop = min(i + longest, len(pointed)) + 1
        for j in range(i + 1, stop):
            piece = pointed[i:j]
            if piece not in lines:
                continue  # most pieces: no dictionary lookup beyond this one
            found = patterns.get(piece)
            if not found:
                continue
            offset, values = found
            for k, value in enumerate(values, i + offset):
                if value > references[k]:
                    references[k] = value
    return [i - 1 for i, reference in enumerate(references) if reference % 2]


def point_counter() -> Callable[[str], int]:
    """A function giving ``len(pyphen.Pyphen(lang="en_US").positions(word))``."""
    path = dictionary_path()
    patterns = None
    if path is not None:
        try:
            patterns = LazyPatterns.read(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            patterns = None
    if patterns is None or not patterns.lines:
        return _pyphen_counter()

    def count(word: str) -> int:
        right = len(word) - RIGHT
        return sum(1 for i in points(word.lower(), patterns) if LEFT <= i <= right)

    return count


def _pyphen_counter() -> Callable[[str], int]:
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    return lambda word: len(hyphenator.positions(word))
