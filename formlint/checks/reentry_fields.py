"""The ``reentry-fields`` rule kind: a second box that asks for an answer already given, to
confirm it (formlint.reentry finds them)."""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import register
from formlint.checks.burden import FORMAT_SEVERITY, BurdenCheck, _element_label, _where
from formlint.classify import leaf_key
from formlint.context import CheckContext
from formlint.model import Document, Finding
from formlint.reentry import reentries


@register
class ReentryFieldsCheck(BurdenCheck):
    kind = "reentry-fields"
    params = {"format-severity": FORMAT_SEVERITY}

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for found in reentries(self.fillable(doc, ctx)):
            fld = found.item.field
            # A schema's confirmation often has the same title as the first box: name its key.
            same_name = fld.name == found.original.field.name
            yield self.field_finding(
                fld,
                field=f"{fld.name}, {leaf_key(fld)}" if same_name else fld.name,
                severity=self.capped(doc, self.rule.severity),
                element=_element_label(found.element),
                first=_where(found.original),
                suggestions=["Ask once. Show the answer again on a check-your-answers page, or confirm an email "
                             "address by sending it a link."],
                fingerprint=f"{found.item.field.id}|{found.original.field.id}",
            )
