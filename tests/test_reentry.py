"""burden/confirm-reentry: a second box that asks for an answer already given, to confirm it;
and the SSN rule, which must count "Re-enter your SSN" as part of the first request."""

from __future__ import annotations

import json

from formlint.model import Format, Severity
from tests.helpers import lint

RULE = "burden/confirm-reentry"


def findings(text: str, fmt: Format = Format.HTML, rule: str = RULE) -> list:  # type: ignore[type-arg]
    return [f for f in lint(text, rule, fmt=fmt, nlp=False).findings if f.rule == rule]


def form(*fields: tuple[str, str, str]) -> str:
    return "<form>" + "".join(f"<label for='{i}'>{label}</label><input id='{i}' type='{kind}'>"
                              for i, label, kind in fields) + "</form>"


def test_a_confirm_email_box_is_reported_once_naming_the_first() -> None:
    found = findings(form(("email", "Email address", "email"), ("email2", "Confirm email address", "email")))
    assert [f.severity for f in found] == [Severity.INFO]
    assert found[0].message == ('The form asks for the email address a second time to confirm it '
                                '("Confirm email address"; first asked in "Email address").')


def test_re_entering_an_ssn_is_reported_and_the_ssn_rule_counts_one_request() -> None:
    text = form(("ssn", "Social Security number", "text"), ("ssn2", "Re-enter your Social Security number", "text"))
    assert "Social Security number a second time" in findings(text)[0].message
    ssn = findings(text, rule="burden/ssn-request")
    assert len(ssn) == 1 and "rows of a table" not in ssn[0].message


def test_a_re_entry_box_read_by_its_autocomplete_token_is_not_also_a_duplicate() -> None:
    text = ("<form><label for='e'>Email</label><input id='e' type='email' autocomplete='email'>"
            "<label for='c'>Re-enter your email</label><input id='c' type='email' autocomplete='email'></form>")
    assert len(findings(text)) == 1
    assert findings(text, rule="burden/duplicate-field") == []  # one finding for one box, the precise one
    spouse = text.replace("Re-enter your email", "Confirm your spouse's email")
    assert findings(spouse) == []  # the spouse's address is a question of its own


def test_other_cues_and_a_schema_key() -> None:
    assert findings(form(("e", "Email", "email"), ("f", "Enter your email again", "email")))
    schema = {"type": "object", "properties": {
        "email": {"type": "string", "format": "email", "title": "Email address"},
        "view:confirmEmail": {"type": "string", "format": "email", "title": "Email address"},
    }}
    found = findings(json.dumps(schema), fmt=Format.JSONSCHEMA)
    assert len(found) == 1
    assert '("Email address, view:confirmEmail"; first asked in "Email address")' in found[0].message


def test_accepted_practice_other_people_and_other_meanings_pass() -> None:
    assert findings(form(("a", "Bank account number", "text"), ("b", "Re-enter bank account number", "text"))) == []
    assert findings(form(("p", "Password", "password"), ("q", "Confirm password", "password"))) == []
    assert findings(form(("e", "Your email address", "email"), ("f", "Confirm your spouse's email address",
                                                                  "email"))) == []
    assert findings(form(("c", "Confirmation number", "text"), ("d", "Receipt number", "text"))) == []
    assert findings(form(("e", "Email address", "email"))) == []


def test_a_confirmation_far_from_the_answer_is_not_taken_for_one() -> None:
    far = form(("e", "Email address", "email"), ("n", "Full name", "text"), ("d", "Date of birth", "date"),
               ("p", "Phone number", "tel"), ("z", "ZIP code", "text"), ("f", "Confirm email address", "email"))
    assert findings(far) == []
