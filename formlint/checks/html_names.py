"""``html-accessible-name``: HTML form controls with no accessible name.

Follows the accessible-name order that browsers use (aria-labelledby, aria-label,
label, title, placeholder), as the HTML reader computed it. Mirrors axe-core's
``label`` and ``select-name`` rules (WCAG 1.3.1, 4.1.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, Param, register
from formlint.context import CheckContext
from formlint.model import Document, FieldType, Finding, Format

NOT_DATA = frozenset({FieldType.HIDDEN, FieldType.BUTTON})


@register
class HtmlAccessibleNameCheck(Check):
    kind = "html-accessible-name"
    params = {
        "controls": Param(str, "data", choices=("data", "buttons"),
                          help="data: inputs, selects and text areas; buttons: buttons and image inputs"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.HTML:
            return
        want_buttons = self.options["controls"] == "buttons"
        for fld in doc.fields:
            if fld.type is FieldType.HIDDEN or (fld.type is FieldType.BUTTON) != want_buttons:
                continue
            if (fld.accessible_name or "").strip():
                continue
            tag = fld.attributes.get("tag", "input")
            yield self.field_finding(
                fld, text=fld.id, field=fld.id, tag=tag,
                suggestions=[f'<label for="{fld.id}">…</label>'] if not want_buttons else [],
            )
