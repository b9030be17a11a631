"""``acronyms``: abbreviations used before or without their definition.

An abbreviation is a word of two or more capitals ("HMDA", "MCOs") or initials with
periods ("U.S.C."). It is defined where the text spells it out next to it, either way
round: "Home Mortgage Disclosure Act (HMDA)" or "HMDA (Home Mortgage Disclosure Act)",
when the initials of the spelled-out words match the letters of the abbreviation
(small words such as "of" and "and" may be skipped; most letters must match). The
first use of each abbreviation in running text is checked once per document:

* defined at or before that use, or on the built-in or configured list of well-known
  terms (``acronyms`` in the configuration): fine;
* defined only later: "used before its definition", pointing at where it is defined;
* never defined: "not defined".

Not abbreviations: capitalised words for emphasis ("NOTE", "MUST", a run of capitals)
when the document also uses the word in lower case or the word is a common emphasis
word; roman numerals; format patterns (HH:MM, YYYY-MM-DD); identifiers with digits
(SF-86, FAA-2000-8460); form names ("DD Form 214", "Form DS-11"); citations ("12 CFR
1002.4", "44 U.S.C. 3501"); state codes in addresses; parts of URLs and email
addresses. Headings and titles are not checked (a definition there still counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from formlint.checks.base import Check, Param, register
from formlint.checks.prose import is_table_of_contents
from formlint.context import CheckContext
from formlint.model import Document, Finding, Role, Severity, TextBlock
from formlint.office_use import office_use
from formlint.text import inside, sentence_at, token_around

CANDIDATE = re.compile(
    r"(?<![\w@.#&])(?P<abbr>(?:[A-Z]\.){2,}(?:[A-Z](?![a-z]))?|[A-Z][A-Z0-9&]*[A-Z](?:s(?![a-z]))?|"
    r"[A-Z][a-z][A-Z]+s?)(?![\w@&])"
)
ROMAN = re.compile(r"^(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
REPEATED_LETTER = re.compile(r"^([A-Z])\1+$")  # HH, MM, YYYY, SSSS: format patterns
CITATION = re.compile(r"^(?:CFR|C\.F\.R\.|U\.S\.C\.|USC|FR|F\.R\.|Stat|STAT|Pub|L\.|U\.S\.C)$")
# A street-name word after a house number: "2007 IRIS COURT", "1200 OAK ST".
STREET = re.compile(r"^\s+(?:COURT|CT|STREET|ST|AVENUE|AVE|ROAD|RD|DRIVE|DR|LANE|LN|BOULEVARD|BLVD|WAY|PLACE|PL|"
                    r"CIRCLE|CIR|PARKWAY|PKWY|HIGHWAY|HWY|TERRACE|TER)\b", re.IGNORECASE)
BILLS = frozenset({"H.R", "S", "H.J.Res", "S.J.Res", "H.Res", "S.Res", "H.Con.Res"})
STATE_CODES = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK
    OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP""".split()
)
# Capitalised words used for emphasis, in headings or as form labels ("8 SEX"), never abbreviations.
EMPHASIS = frozenset(
    """NOTE NOTES IMPORTANT WARNING CAUTION STOP MUST NOT NO YES AND OR ALL ANY EVER NEVER ONLY DO DON'T
    TIP REMEMBER ATTENTION SUMMARY ADDRESSES DATES ACTION AGENCY EFFECTIVE INFORMATION CONTACT FOR FURTHER THE
    OF TO IF YOU WE BE IS ARE THIS THAT WITH ON IN AT BY AN A SECTION PART PAGE FORM USE ONLY ORIGINAL COPY
    DELETED UNDELETED BEFORE AFTER ENTER CHECK SIGN HERE START END PRINT TYPE NAME DATE FAX PHONE TEL EMAIL
    MAIL SEX AGE RACE MALE FEMALE CITY STATE HOME WORK DAY MONTH YEAR TITLE""".split()
)
# Title-case nouns that make an abbreviation part of a name: "RFK Building", "SUPPORT Act".
NAMING_NOUNS = frozenset({"Building", "Index", "Act", "Program", "Programme", "Center", "Centre", "Fund", "Plan",
                          "Report", "Rule", "Award", "Foundation", "Corporation", "Company", "Inc", "Street",
                          "Avenue", "Road", "Hall", "Library", "Manufacturing", "Co", "Ltd", "LLC", "Corp", "Group",
                          "Holdings", "Industries", "Trust", "Bank", "Exchange"})
# The made-up names of worked examples, when a capitalised word follows ("ABC University");
# "the ABC settlement agreement" (American Baptist Churches) is an abbreviation to spell out.
PLACEHOLDER_NAMES = frozenset({"ABC", "XYZ"})
# "CBP Dec. 17-03", "FAA Docket No. 12": a document number, not a use.
DOCUMENT_NUMBER = re.compile(r"^\s+(?:Dec\.|No\.|Nos\.|Docket|Case|File|Order|Notice)\s*(?:No\.\s*)?\d")
COMPASS = frozenset({"NW", "NE", "SW", "SE", "N.W", "N.E", "S.W", "S.E"})
PROSE_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.TABLE_CELL, Role.NOTICE, Role.HINT})


@dataclass(frozen=True)
class Use:
    block: TextBlock
    start: int
    end: int
    key: str  # the abbreviation without a plural s
    checked: bool  # in running text (not a heading or title)


@register
class AcronymCheck(Check):
    kind = "acronyms"
    params = {
        "known": Param(list, [], help="abbreviations every reader knows (added to the config's 'acronyms')"),
        "later-message": Param(str, '"{match}" is used before it is spelled out ({where}); define it at its first '
                                    'use: "Full Name ({match})".', help="message when the definition comes later"),
    }

    def setup(self) -> None:
        self.known = {str(k) for k in self.options["known"]}

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        known = self.known | set(ctx.config.acronyms)
        lower_words = _lower_words(doc)
        domains = _domains(doc)
        uses: dict[str, Use] = {}
        prefixes = _identifier_prefixes(doc)
        defined_at: dict[str, tuple[TextBlock, int]] = {}
        selected = {id(block) for block in self.blocks(doc)}
        staff_codes = office_use(doc).starts
        for block in doc.blocks:
            if block.role not in PROSE_ROLES and block.role not in (Role.HEADING, Role.TITLE):
                continue
            checked = block.role in PROSE_ROLES and id(block) in selected
            if is_table_of_contents(block.text):
                continue  # "3 Contributions for FERS . . . . 12": the entry is not a use
            staff_from = staff_codes.get(id(block))  # "... (FOR SSA USE ONLY) NPN DOC NTI": the staff's codes
            for match in CANDIDATE.finditer(block.text):
                abbr = match.group("abbr")
                key = _key(abbr)
                start, end = match.span("abbr")
                if not _is_abbreviation(block.text, start, end, abbr, key, lower_words):
                    continue
                if key not in defined_at and _defines(block.text, start, end, key):
                    defined_at[key] = (block, start)
                if key in uses or not checked or (staff_from is not None and start >= staff_from):
                    continue
                uses[key] = Use(block, start, end, key, checked)
        # Block positions by identity: list.index would compare blocks field by field,
        # once per abbreviation, over the whole document (quadratic on a long one).
        position = {id(block): index for index, block in enumerate(doc.blocks)}
        for key, use in uses.items():
            if key in prefixes or _accepted(key, use, known, domains, ctx) or _spelled_out_nearby(use):
                continue
            definition = defined_at.get(key)
            if definition is not None:
                block, start = definition
                if (position[id(block)], start) <= (position[id(use.block)], use.start):
                    continue  # defined at or before its first use
                yield self._finding(use, later=block.location_at(start))
                continue
            yield self._finding(use)

    def _finding(self, use: Use, later=None) -> Finding:  # noqa: ANN001 - a Location
        text = use.block.text
        sentence = sentence_at(text, use.start)
        message = None
        where = ""
        if later is not None:
            where = f"line {later.line}" if later.line else (f"page {later.page}" if later.page else "later")
            message = self.options["later-message"]
        return self.span_finding(
            use.block, use.start, use.end,
            sentence=(sentence.start, sentence.end),
            severity=Severity.WARNING if later is None else self.rule.severity,
            message=message, where=where,
            suggestions=[f"Full Name ({text[use.start:use.end]})"],
            fingerprint=f"acronym:{use.key}",
        )


def _key(abbr: str) -> str:
    key = abbr[:-1] if abbr.endswith("s") and len(abbr) > 2 and abbr[-2].isupper() else abbr
    return key.rstrip(".") if "." in key else key


def _lower_words(doc: Document) -> set[str]:
    words: set[str] = set()
    for block in doc.blocks:
        words |= {w.lower() for w in re.findall(r"\b[a-z][a-z']+\b", block.text)}
    return words


def _domains(doc: Document) -> set[str]:
    """Abbreviations that name a domain in the document ("VA.gov"): the publisher's own name."""
    names: set[str] = set()
    for block in doc.blocks:
        for match in re.finditer(r"\b([A-Za-z]{2,})\.(?:gov|mil)\b", block.text):
            names.add(match.group(1).upper())
    return names


def _is_abbreviation(text: str, start: int, end: int, abbr: str, key: str, lower_words: set[str]) -> bool:
    letters = key.replace(".", "")
    if len(letters) < 2 or ROMAN.match(letters):
        return False
    if REPEATED_LETTER.match(letters) and (re.match(r"^ ?[:/\-]", text[end:end + 2])
                                           or re.search(r"[:/\-] ?$", text[max(0, start - 2):start])):
        return False  # a format pattern: HH:MM, YYYY-MM-DD, AAA-GG-SSSS, "MM / DD / YYYY"
    before = text[max(0, start - 12):start]
    after = text[end:end + 12]
    if (CITATION.match(abbr) or CITATION.match(key)) and (re.search(r"\d\s*$", before) or
                                                           re.match(r"^\.?\s*\d", after)):
        return False  # "12 CFR 1002.4", "44 U.S.C. 3501", "131 STAT. 82": a citation (but "the CFR" is a name)
    if re.search(r"(?<![(\[])[\"\u201c\u2018']$", before) and re.match(r"^[.,]?[\"\u201d\u2019'](?![)\]])", after):
        # 'Identify as \u201cUDC.\u201d', 'enter \u201cHSH\u201d': a code the reader writes, not a name (but
        # 'the Act (\u201cEPCA\u201d)' defines one)
        return False
    if re.search(r"\b\d+\s+$", before) and STREET.match(after):
        return False  # "2007 IRIS COURT": a street in an address
    if "." in abbr and re.match(r"^\s+\d", after):
        return False  # "E.O. 12866", "H.R. 6516": a numbered document
    if re.fullmatch(r"(?:[A-Z]\.){1,3}", abbr) and re.search(r"[A-Z][a-z]+,\s+$", before):
        return False  # "Andrews, D.W.": an author's initials
    if re.match(r"^(?:\s+[A-Z][\w&'-]*){0,3},?\s+(?:Ltd|Inc|LLC|L\.L\.C|Co|Corp|Company|Corporation|Group|GmbH)\b",
                text[end:end + 60]):
        return False  # "RMB Fasteners Ltd.", "ITC Midwest LLC": a company name
    if len(letters) <= 2 and re.match(r"^\s+\d", after):
        return False  # "FM 32", "SR 14": a road or route number
    if key in COMPASS or key in BILLS:
        return False  # "1700 G Street NW.", "H.R. 6516"
    if DOCUMENT_NUMBER.match(text[end:end + 24]):
        return False
    if _list_of_codes(text, start, end):
        return False  # "EC, ECB, LHD2, LHQM, LHX": product codes
    if _inside_name(text, start, end):
        return False  # "the Solactive GLD EUR Gold Index"
    if _in_url(text, start):
        return False
    token = token_around(text, start, end, spaces=" \u00a0")
    if re.search(r"[-\u2013]", token) and (re.search(r"\d", token) or
                                            re.fullmatch(r"[^(\w]*[A-Z]{2,}(?:[-\u2013][A-Z]{2,})+\W*", token)):
        return False  # "EPA-HQ-OAR-2016-0631", "EAI-ELL-ENO", "SICAV-RAIF": identifiers and codes
    if re.match(r"^\s+([A-Z][a-z]+)\b", after) and re.match(r"^\s+([A-Z][a-z]+)", after).group(1) in NAMING_NOUNS:
        return False  # "RFK Building", "SUPPORT Act": part of a name
    if key in PLACEHOLDER_NAMES and re.match(r"^\s+[A-Z][a-z]", after):
        return False  # "ABC Mutual Fund", "XYZ University": a worked example's made-up name
    if re.match(r"^[-\u2013\u2014/]?\d", after) or re.search(r"\d[-\u2013\u2014]$", before):
        return False  # an identifier: SF-86, FAA-2000-8460, I-485
    if re.search(r"\bForms?\s+$", before) or re.match(r"^\s+Forms?\b", after):
        return False  # "Form DS", "DD Form 214": form names
    if re.search(r"\d\s*$", before) and re.match(r"^\s*\d", after):
        return False  # "12 CFR 1002": a citation
    if key in STATE_CODES and (re.match(r"^,?\s*\d{5}", after) or re.search(r",\s*$", before)
                               or re.match(r"^,\s*(?:or\s+|and\s+)?[A-Z]{2}\b", after)
                               or re.search(r"\b[A-Z]{2},?\s+(?:or|and)\s+$", before)):
        return False  # "Irving, TX 75064", "CA, FL, IL, or TX"
    if letters.isalpha() and len(letters) >= 4 and re.search(r"[A-Z][a-z]+,\s+$", before) and \
            re.match(r"^[;.]", after):
        return False  # "Ltd., New Delhi, INDIA;": a country or state ending an item of an address list
    if letters.isalpha() and letters.isupper() and len(letters) >= 6:
        return False  # "APPLICANTS", "RESERVE": a capitalised word (long abbreviations are rare)
    if re.match(r"^:", after) and not text[:start].strip():
        return False  # "SPAIN: Chlorinated Isocyanurates": a label at the start of a block
    neighbours = re.findall(r"[A-Za-z]+", text[max(0, start - 20):start])[-1:] + \
        re.findall(r"[A-Za-z]+", text[end:end + 20])[:1]
    if any(len(w) >= 6 and w.isupper() for w in neighbours):
        return False  # "NEW ZEALAND", "NOTICE OF FILING": among capitalised words
    if re.match(r"^/[A-Z][a-z]", after) or re.search(r"\b[A-Z][a-z]{2,}/$", before):
        return False  # "WM/Reuters": part of a name
    if letters.isalpha() and letters.isupper() and (key in EMPHASIS or len(letters) >= 4
                                                    and letters.lower() in lower_words):
        return False  # "NOTE:", "MUST", "STAMP" (the document also writes "stamp")
    if _in_capitals_run(text, start, end):
        return False  # "FOR FURTHER INFORMATION CONTACT", "SEND OR BRING THE FORM"
    if _beside_a_lone_capital(text, start, end):
        return False  # "S I DNEY STE VEN", "HALT R I CHARD A L AN": letter-spaced text, or a name with an initial
    return True


def _beside_a_lone_capital(text: str, start: int, end: int) -> bool:
    """Whether a single capital letter stands right before or after the word, one space
    away, or two stand within a few characters of it. Comb fields filled in a sample form
    come out letter-spaced, in pieces ("WI LL I AMS S I DNEY STE VEN", corpus: TSP-3), and a
    name in capitals has its initial there ("JOHN P MANO"); neither piece is an
    abbreviation."""
    if re.search(r"(?:^|[^\w.])[A-Z] $", text[max(0, start - 3):start]) or \
            re.match(r"^ [A-Z](?![\w.&'])", text[end:end + 3]):
        return True
    around = text[max(0, start - 16):start] + " " + text[end:end + 16]
    return len(LONE_CAPITAL.findall(around)) >= 2


LONE_CAPITAL = re.compile(r"(?<![\w.&'])[A-Z](?![\w.&'])")


def _list_of_codes(text: str, start: int, end: int) -> bool:
    """Three or more capitalised codes in a comma-separated row, digits among them."""
    window = text[max(0, start - 60):end + 60]
    items = re.findall(r"(?:^|[,:;]\s*)([A-Z][A-Z0-9]{0,7}(?:\s+[A-Z0-9]{1,5}){0,4})(?=\s*(?:[,;]|$))", window)
    return len(items) >= 3 and any(re.search(r"\d", item) for item in items)


def _inside_name(text: str, start: int, end: int) -> bool:
    """Between two capitalised words mid-sentence: part of a proper name."""
    before = re.search(r"(\S+)\s+$", text[max(0, start - 30):start])
    after = re.match(r"^\s+(\S+)", text[end:end + 30])
    if not before or not after:
        return False
    left, right = before.group(1), after.group(1)
    if re.search(r"[.:;!?]$", left):
        return False  # the sentence starts here
    name_word = re.compile(r"^[A-Z][\w\u00ae&'-]*[\u00ae]?$")
    return bool(name_word.match(left) and name_word.match(right) and right[1:2].islower())


def _identifier_prefixes(doc: Document) -> set[str]:
    """Abbreviations that start document numbers ("FAA-2000-8460", "CMS-10398"): the
    issuing agency's own name, which the document does not need to spell out."""
    prefixes: set[str] = set()
    for block in doc.blocks:
        for match in re.finditer(r"\b([A-Z]{2,6})[-\u2013]\d{2,}", block.text):
            prefixes.add(match.group(1))
    return prefixes


def _in_url(text: str, start: int) -> bool:
    token = token_around(text, start, start)
    return "://" in token or token.startswith("www.") or "@" in token or bool(re.search(r"\.(?:gov|com|org|mil)\b", token))


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether the word sits next to a capitalised ordinary word ("NOTE TO ALL APPLICANTS",
    "NOT DUE"): emphasis or a heading in capitals, not an abbreviation."""
    left = re.search(r"([A-Za-z']+)[\s:]+$", text[max(0, start - 30):start])
    right = re.match(r"^[\s:]+([A-Za-z']+)", text[end:end + 30])
    for neighbour in (left.group(1) if left else "", right.group(1) if right else ""):
        if len(neighbour) >= 2 and neighbour.isupper() and neighbour in EMPHASIS:
            return True
    return False


# What follows an abbreviation that spells it out, matched in place (a slice of the rest of
# a block, once per abbreviation, is quadratic on a long block).
_FOLLOWING_NAME = re.compile(r"s?\s*[(\[]([^()\[\]]{3,200})[)\]]")
_FOLLOWING_LABEL = re.compile(r"s?\s*[:\u2013\u2014]\s*([^.;()]{3,200})")


def _defines(text: str, start: int, end: int, key: str) -> bool:
    """Whether the text spells the abbreviation out right next to it."""
    letters = key.replace(".", "").replace("&", "").upper()
    # '... Exchange LLC (the "Exchange" or "SRO")': a short name given in parentheses.
    if text[start - 1:start] in ("\"", "\u201c") and text[end:end + 1] in ("\"", "\u201d") and \
            inside(text, start, "(", ")"):
        return True
    # "Full Name (ABBR)", also "(the ABBR)", "(DHS-USCIS)", "(SPD/SPN)".
    opening = text.rfind("(", max(0, start - 16), start + 1)
    if opening >= 0 and re.fullmatch(r"[\s\"'\u201c]*(?:the\s+)?(?:[A-Z][\w.&]*[-/])*", text[opening + 1:start]):
        words = re.findall(r"[A-Za-z][\w'.-]*", text[max(0, opening - 200):opening])
        window = words[-(len(letters) * 2 + 3):]
        if _aligned(_initials(window), letters):
            return True
        # Only the abbreviation in the parentheses ("(CO)", not "(SPD/SPN)"): its letters may
        # come from inside the words ("carbon monoxide").
        if opening == start - 1 and _letters_in_order(window[-(len(letters) + 2):], letters):
            return True
    # "ABBR (Full Name)", "RIN [regulatory information number]", "POUR: Perceivable, Operable ..."
    follow = _FOLLOWING_NAME.match(text, end) or _FOLLOWING_LABEL.match(text, end)
    if follow:
        words = re.findall(r"[A-Za-z][\w'.-]*", follow.group(1))[: len(letters) * 2 + 3]
        if _aligned(_initials(words), letters):
            return True
    return False


FUNCTION_WORDS = frozenset("a an and or of the in on for to by with at from as".split())


def _letters_in_order(words: list[str], letters: str) -> bool:
    """Whether the abbreviation's letters occur in order in the words before it, the first
    letter starting a word and the last word used: "carbon monoxide (CO)", "Medicaid
    (MCD)". This is Schwartz and Hearst's test for a long form (2003), read from the end;
    it finds the definitions the initials miss ("Notice to Airmen (NOTAM)", "Swiss Financial
    Markets Authority (FINMA)"), for abbreviations of up to six letters."""
    if not words or not 2 <= len(letters) <= 6 or len(set(letters.lower())) < len(letters):
        return False  # "Timing Adjustable (AA)": a repeated letter finds itself anywhere
    long_form = " ".join(words).lower()
    starts = {len(" ".join(words[:i])) + (1 if i else 0): word.lower() for i, word in enumerate(words)}
    wanted = [c for c in letters.lower() if c.isalpha()]
    position = len(long_form) - 1
    for index in range(len(wanted) - 1, -1, -1):
        letter = wanted[index]
        while position >= 0 and (long_form[position] != letter or (
                index == 0 and position > 0 and long_form[position - 1].isalnum())):
            position -= 1
        if position < 0:
            return False
        if index == 0 and starts.get(position) in FUNCTION_WORDS:
            return False  # a name does not start with "and" ("Info and Relationships (AA)")
        if index == len(wanted) - 1 and " " in long_form[position:]:
            return False  # the last letter must come from the last word: "(CO)" right after its name
        position -= 1
    return True


def _spelled_out_nearby(use: Use) -> bool:
    """Whether the sentence spells the name out word for word ("FTC Regional Office ... or
    Federal Trade Commission"): the reader sees both, even without parentheses."""
    text = use.block.text
    sentence = sentence_at(text, use.start)
    letters = use.key.replace(".", "").replace("&", "")
    names = re.findall(r"(?:[A-Z][a-z]+(?:\s+(?:of|and|the|for|on|in|&)\s+|\s+))+[A-Z][a-z]+",
                       sentence.of(text))
    for name in names:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())
        if letters in initials and len(letters) >= 2:
            return True
    return False


def _initials(words: list[str]) -> list[str]:
    """First letters of words; "U.S." gives "U", "S"; hyphenated words give one per part."""
    initials: list[str] = []
    for word in words:
        if re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            initials.extend(word.replace(".", "").upper())
            continue
        initials.extend(part[0].upper() for part in re.split(r"-", word) if part)
    return initials


def _aligned(initials: list[str], letters: str) -> bool:
    """Whether the letters appear in order among the initials.

    A third of the letters may be missing (a "Uniform" left out of "Electronic
    Transactions Act (UETA)"); two-letter abbreviations must match fully.
    """
    position = matched = 0
    for letter in letters:
        found = next((i for i in range(position, len(initials)) if initials[i] == letter), None)
        if found is None:
            continue
        matched += 1
        position = found + 1
    need = len(letters) if len(letters) <= 2 else -(-len(letters) * 2 // 3)
    return matched >= need


def _accepted(key: str, use: Use, known: set[str], domains: set[str], ctx: CheckContext) -> bool:
    text = use.block.text
    word = text[use.start:use.end]
    if key in known or word in known or key.replace(".", "") in known:
        return True
    if ctx.accepted(word) or ctx.accepted(key):
        return True
    if key.replace(".", "") in domains:
        return True  # the publisher's own name ("VA" on VA.gov)
    if key == "OMB" and re.match(r"^\s*(?:No\.|Number|Control|control|approval|\d)", text[use.end:use.end + 20]):
        return True  # "OMB No. 1545-0074", "OMB control number": the label the PRA requires
    return False
