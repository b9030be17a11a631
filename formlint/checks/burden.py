"""Rule kinds of the burden pack (``burden/*``).

They all read the document's FormFacts (formlint.formfacts): the classified fields, the
PRA and Privacy Act statements, the trigger phrases and the time-tax estimate, computed
once per document and shared with the JSON stats.

* ``repeated-fields``: the same data element about the same person asked twice
  (``report: duplicates``), or an identifier repeated at the top of each page only to
  identify the pages (``report: header-identifiers``).
* ``derivable-fields``: an answer that follows from another one (age from the date of
  birth, a full name from its parts, a total from its lines, city and state from the ZIP).
* ``ssn-request``: each request for a Social Security number, with what the form says
  about why it is needed.
* ``pra-statement``: the OMB control number, its expiration date, the burden statement, the
  "need not respond unless" sentence, the Privacy Act statement.
* ``burden-estimate``: the stated burden against formlint's estimate.
* ``requirement-phrase``: trigger phrases (wet signatures, originals, in-person visits).
* ``already-held``: questions about what the agency already has.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from formlint.burden import ratio
from formlint.checks.base import APPLIES_TO_ROLES, Check, Param, register
from formlint.classify import Classified, default_taxonomy, leaf_residual
from formlint.context import CheckContext
from formlint.formfacts import FLAT_FORM, FormFacts, facts_for
from formlint.language_guess import reading_language
from formlint.languages import primary_language
from formlint.model import Document, FieldType, Finding, Format, Location, Severity
from formlint.phrases import load_phrases
from formlint.reentry import reentry_requests

_INDEX = re.compile(r"\[\d+\]")
_ITEM = re.compile(r"\d+[A-Za-z]?(?![a-z])")

# A list is expected for these (several previous names, several totals), or they are per-page
# formalities: never "asked twice".
NOT_DUPLICATED = frozenset({"signature", "date_signed", "same_as_flag", "email_confirm", "printed_name",
                            "previous_name", "total_amount", "household_size", "phone_ext"})
ADDRESS_PARTS_DUP = frozenset({"street_line", "city", "county", "state", "postal_code", "country", "address_block"})
NAME_PARTS_DUP = frozenset({"first_name", "middle_name", "last_name", "name_suffix", "middle_initial", "full_name"})
HEADER_IDENTIFIERS = frozenset({"full_name", "first_name", "last_name", "middle_name", "ssn", "date_of_birth",
                                "agency_case_number", "ein", "tin", "itin"})
SUBJECT_WORDS = {"applicant": "you", "veteran": "the Veteran", "other_person": "another person"}


def _who(subject: str | None) -> str:
    if not subject:
        return "the same person"
    return SUBJECT_WORDS.get(subject, "the " + subject.replace("_", " "))


def _element_label(element: str | None) -> str:
    if element is None:
        return "a field"
    found = default_taxonomy().by_id.get(element)
    label = found.label.lower() if found else element.replace("_", " ")
    return label.replace("social security", "Social Security")  # a name: "Social Security number"


def _field_words(item: Classified) -> str:
    fld = item.field
    # A LiveCycle form's XFA name before the field's id ("Row: 2. Column: (2) Social security
    # number.", not "topmostSubform[0].Page1[0].Table_Dependents[0].Row2[0].f1_24[0]").
    # A label that starts in lower case is the end of a line ("number", "and full name here:").
    xfa_name = fld.attributes.get("xfa_name")
    label = fld.label if fld.label and not (fld.label[0].islower() and isinstance(xfa_name, str)) else None
    words = fld.spoken_name or label or (xfa_name if isinstance(xfa_name, str) else None) or fld.label or fld.id
    return words if len(words) <= 80 else _shortened(words)


def _shortened(words: str, limit: int = 80) -> str:
    """A long field name cut to ``limit`` characters. A name made of sentences, from the
    part of the form down to the question ("Part 5. Contact Information ... Preparer's
    Mailing Address. 3. E. Enter the ZIP code."), keeps its last sentences, which tell the
    fields apart; other names keep their start."""
    parts = re.split(r"(?<=[.?:])\s+", words)
    tail = ""
    for part in reversed(parts):
        candidate = f"{part} {tail}".strip()
        if len(candidate) > limit - 3:
            break
        tail = candidate
    if len(parts) > 1 and len(tail) >= 20:
        return "..." + tail
    return words[:limit - 3] + "..."


_ROW_INDEX = re.compile(r"[._]?(?:row|line|item)?\[?\d+\]?$", re.IGNORECASE)


def _by_table(requests: list[list[Classified]]) -> list[list[list[Classified]]]:
    """Requests gathered by table: one person's number per row of a dependents table (or per
    column, as on the 2025 Form 1040) is one question, reported once; everything else alone."""
    tables: dict[object, list[list[Classified]]] = {}
    for request in requests:
        lead = request[0]
        key: object = (lead.element, lead.subject, lead.page, _ROW_INDEX.sub("", lead.block)) if lead.block else id(request)
        tables.setdefault(key, []).append(request)
    return list(tables.values())


# On a PDF form, a total the form itself adds up: "Add lines 22a through 22f", "Combine lines
# 1a, 1b, and 2", "This is your total income". A line that only starts with "Total" is as
# often a figure carried from another document.
_ADDS_LINES = re.compile(r"\b(?:add|combine)\s+lines?\b|\btotal of lines\b", re.IGNORECASE)
_SUMS_LINES = re.compile(r"\b(?:add|combine)\s+lines?\b|\bthis is your total\b|\btotal of lines\b", re.IGNORECASE)


def _where(item: Classified) -> str:
    fld = item.field
    if fld.location.page:
        return f'"{_field_words(item)}" (page {fld.location.page})'
    return f'"{_field_words(item)}"'


def _severity(value: Any) -> Severity:
    return Severity.parse(str(value))


def _format_severity(value: Any) -> dict[Format, Severity]:
    if not isinstance(value, dict):
        raise ValueError("must be a mapping of format to severity")
    return {Format(str(k)): Severity.parse(str(v)) for k, v in value.items()}


class BurdenCheck(Check):
    """Shared helpers: facts, per-format severity caps, document-level locations."""

    def facts(self, doc: Document, ctx: CheckContext) -> FormFacts:
        return facts_for(doc, ctx)

    def fillable(self, doc: Document, ctx: CheckContext) -> list[Classified]:
        """The classified fields of a form people fill in on screen (none on a flat form)."""
        facts = self.facts(doc, ctx)
        return [] if facts.kind == FLAT_FORM else facts.classified

    def capped(self, doc: Document, severity: Severity) -> Severity:
        caps: dict[Format, Severity] = self.options.get("format-severity") or {}
        cap = caps.get(doc.format)
        return min(severity, cap) if cap is not None else severity

    @staticmethod
    def document_location(doc: Document) -> Location:
        """Where a missing statement is reported: the title, else the top of the file."""
        for block in doc.blocks:
            if block.text.strip():
                return block.location if doc.format is not Format.PDF else Location(doc.path, page=1)
        return Location(doc.path, page=1 if doc.format is Format.PDF else None)

    @staticmethod
    def requests(items: Iterable[Classified]) -> list[list[Classified]]:
        """Fields grouped into requests (a split SSN's boxes, a radio group's options)."""
        grouped: dict[str, list[Classified]] = {}
        for item in items:
            grouped.setdefault(item.request or item.field.id, []).append(item)
        return list(grouped.values())


FORMAT_SEVERITY = Param(dict, {}, help="cap the severity per format, e.g. {jsonschema: info}", convert=_format_severity)


# --------------------------------------------------------------------------- duplicates


@register
class RepeatedFieldsCheck(BurdenCheck):
    kind = "repeated-fields"
    params = {
        "report": Param(str, "duplicates", help="duplicates | header-identifiers",
                        choices=("duplicates", "header-identifiers")),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        if facts.kind == FLAT_FORM or not facts.classified:
            return
        report = self.options["report"]
        for group in duplicate_groups(facts):
            header = is_header_identifier(group, facts)
            if header and report == "header-identifiers":
                yield self.header_finding(group)
            elif not header and report == "duplicates":
                yield self.duplicate_finding(doc, group)

    def header_finding(self, group: list[Instance]) -> Finding:
        first, repeat = group[0].lead, group[1].lead
        return self.field_finding(
            repeat.field,
            element=group[1].label,
            first=_where(first),
            pages=", ".join(str(i.lead.page) for i in group[1:]),
            suggestions=["Print the identifier in the page header from the first answer, or drop it on the "
                         "electronic version."],
        )

    def duplicate_finding(self, doc: Document, group: list[Instance]) -> Finding:
        first, repeat = group[0], group[1]
        identical = not first.composite and first.lead.text and all(i.lead.text == first.lead.text for i in group)
        severity = Severity.ERROR if identical else self.rule.severity
        also = f" and {len(group) - 2} more time(s)" if len(group) > 2 else ""
        return self.field_finding(
            repeat.lead.field,
            severity=self.capped(doc, severity),
            element=repeat.label,
            who=_who(repeat.lead.subject),
            first=_where(first.lead) + also,
            suggestions=[f"Ask for the {repeat.label} once and reuse the answer (prefill it where it is shown again)."],
            fingerprint=f"{repeat.lead.field.id}|{first.lead.field.id}",
        )


# Elements that name a family of different questions: two of them are one question only when
# their words match ("A-Number" vs "receipt number"; "Are you 65 or older?" vs "under 18?").
FAMILY_ELEMENTS = frozenset({"agency_case_number", "previous_application", "organization_name", "service_number",
                             "age"})


class Instance:
    """One answer to compare: a request (a field, a split SSN, a radio group) or a whole
    composite (all the lines of one address, all the parts of one name)."""

    def __init__(self, members: list[Classified], composite: str | None, key: tuple[Any, ...]) -> None:
        self.members = members
        self.composite = composite
        self.key = key

    @property
    def lead(self) -> Classified:
        return self.members[0]

    @property
    def label(self) -> str:
        return self.composite or _element_label(self.lead.element)


def instances(facts: FormFacts) -> list[Instance]:
    taxonomy = default_taxonomy()
    found: list[Instance] = []
    composites: dict[tuple[Any, ...], list[Classified]] = {}
    previous: Classified | None = None
    run = 0
    confirming = reentry_requests(facts.classified)  # "Re-enter your email": burden/confirm-reentry's
    for request in BurdenCheck.requests(facts.classified):
        lead = request[0]
        if lead.element is None or (lead.request or lead.field.id) in confirming:
            continue
        kind = ("address" if lead.element in ADDRESS_PARTS_DUP else "name" if lead.element in NAME_PARTS_DUP
                else "place of birth" if lead.element == "place_of_birth" else None)
        if kind is not None:
            # The lines of one address are one answer: group parts by their container (the
            # JSON object, the tooltip's section, the fieldset), else by an unbroken run.
            if lead.container or lead.field.attributes.get("path") is not None:
                where = lead.container  # the JSON object (the root object for flat keys)
            elif lead.page is not None:
                where = f"page {lead.page}"  # PDF fields are often out of reading order
            else:
                if previous is None or previous.element not in (ADDRESS_PARTS_DUP | NAME_PARTS_DUP) \
                        or previous.subject != lead.subject or lead.order - previous.order > 2:
                    run += 1
                where = f"run {run}"
            composites.setdefault((kind, lead.subject, lead.block, where), []).append(lead)
            previous = lead
            continue
        previous = lead
        if lead.element in NOT_DUPLICATED:
            continue
        text = lead.text if lead.element in FAMILY_ELEMENTS else ""
        found.append(Instance(request, None, (
            lead.subject, lead.element, lead.part if lead.part != "split" else None, lead.qualifiers,
            lead.is_boolean, lead.block, leaf_residual(lead, taxonomy), lead.residual, text)))
    for (kind, subject, block, _where_key), members in composites.items():
        elements = {m.element for m in members}
        if kind == "address" and not elements & {"street_line", "postal_code", "address_block"}:
            continue  # a city and a state are a place (of arrival, of a court), not an address
        if kind == "name" and len(elements) < 2 and "full_name" not in elements:
            continue
        qualifiers = frozenset().union(*(m.qualifiers for m in members))
        residual = members[0].residual
        found.append(Instance(members, kind, (subject, kind, qualifiers, block, residual)))
    return found


def duplicate_groups(facts: FormFacts) -> list[list[Instance]]:
    """Two or more answers to one question about one person."""
    groups: dict[tuple[Any, ...], list[Instance]] = {}
    for instance in instances(facts):
        groups.setdefault(instance.key, []).append(instance)
    found = []
    for group in groups.values():
        if len(group) < 2:
            continue
        variants = [i.lead.variant for i in group]
        if all(variants) and len(set(variants)) == len(variants):
            continue  # each on its own oneOf/anyOf branch: nobody sees both
        weak = [i for i in group if i.lead.page is not None and not i.lead.field.accessible_name]
        if weak and not (all(i.lead.explicit_subject for i in group) or len({i.lead.text for i in group}) == 1):
            continue  # labels guessed from the page layout ("Phone no." of the designee, of the preparer)
        stems = {_ITEM.sub("#", _INDEX.sub("", i.lead.field.id)) for i in group}
        same_text = len({i.lead.text for i in group}) == 1
        if len(stems) == 1 and not group[0].composite and group[0].lead.field.attributes.get("path") is None \
                and (same_text or len({_INDEX.sub("", i.lead.field.id) for i in group}) == 1):
            continue  # "EmployerName[0]/[1]", "Line3A/Line3B_OtherDOB": entries of one list in a PDF
        group.sort(key=lambda i: i.lead.order)
        found.append(group)
    found.sort(key=lambda g: g[1].lead.order)
    return found


def is_header_identifier(group: list[Instance], facts: FormFacts) -> bool:
    """The same identifier at the top of later pages, only to identify the pages."""
    lead = group[0].lead
    if lead.page is None or not (lead.element in HEADER_IDENTIFIERS or group[0].composite == "name"):
        return False
    pages = [i.lead.page for i in group]
    if len(set(pages)) != len(pages):
        return False
    return all(_near_top(i.lead, facts) for i in group[1:])


def _near_top(item: Classified, facts: FormFacts) -> bool:
    """Among the first row or two of data fields on its page."""
    box = item.field.location.bbox
    if box is None:
        return False
    tops = sorted({round(c.field.location.bbox[1]) for c in facts.classified
                   if c.page == item.page and c.field.location.bbox is not None})
    return bool(tops) and round(box[1]) <= (tops[1] if len(tops) > 1 else tops[0]) + 2


# --------------------------------------------------------------------------- derivable


@register
class DerivableFieldsCheck(BurdenCheck):
    kind = "derivable-fields"
    params = {"format-severity": FORMAT_SEVERITY}

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        told: set[tuple[object, ...]] = set()
        for finding in self._derived_fields(doc, ctx):
            loc = finding.location
            if doc.format is Format.JSONSCHEMA and loc.line is not None:
                # One schema definition that three addresses share ($ref) is one place to
                # fix: reported once, at the definition, as unnecessary-required-field does.
                where = (loc.line, loc.column, finding.message)
                if where in told:
                    continue
                told.add(where)
            yield finding

    def _derived_fields(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        if facts.kind == FLAT_FORM or not facts.classified:
            return
        electronic = doc.format in (Format.HTML, Format.JSONSCHEMA)
        people: dict[tuple[Any, ...], list[list[Classified]]] = {}
        for request in self.requests(facts.classified):
            lead = request[0]
            if lead.element is None:
                continue
            people.setdefault((lead.subject, lead.block), []).append(request)
        for requests in people.values():
            yield from self.person(doc, requests, electronic)
        yield from self.totals(doc, facts)

    def person(self, doc: Document, requests: list[list[Classified]], electronic: bool) -> Iterator[Finding]:
        by_element: dict[str, list[Classified]] = {}
        for request in requests:
            by_element.setdefault(request[0].element or "", []).append(request[0])

        def first(element: str) -> Classified | None:
            found = by_element.get(element)
            return found[0] if found else None

        dob = next((c for c in by_element.get("date_of_birth", []) if "previous" not in c.qualifiers), None)
        if dob is not None:
            for item in by_element.get("age", []) + by_element.get("year_of_birth", []):
                yield self.derived(doc, item, dob, "the date of birth",
                                   "Compute the age (or the answer to an age question) from the date of birth.")
        middle = first("middle_name")
        for item in by_element.get("middle_initial", []):
            if middle is not None and _same_instance(item, middle):
                yield self.derived(doc, item, middle, "the middle name", "Take the initial from the middle name.")
        ssn = first("ssn")
        for item in by_element.get("ssn_last4", []):
            if ssn is not None and item.request != ssn.request:
                yield self.derived(doc, item, ssn, "the Social Security number",
                                   "Take the last four digits from the full number, or ask only for the last four.")
        parts = [c for e in ("first_name", "middle_name", "last_name") for c in by_element.get(e, [])]
        for full in by_element.get("full_name", []):
            mine = [p for p in parts if _same_instance(full, p)]
            if mine:
                yield self.derived(doc, full, mine[0], "the name parts asked separately",
                                   "Ask for the name once: either the parts or the full name.")
        for printed in by_element.get("printed_name", []):
            name = next((c for c in by_element.get("full_name", []) + parts if "previous" not in c.qualifiers), None)
            if name is not None and printed.subject == "applicant":
                yield self.derived(doc, printed, name, "the name already given", "Print the name from the earlier answer.",
                                   severity=Severity.INFO)
        street = [c for c in by_element.get("street_line", [])]
        for block in by_element.get("address_block", []):
            mine = [s for s in street if _same_instance(block, s)]
            if mine:
                yield self.derived(doc, block, mine[0], "the address lines asked separately",
                                   "Ask for the address once.")
        monthly, annual = first("income_monthly"), first("income_annual")
        if monthly is not None and annual is not None:
            later = max(monthly, annual, key=lambda c: c.order)
            other = annual if later is monthly else monthly
            yield self.derived(doc, later, other, "the other income amount", "Ask for one period and compute the other.")
        told: set[str] = set()  # a city asked once is reported once, however many codes go with it
        for zip_code in by_element.get("postal_code", []):
            if _foreign(zip_code):
                continue  # no ZIP code to look the city up by
            asked = [c for e in ("city", "state") for c in by_element.get(e, []) if _same_instance(zip_code, c)]
            # The city first, then the state; of several addresses that read as one
            # ("birthCity" and "otherAddressCity" at a schema's top level), the one whose
            # field id is most like the code's.
            asked.sort(key=lambda c: (c.element != "city", -len(os.path.commonprefix([c.field.id, zip_code.field.id]))))
            if asked and asked[0].field.id not in told:
                told.add(asked[0].field.id)
                yield self.derived(doc, asked[0], zip_code, "the ZIP code",
                                   "Ask for the ZIP code first and prefill city and state (let people edit them).",
                                   severity=Severity.INFO, element="city and state" if len(asked) > 1 else None)
        if electronic:
            for signed in by_element.get("date_signed", []):
                yield self.derived(doc, signed, None, "the time of the electronic signature",
                                   "Record the date when the form is signed or submitted.", severity=Severity.INFO)

    def totals(self, doc: Document, facts: FormFacts) -> Iterator[Finding]:
        amounts: dict[str, list[Classified]] = {}
        for item in facts.classified:
            if item.field.type in (FieldType.NUMBER, FieldType.TEXT) and item.element in (None, "total_amount"):
                amounts.setdefault(_amount_group(item), []).append(item)
        for items in amounts.values():
            totals = [c for c in items if c.element == "total_amount"]
            lines = [c for c in items if c.element is None and c.field.type is FieldType.NUMBER or _is_amount(c)]
            lines = [c for c in lines if c.element != "total_amount"]
            if len(lines) >= 2:
                for total in totals:
                    if doc.format is Format.PDF and not _SUMS_LINES.search(total.text):
                        continue  # "19. Total wages, salaries, bonuses": copied from the W-2s, not added here
                    # "Add lines 12e, 13a, and 13b" adds three lines, not every amount on the page.
                    from_what = ("the lines it adds" if _ADDS_LINES.search(total.text)
                                 else f"the {len(lines)} amounts listed with it")
                    yield self.derived(doc, total, None, from_what,
                                       "Compute the total from the amounts and show it for checking.")

    def derived(self, doc: Document, item: Classified, source: Classified | None, from_what: str, fix: str,
                severity: Severity | None = None, element: str | None = None) -> Finding:
        severity = self.capped(doc, severity or self.rule.severity)
        where = f" ({_where(source)})" if source is not None else ""
        return self.field_finding(
            item.field,
            severity=severity,
            element=element or _element_label(item.element),
            source=f"{from_what}{where}",
            suggestions=[fix],
            fingerprint=f"{item.field.id}|{source.field.id if source else from_what}",
        )


#: Subjects that are the person filling in the form (or whose claim it is): the SSN the form
#: asks for finds their records.
SELF_SUBJECTS = frozenset({None, "applicant", "claimant", "veteran"})


def _foreign(code: Classified) -> bool:
    """A postal code of an address outside the United States ("Foreign postal code", or
    one in a block for the "address outside the United States")."""
    return "foreign" in code.text or any(
        words in code.container for words in ("foreign", "outside the united states", "outside of the united states"))


def _same_instance(a: Classified, b: Classified) -> bool:
    """Parts of one composite: same subject, block and qualifiers, and for JSON the same
    parent object (an address's city and its ZIP code)."""
    if a.subject != b.subject or a.block != b.block or a.qualifiers != b.qualifiers:
        return False
    path_a, path_b = a.field.attributes.get("path"), b.field.attributes.get("path")
    if isinstance(path_a, str) and isinstance(path_b, str):
        return a.container == b.container
    if a.page is not None and b.page is not None:
        if a.page != b.page:
            return False
        if a.container and b.container:
            return a.container == b.container
        return True  # PDF fields are often out of reading order; one page, one person, same qualifiers
    if a.container and b.container:
        return a.container == b.container
    return abs(a.order - b.order) <= 8


_AMOUNT = re.compile(r"\bamount\b|\$|\bdollars?\b|\bincome\b|\bwages?\b|\bcosts?\b|\bvalue\b|\bpayments?\b", re.I)


def _is_amount(item: Classified) -> bool:
    return item.field.type is FieldType.NUMBER or bool(_AMOUNT.search(item.field.name))


def _amount_group(item: Classified) -> str:
    path = item.field.attributes.get("path")
    if isinstance(path, str):
        return path.rsplit(".", 1)[0] if "." in path else ""
    return f"page {item.page}"


# --------------------------------------------------------------------------- SSN


@register
class SsnRequestCheck(BurdenCheck):
    kind = "ssn-request"
    params = {
        "elements": Param(list, ["ssn", "itin", "tin"], help="data elements that are a taxpayer number"),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        if not facts.is_form:
            return
        wanted = set(self.options["elements"])
        confirming = reentry_requests(facts.classified)  # "Re-enter your SSN": burden/confirm-reentry's
        requests = [r for r in self.requests(facts.classified)
                    if r[0].element in wanted and (r[0].request or r[0].field.id) not in confirming]
        if not requests:
            return
        notices = facts.notices
        said = notices.ssn_disclosure()
        statement = notices.privacy_act
        if statement == "absent" and primary_language(reading_language(doc)) not in (None, "en"):
            # The statements are found by their English wording; a Spanish form's is not read.
            severity, why = Severity.INFO, ("formlint reads Privacy Act statements in English only; check that "
                                            "the form's statement says why it is needed")
        elif statement == "absent" and notices.pra_elsewhere is not None:
            # "For Paperwork Reduction Act Notice, see your tax return instructions": the notices
            # are printed elsewhere; the Privacy Act one usually with them.
            severity, why = Severity.WARNING, "the form shows no Privacy Act statement; say why it is needed"
        elif statement == "absent":
            severity, why = Severity.ERROR, "the form has no Privacy Act statement that says why it is needed"
        elif statement == "referenced":
            severity, why = Severity.INFO, "check that the Privacy Act notice it points to says why it is needed"
        elif {"mandatory-or-voluntary", "authority", "use"} <= said:
            severity, why = Severity.INFO, "its Privacy Act statement says why; confirm the number is needed"
        else:
            missing = sorted({"mandatory-or-voluntary", "authority", "use"} - said)
            severity = Severity.WARNING
            why = "its Privacy Act statement does not say " + ", ".join(m.replace("-", " ") for m in missing)
        severity = self.capped(doc, severity)
        if facts.printed:  # a flat form: one finding, at the first printed label
            first = requests[0][0]
            yield self.field_finding(first.field, severity=severity, field=first.field.label or "SSN", who="",
                                     why=why, suggestions=[self.fix_text(doc)], fingerprint="printed-ssn",
                                     message=self.rule.message + f" (printed {len(requests)} time(s) on this flat form)")
            return
        for rows in _by_table(requests):
            request = rows[0]
            lead = request[0]
            boxes = f" in {len(request)} boxes" if len(request) > 1 else ""
            table = f" ({len(rows)} rows of a table)" if len(rows) > 1 else ""
            yield self.field_finding(
                lead.field,
                severity=severity,
                field=_field_words(lead) + boxes,
                who=(f" for {_who(lead.subject)}" if lead.subject else "") + table,
                why=why,
                suggestions=[self.fix_text(doc)],
            )

    @staticmethod
    def fix_text(doc: Document) -> str:
        return ("Ask for it only if a law requires it; otherwise use an agency number or the last 4 digits. "
                "Say whether giving it is mandatory or voluntary, under what authority, and how it will be used "
                "(Privacy Act, section 7).")


# --------------------------------------------------------------------------- PRA and Privacy Act


@register
class PraStatementCheck(BurdenCheck):
    kind = "pra-statement"
    params = {
        "statement": Param(str, help="omb-number | expiration | burden | display | privacy-act",
                           choices=("omb-number", "expiration", "burden", "display", "privacy-act")),
        "pra-applicable": Param(str, "auto", help="auto | yes | no: whether the PRA covers these forms",
                                choices=("auto", "yes", "no")),
        "step-questions": Param(int, 3, help="an HTML page with at most this many questions may be one step of a "
                                             "multi-page service: a missing statement is info (0: never)"),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        applicable = self.options["pra-applicable"]
        if not facts.is_form or applicable == "no":
            return
        statement = self.options["statement"]
        notices = facts.notices
        severity = self.rule.severity
        if statement == "privacy-act":
            if not facts.personal() or notices.privacy_act != "absent":
                return
            if notices.pra_elsewhere is not None:
                severity = Severity.INFO  # the form points to notices printed elsewhere
            elif facts.asks("ssn", "itin", "tin"):
                severity = Severity.ERROR
        else:
            if facts.exempt and applicable == "auto":
                return
            if statement == "omb-number" and notices.omb_number is not None:
                return
            if statement == "expiration" and (notices.omb_number is None or notices.expiration is not None):
                return
            if statement == "burden" and notices.burden_statement != "absent":
                return
            # The display sentence belongs to the PRA notice: checked where the form prints its
            # own notice (a control number and a burden statement), not where the notice is
            # elsewhere or missing, nor on a form that only says how long it takes.
            if statement == "display" and (notices.omb_number is None or notices.burden_hit is None
                                           or notices.display_statement is not None):
                return
            if applicable == "yes":
                severity = Severity.ERROR if statement == "omb-number" else max(severity, Severity.WARNING)
        if statement in ("omb-number", "burden", "privacy-act") and severity < Severity.ERROR and applicable == "auto" \
                and self.one_step(doc, facts):
            # A service that asks one thing per page (USWDS, GOV.UK) shows the OMB block and the
            # notices on its start page, not on every step; a component's demo page is the same.
            severity = Severity.INFO
        location = self.document_location(doc)
        if statement == "expiration" and notices.omb_number is not None:
            location = notices.omb_number.location
        if statement == "display" and notices.burden_hit is not None:
            location = notices.burden_hit.location
        yield self.finding(location, severity=self.capped(doc, severity), text=None,
                           omb=notices.omb_value or "", suggestions=[self.rule.fix or ""],
                           fingerprint=statement)

    def one_step(self, doc: Document, facts: FormFacts) -> bool:
        """An HTML page with so few questions that it may be one step of a longer service."""
        limit = self.options["step-questions"]
        if doc.format is not Format.HTML or limit <= 0:
            return False
        return len({c.question or c.field.id for c in facts.classified}) <= limit


# --------------------------------------------------------------------------- the time tax


@register
class BurdenEstimateCheck(BurdenCheck):
    kind = "burden-estimate"
    params = {
        "understated": Param((int, float), 0.5, help="stated/estimated below this: the statement understates"),
        "overstated": Param((int, float), 2.0, help="stated/estimated above this: the statement may be stale"),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        estimate, stated = facts.estimate, facts.stated_minutes
        if estimate is None or stated is None or not estimate.minutes:
            return
        value = ratio(stated, estimate.minutes)
        assert value is not None
        if value < self.options["understated"]:
            severity, verdict = self.rule.severity, "looks understated"
        elif value > self.options["overstated"]:
            severity, verdict = Severity.INFO, "may be stale or overstated"
        else:
            return
        parts = ", ".join(f"{name} {minutes:g}" for name, minutes in estimate.breakdown.items() if minutes)
        hit = facts.notices.burden_hit
        location = hit.location if hit is not None else self.document_location(doc)
        yield self.finding(
            location,
            severity=self.capped(doc, severity),
            text=hit.text if hit else None,
            stated=f"{stated:g}",
            estimated=f"{estimate.minutes:g}",
            ratio=f"{value:g}",
            verdict=verdict,
            breakdown=parts,
            suggestions=[f"Re-measure the time with people who use the form (formlint's breakdown: {parts}; "
                         f"assumptions: {', '.join(estimate.assumptions) or 'none'})."],
            fingerprint="burden-estimate",
        )


# --------------------------------------------------------------------------- trigger phrases


@register
class RequirementPhraseCheck(BurdenCheck):
    kind = "requirement-phrase"
    params = {
        "phrases": Param(str, help="TSV of trigger phrases (id, rule, pattern, requires, unless, severity ...)",
                         is_path=True),
        "format-severity": FORMAT_SEVERITY,
    }

    def setup(self) -> None:
        phrases = load_phrases(self.options["phrases"])
        self.ids = {p.id for p in phrases if p.rule == self.rule.id}

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        roles = set()
        for word in self.rule.applies_to:
            roles |= APPLIES_TO_ROLES.get(word, frozenset())
        for hit in self.hits(doc, ctx):
            if hit.block.role not in roles:
                continue
            yield self.span_finding(
                hit.block, hit.start, hit.end,
                sentence=(hit.sentence.start, hit.sentence.end),
                severity=self.capped(doc, hit.phrase.severity),
                suggestions=[hit.phrase.suggestion],
                fingerprint=f"{hit.phrase.id}:{hit.text.lower()}",
            )

    def hits(self, doc: Document, ctx: CheckContext) -> list[Any]:
        from formlint.phrases import default_phrases, find_phrases

        phrases = load_phrases(self.options["phrases"])
        if phrases == default_phrases():
            found = self.facts(doc, ctx).phrases  # the same matches the time model used
        else:
            found = find_phrases(doc, phrases)
        return [h for h in found if h.phrase.id in self.ids]


@register
class AlreadyHeldCheck(RequirementPhraseCheck):
    kind = "already-held"
    params = {
        **RequirementPhraseCheck.params,
        "elements": Param(list, ["agency_case_number", "previous_application"],
                          help="data elements the agency issued or already holds"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from super().run(doc, ctx)
        facts = self.facts(doc, ctx)
        if facts.kind == FLAT_FORM or not facts.classified:
            return
        wanted = set(self.options["elements"])
        ssn_of = {c.subject for c in facts.asks("ssn")}
        for request in self.requests(facts.classified):
            lead = request[0]
            if lead.element not in wanted:
                continue
            # The SSN finds the record of its own person: a spouse's or a child's A-number
            # is not looked up from the applicant's SSN.
            has_ssn = bool(ssn_of) and (lead.subject in ssn_of or lead.subject in SELF_SUBJECTS)
            if has_ssn:
                how = "look it up from the Social Security number the form already asks for"
            elif lead.subject in SELF_SUBJECTS:
                how = "look it up once the person signs in, or prefill it"
            else:
                how = "look it up in the agency's records of that person, or prefill it"
            yield self.field_finding(
                lead.field,
                severity=self.capped(doc, Severity.WARNING if has_ssn else Severity.INFO),
                message='The form asks for the {element} ("{field}"), which the agency issued or already holds: {how}.',
                element=_element_label(lead.element),
                how=how,
                suggestions=[f"Don't ask for it: {how}, and ask the person to confirm it."],
            )
