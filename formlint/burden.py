"""The time tax: minutes one person spends on one response to a form.

The model of ``reference/burden/burden-model.md`` section 2, built on the activities the
Paperwork Reduction Act counts as burden (44 U.S.C. 3502(2); 5 CFR 1320.3(b)(1)) and OMB
M-22-10's instruction to count gathering documents, travel and waiting:

    T_total   = T_read + T_notices + T_fields + T_lookup + T_upload + T_gather + T_channel
    T_read    = words of instructions and help / reading rate
    T_notices = words of the PRA and Privacy Act statements / reading rate (shown apart)
    T_fields  = sum over the questions asked of t(type)     (a split SSN is one question)
    T_lookup  = questions whose answer must be looked up (+60 s) or computed (+90 s)
    T_upload  = files to upload x 120 s
    T_gather  = documents to find (10 min), records to locate (30 min), certified copies
                to order (60 min)
    T_channel = print and sign, mail, fax, notarize, visit an office

Every constant comes from the reference with its source and status: ``sourced`` (a cited
study or audit) or ``assumption`` (formlint's calibration default, labelled as such in
every report). Users override any of them under ``[tool.formlint.burden]``.

The estimate covers the default path through the form: one instance of a repeated block
(one dependent, one table row), the first branch of a ``oneOf``; ``low`` and ``high`` give
the range from the required questions only to every question on every path.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from formlint.model import FieldType, Format


@dataclass(frozen=True)
class Constant:
    name: str
    value: float
    unit: str
    status: str  # sourced | assumption
    source: str


def _c(name: str, value: float, unit: str, status: str, source: str) -> Constant:
    return Constant(name, value, unit, status, source)


_KLM = "Card, Moran & Newell (1980), the Keystroke-Level Model; Pew Research Center (2022): ~10 s per closed question"
CONSTANTS: dict[str, Constant] = {c.name: c for c in (
    _c("reading-rate", 238, "words/min", "sourced",
       "Brysbaert (2019), Journal of Memory and Language 109:104047: adult silent reading of non-fiction"),
    _c("reading-rate-slow", 175, "words/min", "sourced",
       "Brysbaert (2019): bottom of the typical adult range (older and second-language readers)"),
    _c("text-short", 10, "s", "sourced", _KLM),
    _c("text-id", 12, "s", "sourced", _KLM + " (9-11 keystrokes and a check)"),
    _c("email", 15, "s", "sourced", _KLM + " (~20 characters)"),
    _c("phone", 12, "s", "sourced", _KLM + " (10 digits)"),
    _c("date", 15, "s", "sourced", _KLM + " (3 x point-and-type, ~8 digits, recall)"),
    _c("select", 8, "s", "sourced", _KLM),
    _c("radio", 8, "s", "sourced", _KLM + "; Pew ~10 s per stand-alone question"),
    _c("checkbox", 4, "s", "sourced", _KLM + " (point, click, decide)"),
    _c("number", 10, "s", "sourced", _KLM),
    _c("address", 45, "s", "sourced", _KLM + " (street 15 + line 2 8 + city 10 + state 8 + ZIP 8)"),
    _c("text-long", 120, "s", "assumption", "Pew (2022): open-ended answers take minutes; the exact value is formlint's"),
    _c("signature", 15, "s", "sourced", _KLM + " (typed name or checkbox; a wet signature is charged to the channel)"),
    _c("upload", 120, "s", "assumption", "formlint: find the file, choose it, wait for the upload"),
    _c("lookup", 60, "s", "assumption", "formlint: retrieve a value from records the person already has"),
    _c("compute", 90, "s", "assumption", "formlint: add up or prorate amounts"),
    _c("mobile-factor", 1.5, "x", "assumption", "formlint: touch-screen typing is slower (used with device = mobile)"),
    _c("gather-in-hand", 10, "min", "assumption", "formlint; OMB M-22-10 asks agencies to count document gathering"),
    _c("gather-locate", 30, "min", "assumption", "formlint: locate, copy or scan a record"),
    _c("gather-order", 60, "min", "assumption", "formlint: order a certified record from a third party (hands-on time)"),
    _c("print-sign", 5, "min", "assumption", "formlint: print the form and sign it in ink"),
    _c("mail", 20, "min", "assumption", "formlint: envelope, postage, mailbox or post office"),
    _c("fax", 15, "min", "assumption", "formlint: find a fax machine and send"),
    _c("notarize", 60, "min", "assumption", "formlint: find a notary, travel, wait; 28 U.S.C. 1746 removes this step"),
    _c("in-person", 115, "min", "sourced",
       "2 x 30 min travel and 30 min service (formlint) + 25 min average wait (SSA OIG A-04-18-50260, FY2017)"),
)}

# Steps of the submission route: (label in reports, constant).
CHANNEL_STEPS = {
    "print": ("print and sign", "print-sign"),
    "mail": ("mail", "mail"),
    "fax": ("fax", "fax"),
    "notarize": ("notarize", "notarize"),
    "in-person": ("in-person visit", "in-person"),
}
DEVICES = ("desktop", "mobile")
READERS = ("average", "slow")
PROFILE_KEYS = {"device": DEVICES, "reader": READERS}

# Field types of the model (burden_field_type in the taxonomy) -> constant.
TYPE_CONSTANT = {
    "text_short": "text-short", "text_id": "text-id", "email": "email", "phone": "phone", "date": "date",
    "select": "select", "radio": "radio", "checkbox": "checkbox", "number": "number", "address": "address",
    "text_long": "text-long", "signature": "signature", "upload": "upload",
}
_FIELD_TYPES = {
    FieldType.TEXT: "text_short", FieldType.TEXTAREA: "text_long", FieldType.NUMBER: "number",
    FieldType.DATE: "date", FieldType.EMAIL: "email", FieldType.PHONE: "phone", FieldType.CHECKBOX: "checkbox",
    FieldType.RADIO: "radio", FieldType.SELECT: "select", FieldType.SIGNATURE: "signature",
    FieldType.FILE: "upload", FieldType.PASSWORD: "text_short", FieldType.OTHER: "text_short",
}
_TEXTLIKE = frozenset({"text_short", "text_id", "email", "phone", "number", "text_long", "address"})
_TYPED = frozenset({FieldType.TEXT, FieldType.TEXTAREA, FieldType.NUMBER, FieldType.PASSWORD, FieldType.OTHER,
                    FieldType.DATE, FieldType.EMAIL, FieldType.PHONE})


class BurdenConfigError(ValueError):
    pass


def validate_overrides(table: Mapping[str, Any], where: str = "burden") -> dict[str, Any]:
    """Check a ``[tool.formlint.burden]`` table: constant names with positive numbers,
    ``device`` (desktop | mobile) and ``reader`` (average | slow)."""
    result: dict[str, Any] = {}
    for key, value in table.items():
        name = str(key).replace("_", "-")
        if name in PROFILE_KEYS:
            text = str(value).strip().lower()
            if text not in PROFILE_KEYS[name]:
                raise BurdenConfigError(f"'{where}.{key}' must be one of {', '.join(PROFILE_KEYS[name])}, not {value!r}")
            result[name] = text
            continue
        if name not in CONSTANTS:
            import difflib

            close = difflib.get_close_matches(name, [*CONSTANTS, *PROFILE_KEYS], n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise BurdenConfigError(f"unknown key '{where}.{key}'{hint}")
        if isinstance(value, bool):
            raise BurdenConfigError(f"'{where}.{key}' must be a number")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise BurdenConfigError(f"'{where}.{key}' must be a number, not {value!r}") from None
        if not math.isfinite(number) or number <= 0:
            raise BurdenConfigError(f"'{where}.{key}' must be a positive number")
        result[name] = number
    return result


@dataclass(frozen=True)
class Model:
    """The constants in force: the reference's, with the user's overrides."""

    values: dict[str, float]
    device: str = "desktop"
    reader: str = "average"
    overridden: frozenset[str] = frozenset()

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, Any] | None = None) -> Model:
        values = {name: c.value for name, c in CONSTANTS.items()}
        overrides = dict(overrides or {})
        device = str(overrides.pop("device", "desktop"))
        reader = str(overrides.pop("reader", "average"))
        values.update({k: float(v) for k, v in overrides.items()})
        return cls(values, device, reader, frozenset(overrides))

    def __getitem__(self, name: str) -> float:
        return self.values[name]

    @property
    def rate(self) -> float:
        return self.values["reading-rate-slow" if self.reader == "slow" else "reading-rate"]

    def assumptions(self, used: Iterable[str]) -> list[str]:
        """The [assumption] constants an estimate relied on (the report lists them)."""
        return sorted(n for n in set(used) if CONSTANTS[n].status == "assumption" and n not in self.overridden)


@dataclass
class Question:
    """One thing the person answers: a field, a radio group, the boxes of a split SSN."""

    burden_type: str
    recall: str = "memorized"
    required: bool = False
    conditional: bool = False
    extra_instance: bool = False  # the 2nd..nth copy of a repeated block


@dataclass
class Estimate:
    minutes: float
    breakdown: dict[str, float]
    low: float
    high: float
    fields_by_type: dict[str, int]
    questions: int
    words: int
    notice_words: int
    steps: list[str]
    documents: list[str]
    assumptions: list[str]

    def stats(self) -> dict[str, Any]:
        return {"minutes": self.minutes, "low": self.low, "high": self.high, "breakdown": self.breakdown,
                "questions": self.questions, "fields_by_type": self.fields_by_type, "steps": self.steps,
                "documents": self.documents, "assumptions": self.assumptions}


@dataclass
class Inputs:
    """What the model needs to know about a form (gathered by formlint.formfacts)."""

    format: Format
    words: int
    notice_words: int
    questions: list[Question] = field(default_factory=list)
    uploads: int = 0
    optional_uploads: int = 0  # uploads off the default path (optional or conditional)
    documents: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)
    signature: bool = False
    esign: bool = False
    channel: set[str] = field(default_factory=set)  # mail, fax, notarize, in-person, print
    conditional_channel: set[str] = field(default_factory=set)  # steps only some people take


def estimate(inputs: Inputs, model: Model | None = None) -> Estimate:
    model = model or Model.from_overrides()
    used: set[str] = {"reading-rate-slow" if model.reader == "slow" else "reading-rate"}
    reading = max(inputs.words - inputs.notice_words, 0) / model.rate
    notices = inputs.notice_words / model.rate

    def question_seconds(q: Question) -> tuple[float, float]:
        name = TYPE_CONSTANT.get(q.burden_type, "text-short")
        used.add(name)
        seconds = model[name]
        if model.device == "mobile" and q.burden_type in _TEXTLIKE:
            seconds *= model["mobile-factor"]
            used.add("mobile-factor")
        extra = 0.0
        if q.recall in ("look_up", "compute"):
            name = "lookup" if q.recall == "look_up" else "compute"
            extra = model[name]
            used.add(name)
        return seconds, extra

    def path_seconds(questions: Iterable[Question]) -> tuple[float, float]:
        typed = looked = 0.0
        for q in questions:
            seconds, extra = question_seconds(q)
            typed += seconds
            looked += extra
        return typed, looked

    default_path = [q for q in inputs.questions if not q.conditional and not q.extra_instance
                    and q.burden_type != "upload"]
    fields_seconds, lookup_seconds = path_seconds(default_path)
    uploads_seconds = inputs.uploads * model["upload"]
    if inputs.uploads:
        used.add("upload")
    gather = 0.0
    documents: list[str] = []
    for kind, what in inputs.documents:
        name = {"in-hand": "gather-in-hand", "locate": "gather-locate", "order": "gather-order"}[kind]
        used.add(name)
        gather += model[name]
        documents.append(f"{what} ({kind})")
    paper = inputs.format is Format.PDF and inputs.signature and not inputs.esign
    wanted = {
        "print": paper or "print" in inputs.channel,
        "mail": "mail" in inputs.channel,
        "fax": "fax" in inputs.channel and "mail" not in inputs.channel,  # one route to send it
        "notarize": "notarize" in inputs.channel,
        "in-person": "in-person" in inputs.channel,
    }
    steps = [label for step, (label, _name) in CHANNEL_STEPS.items() if wanted[step]]
    channel = 0.0
    for step, (_label, name) in CHANNEL_STEPS.items():
        if wanted[step]:
            channel += model[name]
            used.add(name)
    breakdown = {
        "reading": reading,
        "notices": notices,
        "fields": fields_seconds / 60,
        "lookups": lookup_seconds / 60,
        "uploads": uploads_seconds / 60,
        "gathering": gather,
        "channel": channel,
    }
    total = sum(breakdown.values())
    required = [q for q in default_path if q.required]
    if required and len(required) < len(default_path):
        low_typed, low_looked = path_seconds(required)
        low = total - (fields_seconds + lookup_seconds - low_typed - low_looked) / 60
    else:
        low = total
    every = [q for q in inputs.questions if q.burden_type != "upload"]
    high_typed, high_looked = path_seconds(every)
    high = total + (high_typed + high_looked - fields_seconds - lookup_seconds) / 60
    if inputs.optional_uploads:
        high += inputs.optional_uploads * (model["upload"] / 60 + model["gather-in-hand"])
        used.update({"upload", "gather-in-hand"})
    for step in sorted(inputs.conditional_channel):
        if step in CHANNEL_STEPS and not wanted.get(step):
            high += model[CHANNEL_STEPS[step][1]]
            used.add(CHANNEL_STEPS[step][1])
    counts = Counter(q.burden_type for q in default_path)
    if inputs.uploads:
        counts["upload"] = inputs.uploads
    return Estimate(
        minutes=round(total, 1),
        breakdown={k: round(v, 1) for k, v in breakdown.items()},
        low=round(low, 1),
        high=round(high, 1),
        fields_by_type=dict(sorted(counts.items())),
        questions=len(default_path),
        words=inputs.words,
        notice_words=inputs.notice_words,
        steps=steps or (["route not stated"] if inputs.format is Format.PDF else ["online"]),
        documents=documents,
        assumptions=model.assumptions(used),
    )


def burden_type_for(ftype: FieldType, element_type: str | None) -> str:
    """The model's type of a question: the element's (an SSN is an ID, an address a
    composite) when the field is typed, else the field's own."""
    own = _FIELD_TYPES.get(ftype, "text_short")
    if element_type and ftype in _TYPED and element_type in TYPE_CONSTANT:
        if element_type in ("radio", "select", "checkbox") and ftype is not FieldType.TEXT:
            return own
        return element_type
    return own


def ratio(stated: float | None, estimated: float | None) -> float | None:
    if stated is None or not estimated:
        return None
    return round(stated / estimated, 2)
