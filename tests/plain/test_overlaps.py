"""One finding for one phrase across the word-choice lists (formlint.overlaps)."""

from __future__ import annotations

import pytest

from formlint.model import Finding, Location, Severity
from formlint.overlaps import keep_the_longest_phrase
from tests.helpers import lint


def found(text: str) -> list[tuple[str, str, list[str]]]:
    return [(f.rule, f.text or "", f.suggestions) for f in lint(text, "plain").findings
            if f.rule not in ("plain/long-sentence", "plain/readability-grade")]


@pytest.mark.parametrize("text, expected", [
    # a phrase of one list holds a word of another: the phrase only
    ("A sufficient number of observers attend.", [("plain/wordy-phrase", "A sufficient number of", ["Enough"])]),
    # a longer row of the same list holds a shorter one
    ("This page provides guidance for writers.", [("plain/simple-words", "provides guidance for", ["guides"])]),
    ("In witness whereof, I sign.", [("plain/legalese", "In witness whereof", [])]),
    # the same words in two lists: the one with a suggestion
    ("Check it on a regular basis.", [("plain/wordy-phrase", "on a regular basis", ["regularly"])]),
])
def test_nested_or_equal_word_choices_are_reported_once(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert found(text) == expected


def test_a_hidden_verb_s_rewrite_replaces_the_light_verb_so_no_word_choice_inside_it_is_reported() -> None:
    assert found("Please provide an estimate of the hours.") == [
        ("plain/hidden-verb", "provide an estimate of", ["estimate"])]  # not also "give" for "provide"


def test_a_rewriting_rule_drops_only_the_word_choices_on_the_verb_it_starts_with() -> None:
    hidden = _finding("plain/hidden-verb", (0, 20))
    verb = _finding("plain/simple-words", (0, 7))
    kept_word = _finding("plain/simple-words", (8, 12))  # "takes such action": "such" stays
    after = _finding("plain/simple-words", (25, 30))
    assert keep_the_longest_phrase([hidden, verb, kept_word, after], {"plain/simple-words"},
                                   {"plain/hidden-verb"}) == [hidden, kept_word, after]


def test_a_double_negative_keeps_the_word_choices_inside_it() -> None:
    rules = sorted(rule for rule, _, _ in found("You may not utilize the form unless you sign it."))
    assert rules == ["plain/double-negative", "plain/simple-words"]


def _finding(rule: str, span: tuple[int, int], block: int = 1, **kwargs: object) -> Finding:
    severity: Severity = kwargs.get("severity", Severity.INFO)  # type: ignore[assignment]
    finding = Finding(rule=rule, category="plain-language", severity=severity,
                      message=rule, location=Location("a.md", line=1, column=span[0] + 1),
                      suggestions=list(kwargs.get("suggestions", [])))  # type: ignore[call-overload]
    finding.block_span = (block, *span)
    return finding


def test_only_word_choice_rules_in_the_same_block_are_compared() -> None:
    outer = _finding("plain/wordy-phrase", (0, 13), suggestions=["x"])
    inner = _finding("plain/simple-words", (4, 7))
    other_rule = _finding("plain/passive-voice", (4, 7))
    elsewhere = _finding("plain/simple-words", (4, 7), block=2)
    overlapping = _finding("plain/legalese", (8, 18))  # crosses the outer one's end: not inside it
    kept = keep_the_longest_phrase([outer, inner, other_rule, elsewhere, overlapping],
                                   {"plain/wordy-phrase", "plain/simple-words", "plain/legalese"})
    assert kept == [outer, other_rule, elsewhere, overlapping]


def test_of_two_on_the_same_words_the_one_with_a_suggestion_then_the_more_severe_is_kept() -> None:
    bare = _finding("plain/simple-words", (0, 3), severity=Severity.WARNING)
    suggested = _finding("plain/wordy-phrase", (0, 3), suggestions=["x"])
    assert keep_the_longest_phrase([bare, suggested], {"plain/simple-words", "plain/wordy-phrase"}) == [suggested]
    info = _finding("plain/legalese", (0, 3))
    warning = _finding("plain/simple-words", (0, 3), severity=Severity.WARNING)
    assert keep_the_longest_phrase([info, warning], {"plain/simple-words", "plain/legalese"}) == [warning]


def test_a_sentence_said_twice_is_two_places() -> None:
    text = "Please utilize this space. Please utilize this space."
    assert [(f.text, f.location.column) for f in lint(text, "plain/simple-words").findings] == [
        ("utilize", 8), ("utilize", 35)]
