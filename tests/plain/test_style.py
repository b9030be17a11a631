"""plain/all-caps, plain/slash-and-or, plain/address-the-reader, plain/noun-string."""

from __future__ import annotations

import pytest

from formlint.model import Format, Severity
from tests.helpers import lint


def found(text: str, rule: str, **kwargs):  # noqa: ANN003, ANN201
    return [(f.text, f.severity, f.suggestions) for f in lint(text, rule, **kwargs).findings]


def test_a_run_of_capitals_is_reported_once_with_sentence_case() -> None:
    assert found("Mail it today. DO NOT WRITE BELOW THIS LINE.", "plain/all-caps") == [
        ("DO NOT WRITE BELOW THIS LINE", Severity.WARNING, ["Do not write below this line"])]


@pytest.mark.parametrize("text", ["# PART I", "Send it to the IRS, the SSA or the U.S. Postal Service.",
                                  "Enter the ZIP code. Call TTY or TDD.", "IMPORTANT: sign the form."])
def test_short_headings_abbreviations_and_one_word_are_not_runs(text: str) -> None:
    assert found(text, "plain/all-caps") == []


def test_and_or_is_a_warning_with_a_spelled_out_choice() -> None:
    assert found("Enter your spouse's income and/or assets.", "plain/slash-and-or") == [
        ("and/or", Severity.WARNING, ["income, assets, or both", "or"])]


@pytest.mark.parametrize("text, items", [
    ("Crimes are punishable by fine and/or imprisonment under U.S. law.", "fine, imprisonment, or both"),
    ("Identify and then train and/or discipline the employees involved.", "train, discipline, or both"),
    ("Send the information and/or documents required.", "information, documents, or both"),
    ("Your passport book and/or card has been damaged.", "book, card, or both"),
    ("Section II - information and/or documents requested I. Check the item", "information, documents, or both"),
    ("Comments will be summarized and/or included in the request.", "summarized, included, or both"),
])
def test_and_or_names_the_items_when_the_second_is_one_word(text: str, items: str) -> None:
    assert found(text, "plain/slash-and-or") == [("and/or", Severity.WARNING, [items, "or"])]


@pytest.mark.parametrize("text", ["Enter spouse and/or dependent income.",
                                  "Letters signed by beneficiaries and/or local organizations are not counted.",
                                  # "small" starts the second item: a participle and a noun follow
                                  "Necklaces are made of beads and/or small carved beads.",
                                  # a quantifier or a number is not an item
                                  "It permits one or more Regulated Funds and/or one or more Affiliated Funds.",
                                  "Change your allocation and/or 2 of your funds.",
                                  # a noun against a participle: the items are clauses
                                  "Confirm it by one of the methods and/or documented in a manner we accept."])
def test_and_or_names_no_items_when_the_second_is_longer_than_a_word(text: str) -> None:
    """"dependent" and "local" only start the second item: "spouse, dependent, or both"
    and "beneficiaries, local, or both" would name the wrong things."""
    assert found(text, "plain/slash-and-or") == [("and/or", Severity.WARNING, ["A, B, or both", "or"])]


def test_word_slashes_are_info_with_or_and_and() -> None:
    assert found("Attach a birth/death certificate.", "plain/slash-and-or") == [
        ("birth/death", Severity.INFO, ["birth or death", "birth and death"])]


def test_a_slashed_series_is_written_with_commas_and_all_of_them() -> None:
    assert found("Foreign province/state/county", "plain/slash-and-or") == [
        ("province/state/county", Severity.INFO, ["province, state, or county", "province, state, and county"])]
    (finding,) = lint("Foreign province/state/county", "plain/slash-and-or", nlp=False).findings
    assert finding.message.endswith('(or "and", if you mean all of them).')


@pytest.mark.parametrize("text", ["Enter N/A, the date as mm/dd/yyyy, and 24/7.", "Call TDD/TTY.",
                                  "See https://www.va.gov/a/b or www.irs.gov/x.", "He/she signs. Use km/h.",
                                  "It is at www.irs. gov/pub/irs-irbs/irb98-27.pdf.",  # an address broken by a line
                                  # both ends of a relation: neither "and" nor "or"
                                  "It lies near the substrate/water interface.", "Report the debt/income ratio.",
                                  # one coordinate or stamp, not a choice
                                  "Give the location (latitude/longitude) and the date/time of the incident.",
                                  # a rate, a date's format, a path in code (corpus: FR, VA patterns)
                                  "The density was 1.12 animals/km2.", "Enter the date as month/day/year.",
                                  "Use the web-component-patterns/ssnPattern in the Forms Library."])
def test_slashes_that_are_fine(text: str) -> None:
    assert found(text, "plain/slash-and-or") == []


def test_third_person_instructions_get_you() -> None:
    results = found("You can apply online. The applicant must provide his or her address.", "plain/address-the-reader")
    assert [(t, s[0]) for t, _, s in results] == [("The applicant must", "You must"), ("his or her", "your")]
    assert all(severity is Severity.INFO for _, severity, _ in results)


def test_his_or_her_after_its_is_about_a_company_or_a_person_not_the_reader() -> None:
    text = ("You can comment online. Notices may be served upon the applicant at its, his or her place of business. "
            "The applicant must give his or her address.")
    assert [t for t, _, _ in found(text, "plain/address-the-reader")] == ["The applicant must", "his or her"]


def test_a_document_that_never_says_you_gets_warnings() -> None:
    results = found("Claimants are required to submit medical evidence.", "plain/address-the-reader")
    assert results == [("Claimants are required to", Severity.WARNING, ["You must"])]


def test_noun_strings_from_four_nouns_everyday_pairs_count_once() -> None:
    assert [t for t, _, _ in found("Submit the benefit application status request form.", "plain/noun-string")] == [
        "benefit application status request form"]
    assert found("Enter your bank account number and home energy costs.", "plain/noun-string") == []
    three = found("We pay home energy costs.", "plain/noun-string", rules={"plain/noun-string": {"min-nouns": 3}})
    assert [(t, s) for t, s, _ in three] == [("home energy costs", Severity.INFO)]


def test_two_labels_run_together_are_not_one_noun_string() -> None:
    """DS-82: "passport card number" and "Card Issue date" are two labels on one PDF line."""
    assert found("Most recent U.S. passport card number Card Issue date (mm/dd/yyyy)", "plain/noun-string") == []
    # a capital that starts the run is not a second label
    assert [t for t, _, _ in found("Benefit application status request forms are due today.",
                                   "plain/noun-string")] == ["Benefit application status request forms"]


def test_a_noun_string_hint_moves_the_sentence_s_capital_to_the_head() -> None:
    hints = [s for _, _, s in found("Student loan interest deduction is on line 21.", "plain/noun-string")]
    assert hints == [["Deduction for student loan interest (reword with a verb or prepositions)"]]
    hints = [s for _, _, s in found("(b) Heat pump water heaters qualify.", "plain/noun-string")]
    assert hints == [["Water heaters for heat pump (reword with a verb or prepositions)"]]
    hints = [s for _, _, s in found("Claim the student loan interest deduction.", "plain/noun-string")]
    assert hints == [["deduction for student loan interest (reword with a verb or prepositions)"]]


def test_a_noun_string_hint_keeps_a_two_word_head_together() -> None:
    """The parse hangs "tax" and "zone" on "exclusion" and "combat" on "zone": the head is
    "tax exclusion" (corpus: TSP booklet; the hint was "exclusion for combat zone tax")."""
    hints = [s for _, _, s in found("Pay is subject to the combat zone tax exclusion.", "plain/noun-string")]
    assert hints == [["tax exclusion for combat zone (reword with a verb or prepositions)"]]
    hints = [s for _, _, s in found("Home improvement loan applications are due.", "plain/noun-string")]
    assert hints == [["Loan applications for home improvement (reword with a verb or prepositions)"]]


def test_noun_strings_need_spacy() -> None:
    assert found("Submit the benefit application status request form.", "plain/noun-string", nlp=False) == []


def test_labels_are_checked_but_short_caption_lines_are_not() -> None:
    long_label = '<label for="a">ENTER THE FULL LEGAL NAME OF THE PERSON WHO IS APPLYING FOR BENEFITS</label><input id="a">'
    assert found(long_label, "plain/all-caps", fmt=Format.HTML)
    assert found('<label for="a">FULL NAME OF THE APPLICANT</label><input id="a">', "plain/all-caps", fmt=Format.HTML) == []
    assert found("DEPARTMENT OF HEALTH AND HUMAN SERVICES\n\nFOR FURTHER INFORMATION CONTACT: Jane Doe.",
                 "plain/all-caps", fmt=Format.TEXT) == []


@pytest.mark.parametrize("text, suggestion", [
    ("Section IV: IS VETERAN/CLAIMANT HOSPITALIZED?", "IV: Is veteran/claimant hospitalized"),
    ("APPLICATION FOR VETERAN EMPLOYMENT THROUGH TECHNOLOGY EDUCATION COURSES (VET TEC) HIGH TECHNOLOGY PROGRAM",
     "Application for veteran employment through technology education courses (VET TEC) high technology program"),
])
def test_sentence_case_keeps_numerals_and_bracketed_abbreviations(text: str, suggestion: str) -> None:
    assert [s for _, _, s in found(text, "plain/all-caps")] == [[suggestion]]


@pytest.mark.parametrize("text", [
    "You must sign. Percentages for the primary beneficiaries must total 100%.",  # the role is in a phrase
    "You must sign. The applicant informed me that he or she understood every question.",  # a certification
    "You must sign. A person's intent to be a joint applicant must be shown at the time of application.",
    # someone else acts on the role: the passive is plain/passive-voice's to report
    "You must sign. If credit is denied, the applicant must be given the specific reasons.",
    "You must sign. Each contingent beneficiary must be linked to a primary beneficiary.",
])
def test_no_address_the_reader_for_a_role_in_a_phrase_or_in_a_first_person_certification(text: str) -> None:
    assert found(text, "plain/address-the-reader") == []


def test_a_roman_numeral_is_no_first_person() -> None:
    assert [f[0] for f in found("You must sign. In Part I the applicant must give his or her name.",
                                "plain/address-the-reader")] == ["the applicant must", "his or her"]


def test_the_role_as_subject_after_an_opening_phrase_is_still_reported() -> None:
    assert [f[0] for f in found("You must sign. Under this rule, applicants must sign.", "plain/address-the-reader")] \
        == ["applicants must"]
    # what the role must be is still the reader's to hear: "you must be a resident"
    assert [f[0] for f in found("You must sign. Applicants must be enrolled. The applicant must be a resident.",
                                "plain/address-the-reader")] == ["Applicants must", "The applicant must"]


@pytest.mark.parametrize(
    "text, run, hint",
    [
        # the number and the bracket that complete the run (DS-11; the run stopped at "AGE")
        ("4. PROOF OF PARENTAL RELATIONSHIP (FOR APPLICANTS UNDER AGE 16)\nParents must appear in person.",
         "PROOF OF PARENTAL RELATIONSHIP (FOR APPLICANTS UNDER AGE 16)",
         "Proof of parental relationship (for applicants under age 16)"),
        ("FORM TSP-3, INFORMATION AND INSTRUCTIONS FOR PAGES 1 AND 2. Read them first.",
         "FORM TSP-3, INFORMATION AND INSTRUCTIONS FOR PAGES 1 AND 2",
         "Form TSP-3, information and instructions for pages 1 and 2"),
        # "U.S." starts the name after the run (Copyright Office summary; the hint ended "1998 U.S")
        ("THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998 U.S. Copyright Office Summary, page 1.",
         "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998", "The digital millennium copyright act of 1998"),
    ],
)
def test_a_run_of_capitals_ends_where_its_phrase_ends(text: str, run: str, hint: str) -> None:
    assert [(t, s) for t, _, s in found(text, "plain/all-caps")] == [(run, [hint])]


def test_a_bracket_closed_in_lower_case_is_not_part_of_the_run() -> None:
    """SF-180: "VETERAN'S LEGAL GUARDIAN (MUST submit copy ...)" was a run of four ending "(MUST"."""
    text = "I am the VETERAN'S LEGAL GUARDIAN (MUST submit copy of Court Appointment)."
    assert found(text, "plain/all-caps") == []
