"""formlint.hyphenation gives pyphen's hyphenation points without pyphen's start-up.

The syllable counts of words the CMU dictionary lacks are pyphen's points plus one, as
textstat counts them, so the patterns this module parses and the points it finds must be
pyphen's exactly: on every word of the shipped dictionary, on random letter strings and
on the edge cases (empty, one letter, capitals, letters outside a-z).
"""

from __future__ import annotations

import random
import sys

import pyphen
import pytest

from formlint import hyphenation
from formlint.readability import cmu_syllables


@pytest.fixture(scope="module")
def pyphen_dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def test_the_patterns_are_pyphens(pyphen_dictionary: pyphen.Pyphen) -> None:
    path = hyphenation.dictionary_path()
    assert path is not None and path.name == "hyph_en_US.dic"
    parsed = hyphenation.parse_patterns(path.read_text(encoding="utf-8"))
    assert parsed == pyphen_dictionary.hd.patterns
    assert len(parsed) > 10_000


def test_the_points_are_pyphens(pyphen_dictionary: pyphen.Pyphen) -> None:
    count = hyphenation.point_counter()
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz'"
    made_up = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 30))) for _ in range(5_000)]
    edges = ["", "a", "ab", "abc", "x" * 80, "Hyphenation", "ÉLAN", "naïve", "co-operate", "1990s"]
    words = sorted(cmu_syllables())[::3] + made_up + edges
    differ = [w for w in words if count(w) != len(pyphen_dictionary.positions(w))]
    assert differ == []
    assert count("hyphenation") == 2  # pyphen: hy-phen-ation


def test_a_pattern_form_only_pyphen_reads_falls_back_to_pyphen() -> None:
    assert hyphenation.parse_patterns("UTF-8\nab1c\n.ff1/f=f,1,2\n") is None  # nonstandard hyphenation
    assert hyphenation.parse_patterns("UTF-8\n^^e91a\n") is None
    assert hyphenation.parse_patterns("ISO8859-1\nab1c\n") is None
    assert hyphenation.parse_patterns("UTF-8\n% note\nLEFTHYPHENMIN 2\n.a2b1\nabc\n") == {".ab": (2, (2, 1))}


def test_without_the_dictionary_file_pyphen_itself_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hyphenation, "dictionary_path", lambda: None)
    count = hyphenation.point_counter()
    assert count("hyphenation") == 2


def test_counting_syllables_does_not_import_pyphen() -> None:
    import subprocess

    # "zyxwvut" is not in the CMU dictionary: its count comes from the hyphenation points.
    code = ("import sys; from formlint.readability import syllables; "
            "print(syllables('zyxwvut hyphenation'), 'pyphen' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["5", "False"]
