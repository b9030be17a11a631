"""``pdf-field-name``: PDF form fields that assistive technology cannot name.

A terminal field's /TU (tooltip) is its accessible name (PDF/UA 7.18.1; WCAG
technique PDF10). Where the form's XFA template or the nearest visible text gives a
good name, it is offered as the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, register
from formlint.context import CheckContext
from formlint.model import Document, Field, FieldType, Finding, Format


# What a screen reader calls an unnamed field of each type (NVDA and JAWS say "edit",
# "check box", "radio button", "combo box"; a choice field may also be a list box).
CONTROL_WORDS = {
    FieldType.TEXT: "edit box", FieldType.TEXTAREA: "edit box", FieldType.NUMBER: "edit box",
    FieldType.DATE: "edit box", FieldType.EMAIL: "edit box", FieldType.PHONE: "edit box",
    FieldType.PASSWORD: "edit box", FieldType.CHECKBOX: "check box", FieldType.RADIO: "radio button",
    FieldType.SELECT: "combo box or list box", FieldType.BUTTON: "button", FieldType.SIGNATURE: "signature field",
}


@register
class PdfFieldNameCheck(Check):
    kind = "pdf-field-name"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if doc.format is not Format.PDF:
            return
        # A widget whose <Form> structure element has /Alt is named by it (PDF/UA 7.18.1).
        alt_named = {
            a.field_name
            for page in (doc.pdf.pages if doc.pdf else [])
            for a in page.annotations
            if a.is_widget and a.field_name and (a.struct_alt or "").strip()
        }
        for fld in doc.fields:
            if fld.accessible_name or fld.id in alt_named:
                continue
            if fld.widgets and all(w.hidden for w in fld.widgets):
                continue  # hidden widgets are not announced, as in veraPDF
            if fld.type is FieldType.HIDDEN:
                continue
            suggestions = _suggested_names(fld)
            offer = f' Suggested tooltip: "{suggestions[0]}".' if suggestions else ""
            yield self.field_finding(fld, text=fld.id, field=fld.id, suggestions=suggestions, offer=offer,
                                     control=CONTROL_WORDS.get(fld.type, "form field"))


def _suggested_names(fld: Field) -> list[str]:
    """The XFA template's name (<speak>, <toolTip>) first, then the visible label next
    to the widget, then the XFA caption: the words a sighted user reads."""
    found: list[str] = []
    for value in (fld.attributes.get("xfa_name"), fld.label, fld.attributes.get("xfa_caption")):
        text = " ".join(str(value).split()) if value else ""
        if text and text not in found:
            found.append(text)
    return found[:2]
