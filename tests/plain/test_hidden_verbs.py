"""plain/hidden-verb: nominalizations carried by light verbs."""

from __future__ import annotations

import pytest

from formlint.checks.verbforms import inflect_like, past_tense, present_participle, third_person
from formlint.model import Severity
from tests.helpers import lint

RULE = "plain/hidden-verb"


def hidden(text: str, **kwargs):  # noqa: ANN201
    return [(f.text, f.suggestions[0] if f.suggestions else None) for f in lint(text, RULE, **kwargs).findings]


@pytest.mark.parametrize(
    "text, found",
    [
        ("We will make a determination on your claim.", ("make a determination", "determine")),
        ("VA will conduct a review of your file.", ("conduct a review of", "review")),
        ("We made a decision last week.", ("made a decision", "decided")),
        ("She is making an application for a loan.", ("making an application", "applying")),
        ("Please provide a brief explanation.", ("provide a brief explanation", "explain")),
        ("A request is made under section 4.", ("request is made", "ask")),
        ("They carried out an inspection of the site.", ("carried out an inspection of", "inspected")),
        ("If you do a rollover, tax rules apply.", ("do a rollover", "roll over")),
        ("The agency came to a decision.", ("came to a decision", "decided")),
        ("Anyone who is in violation of this section must pay.", ("is in violation of", "violates")),
        ("Payments stop after the termination of the lease.", ("after the termination of", None)),
        # "no" moves to the verb: "acted" would say the opposite
        ("We took no action on the request.", ("took no action", "did not act")),
        ("The office will take no action.", ("take no action", "not act")),
    ],
)
def test_hidden_verbs_are_found_with_the_verb_to_use(text: str, found: tuple[str, str | None]) -> None:
    results = hidden(text)
    assert any(t == found[0] and (found[1] is None or s == found[1]) for t, s in results), results


@pytest.mark.parametrize(
    "text",
    [
        "Submit your application by June 1.",  # the application is a document
        "You can make changes to your profile online.",
        "We may take adverse action on your account.",  # a defined legal term
        "It does not limit the authority to take any supervisory or enforcement action.",  # a term, joined by "or"
        "Making a false statement is a crime.",
        "We will decide your claim.",
        "Send us a copy of the decision.",
    ],
)
def test_documents_terms_of_art_and_plain_verbs_are_not_reported(text: str) -> None:
    assert hidden(text) == []


def test_listed_pairs_are_warnings_others_info() -> None:
    severities = {f.text: f.severity for f in lint("We will make a determination. You can make a payment.", RULE).findings}
    assert severities == {"make a determination": Severity.WARNING, "make a payment": Severity.INFO}


def test_phrase_rows_run_without_spacy() -> None:
    assert hidden("The applicant is in compliance with the rules.", nlp=False) == [
        ("is in compliance with", "complies with")]
    assert hidden("We will make a determination.", nlp=False) == []


def test_accepted_phrases_are_not_reported() -> None:
    assert hidden("You can make a payment online.", accept=("make a payment",)) == []


@pytest.mark.parametrize(
    "lemma, past, participle, third, ing",
    [
        ("determine", "determined", "determined", "determines", "determining"),
        ("apply", "applied", "applied", "applies", "applying"),
        ("submit", "submitted", "submitted", "submits", "submitting"),
        ("review", "reviewed", "reviewed", "reviews", "reviewing"),
        ("choose", "chose", "chosen", "chooses", "choosing"),
        ("pay", "paid", "paid", "pays", "paying"),
        ("visit", "visited", "visited", "visits", "visiting"),
        ("refer", "referred", "referred", "refers", "referring"),
    ],
)
def test_verb_forms(lemma: str, past: str, participle: str, third: str, ing: str) -> None:
    assert (past_tense(lemma), past_tense(lemma, participle=True), third_person(lemma), present_participle(lemma)) \
        == (past, participle, third, ing)
    assert inflect_like("roll over", "VBD") == "rolled over"


def test_a_light_verb_with_its_own_object_does_not_reach_into_the_next_clause() -> None:
    """"prepare estimates ... and disclose a reasonable estimate": "disclose" is no light verb,
    and "prepare" has its object already (found on its own), so the second "estimate" is not
    "prepare ... a reasonable estimate of"."""
    text = "A lessor could prepare estimates using the agreed upon value and disclose a reasonable estimate of the fee."
    assert hidden(text) == [("prepare estimates", "estimate")]
    assert hidden("You are barred from making or pursuing an application for benefits.") == [
        ("making or pursuing an application", "applying")]


def test_a_light_verb_reaches_only_a_verb_joined_to_it_directly() -> None:
    """The parser lost "made"'s object ("payments" became the subject of "using") and joined
    "attach" to "made": "made ... attach a statement" is not "stated"."""
    text = ("If you changed your name because of marriage, divorce, etc., and you made estimated tax payments "
            "using your former name, attach a statement to the front of Form 1040NR.")
    assert hidden(text) == []
