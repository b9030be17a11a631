"""The word-list rules of the plain pack: what they report, their fixes, accept and reject."""

from __future__ import annotations

import pytest

from formlint.model import Format, Severity
from tests.helpers import lint


def found(text: str, *rules: str, **kwargs) -> list[tuple[str, str, list[str]]]:  # noqa: ANN003
    return [(f.rule, f.text or "", f.suggestions) for f in lint(text, *rules, **kwargs).findings]


@pytest.mark.parametrize(
    "rule, text, match, suggestion",
    [
        ("plain/wordy-phrase", "At this point in time, we wait.", "At this point in time", "Now"),
        ("plain/wordy-phrase", "We pay on a weekly basis.", "on a weekly basis", "weekly"),
        ("plain/redundancy", "The waiver is null and void.", "null and void", "void"),
        ("plain/redundancy", "This is the final conclusion.", "final conclusion", "conclusion"),
        ("plain/legalese", "I hereby certify this.", "hereby", None),
        ("plain/legalese", "Thereafter, payments stop.", "Thereafter", "After that"),
        ("plain/latin-abbreviation", "Bring an ID, e.g., a license.", "e.g.", "for example"),
        ("plain/latin-abbreviation", "The payer, i.e., your employer.", "i.e.", "that is"),
        ("plain/double-negative", "Enter no fewer than three names.", "no fewer than", "at least"),
        ("plain/simple-words", "Please utilize the envelope.", "utilize", "use"),
        ("plain/simple-words", "Apply up to the maximum.", "maximum", "greatest"),
        ("plain/simple-words", "The agency procured the goods.", "procured", "got"),
        ("plain/wordy-phrase", "At a minimum, list two names.", "At a minimum", "At least"),
        ("plain/wordy-phrase", "Enter a maximum of 10 names.", "a maximum of", "at most"),
    ],
)
def test_each_list_reports_its_phrases(rule: str, text: str, match: str, suggestion: str | None) -> None:
    results = found(text, rule)
    assert results and results[0][:2] == (rule, match)
    if suggestion is not None:
        assert results[0][2][0] == suggestion


@pytest.mark.parametrize(
    "text, original, replacement",
    [
        ("Sign it, i.e., write your name.", "i.e.", "that is"),
        ("The deed is null and void.", "null and void", "void"),
        ("At this point in time we wait.", "At this point in time", "Now"),
        ("In order to apply, sign here.", "In order to", "To"),
        ("List a minimum of two references.", "a minimum of", "at least"),
    ],
)
def test_safe_replacements_carry_a_fix_with_the_exact_span(text: str, original: str, replacement: str) -> None:
    fixes = [f.fix for f in lint(text, "plain").findings if f.fix is not None]
    assert len(fixes) == 1
    fix = fixes[0]
    start = text.index(original)
    assert (fix.original, fix.replacement) == (original, replacement)
    assert (fix.location.line, fix.location.column, fix.location.end_column) == (1, start + 1, start + 1 + len(original))


def test_advice_that_needs_judgement_has_no_fix() -> None:
    findings = lint("Bring an ID, e.g., a license. It is very important.", "plain").findings
    assert findings and all(f.fix is None for f in findings)


def test_each_phrase_is_reported_by_one_rule() -> None:
    rules = [r for r, _, _ in found("In order to apply, utilize the form prior to May 1.", "plain")]
    assert sorted(rules) == ["plain/simple-words"] * 3


def test_statutory_declaration_wording_is_not_a_doublet() -> None:
    assert found("I declare under penalty of perjury that the foregoing is true and correct.", "plain/redundancy") == []


@pytest.mark.parametrize("text", ["Fields marked (required) must be filled in.", "Email address (required)",
                                  "Required documents", "A signature is required."])
def test_required_as_a_form_marker_is_not_a_simple_words_finding(text: str) -> None:
    assert found(text, "plain/simple-words") == []


def test_rows_marked_off_are_not_reported_unless_all_rows_is_set() -> None:
    # "require", "requirement", "submit" and "determine" are on the list but off: see the notes in simple-words.tsv
    text = "We require you to meet the requirements. Submit it. We determine your benefit."
    assert found(text, "plain/simple-words") == []
    every = found(text, "plain/simple-words", rules={"plain/simple-words": {"all-rows": True}})
    assert {m.lower() for _, m, _ in every} >= {"require", "requirements", "submit", "determine"}


def test_unless_cancels_a_match() -> None:
    assert found("The Act provides for an appeal.", "plain/simple-words") == []
    assert [m for _, m, _ in found("We provide a copy.", "plain/simple-words")] == ["provide"]


def test_reject_words_from_the_configuration_are_warnings() -> None:
    findings = lint("We leverage robust tools.", "plain/simple-words", reject=("leverage => use", "robust")).findings
    assert [(f.text, f.severity, f.suggestions) for f in findings] == [
        ("leverage", Severity.WARNING, ["use"]), ("robust", Severity.WARNING, [])]
    assert findings[0].fix is not None and findings[0].fix.replacement == "use"
    assert "list of words to avoid" in findings[1].message


def test_accepted_words_are_never_reported() -> None:
    assert found("Please utilize the form.", "plain/simple-words", accept=("utilize",)) == []


def test_labels_use_only_the_low_risk_rows() -> None:
    html = '<label for="a">Previous address</label><input id="a"><p>Previous forms may apply.</p>'
    results = found(html, "plain/simple-words", fmt=Format.HTML)
    assert [m for _, m, _ in results] == ["Previous"]  # the paragraph, not the label


@pytest.mark.parametrize("text, reported", [
    ("Send the subject property deed.", True),  # the determiner-like use: "this property" (next test)
    ("Include the file number in the subject line of your email.", False),
    ("The law that applies to the subject matter of the appeal.", False),
    ("The income is subject to tax.", False),
    ("In an active sentence, the agency that acts is the subject of the sentence.", False),  # the noun
    ("The subject is the person who acts.", False),
    ("Attach a copy of the subject loan agreement.", True),
])
def test_subject_is_reported_only_where_it_points_at_something(text: str, reported: bool) -> None:
    assert bool(found(text, "plain/simple-words")) is reported


def test_the_subject_is_replaced_with_its_article() -> None:
    """The suggestion replaces "the subject", so it reads "this property", not "the this property"."""
    assert found("The subject property is in Ohio.", "plain/simple-words") == [
        ("plain/simple-words", "The subject", ["This", "Your"])]


def test_address_as_a_verb_offers_deal_with_too() -> None:
    """"To address this requirement" means meeting it, not discussing it."""
    assert found("The agency addressed the requirement.", "plain/simple-words") == [
        ("plain/simple-words", "addressed", ["dealt with", "discussed"])]


def test_a_minimum_of_is_one_wordy_phrase_not_a_simple_word_too() -> None:
    assert found("A minimum of four observers attend.", "plain") == [
        ("plain/wordy-phrase", "A minimum of", ["At least"])]


def test_vs_inside_an_office_code_is_not_latin() -> None:
    assert found("See ruling OT:RR:CTF:VS H284665 CMR.", "plain/latin-abbreviation") == []
    assert found("Compare them vs. the old rates.", "plain/latin-abbreviation") == [
        ("plain/latin-abbreviation", "vs.", ["or", "compared with"])]


@pytest.mark.parametrize("text, reported", [
    ("Such references must not obscure the disclosures.", ["Such"]),  # legalese determiner: "these references"
    ("Said applicant must sign.", ["Said"]),
    ("The lessor may disclose the fee as such without violating the rule.", []),  # the idiom "as such"
    ("Such a lessee must pay.", []),  # "The a lessee" would be no rewrite
    ("Attach proof, such as a bill.", []),
    ("It does not apply, and any such regulation will be reported.", []),  # "any the regulation"
    ("No such record exists.", []),
    ("File it within 30 days, or such shorter time as the agency may set.", []),  # "such ... as": whatever time
    ("Pay such fees within 30 days.", ["such"]),
])
def test_such_and_said_are_reported_as_determiners_only(text: str, reported: list[str]) -> None:
    assert [m for _, m, _ in found(text, "plain/simple-words")] == reported


def test_request_with_an_object_is_ask_for() -> None:
    assert found("You may request a hearing.", "plain/simple-words") == [
        ("plain/simple-words", "request", ["ask for", "ask"])]
    assert found("The information requested on this form is needed.", "plain/simple-words") == [
        ("plain/simple-words", "requested", ["asked for", "asked"])]
    # Before a "that" clause it is "ask": "asked for that HHS conduct" is no rewrite.
    assert found("The DEA requested that HHS conduct a review.", "plain/simple-words") == [
        ("plain/simple-words", "requested", ["asked"])]


@pytest.mark.parametrize("text, reported", [
    # "provided" as a conjunction means "if", not "gave"
    ("You may ask about age (provided the applicant can sign a contract).", []),
    ("A lender may ask about dependents, provided such information is asked of everyone.", ["such"]),
    ("We provided the forms in May.", ["provided"]),
    # A participle before its noun, where the plain verb is a phrasal one: "an established program" is an
    # existing one ("a set up program" is not English), "the requested information" is not "the asked for ..."
    ("The rule extends an established pilot program.", []),
    ("Provide the requested information.", ["Provide"]),
    ("The agency established a pilot program.", ["established"]),
    # An "-ing" word after a determiner, an adjective or a possessive is a noun or an adjective:
    # "in any proceeding" is not "in any doing", and "its implementing regulations" not "its carrying out ..."
    ("The agency will reject submissions in any proceeding segments.", []),
    ("Read the accompanying instructions.", []),
    ("The Act and its implementing regulations apply.", []),
    ("The agency is implementing the plan.", ["implementing"]),
    ("Submit new evidence addressing the reasons for the denial.", ["addressing"]),
])
def test_a_verb_row_skips_words_used_as_something_else(text: str, reported: list[str]) -> None:
    assert [m for _, m, _ in found(text, "plain/simple-words")] == reported


def test_a_participle_is_inflected_as_spacy_tags_it() -> None:
    """Before a noun, "performed" is a participle: "an operation done on a skull", not "did"."""
    assert found("Trepanation is an operation performed on a skull.", "plain/simple-words") == [
        ("plain/simple-words", "performed", ["done"])]
    assert found("The staff performed the review.", "plain/simple-words") == [
        ("plain/simple-words", "performed", ["did"])]


@pytest.mark.parametrize("text, suggestions", [
    # The row lists lemmas ("be, form, make up"), so each form of "constitute" gets its own.
    ("The failure constitutes a violation.", ["is", "forms", "makes up"]),
    ("These acts constitute fraud.", ["are", "form", "make up"]),
    ("Payments constituting income are taxed.", ["being", "forming", "making up"]),
    ("The late fee does not constitute a penalty.", ["form", "make up"]),  # "does not be" is no English
    ("The board is comprised of five managers.", ["made up of"]),  # not "formed of"
    ("The three firms comprised a single entity.", ["formed", "included", "made up"]),
    ("Disclosure would constitute an invasion of privacy.", ["be", "form", "make up"]),
    ("The agency will commence the review.", ["begin", "start"]),
    ("Before commencing the review, read the rule.", ["beginning", "starting"]),
])
def test_suggestions_take_the_form_of_the_word(text: str, suggestions: list[str]) -> None:
    assert [s for _, _, s in found(text, "plain/simple-words")] == [suggestions]


@pytest.mark.parametrize("text, suggestion", [
    # Before a law, a section or a rule, "pursuant to" and "in accordance with" are "under" ...
    ("Pursuant to section 19(b)(1) of the Act, notice is given.", "Under"),
    ("The notice is filed pursuant to 5 CFR 1320.8.", "under"),
    ("We ask for comments in accordance with the Paperwork Reduction Act.", "under"),
    ("Disputes are settled in accordance with these Procedures.", "under"),
    ("A copy goes to OMB in accordance with § 1002.9.", "under"),
    # ... and "in accordance with" a procedure or an instruction is "following" it.
    ("File the appeal in accordance with the procedures set forth below.", "following"),
    ("Complete the form in accordance with agency instructions.", "following"),
])
def test_pursuant_to_and_in_accordance_with_suggest_what_fits(text: str, suggestion: str) -> None:
    assert [s[0] for _, _, s in found(text, "plain/simple-words")] == [suggestion]


@pytest.mark.parametrize("text, suggestion", [
    ("We will be able to help you.", "can"),
    ("You are able to file online.", "can"),
    ("They would be able to file complaints.", "could"),
    ("You were able to file online.", "could"),
])
def test_able_to_becomes_can_or_could(text: str, suggestion: str) -> None:
    assert [s for _, _, s in found(text, "plain/wordy-phrase")] == [[suggestion]]


def test_notify_suggests_tell_first() -> None:
    """"let know" is split by its object ("let the office know"), so it cannot replace "notify" as it stands."""
    assert found("Notify the office of a move.", "plain/simple-words") == [
        ("plain/simple-words", "Notify", ["Tell", "Let know"])]


@pytest.mark.parametrize("text, reported", [
    ("You are permitted to bring one guest.", [("are permitted to", ["may"])]),
    ("The petitioner would be permitted to bring counsel.", []),  # no "let" form fits a passive
    ("The office permits late filing.", [("permits", ["lets"])]),
])
def test_permit_in_the_passive_is_may_or_nothing(text: str, reported: list[tuple[str, list[str]]]) -> None:
    assert [(m, s) for _, m, s in found(text, "plain/simple-words")] == reported


@pytest.mark.parametrize("text", ["The attachments do not count toward the maximum page total.",
                                  "Report the actual maximum travel time.", "No minimum type size is set."])
def test_maximum_and_minimum_before_a_noun_are_not_reported(text: str) -> None:
    assert found(text, "plain/simple-words", "plain/wordy-phrase") == []


@pytest.mark.parametrize(("text", "found"), [
    ("The Governing Board (hereafter referred to as the Board) meets.", [("hereafter referred to as", ["called"])]),
    ("The Board, hereinafter called the Board, meets.", [("hereinafter called", ["called"])]),
    ("Hereafter, all applicants file online.", [("Hereafter", ["From now on", "After this"])]),
])
def test_hereafter_referred_to_as_is_one_finding_that_suggests_called(text: str, found: list) -> None:
    assert [(f.text, f.suggestions) for f in lint(text, "plain/legalese").findings] == found


@pytest.mark.parametrize("text, reported", [
    ("A return prepared by an agent must be accompanied by a power of attorney.",
     [("be accompanied by", ["come with"])]),
    ("The disclosure is accompanied by a statement.", [("is accompanied by", ["comes with"])]),
    ("The notices were accompanied by a form.", [("were accompanied by", ["came with"])]),
    ("A parent must accompany the child.", [("accompany", ["go with"])]),
    ("The House Report that accompanied the bill was long.", [("accompanied", ["went with"])]),
    # no "gone with": the participle of a passive with no "by" right after it
    ("The applicant is entitled to be accompanied, represented and advised by counsel.", []),
])
def test_accompanied_by_in_the_passive_is_come_with(text: str, reported: list[tuple[str, list[str]]]) -> None:
    assert [(f.text, f.suggestions) for f in lint(text, "plain/simple-words").findings] == reported


@pytest.mark.parametrize("text, reported", [
    ("Accordingly, the rule is final.", [("Accordingly", ["So"])]),
    ("It is final and, accordingly, it does not apply.", [("accordingly", ["so"])]),
    ("CBP is amending 19 CFR 12.104g(a) accordingly.", []),  # "to match", not "so"
    ("The award will be reduced accordingly if costs are removed.", []),
])
def test_accordingly_is_so_only_as_a_connective(text: str, reported: list[tuple[str, list[str]]]) -> None:
    assert [(f.text, f.suggestions) for f in lint(text, "plain/simple-words").findings] == reported


@pytest.mark.parametrize("text, reported", [
    ("Submit it not later than 1600 on Friday.", [("not later than", ["by"])]),  # once, the time kept
    ("Submit it not later than 10 May.", [("not later than", ["by", "before"])]),
    ("No later than 2025, apply.", [("No later than", ["By"])]),
])
def test_not_later_than_is_one_finding_that_keeps_the_time(text: str, reported: list[tuple[str, list[str]]]) -> None:
    assert [(f.text, f.suggestions) for f in lint(text, "plain/simple-words").findings] == reported


@pytest.mark.parametrize(
    "text, reported",
    [
        ("Lessees and operators are responsible for restoring the site.", [("are responsible for", ["must"])]),
        ("The creditor is responsible for ensuring the system is validated.", [("is responsible for", ["must"])]),
        ("You are responsible for your loan payments.", []),
        ("Passive voice obscures who is responsible for what.", []),
        ("The office is responsible for everything here.", []),
    ],
)
def test_responsible_for_is_must_only_before_a_verb(text: str, reported: list[tuple[str, list[str]]]) -> None:
    """Plainlanguage.gov: "be responsible for" -> "must", which fits only before a verb."""
    assert [(t, s) for _, t, s in found(text, "plain/simple-words") if "responsible" in t] == reported
