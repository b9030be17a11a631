"""plain/shall: the word the context calls for, and the must/shall note."""

from __future__ import annotations

import pytest

from formlint.model import Severity
from tests.helpers import lint

RULE = "plain/shall"


@pytest.mark.parametrize(
    "text, match, suggestion",
    [
        ("The applicant shall file Form X within 30 days.", "shall", "must"),
        ("Applicants shall not apply twice.", "shall not", "must not"),
        ("No person shall enter the area.", "No person shall", "A person must not"),
        ("Neither party shall disclose the terms.", "Neither party shall", "A party must not"),
        ("The term income shall mean wages.", "shall mean", "means"),
        ("The term lease shall include a sublease.", "shall include", "includes"),
        ("The notice shall include a description of your rights.", "shall", "must"),
        ("Such a person shall be deemed a resident.", "shall be deemed", "is"),
        ("A lessee shall be entitled to a refund.", "shall be entitled to", "may"),
        ("The lessor shall have the right to inspect.", "shall have the right to", "may"),
        ("The office shall notify you in writing.", "shall", "will"),
        ("We shall review your claim.", "shall", "will"),
        ("The form shall be signed by you.", "shall be", "must be"),
        ("Shall I sign here?", "Shall", "Must"),
        # What a decision, rule or permit does is a statement of legal effect, not a duty
        ("Decisions on such matters shall be binding on members.", "shall", "will"),
        ("The following procedures shall govern the hearing.", "shall", "will"),
        ("This permit shall remain in force for five years.", "shall", "will"),
        ("This permit shall continue in force and effect while the permittee operates.", "shall", "will"),
        ("The decision shall be treated as an initial agency determination.", "shall", "will"),
        ("The applicant shall be treated fairly.", "shall be", "must be"),  # how someone must act
        ("Any disallowance of claims shall be final.", "shall", "will"),
        ("This part shall apply to all leases.", "shall", "will"),
        ("The burden of proof shall rest solely with the petitioner.", "shall", "will"),
        ("The permittee shall apply for a state permit.", "shall", "must"),  # a duty
    ],
)
def test_the_suggestion_follows_the_context(text: str, match: str, suggestion: str) -> None:
    (finding,) = lint(text, RULE).findings
    assert (finding.text, finding.suggestions, finding.severity) == (match, [suggestion], Severity.WARNING)


def test_mixing_must_and_shall_adds_one_document_note() -> None:
    findings = lint("You must sign. The lessor shall pay. The lessee shall keep a copy.", RULE).findings
    notes = [f for f in findings if "both" in f.message]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO and len(findings) == 3


def test_a_quoted_mention_is_not_a_use() -> None:
    assert lint('Replace the word "shall" with “must”.', RULE).findings == []
