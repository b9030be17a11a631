"""Quotations of someone else's words (a statute, a court, a bad example) are not
reported: the author cannot reword them. The author's own new text in quotation marks
(an amendment: "now reads: “...”") still is."""

from __future__ import annotations

import pytest

from formlint.checks.prose import within_quotation
from tests.helpers import lint, rules_fired

STATUTE = ("Congress directed that \u201c[t]he Attorney General shall register practitioners . . . if the "
           "applicant is authorized to dispense controlled substances.\u201d The Attorney General shall act.")


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.mark.parametrize(("text", "word", "nth", "inside"), [
    (STATUTE, "shall", 0, True),
    (STATUTE, "shall", 1, False),  # after the closing mark
    ('Nobody says, "You shall file this form." People say "must".', "shall", 0, True),
    ('Use a 3.5" disk. You shall file it.', "shall", 0, False),  # an inch mark is not a quotation
    ('"One" and "two" and then you shall act.', "shall", 0, False),  # after a closed pair
    ("Paragraph C.1 now reads: \u201cThe reporter is required to file.\u201d", "required", 0, False),
    ("The last sentence is revised to read as follows: \u201cYou shall file.\u201d", "shall", 0, False),
    ("Footnote 7 will read: \u201cThe standard for a portion of the county.\u201d", "portion", 0, False),
    ("\u201cOpen quote with no end, and the applicant shall file.", "shall", 0, False),
])
def test_within_quotation(text: str, word: str, nth: int, inside: bool) -> None:
    assert within_quotation(text, *_at(text, word, nth)) is inside


def test_word_lists_shall_and_third_person_skip_a_quoted_statute() -> None:
    quoted = ("The court held that \u201cthe applicant must submit the form prior to the hearing, and "
              "it shall be signed and/or stamped.\u201d\n")
    assert rules_fired(lint(quoted, "plain/simple-words", "plain/shall", "plain/address-the-reader",
                            "plain/slash-and-or", nlp=False)) == []
    own = quoted.replace("\u201c", "").replace("\u201d", "")
    assert sorted(set(rules_fired(lint(own, "plain/simple-words", "plain/shall", "plain/address-the-reader",
                                       "plain/slash-and-or", nlp=False)))) == \
        ["plain/address-the-reader", "plain/shall", "plain/simple-words", "plain/slash-and-or"]


@pytest.mark.parametrize("nlp", [True, False])
def test_passive_voice_skips_a_quoted_opinion_but_not_an_amendment(nlp: bool) -> None:
    opinion = "The Court wrote: \u201cThe right to counsel must be provided at the hearing.\u201d\n"
    amendment = "The last sentence of paragraph C.1 now reads: \u201cThe form must be provided at the hearing.\u201d\n"
    assert lint(opinion, "plain/passive-voice", nlp=nlp).findings == []
    assert [f.text for f in lint(amendment, "plain/passive-voice", nlp=nlp).findings] == ["must be provided"]


def test_hidden_verbs_skip_a_quotation() -> None:
    quoted = "The statute says \u201cthe Secretary shall make a determination of eligibility.\u201d\n"
    assert lint(quoted, "plain/hidden-verb").findings == []
    assert [f.text for f in lint(quoted.replace("\u201c", "").replace("\u201d", ""), "plain/hidden-verb").findings] \
        == ["make a determination of"]


def test_noun_strings_skip_a_quoted_name() -> None:
    text = 'There may be no other way to refer to a "brinulator valve control ring" on this form.\n'
    assert lint(text, "plain/noun-string").findings == []
    assert [f.text for f in lint(text.replace('"', ""), "plain/noun-string").findings] == \
        ["brinulator valve control ring"]
