"""``schema-form``: the HTML form checks, mapped to JSON-schema form definitions.

A form built from a JSON Schema and an rjsf-style uiSchema gets its labels from
``title`` / ``ui:title``, its placeholder from ``ui:placeholder``, its autocomplete from
``ui:autocomplete`` and its widget from ``format`` / ``ui:widget``. The JSON-schema
reader records these on each Field (``label_inferred``, ``key_opaque``, ``ui:*``,
``format``, ``maxLength``); these checks read them and point at the property's key
(line, column and JSON pointer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from formlint.checks import autocomplete
from formlint.checks.base import Check, Param, register
from formlint.checks.dispatch import CheckTable
from formlint.context import CheckContext
from formlint.model import Document, Field, FieldType, Finding, Format

DATE_OF_BIRTH = re.compile(r"\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bdob\b", re.IGNORECASE)
DOB_KEY = re.compile(r"(?:^|[a-z])(?:dateOfBirth|DateOfBirth|birthDate|BirthDate|birthday)$|^dob$|Dob$")
#: rjsf widgets that draw a date picker (native <input type=date>) or three selects.
PICKER_WIDGETS = frozenset({"date", "alt-date", "datetime", "alt-datetime", "date-time"})
DATE_PART = re.compile(r"month|day|year|date|dob|(?:^|[^a-z])(?:mm|dd|yy|yyyy)(?:[^a-z]|$)", re.IGNORECASE)
_NUMBER_SUFFIX = re.compile(r"\d+$")
_TRAILING_INDEX = re.compile(r"(?:[_\-.]?\d+|(?<=[a-z])(?:First|Second|Third|Middle|Last|Part\d*))$")


@register
class SchemaFormCheck(Check):
    kind = "schema-form"
    params = {
        # "check": added by CHECKS.seal at the end of the module
        "max-split-length": Param(int, 4, help="split-field: the longest maxLength that counts as a box"),
    }

    def setup(self) -> None:
        self._run = CHECKS[self.options["check"]]

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.JSONSCHEMA:
            return iter(())
        return self._run(self, doc)


CheckFunction = Callable[[SchemaFormCheck, Document], Iterator[Finding]]
CHECKS: CheckTable[CheckFunction] = CheckTable()
check = CHECKS  # @check("name") registers a function


def _asked(doc: Document) -> Iterator[Field]:
    """Fields a person answers: not hidden, not read-only, not view-only."""
    for fld in doc.fields:
        if fld.type in (FieldType.HIDDEN, FieldType.BUTTON) or fld.read_only or fld.attributes.get("view_only"):
            continue
        if fld.attributes.get("ui:widget") == "hidden":
            continue
        yield fld


def _key(fld: Field) -> str:
    return str(fld.attributes.get("key") or fld.id.rsplit("/", 1)[-1])


@check("no-title")
def _no_title(c: SchemaFormCheck, doc: Document) -> Iterator[Finding]:
    for fld in _asked(doc):
        if fld.attributes.get("label_inferred") and fld.attributes.get("key_opaque") and not fld.attributes.get("ui:placeholder"):
            yield c.field_finding(fld, text=_key(fld), field=fld.id, key=_key(fld))


@check("placeholder-as-label")
def _placeholder(c: SchemaFormCheck, doc: Document) -> Iterator[Finding]:
    for fld in _asked(doc):
        placeholder = fld.attributes.get("ui:placeholder")
        if fld.attributes.get("label_inferred") and isinstance(placeholder, str) and placeholder.strip():
            yield c.field_finding(fld, text=placeholder, field=fld.id, key=_key(fld),
                                  suggestions=[f'"ui:title": "{placeholder.strip()}"'])


@check("autocomplete-valid")
def _autocomplete(c: SchemaFormCheck, doc: Document) -> Iterator[Finding]:
    for fld in _asked(doc):
        value = fld.attributes.get("ui:autocomplete")
        if value is None:
            continue
        if not isinstance(value, str) or not autocomplete.is_valid(value):
            yield c.field_finding(fld, text=str(value), field=fld.id, key=_key(fld))


@check("split-field")
def _split(c: SchemaFormCheck, doc: Document) -> Iterator[Finding]:
    limit = c.options["max-split-length"]
    groups: dict[tuple[str, str], list[Field]] = {}
    for fld in _asked(doc):
        size = fld.attributes.get("maxLength")
        if fld.type not in (FieldType.TEXT, FieldType.PHONE, FieldType.NUMBER) or not isinstance(size, int):
            continue
        if not 0 < size <= limit:
            continue
        parent = fld.id.rsplit("/", 1)[0]
        stem = _TRAILING_INDEX.sub("", _key(fld)).lower()
        groups.setdefault((parent, stem), []).append(fld)
    for (_parent, stem), members in groups.items():
        if len(members) < 2 or not stem:
            continue
        words = " ".join(_key(f) + " " + (f.label or "") for f in members)
        if DATE_PART.search(words):
            continue  # day / month / year: the memorable-date pattern
        numbers = [int(m.group()) for f in members if (m := _NUMBER_SUFFIX.search(_key(f)))]
        if numbers and min(numbers) > 1:
            continue  # "item7", "item8": separate numbered questions, not parts of one answer
        names = ", ".join(_key(f) for f in members)
        first = members[0]
        yield c.field_finding(first, text=names, field=first.id, count=len(members), names=names, fingerprint=names)


@check("dob-date-picker")
def _dob_picker(c: SchemaFormCheck, doc: Document) -> Iterator[Finding]:
    for fld in _asked(doc):
        if not (DATE_OF_BIRTH.search(fld.label or "") or DOB_KEY.search(_key(fld))):
            continue
        widget = fld.attributes.get("ui:widget")
        fmt = fld.attributes.get("format")
        if isinstance(widget, str):
            if widget not in PICKER_WIDGETS:
                continue  # a custom widget (VA's memorable date, a text input)
            how = f'"ui:widget": "{widget}"'
        elif fmt in ("date", "date-time"):
            how = f'"format": "{fmt}" (rjsf draws a date picker)'
        else:
            continue
        yield c.field_finding(fld, text=fld.label or _key(fld), field=fld.id, how=how)


CHECKS.seal(SchemaFormCheck, "which JSON-schema form check this rule runs")  # every function above is registered now
