"""Paperwork Reduction Act and Privacy Act statements: what a form displays, read from its text.

* The OMB control number and its expiration date (44 U.S.C. 3506(c)(1)(B)(i); 5 CFR 1320.8(b)(1)).
* The burden statement and the minutes it states (5 CFR 1320.8(b)(3)(iii)), in every wording
  the reference lists: "is estimated to average 60 minutes per response", "We estimate that it
  will take about 8.5 to 9.5 minutes", "Respondent burden: 15 minutes", "Estimated Burden: 85
  Minutes", "five (5) minutes", "2 hours and 45 minutes", ranges with or without a stated
  average, and the IRS sum of activities ("Recordkeeping, 1 hr., 12 min.; ...").
* The "need not respond unless a valid control number is displayed" sentence (1320.8(b)(3)(vi)).
* The Privacy Act statement (5 U.S.C. 552a(e)(3)): its heading, or at least three of its four
  elements (authority, purpose, routine uses, effects of not providing), and what it says about
  the Social Security number (Privacy Act of 1974, section 7(b)).
* A pointer to a notice printed elsewhere ("For Disclosure, Privacy Act, and Paperwork Reduction
  Act Notice, see separate instructions"): 5 CFR 1320.5(b)(2)(ii)(A) allows the instructions,
  and 552a(e)(3) a separate form the person can keep.

Regexes follow ``reference/burden/burden-rules.md`` ("Reference regexes") and were checked
against every PDF of the corpus (benchmarks/accuracy/pdf_statements.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from formlint.model import Document, Location, TextBlock

_DASH = r"[-\u2010\u2011\u2012\u2013\u2014]"
OMB_NUMBER = re.compile(
    r"\b(?:OMB|0MB|O\s?M\s?B|Office\s+of\s+Management\s+and\s+Budget)\b[^0-9\n]{0,60}?\b(\d{4})\s*" + _DASH
    + r"\s*(\d{4})\b",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}|\d{1,2}\s*/\s*\d{4}|\d{4}-\d{2}-\d{2}|"
    + _MONTHS + r"\s+(?:\d{1,2},?\s+)?\d{4})"
)
EXPIRATION = re.compile(
    r"\b(?:exp(?:ires|iration)?\.?(?:\s+date)?|expiration\s+date|expires\s+on|valid\s+through)\s*(?:is\s+)?[:\-]?\s*("
    + _DATE + r")",
    re.IGNORECASE,
)
DISPLAY_STATEMENT = re.compile(
    r"(?:may\s+not|cannot|can\s*not)\s+conduct\s+or\s+sponsor|not\s+required\s+to\s+respond\s+to[^.]{0,80}?unless"
    # CMS: "no persons are required to respond to a collection of information unless it displays ..."
    r"|\bno\s+(?:persons?|one)\s+(?:is|are)\s+required\s+to\s+respond\s+to[^.]{0,80}?unless"
    r"|(?:do\s+not\s+(?:need|have)|are\s+not\s+required)\s+to\s+(?:answer|respond|supply|provide)[^.]{0,120}?unless"
    r"[^.]{0,120}?(?:valid|current)",
    re.IGNORECASE,
)
PRA_NAMED = re.compile(r"\bpaperwork\s+reduction\s+act\b|\bburden\s+statement\b|\brespondent\s+burden\b", re.IGNORECASE)
PRA_ELSEWHERE = re.compile(
    r"\bpaperwork\s+reduction\s+act\s+(?:notice|statement)s?\b[^.]{0,60}?\bsee\b"
    r"|\bsee\b[^.]{0,60}?\bpaperwork\s+reduction\s+act\s+(?:notice|statement)\b",
    re.IGNORECASE,
)
PRIVACY_HEADING = re.compile(
    r"\bprivacy\s+act\s+(?:of\s+1974\s+)?(?:statement|notice|advisory|information)\b|\bprivacy\s+(?:notice|statement)\b"
    # The IRS's joint heading: "Disclosure, Privacy Act, and Paperwork Reduction Act Notice".
    r"|\bprivacy\s+act,?\s+and\s+paperwork\s+reduction\s+act\s+notice\b",
    re.IGNORECASE,
)
PRIVACY_ELSEWHERE = re.compile(
    r"\bprivacy\s+act\b[^.]{0,80}?\b(?:notice|statement)s?\b[^.]{0,60}?\bsee\b"
    r"|\bsee\b[^.]{0,60}?\bprivacy\s+act\s+(?:notice|statement)\b",
    re.IGNORECASE,
)
# The four elements of 552a(e)(3): the cues of the reference, "Privacy Act cues".
PRIVACY_ELEMENTS: dict[str, re.Pattern[str]] = {
    "authority": re.compile(
        r"\bauthorit(?:y|ies)\b|\b(?:authorizes?|allows?|permits?)\s+(?:us|[A-Z]{2,5}|the\s+\w+)\s+to\s+(?:ask|collect|request)"
        r"|\bauthorized\s+to\s+(?:request|collect|ask)\b|\b\d+\s+U\.?\s?S\.?\s?C\.?|\b\d+\s+CFR\b|\bcollected\s+under\b",
        re.IGNORECASE),
    "purpose": re.compile(r"\b(?:principal\s+)?purposes?\b|\bwe\s+(?:will\s+)?(?:use|need)\s+(?:this|the)\s+information\b"
                          r"|\bwill\s+be\s+used\s+to\b|\bwe\s+will\s+use\b|\buses?\s+the\s+information\b", re.IGNORECASE),
    "routine_uses": re.compile(r"\broutine\s+uses?\b|\bmay\s+(?:also\s+)?(?:share|disclose|release)\b|\bcomputer\s+matching\b",
                               re.IGNORECASE),
    "effects": re.compile(
        r"\beffects?\s+of\s+(?:not|non)|\bconsequences?\s+of\s+(?:not|failing)|\bif\s+you\s+(?:do\s+not|don't)\s+"
        r"(?:provide|give|furnish|answer|supply)|\bfailure\s+to\s+(?:provide|furnish|supply|report)\b|\bmay\s+(?:delay|prevent)\b"
        r"|\bcannot\s+process\b|\bnot\s+be\s+able\s+to\s+process\b|\b(?:is|are)\s+(?:voluntary|mandatory)\b",
        re.IGNORECASE),
}
MANDATORY_OR_VOLUNTARY = re.compile(
    r"\bvoluntar(?:y|ily)\b|\bmandatory\b|\byou\s+(?:do\s+not|don't)\s+have\s+to\b|\bnot\s+required\s+by\s+law\b"
    r"|\brequired\s+(?:by\s+law|to\s+obtain)\b|\brequire\s+you\s+to\s+provide\b",
    re.IGNORECASE,
)
SSN_WORDS = re.compile(r"\bsocial\s+security\s+(?:account\s+)?number|\bSSNs?\b", re.IGNORECASE)

# -- the stated burden ------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a half": 0.5, "an": 1, "a": 1,
}
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
_NUM_PAREN = _NUM + r"(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?"  # "five (5)"
_UNIT = r"(?:hours?|hrs?\.?|minutes?|mins?\.?)"
_DURATION = (
    r"(" + _NUM_PAREN + r")\s*(" + _UNIT + r")(?:,?\s*(?:and\s+)?(" + _NUM_PAREN + r")\s*(minutes?|mins?\.?))?"
)
_RANGE = re.compile(
    r"(?:vary|varies|ranging|range)?\s*(?:from\s+)?(" + _NUM_PAREN + r")\s*(" + _UNIT + r")?\s*(?:to|-|\u2013)\s*("
    + _NUM_PAREN + r")\s*(" + _UNIT + r")(?:[^.]{0,60}?\baverage\s+(?:of\s+)?" + _DURATION + r")?",
    re.IGNORECASE,
)
_ANCHORS = re.compile(
    r"(?:burden[^.]{0,80}?\b(?:is\s+)?estimated\s+(?:to\s+average|at|to\s+be)"
    r"|\bestimated\s+(?:average\s+)?(?:burden|time)[^.:]{0,60}?(?:\bis\b|:)"
    r"|\bwe\s+estimate\s+(?:that\s+)?(?:it\s+will\s+take|you\s+will\s+need|the\s+(?:average\s+)?time)"
    r"|\brespondent\s+burden\s*:|\bestimated\s+burden\s*:"
    # CMS's wording: "The time required to complete this information collection is estimated to average 6 hours".
    r"|\b(?:average\s+)?time\s+(?:to|needed\s+to|required\s+to|it\s+takes\s+to)\s+complete[^.]{0,60}?\bis"
    r"(?:\s+estimated\s+(?:to\s+average|at|to\s+be))?"
    r"|\b(?:it\s+)?(?:should|will|takes?|takes\s+about)\s+(?:take\s+)?(?:you\s+)?(?:about|around|approximately)"
    r"|\ban\s+average\s+of)"
    r"\s*(?:about|approximately|around|an\s+average\s+of|on\s+average)?\s*",
    re.IGNORECASE,
)
# IRS instructions: "Average Hours per Return ... 29.5" (a table of the average taxpayer burden).
_PER_RETURN = re.compile(r"\baverage\s+hours\s+per\s+return\b[^0-9]{0,60}?(\d+(?:\.\d+)?)\b", re.IGNORECASE)
_ACTIVITY_SUM = re.compile(r"\bestimated\s+(?:average\s+)?time\s+is\s*:?", re.IGNORECASE)
_ACTIVITY_PART = re.compile(r"(\d+)\s*hrs?\.?,?\s*(?:(\d+)\s*min\.?)?|(\d+)\s*min\.?", re.IGNORECASE)


def _number(text: str) -> float:
    text = text.strip().lower()
    inner = re.search(r"\(\s*(\d+(?:\.\d+)?)\s*\)", text)
    if inner:
        return float(inner.group(1))
    try:
        return float(text)
    except ValueError:
        return float(_NUMBER_WORDS.get(text, 0))


def _minutes(amount: str, unit: str | None, extra: str | None = None, extra_unit: str | None = None) -> float:
    value = _number(amount)
    unit = (unit or "minutes").lower()
    minutes = value * 60 if unit.startswith("h") else value
    if extra:
        minutes += _number(extra)
    return minutes


@dataclass(frozen=True)
class StatedBurden:
    minutes: float
    text: str  # the words the minutes were read from
    family: str  # range | anchored | activity-sum
    low: float | None = None
    high: float | None = None


def parse_burden(text: str) -> StatedBurden | None:
    """The minutes a burden statement states, or None. See burden-model.md section 3.2."""
    for anchor in _ANCHORS.finditer(text):
        tail = text[anchor.end(): anchor.end() + 160]
        ranged = _RANGE.match(tail)
        if ranged:
            low = _minutes(ranged.group(1), ranged.group(2) or ranged.group(4))
            high = _minutes(ranged.group(3), ranged.group(4))
            if ranged.group(5):
                average = _minutes(ranged.group(5), ranged.group(6), ranged.group(7), ranged.group(8))
            else:
                average = (low + high) / 2
            return StatedBurden(round(average, 2), (anchor.group(0) + ranged.group(0)).strip(), "range", low, high)
        single = re.match(_DURATION, tail, re.IGNORECASE)
        if single:
            minutes = _minutes(single.group(1), single.group(2), single.group(3), single.group(4))
            if minutes > 0:
                return StatedBurden(round(minutes, 2), (anchor.group(0) + single.group(0)).strip(), "anchored")
    vary = re.search(r"\bvar(?:y|ies)\s+from\s+", text, re.IGNORECASE)
    if vary:
        ranged = _RANGE.match(text[vary.end():])
        if ranged and ranged.group(5):
            minutes = _minutes(ranged.group(5), ranged.group(6), ranged.group(7), ranged.group(8))
            return StatedBurden(round(minutes, 2), ranged.group(0), "range",
                                _minutes(ranged.group(1), ranged.group(2) or ranged.group(4)),
                                _minutes(ranged.group(3), ranged.group(4)))
    per_return = _PER_RETURN.search(text)
    if per_return:
        return StatedBurden(round(float(per_return.group(1)) * 60, 2), per_return.group(0), "per-return")
    activity = _ACTIVITY_SUM.search(text)
    if activity:
        tail = text[activity.end(): activity.end() + 600]
        total = 0.0
        for part in _ACTIVITY_PART.finditer(tail):
            if part.group(3):
                total += float(part.group(3))
            else:
                total += float(part.group(1)) * 60 + float(part.group(2) or 0)
        if total:
            return StatedBurden(round(total, 2), tail[:200].strip(), "activity-sum")
    return None


# -- what a document displays -------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """Where a statement was found."""

    text: str
    location: Location


@dataclass
class Notices:
    omb_number: Hit | None = None
    omb_value: str | None = None
    expiration: Hit | None = None
    expiration_value: str | None = None
    display_statement: Hit | None = None
    burden: StatedBurden | None = None
    burden_hit: Hit | None = None
    pra_elsewhere: Hit | None = None  # "PRA Notice, see separate instructions"
    privacy_heading: Hit | None = None
    privacy_elements: set[str] = field(default_factory=set)
    privacy_elsewhere: Hit | None = None
    privacy_block: str = ""  # the text of the statement, for the SSN sub-check
    notice_words: int = 0  # words of PRA and Privacy Act text (the model reads them separately)

    @property
    def privacy_act(self) -> str:
        """present | referenced | absent."""
        if self.privacy_heading is not None and len(self.privacy_elements) >= 2:
            return "present"
        if len(self.privacy_elements) >= 3 and self.privacy_heading is not None:
            return "present"
        if self.privacy_heading is None and len(self.privacy_elements) == 4:
            return "present"
        if self.privacy_elsewhere is not None or self.privacy_heading is not None:
            return "referenced"
        return "absent"

    @property
    def burden_statement(self) -> str:
        """present | referenced | absent."""
        if self.burden is not None:
            return "present"
        if self.pra_elsewhere is not None:
            return "referenced"
        return "absent"

    def ssn_disclosure(self) -> set[str]:
        """What the Privacy Act text says about the SSN: authority, mandatory/voluntary, use."""
        said: set[str] = set()
        text = self.privacy_block
        if not SSN_WORDS.search(text) and not text:
            return said
        if MANDATORY_OR_VOLUNTARY.search(text):
            said.add("mandatory-or-voluntary")
        if PRIVACY_ELEMENTS["authority"].search(text):
            said.add("authority")
        if PRIVACY_ELEMENTS["purpose"].search(text):
            said.add("use")
        return said

    def stats(self) -> dict[str, Any]:
        return {
            "omb_number": self.omb_value,
            "expiration": self.expiration_value,
            "burden_statement": self.burden_statement,
            "display_statement": self.display_statement is not None,
            "privacy_act": self.privacy_act,
        }


def _hit(block: TextBlock, match: re.Match[str]) -> Hit:
    return Hit(match.group(0), block.location_at(match.start(), match.end()))


def read_notices(doc: Document) -> Notices:
    """Find the PRA and Privacy Act statements in every text of ``doc`` (prose, labels, hints)."""
    notices = Notices()
    privacy_blocks: list[str] = []
    in_privacy = 0
    seen_texts: set[str] = set()
    for block in doc.blocks:
        text = block.text
        if not text or text in seen_texts:
            continue
        seen_texts.add(text)
        lower = text.lower()  # cheap substring tests first: guidance can have thousands of blocks
        if notices.omb_number is None and ("omb" in lower or "0mb" in lower or "o m b" in lower
                                           or "management and budget" in lower):
            found = OMB_NUMBER.search(text)
            if found:
                notices.omb_number = _hit(block, found)
                notices.omb_value = f"{found.group(1)}-{found.group(2)}"
        if notices.expiration is None and ("exp" in lower or "valid through" in lower):
            found = EXPIRATION.search(text)
            if found and _near_pra(text, found, doc):
                notices.expiration = _hit(block, found)
                notices.expiration_value = " ".join(found.group(1).split())
        if notices.display_statement is None and ("sponsor" in lower or "unless" in lower):
            found = DISPLAY_STATEMENT.search(text)
            if found:
                notices.display_statement = _hit(block, found)
        if notices.burden is None:
            stated = parse_burden(text) if _mentions_time(text) else None
            if stated is not None:
                notices.burden = stated
                at = text.find(stated.text[:20])
                notices.burden_hit = Hit(stated.text, block.location_at(max(at, 0)))
        if notices.pra_elsewhere is None and "paperwork" in lower:
            found = PRA_ELSEWHERE.search(text)
            if found:
                notices.pra_elsewhere = _hit(block, found)
        if notices.privacy_elsewhere is None and "privacy" in lower:
            found = PRIVACY_ELSEWHERE.search(text)
            if found:
                notices.privacy_elsewhere = _hit(block, found)
        heading = PRIVACY_HEADING.search(text) if "privacy" in lower else None
        if heading and notices.privacy_heading is None and not PRIVACY_ELSEWHERE.search(text):
            notices.privacy_heading = _hit(block, heading)
            in_privacy = 6  # the statement's paragraphs follow its heading
        if in_privacy or heading:
            privacy_blocks.append(text)
            for name, pattern in PRIVACY_ELEMENTS.items():
                if pattern.search(text):
                    notices.privacy_elements.add(name)
            in_privacy = max(in_privacy - 1, 0)
        if heading or in_privacy or (("paperwork" in lower or "burden" in lower or "respond" in lower)
                                      and (PRA_NAMED.search(text) or DISPLAY_STATEMENT.search(text))):
            notices.notice_words += len(text.split())
    if notices.privacy_heading is None:
        # A statement without the usual heading ("AUTHORITIES: ... PURPOSE: ... ROUTINE USES:"):
        # count the elements over the whole text, in blocks that read like a notice.
        for block in doc.blocks:
            if _notice_like(block.text):
                privacy_blocks.append(block.text)
                for name, pattern in PRIVACY_ELEMENTS.items():
                    if pattern.search(block.text):
                        notices.privacy_elements.add(name)
        if len(notices.privacy_elements) < 4:
            notices.privacy_elements = set()
    notices.privacy_block = " ".join(privacy_blocks)
    return notices


_NOTICE_CUES = re.compile(r"\b(?:routine\s+uses?|system\s+of\s+records|privacy)\b", re.IGNORECASE)


def _notice_like(text: str) -> bool:
    return bool(_NOTICE_CUES.search(text))


def _near_pra(text: str, found: re.Match[str], doc: Document) -> bool:
    """An expiration date belongs to the PRA block: the OMB number is in the same text, or
    the words "OMB", "expiration date" or "expires" stand alone (not "expiration date of
    your passport")."""
    window = text[max(0, found.start() - 200): found.end() + 200]
    if OMB_NUMBER.search(window) or re.search(r"\bOMB\b|\bO\s?M\s?B\b", window):
        return True
    after = text[found.start(): found.start() + 40].lower()
    return not re.search(r"expiration\s+date\s+(?:of|for)\b", after)


def _mentions_time(text: str) -> bool:
    return bool(re.search(r"\b(?:minutes?|hours?|hrs?\.?|min\.)\b", text, re.IGNORECASE))
