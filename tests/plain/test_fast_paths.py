"""The raw-text fast paths give what the plain versions give.

Each speed-up of a raw-text rule (benchmarks/README.md, "Speed") is checked here
against a straightforward version of the same computation: the regex rows a block
can match, the runs of capitals, and the remembered sentence splits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from formlint.checks import style
from formlint.checks.hidden_verbs import WORD, WordSet, _light_forms, load_nominals
from formlint.checks.prose import DOT_LEADER, is_table_of_contents
from formlint.checks.sentences import NOT_PROSE, prose_words
from formlint.text import count_words
from formlint.checks.regex_literals import RowIndex
from formlint.checks.wordlist import load_entries
from formlint.text import forget_sentences, sentence_spans
from tests.conftest import CORPUS, FIXTURES, ROOT

DATA = ROOT / "rules" / "plain" / "data"
TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".xml")


def _texts(corpus: bool = True) -> list[str]:
    folders = [FIXTURES, *([CORPUS / "guidance", CORPUS / "html"] if corpus and CORPUS.is_dir() else [])]
    return [path.read_text(encoding="utf-8", errors="replace") for folder in folders
            for path in sorted(folder.rglob("*")) if path.suffix.lower() in TEXT_SUFFIXES]


def _paragraphs() -> list[str]:
    """Lines of text: about the size of the blocks the checks see (any string would do:
    the properties below hold for every text)."""
    return [line for text in _texts() for line in text.splitlines() if line.strip()]


# -- regex rows by required word -------------------------------------------------------

def test_row_index_keeps_the_order_and_skips_only_rows_that_cannot_match() -> None:
    patterns = [re.compile(p, re.IGNORECASE) for p in (
        r"\bthe\s+production\s+of\b",  # needs "production"
        r"\d{3}-\d{4}",  # needs nothing: always scanned
        r"\b(?:said|such)\s+\w+",  # needs one of two
        r"\bPRODUCTION\b",  # the same word as the first, another row
    )]
    index = RowIndex(patterns)
    assert index.candidates("nothing here") == [1]
    assert index.candidates("The Production of forms") == [0, 1, 3]
    assert index.candidates("such forms, and the production of more") == [0, 1, 2, 3]
    assert RowIndex([]).candidates("anything") == []


def test_every_match_of_a_shipped_row_makes_the_row_a_candidate() -> None:
    """Over the shipped word lists and phrase rows, on the fixtures: the matched text
    alone (so any text around it too) keeps its row. (test_regex_literals checks the
    required words against every match in the corpus too.)"""
    rows = [entry.pattern for path in sorted(DATA.glob("*.tsv")) if path.stem != "hidden-verbs"
            for entry in load_entries(path) if entry.type == "regex" and entry.pattern is not None]
    index = RowIndex(rows)
    texts = _texts(corpus=False)
    matched = 0
    for number, pattern in enumerate(rows):
        for text in texts:
            for match in pattern.finditer(text):
                matched += 1
                assert number in index.candidates(match.group(0)), (pattern.pattern, match.group(0))
    skipped = sum(len(rows) - len(index.candidates(line)) for line in _paragraphs())
    assert matched > 0 and skipped > len(rows)  # rows are skipped, never one that matches


# -- runs of capitals ------------------------------------------------------------------

def _caps_runs_plain(text: str) -> Iterator[tuple[int, int, int]]:
    """The all-caps runs as first written: no pre-test, every token, every code span."""
    tokens = list(re.finditer(r"[A-Za-z][A-Za-z'\u2019.]*|\d[\w.-]*|[^\sA-Za-z\d]+", text))
    codes = {m.span() for m in re.finditer(r"\S*\d\S*|\S+[-\u2013]\S+", text)}
    tokens = [t for t in tokens if not any(s <= t.start() and t.end() <= e for s, e in codes)]
    run: list[re.Match[str]] = []
    for token in tokens + [None]:  # type: ignore[list-item]
        word = token.group(0) if token is not None else ""
        letters = re.sub(r"[^A-Za-z]", "", word)
        is_caps = len(letters) >= 2 and letters.isupper()
        neutral = token is not None and (not letters or len(letters) == 1 and letters.isupper())
        if is_caps or (neutral and run):
            run.append(token)  # type: ignore[arg-type]
            continue
        caps = [t for t in run if len(re.sub(r"[^A-Za-z]", "", t.group(0))) >= 2]
        while run and run[-1] not in caps:
            run.pop()
        real = [t for t in caps if t.group(0).rstrip(".,:;") not in style.KEEP_UPPER and len(t.group(0)) > 3
                and "." not in t.group(0).rstrip(".,:;")
                and re.search(r"[AEIOUY]", t.group(0)) and not style.ROMAN_NUMERAL.match(t.group(0).rstrip(".,:;"))
                or t.group(0) in ("A", "THE", "AND", "OR", "TO", "OF", "IN", "ON", "FOR", "NOT", "IF", "BY")]
        function = [t for t in caps if t.group(0).rstrip(".,:;") in style.FUNCTION_WORDS]
        if len(caps) >= 2 and len(real) >= 2 and function:
            end = run[-1].end()
            while end > run[0].start() and text[end - 1] in ".,:;!?":
                end -= 1
            yield run[0].start(), end, len(caps)
        run = []


@pytest.mark.parametrize("text", [
    "DO NOT WRITE BELOW THIS LINE",
    "Sign here. DO NOT WRITE BELOW THIS LINE. Thank you.",
    "A'B'C A'B'C OF THE FORM",  # capitals apart from each other: apostrophes only
    "See NPS-WASO-23378 AND PCU00RP14 FOR THE DETAILS",  # identifiers inside a run
    "MIAX PEARL, NASDAQ BX",  # names, no function word
    "U.S.C. AND E.O. OF THE",
    "no capitals at all in this one",
    "",
])
def test_caps_runs_on_hand_made_text(text: str) -> None:
    assert list(style._caps_runs(text)) == list(_caps_runs_plain(text))


def test_caps_runs_equal_the_plain_version_on_real_text() -> None:
    found = 0
    for paragraph in _paragraphs():
        fast = list(style._caps_runs(paragraph))
        assert fast == list(_caps_runs_plain(paragraph)), paragraph[:80]
        found += len(fast)
    assert found > 0


def test_inside_finds_the_span_that_holds_a_token() -> None:
    spans = [(0, 4), (10, 20), (30, 31)]
    assert style._inside(spans, 12, 15)
    assert style._inside(spans, 10, 20)
    assert not style._inside(spans, 5, 9)
    assert not style._inside(spans, 18, 22)  # runs past the end of its span
    assert not style._inside([], 0, 1)


# -- remembered sentence splits --------------------------------------------------------

def test_sentence_spans_are_fresh_lists_and_forgotten_after_a_document() -> None:
    text = "One sentence here. Another one there."
    first = sentence_spans(text)
    first.append(first[0])  # a caller may change its list ...
    assert len(sentence_spans(text)) == 2  # ... without changing what others get
    forget_sentences()
    assert [s.of(text) for s in sentence_spans(text)] == ["One sentence here.", "Another one there."]


# -- words a sentence must hold (hidden verbs' pre-filter) -----------------------------

def _holds_plain(forms: set[str], text: str) -> bool:
    """The pre-filter as first written: one regular expression of every form."""
    pattern = r"\b(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _holds(forms: set[str], text: str) -> bool:
    return WordSet(forms).found(text, set(WORD.findall(text.lower())))


@pytest.mark.parametrize(("text", "expected"), [
    ("We will take Action today.", True),  # any case
    ("These transactions are final.", False),  # "action" inside a longer word
    ("Schedule a follow-up visit.", True),  # a form of more than one word keeps its expression
    ("Schedule a follow up visit.", False),
    ("action_item", False),  # an underscore joins words, as \b says
])
def test_word_set_on_hand_made_text(text: str, expected: bool) -> None:
    forms = {"action", "follow-up"}
    assert _holds(forms, text) is expected
    assert _holds_plain(forms, text) is expected


def test_word_sets_equal_the_expressions_on_real_text() -> None:
    nominals = load_nominals(ROOT / "rules" / "plain" / "data" / "hidden-verbs.tsv")
    nouns = {form for n in nominals for form in (n, n + "s", n + "es", n[:-1] + "ies")}
    light = _light_forms()
    held = 0
    for paragraph in _paragraphs():
        for forms in (nouns, light):
            fast = _holds(forms, paragraph)
            assert fast == _holds_plain(forms, paragraph), paragraph[:80]
            held += fast
    assert held > 0


# -- tests that skip an expression: dot leaders, stretches that are not prose -----------

@pytest.mark.parametrize(("text", "leader"), [
    ("3 Contributions . . . . . . 12", True),
    ("3 Contributions ...... 12", True),
    ("Name ________________", True),
    ("Wait... and see.", False),
    ("One. Two. Three. Four.", False),
    ("a .\n.\n.\n.\n", True),  # any white space between the dots
])
def test_table_of_contents_on_hand_made_text(text: str, leader: bool) -> None:
    assert is_table_of_contents(text) is leader
    assert bool(DOT_LEADER.search(text)) is leader


@pytest.mark.parametrize(("text", "words"), [
    ("Call 1-800-555-1212 or write to us.", 6),
    ("Email help@example.gov today.", 3),
    ("See https://www.example.gov for more.", 4),
    ("Under § 1002.9(a) we must tell you.", 6),
    ("No numbers or links in this one.", 7),
    # One of each stretch, each starting with a character of the lookahead that skips
    # positions where no stretch can start (text without an "@").
    ("Call (202) 555-1212 or 1-202-555-1212 now.", 5),
    ("Go to Room 4B, Mail Stop 2, Floor 3 or Suite 100 here.", 8),
    ("It follows 12 CFR 1002.4(a)(1) et seq. and Pub. L. 104-13 closely.", 6),
    ("We agree, see Smith, 82 FR 21408 (2017), and go on.", 6),
    ("Write to 1600 Pennsylvania Avenue NW, Suite 5 or P.O. Box 123, Washington, DC 20500 now.", 7),
    ("See www.example.gov and http://example.gov/x now.", 5),
])
def test_prose_words_on_hand_made_text(text: str, words: int) -> None:
    assert prose_words(text) == words == count_words(NOT_PROSE.sub(" x ", text))


def test_dot_leaders_and_prose_words_equal_the_plain_versions_on_real_text() -> None:
    leaders = cut = 0
    # The fixtures hold no table of contents; two lines that take both slow paths keep the
    # test meaningful where the corpus is absent.
    for paragraph in [*_paragraphs(), "3 Contributions . . . . . . 12", "Call 1-800-555-1212 today."]:
        plain_leader = bool(DOT_LEADER.search(paragraph))
        assert is_table_of_contents(paragraph) is plain_leader, paragraph[:80]
        plain_words = count_words(NOT_PROSE.sub(" x ", paragraph))
        assert prose_words(paragraph) == plain_words, paragraph[:80]
        leaders += plain_leader
        cut += plain_words != count_words(paragraph)
    assert leaders > 0 and cut > 0
