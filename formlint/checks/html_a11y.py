"""``html-form``: WCAG 2.1, axe-core, USWDS and GOV.UK checks of HTML forms.

One kind serves every ``a11y/html-*`` rule; the rule's ``check`` parameter names the
function below. The functions read the page's element tree (``Document.html``) and the
Fields the HTML reader built from it (one per control, in the tree's control order), so
each finding points at the element's start tag (line and column).

Rules that mirror an axe-core rule say so in their YAML; the browser test
(tests/browser) runs axe on the same pages and checks that formlint reports every axe
violation it claims to cover, on the same element.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from formlint.checks import autocomplete
from formlint.checks.base import Check, Param, register
from formlint.checks.dispatch import CheckTable
from formlint.context import CheckContext
from formlint.language_guess import text_language_tag
from formlint.languages import LANG_TAG
from formlint.model import Document, Field, FieldType, Finding, Format, Location, Role
from formlint.readers.html_tree import Element, HtmlTree, idrefs
from formlint.reentry import CUE_WORDS

#: A visible "required" mark in a label or legend: an asterisk, or "(required)".
REQUIRED_MARK = re.compile(
    r"(?:^|\s)\*+(?:\s|$)|\*+\s*$|^\s*\*|[(\[]\s*required\s*[)\]]|[-\u2013\u2014:,]\s*required\s*$",
    re.IGNORECASE,
)
ASTERISK = re.compile(r"\*")
OPTIONAL_MARK = re.compile(r"\boptional\b", re.IGNORECASE)
ASTERISK_EXPLAINED = re.compile(r"\basterisks?\b|\*", re.IGNORECASE)
#: "Answer every question unless it says optional": the GOV.UK convention, stated.
ALL_REQUIRED = re.compile(
    r"\b(?:all|every|each)\b[^.]{0,40}\b(?:fields?|questions?|boxes|items?)\b[^.]{0,40}\b(?:required|must)\b"
    r"|\bunless\b[^.]{0,40}\boptional\b",
    re.IGNORECASE,
)
_MARKS = re.compile(r"\(\s*(?:required|optional)\s*\)|\*", re.IGNORECASE)
#: Fields about someone other than the person filling in the form: SC 1.3.5 covers
#: only information about the user, so no autocomplete token is suggested for them.
NOT_ABOUT_USER = re.compile(
    r"\b(?:spouse|partner|child|children|dependents?|employer|business|company|organi[sz]ation|agency|"
    r"school|doctor|physician|provider|landlord|emergency|representative|preparer|agent|attorney|"
    r"beneficiary|guardian|parent|mother|father|relative|reference|witness|previous|former|prior|other|"
    r"search|recipient|veteran'?s|sponsor|applicant'?s|auditee|auditor|entity|firm|vendor|contractor|"
    r"supervisor|institution|facility)\b",
    re.IGNORECASE,
)
DATE_OF_BIRTH = re.compile(r"\bdate\s+of\s+birth\b|\bbirth\s*(?:date|day)\b|\bdob\b|(?:^|[-_])dob(?:[-_]|$)|birth", re.IGNORECASE)
DATE_PART = re.compile(r"(?:^|[^a-z])(?:mm|dd|yy|yyyy|month|day|year|date|dob)(?:[^a-z]|$)|month|day|year", re.IGNORECASE)
#: Identifiers that look like numbers but are not quantities (type=number mangles them).
IDENTIFIER = re.compile(
    r"\b(?:phone|telephone|tel|mobile|zip|postal|postcode|ssn|social\s+security|card|account|routing|"
    r"ein|tin|itin|pin|passport|license|licence|id|identification|identifier|policy|member|case|claim|"
    r"file|serial|day|month|year|dob|birth|cvv|csc|code)\b",
    re.IGNORECASE,
)
_STEM = re.compile(r"(?:\[\d+\]|[_\-.\s]*\d+[a-z]?|[_\-.]?(?:first|second|third|middle|last|part|area|prefix|suffix|exchange|line)?)$", re.IGNORECASE)
_TRAILING_INDEX = re.compile(r"(?:\[\d+\]|[_\-.]?\d+)$")
ARIA_INPUT_ROLES = frozenset({"combobox", "listbox", "searchbox", "slider", "spinbutton", "textbox"})
NATIVE_CONTROLS = frozenset({"input", "select", "textarea", "button"})
TEXTLIKE = frozenset({"text", "email", "tel", "search", "url", "number", "date", "month", "week", "password"})
ABOUT_USER_TYPES = frozenset({"text", "email", "tel", "search", "date", "number", "month"})


@dataclass(frozen=True, slots=True)
class Purpose:
    token: str
    label: re.Pattern[str]
    key: re.Pattern[str]


def load_purposes(path: Path) -> tuple[Purpose, ...]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.append(Purpose(row["token"], re.compile(row["label_regex"], re.I), re.compile(row["key_regex"], re.I)))
    return tuple(rows)


@register
class HtmlFormCheck(Check):
    kind = "html-form"
    params = {
        # "check": added by CHECKS.seal at the end of the module
        "purposes": Param(str, None, is_path=True, help="autocomplete-missing: the input-purpose table (TSV)"),
        "max-split-length": Param(int, 4, help="split-field: the longest maxlength that counts as a box"),
    }

    def setup(self) -> None:
        self._run = CHECKS[self.options["check"]]
        path = self.options.get("purposes")
        self.purposes = load_purposes(Path(path)) if path else ()

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.HTML or doc.html is None:
            return iter(())
        page = Page(doc, doc.html)
        return self._run(self, page, ctx)

    def at(self, page: Page, element: Element, **kwargs: object) -> Finding:
        ident = element.id or element.attrs.get("name")
        location = Location(page.doc.path, element.line, element.column, field=ident)
        return self.finding(location, **kwargs)  # type: ignore[arg-type]


class Page:
    """The document, its tree, and each control paired with its Field."""

    def __init__(self, doc: Document, tree: HtmlTree) -> None:
        self.doc = doc
        self.tree = tree
        # The reader makes one Field per control, located at the control's start tag.
        by_position = {(f.location.line, f.location.column): f for f in doc.fields}
        self.pairs: list[tuple[Element, Field]] = [
            (control, by_position[(control.line, control.column)])
            for control in tree.controls
            if (control.line, control.column) in by_position
        ]

    def data_controls(self) -> Iterator[tuple[Element, Field]]:
        """Inputs, selects and text areas a person fills in (not buttons, not hidden)."""
        for element, fld in self.pairs:
            if fld.type in (FieldType.HIDDEN, FieldType.BUTTON) or fld.attributes.get("in_hidden"):
                continue
            yield element, fld

    def visible_label(self, fld: Field) -> str:
        return fld.label or (fld.accessible_name if fld.attributes.get("name_source") == "aria-labelledby" else "") or ""


CheckFunction = Callable[[HtmlFormCheck, Page, CheckContext], Iterator[Finding]]
CHECKS: CheckTable[CheckFunction] = CheckTable()
check = CHECKS  # @check("name") registers a function


def _label_suggestion(element: Element, fld: Field) -> list[str]:
    ident = element.id or fld.id
    return [f'<label for="{ident}">…</label>'] if element.id else [f'<label>… <{element.tag} …></label>']


# --------------------------------------------------------------------------- names (axe)


@check("label")
def _label(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    """axe "label": inputs (not buttons or image inputs) and text areas with no name."""
    for element, fld in page.data_controls():
        if element.tag == "select" or fld.accessible_name:
            continue
        yield c.at(page, element, text=fld.id, field=fld.id, tag=element.tag, suggestions=_label_suggestion(element, fld))


@check("select-name")
def _select_name(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if element.tag == "select" and not fld.accessible_name:
            yield c.at(page, element, text=fld.id, field=fld.id, suggestions=_label_suggestion(element, fld))


@check("button-name")
def _button_name(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.pairs:
        if element.tag == "button" and not fld.attributes.get("in_hidden") and not fld.accessible_name:
            yield c.at(page, element, text=fld.id, field=fld.id)


@check("input-button-name")
def _input_button_name(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.pairs:
        if element.tag != "input" or element.input_type not in ("submit", "reset", "button"):
            continue
        if not fld.attributes.get("in_hidden") and not fld.accessible_name:
            yield c.at(page, element, text=fld.id, field=fld.id, kind=element.input_type)


@check("input-image-alt")
def _input_image_alt(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.pairs:
        if element.tag == "input" and element.input_type == "image" and not fld.attributes.get("in_hidden"):
            if not fld.accessible_name:
                yield c.at(page, element, text=element.attrs.get("src") or fld.id, field=fld.id)


@check("image-alt")
def _image_alt(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element in page.tree.iter("img"):
        if element.in_hidden() or _inert(element):
            continue
        attrs = element.attrs
        if "alt" in attrs or attrs.get("role", "").strip().lower() in ("presentation", "none"):
            continue
        if attrs.get("aria-label", "").strip() or attrs.get("title", "").strip():
            continue
        if page.tree.refs(element, "aria-labelledby"):
            continue
        yield c.at(page, element, text=attrs.get("src") or "img", src=attrs.get("src") or "(no src)")


@check("aria-input-field-name")
def _aria_input_name(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element in page.tree.iter():
        role = element.attrs.get("role", "").strip().lower().split()
        if not role or role[0] not in ARIA_INPUT_ROLES or element.tag in NATIVE_CONTROLS:
            continue
        if element.in_hidden() or _inert(element):
            continue
        name, _source = page.tree.accessible_name(element)
        if not name:
            yield c.at(page, element, text=role[0], role=role[0], tag=element.tag)


def _inert(element: Element) -> bool:
    return element.closest("template") is not None


# --------------------------------------------------------------------------- labels


@check("placeholder-as-label")
def _placeholder(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if fld.attributes.get("name_source") == "placeholder":
            text = element.attrs.get("placeholder", "").strip()
            yield c.at(page, element, text=text, field=fld.id, suggestions=[f'<label for="{element.id or fld.id}">{text}</label>'])


@check("label-title-only")
def _title_only(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if fld.attributes.get("name_source") == "title":
            text = element.attrs.get("title", "").strip()
            yield c.at(page, element, text=text, field=fld.id, suggestions=[f'<label for="{element.id or fld.id}">{text}</label>'])


@check("multiple-labels")
def _multiple_labels(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        labels = page.tree.labels_of(element)
        if len(labels) > 1:
            texts = " / ".join(f'"{label.text(skip_hidden=True)}"' for label in labels)
            yield c.at(page, element, text=fld.id, field=fld.id, count=len(labels), labels=texts)


# --------------------------------------------------------------------------- autocomplete


def _autocomplete_applies(element: Element) -> bool:
    """axe's autocomplete-matches: a form control that is not a button, hidden,
    disabled or read-only."""
    if element.tag not in ("input", "select", "textarea"):
        return False
    if element.tag == "input" and element.input_type in ("submit", "reset", "button", "hidden"):
        return False
    attrs = element.attrs
    if "disabled" in attrs or attrs.get("aria-disabled", "").strip().lower() == "true":
        return False
    return not ("readonly" in attrs or attrs.get("aria-readonly", "").strip().lower() == "true")


@check("autocomplete-valid")
def _autocomplete_valid(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.pairs:
        value = element.attrs.get("autocomplete")
        if value is None or not value.strip() or not _autocomplete_applies(element):
            continue
        if "{{" in value:
            continue  # a template expression: the value is not known here
        if not autocomplete.is_valid(value):
            yield c.at(page, element, text=value, field=fld.id, suggestions=_suggest_token(c, page, element, fld))


@check("autocomplete-appropriate")
def _autocomplete_appropriate(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.pairs:
        value = element.attrs.get("autocomplete")
        if element.tag != "input" or value is None or not value.strip() or not _autocomplete_applies(element):
            continue
        if "{{" in value or not autocomplete.is_valid(value):
            continue  # autocomplete-valid reports a bad value
        if not autocomplete.appropriate_for_type(value, element.input_type):
            allowed = ", ".join(autocomplete.allowed_types(value))
            yield c.at(page, element, text=value, field=fld.id, type=element.input_type, allowed=allowed)


@check("autocomplete-missing")
def _autocomplete_missing(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if "autocomplete" in element.attrs or not _autocomplete_applies(element):
            continue
        if element.tag == "input" and element.input_type not in ABOUT_USER_TYPES:
            continue
        token = _purpose_of(c, page, element, fld)
        if token and not token.startswith("bday-") and _maxlength(element) <= c.options["max-split-length"]:
            continue  # a box of a split answer: a11y/html-split-field asks for one field first
        if token:
            asked = " ".join(_MARKS.sub(" ", fld.label or fld.accessible_name or fld.id).split()).lower()
            # "the user's own email", not "own your email" ("su email") or "own confirm email"
            asked = _POSSESSIVE.sub("", _CONFIRM.sub("", asked)) or asked
            yield c.at(page, element, text=asked, field=fld.id, token=token,
                       suggestions=[f'autocomplete="{token}"'])


# A possessive that starts a label ("Your email", Spanish "Su email"): the message says "the user's own".
_POSSESSIVE = re.compile(r"^(?:your|my|su|sus|tu|tus)\s+")
_CONFIRM = re.compile(rf"^{CUE_WORDS}\s+")  # a box that repeats an answer (formlint.reentry)


def _maxlength(element: Element) -> int:
    try:
        return int(element.attrs.get("maxlength", ""))
    except ValueError:
        return 1 << 30


def _suggest_token(c: HtmlFormCheck, page: Page, element: Element, fld: Field) -> list[str]:
    token = _purpose_of(c, page, element, fld)
    return [f'autocomplete="{token}"'] if token else []


def _purpose_of(c: HtmlFormCheck, page: Page, element: Element, fld: Field) -> str | None:
    """The input purpose a field's label (else its name/id) names, if it is about the user."""
    label = page.visible_label(fld) or (fld.accessible_name or "")
    label = re.sub(r"\(\s*(?:required|optional)\s*\)|\*", " ", label)
    keys = " ".join(filter(None, (element.attrs.get("name"), element.id)))
    context = " ".join(filter(None, (label, fld.group or "", keys)))
    if NOT_ABOUT_USER.search(context):
        return None
    for purpose in c.purposes:
        hit = purpose.label.search(label) if label.strip() else any(
            purpose.key.search(k) for k in keys.split())
        if not hit:
            continue
        if purpose.token.startswith("bday-") and not DATE_OF_BIRTH.search(f"{fld.group or ''} {keys}"):
            continue  # "Day" alone is a date part only inside a date-of-birth question
        return purpose.token
    return None


# --------------------------------------------------------------------------- required / optional


def _marks(fld: Field, page: Page) -> str:
    """The label text a sighted user reads for the control (label or legend)."""
    return page.visible_label(fld)


def _label_elements(page: Page, element: Element) -> list[Element]:
    return page.tree.labels_of(element)


def _css_required(page: Page, element: Element) -> bool:
    """A label styled as required (VA's usa-input-required adds "(*Required)" in CSS)."""
    return any("required" in (label.attrs.get("class") or "") for label in _label_elements(page, element))


@check("required-not-programmatic")
def _required_not_programmatic(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if fld.required or element.tag == "input" and element.input_type in ("radio", "checkbox"):
            continue
        label = _marks(fld, page)
        if label and REQUIRED_MARK.search(label):
            yield c.at(page, element, text=label, field=fld.id, label=label)
    # Radio and checkbox groups: the mark is on the legend; one required radio is enough.
    for group, members in _groups(page).items():
        legend = members[0][1].group or ""
        if not legend or not REQUIRED_MARK.search(legend):
            continue
        if any(fld.required for _e, fld in members) or members[0][1].type is FieldType.CHECKBOX:
            continue
        element, fld = members[0]
        yield c.at(page, element, text=legend, field=fld.id, label=legend)


@check("optional-and-required")
def _optional_and_required(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        label = _marks(fld, page)
        if fld.required and label and OPTIONAL_MARK.search(label):
            yield c.at(page, element, text=label, field=fld.id, label=label)


@check("optional-not-marked")
def _optional_not_marked(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for form, controls in _forms(page).items():
        fillable = [(e, f) for e, f in controls if e.tag != "input" or e.input_type in TEXTLIKE]
        if not any(f.required for _e, f in fillable):
            continue  # without required fields, nothing says which ones are optional
        for element, fld in fillable:
            if fld.required or "disabled" in element.attrs or "readonly" in element.attrs:
                continue
            label = _marks(fld, page)
            if not label or OPTIONAL_MARK.search(label) or OPTIONAL_MARK.search(fld.group or ""):
                continue
            if REQUIRED_MARK.search(label) or REQUIRED_MARK.search(fld.group or ""):
                continue  # shown as required: a11y/html-required-not-programmatic
            yield c.at(page, element, text=label, field=fld.id, label=label, suggestions=[f"{label} (optional)"])


@check("govuk-no-asterisk")
def _govuk_asterisk(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        label = _marks(fld, page)
        if label and ASTERISK.search(label):
            clean = re.sub(r"\s*\*+\s*", " ", label).strip()
            yield c.at(page, element, text=label, field=fld.id, label=label, suggestions=[clean])


@check("asterisk-not-explained")
def _asterisk_explained(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    marked = [(e, f) for e, f in page.data_controls() if ASTERISK.search(_marks(f, page))]
    if not marked:
        return
    explained = any(
        ASTERISK_EXPLAINED.search(block.text) for block in page.doc.blocks if block.role not in (Role.LABEL, Role.OPTION)
    )
    if not explained:
        element, fld = marked[0]
        yield c.at(page, element, text=_marks(fld, page), field=fld.id, count=len(marked))


@check("required-not-marked")
def _required_not_marked(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    if any(ALL_REQUIRED.search(block.text) for block in page.doc.prose()):
        return  # the page says every question is required unless marked optional
    for form, controls in _forms(page).items():
        fillable = [(e, f) for e, f in controls if e.tag != "input" or e.input_type in TEXTLIKE]
        if all(f.required for _e, f in fillable):
            continue  # when every field is required, marking each one says nothing
        for element, fld in fillable:
            if not fld.required:
                continue
            label = _marks(fld, page)
            if not label or REQUIRED_MARK.search(label) or REQUIRED_MARK.search(fld.group or ""):
                continue  # marked on the label, or on the legend of its group
            if OPTIONAL_MARK.search(label) or _css_required(page, element):
                continue  # "(optional)" on a required field: a11y/html-optional-and-required
            yield c.at(page, element, text=label, field=fld.id, label=label, suggestions=[f"{label} *"])


def _forms(page: Page) -> dict[Element | None, list[tuple[Element, Field]]]:
    found: dict[Element | None, list[tuple[Element, Field]]] = {}
    for element, fld in page.data_controls():
        found.setdefault(element.closest("form"), []).append((element, fld))
    return found


def _groups(page: Page) -> dict[tuple[Element | None, str], list[tuple[Element, Field]]]:
    """Radios and checkboxes by (form, name), for names used by two or more controls."""
    groups: dict[tuple[Element | None, str], list[tuple[Element, Field]]] = {}
    for element, fld in page.data_controls():
        if element.tag == "input" and element.input_type in ("radio", "checkbox"):
            name = element.attrs.get("name")
            if name and "{{" not in name:
                groups.setdefault((element.closest("form"), name), []).append((element, fld))
    return {key: members for key, members in groups.items() if len(members) >= 2}


# --------------------------------------------------------------------------- grouping


@check("group-no-fieldset")
def _group_fieldset(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for (_form, name), members in _groups(page).items():
        if any(fld.group for _e, fld in members):
            continue  # in a fieldset with a legend, or a named role=group/radiogroup
        element, fld = members[0]
        kind = "radio buttons" if element.input_type == "radio" else "checkboxes"
        yield c.at(page, element, text=name, field=fld.id, count=len(members), kind=kind, name=name)


@check("fieldset-no-legend")
def _fieldset_legend(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for fieldset in page.tree.fieldsets:
        if fieldset.in_hidden() or _inert(fieldset):
            continue
        legend = page.tree.legend_of(fieldset)
        if legend is None or not legend.text(skip_hidden=True):
            problem = "has no <legend>" if legend is None else "has an empty <legend>"
            yield c.at(page, fieldset, text="fieldset", problem=problem)


# --------------------------------------------------------------------------- input shapes


@check("split-field")
def _split(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    limit = c.options["max-split-length"]
    by_parent: dict[tuple[Element | None, str], list[tuple[Element, Field]]] = {}
    for element, fld in page.data_controls():
        if element.tag != "input" or element.input_type not in ("text", "tel", "number", "search", "password"):
            continue
        try:
            maxlength = int(element.attrs.get("maxlength", ""))
        except ValueError:
            continue
        if not 0 < maxlength <= limit:
            continue
        key = element.attrs.get("name") or element.id or ""
        stem = _TRAILING_INDEX.sub("", key).lower().rstrip("-_")
        container = element.closest("fieldset") or element.parent
        by_parent.setdefault((container, stem), []).append((element, fld))
    for (_container, stem), members in by_parent.items():
        if len(members) < 2 or not stem:
            continue
        words = " ".join(
            " ".join(filter(None, (e.attrs.get("name"), e.id, f.label, f.accessible_name, f.group))) for e, f in members
        )
        if DATE_PART.search(words):
            continue  # day / month / year: the memorable-date pattern
        element, fld = members[0]
        names = ", ".join(e.attrs.get("name") or e.id or f.id for e, f in members)
        yield c.at(page, element, text=names, field=fld.id, count=len(members), names=names)


@check("number-for-identifier")
def _number_identifier(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element, fld in page.data_controls():
        if element.tag != "input" or element.input_type != "number":
            continue
        words = " ".join(filter(None, (fld.label, fld.accessible_name, element.attrs.get("name"), element.id)))
        words = re.sub(r"[_\-]+", " ", re.sub(r"([a-z])([A-Z])", r"\1 \2", words))
        if IDENTIFIER.search(words):
            yield c.at(page, element, text=fld.label or fld.id, field=fld.id,
                       suggestions=['type="text" inputmode="numeric"'])


# --------------------------------------------------------------------------- ids and references


def _referenced_ids(tree: HtmlTree) -> set[str]:
    """Ids that a label's for= or an aria-* reference points at."""
    found: set[str] = set()
    for element in tree.iter():
        for attribute in ("for", "aria-labelledby", "aria-describedby", "aria-errormessage", "aria-controls",
                          "aria-owns", "aria-activedescendant", "aria-details", "aria-flowto"):
            value = element.attrs.get(attribute)
            if value:
                found.update([value.strip()] if attribute == "for" else idrefs(value))
    return found


@check("duplicate-id-aria")
def _duplicate_id_aria(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    referenced = _referenced_ids(page.tree)
    for ident, elements in page.tree.duplicate_ids().items():
        if ident in referenced:
            for element in elements[1:]:
                yield c.at(page, element, text=ident, ident=ident, count=len(elements))


@check("duplicate-id")
def _duplicate_id(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    referenced = _referenced_ids(page.tree)
    for ident, elements in page.tree.duplicate_ids().items():
        if ident not in referenced:
            for element in elements[1:]:
                yield c.at(page, element, text=ident, ident=ident, count=len(elements))


@check("aria-ref-missing")
def _aria_ref(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for ref in page.tree.broken_refs():
        if ref.attribute == "for" or _inert(ref.element):
            continue  # a label whose for= matches nothing leaves its control unnamed: a11y/html-label
        yield c.at(page, ref.element, text=ref.id, attribute=ref.attribute, ident=ref.id)


# --------------------------------------------------------------------------- page


@check("html-has-lang")
def _has_lang(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    element = page.tree.html_element
    if element is None:
        return  # a fragment (a component or template part) inherits its page's lang
    if not (element.attrs.get("lang") or element.attrs.get("xml:lang") or "").strip():
        yield c.at(page, element, text="html", suggestions=[f'<html lang="{text_language_tag(page.doc, "en")}">'])


@check("html-lang-valid")
def _lang_valid(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    for element in page.tree.iter():
        value = element.attrs.get("lang")
        if value is None or not value.strip() or "{{" in value:
            continue
        if element is not page.tree.html_element and element.in_hidden():
            continue
        if not LANG_TAG.match(value.strip()):
            yield c.at(page, element, text=value, tag=element.tag)


@check("document-title")
def _title(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    element = page.tree.html_element
    if element is None:
        return  # a fragment has its page's title
    if not page.doc.metadata.get("has_title"):
        yield c.at(page, element, text="html")


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading_level(element: Element) -> int | None:
    """The level a screen reader announces, as axe-core computes it: an <hN> is level N
    unless its role says otherwise; role="heading" takes aria-level (2 when missing or
    invalid, the ARIA default), and an <hN> with an invalid aria-level keeps N."""
    roles = (element.attrs.get("role") or "").split()
    own = int(element.tag[1]) if element.tag in _HEADING_TAGS else None
    if roles and roles[0].lower() != "heading":
        return None  # <h2 role="presentation">: not a heading to a screen reader
    if not roles and own is None:
        return None
    aria = element.attrs.get("aria-level")
    if aria is None:
        return own if own is not None else 2
    digits = re.match(r"\s*(\d+)", aria)
    if digits is None or int(digits.group(1)) < 1:
        return own if own is not None else 2
    return int(digits.group(1))


@check("heading-order")
def _heading_order(c: HtmlFormCheck, page: Page, ctx: CheckContext) -> Iterator[Finding]:
    previous: tuple[Element, int] | None = None
    for element in page.tree.iter():
        if element.tag not in _HEADING_TAGS and "role" not in element.attrs:
            continue
        level = heading_level(element)
        if level is None or element.in_hidden() or element.closest("template", "noscript") is not None:
            continue
        if previous is not None and level > previous[1] + 1:
            words = element.text(skip_hidden=True) or element.tag
            yield c.at(page, element, text=words, heading=words, level=level,
                       previous=previous[0].text(skip_hidden=True) or previous[0].tag, previous_level=previous[1],
                       suggestion_level=previous[1] + 1, suggestions=[f"<h{min(previous[1] + 1, 6)}>"])
        previous = (element, level)


CHECKS.seal(HtmlFormCheck, "which HTML form check this rule runs")  # every function above is registered now
