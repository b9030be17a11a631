"""Suggestions take the form of the word they replace ("utilized" -> "used")."""

from __future__ import annotations

import pytest

from formlint.checks.suggestion_forms import inflect_suggestions
from tests.helpers import lint

RULE = "plain/simple-words"


@pytest.mark.parametrize(
    "match, lemma, pos, suggestions, before, expected, safe",
    [
        ("utilized", "utilize", None, ["use"], "We ", ["used"], True),
        ("utilizes", "utilize", None, ["use"], "She ", ["uses"], True),
        ("utilizing", "utilize", None, ["use"], "We are ", ["using"], True),
        ("components", "component", "NOUN", ["part"], "Read the ", ["parts"], True),
        ("accomplished", "accomplish", "VERB", ["carry out", "do"], "We ", ["carried out", "did"], False),
        ("accomplished", "accomplish", "VERB", ["carry out", "do"], "It was ", ["carried out", "done"], False),
        ("prioritized", "prioritize", "VERB", ["rank"], "Create a ", ["ranked"], True),
        ("commenced", "commence", "VERB", ["begin", "start"], "The office ", ["began", "started"], False),
        ("utilize", "utilize", None, ["use"], "Please ", ["use"], True),
        ("facilities", "facility", "NOUN", ["place"], "", ["places"], True),
        ("terminated", "terminate", "VERB", ["(omit)", "end"], "It ", ["(omit)", "ended"], True),
        ("assisted", "assist", "ADJ", ["help"], "", ["help"], True),  # not a verb or noun: as listed
        ("requires", "require", "VERB", ["must", "need"], "The rule ", ["must", "needs"], False),  # no "musts"
        ("commencing", "commence", "VERB", ["begin"], "Before ", ["beginning"], True),
    ],
)
def test_suggestions_are_inflected_like_the_match(match: str, lemma: str, pos: str | None, suggestions: list[str],
                                                  before: str, expected: list[str], safe: bool) -> None:
    result = inflect_suggestions(match, lemma, pos, suggestions, before)
    assert (result.suggestions, result.safe) == (expected, safe)


def test_findings_carry_the_inflected_suggestion_in_message_and_suggestions() -> None:
    findings = lint("We utilized the form. The office commenced the review.", RULE).findings
    by_text = {f.text: f for f in findings}
    assert by_text["utilized"].suggestions == ["used"]
    assert by_text["utilized"].message == 'Use "used" instead of "utilized".'
    assert by_text["commenced"].suggestions[:2] == ["began", "started"]
