"""The literal pre-test of the word lists' regex rows: never a word a match can do without."""

from __future__ import annotations

import re

import pytest

from formlint.checks.regex_literals import required_any
from formlint.checks.wordlist import load_entries
from tests.conftest import CORPUS, FIXTURES, ROOT

DATA = ROOT / "rules" / "plain" / "data"
TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".xml", ".json")


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bthe\s+production\s+of\b", ("production",)),
    (r"\bno(?:t)?\s+later\s+than\b", ("later",)),  # "than" is as required; the longer word is the better test
    (r"\b(?:for example|e\.g\.),?[^.;]{0,200}?\betc\b", ("e.g.", "for example")),
    (r"\b(?:said|such)(?=\s+[a-z])", ("aid", "uch")),  # re factors the "s" out of the alternation
    (r"(?<=\bthe\s)subject\b(?!\s+to\b)", ("subject",)),  # lookarounds consume nothing
    (r"\bCURRENTLY\b", ("currently",)),  # compared case-folded
    (r"\b(?:take|took)n?\s+(?:\w+\s+){1,3}into\s+account\b", ("account",)),  # a repeat of at least one counts
])
def test_required_literals(pattern: str, expected: tuple[str, ...]) -> None:
    assert required_any(re.compile(pattern, re.IGNORECASE)) == expected


@pytest.mark.parametrize("pattern", [
    r"\b(?:to|in)\b",  # only short words
    r"(?:optional\s+)?x",  # an optional part is never required
    r"\b(?:maybe|\w+ly)\b",  # one alternative needs no literal
    r"\d{3}-\d{4}",  # classes only
])
def test_nothing_certain_means_always_scan(pattern: str) -> None:
    assert required_any(re.compile(pattern, re.IGNORECASE)) is None


def test_every_match_of_every_shipped_row_contains_its_literal() -> None:
    """On the fixtures, and on the corpus where it is present: a row whose literal test
    would skip a block it matches in would lose a finding."""
    folders = [FIXTURES, *([CORPUS] if CORPUS.is_dir() else [])]
    texts = [path.read_text(encoding="utf-8", errors="replace") for folder in folders
             for path in sorted(folder.rglob("*")) if path.suffix.lower() in TEXT_SUFFIXES]
    rows = [entry for path in sorted(DATA.glob("*.tsv")) if path.stem != "hidden-verbs"
            for entry in load_entries(path) if entry.type == "regex" and entry.pattern is not None]
    tested = matched = 0
    for entry in rows:
        assert entry.pattern is not None
        required = required_any(entry.pattern)
        if required is None:
            continue
        tested += 1
        for text in texts:
            for match in entry.pattern.finditer(text):
                matched += 1
                assert any(word in match.group(0).casefold() for word in required), (entry.id, match.group(0))
    # The fixtures alone hold a handful of matches; the corpus, hundreds.
    assert tested > 100 and matched > (20 if CORPUS.is_dir() else 3)
