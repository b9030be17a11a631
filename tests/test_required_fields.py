"""burden/unnecessary-required-field: middle names, suffixes, second address lines and phone
extensions marked required (a warning); a required county (information)."""

from __future__ import annotations

import json

from formlint.model import Format, Severity
from tests.helpers import lint

RULE = "burden/unnecessary-required-field"


def findings(text: str, fmt: Format = Format.HTML) -> list:  # type: ignore[type-arg]
    return [f for f in lint(text, RULE, fmt=fmt, nlp=False).findings if f.rule == RULE]


def form(*fields: tuple[str, str, bool]) -> str:
    return "<form>" + "".join(f"<label for='{i}'>{label}</label><input id='{i}'{' required' if req else ''}>"
                              for i, label, req in fields) + "</form>"


def test_required_answers_many_people_do_not_have_are_warnings() -> None:
    found = findings(form(("f", "First name", True), ("m", "Middle name", True), ("s", "Suffix", True),
                          ("a", "Street address", True), ("b", "Apartment, suite or unit", True),
                          ("x", "Ext.", True)))
    assert [(f.location.field, f.severity) for f in found] == [
        ("m", Severity.WARNING), ("s", Severity.WARNING), ("b", Severity.WARNING), ("x", Severity.WARNING)]
    assert found[0].message.startswith('The middle name ("Middle name") is required, but many people')
    assert found[2].message.startswith('The second address line ("Apartment, suite or unit")')


def test_a_required_county_is_information_that_asks_why() -> None:
    found = findings(form(("k", "County", True)))
    assert [f.severity for f in found] == [Severity.INFO]
    assert "only if the service needs it" in found[0].message


def test_optional_fields_first_lines_and_labels_that_say_optional_pass() -> None:
    assert findings(form(("m", "Middle name", False), ("a", "Street address", True), ("k", "County", False))) == []
    # "(optional)" and required at once is a11y/html-optional-and-required's finding, not a second one here.
    assert findings(form(("m", "Middle name (optional)", True))) == []


def test_a_schema_definition_shared_by_several_addresses_is_reported_once() -> None:
    schema = {
        "type": "object",
        "definitions": {"address": {"type": "object", "required": ["street", "county"], "properties": {
            "street": {"type": "string", "title": "Street address"},
            "county": {"type": "string", "title": "County"}}}},
        "properties": {"home": {"$ref": "#/definitions/address"}, "mailing": {"$ref": "#/definitions/address"}},
    }
    found = findings(json.dumps(schema), fmt=Format.JSONSCHEMA)
    assert len(found) == 1 and found[0].severity is Severity.INFO
