"""burden/maiden-name: a field whose question is a maiden name, not one that lists it among
examples of other names."""

from __future__ import annotations

import json

from formlint.model import Format
from tests.helpers import lint

RULE = "burden/maiden-name"


def findings(text: str, fmt: Format = Format.HTML) -> list:  # type: ignore[type-arg]
    return [f for f in lint(text, RULE, fmt=fmt, nlp=False).findings if f.rule == RULE]


def field(label: str) -> str:
    return f"<form><label for='f'>First name</label><input id='f'><label for='m'>{label}</label><input id='m'></form>"


def test_the_maiden_name_question_is_reported_with_the_right_alternative() -> None:
    plain = findings(field("Maiden name"))
    assert len(plain) == 1 and plain[0].suggestions == ['Ask "Have you used any other names?", then for each '
                                                        'previous name.']
    mother = findings(field("Mother's maiden name:"))
    assert mother[0].suggestions == ["Ask for the mother's last name at birth."]


def test_a_schema_key_without_a_title_is_reported() -> None:
    schema = {"type": "object", "properties": {"name": {"type": "object", "properties": {
        "first": {"type": "string"}, "last": {"type": "string"}, "maiden": {"type": "string"}}}}}
    found = findings(json.dumps(schema), fmt=Format.JSONSCHEMA)
    assert len(found) == 1 and found[0].location.line is not None


def test_other_names_questions_that_mention_it_as_an_example_pass() -> None:
    assert findings(field("Provide all other names you have used, including aliases, maiden name, and nicknames")) == []
    assert findings(field("Previous names")) == []
    assert findings(field("Last name at birth")) == []
