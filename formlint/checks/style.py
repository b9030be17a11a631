"""Small plain-language kinds that need no grammar: capitals, slashes, third person.

* ``all-caps``: runs of four or more words in capitals, or a block that is mostly
  capitals; headings of up to three words are fine.
* ``slash``: "and/or" (a warning) and word/word slashes (info), but not dates,
  fractions, units, URLs, "N/A", "w/o", "24/7", abbreviation pairs ("TDD/TTY") or
  "he/she" (plain/address-the-reader reports that).
* ``third-person``: "the applicant must", "applicants are required to", "he or she":
  instructions written about the reader instead of to them.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator

from formlint.checks.base import Check, Param, register
from formlint.checks.casing import (
    FUNCTION_WORDS,
    KEEP_UPPER,
    ROMAN_NUMERAL,
    Spellings,
    document_spellings,
    sentence_case,
)
from formlint.checks.prose import quoted
from formlint.context import CheckContext
from formlint.model import Document, Finding, Role, Severity
from formlint.office_use import office_use
from formlint.text import REACH, inside, preserve_case, sentence_at, token_around


# -- all caps ------------------------------------------------------------------------------

@register
class AllCapsCheck(Check):
    kind = "all-caps"
    params = {
        "min-words": Param(int, 4, help="flag this many or more capitalised words in a row"),
        "heading-words": Param(int, 3, help="headings of up to this many words may be in capitals"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        min_words: int = self.options["min-words"]
        spellings: Spellings | None = None  # learned once, at the first run of capitals
        staff_codes = office_use(doc).starts
        for block in self.blocks(doc):
            text = block.text
            words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", text)
            if block.role in (Role.HEADING, Role.TITLE) and len(words) <= self.options["heading-words"]:
                continue
            # "... (FOR SSA USE ONLY) NPN DOC NTI CAN ITV": the staff's codes are not the public's text.
            for start, end, count in _caps_runs(text[:staff_codes.get(id(block), len(text))]):
                if count < min_words:
                    continue
                run = text[start:end]
                if ctx.accepted(run) or _caption(text, start, end, count):
                    continue
                sentence = sentence_at(text, start)
                if spellings is None:
                    spellings = document_spellings(doc.blocks)
                # The run starts its sentence, or follows a code, a number or a name it is
                # a title after ("U.S. Department of State APPLICATION FOR A U.S. PASSPORT").
                before = text[sentence.start:start].split()
                at_start = not before or not before[-1][:1].islower()
                yield self.span_finding(
                    block, start, end, sentence=(sentence.start, sentence.end),
                    suggestions=[sentence_case(run, at_start, spellings)],
                    words=count,
                    fingerprint=f"caps:{run[:40].lower()}",
                )


# Captions the Federal Register prescribes, also when a sentence refers to them.
FR_CAPTIONS = re.compile(r"^(?:FOR FURTHER INFORMATION CONTACT|SUPPLEMENTARY INFORMATION|ADDRESSES|DATES|SUMMARY|"
                         r"AGENCY|ACTION)$")


_LEADING_SPACE = re.compile(r"\s*")
_CLOSING_MARKS = re.compile(r"[ .:;]*")


def _caption(text: str, start: int, end: int, count: int) -> bool:
    """A short line in capitals that is the whole block ("DEPARTMENT OF HEALTH AND HUMAN
    SERVICES"), or a short label before a colon ("FOR FURTHER INFORMATION CONTACT:"), is
    a header or caption, which the guidelines allow."""
    if FR_CAPTIONS.match(text[start:end]):
        return True
    if text[start - 1:start] in ("\"", "\u201c") or text[end:end + 1] in ("\"", "\u201d") or \
            text[end:end + 2] in (".\"", ".\u201d"):
        return True  # quoted words that must appear as written ("THIS DOCUMENT CONTAINS ...")
    whole_block = _LEADING_SPACE.match(text).end() >= start and _CLOSING_MARKS.match(text, end).end() == len(text)
    if whole_block and count <= 8 and not re.search(r"[.!?]\s*$", text):
        return True
    return count <= 6 and text[end:end + 1] == ":"


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019.]*|\d[\w.-]*|[^\sA-Za-z\d]+")
_CODE = re.compile(r"\S*\d\S*|\S+[-\u2013]\S+")
_NOT_LETTER = re.compile(r"[^A-Za-z]")
# A word that can count towards a run ("real" below: over three characters, no inner
# full stop, or a capitalised function word) has two capitals with at most apostrophes
# between them; a block without that cannot hold a run.
_TWO_CAPITALS = re.compile(r"[A-Z]['\u2019]*[A-Z]")


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of ``spans`` (in order, not overlapping)."""
    index = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return index >= 0 and spans[index][1] >= end


def _caps_runs(text: str) -> Iterator[tuple[int, int, int]]:
    """Stretches of capitalised words (2+ letters), allowing punctuation, digits and
    one-letter words between them. Runs made only of abbreviations do not count."""
    if not _TWO_CAPITALS.search(text):
        return  # a run needs two words of capitals, each with two capitals in a row
    tokens = list(_TOKEN.finditer(text))
    # Identifiers ("NPS-WASO-23378", "PCU00RP14") are not words in capitals.
    codes = [m.span() for m in _CODE.finditer(text)]
    tokens = [t for t in tokens if not _inside(codes, t.start(), t.end())]
    run: list[re.Match[str]] = []
    for token in tokens + [None]:  # type: ignore[list-item]
        word = token.group(0) if token is not None else ""
        letters = _NOT_LETTER.sub("", word)
        is_caps = len(letters) >= 2 and letters.isupper()
        if not run and not is_caps:
            continue  # nothing to extend or to end
        neutral = token is not None and (not letters or len(letters) == 1 and letters.isupper())
        if is_caps or (neutral and run):
            run.append(token)  # type: ignore[arg-type]
            continue
        caps = [t for t in run if len(_NOT_LETTER.sub("", t.group(0))) >= 2]
        while run and run[-1] not in caps:
            run.pop()
        real = [t for t in caps if t.group(0).rstrip(".,:;") not in KEEP_UPPER and len(t.group(0)) > 3
                and "." not in t.group(0).rstrip(".,:;")  # "U.S.C.", "E.O.": citations, not words
                and re.search(r"[AEIOUY]", t.group(0)) and not ROMAN_NUMERAL.match(t.group(0).rstrip(".,:;"))
                or t.group(0) in ("A", "THE", "AND", "OR", "TO", "OF", "IN", "ON", "FOR", "NOT", "IF", "BY")]
        # Running text in capitals has function words ("DO NOT WRITE BELOW THIS LINE");
        # lists of names and model codes ("MIAX PEARL, NASDAQ BX", "QM LED 1F GREEN") do not.
        function = [t for t in caps if t.group(0).rstrip(".,:;") in FUNCTION_WORDS]
        if len(caps) >= 2 and len(real) >= 2 and function:
            end = _run_end(text, run[0].start(), run[-1].end())
            yield run[0].start(), end, len([t for t in caps if t.start() < end])
        run = []


_NUMBER_AND_CLOSE = re.compile(r"(?:\s+\d[\w.,-]*)*\)")
_NUMBER = re.compile(r"\s+\d[\w-]*")
_RUN_ENDING_WORDS = frozenset({"AND", "OR", "OF", "FOR", "TO", "THE", "A", "AN", "IN", "ON", "AT", "BY", "UNDER"})


def _run_end(text: str, start: int, end: int) -> int:
    """Where a run of capitals ends. Numbers are left out of runs (they may be codes), so a
    run can stop before the number that completes it ("FOR APPLICANTS AGES 16 AND 17)",
    "FOR PAGES 1 AND 2"): it takes that number, and the bracket it closes. A bracket
    opened in capitals and closed in lower case ("LEGAL GUARDIAN (MUST submit a copy)") is
    left out, and the sentence's full stop too, but not the one of "U.S.", unless "U.S."
    starts the name after the run."""
    if text[start:end].count("(") > text[start:end].count(")"):
        closing = _NUMBER_AND_CLOSE.match(text, end)
        if closing:
            end = closing.end()
        else:
            end = text.rindex("(", start, end)
    else:
        words = re.findall(r"[A-Za-z]+", text[start:end])
        number = _NUMBER.match(text, end)
        if words and words[-1] in _RUN_ENDING_WORDS and number:
            end = number.end()
    name_after = re.search(r"\s+(?:[A-Z]\.){2,}$", text[start:end])
    if name_after and re.match(r"\s+[A-Z][a-z]", text[end:end + 3]):
        end = start + name_after.start()  # "... ACT OF 1998 U.S. Copyright Office": "U.S." starts the name after it
    while end > start and text[end - 1] in ".,:;!? (":
        if text[end - 1] == "." and re.search(r"\b(?:[A-Za-z]\.){2,}$", text[start:end]):
            break  # "U.S.": the full stop belongs to the abbreviation
        end -= 1
    return end


# -- slashes -------------------------------------------------------------------------------

SLASH = re.compile(r"(?<![\w/:.@-])([A-Za-z][\w'\u2019-]*)/([A-Za-z][\w'\u2019-]*)(?:/([A-Za-z][\w'\u2019-]*))?"
                   r"(?![\w/])")
AND_OR = re.compile(r"\band\s*/\s*or\b", re.IGNORECASE)
NOT_NOUNS = frozenset("""go see send call contact write use visit be have do make get provide submit file follow
    attach mail email fax complete sign read check enter list include is are was were will may can must should
    to of in on at by for with from as that which who""".split())
DETERMINERS = frozenset({"a", "an", "the", "your", "my", "our", "their", "his", "her", "its", "any", "each"})
QUANTIFIERS = frozenset("""one two three four five six seven eight nine ten some all both more most several many
    few""".split())
_WORD = re.compile(r"[\w'\u2019-]+")
PHRASE_STARTS = frozenset("""and or but nor this these those that such has had been being am shall would could might
    under into over about after before during through within without between against upon per via up out than
    if when where while unless until because since so whether whose whom what how why including""".split())
SLASH_OK = frozenset({"n/a", "w/o", "w/", "c/o", "he/she", "she/he", "him/her", "his/her", "her/his", "s/he",
                      "yes/no", "either/or", "km/h", "mi/h", "mg/dl", "mg/l", "ml/min", "lb/ft", "ft/s", "m/s",
                      "on/off", "d/s", "p/e", "i/o", "a/c", "b/c",
                      # Pairs read as one coordinate or stamp, never as a choice.
                      "latitude/longitude", "lat/long", "lat/lon", "date/time", "month/year"})

# A slash pair before one of these names both ends of a relation, neither "and" nor "or".
RELATION_AFTER = re.compile(r"\s+(?:interface|interfaces|ratio|ratios|boundary|boundaries|border|transition|"
                            r"split|exchange rate|pair|pairs)\b", re.IGNORECASE)


@register
class SlashCheck(Check):
    kind = "slash"
    params = {
        "and-or-message": Param(str, 'Do not use "and/or": write "{suggestion}".', help="message for and/or"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in self.blocks(doc):
            text = block.text
            taken: list[tuple[int, int]] = []
            for match in AND_OR.finditer(text):
                start, end = match.span()
                taken.append((start, end))
                if quoted(text, start, end):
                    continue  # someone else's words
                before = _WORD.findall(text[max(0, start - 40):start])
                following = text[end:end + 40]
                after_words = list(_WORD.finditer(following))
                after = [w.group(0) for w in after_words]
                while len(after) > 1 and after[0].lower() in DETERMINERS and len(after[0]) < 6:
                    after = [after[0] + " " + after[1]] + after[2:]  # "a letter", "your spouse"
                words = {w.lower() for w in (before[-1:] + after[:1])}
                if before and after and not words & NOT_NOUNS and _parallel(before[-1], after[0]) and \
                        _ends_its_phrase(following, after_words, len(after[0].split())):
                    suggestion = f"{before[-1]}, {after[0]}, or both"
                else:
                    suggestion = "A, B, or both"  # a verb or a function word next to it: no guess
                sentence = sentence_at(text, start)
                yield self.span_finding(
                    block, start, end, sentence=(sentence.start, sentence.end), severity=Severity.WARNING,
                    suggestions=[suggestion, "or"], message=self.options["and-or-message"],
                    fingerprint="slash:and/or",
                )
            later = 0  # both runs of matches are in text order: the and/or spans not yet passed
            for match in SLASH.finditer(text):
                start, end = match.span()
                while later < len(taken) and taken[later][1] <= start:
                    later += 1
                if (later < len(taken) and taken[later][0] < end) or _slash_is_fine(text, match):
                    continue
                if quoted(text, start, end):
                    continue  # a quoted mention ("picking “from/to” or “between/and”") or a quotation
                if ctx.accepted(match.group(0)):
                    continue
                parts = [p for p in match.groups() if p]
                sentence = sentence_at(text, start)
                extra = {}
                if len(parts) > 2:  # "province/state/county": a series, and "both" is not "all"
                    extra["message"] = self.rule.message.replace("if you mean both", "if you mean all of them")
                yield self.span_finding(
                    block, start, end, sentence=(sentence.start, sentence.end),
                    suggestions=[_series(parts, "or"), _series(parts, "and")],
                    fingerprint=f"slash:{match.group(0).lower()}", **extra,
                )


def _series(parts: list[str], conjunction: str) -> str:
    """"city or town"; "province, state, or county" (the serial comma, as the Federal Plain
    Language Guidelines and the GPO Style Manual write a series)."""
    if len(parts) <= 2:
        return f" {conjunction} ".join(parts)
    return ", ".join(parts[:-1]) + f", {conjunction} " + parts[-1]


def _parallel(first: str, second: str) -> bool:
    """Whether the words either side of "and/or" can be its two items: not a number or a
    quantifier ("Funds and/or one or more Affiliated Funds"), and not a participle against
    a word that is none ("methods and/or documented in a manner": the items are clauses)."""
    if any(w.lower() in QUANTIFIERS or any(c.isdigit() for c in w) for w in (first, second)):
        return False
    return _participle(first) == _participle(second)


def _participle(word: str) -> bool:
    return word.lower().endswith("ed") and len(word) > 4


def _ends_its_phrase(following: str, words: list[re.Match[str]], first: int) -> bool:
    """Whether the ``first`` words after "and/or" (a determiner may go with the word) are
    the whole second item: "name and/or address." are, "beneficiaries and/or local
    organizations" are not ("local" only starts it), so the suggestion names no items
    rather than the wrong ones."""
    if len(words) <= first:
        return True
    gap = following[words[first - 1].end():words[first].start()]
    nxt = words[first].group(0).lower()
    # The next word starts something else: a verb, a preposition, a clause or a new noun
    # phrase ("appeal this revocation").
    if gap.strip() != "" or nxt in NOT_NOUNS or nxt in PHRASE_STARTS or nxt in DETERMINERS:
        return True
    # A participle after the noun ends it ("documents required by law.", "DOCUMENTS
    # REQUESTED I."), unless a word in lower case follows that goes on the phrase ("small
    # carved beads": "small" only starts it).
    if not _participle(nxt):
        return False
    if len(words) <= first + 1:
        return True
    after = words[first + 1].group(0)
    return (following[words[first].end():words[first + 1].start()].strip() != "" or not after.islower()
            or after in NOT_NOUNS or after in PHRASE_STARTS or after in DETERMINERS)


#: A date's format spelled out: "month/day/year".
DATE_ORDERS = frozenset({("month", "day", "year"), ("day", "month", "year"), ("year", "month", "day")})

#: Units after a slash make a rate ("animals/km2", "gallons/hr"), read "per".
UNIT = re.compile(r"(?:[kcm]?m[23]?|mi2?|ft[23]?|in|yd|ha|acres?|hrs?|h|min|mins|sec|s|yrs?|kg|mg|g|lbs?|oz|"
                  r"l|ml|gal|kwh|kw|w|mph|sq|cu)", re.IGNORECASE)


def _slash_is_fine(text: str, match: re.Match[str]) -> bool:
    whole = match.group(0)
    parts = [p for p in match.groups() if p]
    if whole.lower() in SLASH_OK or any(len(p) < 2 for p in parts):
        return True
    if all(re.fullmatch(r"[A-Z][A-Z0-9&]*s?", p) for p in parts):
        return True  # "TDD/TTY", "SPD/SPN": pairs of abbreviations
    if all(p[:1].isupper() for p in parts):
        return True  # "Respondents/Affected Public", "Bid/Ask Price": names and field labels
    if all(re.fullmatch(r"[mdy]{1,4}", p.lower()) for p in parts) or tuple(p.lower() for p in parts) in DATE_ORDERS:
        return True  # "mm/dd/yyyy", "month/day/year": a date's format
    if UNIT.fullmatch(parts[-1]):
        return True  # "1.12 animals/km2", "miles/hr": a rate, "per"
    if any(re.search(r"[a-z][A-Z]", p) for p in parts):
        return True  # "web-component-patterns/ssnPattern": a path in code, not a choice of words
    if inside(text, match.start(), "[", "]"):
        return True  # "[form/application]": a placeholder to fill in, not prose
    token = token_around(text, match.start(), match.end())
    if "://" in token or token.startswith(("www.", "/")) or re.search(r"\.(?:gov|com|org|mil|net)\b", token):
        return True  # a URL or a path
    if re.search(r"\.(?:pdf|html?|aspx?|xml|txt)\b", token, re.IGNORECASE) or (
            token.count("/") >= 2 and re.search(r"[\d.]", token)):
        return True  # the rest of a web address broken across a line ("www.irs. gov/pub/irs-irbs/irb98-27.pdf")
    return RELATION_AFTER.match(text, match.end()) is not None  # "the substrate/water interface": between the two


# -- third person ------------------------------------------------------------------------------

ROLE = (r"(?:applicant|claimant|beneficiar(?:y|ie)|respondent|recipient|taxpayer|requester|requestor|petitioner|"
        r"participant|enrollee|filer|borrower|registrant|signer|veteran)")
THIRD_PERSON = re.compile(
    r"\b(?:(?:the|each|every|any|an?|all|such)\s+)?(?P<role>" + ROLE + r")s?\s+"
    r"(?P<verb>must|shall|should|is\s+required\s+to|are\s+required\s+to|has\s+to|have\s+to|needs\s+to|need\s+to|"
    r"is\s+responsible\s+for|are\s+responsible\s+for)\b",
    re.IGNORECASE,
)
GENERIC_PRONOUN = re.compile(r"\b(?:he\s+or\s+she|she\s+or\s+he|his\s+or\s+her|her\s+or\s+his|him\s+or\s+her|"
                             r"he/she|she/he|his/her|him/her|s/he|\(s\)he)\b", re.IGNORECASE)
YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
PRONOUN_FOR = {"he or she": "you", "she or he": "you", "he/she": "you", "she/he": "you", "s/he": "you",
               "(s)he": "you", "his or her": "your", "her or his": "your", "his/her": "your", "him or her": "you",
               "him/her": "you"}
VERB_FOR = {"shall": "must", "is required to": "must", "are required to": "must", "has to": "must",
            "have to": "must", "needs to": "need to", "is responsible for": "are responsible for"}


ROLE_WORD = re.compile(r"\b" + ROLE + r"s?\b", re.IGNORECASE)
OFFICIAL = re.compile(r"\b(?:Chair(?:man|woman|person)?|Director|Secretary|Administrator|Commissioner|Judge|"
                      r"officer|official|examiner|President|Board|designee)\b")


# The role noun inside a prepositional phrase: "Percentages for the primary beneficiaries must".
IN_A_PHRASE = re.compile(r"\b(?:for|of|to|with|by|from|between|among|than|about)\s+(?:[\w-]+\s+){0,2}$",
                         re.IGNORECASE)
# The role noun as what someone is or becomes: "a person's intent to be a joint applicant must".
A_COMPLEMENT = re.compile(r"\b(?:to\s+be|become|becomes|as)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# Someone else acts on the role: "the applicant must be given the reasons" (in a rule for
# creditors), "each contingent beneficiary must be linked to a primary one" (the participant
# links them). plain/passive-voice asks who acts; "you must be given" is no plainer.
ACTED_ON = re.compile(r"\s+(?:not\s+)?be\s+(?:\w+ly\s+)?(?:given|offered|sent|told|notified|informed|provided|"
                      r"furnished|shown|paid|linked|afforded|advised|mailed|issued|granted)\b", re.IGNORECASE)
# The writer speaks as "I": an interpreter's or preparer's certification, whose reader is not
# the person "he or she" stands for.
FIRST_PERSON = re.compile(r"(?<!Part )(?<!Item )(?<!Form )(?<!Title )(?<!Section )(?<!Schedule )(?<!Chapter )"
                          r"\b(?:I|me|my|myself)\b")  # "Part I", "Title I": numerals
ITS_FIRST = re.compile(r"\bits\s*(?:,|\bor\b)\s*$", re.IGNORECASE)


def _refers_to_a_role(text: str, start: int) -> bool:
    """Whether "his or her" at ``start`` can refer to the reader: a role noun ("the
    applicant") comes before it in the sentence, with no official named in between, and
    "its" does not come first ("its, his or her": a company or a person)."""
    low = max(0, start - 10 * REACH)  # a sentence starts within 2,000 characters
    sentence_start = max(text.rfind(". ", low, start), text.rfind("; ", low, start), low)
    before = text[sentence_start:start]
    if ITS_FIRST.search(before):
        return False  # "at its, his or her place of business": the role can be a company
    roles = list(ROLE_WORD.finditer(before))
    if not roles:
        return False
    return not OFFICIAL.search(before[roles[-1].end():])


def _defined_term(text: str, match: re.Match[str]) -> bool:
    """"The Participants are required to", "each Participant must": a capitalised role is
    a term a rule defines (regulations, exchange rules), usually not the reader. A role
    word that starts a sentence tells nothing; VA capitalises "Veteran" by style."""
    role = text[match.start("role"):match.end("role")]
    if not role[:1].isupper() or role.lower() == "veteran":
        return False
    before = text[:match.start("role")].rstrip()
    starts_sentence = not before or before[-1] in ".:;!?\u2022-*"
    bare = match.start("role") == match.start()
    plural = text[match.end("role"):match.end("role") + 1] == "s"
    if starts_sentence and bare and not plural:
        return True  # "Participant must be ...": a rule's defined term (normal English needs "The")
    return not starts_sentence


@register
class ThirdPersonCheck(Check):
    kind = "third-person"
    params = {
        "pronoun-message": Param(str, 'Write to the reader: "{suggestion}" instead of "{match}".',
                                 help="message for 'he or she', 'his or her'"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        # A document that never says "you" is written about its readers, not to them.
        speaks_to_reader = any(YOU.search(block.text) for block in doc.blocks)
        severity = None if speaks_to_reader else Severity.WARNING
        for block in self.blocks(doc):
            text = block.text
            for match in THIRD_PERSON.finditer(text):
                start, end = match.span()
                if ctx.accepted(match.group(0)) or _defined_term(text, match) or quoted(text, start, end):
                    continue
                if IN_A_PHRASE.search(text, max(0, start - 60), start):
                    continue  # "Percentages for the primary beneficiaries must total 100%": not their act
                if A_COMPLEMENT.search(text, max(0, start - 60), start) or ACTED_ON.match(text, end):
                    continue
                verb = " ".join(match.group("verb").lower().split())
                suggestion = preserve_case(match.group(0), f"you {VERB_FOR.get(verb, verb)}")
                sentence = sentence_at(text, start)
                yield self.span_finding(
                    block, start, end, sentence=(sentence.start, sentence.end), severity=severity,
                    suggestions=[suggestion], role=match.group("role").lower(),
                    fingerprint=f"third:{match.group(0).lower()}",
                )
            for match in GENERIC_PRONOUN.finditer(text):
                start, end = match.span()
                if not _refers_to_a_role(text, start) or quoted(text, start, end):
                    continue  # "the Director, or his or her designee": not about the reader
                # (looked for within 2,000 characters: a sentence starts there, and a paragraph
                # with no full stop would make this quadratic)
                if FIRST_PERSON.search(text, max(sentence_at(text, start).start, start - 10 * REACH), start):
                    continue  # "the applicant informed me that he or she understood": a certification by someone else
                phrase = " ".join(match.group(0).lower().split())
                suggestion = preserve_case(match.group(0), PRONOUN_FOR.get(phrase, "you"))
                sentence = sentence_at(text, start)
                yield self.span_finding(
                    block, start, end, sentence=(sentence.start, sentence.end), severity=severity,
                    suggestions=[suggestion, "they" if suggestion.lower() == "you" else "their"],
                    message=self.options["pronoun-message"],
                    fingerprint=f"third:{phrase}",
                )
