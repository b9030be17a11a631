import pytest

from formlint.text import REACH, count_words, inside, preserve_case, sentence_at, sentence_spans, token_around


def sentences(text: str) -> list[str]:
    return [s.of(text) for s in sentence_spans(text)]


def test_splits_on_sentence_ends() -> None:
    assert sentences("Apply online. It takes 20 minutes! Questions? Call us.") == [
        "Apply online.", "It takes 20 minutes!", "Questions?", "Call us."
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Send it to the U.S. Department of State, e.g. by mail. John Q. Public signed it."
    assert sentences(text) == ["Send it to the U.S. Department of State, e.g. by mail.", "John Q. Public signed it."]


@pytest.mark.parametrize(("text", "expected"), [
    # The IRS and Federal Register wordings that were read as one sentence.
    ("Line 8—Wages, salaries, tips, etc. Enter the total of your wages.",
     ["Line 8—Wages, salaries, tips, etc.", "Enter the total of your wages."]),
    ("Presentations are scheduled between 3 p.m. and 4 p.m. Those who want to speak should call.",
     ["Presentations are scheduled between 3 p.m. and 4 p.m.", "Those who want to speak should call."]),
    ("The application was submitted by Novartis Pharmaceuticals Corp. The proposed use is new.",
     ["The application was submitted by Novartis Pharmaceuticals Corp.", "The proposed use is new."]),
    # ... but not before a name, a time zone, a model or a form number.
    ("Call from 8 a.m. to 5 p.m. Eastern Time, Monday to Friday.",
     ["Call from 8 a.m. to 5 p.m. Eastern Time, Monday to Friday."]),
    ("Made by Acme Inc. Model 737 airplanes are covered.", ["Made by Acme Inc. Model 737 airplanes are covered."]),
    ("Bring your U.S. I-551 card.", ["Bring your U.S. I-551 card."]),
])
def test_abbreviations_that_often_end_a_sentence_end_one_before_a_sentence_start(
        text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_citations_do_not_split() -> None:
    text = "See 5 U.S.C. 552a and Sec. 7 of the Act. Then apply."
    assert sentences(text) == ["See 5 U.S.C. 552a and Sec. 7 of the Act.", "Then apply."]


def test_count_words_counts_hyphenated_and_numbers_once() -> None:
    assert count_words("A well-known 2-page form, 1,000 words.") == 6


def test_preserve_case() -> None:
    assert preserve_case("Utilize", "use") == "Use"
    assert preserve_case("UTILIZE", "use") == "USE"
    assert preserve_case("utilize", "use") == "use"


def test_the_word_around_a_match_is_looked_for_nearby_only() -> None:
    """token_around and inside look at most a few hundred characters from the match: a
    search to the start of the block for every match made a megabyte in one paragraph
    take minutes."""
    text = "Docket\u00a0EPA-HQ-OAR-2016-0631 is open."
    start = text.index("HQ")
    assert token_around(text, start, start + 2, spaces=" \u00a0") == "EPA-HQ-OAR-2016-0631"
    assert token_around(text, start, start + 2) == "Docket\u00a0EPA-HQ-OAR-2016-0631"
    long = "x" * (3 * REACH) + "ABC" + "y" * (3 * REACH)
    assert len(token_around(long, 3 * REACH, 3 * REACH + 3)) == 2 * REACH + 3
    assert inside("Enter the [form/application] name", 15, "[", "]")
    assert not inside("Enter [one] form/application", 15, "[", "]")
    assert not inside("[" + "x" * (3 * REACH) + "a/b", 3 * REACH + 2, "[", "]")  # too far back to tell


def test_the_sentence_at_a_position() -> None:
    text = "Apply online.  It takes 20 minutes! Call us."
    assert sentence_at(text, 3).of(text) == "Apply online."
    assert sentence_at(text, text.index("takes")).of(text) == "It takes 20 minutes!"
    assert sentence_at(text, len(text) - 1).of(text) == "Call us."
    assert sentence_at(text, 13).of(text) == text  # the space between two sentences: the whole text
    assert sentence_at("", 0).of("") == ""
