"""``pdf-field-name``: PDF form fields that assistive technology cannot name.

A terminal field's /TU (tooltip) is its accessible name (PDF/UA 7.18.1; WCAG
technique PDF10). Where the form's XFA template or the nearest visible text gives a
good name, it is offered as the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, register
from formlint.context import CheckContext
from formlint.model import Document, FieldType, Finding, Format


@register
class PdfFieldNameCheck(Check):
    kind = "pdf-field-name"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.PDF:
            return
        for fld in doc.fields:
            if fld.accessible_name:
                continue
            if fld.widgets and all(w.hidden for w in fld.widgets):
                continue  # hidden widgets are not announced, as in veraPDF
            if fld.type is FieldType.HIDDEN:
                continue
            candidates = [fld.attributes.get("xfa_name"), fld.label]
            suggestions = [str(c).strip() for c in candidates if c and str(c).strip()]
            yield self.field_finding(fld, text=fld.id, field=fld.id, suggestions=suggestions[:1])
