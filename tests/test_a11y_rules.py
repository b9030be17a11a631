"""The a11y/* pack: how its rules are declared, the engine features they use (tiers,
profiles, the password rule), the PDF facts behind them, and the autocomplete grammar."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from formlint.checks import autocomplete
from formlint.config import Config
from formlint.engine import Runtime, Target, lint_bytes, lint_text
from formlint.model import Format
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from tests.conftest import FIXTURES, ROOT
from tests.helpers import builtin_rules, runtime_for

A11Y = [r for r in builtin_rules() if r.id.startswith("a11y/")]
PDF_RULES = [r for r in A11Y if r.formats and Format.PDF in r.formats]
PDF_DIR = FIXTURES / "pdf"
CRITERION = re.compile(r"WCAG|PDF/UA|Matterhorn|USWDS|GOV\.UK|technique")


def lint_file(path: Path, *rule_ids: str, **config: Any) -> list[str]:
    runtime = runtime_for(*rule_ids, nlp=False, **config)
    result = lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime)
    return [f.rule for f in result.findings]


# --------------------------------------------------------------------------- declarations


@pytest.mark.parametrize("rule", A11Y, ids=[r.id for r in A11Y])
def test_every_message_names_a_criterion_and_every_rule_a_fix(rule: Any) -> None:
    assert CRITERION.search(rule.message), f"{rule.id}: the message should name the criterion it fails"
    assert rule.fix, f"{rule.id}: say how to fix it"
    assert rule.category == "accessibility"


@pytest.mark.parametrize("rule", PDF_RULES, ids=[r.id for r in PDF_RULES])
def test_pdf_rules_say_their_tier_and_use_generated_fixtures(rule: Any) -> None:
    assert f"{rule.tier.capitalize()} tier" in rule.why or f"{rule.tier} tier" in rule.why, rule.id
    # PDF examples are generated files (no inline PDF); a rule on other formats as well
    # (a11y/lang-mismatch) may show those inline, but flags at least one PDF.
    examples = (*rule.flag_examples, *rule.pass_examples)
    for example in examples:
        if example.file or example.format is Format.PDF:
            assert example.file and example.file.startswith("fixtures/forms/pdf/"), rule.id
    assert any(e.file and e.file.endswith(".pdf") for e in rule.flag_examples), rule.id


def test_html_rules_mirror_axe_names() -> None:
    html = {r.id for r in A11Y if r.id.startswith("a11y/html-")}
    for axe_id in ("label", "select-name", "button-name", "input-button-name", "input-image-alt", "image-alt",
                   "aria-input-field-name", "label-title-only", "autocomplete-valid", "duplicate-id-aria",
                   "html-has-lang", "html-lang-valid", "document-title"):
        name = axe_id if axe_id.startswith("html-") else f"html-{axe_id}"
        assert f"a11y/{name}" in html


# --------------------------------------------------------------------------- engine features


def test_password_protected_pdf_is_reported_by_the_a11y_rule_once() -> None:
    path = PDF_DIR / "a11y" / "password-required.pdf"
    assert lint_file(path, "a11y", "io") == ["a11y/pdf-password-required"]


def test_password_protected_pdf_falls_back_to_io_unreadable_when_a11y_is_off() -> None:
    path = PDF_DIR / "a11y" / "password-required.pdf"
    assert lint_file(path, "plain", "io") == ["io/unreadable"]
    runtime = Runtime.create(Config(select=("a11y", "io"), ignore=("a11y/pdf-password-required",), nlp=False))
    result = lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime)
    assert [f.rule for f in result.findings] == ["io/unreadable"]
    assert "password" in result.findings[0].message


def test_deep_rules_run_only_in_the_deep_tier() -> None:
    path = PDF_DIR / "benefit-application-bad.pdf"
    assert lint_file(path, "a11y/pdf-font-not-embedded") == []
    assert lint_file(path, "a11y/pdf-font-not-embedded", deep=True) == ["a11y/pdf-font-not-embedded"] * 2


def test_profile_rules_run_only_under_their_profile() -> None:
    html = '<form><label for="n">Full name *</label><input id="n" required autocomplete="name"></form>'
    govuk = lint_text(html, Format.HTML, runtime_for("a11y/html", nlp=False, profile="govuk"))
    uswds = lint_text(html, Format.HTML, runtime_for("a11y/html", nlp=False, profile="uswds"))
    assert [f.rule for f in govuk.findings] == ["a11y/html-govuk-no-asterisk"]
    assert [f.rule for f in uswds.findings] == ["a11y/html-asterisk-not-explained"]


def test_profile_is_validated_on_rule_files(tmp_path: Path) -> None:
    from formlint.rulepacks import RuleError, load_rule_file
    from formlint.checks import load_kinds

    text = (ROOT / "rules" / "a11y" / "html-govuk-no-asterisk.yaml").read_text().replace("profile: govuk", "profile: nhs")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RuleError, match="profile must be one of uswds, govuk"):
        load_rule_file(path, load_kinds())


def test_unknown_check_name_is_a_rule_error(tmp_path: Path) -> None:
    from formlint.rulepacks import RuleError, load_rule_file
    from formlint.checks import load_kinds

    text = (ROOT / "rules" / "a11y" / "pdf-no-lang.yaml").read_text().replace("check: no-lang", "check: no-langauge")
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RuleError, match="'check' must be one of"):
        load_rule_file(path, load_kinds())


def test_findings_name_the_element() -> None:
    html = (FIXTURES / "html" / "a11y-defects.html").read_text()
    result = lint_text(html, Format.HTML, runtime_for("a11y/html", nlp=False), path="defects.html")
    assert result.findings and all(f.location.line and f.location.column for f in result.findings)
    path = PDF_DIR / "a11y" / "tagged-defects.pdf"
    runtime = runtime_for("a11y/pdf", nlp=False, deep=True)
    pdf = lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime)
    document_level = {"a11y/pdf-bad-lang", "a11y/pdf-no-title", "a11y/pdf-not-marked", "a11y/pdf-suspects",
                      "a11y/pdf-title-not-displayed", "a11y/pdf-no-pdfua-id"}
    for finding in pdf.findings:
        assert finding.rule in document_level or finding.location.page, finding.rule
    widgets = [f for f in pdf.findings if f.rule == "a11y/pdf-widget-not-in-form-tag"]
    assert {f.location.field for f in widgets} == {"agree", "leftover_field"}
    assert all(f.location.bbox for f in widgets)


def test_field_without_name_offers_the_xfa_name_then_the_visible_label() -> None:
    xfa = lint_file(PDF_DIR / "xfa-form.pdf", "a11y/pdf-field-no-name")
    assert len(xfa) == 4
    runtime = runtime_for("a11y/pdf-field-no-name", nlp=False)
    path = PDF_DIR / "xfa-form.pdf"
    result = lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime)
    offers = {f.location.field.rsplit(".", 1)[-1]: f.suggestions for f in result.findings}
    assert offers["full_name[0]"][0] == "Your full legal name"  # <speak>
    assert offers["phone[0]"][0] == "Daytime phone number"  # <toolTip>
    assert offers["notes[0]"] == ["Notes"]  # no XFA name: the visible label
    bad = lint_bytes((PDF_DIR / "benefit-application-bad.pdf").read_bytes(),
                     Target(PDF_DIR / "benefit-application-bad.pdf", "bad.pdf", Format.PDF), runtime)
    text2 = next(f for f in bad.findings if f.location.field == "Text2")
    assert text2.suggestions == ["Full name"] and 'Suggested tooltip: "Full name"' in text2.message


# --------------------------------------------------------------------------- PDF facts


def test_structure_walk_finds_figures_through_the_rolemap() -> None:
    facts = read_pdf((PDF_DIR / "a11y" / "tagged-defects.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert facts is not None
    assert [(f.index, f.struct_type, f.alt) for f in facts.figures] == [
        (1, "Figure", None),
        (2, "Figure", "C:\\Users\\jdoe\\Pictures\\arrow_final.png"),
        (3, "InlineShape", None),
    ]
    assert all(f.page == 1 for f in facts.figures)
    assert facts.struct_elements > 10 and facts.form_elements == 3
    clean = read_pdf((PDF_DIR / "a11y" / "tagged-clean.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert clean is not None and all(f.alt for f in clean.figures) and len(clean.figures) == 3


def test_deep_fonts_count_visible_characters_only() -> None:
    facts = read_pdf((PDF_DIR / "a11y" / "tagged-defects.pdf").read_bytes(), "x.pdf", ReadOptions(deep=True)).pdf
    assert facts is not None
    fonts = {f.name: f for f in facts.pages[0].fonts or []}
    assert fonts["Helvetica"].chars > 100 and not fonts["Helvetica"].embedded
    fast = read_pdf((PDF_DIR / "a11y" / "tagged-defects.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert fast is not None and fast.pages[0].fonts is None


def test_encryption_permissions_of_the_fixtures() -> None:
    blocked = read_pdf((PDF_DIR / "a11y" / "encrypted-no-at.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    allowed = read_pdf((PDF_DIR / "a11y" / "encrypted-at-allowed.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert blocked is not None and allowed is not None
    assert blocked.encrypted and blocked.permissions == 0xFFFFFDEC and not blocked.accessibility_extraction_allowed
    assert allowed.encrypted and allowed.accessibility_extraction_allowed


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("formlint_pdf_fixture_generator_a11y", PDF_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


A11Y_FIXTURES = sorted(p.relative_to(PDF_DIR).as_posix() for p in (PDF_DIR / "a11y").glob("*.pdf"))


@pytest.mark.parametrize("name", A11Y_FIXTURES)
def test_a11y_fixtures_are_small_deterministic_and_current(name: str) -> None:
    build = _generator().A11Y_FIXTURES[name]
    fresh = build()
    assert build() == fresh, "the generator is not deterministic"
    on_disk = (PDF_DIR / name).read_bytes()
    assert len(on_disk) < 50_000
    if name.endswith("password-required.pdf"):
        assert fresh == on_disk or len(fresh) == len(on_disk)
        return
    runtime = runtime_for("a11y", nlp=False, deep=True)
    def rules(data: bytes) -> list[tuple[str, str | None]]:
        result = lint_bytes(data, Target(Path(name), name, Format.PDF), runtime)
        return [(f.rule, f.location.field) for f in result.findings]
    assert rules(fresh) == rules(on_disk), f"re-run generate.py ({name} is stale)"


def test_every_pdf_fixture_is_used_by_a_rule() -> None:
    used = {ex.file for r in PDF_RULES for ex in (*r.flag_examples, *r.pass_examples)}
    for name in A11Y_FIXTURES:
        assert f"fixtures/forms/pdf/{name}" in used, name


# --------------------------------------------------------------------------- autocomplete


@pytest.mark.parametrize("value", ["email", "section-a shipping postal-code", "work email", "home tel webauthn",
                                   "bday-month", "off", "on", "false", "EMAIL", "username webauthn"])
def test_valid_autocomplete_values(value: str) -> None:
    assert autocomplete.is_valid(value)


@pytest.mark.parametrize("value", ["e-mail", "work name", "postal code", "home", "webauthn", "billing",
                                   "email tel", "first-name"])
def test_invalid_autocomplete_values(value: str) -> None:
    assert not autocomplete.is_valid(value)


def test_autocomplete_purpose_must_suit_the_input_type() -> None:
    assert autocomplete.appropriate_for_type("email", "email")
    assert not autocomplete.appropriate_for_type("email", "number")
    assert autocomplete.appropriate_for_type("bday-day", "number")
    assert not autocomplete.appropriate_for_type("name", "email")
    assert autocomplete.appropriate_for_type("name", "weird-type")  # unknown types render as text
    assert autocomplete.appropriate_for_type("off", "checkbox")


@pytest.mark.parametrize(("label", "token"), [
    ("Email address", "email"), ("First name", "given-name"), ("Last name", "family-name"),
    ("Middle name", "additional-name"), ("Full name", "name"), ("Phone number", "tel"),
    ("Street address", "address-line1"), ("Apartment or suite", "address-line2"), ("City", "address-level2"),
    ("State", "address-level1"), ("ZIP code", "postal-code"), ("Country", "country-name"),
    ("Date of birth", "bday"), ("Spouse's first name", None), ("Employer phone", None), ("Favorite color", None),
])
def test_autocomplete_missing_suggests_the_token(label: str, token: str | None) -> None:
    html = f'<form><label for="f">{label}</label><input id="f" type="text"></form>'
    result = lint_text(html, Format.HTML, runtime_for("a11y/html-autocomplete-missing", nlp=False))
    assert [f.suggestions for f in result.findings] == ([[f'autocomplete="{token}"']] if token else [])


@pytest.mark.parametrize(("label", "said"), [("Your email", "email"), ("Su email", "email"), ("First name", "first name")])
def test_autocomplete_missing_says_what_the_field_asks_without_the_possessive(label: str, said: str) -> None:
    html = f'<form><label for="f">{label}</label><input id="f" type="email"></form>'
    result = lint_text(html, Format.HTML, runtime_for("a11y/html-autocomplete-missing", nlp=False))
    assert [f"the user's own {said} but" in f.message for f in result.findings] == [True]


def test_date_of_birth_parts_get_bday_tokens_only_inside_a_birth_date_group() -> None:
    html = ('<form><fieldset><legend>Date of birth</legend><label for="m">Month</label><input id="m" name="m">'
            '<label for="d">Day</label><input id="d" name="d"></fieldset>'
            '<fieldset><legend>Date you moved</legend><label for="m2">Month</label><input id="m2" name="m2"></fieldset></form>')
    result = lint_text(html, Format.HTML, runtime_for("a11y/html-autocomplete-missing", nlp=False))
    assert [(f.location.field, f.suggestions) for f in result.findings] == [
        ("m", ['autocomplete="bday-month"']), ("d", ['autocomplete="bday-day"'])]


def test_an_unnamed_pdf_field_is_announced_as_its_kind_of_control() -> None:
    from formlint.engine import lint_document
    from formlint.model import Document, Field, FieldType, Location
    from tests.helpers import runtime_for

    fields = [Field(id=name, type=kind, location=Location("f.pdf", page=1, field=name))
              for name, kind in (("c1_6", FieldType.CHECKBOX), ("f1_01", FieldType.TEXT), ("r1", FieldType.RADIO))]
    doc = Document(path="f.pdf", format=Format.PDF, page_count=1, fields=fields)
    found = lint_document(doc, runtime_for("a11y/pdf-field-no-name", nlp=False)).findings
    said = {f.location.field: f.message.split("announce it as ")[1].split(".")[0] for f in found}
    assert said == {"c1_6": "an unnamed check box", "f1_01": "an unnamed edit box", "r1": "an unnamed radio button"}


def test_a_placeholder_tooltip_is_a_generic_name_and_not_quoted_as_the_question() -> None:
    """DS-11: 22 fields have the tooltip "undefined", which a screen reader reads out. The
    burden rules quote the field by its id instead ("Emergency Contact Zip Code")."""
    from formlint.engine import lint_document
    from formlint.model import Document, Field, FieldType, Location
    from formlint.readers.pdf_facts import PdfFacts

    fields = [Field(id=name, type=FieldType.TEXT, location=Location("f.pdf", page=1, field=name), accessible_name=tip)
              for name, tip in (("Emergency Contact Zip Code", "undefined"), ("Emergency Contact City", "City"),
                                ("Phone", "Daytime phone number"))]
    doc = Document(path="f.pdf", format=Format.PDF, page_count=1, fields=fields, pdf=PdfFacts())
    found = lint_document(doc, runtime_for("a11y/pdf-field-generic-name", nlp=False)).findings
    assert [(f.location.field, f.text) for f in found] == [("Emergency Contact Zip Code", "undefined")]
    assert fields[0].name == "Emergency Contact Zip Code" and fields[1].name == "City"


# --------------------------------------------------------------------------- text without Unicode


def test_unmapped_characters_are_counted_and_shown_on_their_line() -> None:
    from formlint.readers.pdf_text import PageText, _count_unmapped

    page = PageText(number=1)
    _count_unmapped("When your benefits start\r\nYour bene\ufffdts start in May. We will send you a letter "
                    "\ufffdrst, and then another one in June.", page)
    assert page.unmapped_chars == 2
    assert page.unmapped_sample == "Your bene\ufffdts start in May. We will"  # not the line above
    clean = PageText(number=1)
    _count_unmapped("Your benefits start in May.", clean)
    assert clean.unmapped_chars == 0 and clean.unmapped_sample is None


def test_unmapped_glyph_fixture_is_one_finding_on_its_page() -> None:
    path = PDF_DIR / "a11y" / "unmapped-glyphs.pdf"
    runtime = runtime_for("a11y/pdf-unmapped-chars", nlp=False)
    found = lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime).findings
    assert [(f.location.page, f.text) for f in found] == [(1, "Your bene\ufffdts start in May. We will")]
    assert "2 characters" in found[0].message


def test_sf180_maps_some_glyphs_to_the_replacement_character() -> None:
    matches = sorted((ROOT.parent / "shared" / "corpus").glob("*/nara-sf180.pdf"))
    if not matches:
        pytest.skip("nara-sf180.pdf is not in ../shared/corpus")
    facts = read_pdf(matches[0].read_bytes(), "sf180.pdf", ReadOptions()).pdf
    assert facts is not None
    assert [(p.number, p.unmapped_chars) for p in facts.pages if p.unmapped_chars] == [(1, 17)]
