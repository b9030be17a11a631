"""plain/all-caps' suggestion: sentence case, spelled as the document spells its names."""

from __future__ import annotations

import pytest

from formlint.checks.casing import Spellings, document_spellings, sentence_case
from formlint.model import Location, Role, TextBlock
from tests.helpers import lint


def _blocks(*texts: str, role: Role = Role.PARAGRAPH) -> list[TextBlock]:
    return [TextBlock(text=text, role=role, location=Location("t.md", line=n + 1)) for n, text in enumerate(texts)]


@pytest.mark.parametrize(("run", "cased"), [
    ("PROOF OF U.S. CITIZENSHIP", "Proof of U.S. citizenship"),  # the abbreviation keeps its capitals
    ("APPLICATION FOR D.I.C., SURVIVORS PENSION", "Application for D.I.C., survivors pension"),
    ("CHECK THE ITEM(S) YOU NEED", "Check the item(s) you need"),  # a plural in brackets is not a letter
    ("SECTION A. ELIGIBILITY TO USE THIS FORM", "Section A. Eligibility to use this form"),
    ("PLEASE PRINT. SECTION 1- INFORMATION NEEDED", "Please print. Section 1- information needed"),
    ("DESIGNATION OF CLASS A, B, AND E AIRSPACE", "Designation of class A, B, and E airspace"),
    ("SECTION IV: IS VETERAN HOSPITALIZED", "Section IV: Is veteran hospitalized"),
    # an agency's abbreviation, and capitals without a vowel, are abbreviations
    ("APPLICATION FOR BURIAL IN A VA NATIONAL CEMETERY", "Application for burial in a VA national cemetery"),
    ("REPORT TO HHS AND THE NWR UNIT", "Report to HHS and the NWR unit"),
    ("WHY WE ASK", "Why we ask"),  # "WHY" has a "y": a word
])
def test_sentence_case_without_spellings(run: str, cased: str) -> None:
    assert sentence_case(run, at_start=True) == cased


def test_a_run_inside_a_sentence_starts_in_lower_case() -> None:
    assert sentence_case("MUST SIGN THE FORM", at_start=False) == "must sign the form"


def test_names_and_abbreviations_of_the_document_keep_their_spelling() -> None:
    spellings = Spellings(words={"nevada": "Nevada", "ssa": "SSA"},
                          names={"office of management and budget": ["Office", "of", "Management", "and", "Budget"]})
    assert sentence_case("SEND IT TO THE OFFICE OF MANAGEMENT AND BUDGET IN NEVADA.", True, spellings) == \
        "Send it to the Office of Management and Budget in Nevada."
    assert sentence_case("FOR SSA USE ONLY", True, spellings) == "For SSA use only"
    # A name is used whole or not at all: "management" alone is a common word.
    assert sentence_case("MANAGEMENT OF THE OFFICE", True, spellings) == "Management of the office"


def test_spellings_are_learned_from_running_text() -> None:
    spellings = document_spellings(_blocks(
        "Send the plan to the Office of Management and Budget for review.",
        "The plan covers Nevada and is kept by the SSA office.",
        "Another state has its own plan, and its office is in another building.",
    ))
    assert spellings.names["office of management and budget"] == ["Office", "of", "Management", "and", "Budget"]
    assert spellings.words["nevada"] == "Nevada" and spellings.words["ssa"] == "SSA"
    assert "office" not in spellings.words  # written in lower case too
    assert "the" not in spellings.words and "send" not in spellings.words  # a sentence's first word


def test_capitals_for_emphasis_labels_and_first_words_teach_nothing() -> None:
    spellings = document_spellings([
        *_blocks("You may ask for a DELETED copy of the record if you want one.",  # emphasis, not a name
                 "Please read this. Instructions follow in the next part of the form.",  # first words
                 "Date of Birth Place of Birth Service Number Branch"),  # a row of labels, not sentences
        *_blocks("Date Signed", role=Role.LABEL),
    ])
    assert spellings.words == {} and spellings.names == {}


def test_abbreviations_are_learned_from_any_block_but_not_inside_a_run_of_capitals() -> None:
    spellings = document_spellings([
        *_blocks("VA file number", role=Role.LABEL),
        *_blocks("DO NOT FILE ON EDIS OR PAPER"),  # every neighbour in capitals: a run, not an abbreviation
    ])
    assert spellings.words == {"va": "VA"}


def test_the_check_suggests_the_documents_spelling() -> None:
    text = ("The plan for Nevada goes to the Office of Management and Budget.\n\n"
            "U.S. Department of State AIR QUALITY PLAN FOR NEVADA, SENT TO THE OFFICE OF MANAGEMENT AND BUDGET\n")
    [finding] = lint(text, "plain/all-caps").findings
    assert finding.suggestions == ["Air quality plan for Nevada, sent to the Office of Management and Budget"]
