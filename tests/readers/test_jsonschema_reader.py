"""Tests for the JSON form-definition reader (JSON Schema, rjsf bundles, CMS MDCT)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formlint.model import (
    Document,
    FieldType,
    Format,
    Location,
    NotAFormError,
    Role,
    TextBlock,
    UnreadableError,
)
from formlint.readers import jsonschema as reader_module
from formlint.readers.base import ReadOptions
from formlint.readers.json_positions import (
    JsonSyntaxError,
    parse_json,
    resolve_pointer,
    split_pointer,
)
from formlint.readers.jsonschema import read_jsonschema
from formlint.readers.schema_facts import SchemaFacts
from formlint.readers.schema_labels import infer_label, looks_like_identifier, ref_name
from tests.conftest import CORPUS

OPTIONS = ReadOptions()


def read_obj(value: Any, path: str = "form.schema.json", indent: int | None = 2) -> Document:
    return read_jsonschema(json.dumps(value, indent=indent).encode(), path, OPTIONS)


def read_text(text: str, path: str = "form.schema.json") -> Document:
    return read_jsonschema(text.encode("utf-8"), path, OPTIONS)


def field_by_key(doc: Document, key: str) -> Any:
    found = [f for f in doc.fields if f.attributes.get("key") == key]
    assert len(found) == 1, f"expected one field with key {key!r}, got {[f.id for f in found]}"
    return found[0]


def source_lines(text: str) -> list[str]:
    """Lines as JSON tools count them: only CR, LF and CRLF end a line (not U+0085 or U+2028,
    which ``str.splitlines`` would also split on)."""
    return re.split(r"\r\n|\r|\n", text)


def line_of(text: str, line: int) -> str:
    return source_lines(text)[line - 1]


def source_span(text: str, loc: Location) -> str:
    """The source characters a single-line Location covers."""
    assert loc.line is not None and loc.column is not None and loc.end_column is not None
    assert loc.end_line in (None, loc.line)
    return line_of(text, loc.line)[loc.column - 1 : loc.end_column - 1]


def schema_facts(doc: Document) -> SchemaFacts:
    assert doc.schema is not None
    return doc.schema


# ======================================================================================
# json_positions
# ======================================================================================

HAND_WRITTEN = """{
  "title": "Form",
  "properties": {
    "veteran": {
      "type": "object",
      "properties": {
        "ssn": {"type": "string"},
        "a/b~c": [10, true, null]
      }
    }
  }
}"""


def test_positions_of_values_and_keys() -> None:
    value, source = parse_json(HAND_WRITTEN)
    assert value == json.loads(HAND_WRITTEN)
    pos = source.position("/properties/veteran/properties/ssn")
    assert pos is not None
    assert (pos.key_line, pos.key_column) == (7, 9)  # the opening quote of "ssn"
    assert (pos.line, pos.column) == (7, 16)  # the "{" of its value
    assert pos.key_end_column == 14
    assert line_of(HAND_WRITTEN, 7)[pos.key_column - 1 : pos.key_end_column - 1] == '"ssn"'
    root = source.position("")
    assert root is not None and (root.line, root.column) == (1, 1) and root.key_line is None
    title = source.position("/title")
    assert title is not None and (title.line, title.column) == (2, 12)


def test_pointer_escaping_and_array_elements() -> None:
    _, source = parse_json(HAND_WRITTEN)
    pointer = "/properties/veteran/properties/a~1b~0c"
    assert pointer in source
    assert split_pointer(pointer)[-1] == "a/b~c"
    assert source.value_pos(pointer + "/0") == (8, 19)
    assert source.value_pos(pointer + "/1") == (8, 23)
    assert source.value_pos(pointer + "/2") == (8, 29)
    assert source.position(pointer + "/3") is None
    ok, found = resolve_pointer(json.loads(HAND_WRITTEN), pointer + "/1")
    assert ok and found is True
    assert resolve_pointer({"a": [1]}, "/a/5") == (False, None)


def test_string_runs_follow_escapes() -> None:
    text = '{"d": "a\\nb\\u00e9c\\ud83d\\ude00d\\"e"}'
    value, source = parse_json(text)
    decoded = value["d"]
    assert decoded == "a\nbéc\U0001F600d\"e"
    runs = source.string_runs("/d")
    assert runs is not None
    offsets = [run.offset for run in runs]

    def column_of(index: int) -> int:
        run = max((r for r in runs if r.offset <= index), key=lambda r: r.offset)
        return run.column + index - run.offset

    # every decoded character maps to the source character (or the backslash of its escape)
    expected = {"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}
    for index, char in enumerate(decoded):
        source_char = text[column_of(index) - 1]
        if char in expected:
            assert source_char == expected[char], (index, char)
        else:
            assert source_char == "\\", (index, char)
    assert offsets == sorted(offsets)
    assert source.string_runs("/missing") is None


def test_no_escapes_gives_one_run() -> None:
    _, source = parse_json('{"t": "plain words here"}')
    runs = source.string_runs("/t")
    assert runs is not None and len(runs) == 1
    assert (runs[0].line, runs[0].column) == (1, 8)


def test_crlf_and_lone_cr_line_breaks() -> None:
    _, source = parse_json('{\r\n"a": 1,\r"b": 2\n}')
    assert source.key_pos("/a") == (2, 1)
    assert source.key_pos("/b") == (3, 1)


def test_duplicate_keys_are_recorded_last_wins() -> None:
    value, source = parse_json('{"a": 1, "a": 2}')
    assert value == {"a": 2}
    assert source.duplicate_keys == ["/a"]
    assert source.value_pos("/a") == (1, 15)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "a": 1,\n}', 3, 1, "property name"),
        ('{\n  "a" 1\n}', 2, 7, "':'"),
        ("[1 2]", 1, 4, "',' or ']'"),
        ('{"a": "x\ny"}', 1, 9, "control character"),
        ('{"a": "unterminated', 1, 7, "unterminated string"),
        ("[1]\n x", 2, 2, "extra data"),
        ('{"a": tru}', 1, 7, "unexpected character"),
        ('{"a": NaN}', 1, 7, "unexpected character"),
        ("   ", 1, 4, "empty"),
        ('{"a": [1, 2', 1, 12, "unexpected end of input"),
        ('{"a": "\\q"}', 1, 8, "escape"),
    ],
)
def test_invalid_json_reports_line_and_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(JsonSyntaxError) as info:
        parse_json(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)
    assert f"line {line}, column {column}" in str(info.value)
    assert isinstance(info.value, UnreadableError)


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_refused_cleanly(opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * 100_000 + "1" + closer * 100_000
    with pytest.raises(UnreadableError, match="nested too deeply"):
        parse_json(text)
    with pytest.raises(UnreadableError, match="nested too deeply"):
        read_text(text)


def test_moderate_nesting_parses() -> None:
    text = "[" * 300 + "]" * 300
    value, source = parse_json(text)
    depth = 0
    while value:
        value = value[0]
        depth += 1
    assert depth == 299
    assert source.value_pos("/0" * 299) == (1, 300)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(alphabet=string.ascii_letters + "~/ é\"\\", max_size=6), children, max_size=4),
    max_leaves=25,
)


def _pointers(value: Any, pointer: str = "") -> list[tuple[str, Any]]:
    found = [(pointer, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            token = key.replace("~", "~0").replace("/", "~1")
            found += _pointers(child, f"{pointer}/{token}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _pointers(child, f"{pointer}/{index}")
    return found


@settings(max_examples=150, deadline=None)
@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_parse_matches_json_loads_and_positions_point_at_values(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    parsed, source = parse_json(text)
    assert parsed == json.loads(text)
    lines = source_lines(text)
    for pointer, sub in _pointers(parsed):
        line, column = source.value_pos(pointer)  # type: ignore[misc]
        first = json.dumps(sub, ensure_ascii=ascii_only)[0]
        assert lines[line - 1][column - 1] == first, pointer
        if isinstance(sub, str):
            runs = source.string_runs(pointer)
            assert runs is not None and runs[0].offset == 0
            if "\\" not in json.dumps(sub, ensure_ascii=ascii_only):
                assert len(runs) == 1
                assert lines[line - 1][runs[0].column - 1 : runs[0].column - 1 + len(sub)] == sub


# ======================================================================================
# labels
# ======================================================================================


@pytest.mark.parametrize(
    ("key", "ref", "parent", "label"),
    [
        ("veteranDateOfBirth", None, None, "Veteran date of birth"),
        ("vaFileNumber", None, None, "VA file number"),
        ("VAFileNumber", None, None, "VA file number"),
        ("ssn", None, None, "Social Security number"),
        ("veteranSsn", "#/definitions/ssn", None, "Veteran Social Security number"),
        ("dob", None, None, "Date of birth"),
        ("zip", None, None, "ZIP code"),
        ("zipCode", None, None, "ZIP code"),
        ("homeZipCode", None, None, "Home ZIP code"),
        ("fld1", "#/definitions/ssn", None, "Social Security number"),
        ("fld1", None, None, "Fld 1"),
        ("from", "#/definitions/date", None, "From date"),
        ("applicant", "#/definitions/fullName", None, "Applicant full name"),
        ("first", None, "veteranFullName", "First name"),
        ("first", None, "ranking", "First"),
        ("street2", None, None, "Street address line 2"),
        ("auditee_uei", None, None, "Auditee UEI"),
        ("ein_not_an_ssn_attestation", None, None, "EIN not a Social Security number attestation"),
        ("multiple_eins_covered", None, None, "Multiple EINs covered"),
        ("view:livesOnMilitaryBase", None, None, "Lives on military base"),
        ("annualSocialSecurityPayments", None, None, "Annual Social Security payments"),
        ("dayPhone", "#/definitions/usaPhone", None, "Day phone"),
    ],
)
def test_infer_label(key: str, ref: str | None, parent: str | None, label: str) -> None:
    assert infer_label(key, ref_name(ref), parent) == label


def test_ref_name_and_identifier_titles() -> None:
    assert ref_name("#/definitions/ssn") == "ssn"
    assert ref_name("#/$defs/a~1b") == "a/b"
    assert ref_name("other.json#/definitions/date") == "date"
    assert ref_name("common.json") == "common.json"
    assert looks_like_identifier("AuditPeriod") and looks_like_identifier("notes_to_sefa")
    assert not looks_like_identifier("Veteran name") and not looks_like_identifier("City")


# ======================================================================================
# JSON Schema reading
# ======================================================================================

BASIC: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Veteran application",
    "description": "Tell us about yourself.",
    "type": "object",
    "definitions": {
        "ssn": {"type": "string", "pattern": "^[0-9]{9}$"},
        "date": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "phone": {"type": "string", "minLength": 10},
        "fullName": {
            "type": "object",
            "required": ["first", "last"],
            "properties": {"first": {"type": "string"}, "last": {"type": "string"}},
        },
    },
    "required": ["veteran"],
    "properties": {
        "veteran": {
            "type": "object",
            "title": "Veteran information",
            "description": "About the Veteran.",
            "required": ["veteranSsn", "veteranFullName"],
            "properties": {
                "veteranFullName": {"$ref": "#/definitions/fullName"},
                "veteranSsn": {"$ref": "#/definitions/ssn"},
                "veteranDateOfBirth": {"$ref": "#/definitions/date"},
                "vaFileNumber": {"type": "string", "maxLength": 9, "minLength": 8},
                "homePhone": {"$ref": "#/definitions/phone"},
                "email": {"type": "string", "format": "email"},
                "isOver65": {"type": "boolean"},
                "gender": {"type": "string", "enum": ["F", "M"], "enumNames": ["Female", "Male"]},
                "branch": {
                    "type": "string",
                    "oneOf": [{"const": "army", "title": "Army"}, {"const": "navy", "title": "Navy"}],
                },
                "yearsServed": {"type": "integer", "title": "Years served"},
                "statementOfTruthSignature": {"type": "string"},
                "remarks": {"type": "string", "title": "Remarks", "description": "Anything else?"},
            },
        },
        "children": {
            "type": "array",
            "title": "Children",
            "items": {
                "type": "object",
                "properties": {
                    "childName": {"type": "string", "title": "Child's name"},
                    "childDob": {"$ref": "#/definitions/date"},
                },
            },
        },
        "languages": {"type": "array", "items": {"type": "string", "enum": ["en", "es"]}, "title": "Languages"},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "confirmationCode": {"type": "string"}},
            },
        },
        "view:notes": {"type": "object", "properties": {}, "description": "Read this before you start."},
    },
}


@pytest.fixture
def basic_doc() -> Document:
    return read_obj(BASIC)


def test_document_basics(basic_doc: Document) -> None:
    assert basic_doc.format is Format.JSONSCHEMA
    assert basic_doc.title == "Veteran application"
    assert basic_doc.metadata["flavour"] == "json-schema"
    assert basic_doc.metadata["dialect"] == "http://json-schema.org/draft-07/schema#"
    assert isinstance(basic_doc.schema, SchemaFacts)


def test_leaf_fields_and_pointers(basic_doc: Document) -> None:
    ids = [f.id for f in basic_doc.fields]
    assert "/properties/veteran/properties/veteranSsn" in ids
    assert "/properties/veteran/properties/veteranFullName/$ref/properties/first" in ids
    assert "/properties/children/items/properties/childName" in ids
    assert "/properties/languages" in ids
    assert "/properties/files" in ids
    # objects are not fields; an empty view-only object is not a field
    assert "/properties/veteran" not in ids
    assert "/properties/veteran/properties/veteranFullName" not in ids
    assert not any("view:notes" in i for i in ids)
    assert "/properties/files/items/properties/name" not in ids  # uploads are one FILE field
    assert len(ids) == len(set(ids))
    assert len(ids) == 17


def test_field_locations_point_at_the_key(basic_doc: Document) -> None:
    text = json.dumps(BASIC, indent=2)
    for field in basic_doc.fields:
        loc = field.location
        assert loc.pointer == field.id and loc.field == field.id
        key = field.attributes["key"]
        assert source_span(text, loc) == json.dumps(key), field.id


def test_inferred_and_explicit_labels(basic_doc: Document) -> None:
    ssn = field_by_key(basic_doc, "veteranSsn")
    assert ssn.label == "Veteran Social Security number"
    assert ssn.accessible_name is None
    assert ssn.attributes["label_inferred"] is True
    assert field_by_key(basic_doc, "veteranDateOfBirth").label == "Veteran date of birth"
    assert field_by_key(basic_doc, "vaFileNumber").label == "VA file number"
    assert field_by_key(basic_doc, "first").label == "First name"
    years = field_by_key(basic_doc, "yearsServed")
    assert years.label == "Years served" and years.accessible_name == "Years served"
    assert years.attributes["label_inferred"] is False


def test_field_types(basic_doc: Document) -> None:
    expected = {
        "veteranSsn": FieldType.TEXT,
        "veteranDateOfBirth": FieldType.DATE,  # $ref to a date definition, no format
        "vaFileNumber": FieldType.TEXT,
        "homePhone": FieldType.PHONE,
        "email": FieldType.EMAIL,
        "isOver65": FieldType.CHECKBOX,
        "gender": FieldType.SELECT,
        "branch": FieldType.SELECT,
        "yearsServed": FieldType.NUMBER,
        "statementOfTruthSignature": FieldType.SIGNATURE,
        "childDob": FieldType.DATE,
        "languages": FieldType.SELECT,
        "files": FieldType.FILE,
    }
    for key, kind in expected.items():
        assert field_by_key(basic_doc, key).type is kind, key


def test_required_options_group_hint(basic_doc: Document) -> None:
    assert field_by_key(basic_doc, "veteranSsn").required is True
    assert field_by_key(basic_doc, "first").required is True
    assert field_by_key(basic_doc, "email").required is False
    gender = field_by_key(basic_doc, "gender")
    assert gender.options == ["Female", "Male"]
    assert gender.attributes["enum"] == ["F", "M"]
    assert field_by_key(basic_doc, "branch").options == ["Army", "Navy"]
    assert field_by_key(basic_doc, "languages").options == ["en", "es"]
    assert field_by_key(basic_doc, "languages").attributes["multiple"] is True
    assert field_by_key(basic_doc, "email").group == "Veteran information"
    assert field_by_key(basic_doc, "first").group == "Veteran full name"
    assert field_by_key(basic_doc, "childName").group == "Children"
    assert field_by_key(basic_doc, "remarks").hint == "Anything else?"


def test_attributes(basic_doc: Document) -> None:
    ssn = field_by_key(basic_doc, "veteranSsn")
    assert ssn.attributes["path"] == "veteran.veteranSsn"
    assert ssn.attributes["ref"] == "#/definitions/ssn"
    assert ssn.attributes["ref_name"] == "ssn"
    assert ssn.attributes["pattern"] == "^[0-9]{9}$"
    vafile = field_by_key(basic_doc, "vaFileNumber")
    assert vafile.attributes["maxLength"] == 9 and vafile.attributes["minLength"] == 8
    assert field_by_key(basic_doc, "email").attributes["format"] == "email"
    child = field_by_key(basic_doc, "childName")
    assert child.attributes["path"] == "children[].childName"
    assert child.attributes["repeating"] is True
    first = field_by_key(basic_doc, "first")
    assert first.attributes["path"] == "veteran.veteranFullName.first"


def test_schema_facts(basic_doc: Document) -> None:
    facts = schema_facts(basic_doc)
    assert facts.flavour == "json-schema"
    assert set(facts.definitions) == {f"#/definitions/{n}" for n in ("ssn", "date", "phone", "fullName")}
    assert facts.unused_definitions == []
    record = facts.field_schemas["/properties/veteran/properties/veteranFullName/$ref/properties/first"]
    assert record.declared_at == "/definitions/fullName/properties/first"
    assert record.schema == {"type": "string"}
    assert facts.field_schemas["/properties/veteran/properties/veteranSsn"].refs == ("#/definitions/ssn",)
    assert facts.field_schemas["/properties/veteran/properties/veteranSsn"].schema["pattern"] == "^[0-9]{9}$"
    position = facts.position("/properties/veteran/properties/veteranSsn")
    assert position is not None and position.key_line is not None
    assert facts.file_pointer("/properties/veteran/properties/veteranFullName/$ref/properties/last") == (
        "/definitions/fullName/properties/last"
    )


def test_text_block_roles(basic_doc: Document) -> None:
    by_text = {b.text: b for b in basic_doc.blocks}
    assert by_text["Veteran application"].role is Role.TITLE
    assert by_text["Tell us about yourself."].role is Role.PARAGRAPH
    assert by_text["Veteran information"].role is Role.HEADING
    assert by_text["About the Veteran."].role is Role.PARAGRAPH
    assert by_text["Years served"].role is Role.LABEL
    assert by_text["Anything else?"].role is Role.HINT
    assert by_text["Female"].role is Role.OPTION
    assert by_text["Army"].role is Role.OPTION
    assert by_text["Read this before you start."].role is Role.PARAGRAPH  # a view-only object's text
    assert by_text["Read this before you start."].location.pointer == "/properties/view:notes"
    assert by_text["Veteran application"].location.pointer == "/title"
    remarks = field_by_key(basic_doc, "remarks")
    assert by_text["Anything else?"].field_id == remarks.id
    assert by_text["Anything else?"].location.pointer == remarks.id
    assert by_text["Remarks"].field_id == remarks.id


def test_never_prose(basic_doc: Document) -> None:
    texts = " | ".join(b.text for b in basic_doc.blocks)
    for not_prose in ("#/definitions", "^[0-9]{9}$", "veteranSsn", "army", "F", "en"):
        assert not any(b.text == not_prose for b in basic_doc.blocks), not_prose
    assert "#/definitions" not in texts and "[0-9]" not in texts


def _check_anchors(doc: Document, text: str) -> int:
    """Every character of every block maps back to itself in the source.

    A character written as an escape maps to its backslash; a space may stand for a
    collapsed run of whitespace or a dropped HTML tag. Words in one source string are
    also checked as whole spans.
    """
    checked = 0
    lines = source_lines(text)
    for block in doc.blocks:
        for index, char in enumerate(block.text):
            loc = block.location_at(index, index + 1)
            assert loc.line is not None and loc.column is not None
            source_char = lines[loc.line - 1][loc.column - 1]
            assert source_char == char or source_char == "\\" or (char == " " and source_char in " <\\"), (
                block.text, index, char, source_char
            )
            checked += 1
        if len(block.anchors) == 1:
            start = 0
            for word in block.text.split(" "):
                index = block.text.index(word, start)
                start = index + len(word)
                assert source_span(text, block.location_at(index, index + len(word))) == word
    return checked


def test_block_anchors_map_to_source(basic_doc: Document) -> None:
    assert _check_anchors(basic_doc, json.dumps(BASIC, indent=2)) > 150


def test_anchors_with_escapes_and_whitespace() -> None:
    text = (
        '{"type": "object", "properties": {"a": {"type": "string",\n'
        '  "description": "Caf\\u00e9  rules:\\n utilize the \\"form\\" now."}}}'
    )
    doc = read_text(text)
    (hint,) = [b for b in doc.blocks if b.role is Role.HINT]
    assert hint.text == 'Café rules: utilize the "form" now.'
    assert len(hint.anchors) > 1
    line = source_lines(text)[1]
    for word in ("rules:", "utilize", "now."):
        index = hint.text.index(word)
        loc = hint.location_at(index, index + len(word))
        assert line[loc.column - 1 : loc.end_column - 1] == word  # type: ignore[operator]
    index = hint.text.index("form")
    loc = hint.location_at(index, index + 4)
    assert line[loc.column - 1 : loc.end_column - 1] == "form"  # type: ignore[operator]
    start = hint.location_at(0, 1)
    assert line[start.column - 1] == "C"  # type: ignore[operator]
    assert hint.location.line == 2 and hint.location.column == line.index("Caf") + 1


def test_ref_resolution_defs_nested_pointer_and_percent() -> None:
    schema = {
        "type": "object",
        "$defs": {"name": {"type": "string", "title": "Name"}, "group": {"properties": {"x y": {"type": "number"}}}},
        "properties": {
            "a": {"$ref": "#/$defs/name"},
            "b": {"$ref": "#/$defs/group/properties/x%20y"},
            "c": {"$ref": "#/properties/a"},
        },
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "a").label == "Name"
    assert field_by_key(doc, "a").accessible_name == "Name"
    assert field_by_key(doc, "b").type is FieldType.NUMBER
    c = field_by_key(doc, "c")
    assert c.label == "Name" and c.attributes["ref"] == "#/properties/a"
    assert schema_facts(doc).field_schemas[c.id].refs == ("#/properties/a", "#/$defs/name")
    # the $ref target's title labels the field once: one LABEL block for "Name"
    assert sum(1 for b in doc.blocks if b.text == "Name") == 1


def test_ref_sibling_title_wins_over_target() -> None:
    schema = {
        "type": "object",
        "definitions": {"date": {"type": "string", "format": "date", "title": "Date"}},
        "properties": {"dob": {"$ref": "#/definitions/date", "title": "Your date of birth"}},
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "dob").label == "Your date of birth"
    assert field_by_key(doc, "dob").type is FieldType.DATE


def test_ref_cycles_terminate_and_are_recorded() -> None:
    schema = {
        "type": "object",
        "definitions": {
            "person": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "parent": {"$ref": "#/definitions/person"}},
            },
            "a": {"$ref": "#/definitions/b"},
            "b": {"$ref": "#/definitions/a"},
        },
        "properties": {
            "me": {"$ref": "#/definitions/person"},
            "loop": {"$ref": "#/definitions/a"},
            "root": {"$ref": "#"},
        },
    }
    doc = read_obj(schema)
    ids = [f.id for f in doc.fields]
    assert "/properties/me/$ref/properties/name" in ids
    assert not any("parent" in i for i in ids)
    facts = schema_facts(doc)
    reasons = {(issue.ref, issue.reason) for issue in facts.cycles}
    assert ("#/definitions/person", "cycle") in reasons
    assert ("#/definitions/a", "cycle") in reasons
    assert ("#", "cycle") in reasons
    assert any("recursive $ref" in note for note in doc.metadata.get("reader_notes", []))


def test_external_and_missing_refs_recorded_not_fetched(no_network: None) -> None:
    schema = {
        "type": "object",
        "properties": {
            "address": {"$ref": "https://example.gov/schemas/common.json#/definitions/address"},
            "ssn": {"$ref": "definitions.json#/definitions/ssn"},
            "gone": {"$ref": "#/definitions/nothing"},
        },
    }
    doc = read_obj(schema)
    facts = schema_facts(doc)
    assert {i.ref for i in facts.external_refs} == {
        "https://example.gov/schemas/common.json#/definitions/address",
        "definitions.json#/definitions/ssn",
    }
    assert [(i.ref, i.reason) for i in facts.unresolved_refs] == [("#/definitions/nothing", "not-found")]
    ssn = field_by_key(doc, "ssn")
    assert ssn.attributes["ref_name"] == "ssn" and ssn.label == "Social Security number"
    assert ssn.attributes["unresolved_ref"] == "definitions.json#/definitions/ssn"
    assert field_by_key(doc, "address").label == "Address"


def test_same_document_id_refs_and_anchors() -> None:
    schema = {
        "$id": "https://example.gov/form.json",
        "type": "object",
        "$defs": {"when": {"$anchor": "when", "type": "string", "format": "date"}},
        "properties": {
            "a": {"$ref": "https://example.gov/form.json#/$defs/when"},
            "b": {"$ref": "#when"},
        },
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "a").type is FieldType.DATE
    assert field_by_key(doc, "b").type is FieldType.DATE
    assert schema_facts(doc).external_refs == []


def test_ref_fan_out_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """2**30 leaves through doubling $refs: the walk stops at the field limit and says so."""
    definitions: dict[str, Any] = {"d30": {"type": "string"}}
    for level in range(29, -1, -1):
        nxt = f"#/definitions/d{level + 1}"
        definitions[f"d{level}"] = {"type": "object", "properties": {"l": {"$ref": nxt}, "r": {"$ref": nxt}}}
    schema = {"type": "object", "definitions": definitions, "properties": {"top": {"$ref": "#/definitions/d0"}}}
    monkeypatch.setattr(reader_module, "MAX_FIELDS", 300)
    doc = read_obj(schema)
    assert len(doc.fields) == 300
    facts = schema_facts(doc)
    assert facts.truncated is not None and "field limit" in facts.truncated
    assert any("field limit" in note for note in doc.metadata["reader_notes"])


def test_expansion_budget_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Properties whose oneOf branches double at every level: cut off by the node budget."""
    definitions: dict[str, Any] = {"d16": {"type": "object", "properties": {"leaf": {"type": "string"}}}}
    for level in range(15, -1, -1):
        nxt = f"#/definitions/d{level + 1}"
        definitions[f"d{level}"] = {
            "type": "object",
            "properties": {"a": {"oneOf": [{"$ref": nxt}, {"$ref": nxt}]}, "b": {"$ref": nxt}},
        }
    schema = {"type": "object", "definitions": definitions, "properties": {"x": {"$ref": "#/definitions/d0"}}}
    monkeypatch.setattr(reader_module, "MAX_EXPANSIONS", 3_000)
    doc = read_obj(schema)
    assert "schema nodes" in (schema_facts(doc).truncated or "")
    assert any("schema nodes" in note for note in doc.metadata["reader_notes"])
    assert 0 < len(doc.fields) < 3_000


def test_nested_branches_are_bounded() -> None:
    """oneOf inside oneOf inside ... (3**20 paths) stops at a fixed nesting depth."""
    definitions: dict[str, Any] = {"d20": {"type": "string"}}
    for level in range(19, -1, -1):
        nxt = f"#/definitions/d{level + 1}"
        definitions[f"d{level}"] = {"oneOf": [{"$ref": nxt}, {"$ref": nxt}, {"$ref": nxt}]}
    schema = {"type": "object", "definitions": definitions, "properties": {"x": {"$ref": "#/definitions/d0"}}}
    doc = read_obj(schema)
    assert [f.attributes["key"] for f in doc.fields] == ["x"]
    notes = doc.metadata["reader_notes"]
    assert len(notes) == 1 and "nested more than" in notes[0]


def test_repeated_ref_in_allof_is_not_a_cycle() -> None:
    schema = {
        "type": "object",
        "definitions": {"base": {"type": "string", "maxLength": 3}},
        "properties": {"x": {"allOf": [{"$ref": "#/definitions/base"}, {"$ref": "#/definitions/base"}]}},
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "x").attributes["maxLength"] == 3
    assert schema_facts(doc).cycles == []


def test_deeply_nested_objects_stop_with_a_note() -> None:
    node: dict[str, Any] = {"type": "string"}
    for _ in range(60):
        node = {"type": "object", "properties": {"n": node}}
    doc = read_obj({"type": "object", "properties": {"top": node}}, indent=None)
    assert doc.fields == []
    assert any("nested more than" in note for note in doc.metadata["reader_notes"])


def test_allof_merge_and_required() -> None:
    schema = {
        "type": "object",
        "allOf": [
            {"properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"properties": {"a": {"maxLength": 5}, "b": {"type": "boolean"}}},
        ],
        "properties": {"c": {"allOf": [{"type": "string"}, {"format": "email"}]}},
    }
    doc = read_obj(schema)
    a = field_by_key(doc, "a")
    assert a.id == "/allOf/0/properties/a"
    assert a.required is True
    assert a.attributes["maxLength"] == 5
    assert field_by_key(doc, "b").type is FieldType.CHECKBOX
    assert field_by_key(doc, "c").type is FieldType.EMAIL


def test_oneof_anyof_union_with_variants() -> None:
    schema = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["home", "work"]},
            "address": {
                "type": "object",
                "oneOf": [
                    {
                        "properties": {"country": {"type": "string", "enum": ["USA"]}, "zipCode": {"type": "string"}},
                        "required": ["zipCode"],
                    },
                    {"properties": {"country": {"type": "string", "enum": ["CAN"]}, "postalCode": {"type": "string"}}},
                ],
            },
        },
    }
    doc = read_obj(schema)
    country = field_by_key(doc, "country")
    assert country.attributes["variant"] == "/properties/address/oneOf/0"
    assert country.attributes["enum"] == ["USA", "CAN"]
    postal = field_by_key(doc, "postalCode")
    assert postal.attributes["variant"] == "/properties/address/oneOf/1"
    zip_code = field_by_key(doc, "zipCode")
    assert zip_code.required is False and zip_code.attributes["conditionally_required"] is True
    assert schema_facts(doc).field_schemas[postal.id].variant == "/properties/address/oneOf/1"


def test_if_then_else_and_dependencies_contribute_fields() -> None:
    schema = {
        "type": "object",
        "properties": {"hasSpouse": {"type": "boolean"}, "pets": {"type": "boolean"}},
        "if": {"properties": {"hasSpouse": {"const": True}}},
        "then": {"properties": {"spouseName": {"type": "string"}}, "required": ["spouseName"]},
        "else": {"properties": {"reason": {"type": "string"}}},
        "dependencies": {
            "pets": {"properties": {"petCount": {"type": "integer"}}},
            "hasSpouse": ["spouseName"],
        },
    }
    doc = read_obj(schema)
    keys = [f.attributes["key"] for f in doc.fields]
    assert keys == ["hasSpouse", "pets", "spouseName", "reason", "petCount"]
    assert field_by_key(doc, "spouseName").attributes["variant"] == "/then"
    assert field_by_key(doc, "spouseName").attributes["conditionally_required"] is True
    assert field_by_key(doc, "petCount").attributes["variant"] == "/dependencies/pets"


def test_scalar_oneof_with_sentinel_constant() -> None:
    """GSA FAC: oneOf [{type: boolean}, {const: "GSA_MIGRATION"}] is a checkbox."""
    schema = {
        "type": "object",
        "properties": {
            "flag": {"oneOf": [{"type": "boolean"}, {"const": "GSA_MIGRATION", "type": "string"}]},
            "email": {"type": "string", "oneOf": [{"format": "email"}, {"const": "GSA_MIGRATION"}]},
            "rate": {"oneOf": [{"const": "GSA_MIGRATION"}, {"enum": ["Y", "N"], "type": "string"}]},
        },
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "flag").type is FieldType.CHECKBOX
    email = field_by_key(doc, "email")
    assert email.type is FieldType.EMAIL and email.attributes["format"] == "email"
    rate = field_by_key(doc, "rate")
    assert rate.type is FieldType.SELECT and rate.options == ["Y", "N"]


def test_nullable_types_and_untyped_leaves() -> None:
    schema = {
        "type": "object",
        "properties": {
            "when": {"type": ["string", "null"], "format": "date"},
            "count": {"type": ["integer", "null"]},
            "end": {"format": "date"},
            "anything": {},
        },
    }
    doc = read_obj(schema)
    assert field_by_key(doc, "when").type is FieldType.DATE
    assert field_by_key(doc, "count").type is FieldType.NUMBER
    assert field_by_key(doc, "end").type is FieldType.DATE
    assert field_by_key(doc, "anything").type is FieldType.OTHER


# ---- react-jsonschema-form bundles ------------------------------------------------------

RJSF: dict[str, Any] = {
    "schema": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "bio": {"type": "string", "description": "Schema description"},
            "contact": {"type": "string", "enum": ["email", "phone"]},
            "pets": {"type": "array", "items": {"type": "object", "properties": {"petName": {"type": "string"}}}},
            "secret": {"type": "string"},
        },
    },
    "uiSchema": {
        "ui:order": ["contact", "*", "name"],
        "name": {"ui:title": "Your name", "ui:autocomplete": "name", "ui:placeholder": "Jane Doe"},
        "bio": {"ui:widget": "textarea", "ui:description": "Tell us about you", "ui:help": "Keep it short"},
        "contact": {"ui:widget": "radio", "ui:options": {"title": "How should we contact you?"}},
        "pets": {"items": {"petName": {"ui:title": "Pet's name"}}},
        "secret": {"ui:widget": "hidden", "x-formlint-ignore": True},
    },
    "formData": {},
}


def test_rjsf_bundle() -> None:
    text = json.dumps(RJSF, indent=2)
    doc = read_text(text)
    facts = schema_facts(doc)
    assert facts.flavour == "rjsf" and facts.schema_pointer == "/schema"
    assert facts.ui_schema == RJSF["uiSchema"]
    keys = [f.attributes["key"] for f in doc.fields]
    assert keys == ["contact", "bio", "petName", "secret", "name"]  # ui:order applied
    name = field_by_key(doc, "name")
    assert name.id == "/schema/properties/name"
    assert name.label == "Your name" and name.accessible_name == "Your name"
    assert name.required is True
    assert name.attributes["ui:autocomplete"] == "name"
    assert name.attributes["ui:placeholder"] == "Jane Doe"
    assert name.attributes["ui:title"] == "Your name"
    bio = field_by_key(doc, "bio")
    assert bio.type is FieldType.TEXTAREA
    assert bio.hint == "Tell us about you Keep it short"
    contact = field_by_key(doc, "contact")
    assert contact.type is FieldType.RADIO and contact.label == "How should we contact you?"
    assert field_by_key(doc, "petName").label == "Pet's name"
    assert field_by_key(doc, "secret").type is FieldType.HIDDEN
    # the LABEL block of "Your name" is anchored in the uiSchema
    (label,) = [b for b in doc.blocks if b.text == "Your name"]
    assert label.role is Role.LABEL and label.field_id == name.id
    assert source_span(text, label.location) == "Your name"
    hints = {b.text for b in doc.blocks if b.role is Role.HINT}
    assert hints == {"Tell us about you", "Keep it short"}
    assert "Schema description" not in {b.text for b in doc.blocks}  # overridden by ui:description
    assert _check_anchors(doc, text) > 50
    secret = field_by_key(doc, "secret")
    assert any(s.covers("plain/anything", secret.location) for s in doc.suppressions)


# ---- suppression --------------------------------------------------------------------------


def test_x_formlint_ignore() -> None:
    schema = {
        "type": "object",
        "definitions": {"quiet": {"type": "string", "description": "Utilize this.", "x-formlint-ignore": "plain"}},
        "properties": {
            "a": {
                "type": "string",
                "title": "A",
                "description": "Utilize it.",
                "x-formlint-ignore": ["plain/simple-words", "a11y"],
            },
            "b": {"type": "object", "x-formlint-ignore": True, "properties": {"c": {"type": "string"}}},
            "d": {"$ref": "#/definitions/quiet"},
            "e": {"type": "string", "x-formlint-ignore": 42},
            "f": {"type": "string", "title": "F"},
        },
    }
    doc = read_obj(schema)
    a, c, d, e, f = (field_by_key(doc, k) for k in "acdef")
    rule_sets = {s.pointer: s.rules for s in doc.suppressions}
    assert rule_sets["/properties/a"] == frozenset({"plain/simple-words", "a11y"})
    assert rule_sets["/properties/b"] == frozenset()
    assert rule_sets["/definitions/quiet"] == frozenset({"plain"})
    assert rule_sets["/properties/d"] == frozenset({"plain"})  # a definition's ignore applies where it is used

    def suppressed(rule: str, loc: Location) -> bool:
        return any(s.covers(rule, loc) for s in doc.suppressions)

    assert suppressed("plain/simple-words", a.location)
    assert suppressed("a11y/label", a.location)
    assert not suppressed("burden/ssn-request", a.location)
    for block in doc.blocks:
        if block.field_id == a.id:
            assert suppressed("plain/simple-words", block.location)
    assert suppressed("burden/anything", c.location)
    assert suppressed("plain/simple-words", d.location)
    assert not suppressed("plain/simple-words", e.location)
    assert not suppressed("plain/simple-words", f.location)
    assert any("x-formlint-ignore must be" in note for note in doc.metadata["reader_notes"])


def test_root_ignore_covers_every_field_and_block() -> None:
    doc = read_obj(
        {
            "type": "object",
            "title": "Title",
            "description": "Utilize this.",
            "x-formlint-ignore": True,
            "properties": {"a": {"type": "string", "title": "A", "description": "Hint."}},
        }
    )
    assert len(doc.blocks) == 4
    for loc in [b.location for b in doc.blocks] + [f.location for f in doc.fields]:
        assert any(s.covers("plain/simple-words", loc) for s in doc.suppressions), loc


# ---- robustness -------------------------------------------------------------------------

_KEYWORDS = ["type", "properties", "items", "$ref", "allOf", "anyOf", "oneOf", "then", "else", "if",
             "dependencies", "required", "enum", "enumNames", "title", "description", "format",
             "definitions", "x-formlint-ignore", "const", "ui:widget", "a", "b"]
_REFS = ["#", "#/definitions/a", "#/definitions/b", "#/properties/a", "#/nope", "x.json#/a", "#anchor", 5]
schema_like = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["string", "object", "array", "date", "email"])
    | st.sampled_from(_REFS),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(_KEYWORDS), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(schema_like)
def test_reader_never_raises_anything_else(value: Any) -> None:
    """Any JSON at all: a Document, NotAFormError or UnreadableError, never a traceback."""
    try:
        doc = read_obj(value)
    except (NotAFormError, UnreadableError):
        return
    assert isinstance(doc, Document)
    for field in doc.fields:
        assert field.label and field.id == field.location.pointer


# ---- not a form / unreadable ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"name": "formlint", "version": "1.0.0", "dependencies": {"x": "^1"}}', "no 'properties'"),
        ('[{"properties": {"a": {}}}]', "array"),
        ('"just a string"', "str value"),
        ('{"type": "Feature", "properties": {"name": "Park"}, "geometry": null}', "no 'properties'"),
        ('{"properties": {"name": "Park", "area": 3}}', "no 'properties'"),
        ('{"definitions": {"ssn": {"type": "string"}}}', "only 'definitions'"),
        ('{"type": "string", "properties": {"a": {}}}', "no 'properties'"),
    ],
)
def test_not_a_form(tmp_path: Path, content: str, reason: str) -> None:
    target = tmp_path / "data.json"
    target.write_text(content, encoding="utf-8")
    with pytest.raises(NotAFormError) as info:
        read_jsonschema(target.read_bytes(), str(target), OPTIONS)
    assert reason in str(info.value)
    assert "not a JSON-schema form definition" in str(info.value)


def test_empty_schema_is_a_form_without_fields() -> None:
    doc = read_obj({"type": "object", "title": "Empty", "properties": {}})
    assert doc.fields == [] and doc.title == "Empty"


def test_invalid_json_file_is_unreadable(tmp_path: Path) -> None:
    target = tmp_path / "broken.json"
    content = '{\n  "type": "object",\n  "properties": {\n    "a": {"type": "string"},\n  }\n}\n'
    target.write_text(content, encoding="utf-8")
    with pytest.raises(UnreadableError) as info:
        read_jsonschema(target.read_bytes(), str(target), OPTIONS)
    assert "line 5, column 3" in str(info.value)
    assert not isinstance(info.value, NotAFormError)


def test_binary_and_encodings() -> None:
    with pytest.raises(UnreadableError, match="binary"):
        read_jsonschema(b"\x00\x01\x02\x03PK\x03\x04" * 10, "x.json", OPTIONS)
    schema = {"type": "object", "properties": {"caf\u00e9": {"type": "string", "title": "Caf\u00e9"}}}
    text = json.dumps(schema, ensure_ascii=False)
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        doc = read_jsonschema(data, "x.json", OPTIONS)
        assert doc.fields[0].label == "Café"


def test_reader_wraps_unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(reader_module._Walker, "run", boom)
    with pytest.raises(UnreadableError, match="could not read"):
        read_obj({"type": "object", "properties": {"a": {"type": "string"}}})


def test_input_is_not_modified() -> None:
    data = json.dumps(BASIC).encode()
    copy = bytes(data)
    read_jsonschema(data, "x.json", OPTIONS)
    assert data == copy


# ======================================================================================
# CMS MDCT templates
# ======================================================================================

MDCT: dict[str, Any] = {
    "type": "TEST",
    "name": "Test Report",
    "routes": [
        {
            "name": "Contact",
            "path": "/test/contact",
            "verbiage": {
                "intro": {"section": "Program information", "subsection": "Contact", "hint": "Tell us who to call."},
                "praDisclosure": [{"type": "p", "content": "<strong>PRA</strong> OMB No. 0938-0920."}],
                "addEntityButtonText": "Add contact",
            },
            "form": {
                "id": "c",
                "fields": [
                    {"id": "hdr", "type": "sectionHeader", "props": {"content": "1. People"}},
                    {
                        "id": "contactName",
                        "type": "text",
                        "validation": "text",
                        "props": {"label": "A. Name", "hint": "First and last name."},
                        "x-formlint-ignore": "plain/simple-words",
                    },
                    {
                        "id": "contactPhone",
                        "type": "text",
                        "validation": "textOptional",
                        "props": {"label": "B. Phone"},
                    },
                    {
                        "id": "resubmit",
                        "type": "radio",
                        "validation": "radio",
                        "props": {
                            "label": "C. Resubmission?",
                            "hint": [
                                {"type": "html", "content": "Read the <b>rules</b> in "},
                                {"type": "externalLink", "content": "the guide", "props": {"href": "https://x.gov"}},
                                {"type": "html", "content": "."},
                            ],
                            "choices": [
                                {
                                    "id": "y1",
                                    "label": "Yes",
                                    "children": [
                                        {
                                            "id": "why",
                                            "type": "textarea",
                                            "validation": {"type": "text", "parentFieldName": "resubmit"},
                                        },
                                    ],
                                },
                                {"id": "n1", "label": "No"},
                            ],
                        },
                    },
                    {"id": "when", "type": "date", "validation": "dateOptional", "props": {"label": "D. Date"}},
                ],
            },
        }
    ],
}


def test_mdct_template() -> None:
    text = json.dumps(MDCT, indent=2)
    doc = read_text(text, "report.json")
    facts = schema_facts(doc)
    assert facts.flavour == "mdct" and doc.metadata["flavour"] == "mdct"
    assert doc.title == "Test Report"
    keys = [f.attributes["key"] for f in doc.fields]
    assert keys == ["contactName", "contactPhone", "resubmit", "why", "when"]
    name = field_by_key(doc, "contactName")
    assert name.id == "/routes/0/form/fields/1"
    assert name.label == "A. Name" and name.required is True and name.hint == "First and last name."
    assert name.group == "1. People"
    assert field_by_key(doc, "contactPhone").type is FieldType.PHONE
    assert field_by_key(doc, "contactPhone").required is False
    radio = field_by_key(doc, "resubmit")
    assert radio.type is FieldType.RADIO and radio.options == ["Yes", "No"]
    assert radio.hint == "Read the rules in the guide."
    why = field_by_key(doc, "why")
    assert why.type is FieldType.TEXTAREA and why.label == "Yes" and why.attributes["label_inferred"] is True
    assert why.required is False and why.attributes["conditionally_required"] is True
    assert why.attributes["parent_field"] == radio.id
    assert field_by_key(doc, "when").type is FieldType.DATE
    roles = {b.text: b.role for b in doc.blocks}
    assert roles["Test Report"] is Role.TITLE
    assert roles["1. People"] is Role.HEADING
    assert roles["Tell us who to call."] is Role.PARAGRAPH
    assert roles["PRA OMB No. 0938-0920."] is Role.NOTICE
    assert roles["A. Name"] is Role.LABEL
    assert roles["Yes"] is Role.OPTION
    assert roles["Read the rules in the guide."] is Role.HINT
    assert "Add contact" not in roles  # button captions are not prose
    for loc_field in doc.fields:
        line = line_of(text, loc_field.location.line)  # type: ignore[arg-type]
        assert line[loc_field.location.column - 1 :].startswith('"id"')  # type: ignore[operator]
    assert _check_anchors(doc, text) > 100
    (ignore,) = doc.suppressions
    assert ignore.pointer == name.id
    tied = [b for b in doc.blocks if b.field_id == name.id]
    assert len(tied) == 2 and all(ignore.covers("plain/simple-words", b.location) for b in tied)
    assert not ignore.covers("plain/simple-words", radio.location)


# ======================================================================================
# fixtures
# ======================================================================================


def test_bad_fixture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "jsonschema" / "benefit-application-bad.schema.json"
    text = path.read_text(encoding="utf-8")
    doc = read_jsonschema(path.read_bytes(), str(path), OPTIONS)
    fld1 = field_by_key(doc, "fld1")
    assert fld1.attributes["label_inferred"] and fld1.attributes["key_opaque"] and fld1.accessible_name is None
    ssn = field_by_key(doc, "ssn")
    assert ssn.attributes["ref"] == "#/definitions/ssn" and ssn.required
    assert field_by_key(doc, "dateOfBirth").type is FieldType.DATE
    assert field_by_key(doc, "age").type is FieldType.NUMBER
    name_labels = {field_by_key(doc, k).label for k in ("first", "last", "firstName", "lastName")}
    assert name_labels == {"First name", "Last name"}
    prose = " ".join(b.text for b in doc.blocks)
    for phrase in ("utilize", "In the event that", "mail the original signed form", "wet signature is required"):
        assert phrase in prose
    longest = max((s for b in doc.blocks for s in b.text.split(". ")), key=lambda s: len(s.split()))
    assert len(longest.split()) > 40
    signature = field_by_key(doc, "signature")
    assert signature.type is FieldType.SIGNATURE
    office = field_by_key(doc, "officeUseOnly")
    assert [s.pointer for s in doc.suppressions] == [office.id]
    hint_block = next(b for b in doc.blocks if b.field_id == office.id and b.role is Role.HINT)
    assert doc.suppressions[0].covers("plain/simple-words", hint_block.location)
    assert not doc.suppressions[0].covers("plain/passive-voice", hint_block.location)
    assert _check_anchors(doc, text) > 50


def test_good_fixture(fixtures_dir: Path) -> None:
    path = fixtures_dir / "jsonschema" / "benefit-application-good.schema.json"
    doc = read_jsonschema(path.read_bytes(), str(path), OPTIONS)
    assert doc.fields and all(f.accessible_name and not f.attributes["label_inferred"] for f in doc.fields)
    assert not any(f.attributes.get("ref_concept") == "ssn" or "ssn" in f.attributes["key"].lower() for f in doc.fields)
    labels = [f.label for f in doc.fields]
    assert len(labels) == len(set(labels))
    assert all(len(s.split()) < 20 for b in doc.blocks for s in b.text.split(". "))
    assert doc.suppressions == []
    assert schema_facts(doc).unused_definitions == []


# ======================================================================================
# the shared corpus
# ======================================================================================

CORPUS_FILES = sorted(p.name for p in (CORPUS / "jsonschema").glob("*.json"))

# Minimum field counts (the reader finds at least these; see the report for exact counts).
# Every file in the corpus is a form definition: none is expected to raise NotAFormError.
MIN_FIELDS = {
    "cms-mdct-mlr.json": 40,
    "cms-mdct-naaar.json": 100,
    "va-21P-534EZ-schema.json": 5,
    "va-686C-674-schema.json": 200,
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_FILES or ["(corpus absent)"])
def test_corpus_file_reads(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / "jsonschema" / name
    if not path.exists():
        pytest.skip("corpus file absent")
    data = path.read_bytes()
    text = data.decode("utf-8")
    doc = read_jsonschema(data, str(path), OPTIONS)
    assert doc.format is Format.JSONSCHEMA
    assert len(doc.fields) >= MIN_FIELDS.get(name, 1)
    if name.startswith("va-"):
        assert len(doc.fields) > 0 and doc.metadata["flavour"] == "json-schema"
    ids = [f.id for f in doc.fields]
    assert len(ids) == len(set(ids)), "field ids must be unique"
    facts = schema_facts(doc)
    assert facts.truncated is None
    assert facts.external_refs == [] and facts.unresolved_refs == []
    lines = source_lines(text)
    for field in doc.fields:
        assert field.label, field.id
        assert field.id in facts.field_schemas
        loc = field.location
        assert loc.line is not None and loc.column is not None
        assert lines[loc.line - 1][loc.column - 1] == '"', field.id
        assert field.location.pointer == field.id
    for block in doc.blocks:
        assert block.text and block.text == block.text.strip()
        for anchor in block.anchors:
            char = block.text[anchor.offset]
            source_char = lines[anchor.line - 1][anchor.column - 1]  # type: ignore[operator]
            assert source_char == char or source_char in "\\<&" or char == " ", (block.text, anchor)


@pytest.mark.corpus
def test_corpus_va_labels_from_refs(corpus_dir: Path) -> None:
    doc = read_jsonschema((corpus_dir / "jsonschema" / "va-21P-534EZ-schema.json").read_bytes(), "534.json", OPTIONS)
    labels = [f.label for f in doc.fields]
    assert labels == ["First name", "Middle name", "Last name", "Suffix", "Veteran Social Security number"]
    assert doc.fields[3].options == ["Jr.", "Sr.", "II", "III", "IV"]
    doc = read_jsonschema((corpus_dir / "jsonschema" / "va-10-10CG-schema.json").read_bytes(), "cg.json", OPTIONS)
    ssn_fields = [f for f in doc.fields if f.attributes.get("ref_name") == "ssn"]
    assert len(ssn_fields) == 4 and {f.label for f in ssn_fields} == {"Social Security number or TIN"}
    assert sum(1 for f in doc.fields if f.type is FieldType.SIGNATURE) == 4


@pytest.mark.corpus
def test_corpus_gsa_identifier_titles(corpus_dir: Path) -> None:
    path = corpus_dir / "jsonschema" / "gsa-fac-GeneralInformation.schema.json"
    doc = read_jsonschema(path.read_bytes(), "g.json", OPTIONS)
    period = field_by_key(doc, "audit_period_covered")
    assert period.label == "AuditPeriod" and period.attributes["title_identifier_like"] is True
    assert field_by_key(doc, "auditee_email").type is FieldType.EMAIL
    assert field_by_key(doc, "is_usa_based").type is FieldType.CHECKBOX


def _blocks_text(blocks: list[TextBlock]) -> str:
    return " ".join(b.text for b in blocks)


@pytest.mark.corpus
def test_corpus_mdct_notice(corpus_dir: Path) -> None:
    doc = read_jsonschema((corpus_dir / "jsonschema" / "cms-mdct-mlr.json").read_bytes(), "mlr.json", OPTIONS)
    notices = [b for b in doc.blocks if b.role is Role.NOTICE]
    assert any("0938-0920" in b.text for b in notices)
    text = _blocks_text(doc.blocks)
    assert re.search(r"</?[a-z]+[^>]*>", text) is None  # tags are dropped
    assert "Children <19 years" in text  # a literal '<' is kept
