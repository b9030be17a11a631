"""Sentence case for a run of capitals, spelled the way the document spells its words.

``plain/all-caps`` suggests the run in sentence case. Lower-casing every word would
also lower-case names and abbreviations ("PROOF OF U.S. CITIZENSHIP" gave "proof of
u.s. citizenship", "STATE OF NEVADA" gave "state of nevada"), so a word keeps its
capitals when it is an abbreviation with full stops, a roman numeral, in brackets, or
when the document itself writes it with capitals in running text and never in lower
case ("the SSA", "in Nevada"): that is how a careful editor would spell it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from formlint.model import Role, TextBlock

# A well-formed numeral up to 399: "IV", "XII", but not the words "CIVIL" or "ILL".
ROMAN_NUMERAL = re.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
FUNCTION_WORDS = frozenset("""THE AND OF TO FOR IN ON OR NOT A AN IS ARE BE WITH YOUR YOU THIS THAT BY IF DO DOES
    AT FROM IT ALL ANY NO MUST WILL MAY CAN SHALL WE OUR BEFORE AFTER BELOW ABOVE WHEN WHERE WHO WHAT HOW""".split())
KEEP_UPPER = frozenset({"U.S.", "US", "USA", "ZIP", "ID", "PO", "IRS", "SSN", "OMB", "PDF", "TTY", "TDD",
                        # Agencies forms name in their titles ("... IN A VA NATIONAL CEMETERY")
                        "VA", "SSA", "DHS", "HHS", "HUD", "USDA", "FEMA", "USCIS", "FDA", "EPA", "FAA", "DOD",
                        "DOJ", "DOL", "NASA", "NIH", "CDC", "CMS", "OPM", "GSA", "SBA", "TSP", "IRA", "EIN",
                        "ITIN", "TIN", "DOB", "FBI", "NARA", "CBP"})
# A short word of capitals without a vowel is an abbreviation, not a word: "SSN", "HHS", "NWR".
_NO_VOWEL_ABBREVIATION = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,5}")

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.]*")
# Where a document's spelling of a word is learned: running text, not headings, titles,
# labels or table cells, which are often in title case.
_RUNNING_TEXT = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.NOTICE, Role.HINT})
# Between two words, any of these starts a new sentence or phrase, whose first word is
# capitalised for that reason alone.
_PHRASE_START = re.compile(r"[.!?:;\"\u201c(\[\u2022\n]")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")  # a block without them holds no abbreviation to learn
# A full stop that ends a sentence inside the run: not the one of "U.S.".
_SENTENCE_END = re.compile(r"(?<!\.[A-Za-z])([.?!]\s+)([a-z])")
# Words that may join the words of a name: "Office of Management and Budget".
_CONNECTORS = frozenset({"of", "and", "the", "for", "on", "in", "de", "la", "du"})
_LONGEST_NAME = 8  # words


@dataclass
class Spellings:
    """How a document writes its names and abbreviations in running text."""

    words: dict[str, str] = field(default_factory=dict)  # "nevada" -> "Nevada", "ssa" -> "SSA"
    names: dict[str, list[str]] = field(default_factory=dict)  # "office of management and budget" -> its words


def _is_running_text(block: TextBlock) -> bool:
    """A block of sentences, not a run of labels: most of its words are in lower case."""
    words = [w for w in _WORD.findall(block.text) if len(w) > 1]
    return block.role in _RUNNING_TEXT and bool(words) and sum(w.islower() for w in words) >= 0.5 * len(words)


def _capitalised(word: str) -> bool:
    """A name's word ("Nevada", "NuStar") or a short abbreviation ("SSA"); not a word
    set in capitals for emphasis ("a DELETED copy")."""
    return word[:1].isupper() and (not word.isupper() or len(word) <= 5) and len(word) > 1


def document_spellings(blocks: Iterable[TextBlock]) -> Spellings:
    """The names running text writes inside a sentence ("the State of Nevada", "the
    Office of Management and Budget"), the single capitalised words it never writes in
    lower case ("in Nevada"), and the abbreviations any block writes among other words
    ("the SSA office", "VA file number")."""
    single: dict[str, Counter[str]] = {}
    names: dict[str, Counter[tuple[str, ...]]] = {}
    lower: set[str] = set()
    for block in blocks:
        text = block.text
        tokens = list(_WORD.finditer(text))
        words = [t.group(0).rstrip(".") for t in tokens]
        for index, word in enumerate(words if _TWO_CAPITALS.search(text) else ()):
            if word.isupper() and _capitalised(word) and not any(
                    0 <= i < len(words) and words[i].isupper() for i in (index - 1, index + 1)):
                # Short capitals among other words are an abbreviation wherever they stand
                # ("(EDIS)", "SSA will", a label "VA file number"); not inside a run of capitals.
                single.setdefault(word.lower(), Counter())[word] += 1
        if not _is_running_text(block):
            continue
        lower.update(w.lower() for w in words if w.islower())
        index = 1  # a word that opens the block opens a sentence
        while index < len(tokens):
            before = tokens[index - 1]
            mid_sentence = words[index - 1].islower() and not before.group(0).endswith(".") and \
                not _PHRASE_START.search(text, before.end(), tokens[index].start())
            if not (mid_sentence and _capitalised(words[index])):
                index += 1
                continue
            end = index + 1  # the name runs on over capitalised words and connectors
            while end < len(tokens) and (_capitalised(words[end]) or words[end] in _CONNECTORS) and \
                    not tokens[end - 1].group(0).endswith(".") and \
                    not _PHRASE_START.search(text, tokens[end - 1].end(), tokens[end].start()):
                end += 1
            while words[end - 1] in _CONNECTORS:
                end -= 1
            name = tuple(words[index:end])
            if len(name) == 1 and name[0].isupper():
                pass  # counted above
            elif len(name) == 1:
                single.setdefault(name[0].lower(), Counter())[name[0]] += 1
            elif len(name) <= _LONGEST_NAME:
                names.setdefault(" ".join(name).lower(), Counter())[name] += 1
            index = end
    return Spellings(
        words={key: forms.most_common(1)[0][0] for key, forms in single.items()
               if key not in lower and key.upper() not in FUNCTION_WORDS},
        names={key: list(forms.most_common(1)[0][0]) for key, forms in names.items()},
    )


def _named(words: list[str], spellings: Spellings) -> dict[int, str]:
    """Token index -> spelling, for the document's names found among ``words``."""
    found: dict[int, str] = {}
    keys = [w.lower() for w in words]
    index = 0
    while index < len(words):
        for size in range(min(_LONGEST_NAME, len(words) - index), 1, -1):
            name = spellings.names.get(" ".join(keys[index:index + size]))
            if name is not None:
                found.update(zip(range(index, index + size), name))
                index += size
                break
        else:
            index += 1
    return found


def sentence_case(run: str, at_start: bool, spellings: Spellings | None = None) -> str:
    """``run`` in sentence case; ``at_start``: it begins its sentence."""
    spellings = spellings or Spellings()
    # "(VET TEC)": capitals in brackets are an abbreviation, whatever the words around them.
    # Words in brackets with a function word among them are a phrase: "(FOR APPLICANTS UNDER AGE 16)".
    bracketed = [m.span() for m in re.finditer(r"\([^()]*\)", run)
                 if not FUNCTION_WORDS.intersection(re.findall(r"[A-Za-z]+", m.group(0)))]
    tokens = list(_WORD.finditer(run))
    order = {token.start(): index for index, token in enumerate(tokens)}
    named = _named([t.group(0).rstrip(".") for t in tokens], spellings)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        start = match.start()
        bare = word.rstrip(".")
        if len(bare) == 1 and run[start - 1:start] == "(" and run[start - 2:start - 1].isalpha():
            return word.lower()  # "ITEM(S)" -> "item(s)"
        letter = len(word.rstrip(".,")) == 1
        in_series = run[match.end():match.end() + 2].lstrip()[:1] in (",", ")") or word != "A"
        if word in KEEP_UPPER or bare in KEEP_UPPER or "." in bare or letter and in_series \
                or _NO_VOWEL_ABBREVIATION.fullmatch(bare):
            return word  # abbreviations ("U.S.", "L.P.") and single letters ("Class A, B, C"), not the article "A"
        if len(word) > 1 and ROMAN_NUMERAL.match(bare):
            return word  # "SECTION IV" -> "Section IV"
        if any(s < start and match.end() < e for s, e in bracketed):
            return word
        known = named.get(order[start]) or spellings.words.get(bare.lower())
        if known is not None:
            return known + word[len(bare):]  # "NEVADA" -> "Nevada", as the document writes it
        return word.lower()

    cased = _WORD.sub(fix, run)
    cased = re.sub(r"(:\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), cased)  # "IV: Is ..."
    cased = _SENTENCE_END.sub(lambda m: m.group(1) + m.group(2).upper(), cased)  # "SECTION A. ELIGIBILITY"
    return cased[:1].upper() + cased[1:] if at_start else cased
