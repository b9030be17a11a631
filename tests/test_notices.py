"""PRA and Privacy Act statements: control numbers, expiration dates, burden minutes in
every wording agencies use, Privacy Act elements."""

from __future__ import annotations

import pytest

from formlint.model import Format
from formlint.notices import DISPLAY_STATEMENT, EXPIRATION, OMB_NUMBER, parse_burden, read_notices
from formlint.readers import read_document
from formlint.readers.base import ReadOptions

# burden-model.md section 4 (real statements) and the corpus's own wordings.
STATEMENTS = [
    ("We estimate that it will take about 7 minutes to read the instructions, gather the facts and answer "
     "the questions.", 7),
    ("We estimate that it will take about 61 minutes to read the instructions, gather the facts, and answer "
     "the questions.", 61),
    ("The public reporting burden for this collection of information is estimated at 2 hours and 45 minutes "
     "per response.", 165),
    ("It should take about 15 minutes to complete this form.", 15),
    ("Respondent burden: 25 minutes", 25),
    ("The estimated burden of completing this form is five (5) minutes per response", 5),
    ("Public reporting burden for this collection of information is estimated to average 5 minutes per response.", 5),
    ("Public reporting burden for this collection of information is estimated to average 4 hours per response.", 240),
    ("The public reporting burden for these collections of information is estimated to vary from 15 minutes to "
     "4 hours per response, with an average of 0.803 hours per response", 48.18),
    ("The estimated average time is: Recordkeeping, 1 hr., 12 min.; Learning about the law or the form, 12 min.; "
     "Preparing and sending the form to the IRS, 24 min.", 108),
    ("We estimate that it will take about 8.5 to 9.5 minutes to read the instructions.", 9),
    ("Estimated Burden: 85 Minutes", 85),
    ("ESTIMATED BURDEN: 40 MIN", 40),
    ("We estimate that you will need an average of 20 minutes to review the instructions.", 20),
    ("Average Hours per Return Average Dollars per Return 29.5 $204", 1770),
    # CMS (the corpus's MDCT schemas): the time "is estimated to average", with no "burden" before it.
    ("The time required to complete this information collection is estimated to average 6 hours per response, "
     "including the time to review instructions.", 360),
]


@pytest.mark.parametrize("text, minutes", STATEMENTS, ids=[s[0][:40] for s in STATEMENTS])
def test_stated_burden_is_parsed(text: str, minutes: float) -> None:
    stated = parse_burden(text)
    assert stated is not None and stated.minutes == pytest.approx(minutes, abs=0.01)


@pytest.mark.parametrize("text", [
    "The debit from your account will usually occur within 24 hours.",
    "Keep a copy of your return for 3 years.",
    "Your benefits start 30 minutes after midnight.",
])
def test_other_times_are_not_burden_statements(text: str) -> None:
    assert parse_burden(text) is None


@pytest.mark.parametrize("text, number", [
    ("OMB No. 1545-0074", "1545-0074"),
    ("OMB Control No: 1123-0014 Expires 03/31/2027", "1123-0014"),
    ("Form Approved. O M B number 0960-0066.", "0960-0066"),
    ("0MB No. 3095-0029 Expires 04/30/2024", "3095-0029"),  # an OCR'd zero
    ("OMB Number: 4040-0004", "4040-0004"),
])
def test_omb_control_numbers(text: str, number: str) -> None:
    found = OMB_NUMBER.search(text)
    assert found and f"{found.group(1)}-{found.group(2)}" == number


def test_omb_circulars_are_not_control_numbers() -> None:
    assert OMB_NUMBER.search("Prescribed by OMB Circular A-102") is None


@pytest.mark.parametrize("text", [
    "Expiration date: 05/31/2026", "Expires 10/31/2025", "Exp. Date 6/30/2024", "Expiration: 04/30/2017",
    "Expiration Date: 04-30-2025",
])
def test_expiration_dates(text: str) -> None:
    assert EXPIRATION.search(text)


@pytest.mark.parametrize("text", [
    "An agency may not conduct or sponsor, and a person is not required to respond to, a collection of information "
    "unless it displays a currently valid OMB control number.",
    "You do not need to answer these questions unless we display a valid Office of Management and Budget control "
    "number.",  # SSA
    "You are not required to respond to this collection unless it displays a currently valid OMB number.",
    "According to the Paperwork Reduction Act of 1995, no persons are required to respond to a collection of "
    "information unless it displays a valid OMB control number.",  # CMS
])
def test_display_statements(text: str) -> None:
    assert DISPLAY_STATEMENT.search(text)


@pytest.mark.parametrize("text", [
    "The OMB Clearance number, 1123-0014, is currently valid.",
    "No one is required to sign unless the applicant is a minor.",
    "Send it to the address provided by the sponsoring agency.",
])
def test_other_sentences_are_not_display_statements(text: str) -> None:
    assert DISPLAY_STATEMENT.search(text) is None


def notices(html_body: str):  # type: ignore[no-untyped-def]
    doc = read_document(f"<main>{html_body}<form><input id='x'></form></main>".encode(), "<t>", Format.HTML,
                        ReadOptions())
    return read_notices(doc)


def test_a_full_privacy_act_statement_is_present_and_its_ssn_disclosure_read() -> None:
    found = notices(
        "<h2>Privacy Act Statement</h2><p>Authority: 42 U.S.C. 405 lets us ask for your Social Security number."
        " Purpose: we use this information to find your record. Routine uses: we may share it with other"
        " agencies. Giving it is voluntary, but if you do not provide it we cannot process your claim.</p>")
    assert found.privacy_act == "present"
    assert found.privacy_elements == {"authority", "purpose", "routine_uses", "effects"}
    assert found.ssn_disclosure() == {"mandatory-or-voluntary", "authority", "use"}


def test_a_statement_without_the_usual_heading_counts_when_all_four_elements_are_there() -> None:
    found = notices(
        "<h2>DHS Privacy Notice</h2><p>AUTHORITIES: collected under INA section 265. PURPOSE: the primary purpose"
        " is to report a change of address. DISCLOSURE: failure to report may result in a fine. ROUTINE USES: DHS"
        " may share the information with other agencies.</p>")
    assert found.privacy_act == "present"


def test_the_irs_joint_notice_heading_starts_a_privacy_act_statement() -> None:
    # The 2007 Form 1040-NR instructions' notice, shortened.
    found = notices(
        "<p>Disclosure, Privacy Act, and Paperwork Reduction Act Notice. We ask for the information on this form"
        " to carry out the Internal Revenue laws of the United States. Sections 6001, 6011, 6012(a) and their"
        " regulations require that you give us information.</p><p>Generally, tax returns and return information"
        " are confidential, as required by section 6103. However, section 6103 allows or requires the Internal"
        " Revenue Service to disclose or give the information you write on your tax return to others as"
        " described in the Code. For example, we may disclose your tax information to the Department of"
        " Justice, and to the Department of Treasury and contractors for tax administration purposes.</p>")
    assert found.privacy_heading is not None and found.privacy_act == "present"


def test_a_pointer_to_notices_printed_elsewhere() -> None:
    found = notices("<p>For Disclosure, Privacy Act, and Paperwork Reduction Act Notice, see separate"
                    " instructions.</p><p>OMB No. 1545-0074</p>")
    assert found.privacy_act == "referenced" and found.burden_statement == "referenced"
    assert found.omb_value == "1545-0074" and found.expiration is None


def test_guidance_that_mentions_the_privacy_act_has_no_statement() -> None:
    assert notices("<p>The Privacy Act of 1974 applies to systems of records.</p>").privacy_act == "absent"
