"""``data-element``: fields that ask for a given piece of personal information.

Matches a field's label, accessible name, key, ``$ref`` target and autocomplete
token against the element's patterns (seeded from the data-element taxonomy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from formlint.checks.base import Check, Param, register
from formlint.context import CheckContext
from formlint.model import Document, Field, FieldType, Finding

NOT_DATA = frozenset({FieldType.HIDDEN, FieldType.BUTTON})


def _regex(value: Any) -> re.Pattern[str]:
    return re.compile(str(value), re.IGNORECASE)


def _keyregex(value: Any) -> re.Pattern[str]:
    return re.compile(str(value))


def split_identifier(key: str) -> str:
    """"veteranSocialSecurityNumber" / "ssn_1" -> words for label matching."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_\-.\[\]]+", " ", key)
    return " ".join(spaced.split()).lower()


@register
class DataElementCheck(Check):
    kind = "data-element"
    params = {
        "element": Param(str, help="data element id, e.g. ssn"),
        "label-regex": Param(str, help="matches labels and accessible names (case-insensitive)", convert=_regex),
        "key-regex": Param(str, None, help="matches keys, ids and $ref names (case-sensitive)", convert=_keyregex),
        "exclude-regex": Param(str, None, help="labels that mention the element but do not ask for it",
                               convert=_regex),
        "autocomplete": Param(list, [], help="autocomplete tokens that mean this element"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for fld in doc.fields:
            if fld.type in NOT_DATA:
                continue
            if self.matches(fld):
                yield self.field_finding(fld, element=self.options["element"])

    def matches(self, fld: Field) -> bool:
        label_re: re.Pattern[str] = self.options["label-regex"]
        key_re: re.Pattern[str] | None = self.options["key-regex"]
        exclude: re.Pattern[str] | None = self.options["exclude-regex"]
        texts = [t for t in (fld.label, fld.accessible_name) if t]
        if any(exclude and exclude.search(t) for t in texts):
            return False
        if any(label_re.search(t) for t in texts):
            return True
        autocomplete = str(fld.attributes.get("autocomplete") or fld.attributes.get("ui:autocomplete") or "")
        if autocomplete and autocomplete.split()[-1] in self.options["autocomplete"]:
            return True
        keys = [str(k) for k in (fld.attributes.get("key"), fld.attributes.get("ref_name"),
                                 fld.attributes.get("partial_name"), fld.attributes.get("name")) if k]
        if not keys and not texts:
            keys = [fld.id]
        if key_re is not None and any(key_re.search(k) for k in keys):
            return True
        return any(label_re.search(split_identifier(k)) for k in keys)
