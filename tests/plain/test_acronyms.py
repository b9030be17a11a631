"""plain/undefined-acronym: first uses, definitions, and what is not an abbreviation."""

from __future__ import annotations

import pytest

from formlint.model import Format, Severity
from tests.helpers import lint

RULE = "plain/undefined-acronym"


def flagged(text: str, fmt: Format = Format.MARKDOWN, **kwargs) -> list[str]:  # noqa: ANN003
    return [f.text for f in lint(text, RULE, fmt=fmt, **kwargs).findings]


def test_an_abbreviation_never_spelled_out_is_a_warning_at_its_first_use_only() -> None:
    findings = lint("Send the form to the RO. The RO will call you.", RULE).findings
    assert [(f.text, f.severity, f.location.column) for f in findings] == [("RO", Severity.WARNING, 22)]
    assert findings[0].suggestions == ["Full Name (RO)"]


def test_one_spelled_out_later_is_info_and_says_where() -> None:
    (finding,) = lint("File HMDA data.\n\nThe Home Mortgage Disclosure Act (HMDA) applies.", RULE).findings
    assert finding.severity is Severity.INFO and "line 3" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "The Home Mortgage Disclosure Act (HMDA) applies. Send HMDA data.",
        "Enter your Social Security number (SSN). Your SSN is on your card.",
        "HMDA (Home Mortgage Disclosure Act) data is due. Send HMDA data.",
        "Individual Retirement Arrangements (IRAs) and your IRA.",
        "Department of Homeland Security, U.S. Citizenship and Immigration Services (DHS-USCIS). Ask DHS.",
        "The Electronic Transactions Act (UETA) applies to UETA records.",
        "Follow the four principles (POUR: Perceivable, Operable, Understandable, Robust).",
        "Write to the FTC Regional Office or the Federal Trade Commission.",
        # the letters come from inside the words (Schwartz and Hearst's test)
        "The Lake Tahoe carbon monoxide (CO) area meets the standard. CO levels fell.",
        "It is given with daunorubicin (DNR) and cytarabine. DNR doses vary.",
        "It eliminates the Notice to Airmen (NOTAM) status. A NOTAM is issued.",
        "It is registered with the Swiss Financial Markets Authority (FINMA). FINMA supervises it.",
    ],
)
def test_definitions_in_either_order(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize("text, abbreviation", [
    ("See 2.2.1 Timing Adjustable (AA) and meet level AA.", "AA"),  # a repeated letter finds itself anywhere
    ("See 1.3.1 Info and Relationships (AP) for level AP.", "AP"),  # a name does not start with "and"
    ("Enter the separation (SPD/SPN) code. The SPN is on the form.", "SPN"),  # more than it in the brackets
])
def test_letters_inside_words_do_not_define_just_anything(text: str, abbreviation: str) -> None:
    assert abbreviation in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: Do not write in this box.",  # capitals for emphasis
        "IMPORTANT: You MUST sign the form.",
        "8 SEX Male Female 9 CITY STATE",  # form labels in capitals
        "NOTE TO ALL APPLICANTS: read this.",
        "See 12 CFR 1002.4 and 44 U.S.C. 3501.",  # citations
        "Public Law 115-18, 131 STAT. 82.",  # the Statutes at Large in a public law's running head
        "Identify as \u201cUDC.\u201d Also enter \u201cHSH\u201d next to line 8.",  # codes the reader writes
        "Send it to 2007 IRIS COURT, ROCKLAWN, CA 94510.",  # a street in a sample address
        "Use Form DS-11 or SF-86 (docket FAA-2000-8460).",  # identifiers and form names
        "Send it to PO Box 12, Irving, TX 75064, or 1700 G Street NW.",  # addresses
        "If you live in CA, FL, IL, or TX, use the first address.",
        "Enter the date as YYYY-MM-DD and the time as HH:MM.",  # formats
        "Date of death: MM / DD / YYYY.",  # a format with spaced slashes (Form 1040, 2025)
        "Part II and Part IV.",  # roman numerals
        "Your ZIP code, your ID and the U.S. address (PDF, IRS).",  # well known
        "Visit www.example.gov/ABC or write to NPIC@state.gov.",  # URLs and email
        "Read the SUPPORT Act and visit the RFK Building.",  # part of a name
        "Members: Jacobi Carbons AB; Petronas Dagangan SDN BHD; Partners Group L.P. S.C.S., SICAV-SIF.",  # company forms
        "See the Q&A on page 26.",
        "Primary beneficiary: WI LL I AMS S I DNEY STE VEN.",  # a comb field filled in letter by letter (TSP-3)
        "Trustee: JOHN P MANO, 1111 DELAWARE LANE.",  # a name in capitals with its initial
        "Lithonia Lighting brand model: LHXNY W 1 R.",  # a model number
    ],
)
def test_things_that_are_not_undefined_abbreviations(text: str) -> None:
    assert flagged(text) == []


def test_the_config_vocabulary_accepts_terms() -> None:
    assert flagged("Apply for SNAP and WIC.") == ["SNAP", "WIC"]
    assert flagged("Apply for SNAP and WIC.", acronyms=("SNAP", "WIC")) == []


def test_a_domain_in_the_document_names_its_publisher() -> None:
    assert flagged("Sign in to VA.gov. VA will call you.") == []


def test_omb_is_accepted_in_the_control_number_label_only() -> None:
    assert flagged("OMB No. 1545-0074") == []
    assert flagged("OMB reviews every form.") == ["OMB"]


def test_headings_are_not_checked_but_their_definitions_count() -> None:
    assert flagged("# About HMDA\n\nSend your data.") == []
    assert flagged("# Home Mortgage Disclosure Act (HMDA)\n\nSend HMDA data.") == []


def test_table_of_contents_lines_are_not_first_uses() -> None:
    text = "3 Contributions for FERS . . . . . . . . 12\n\nYou are covered by the Federal Employees Retirement System (FERS)."
    assert flagged(text, fmt=Format.TEXT) == []



def test_an_identifier_around_an_abbreviation_is_not_one() -> None:
    assert flagged("Docket\u00a0EPA-HQ-OAR-2016-0631 is open. Call the RO.") == ["RO"]
