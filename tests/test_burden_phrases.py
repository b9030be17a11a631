"""Trigger phrases of the burden text rules: every row's own positive and negative example,
the reference's examples, and the guards that tell a demand from a description."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from formlint.model import Format
from formlint.phrases import Phrase, default_phrases, find_phrases
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from tests.conftest import CORPUS, ROOT

PHRASES = list(default_phrases())
REFERENCE = CORPUS.parent / "reference" / "burden" / "burden_phrases.tsv"


def hits(text: str, rule: str | None = None) -> list[str]:
    doc = read_document(text.encode(), "<t>", Format.MARKDOWN, ReadOptions())
    return [h.phrase.id for h in find_phrases(doc) if rule is None or h.phrase.rule == rule]


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.id for p in PHRASES])
def test_each_phrase_flags_its_positive_example(phrase: Phrase) -> None:
    assert phrase.id in hits(phrase.example_positive), phrase.example_positive


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.id for p in PHRASES])
def test_each_phrase_passes_its_negative_example(phrase: Phrase) -> None:
    assert not hits(phrase.example_negative, phrase.rule), phrase.example_negative


def test_the_reference_examples_are_all_covered() -> None:
    """Every row of the reference's burden_phrases.tsv: its positive example fires its rule
    (except the agency-number text trigger, which formlint checks on the fields instead)."""
    if not REFERENCE.is_file():
        pytest.skip("the shared reference is not there")
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        if row["id"] == "information-already-held-agency_number":
            continue
        assert hits(row["example_positive"], row["rule"]), row["id"]
        assert not hits(row["example_negative"], row["rule"]), row["id"]


@pytest.mark.parametrize("text", [
    "An e-signature has the same legal weight as a handwritten signature and cannot be considered invalid.",
    "Notarized copies or photocopies which have not been certified by the custodian are not acceptable.",
    "Webinars are the electronic equivalent of in-person public meetings.",
    "Like this: If you're in the U.S., fax your application to 1-844-531-7818.",
    "A certified copy of your marriage license [example only]",
    "You can take your form to any office or mail it to us, or apply online.",
    # an e-mail or electronic route in the same sentence, a refusal, and the agency's own side
    "Submit your comments to the desk officer either by email to oira@omb.eop.gov or by fax to 202-395-5806.",
    "Ms. Brown may be reached by email, by telephone at 202-502-8663, and by fax at 202-273-0873.",
    "We will not accept comments by fax or paper delivery.",
    "You must choose whether to submit your application in hard copy or electronically.",
    "In lieu of electronic filing, please send a paper copy to the Secretary.",
    "We will provide a paper copy of the decree upon written request.",
    "Certain material will be publicly available only in hard copy form.",
    "We post this statement on tsp.gov and, unless you ask otherwise, also mail it to you.",
    "If you submit your application by mail, mail the original and two copies to the Department.",
    # "send" names no route by itself; "only" elsewhere in the sentence is not "in person only"
    "In accordance with 14 CFR 39.19, send your request to your principal inspector or local office.",
    "You can pick them up in person from our embassies abroad (but only during the filing period).",
])
def test_descriptions_and_examples_do_not_fire(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize("text, phrase", [
    ("Original signatures may be required if funds are awarded.", "physical-signature-wet"),
    ("This form can not be signed electronically.", "physical-signature-noesign"),
    ("NOTE: If you are age 12 or older, you must apply in person.", "in-person-requirement-inperson"),
    ("You can also send a fax to 1-866-817-5023 or write to us at the address on our website.",
     "physical-document-fax"),
    ("You must print this page and sign it.", "physical-document-hardcopy"),
    ("Send the completed form to the address on page 2.", "physical-document-mail"),
    ("Send your application to P.O. Box 1234, Washington, DC 20001.", "physical-document-mail"),
    ("Applications are accepted in person only.", "in-person-requirement-inperson"),
    ("You may apply only in person at a passport agency.", "in-person-requirement-inperson"),
])
def test_demands_fire(text: str, phrase: str) -> None:
    assert phrase in hits(text)


def test_a_sentence_repeated_in_a_tooltip_is_reported_once() -> None:
    text = "Sign in blue ink.\n\nSign in blue ink.\n"
    assert hits(text) == ["physical-signature-ink"]


def test_phrases_file_has_a_row_per_rule_with_examples() -> None:
    rules = {p.rule for p in PHRASES}
    assert rules == {"burden/physical-signature", "burden/physical-document", "burden/in-person-requirement",
                     "burden/information-already-held"}
    assert all(p.example_positive and p.example_negative and p.suggestion and p.source for p in PHRASES)
    assert Path(ROOT / "rules" / "burden" / "data" / "burden-phrases.tsv").is_file()


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.id for p in PHRASES])
def test_keywords_are_in_every_match_of_the_examples(phrase: Phrase) -> None:
    """The keyword filter must never hide a match: each match of the pattern in the
    examples contains one of the phrase's keywords."""
    assert phrase.keywords
    for example in (phrase.example_positive, phrase.example_negative):
        for found in phrase.pattern.finditer(example):
            assert any(k in found.group(0).lower() for k in phrase.keywords), (phrase.id, found.group(0))
