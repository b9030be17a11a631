"""Everything the burden rules, the JSON stats and ``formlint burden`` know about one document.

``analyse`` runs once per document (``facts_for`` keeps the result on the CheckContext,
so every burden check and the stats share it):

* whether the document is a *form* (it has fields people fill in: a fillable PDF, an HTML
  form, a JSON-schema form), a *flat form* (a print-only PDF: no fields, but blanks to fill,
  date hints, an OMB control number) or a *document* (guidance, instructions, an article).
  The PRA and Privacy Act rules apply to forms and flat forms only: guidance that talks
  about signatures or SSNs imposes nothing;
* the classified fields (formlint.classify), or for a flat form the printed labels read as
  fields ("5. Social Security Number");
* the PRA and Privacy Act statements (formlint.notices) and the trigger phrases
  (formlint.phrases);
* the time-tax estimate (formlint.burden) and the minutes the form states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from formlint.burden import Estimate, Inputs, Model, Question, burden_type_for, estimate
from formlint.classify import (
    Classified,
    Taxonomy,
    classify_document,
    default_taxonomy,
    is_data_field,
    normalise,
)
from formlint.model import Document, Field, FieldType, Format, Location, Role
from formlint.notices import Notices, read_notices
from formlint.phrases import PhraseHit, find_phrases

if TYPE_CHECKING:
    from formlint.context import CheckContext

FORM, FLAT_FORM, DOCUMENT = "form", "flat-form", "document"

# 5 CFR 1320.3(h)(1): a form that asks only for what identifies the respondent, the date,
# the address and the nature of the instrument (affidavits, receipts, changes of address,
# consents) is not "information" under the PRA. The reference marks this "verify"; formlint
# applies it only in the PRA rules' auto mode and says so in the stats.
IDENTIFYING = frozenset(
    """full_name first_name middle_name middle_initial last_name name_suffix printed_name previous_name
    street_line city county state postal_code country address_block same_as_flag date_signed signature
    date_of_birth agency_case_number email phone phone_ext""".split()
)
ADDRESS_UNIT = re.compile(r"\b(?:apt|apartment|ste|suite|flr|floor|unit)\b", re.IGNORECASE)

# Cues that a PDF without fields is a form printed to be filled in by hand.
_BLANK = re.compile(r"_{4,}")
_DATE_HINT = re.compile(r"\(?\b(?:mm|m\s?m)\s*/\s*(?:dd|d\s?d)\s*/\s*(?:yy|y\s?y)", re.IGNORECASE)
_LABEL_LINE = re.compile(
    r"^(?:\d{1,2}[a-z]?\.\s*)?(?:name|date of birth|social security number|ssn|address|telephone|phone|e-?mail|"
    r"signature|date|city|state|zip code)\b[^.]{0,40}$", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"(?:(?<=\s)|^)(?=\d{1,2}[a-z]?\.\s+[A-Z])|_{3,}\s*")
_ESIGN = re.compile(r"\b(?:sign|signed|signature)s?\b[^.]{0,40}\b(?:electronically|online|digitally)\b"
                    r"|\b(?:electronic|digital|typed)\s+signatures?\s+(?:is|are)\s+accepted\b"
                    r"|\bsign\s+(?:it\s+)?online\b", re.IGNORECASE)
_CONDITION = re.compile(r"^\W*(?:note:\s*)?if\b|\bif you\b|\bunless\b|\bmay (?:request|require|ask)\b", re.IGNORECASE)
_ONLINE = re.compile(r"\b(?:submit|apply|send|file|complete)\b[^.]{0,40}\bonline\b|\bupload\b", re.IGNORECASE)


@dataclass
class FormFacts:
    kind: str  # form | flat-form | document
    reason: str
    classified: list[Classified]
    notices: Notices
    doc: Document
    estimate: Estimate | None = None
    exempt: str | None = None  # why the PRA rules' auto mode treats the form as exempt
    printed: bool = False  # the classified "fields" are printed labels of a flat form
    _phrases: list[PhraseHit] | None = None

    @property
    def phrases(self) -> list[PhraseHit]:
        """The trigger phrases, found on first use (guidance only needs them for the phrase rules)."""
        if self._phrases is None:
            self._phrases = find_phrases(self.doc)
        return self._phrases

    @property
    def is_form(self) -> bool:
        return self.kind in (FORM, FLAT_FORM)

    @property
    def stated_minutes(self) -> float | None:
        return self.notices.burden.minutes if self.notices.burden else None

    def elements(self) -> set[str]:
        return {c.element for c in self.classified if c.element}

    def asks(self, *elements: str) -> list[Classified]:
        wanted = set(elements)
        return [c for c in self.classified if c.element in wanted]

    def personal(self) -> bool:
        """Collects information about individuals: a name plus one more personal element
        (the Privacy Act statement's trigger in the reference)."""
        found = self.elements()
        names = {"full_name", "first_name", "last_name", "printed_name"}
        personal = {"ssn", "ssn_last4", "itin", "tin", "date_of_birth", "street_line", "address_block", "city",
                    "postal_code", "phone", "email", "income_monthly", "income_annual", "bank_account_number",
                    "bank_routing_number", "agency_case_number"}
        return bool(found & names) and bool(found & personal) or bool(found & {"ssn", "itin"})

    def stats(self) -> dict[str, Any]:
        pra = self.notices.stats()
        pra["exempt"] = self.exempt
        result: dict[str, Any] = {
            "form": self.kind,
            "data_elements": [c.stats_row() for c in self.classified],
            "pra": pra,
            "burden_minutes": self.estimate.minutes if self.estimate else None,
            "stated_burden_minutes": self.stated_minutes,
        }
        if self.estimate is not None:
            result["burden"] = self.estimate.stats()
        return result


def analyse(doc: Document, model: Model | None = None, taxonomy: Taxonomy | None = None) -> FormFacts:
    # The taxonomy (124 patterns, 0.012 s to compile) is loaded only for a document with
    # fields or a flat form: guidance never needs it.
    def the_taxonomy() -> Taxonomy:
        return taxonomy or default_taxonomy()

    notices = read_notices(doc)
    classified = classify_document(doc, the_taxonomy()) if doc.fields else []
    kind, reason = _kind(doc, notices)
    printed = False
    if kind == FLAT_FORM:
        classified = printed_fields(doc, the_taxonomy())
        printed = True
    elif kind == DOCUMENT:
        classified = []
    facts = FormFacts(kind, reason, classified, notices, doc, printed=printed)
    if facts.is_form:
        facts.exempt = _exemption(facts)
        facts.estimate = estimate(model_inputs(doc, facts, the_taxonomy()), model)
    return facts


def facts_for(doc: Document, ctx: CheckContext) -> FormFacts:
    """The FormFacts of ``doc``, computed once per document and shared by every check."""
    def build() -> FormFacts:
        overrides = getattr(ctx.config, "burden", None) or {}
        return analyse(doc, Model.from_overrides(overrides))

    return ctx.memo("formfacts", build)


def burden_stats(doc: Document, ctx: CheckContext) -> dict[str, Any]:
    return facts_for(doc, ctx).stats()


# --------------------------------------------------------------------------- form or not


def _kind(doc: Document, notices: Notices) -> tuple[str, str]:
    data = [f for f in doc.fields if is_data_field(f) and not f.read_only]
    if doc.format in (Format.JSONSCHEMA, Format.HTML):
        return (FORM, "has fields") if data else (DOCUMENT, "no fields")
    if doc.format is not Format.PDF:
        return DOCUMENT, f"{doc.format.value} guidance"
    if len(data) >= 2:
        return FORM, "fillable PDF"
    cues = 0
    for block in doc.blocks:
        text = block.text
        cues += len(_BLANK.findall(text)) + len(_DATE_HINT.findall(text))
        if block.role is not Role.HEADING and _LABEL_LINE.match(text.strip()):
            cues += 1
    pages = doc.page_count or 1
    if notices.omb_number is not None:
        return FLAT_FORM, "flat PDF that displays an OMB control number"
    if cues >= 5 and cues >= pages / 2:
        return FLAT_FORM, f"flat PDF with {cues} blanks and field labels"
    return DOCUMENT, "PDF without fields or blanks to fill in"


def printed_fields(doc: Document, taxonomy: Taxonomy) -> list[Classified]:
    """The labels of a flat form, read as fields: short blocks such as "SSN/EIN/Tax ID" or
    "5. Social Security Number 6. Email 7. Primary Contact Phone Number"."""
    found: list[Classified] = []
    for block in doc.blocks:
        text = block.text.strip()
        if block.role is Role.HEADING or len(text.split()) > 16 or text.endswith((".", "?", "!")):
            continue
        for part in (p.strip() for p in _ITEM_SPLIT.split(text)):
            if not part or len(part.split()) > 10:
                continue
            fld = Field(id=f"page {block.location.page}: {part}", type=FieldType.TEXT,
                        location=Location(doc.path, page=block.location.page, bbox=block.location.bbox),
                        label=part, attributes={"printed": True})
            element = taxonomy.match_text(normalise(part), FieldType.TEXT)
            if element is None:
                continue
            found.append(Classified(field=fld, element=element.id, subject="applicant", via="printed",
                                    text=normalise(part), question=fld.id, request=fld.id,
                                    page=block.location.page, order=len(found)))
    return found


_ACCOUNT = frozenset({"email", "email_confirm", "full_name", "first_name", "last_name", "phone"})


def _exemption(facts: FormFacts) -> str | None:
    if facts.printed or not facts.classified:
        return None
    kinds = {c.field.type for c in facts.classified}
    if FieldType.PASSWORD in kinds and all(c.element in _ACCOUNT or c.field.type in (FieldType.PASSWORD, FieldType.CHECKBOX)
                                          for c in facts.classified):
        return "an account sign-in or sign-up form (the GSA PRA guide: no clearance needed for email and password)"
    for item in facts.classified:
        if item.element is None:
            if item.field.type in (FieldType.CHECKBOX, FieldType.RADIO) and ADDRESS_UNIT.search(item.field.name):
                continue
            return None
        if item.element not in IDENTIFYING:
            return None
    return ("asks only for identity, address, date and signature (5 CFR 1320.3(h)(1): not 'information' "
            "under the PRA)")


# --------------------------------------------------------------------------- the model's inputs


_CHANNEL = {
    "physical-document-mail": "mail",
    "physical-document-fax": "fax",
    "physical-signature-notary": "notarize",
    "in-person-requirement-inperson": "in-person",
    "in-person-requirement-visit": "in-person",
    "physical-document-hardcopy": "print",
    "physical-signature-wet": "print",
    "physical-signature-ink": "print",
    "physical-signature-noesign": "print",
}
_GATHER = {
    "physical-document-certified": "order",
    "physical-document-original": "in-hand",
    "information-already-held-agency_letter": "locate",
    "information-already-held-gov_records": "locate",
}


def model_inputs(doc: Document, facts: FormFacts, taxonomy: Taxonomy) -> Inputs:
    elements = taxonomy.by_id
    requests: dict[str, list[Classified]] = {}
    for item in facts.classified:
        requests.setdefault(item.request or item.field.id, []).append(item)
    first_blocks = _first_blocks(facts.classified)
    questions: list[Question] = []
    uploads = optional_uploads = 0
    documents: list[tuple[str, str]] = []
    # Where the form marks required questions, an optional or conditional upload is off the
    # default path (VA.gov forms offer many "additional evidence" uploads): it widens the range.
    marks_required = any(c.field.required for c in facts.classified)
    for members in requests.values():
        lead = members[0]
        fld = lead.field
        if fld.type is FieldType.FILE:
            if marks_required and (not fld.required or _conditional(lead)):
                optional_uploads += 1
            else:
                uploads += 1
                documents.append(("in-hand", fld.name))
            continue
        element = elements.get(lead.element) if lead.element else None
        kind = burden_type_for(fld.type, element.burden_type if element else None)
        if fld.type is FieldType.CHECKBOX and len(members) > 1:
            kind = "radio"  # a set of boxes for one question reads like a radio group
        if lead.part and lead.element in ("previous_name", "place_of_birth", "phone", "date_of_birth") \
                and lead.part != "split" and element is not None:
            kind = burden_type_for(fld.type, None) if lead.element != "date_of_birth" else "date"
        questions.append(Question(
            burden_type=kind,
            recall=element.recall if element else "memorized",
            required=any(m.field.required for m in members),
            conditional=_conditional(lead),
            extra_instance=lead.block is not None and lead.block not in first_blocks,
        ))
    counted: set[str] = set()
    channel: set[str] = set()
    conditional_channel: set[str] = set()
    for hit in facts.phrases:
        conditional = bool(_CONDITION.search(hit.sentence_text))
        if hit.phrase.id in _CHANNEL:
            # "If you are 12 or older ..., you must apply in person": not the default path.
            (conditional_channel if conditional else channel).add(_CHANNEL[hit.phrase.id])
        gather = _GATHER.get(hit.phrase.id)
        if gather and not conditional and hit.phrase.id not in counted:
            counted.add(hit.phrase.id)  # one certified copy to order, not one per mention
            documents.append((gather, " ".join(hit.sentence_text.split())[:70]))
    signature = any(c.element == "signature" for c in facts.classified) or any(
        h.phrase.rule == "burden/physical-signature" for h in facts.phrases)
    prose = " ".join(b.text for b in doc.blocks if b.role in (Role.PARAGRAPH, Role.LIST_ITEM, Role.NOTICE, Role.HINT))
    esign = bool(_ESIGN.search(prose)) or (doc.format is Format.PDF and any(
        f.type is FieldType.SIGNATURE for f in doc.fields))
    if doc.format is not Format.PDF and not (channel & {"mail", "fax", "print"}):
        esign = True
    if "mail" in channel and _ONLINE.search(prose):
        channel.discard("mail")  # mail is offered next to an online route
    return Inputs(format=doc.format, words=doc.word_count(), notice_words=facts.notices.notice_words,
                  questions=questions, uploads=uploads, optional_uploads=optional_uploads, documents=documents,
                  signature=signature, esign=esign, channel=channel,
                  conditional_channel=conditional_channel - channel)


def _conditional(item: Classified) -> bool:
    variant = item.variant
    if not variant:
        return False
    return not re.search(r"/(?:oneOf|anyOf)/0$", variant)


def _first_blocks(classified: list[Classified]) -> set[str]:
    """The first instance of each family of repeated blocks (Row1 of Row1..Row4, #1 of #1, #2)."""
    families: dict[str, str] = {}
    for item in classified:
        if item.block is None:
            continue
        family = re.sub(r"\d+", "#", item.block)
        current = families.get(family)
        if current is None or _block_number(item.block) < _block_number(current):
            families[family] = item.block
    return set(families.values())


def _block_number(block: str) -> int:
    digits = re.findall(r"\d+", block)
    return int(digits[-1]) if digits else 0

