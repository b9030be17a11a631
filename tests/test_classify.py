"""The field classifier: data element and subject of every field, from labels, keys,
autocomplete tokens and containers, in every form format."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.classify import Taxonomy, TaxonomyError, classify_document, normalise, split_key
from formlint.model import Format
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from tests.conftest import FIXTURES
from tests.helpers import run_json


def classify(text: str, fmt: Format) -> dict[str, tuple[str | None, str | None]]:
    doc = read_document(text.encode(), "<test>", fmt, ReadOptions())
    return {c.field.id: (c.element, c.subject) for c in classify_document(doc)}


def html(body: str) -> dict[str, tuple[str | None, str | None]]:
    return classify(f"<form>{body}</form>", Format.HTML)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Date of Birth (MM/DD/YYYY)", "date of birth"),
        ("*DOB:", "date of birth"),
        ("3. SSN", "social security number"),
        ("Soc. Sec. No.", "social security number"),
        ("ZIP+4", "zip code"),
        ("Please enter your email address (optional)", "email address"),
        ("Tel. (include area code)", "telephone"),
    ],
)
def test_labels_are_normalised(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_keys_are_split_from_camel_case_and_xfa_names() -> None:
    assert split_key("veteranDateOfBirth") == "veteran date of birth"
    assert split_key("S2B_ZipCode[0]") == "s 2 b zip code"
    assert split_key("spouseSSN") == "spouse social security number"


def test_labels_keys_and_autocomplete_tokens_give_the_element() -> None:
    found = html(
        '<label for="a">Date of birth (MM/DD/YYYY)</label><input id="a">'
        '<label for="b">Given name</label><input id="b">'
        '<input id="c" autocomplete="family-name" aria-label="Surname or family name">'
        '<label for="d">ZIP code</label><input id="d">'
        '<label for="e">Your signature</label><input id="e" autocomplete="name">'
        '<label for="f">Tell us about your household</label><textarea id="f"></textarea>'
    )
    assert found["a"] == ("date_of_birth", "applicant")
    assert found["b"][0] == "first_name"
    assert found["c"][0] == "last_name"
    assert found["d"][0] == "postal_code"
    assert found["e"][0] == "signature"  # autocomplete="name" on a typed signature is still a signature
    assert found["f"][0] is None


def test_subjects_come_from_possessives_and_containers() -> None:
    found = html(
        '<label for="a">Spouse\'s date of birth</label><input id="a">'
        '<fieldset><legend>Your child</legend><label for="b">Date of birth</label><input id="b"></fieldset>'
        '<label for="c">Preparer\'s phone number</label><input id="c" type="tel">'
        '<label for="d">Employer Identification Number</label><input id="d">'
    )
    assert found["a"] == ("date_of_birth", "spouse")
    assert found["b"] == ("date_of_birth", "child")
    assert found["c"] == ("phone", "preparer")
    assert found["d"] == ("ein", "applicant")  # "Employer" here names the number, not a person


def test_a_possessive_inside_an_elements_words_still_names_whose_it_is() -> None:
    found = html(
        '<label for="a">Confirm your spouse\'s email address</label><input id="a" type="email">'
        '<label for="b">Confirm your email address</label><input id="b" type="email">'
        '<label for="c">Re-enter the preparer\u2019s email</label><input id="c" type="email">'
    )
    assert found["a"] == ("email_confirm", "spouse")
    assert found["b"] == ("email_confirm", "applicant")
    assert found["c"] == ("email_confirm", "preparer")


def test_json_schema_keys_refs_and_paths() -> None:
    schema = """{"type": "object", "definitions": {"ssn": {"type": "string"}},
      "properties": {
        "veteranSocialSecurityNumber": {"$ref": "#/definitions/ssn"},
        "spouseInformation": {"type": "object", "properties": {"dateOfBirth": {"type": "string", "format": "date"}}},
        "children": {"type": "array", "items": {"type": "object", "properties": {"fullName": {"type": "string"}}}},
        "isOver65": {"type": "boolean"},
        "noSsnReason": {"type": "string", "title": "Reason you have no Social Security number"}}}"""
    doc = read_document(schema.encode(), "<t>", Format.JSONSCHEMA, ReadOptions())
    by_key = {c.field.attributes["key"]: c for c in classify_document(doc)}
    assert (by_key["veteranSocialSecurityNumber"].element, by_key["veteranSocialSecurityNumber"].subject) == (
        "ssn", "veteran")
    assert (by_key["dateOfBirth"].element, by_key["dateOfBirth"].subject) == ("date_of_birth", "spouse")
    child = by_key["fullName"]
    assert (child.element, child.subject, child.block) == ("full_name", "child", "children[]")
    assert by_key["isOver65"].element == "age"
    assert by_key["noSsnReason"].element is None  # "have no SSN" is not a request for one


def test_a_bare_identifier_key_in_a_group_of_amounts_is_an_amount() -> None:
    # VA Form 5655: "deductions/socialSecurity" is the Social Security tax taken from pay.
    schema = """{"type": "object", "properties": {
        "deductions": {"type": "object", "properties": {"socialSecurity": {"type": "string"}}},
        "personalIdentification": {"type": "object", "properties": {"socialSecurity": {"type": "string"}}}}}"""
    doc = read_document(schema.encode(), "<t>", Format.JSONSCHEMA, ReadOptions())
    elements = {c.field.id: c.element for c in classify_document(doc)}
    assert elements["/properties/deductions/properties/socialSecurity"] is None
    assert elements["/properties/personalIdentification/properties/socialSecurity"] == "ssn"


def test_a_split_ssn_is_one_request_and_radio_options_one_question() -> None:
    doc = read_document((FIXTURES / "html" / "benefit-application-bad.html").read_bytes(), "bad.html",
                        Format.HTML, ReadOptions())
    items = {c.field.id: c for c in classify_document(doc)}
    boxes = [items[f"ssn-{i}"] for i in (1, 2, 3)]
    assert {b.element for b in boxes} == {"ssn"}
    assert len({b.request for b in boxes}) == 1
    assert items["ssn"].request != boxes[0].request  # the second SSN field is a second request
    radios = [items[i] for i in ("housing-rent", "housing-own", "housing-other")]
    assert len({r.question for r in radios}) == 1


def test_pdf_tooltips_are_read_from_the_question_backwards(tmp_path: Path) -> None:
    doc = read_document((FIXTURES / "pdf" / "benefit-application-bad.pdf").read_bytes(), "bad.pdf", Format.PDF,
                        ReadOptions())
    items = {c.field.id: c for c in classify_document(doc)}
    assert items["email"].element == "email"
    assert {items[f"ssn_{i}"].element for i in (1, 2, 3)} == {"ssn"}
    assert len({items[f"ssn_{i}"].request for i in (1, 2, 3)}) == 1


def test_a_broken_taxonomy_file_is_a_clear_error(tmp_path: Path) -> None:
    elements = tmp_path / "e.tsv"
    elements.write_text("element\tlabel\tgroup\tshape\tburden_type\trecall\tsensitivity\tpart_of\tderivable_from\t"
                        "label_regex\tkey_regex\tautocomplete\nx\tX\tg\tvalue\ttext_short\tmemorized\tlow\t\t\t(\t\t\n")
    subjects = tmp_path / "s.tsv"
    subjects.write_text("subject\tregex\nyou\t\\byou\\b\n")
    with pytest.raises(TaxonomyError, match="row 1"):
        Taxonomy.load(elements, subjects)


def test_check_json_lists_element_and_subject_per_field() -> None:
    _, data = run_json(str(FIXTURES / "jsonschema" / "benefit-application-bad.schema.json"), "--no-nlp")
    rows = data["files"][0]["stats"]["data_elements"]
    assert all(set(r) == {"field", "element", "subject"} for r in rows)
    by_field = {r["field"]: r for r in rows}
    assert by_field["/properties/ssn"]["element"] == "ssn"
    assert by_field["/properties/dateOfBirth"] == {"field": "/properties/dateOfBirth", "element": "date_of_birth",
                                                     "subject": "applicant"}
    assert by_field["/properties/fld1"]["element"] is None


def _pdf_form(*fields: tuple[str, str | None, str | None, int | None]) -> list:  # type: ignore[type-arg]
    """A PDF document of text fields: (full name, label beside the widget, XFA name, maxlen)."""
    from formlint.model import Document, Field, FieldType, Location

    made = [Field(id=name, type=FieldType.TEXT, location=Location("f.pdf", page=1), label=label,
                  attributes={"xfa_name": xfa, "maxlen": maxlen})
            for name, label, xfa, maxlen in fields]
    return classify_document(Document(path="f.pdf", format=Format.PDF, fields=made))


def test_a_pdf_field_without_tooltip_is_read_from_its_xfa_name() -> None:
    # Form 1040 (2025): the text beside the widget is the end of a line; the XFA name is whole.
    items = {c.field.id: c for c in _pdf_form(
        ("f1_17", "If joint return, spouse's first name and middle initial", None, None),
        ("f1_28", "and full name here:", "Enter spouse's S S N above and full name here:", None),
        ("f2_22", "enter their SSN (see instructions):",
         "26. If you made estimated tax payments with your former spouse in 2025, enter their S S N", 9),
        ("f2_47", "PTIN", "P T I N.", None),
    )}
    assert (items["f1_28"].element, items["f1_28"].subject) == ("full_name", "spouse")
    assert (items["f2_22"].element, items["f2_22"].subject) == ("ssn", "spouse")
    assert items["f2_47"].element is None  # a preparer's PTIN is not the filer's TIN


def test_address_lines_of_a_form_with_a_foreign_address_block() -> None:
    items = {c.field.id: c for c in _pdf_form(
        ("street", "Home address (number and street)", None, None),
        ("city", "City, town, or post office. If you have a foreign address, also complete spaces below.", None, None),
        ("state", "State", None, None),
        ("zip", "ZIP code", None, None),
        ("country", "Foreign country name", None, None),
        ("fpostal", "Foreign postal code", None, None),
    )}
    # The instruction about the spaces below is not what the city field asks, and a post
    # office is not a place of work.
    assert (items["city"].element, items["city"].qualifiers) == ("city", frozenset())
    assert "international" not in items["zip"].qualifiers
    assert (items["country"].element, items["country"].qualifiers) == ("country", frozenset({"international"}))
    assert "international" in items["fpostal"].qualifiers


def test_benefits_treated_as_social_security_are_not_an_ssn() -> None:
    (item,) = _pdf_form(("f2_4", "benefits treated as social security (see instructions) 13a",
                         "13. a. Nontaxable part of railroad retirement benefits treated as social security (see instructions).", None))
    assert item.element != "ssn"


def test_one_ssn_per_dependent_in_a_table_is_not_one_ssn_in_boxes() -> None:
    rows = _pdf_form(*[(f"Table.Row3.f1_{39 + n}", None, f"Row: (3) S S N. Column: Dependent {n + 1}.", 9)
                       for n in range(4)])
    assert [c.element for c in rows] == ["ssn"] * 4
    assert len({c.request for c in rows}) == 4 and all(c.part != "split" for c in rows)


def test_numbered_boxes_of_one_ssn_are_one_request_even_in_numbered_blocks() -> None:
    # DS-11: "Applicant SSN 1..3" (3, 2 and 4 digits) beside other fields numbered 1..3.
    items = _pdf_form(("Applicant Name 1", None, None, None), ("Applicant SSN 1", None, None, 3),
                      ("Applicant Name 2", None, None, None), ("Applicant SSN 2", None, None, 2),
                      ("Applicant SSN 3", None, None, 4), ("Applicant Name 3", None, None, None))
    ssn = [c for c in items if c.element == "ssn"]
    assert len(ssn) == 3 and len({c.request for c in ssn}) == 1


def test_their_name_is_another_persons_unless_the_label_names_the_filer() -> None:
    found = html('<label for="a">Your first name</label><input id="a">'
                 '<label for="b">If someone helped you, enter their full name</label><input id="b">'
                 '<label for="c">Applicants must enter their date of birth</label><input id="c">')
    assert found == {"a": ("first_name", "applicant"), "b": ("full_name", "other_person"),
                     "c": ("date_of_birth", "applicant")}


def test_a_huge_tooltip_is_read_from_its_last_2000_characters() -> None:
    # Patterns that look ahead to the end of the text made a 160 KB tooltip take 17 s (a
    # megabyte, minutes): only the end, where the question is, is read.
    from formlint.classify import MAX_FIELD_TEXT

    filler = "words of a notice " * 60_000
    (end,) = _pdf_form(("f1", filler + "Date of birth", None, None))
    (start,) = _pdf_form(("f2", "Date of birth. " + filler, None, None))
    assert len(filler) > 100 * MAX_FIELD_TEXT
    assert end.element == "date_of_birth" and start.element is None


def test_a_schemas_bare_date_is_the_date_of_its_object() -> None:
    schema = {"type": "object", "properties": {
        "veteranSignature": {"type": "object", "properties": {"signature": {"type": "string"},
                                                              "date": {"type": "string", "format": "date"}}},
        "currentMarriage": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}}},
        "deaths": {"type": "array", "items": {"type": "object",
                                              "properties": {"date": {"type": "string", "format": "date"}}}},
        "lengthOfRelease": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}}},
    }}
    import json

    found = {k.replace("/properties", "").replace("/items", ""): v[0]
             for k, v in classify(json.dumps(schema), Format.JSONSCHEMA).items()}
    # Only the signature's date is the date signed: a marriage, a death, a release end have their own.
    assert found["/veteranSignature/date"] == "date_signed"
    assert found["/currentMarriage/date"] == "date_of_marriage"
    assert found["/deaths/date"] == "date_of_death"
    assert found["/lengthOfRelease/date"] is None
