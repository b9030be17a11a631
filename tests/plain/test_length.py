"""plain/long-sentence and plain/long-paragraph: thresholds and what is not counted."""

from __future__ import annotations

from formlint.checks.sentences import prose_words
from formlint.model import Format, Severity
from tests.helpers import lint

LONG = " ".join(["word"] * 30) + "."
VERY_LONG = " ".join(["word"] * 45) + "."


def test_over_25_words_is_a_warning_and_over_40_an_error() -> None:
    assert [f.severity for f in lint(LONG, "plain/long-sentence").findings] == [Severity.WARNING]
    assert [f.severity for f in lint(VERY_LONG, "plain/long-sentence").findings] == [Severity.ERROR]


def test_thresholds_are_configurable() -> None:
    findings = lint(LONG, "plain/long-sentence", rules={"plain/long-sentence": {"max-words": 35}}).findings
    assert findings == []


def test_addresses_citations_urls_and_phones_do_not_count() -> None:
    text = ("Mail the form to the Office of the Pardon Attorney, 950 Pennsylvania Avenue NW, Washington, DC 20530, "
            "call 1-800-555-1212, see 28 C.F.R. 1.1 and 44 U.S.C. 3501 et seq., or visit https://www.justice.gov/pardon.")
    assert prose_words(text) < 26
    assert lint(text, "plain/long-sentence").findings == []


def test_list_items_are_sentences_of_their_own() -> None:
    items = "\n".join(f"- Bring document number {i} with you to the office." for i in range(8))
    assert lint("You need:\n\n" + items, "plain/long-sentence").findings == []


def test_table_cells_are_not_checked() -> None:
    table = "| a | b |\n|---|---|\n| " + LONG + " | x |\n"
    assert lint(table, "plain/long-sentence").findings == []


def test_long_paragraphs() -> None:
    nine = " ".join(f"Sentence number {i} is here." for i in range(9))
    long = " ".join(["This sentence has exactly ten words in it, you see."] * 16)
    huge = " ".join(["This sentence has exactly ten words in it, you see."] * 26)
    assert [(f.severity, "9 sentences" in f.message) for f in lint(nine, "plain/long-paragraph").findings] == [
        (Severity.WARNING, True)]
    assert [f.severity for f in lint(long, "plain/long-paragraph").findings] == [Severity.WARNING]
    assert [f.severity for f in lint(huge, "plain/long-paragraph").findings] == [Severity.ERROR]


def test_lists_are_not_paragraphs() -> None:
    items = "\n".join(f"- Item {i}. It has two sentences." for i in range(12))
    assert lint(items, "plain/long-paragraph").findings == []


def test_the_finding_points_at_the_paragraph_start() -> None:
    nine = "Intro.\n\n" + " ".join(f"Sentence {i} is here." for i in range(9))
    (finding,) = lint(nine, "plain/long-paragraph", fmt=Format.TEXT).findings
    assert (finding.location.line, finding.location.column) == (3, 1)


def test_column_headings_run_together_are_not_a_long_sentence() -> None:
    """1040-NR instructions, tax table pages: the heads of three side-by-side columns."""
    heads = ("At But Single Qualifying Married At But Single Qualifying Married At But Single Qualifying "
             "Married least less widow(er) filing least less widow(er) filing least less widow(er) filing "
             "than separately than separately than separately Your tax is Your tax is Your tax is")
    assert lint(heads, "plain/long-sentence").findings == []
    prose = ("In the event that a material supervisory determination appealed to the Board is the joint product "
             "of NCUA and a state supervisory authority, the Board will notify the state supervisory authority "
             "and the state supervisory authority may take part in the review.")
    assert [f.rule for f in lint(prose, "plain/long-sentence").findings] == ["plain/long-sentence"]
    formula = ("We estimate the burden at 2,880 hours a year for all of the reportable foods that are notified, "
               "or (1,200 × 0.6 hours) + (1,200 × 0.6 hours) + (1,200 × 0.6 hours) + (1,200 × 0.6 hours).")
    assert [f.rule for f in lint(formula, "plain/long-sentence").findings] == ["plain/long-sentence"]


def _repeated_by_definition(sentence: str) -> bool:
    """is_repeated_header as its docstring defines it, window by window (slow)."""
    words = [w.lower() for w in sentence.split()]
    for size in range(2, 9):
        for start in range(len(words) - 3 * size + 1):
            piece = words[start:start + size]
            if len({w for w in piece if w.isalpha()}) >= 2 and \
                    piece == words[start + size:start + 2 * size] == words[start + 2 * size:start + 3 * size]:
                return True
    return False


def test_repeated_header_test_agrees_with_its_definition() -> None:
    import random

    from formlint.checks.sentences import is_repeated_header

    rng = random.Random(7)
    vocabulary = ["at", "but", "single", "if", "form", "1040", "(a)", "x", "tax", "is"]
    agreed = repeated = 0
    for _ in range(4000):
        words = [rng.choice(vocabulary[:rng.randint(2, len(vocabulary))]) for _ in range(rng.randint(0, 40))]
        if rng.random() < 0.3:  # plant a repeated piece
            piece = [rng.choice(vocabulary) for _ in range(rng.randint(2, 8))]
            at = rng.randint(0, len(words))
            words[at:at] = piece * 3
        sentence = " ".join(words)
        expected = _repeated_by_definition(sentence)
        assert is_repeated_header(sentence) == expected, sentence
        agreed += 1
        repeated += expected
    assert agreed == 4000 and 300 < repeated < 3700  # both answers were exercised
