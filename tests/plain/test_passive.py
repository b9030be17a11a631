"""plain/passive-voice: what is a passive, how severe, what rewrite."""

from __future__ import annotations

import pytest

from formlint.checks.passive import could_be_passive
from formlint.model import Format, Severity
from tests.helpers import lint

RULE = "plain/passive-voice"


def passives(text: str, **kwargs):  # noqa: ANN201
    return [f for f in lint(text, RULE, **kwargs).findings if f.rule == RULE]


@pytest.mark.parametrize(
    "text, match",
    [
        ("The application must be submitted by June 1.", "must be submitted"),
        ("Your payment has been received.", "has been received"),
        ("Applications received after the deadline will not be considered.", "will not be considered"),
        ("It is recommended that you keep a copy of this form.", "is recommended"),
        ("Your claim got rejected because a signature was missing.", "got rejected"),
        ("If the evidence is not received before May 1, benefits cannot be paid.", "is not received"),
        ("The application needs to be signed.", "needs to be signed"),
        ("Have you EVER been excluded from the United States?", "been excluded"),
        ("Once it’s deposited into a Roth balance, money becomes indistinguishable.", "’s deposited"),
        ("Select this box if Form G-28 is attached.", "is attached"),
        ("The I Fund is invested in a stock index fund.", "is invested"),  # someone invests it
        ("A contractor was engaged to build the road.", "was engaged"),  # "engaged" without "in" is hired
        ("You get paid every two weeks.", "get paid"),  # "get" with an act done to someone
    ],
)
def test_passive_clauses_are_found_with_their_verb_phrase(text: str, match: str) -> None:
    assert match in [f.text for f in passives(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The office is closed on federal holidays.",
        "Enter the address where the property is located.",
        "Apply if you are married or divorced.",
        "Your benefit is based on your earnings.",
        "Active voice makes it clear who is supposed to do what.",
        "The first three-digit field is called the area number.",
        "Users who are signed in can update their address.",
        "The structure is attached to real property.",
        "The statutory authority for this collection is contained in 47 U.S.C. 151.",  # it is there
        "Mail it to the State where you are headquartered.",
        "VA is committed to providing equal access to all Veterans.",
        "The isolation gown is constructed from spunbonded polypropylene fabric.",  # what it is made of
        "Senior staff are actively engaged in examination-related activities.",  # what they are busy with
        "Assume that the income is effectively connected with a U.S. trade or business.",
        "The costs are associated with the new system.",
        "A consumer becomes obligated on the transaction.",
        "You must submit your application by June 1.",
        "Applications received after the deadline are late.",  # a reduced relative: no auxiliary
        "To get started, create an issue in GitHub.",  # idioms with "get": no act done to anyone
        "It takes a few weeks to get used to the new portal.",
        "Get rid of jargon.",
    ],
)
def test_states_and_active_clauses_are_not_passives(text: str) -> None:
    assert passives(text) == []


def test_a_requirement_that_hides_the_actor_is_a_warning_and_says_so() -> None:
    (finding,) = passives("Copies of tax returns must be provided.")
    assert finding.severity is Severity.WARNING
    assert finding.message == '"must be provided" does not say who must act.'
    assert finding.suggestions == ["You must provide copies of tax returns."]


def test_required_to_be_done_is_one_requirement_not_two_passives() -> None:
    (finding,) = passives("Notices are required to be given to applicants.")
    assert (finding.text, finding.severity) == ("are required to be given", Severity.WARNING)
    (finding,) = passives("You are required to submit the form.")  # one passive, with its rewrite
    assert finding.suggestions == ["You must submit the form."]


@pytest.mark.parametrize(
    "text",
    [
        "The permit must be approved by the agency's state office.",  # the actor is named
        "Your application will be reviewed within 30 days.",  # not an obligation
        "Information may be shared with other agencies.",
    ],
)
def test_other_passives_are_info(text: str) -> None:
    (finding,) = passives(text)
    assert finding.severity is Severity.INFO
    assert finding.message.startswith("Passive voice:")


@pytest.mark.parametrize("nlp", [True, False])
def test_the_message_says_whether_the_actor_is_named(nlp: bool) -> None:
    named, unnamed = passives("The form was signed by the clerk. The form was signed.", nlp=nlp)
    assert "names who acts only at the end" in named.message and "does not say who acts" not in named.message
    assert "does not say who acts" in unnamed.message


def test_subjunctive_after_require_is_an_obligation() -> None:
    (finding,) = passives("This standard requires that disclosures be presented in a clear format.")
    assert finding.severity is Severity.WARNING and finding.text == "be presented"


@pytest.mark.parametrize(
    "text, rewrite",
    [
        ("The permit must be approved by the agency's state office.", "The agency's state office must approve the permit."),
        ("The form must be signed and dated by the applicant.", "The applicant must sign and date the form."),
        ("Your application will be reviewed within 30 days.", "We will review your application within 30 days."),
        ("This evidence was requested in our letter.", "We requested this evidence in our letter."),
        ("You will be notified by mail.", "We will notify you by mail."),
        ("It is recommended that you keep a copy of this form.", "We recommend that you keep a copy of this form."),
        ("Your payment has been received.", "We have received your payment."),
        ("The application is reviewed by a caseworker.", "A caseworker reviews the application."),
        ("More information can be found on our website.", "You can find more information on our website."),
        # "Make" is the reader's for the reader's own acts, the agency's otherwise.
        ("An investment allocation can be made at tsp.gov.", "You can make an investment allocation at tsp.gov."),
        ("An exception can be made for good cause.", "We can make an exception for good cause."),
        # A condition about what is needed is the reader's.
        ("Attach a statement if more space is needed.", "Attach a statement if you need more space."),
        ("You are required to submit the form.", "You must submit the form."),
        ("Your claim won't be processed until you sign.", "We will not process your claim until you sign."),
        # The subject's own "submitted" is not said twice.
        ("Comments submitted in response to this notice should be submitted electronically.",
         "You should submit comments in response to this notice electronically."),
        # The closing bracket the parser hangs on the verb stays with the actor.
        ("The form must be signed by the Department of Labor (DOL).", "The Department of Labor (DOL) must sign the form."),
        # A clause inside the subject is not a relative word to leave alone, and a clause of its own
        # after "but" is not a second participle.
        ("Applications that are missing any documents will be rejected.",
         "We will reject applications that are missing any documents."),
        ("None of these areas would be affected by this rule but the Board seeks comments.",
         "This rule would affect none of these areas but the Board seeks comments."),
        ("The application needs to be signed.", "You need to sign the application."),
        ("Your claim will not be processed unless it is signed.", "Your claim will not be processed unless you sign it."),
        # Joined subjects: the small model makes each one a subject of the verb.
        ("The form and the receipts must be mailed to the office.", "You must mail the form and the receipts to the office."),
        ("Please note that comments submitted by fax or email and those submitted after the comment period will "
         "not be accepted.", "Please note that we will not accept comments submitted by fax or email and those "
                             "submitted after the comment period."),
        # The comma that closed the subject goes where the sentence ends after the object ...
        ("The forms, as well as the instructions, are reviewed by our staff.",
         "Our staff reviews the forms, as well as the instructions."),
        # ... and stays where it still closes a phrase.
        ("Your letter, dated June 1, was sent to the wrong office.", "We sent your letter, dated June 1, to the wrong office."),
        # "or" stays "or": "sign and stamp" would ask for both.
        ("The form must be signed or stamped by your employer.", "Your employer must sign or stamp the form."),
    ],
)
def test_active_rewrites_put_the_actor_first(text: str, rewrite: str) -> None:
    suggestions = [s for f in passives(text) for s in f.suggestions]
    assert rewrite in suggestions


def test_long_sentences_get_a_readable_excerpt_of_the_rewrite() -> None:
    text = ("The applicant shall ensure that each and every item of information requested on this application "
            "is furnished completely and accurately, and that any item that is incomplete or inaccurate is "
            "corrected before the application is returned to the office for further processing by staff.")
    suggestions = [s for f in passives(text) for s in f.suggestions]
    assert suggestions and all(len(s.split()) <= 30 for s in suggestions)
    assert any(s.startswith("\u2026") for s in suggestions)


def test_the_finding_points_at_the_verb_phrase() -> None:
    (finding,) = passives("Intro line.\n\nAll fields must be completed.")
    assert (finding.location.line, finding.location.column, finding.location.end_column) == (3, 12, 29)


def test_without_spacy_a_pattern_reports_the_clear_cases() -> None:
    findings = passives("Copies of tax returns must be provided. The office is closed. We sent it.", nlp=False)
    assert [(f.text, f.severity) for f in findings] == [("must be provided", Severity.WARNING)]


def test_html_and_text_formats_are_checked() -> None:
    assert passives("<p>All fields marked with an asterisk must be completed.</p>", fmt=Format.HTML)
    assert passives("All fields marked with an asterisk must be completed.\n", fmt=Format.TEXT)


@pytest.mark.parametrize(
    "text",
    [
        "The form must be signed.", "It was given to you.", "Your claim got rejected.", "They are being reviewed.",
        "It’s deposited.", "Have you ever been arrested?", "The form isn't signed.", "We were told.",
        "It is to be paid.", "The lake was polluted by the company.", "The evidence is not yet received.",
    ],
)
def test_the_prefilter_lets_every_passive_through(text: str) -> None:
    assert could_be_passive(text)


@pytest.mark.parametrize("text", ["Apply online.", "You can sign electronically.", "We review every claim."])
def test_the_prefilter_skips_sentences_without_be_or_get(text: str) -> None:
    assert not could_be_passive(text)


def test_turning_the_prefilter_off_finds_the_same_passives() -> None:
    text = ("Your application will be reviewed. Copies must be provided. The office is closed. "
            "We sent the form. It was given to the clerk, who has been told.")
    with_filter = [(f.text, f.severity) for f in passives(text)]
    without = [(f.text, f.severity) for f in passives(text, rules={RULE: {"prefilter": False}})]
    assert with_filter == without and len(with_filter) == 4


@pytest.mark.parametrize("text", [
    "Use the UTC timezone when generating date and time stamps on forms as this is how form submission data is stored.",
    "All date and time stamps must be the date the form was initially submitted.",
    # A second verb shares the subject but not the rewrite: "We created this example for
    # training and is not official agency text".
    "This example was created for training and is not official agency text.",
    "Your Social Security number will be provided to the Treasury and may be used to collect debts.",
    # A relative pronoun in the subject: "the NCUA Chairman would appoint eight or more of which"
    # A joined verb with its own complement: "You should attach and make a ... statement ... a part of"
    "A supplementary statement under oath by the applicant should be attached and made a part of this application.",
    "The pool will be not less than nine; eight or more of which would be appointed by the NCUA Chairman.",
    "Contact your local taxpayer advocate, whose address and phone number are listed in your local directory.",
    # The parser ends the actor at a bracket: "Paragraph (c)(2) governs ... of this section of this section."
    "An action under both paragraphs (c)(1) and (c)(2) of this section is governed by paragraph (c)(2) of this section.",
    # A third verb with its own actor: "if you sign and date all pages, and then witnessed by the same person"
    "SIGNATURES—This entire form is valid only if all pages are signed, dated, and then witnessed by the same person.",
    # The reader receives it: not "You should send a statement to you".
    "A statement should be sent to you by May 31, 2008, that shows all",
    # The one who ensures acts: not "the applicant shall ensure that we furnish each item".
    "The applicant shall ensure that each item of information requested on this application is furnished.",
])
def test_no_rewrite_that_would_garble_or_drop_words(text: str) -> None:
    """Still flagged, but without a rewrite: the subject holds a wh-word the parser
    misplaced or a relative pronoun, an adverb stands between the auxiliary and the verb,
    or a verb joined to this one would lose its subject."""
    found = passives(text)
    assert found and all(not f.suggestions for f in found)


def test_the_reader_still_acts_on_something_of_their_own() -> None:
    """Only "to you" makes the reader the one receiving; "to your account" is the reader's act."""
    found = {f.text: f.suggestions for f in passives("If the deposit is not made to your account by May 1, "
                                                     "the deposit is not an IRA contribution.")}
    assert found["is not made"] and found["is not made"][0].startswith("If you do not make the deposit to your")


def test_two_subjects_that_are_not_one_list_get_no_rewrite() -> None:
    """The parser gives "has been provided" two subjects, "an agency action taken ... in which
    a determination of rights is rendered and" and "the party ...": a clause of its own sits
    inside the first, so joining them would garble the sentence."""
    text = ("Initial agency determination means an agency action taken at a level below the Board with respect to "
            "an application in which a determination of rights is rendered and the party affected by the "
            "determination has been provided with a right to appeal.")
    found = {f.text: f.suggestions for f in passives(text)}
    assert found["has been provided"] == []


# -- who "we" can be --------------------------------------------------------------------

# 1,200 words of a regulation that never speaks as "we": the lessor and the lessee act.
THIRD_PERSON = " ".join(["The lessor must give the lessee a copy of the lease before the lessee signs it."] * 75)


def _rewrites(text: str) -> list[str]:
    return [s for f in passives(text) for s in f.suggestions]


def test_a_long_text_that_never_says_we_gets_no_we_rewrite() -> None:
    text = THIRD_PERSON + "\n\nThe wholesale value will be used to compute the payment.\n\n" + THIRD_PERSON
    (finding,) = passives(text)
    assert finding.text == "will be used" and finding.suggestions == []


def test_we_nearby_makes_we_a_fair_guess_in_a_long_text() -> None:
    text = (THIRD_PERSON + "\n\nWe send a notice each year. The wholesale value will be used to compute the payment.\n\n"
            + THIRD_PERSON)
    assert "We will use the wholesale value to compute the payment." in _rewrites(text)


def test_a_short_text_keeps_the_convention_that_the_agency_is_we() -> None:
    assert _rewrites("The wholesale value will be used to compute the payment.") == [
        "We will use the wholesale value to compute the payment."]


@pytest.mark.parametrize("text", ["Give the reason the claim was denied.", "Enter the date the fine was paid.",
                                  "List any amount that was refunded."])
def test_something_already_done_by_someone_unnamed_gets_no_we_rewrite(text: str) -> None:
    # On a form, the past actor is mostly someone else: the payer, a court, the reader.
    (finding,) = passives(text)
    assert finding.suggestions == []


@pytest.mark.parametrize(
    "text, rewrite",
    [
        # "by any of the following methods" is how, not who ...
        ("Comments may be submitted by any of the following methods:",
         "You may submit comments by any of the following methods:"),
        # ... and "by one of the parents" is who (it was once read as a number, "by 1 May").
        ("The form must be signed by one of the parents.", "One of the parents must sign the form."),
        # What the public does not do, even when it is required.
        ("Your application must be received by May 1.", "We must receive your application by May 1."),
        ("Forms may be downloaded from our website.", "You may download forms from our website."),
        ("Explain why the previous passport cannot be presented.", "Explain why you cannot present the previous passport."),
    ],
)
def test_who_acts_after_by_and_behind_an_obligation(text: str, rewrite: str) -> None:
    assert _rewrites(text) == [rewrite]


@pytest.mark.parametrize("text, rewrite", [
    ("You are required to file a return.", "You must file a return."),
    ("You may be required to file a return.", "You may have to file a return."),  # not "must": only maybe
    ("You were required to file a return.", "You had to file a return."),
    ("You will be required to pay the fee.", "You will have to pay the fee."),
    ("You'll be required to pay the fee.", "You will have to pay the fee."),
    ("Nonresident aliens are generally required to file.", "Nonresident aliens must generally file."),
])
def test_required_to_keeps_its_tense_modal_and_adverbs(text: str, rewrite: str) -> None:
    assert _rewrites(text) == [rewrite]


@pytest.mark.parametrize("text", ["You have been required to sign.", "You should be required to sign."])
def test_required_to_without_a_short_form_gets_no_rewrite(text: str) -> None:
    assert _rewrites(text) == []


@pytest.mark.parametrize("text", [
    "We review each claim. A creditor must give the notice when adverse action is taken.",
    "We review each claim. Comments are timely if they are postmarked by May 1.",
])
def test_no_we_in_a_clause_inside_one_whose_subject_is_someone_else(text: str) -> None:
    """"when we take adverse action", "if we postmark them": the creditor acts, and the sender's post office."""
    assert not any(" we " in f" {s.lower()}" for s in _rewrites(text))


@pytest.mark.parametrize("text", [
    "Our notice sets the dates. A draft report will be submitted to NMFS within 90 days.",
    "Our notice sets the dates. The final plan will be sent to the Commission.",
])
def test_no_we_for_something_sent_to_a_named_party(text: str) -> None:
    """In an NMFS notice the applicant submits the report: "we" cannot be read off the receiver."""
    assert not any(" we " in f" {s.lower()}" for s in _rewrites(text))


@pytest.mark.parametrize("text, rewrite", [
    ("We review each claim. Your refund will be mailed to you.", "We will mail your refund to you."),
    ("If we approve it, your card will be forwarded to USCIS.", "If we approve it, we will forward your card to USCIS."),
    ("We review each claim. Your records may be disclosed to the Department of Justice.",
     "We may disclose your records to the Department of Justice."),
])
def test_we_stays_for_the_reader_as_receiver_a_sentence_with_we_and_disclosure(text: str, rewrite: str) -> None:
    assert rewrite in _rewrites(text)


def test_a_clause_inside_one_that_speaks_as_we_keeps_we() -> None:
    assert "As soon as we establish your account, we mail you a PIN." in _rewrites(
        "We review each claim. As soon as your account is established, we mail you a PIN.")


def test_a_means_after_by_is_not_an_agent() -> None:
    (finding,) = passives("Comments must be submitted by any of the following methods:")
    assert finding.severity is Severity.WARNING  # who must submit them is not said


def test_by_reference_to_is_not_an_agent() -> None:
    """IRS 1040-NR instructions: the rewrite was "a benefit that reference to more than one date ... determines"."""
    text = "If you claim a treaty benefit that is determined by reference to more than one date, enter the earlier date."
    assert not any("reference to more than one date of" in s or "reference to more than one date determines" in s
                   for s in _rewrites(text))
    (finding,) = passives(text)
    assert "does not say who acts" in finding.message
    # "by operation of" other rules is how, not who; "by CBP operations" is who
    (how,) = passives("It prevents a request from being automatically denied by operation of other rules.")
    assert "does not say who acts" in how.message
    affected = [f for f in passives("Members are chosen from those who are directly affected by CBP commercial "
                                    "operations.") if f.text == "are directly affected"]
    assert len(affected) == 1 and "names who acts only at the end" in affected[0].message


@pytest.mark.parametrize("text, wrong", [
    # The law taxes and characterises; a TSP notice that speaks as "we" does neither.
    ("We send your payment. Any part of your balance that you transfer to a Roth IRA will be taxed this year.",
     "we will tax"),
    ("We send your payment. Funds withdrawn from this part of your account are treated as income.", "we treat"),
    # The reader pays the tax: "for each month we do not pay the tax" was the rewrite.
    ("We charge a penalty for each month or part of a month the tax is not paid.", "we do not pay"),
])
def test_no_we_for_what_the_law_does_or_the_reader_pays(text: str, wrong: str) -> None:
    assert passives(text)
    assert not any(wrong in s.lower() for s in _rewrites(text))


def test_two_agents_get_no_rewrite() -> None:
    # Regulation B; a rewrite began "One of the creditors ..., or by a noncreditor third party may give".
    found = passives("The notification of adverse action may be given by one of the creditors to whom an application "
                     "was submitted, or by a noncreditor third party.")
    assert [f.text for f in found][0] == "may be given" and found[0].suggestions == []


@pytest.mark.parametrize("text, rewrite", [
    ("This was approved by them.", "They approved this."),
    ("I know that this statement is submitted by me to the Department.", "I know that I submit this statement to the Department."),
])
def test_an_object_pronoun_as_the_actor_becomes_a_subject(text: str, rewrite: str) -> None:
    assert rewrite in _rewrites(text)


@pytest.mark.parametrize("text", [
    "You may be able to take an IRA deduction if you were covered by a",  # a PDF block cut after "a"
    "Taxes are deferred, so less money is taken out of your paycheck.",  # not "we take so less money"
    "If additional evidence is requested, the petitioner shall have 30 calendar days to respond.",
])
def test_no_rewrite_with_a_cut_actor_a_linking_adverb_or_a_condition_of_another_party(text: str) -> None:
    assert not any("covered you" in r or "take so" in r or "If you request" in r for r in _rewrites(text))


def test_a_condition_about_a_thing_stays_the_readers_act() -> None:
    assert "Unless you sign it, the form will be returned to you." in _rewrites(
        "Unless it is signed, the form will be returned to you.")


@pytest.mark.parametrize("text, rewrite", [
    # TSP-3 privacy notice: the rewrite was "We authorize us to request ..."
    ("We are authorized to request the information you provide on this form.",
     "We may request the information you provide on this form."),
    ("You are not allowed to claim this credit.", "You may not claim this credit."),
    ("Members are also permitted to vote by mail.", "Members may also vote by mail."),
    ("Under section 903 of the Act, FDA is authorized to conduct research.",
     "Under section 903 of the Act, FDA may conduct research."),  # not "we authorize FDA"
])
def test_permission_in_the_passive_becomes_may(text: str, rewrite: str) -> None:
    assert _rewrites(text) == [rewrite]


@pytest.mark.parametrize("text", [
    "You were allowed to file late.",  # past: "could" or "were allowed" keep a meaning "may" has not
    "Registrant is no longer currently authorized to dispense controlled substances.",
    "We are authorized by law to request it.",  # who authorizes is named: the general rewrite applies, or none
])
def test_permission_without_a_safe_may_is_not_rewritten_to_may(text: str) -> None:
    assert not any(" may " in rewrite for rewrite in _rewrites(text))


@pytest.mark.parametrize("text, rewrite", [
    # Regulation B: the bracket inside "1002.9(a)(3)(i" was closed after the verb
    ("(Applications to start a business are governed by the rules in § 1002.9(a)(3)(i).)",
     "(The rules in § 1002.9(a)(3)(i) govern applications to start a business.)"),
    ("(1) Monitoring will be conducted by designated observers.", "(1) Designated observers will conduct monitoring."),
])
def test_a_rewrite_keeps_brackets_whole_and_capitalises_after_a_list_label(text: str, rewrite: str) -> None:
    assert _rewrites(text) == [rewrite]


@pytest.mark.parametrize("text", [
    # the parser took the complement of "is" for the subject of "is determined"
    "Whether leased property is a motor vehicle is determined by state or other applicable law.",
    # the sentence ends inside the agent, its footnote number glued on
    "The fees are set in a schedule that will be implemented by the Participants (“CAT Fees”).12",
])
def test_a_broken_parse_gets_no_rewrite(text: str) -> None:
    assert all("motor vehicle." not in r and "will implement" not in r for r in _rewrites(text))


@pytest.mark.parametrize("text, rewrite", [
    # TSP booklet: the rewrite was "40 cents per $1,000 of your G Fund balance reduce your earnings"
    ("That means your earnings are reduced by 40 cents per $1,000 of your balance.",
     "That means we reduce your earnings by 40 cents per $1,000 of your balance."),
    # CMS MLR schema: the rewrite was "Row lists this information row in the ... tab"
    ("This information is listed row by row in the Program Information tab.",
     "We list this information row by row in the Program Information tab."),
])
def test_by_with_an_amount_or_a_repeated_noun_names_no_actor(text: str, rewrite: str) -> None:
    assert _rewrites(text) == [rewrite]


def test_by_order_alone_names_no_actor_but_by_court_order_does() -> None:
    """Federal Register: "scheduling actions shall be issued by order" was rewritten "order
    must issue scheduling actions"."""
    (finding,) = passives("Scheduling actions shall be issued by order.")
    assert "names who acts" not in finding.message
    assert not any(s.lower().startswith("order") for s in finding.suggestions)
    (finding,) = passives("This rulemaking is required by court order.")
    assert "names who acts only at the end" in finding.message


def test_an_expectation_about_the_past_is_not_the_readers_act() -> None:
    """SS-5: "documents ... should have been issued within the past two years" was
    rewritten "you should have issued documents"."""
    assert _rewrites("Generally, documents without an expiration date should have been issued "
                     "within the past two years.") == []


def test_known_to_and_said_to_are_reported_without_a_stiffer_rewrite() -> None:
    """Federal Register: "SGES dolphins are known to exhibit strong site fidelity" was
    rewritten "we know SGES dolphins to exhibit"."""
    (finding,) = passives("We study them. These dolphins are known to exhibit strong site fidelity.")
    assert finding.text == "are known" and finding.suggestions == []


def test_by_law_becomes_the_law() -> None:
    """"We are authorized by law to request it" was rewritten "Law authorizes us ..."."""
    assert _rewrites("We are authorized by law to request it.") == ["The law authorizes us to request it."]
    assert _rewrites("Your data is protected by federal law.") == ["Federal law protects your data."]
