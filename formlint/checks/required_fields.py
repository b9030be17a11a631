"""The ``required-fields`` rule kind: answers many people do not have, marked required.

A required middle name, suffix, second address line or phone extension cannot be left
empty, so people without one type "NA", "NMN" or a dash, or cannot go on at all (18F
Content Guide, forms: "Don't make optional information required"; USWDS name pattern: "Do
not require users to enter something in each field"; GOV.UK addresses: make a line
mandatory only if you really need it). A county is needed for some jurisdictions, so it
is reported as information: keep it required only where the service needs it, and say why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from formlint.checks.base import Param, register
from formlint.checks.burden import FORMAT_SEVERITY, BurdenCheck, _element_label
from formlint.classify import Classified, leaf_key
from formlint.context import CheckContext
from formlint.formfacts import ADDRESS_UNIT
from formlint.model import Document, Finding, Severity

#: A street line that is the second one: "line 2", or the apartment, suite or unit
#: (formfacts.ADDRESS_UNIT), by its words or its key.
_LINE_TWO = re.compile(r"\bline\s*(?:2|two)\b")
_SECOND_LINE_KEY = re.compile(r"(?i)(?:street|address|addressLine|line)[_\-]?2$|AptSteFlr")


def _asked(item: Classified) -> str | None:
    """What the field asks that many people do not have, or None."""
    if item.element == "street_line":
        second = _LINE_TWO.search(item.text) or ADDRESS_UNIT.search(item.text) \
            or _SECOND_LINE_KEY.search(leaf_key(item.field))
        return "second address line" if second else None
    return _element_label(item.element) if item.element else None


@register
class RequiredFieldsCheck(BurdenCheck):
    kind = "required-fields"
    params = {
        "elements": Param(list, ["middle_name", "middle_initial", "name_suffix", "preferred_name", "phone_ext",
                                 "street_line"],
                          help="data elements that must not be required (street_line: only its second line)"),
        "info-elements": Param(list, ["county"], help="elements reported as information (needed by some services)"),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        warn, info = set(self.options["elements"]), set(self.options["info-elements"])
        told: set[tuple[object, ...]] = set()  # a schema definition shared by four addresses is one place
        for item in self.fillable(doc, ctx):
            if not item.field.required or item.element not in warn | info:
                continue
            if "optional" in (item.field.name or "").lower():
                continue  # "(optional)" and required at once: the accessibility rules report the contradiction
            asked = _asked(item)
            where = (item.field.location.line, item.field.location.column, item.field.location.page, asked)
            if asked is None or where in told:
                continue
            told.add(where)
            optional = f'Make it optional and say so in the label ("{item.field.name} (optional)")'
            if item.element in info:
                yield self.field_finding(
                    item.field, severity=self.capped(doc, Severity.INFO), element=asked,
                    message='The {element} ("{field}") is required: ask for it only if the service needs it, '
                            'and say why (it can often be looked up from the ZIP code).',
                    suggestions=[optional + ", or say why the service needs it."])
            else:
                yield self.field_finding(item.field, severity=self.capped(doc, self.rule.severity), element=asked,
                                         suggestions=[optional + "."])
