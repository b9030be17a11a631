"""Behaviour of the burden rules beyond their YAML examples: where they apply, severities,
one finding per request, the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from formlint.model import Format, Severity
from tests.conftest import FIXTURES
from tests.helpers import lint, run_json


def findings(text: str, rule: str, fmt: Format = Format.HTML, **config: object) -> list:  # type: ignore[type-arg]
    return [f for f in lint(text, rule, fmt=fmt, nlp=False, **config).findings if f.rule == rule]


PRIVACY = ("<p>Privacy Act Statement. Authority: 42 U.S.C. 405 lets us ask for your Social Security number. "
           "Purpose: we use this information to find your record. Routine uses: we may share it. Giving it is "
           "voluntary, but if you do not provide it we cannot process your claim.</p>")


def test_duplicate_identical_labels_are_an_error_and_differently_worded_a_warning() -> None:
    # "DOB (MM/DD/YYYY)" normalises to "date of birth": the same label, so an error (burden-rules.md)
    same = findings('<form><label for="a">Date of birth</label><input id="a"><label for="b">DOB (MM/DD/YYYY)'
                    '</label><input id="b"></form>', "burden/duplicate-field")
    assert [f.severity for f in same] == [Severity.ERROR] and same[0].location.field == "b" and same[0].text == "DOB (MM/DD/YYYY)"
    worded = findings('<form><label for="a">Date of birth</label><input id="a"><label for="b">Birth date'
                      '</label><input id="b"></form>', "burden/duplicate-field")
    assert [f.severity for f in worded] == [Severity.WARNING]
    assert 'already asked at "Date of birth"' in worded[0].message


def test_duplicates_on_exclusive_branches_or_for_other_people_are_not_flagged() -> None:
    branches = ('{"type": "object", "oneOf": ['
                '{"properties": {"mailAddress": {"type": "object", "properties": {"street": {"type": "string"}, '
                '"city": {"type": "string"}, "postalCode": {"type": "string"}}}}}, '
                '{"properties": {"homeAddress": {"type": "object", "properties": {"street": {"type": "string"}, '
                '"city": {"type": "string"}, "postalCode": {"type": "string"}}}}}]}')
    assert findings(branches, "burden/duplicate-field", Format.JSONSCHEMA) == []
    people = ('<form><label for="a">Your phone</label><input id="a" type="tel">'
              '<label for="b">Preparer\'s phone</label><input id="b" type="tel"></form>')
    assert findings(people, "burden/duplicate-field") == []


def test_an_address_asked_twice_is_one_finding_not_one_per_line() -> None:
    schema = ('{"type": "object", "properties": {'
              '"veteranAddress": {"type": "object", "properties": {"street": {"type": "string"}, '
              '"street2": {"type": "string"}, "city": {"type": "string"}, "postalCode": {"type": "string"}}}, '
              '"veteran": {"type": "object", "properties": {"address": {"type": "object", "properties": {'
              '"street": {"type": "string"}, "city": {"type": "string"}, "postalCode": {"type": "string"}}}}}}}')
    found = findings(schema, "burden/duplicate-field", Format.JSONSCHEMA)
    assert len(found) == 1 and "address" in found[0].message


def test_header_identifiers_are_info_apart_from_duplicates() -> None:
    bad = FIXTURES / "pdf" / "benefit-application-bad.pdf"
    _, data = run_json(str(bad), "--no-nlp", "--select", "burden/repeated-header-identifier,burden/duplicate-field")
    rules = [(f["rule"], f["severity"], f["page"]) for f in data["files"][0]["findings"]]
    assert rules == [("burden/repeated-header-identifier", "info", 2)]


def test_derivations() -> None:
    assert [f.text for f in findings(
        '<form><label for="d">Date of birth</label><input id="d" type="date">'
        '<label for="o">Are you 65 or older?</label><input id="o" type="checkbox"></form>',
        "burden/derivable-field")] == ["Are you 65 or older?"]
    zip_finding = findings('<form><label for="s">Street address</label><input id="s"><label for="c">City</label>'
                           '<input id="c"><label for="t">State</label><input id="t"><label for="z">ZIP code</label>'
                           '<input id="z"></form>', "burden/derivable-field")
    assert [(f.severity, f.text) for f in zip_finding] == [(Severity.INFO, "City")]
    totals = findings('{"type": "object", "properties": {"assets": {"type": "object", "properties": {'
                      '"cash": {"type": "number"}, "stocks": {"type": "number"}, "totalAssets": {"type": "number"}}}}}',
                      "burden/derivable-field", Format.JSONSCHEMA)
    assert [f.location.pointer for f in totals] == ["/properties/assets/properties/totalAssets"]


def test_city_from_zip_once_per_city_never_from_a_foreign_postal_code() -> None:
    def pointers(address: str) -> list[str]:
        schema = '{"type": "object", "properties": {"address": {"type": "object", "properties": {%s}}}}' % address
        return [f.location.pointer for f in findings(schema, "burden/derivable-field", Format.JSONSCHEMA)]

    city = '"city": {"type": "string"}'
    # A ZIP code and a postal code for one address: the city is reported once, not twice.
    assert pointers(city + ', "zipCode": {"type": "string"}, "postalCode": {"type": "string"}') == [
        "/properties/address/properties/city"]
    # A foreign postal code tells nothing about the city.
    assert pointers(city + ', "foreignPostalCode": {"type": "string"}') == []


def test_a_shared_address_definition_is_reported_once_where_it_is_defined() -> None:
    schema = json.dumps({
        "type": "object",
        "definitions": {"address": {"type": "object", "properties": {
            "city": {"type": "string"}, "state": {"type": "string"}, "postalCode": {"type": "string"}}}},
        "properties": {
            "applicant": {"type": "object", "properties": {"address": {"$ref": "#/definitions/address"}}},
            "veteran": {"type": "object", "properties": {"address": {"$ref": "#/definitions/address"}}},
            "mailing": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}}},
    }, indent=1)
    found = findings(schema, "burden/derivable-field", Format.JSONSCHEMA)
    # Three addresses, two places to fix: the shared definition once, the third address once.
    assert len(found) == 2
    assert len({(f.location.line, f.location.column) for f in found}) == 2


def test_city_from_zip_names_the_city_of_the_same_address() -> None:
    # Two addresses side by side at a schema's top level read as one instance; each code's
    # city is the one whose key is most like its own.
    schema = ('{"type": "object", "properties": {"birthCity": {"type": "string"}, "birthPostalCode": '
              '{"type": "string"}, "otherAddressCity": {"type": "string"}, "otherAddressPostalCode": '
              '{"type": "string"}}}')
    pointers = sorted(f.location.pointer for f in findings(schema, "burden/derivable-field", Format.JSONSCHEMA))
    assert pointers == ["/properties/birthCity", "/properties/otherAddressCity"]


def test_ssn_in_three_boxes_is_one_finding_with_severity_from_the_privacy_statement() -> None:
    boxes = ('<form><label for="s1">Social Security number</label><input id="s1" maxlength="3">'
             '<input id="s2" maxlength="2" aria-label="Social Security number, middle 2 digits">'
             '<input id="s3" maxlength="4" aria-label="Social Security number, last 4 digits"></form>')
    bare = findings(boxes, "burden/ssn-request")
    assert len(bare) == 1 and bare[0].severity is Severity.ERROR and "3 boxes" in bare[0].message
    explained = findings(PRIVACY + boxes, "burden/ssn-request")
    assert [f.severity for f in explained] == [Severity.INFO]
    partial = findings("<p>Privacy Act Statement. Purpose: we use this information to find you. Routine uses: we "
                       "may share it.</p>" + boxes, "burden/ssn-request")
    assert [f.severity for f in partial] == [Severity.WARNING]
    assert "mandatory or voluntary" in partial[0].message


def test_a_form_in_another_language_is_not_told_its_privacy_statement_is_missing() -> None:
    """The statements are found by their English wording: a Spanish form's "Declaración de la Ley de
    Privacidad" is not read, so the SSN request is noted, but the statement is not called missing."""
    form = ('<html lang="{lang}"><body><p>Declaración de la Ley de Privacidad: usamos su número para '
            'identificarle.</p><form><label for="s">Número de Seguro Social</label><input id="s" name="ssn">'
            '</form></body></html>')
    (spanish,) = findings(form.format(lang="es-US"), "burden/ssn-request")
    assert spanish.severity is Severity.INFO and "in English only" in spanish.message
    (undeclared,) = findings(form.format(lang=""), "burden/ssn-request")
    assert undeclared.severity is Severity.ERROR and "has no Privacy Act statement" in undeclared.message


def test_guidance_that_talks_about_ssns_and_signatures_is_not_a_form() -> None:
    text = ("# Social Security number\n\nAsk for a Social Security number only if you need it. An e-signature has "
            "the same legal weight as a handwritten signature.\n\nOMB control numbers belong on every form.\n")
    result = lint(text, "burden", fmt=Format.MARKDOWN, nlp=False)
    assert result.findings == []
    assert result.stats["form"] == "document"


def test_pra_rules_apply_to_forms_skip_changes_of_address_and_follow_pra_applicable() -> None:
    form = ('<form><label for="n">Full name</label><input id="n"><label for="i">Household income</label>'
            '<input id="i" type="number"><label for="h">Household size</label><input id="h" type="number">'
            '<label for="r">Monthly rent</label><input id="r" type="number"></form>')
    assert [f.severity for f in findings(form, "burden/pra-omb-number-missing")] == [Severity.WARNING]
    address = ('<form><label for="n">Full name</label><input id="n"><label for="s">Street address</label>'
               '<input id="s"><label for="z">ZIP code</label><input id="z"></form>')
    assert findings(address, "burden/pra-omb-number-missing") == []
    forced = findings(address, "burden/pra-omb-number-missing",
                      rules={"burden/pra-omb-number-missing": {"pra-applicable": "yes"}})
    assert [f.severity for f in forced] == [Severity.ERROR]
    schema = '{"type": "object", "properties": {"fullName": {"type": "string"}, "income": {"type": "number"}}}'
    assert [f.severity for f in findings(schema, "burden/pra-omb-number-missing", Format.JSONSCHEMA)] == [Severity.INFO]


def test_privacy_act_missing_is_an_error_when_an_ssn_is_asked() -> None:
    form = ('<form><label for="n">Full name</label><input id="n"><label for="s">Social Security number</label>'
            '<input id="s"></form>')
    assert [f.severity for f in findings(form, "burden/privacy-act-statement-missing")] == [Severity.ERROR]
    assert findings(PRIVACY + form, "burden/privacy-act-statement-missing") == []


def test_mismatch_thresholds_are_parameters() -> None:
    form = ('<form><p>We estimate that it will take about 2 minutes to complete this form.</p>'
            '<label for="n">Full name</label><input id="n"><label for="e">Email</label><input id="e" type="email">'
            '</form>')
    assert [f.severity for f in findings(form, "burden/burden-estimate-mismatch")] == [Severity.INFO]
    assert findings(form, "burden/burden-estimate-mismatch",
                    rules={"burden/burden-estimate-mismatch": {"overstated": 10.0}}) == []


def test_already_held_is_a_warning_only_when_the_form_has_the_ssn_to_look_it_up() -> None:
    number = '<form><label for="v">VA file number</label><input id="v"></form>'
    assert [f.severity for f in findings(number, "burden/information-already-held")] == [Severity.INFO]
    with_ssn = number.replace("</form>", '<label for="s">Social Security number</label><input id="s"></form>')
    assert [f.severity for f in findings(with_ssn, "burden/information-already-held")] == [Severity.WARNING]


def test_another_persons_number_is_not_looked_up_from_the_applicants_ssn() -> None:
    form = ('<form><label for="s">Your Social Security number</label><input id="s">'
            '<label for="a">Your A-Number</label><input id="a">'
            "<label for=\"p\">Your spouse's A-Number</label><input id=\"p\"></form>")
    found = {f.text: (f.severity, f.message.split(": ", 1)[1]) for f in findings(form, "burden/information-already-held")}
    assert found == {
        "Your A-Number": (Severity.WARNING, "look it up from the Social Security number the form already asks for."),
        "Your spouse's A-Number": (Severity.INFO, "look it up in the agency's records of that person, or prefill it."),
    }


def good_and_bad() -> tuple[list[Path], list[Path]]:
    forms = [p for p in FIXTURES.rglob("*") if p.suffix in (".pdf", ".html", ".json", ".md", ".txt")]
    return [p for p in forms if "-good." in p.name], [p for p in forms if "-bad." in p.name]


def test_good_fixtures_have_no_burden_findings_at_warning_or_above() -> None:
    good, _ = good_and_bad()
    _, data = run_json(*map(str, good), "--no-nlp", "--select", "burden")
    serious = [(f["rule"], file["path"]) for file in data["files"] for f in file["findings"]
               if f["severity"] in ("warning", "error")]
    assert serious == []


def test_bad_fixtures_show_every_burden_rule() -> None:
    _, bad = good_and_bad()
    _, data = run_json(*map(str, bad), "--no-nlp", "--select", "burden")
    fired = {f["rule"] for file in data["files"] for f in file["findings"]}
    expected = {
        "burden/duplicate-field", "burden/repeated-header-identifier", "burden/derivable-field",
        "burden/ssn-request", "burden/privacy-act-statement-missing", "burden/pra-omb-number-missing",
        "burden/pra-expiration-missing", "burden/pra-burden-statement-missing", "burden/burden-estimate-mismatch",
        "burden/physical-signature", "burden/physical-document", "burden/in-person-requirement",
        "burden/information-already-held", "burden/pra-expired", "burden/pra-display-statement-missing",
        "burden/confirm-reentry", "burden/unnecessary-required-field", "burden/maiden-name",
    }
    assert expected <= fired


def _pdf_findings(rule: str, *fields: tuple[str, str | None, str | None, str]) -> list:  # type: ignore[type-arg]
    """``rule``'s findings on a PDF form of fields: (full name, label beside it, XFA name, type)."""
    from formlint.engine import lint_document
    from formlint.model import Document, Field, FieldType, Location, Role, TextBlock
    from tests.helpers import runtime_for

    made = [Field(id=name, type=FieldType(kind), location=Location("f.pdf", page=1, field=name), label=label,
                  attributes={"xfa_name": xfa})
            for name, label, xfa, kind in fields]
    text = "Application for benefits. Fill in every line. Sign and date the form."
    doc = Document(path="f.pdf", format=Format.PDF, page_count=1, fields=made,
                   blocks=[TextBlock(text=text, role=Role.PARAGRAPH, location=Location("f.pdf", page=1))])
    return [f for f in lint_document(doc, runtime_for(rule, nlp=False)).findings if f.rule == rule]


def test_a_pdf_total_is_derivable_only_where_the_form_adds_lines() -> None:
    found = _pdf_findings(
        "burden/derivable-field",
        ("f1", None, "1a. Wages.", "number"), ("f2", None, "1b. Tips.", "number"),
        ("f3", None, "19. Total wages, salaries, bonuses, commissions, etc.", "number"),
        ("f4", None, "20. Total income exempt by a treaty from page 5, item m.", "number"),
        ("f5", None, "21. Add lines 1a through 20.", "number"),
    )
    # "Total wages" is copied from the W-2s; only line 21 is added up on the form, and the
    # message says it adds lines, not "the 4 amounts listed with it".
    assert [f.location.field for f in found] == ["f5"]
    assert "from the lines it adds" in found[0].message


def test_one_ssn_finding_per_table_of_dependents_quoting_the_xfa_name() -> None:
    found = _pdf_findings(
        "burden/ssn-request",
        ("Page1.f1_06", "Your social security number", None, "text"),
        ("Page1.f1_09", "Spouse's social security number", None, "text"),
        *[(f"Page1.Table_Dependents.Row{n}.f1_{20 + n}", "number",
           f"Row: {n}. Column: (2) Social security number.", "text") for n in (1, 2, 3, 4)],
    )
    messages = [f.message for f in found]
    assert len(messages) == 3, messages  # you, the spouse, and the dependents' column once
    dependents = [m for m in messages if "dependent" in m]
    # The label beside the box is the end of a line ("number"): the XFA name says more.
    assert len(dependents) == 1 and "(4 rows of a table)" in dependents[0]
    assert '"Row: 1. Column: (2) Social security number."' in dependents[0]



def test_a_full_name_of_someone_else_is_not_derivable_from_your_name_parts() -> None:
    # Form 1040 (2025): "... check the box and enter their name" below "Your first name".
    form = ('<form><label for="f">Your first name</label><input id="f">'
            '<label for="l">Your last name</label><input id="l">'
            '<label for="n">If you check this box, enter their full name</label><input id="n"></form>')
    assert findings(form, "burden/derivable-field") == []
    assert findings(form.replace("enter their full name", "enter your full name"), "burden/derivable-field")


def test_guidance_is_checked_without_loading_the_data_element_taxonomy() -> None:
    """The taxonomy's patterns cost a cold run time; only fields and flat forms need them."""
    import subprocess
    import sys

    code = ("from formlint.config import Config\n"
            "from formlint.engine import Runtime, lint_text\n"
            "from formlint.classify import default_taxonomy\n"
            "from formlint.model import Format\n"
            "runtime = Runtime.create(Config(nlp=False))\n"
            "result = lint_text('# Apply\\n\\nYou must apply in person at our office.\\n', Format.MARKDOWN, runtime)\n"
            "print(len(result.findings) > 0, default_taxonomy.cache_info().currsize)\n"
            "lint_text('{\"type\": \"object\", \"properties\": {\"ssn\": {\"type\": \"string\", "
            "\"title\": \"Social Security number\"}}}', Format.JSONSCHEMA, runtime)\n"
            "print(default_taxonomy.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout
    assert out.split() == ["True", "0", "1"]


def test_a_long_field_name_keeps_the_sentences_that_tell_fields_apart() -> None:
    """I-765: two ZIP code fields on page 5 were both quoted as "Part 5. Contact Information,
    Declaration, and Signature of the Person Prepari..." and "Part 4. Interpreter's ..."."""
    from formlint.checks.burden import _shortened

    name = ("Part 5. Contact Information, Declaration, and Signature of the Person Preparing this Application, "
            "If Other Than the Applicant. Preparer's Mailing Address. 3. E. Enter the ZIP code.")
    assert _shortened(name) == "...Preparer's Mailing Address. 3. E. Enter the ZIP code."
    label = "A label without a sentence break that goes on and on for more than eighty characters in all of it"
    assert _shortened(label) == label[:77] + "..."


def test_the_display_sentence_is_looked_for_only_in_a_notice_the_form_prints() -> None:
    rule = "burden/pra-display-statement-missing"
    fields = "<label for='n'>Full name</label><input id='n'><label for='i'>Income</label><input id='i' type='number'>"
    own = "<p>OMB No. 1123-0014</p><p>Public reporting burden is estimated to average 60 minutes per response.</p>"
    found = findings(f"<form>{own}{fields}</form>", rule)
    assert [f.severity for f in found] == [Severity.WARNING]
    assert found[0].location.line == 1 and found[0].location.column == own.index("burden is") + len("<form>") + 1
    said = own + "<p>An agency may not conduct or sponsor a collection unless it displays a valid OMB number.</p>"
    assert findings(f"<form>{said}{fields}</form>", rule) == []
    elsewhere = "<p>OMB No. 1545-0074. For Paperwork Reduction Act Notice, see separate instructions.</p>"
    assert findings(f"<form>{elsewhere}{fields}</form>", rule) == []
    time_only = "<p>It takes about 10 minutes.</p>"  # no control number: the PRA may not apply
    assert findings(f"<form>{time_only}{fields}</form>", rule) == []


def test_a_page_of_a_few_questions_may_be_one_step_of_a_service_so_missing_statements_are_info() -> None:
    step = ('<form><label for="n">Full name</label><input id="n"><label for="e">Email address</label>'
            '<input id="e" type="email"><label for="i">Household income</label><input id="i" type="number"></form>')
    for rule in ("burden/pra-omb-number-missing", "burden/pra-burden-statement-missing",
                 "burden/privacy-act-statement-missing"):
        assert [f.severity for f in findings(step, rule)] == [Severity.INFO], rule
    never = findings(step, "burden/pra-omb-number-missing",
                     rules={"burden/pra-omb-number-missing": {"step-questions": 0}})
    assert [f.severity for f in never] == [Severity.WARNING]
    forced = findings(step, "burden/pra-omb-number-missing",
                      rules={"burden/pra-omb-number-missing": {"pra-applicable": "yes"}})
    assert [f.severity for f in forced] == [Severity.ERROR]  # the owner says the PRA applies to this page
    ssn = ('<form><label for="n">Full name</label><input id="n"><label for="s">Social Security number</label>'
           '<input id="s"></form>')
    assert [f.severity for f in findings(ssn, "burden/privacy-act-statement-missing")] == [Severity.ERROR]
