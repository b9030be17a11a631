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
        ("Please provide an explanation.", ("provide an explanation", "explain")),
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


def _kept(text: str) -> list[tuple[str | None, str, list[str]]]:
    return [(f.text, f.message, f.suggestions) for f in lint(text, RULE).findings]


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("Please provide a brief explanation.", "provide a brief explanation", "briefly explain"),
        ("You must make a written request to the agency.", "make a written request", "ask in writing"),
        ("You may make a personal appearance at the hearing.", "make a personal appearance", "personally appear"),
        ("They made timely payments.", "made timely payments", "paid on time"),
        # The object follows "of": "explain in writing the rule" would put the phrase before it.
        ("They provided a brief explanation of the rule.", "provided a brief explanation of", "briefly explained"),
    ],
)
def test_an_adjective_of_the_noun_becomes_an_adverb_of_the_verb(text: str, match: str, suggestion: str) -> None:
    found = _kept(text)
    assert [(t, s) for t, _, s in found] == [(match, [suggestion])], found


@pytest.mark.parametrize(
    "text, match, kept",
    [
        # The verb alone would lose what kind of contribution: no bare "contributed" to paste in.
        ("Participants who made Roth contributions must wait.", "made Roth contributions", '"Roth"'),
        ("The agency made several minor technical corrections.", "made several minor technical corrections",
         '"several minor technical"'),
        ("They provided a detailed explanation of the rule.", "provided a detailed explanation of", '"detailed"'),
        ("We will give you a refund.", "give you a refund", '"you"'),
        ("The bank must provide the federally insured credit union a written response.",
         "provide the federally insured credit union a written response",
         '"the federally insured credit union" and "written"'),
        ("A request is not made under section 4.", "request is not made", '"not"'),
        ("The description required by § 1013.4(a) may be given orally.",
         "description required by § 1013.4(a) may be given", '"required by § 1013.4(a)"'),
    ],
)
def test_words_the_verb_alone_would_drop_are_named_and_no_bare_verb_is_offered(text: str, match: str,
                                                                               kept: str) -> None:
    found = _kept(text)
    assert len(found) == 1 and found[0][0] == match, found
    assert found[0][1].endswith(f"; use it, and keep {kept}.") and found[0][2] == [], found


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("You must make your payment by June 1.", "make your payment", "pay"),  # "your" goes without loss
        ("A request must be made under section 4.", "request must be made", "ask"),  # so does "must be"
        ("You are barred from making or pursuing an application for benefits.", "making or pursuing an application",
         "applying"),
        # "up" after the noun is "up to two times", not the particle of "make up"
        ("We may try to make the transfer up to two times.", "make the transfer", "transfer"),
    ],
)
def test_articles_possessive_pronouns_and_auxiliaries_are_not_words_to_keep(text: str, match: str,
                                                                           suggestion: str) -> None:
    assert [(t, s) for t, _, s in _kept(text)] == [(match, [suggestion])]


@pytest.mark.parametrize("text", ["You may make up missed contributions.", "The court may make fair use of it."])
def test_phrasal_verbs_and_fair_use_are_not_hidden_verbs(text: str) -> None:
    assert hidden(text) == []


def test_a_title_in_title_case_is_not_rewritten() -> None:
    """Federal Register: the heading "Action Being Taken" was reported, with "act"."""
    text = "Action Being Taken\n\nThe agency will take action on the request."
    assert [f.text for f in lint(text, "plain/hidden-verb").findings] == ["take action"]
