"""``sentence-length`` and ``paragraph-length``: text longer than readers can hold in mind.

Words are counted with the rule-based splitter (no spaCy). List items are blocks of
their own, so a bulleted list never reads as one long sentence. What is not prose is
not counted: table cells, table-of-contents lines and citation sentences ("See ...,
81 FR 47756") are skipped, and addresses,
citations ("12 CFR 1002.4(a)(1)", "44 U.S.C. 3501 et seq."), URLs, email addresses and
phone numbers inside a sentence do not add to its length. A sentence that is mostly
numbers (a row of figures), or that says the same words three times in a row (column
headings run together), is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from formlint.checks.base import Check, Param, register
from formlint.checks.prose import is_table_of_contents
from formlint.context import CheckContext
from formlint.model import Document, Finding, Role, Severity
from formlint.text import count_words, sentence_spans

_NUMERIC = re.compile(r"^[\d§$%().,:;/\-–—]+$")
# Stretches that are not prose. Each is replaced by one neutral word before counting.
_URLS = r"https?://\S+|www\.\S+"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_OTHER_STRETCHES = (
    r"\(?\b\d{3}\)?[\s.\-\u2013]\d{3}[\s.\-\u2013]\d{4}\b|\b1[-\u2013]\d{3}[-\u2013]\d{3}[-\u2013]\d{4}\b"  # phones
    r"|\b(?:Building|Bldg\.?|Room|Rm\.?|Suite|Ste\.?|Floor|Mail\s+Stop|MS)\s+[\w-]*\d[\w-]*"  # building, room
    r"|\b\d+\s+(?:CFR|C\.F\.R\.|U\.S\.C\.|USC|FR|Fed\.\s*Reg\.|Stat\.)\s*(?:§+\s*)?[\w.()\-–]*(?:\s+et\s+seq\.?)?"
    r"|§+\s*[\d.]+(?:\([\w]+\))*(?:\s*(?:through|to|and|-|–)\s*§*\s*[\d.]+(?:\([\w]+\))*)?"  # citations
    r"|\bPub(?:lic)?\.?\s*L(?:aw)?\.?\s*(?:No\.\s*)?\d+[-–]\d+"
    r"|\b[Ss]ee(?:,?\s+e\.g\.,?)?\s+(?:[^.;]|\b[A-Z]\.){0,80}?\d+\s+(?:FR|F\.\s?\d?d|F\.\s?Supp\.|U\.S\.)\s+\d+"
    r"(?:,\s*\d+)*(?:\s+n\.\s?\d+)?(?:\s*\(\d{4}\))?"  # "see, e.g., Smith, 82 FR 21408 (2017)"
    r"|\b\d+[\w-]*\s+(?:[A-Z][\w.']*\s+){1,4}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Drive|Dr\.|"
    r"Lane|Way|Place|Pl\.|Circle|Cir\.?|Court|Ct\.)(?:,?\s+(?:[NS][EW]\.?|N\.[EW]\.|S\.[EW]\.))?"  # streets
    r"(?:,?\s+(?:Suite|Ste\.?|Room|Rm\.?)\s+\w+)?"
    r"|\bP\.?\s?O\.?\s+Box\s+\d+"
    r"|(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,?\s+)?\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # City, ST 12345
)
NOT_PROSE = re.compile(f"{_URLS}|{_EMAIL}|{_OTHER_STRETCHES}")
# The same without email addresses, for text without an "@". Every other stretch starts
# with one of the characters in the lookahead, which the engine tests before trying each
# alternative at each position: three times faster on the corpus's regulations, whose
# sentences nearly all hold a digit.
_NOT_PROSE_WITHOUT_EMAIL = re.compile(f"(?=[hw(\\dBRSFMP§sSA-Z])(?:{_URLS}|{_OTHER_STRETCHES})")


# Every stretch NOT_PROSE takes holds one of these, so a sentence without them is all prose.
_MAY_NOT_BE_PROSE = re.compile(r"[\d@§]|http|www\.")


def prose_words(sentence: str) -> int:
    """Words in a sentence, not counting addresses, citations, URLs and phone numbers."""
    if _MAY_NOT_BE_PROSE.search(sentence) is None:
        return count_words(sentence)
    pattern = NOT_PROSE if "@" in sentence else _NOT_PROSE_WITHOUT_EMAIL
    return count_words(pattern.sub(" x ", sentence))


# "See Certain Frozen Shrimp from Vietnam: Notice ..., 81 FR 47756 (July 22, 2016).": a citation.
_CITATION_SENTENCE = re.compile(r"^(?:See|See also|See, e\.g\.,|Cf\.|Id\.)\s")
_CITES = re.compile(r"\d+\s+(?:FR|F\.R\.|U\.S\.C\.|CFR|C\.F\.R\.|U\.S\.|F\.\dd|F\. Supp\.|Fed\.\s*Reg\.|Stat\.)\s+\d")


def is_citation(sentence: str) -> bool:
    return bool(_CITATION_SENTENCE.match(sentence) and _CITES.search(sentence))


_WORD = re.compile(r"\S+")


def is_repeated_header(sentence: str) -> bool:
    """Column headings run together: the same words three times in a row ("At But Single
    Qualifying Married At But Single Qualifying Married At But Single ...", "If Form If Form
    If Form 1040NR": a tax table's heads). Prose never says a phrase three times over."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    count = len(words)
    if count - len(set(words)) < 4:
        return False  # three times two words repeat at least four of them
    for size in range(2, 9):
        # A piece of ``size`` words said three times over is a run of ``size`` positions
        # whose word equals the words ``size`` and ``2 * size`` further on.
        run = 0
        for i in range(count - 2 * size):
            if words[i] != words[i + size] or words[i] != words[i + 2 * size]:
                run = 0
                continue
            run += 1
            if run >= size and len({w for w in words[i - size + 1:i + 1] if w.isalpha()}) >= 2:
                # ("word word word", "(1,200 × 0.6 hours) + (1,200 × 0.6 hours) + ...": not headings)
                return True
    return False


def _mostly_numbers(sentence: str) -> bool:
    tokens = sentence.split()
    numeric = sum(1 for t in tokens if _NUMERIC.match(t))
    return numeric > len(tokens) * 0.3


@register
class SentenceLengthCheck(Check):
    kind = "sentence-length"
    params = {
        "max-words": Param(int, 25, help="flag sentences with more words than this"),
        "error-words": Param(int, 40, help="sentences with more words than this are errors (0: never)"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        limit: int = self.options["max-words"]
        error_limit: int = self.options["error-words"]
        for block in self.blocks(doc):
            if block.role is Role.TABLE_CELL:
                continue
            for span in sentence_spans(block.text):
                sentence = span.of(block.text)
                words = prose_words(sentence)
                if words <= limit or _mostly_numbers(sentence) or is_table_of_contents(sentence) \
                        or is_citation(sentence) or is_repeated_header(sentence):
                    continue
                preview = " ".join(sentence.split()[:8])
                yield self.finding(
                    block.location_at(span.start, span.end),
                    severity=Severity.ERROR if error_limit and words > error_limit else None,
                    text=sentence,
                    context=sentence,
                    fingerprint=f"{words}:{preview.lower()}",
                    words=words,
                    max=limit,
                )


@register
class ParagraphLengthCheck(Check):
    kind = "paragraph-length"
    params = {
        "max-words": Param(int, 150, help="flag paragraphs with more words than this"),
        "max-sentences": Param(int, 8, help="flag paragraphs with more sentences than this"),
        "error-words": Param(int, 250, help="paragraphs with more words than this are errors (0: never)"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        max_words: int = self.options["max-words"]
        max_sentences: int = self.options["max-sentences"]
        error_limit: int = self.options["error-words"]
        for block in self.blocks(doc):
            if block.role is not Role.PARAGRAPH or is_table_of_contents(block.text):
                continue
            spans = [s for s in sentence_spans(block.text) if not _mostly_numbers(s.of(block.text))]
            if not spans:
                continue
            words = sum(prose_words(s.of(block.text)) for s in spans)
            if words <= max_words and len(spans) <= max_sentences:
                continue
            first = spans[0]
            yield self.finding(
                block.location_at(0, first.end),
                severity=Severity.ERROR if error_limit and words > error_limit else None,
                text=first.of(block.text),
                context=block.text,
                fingerprint=f"paragraph:{' '.join(block.text.split()[:10]).lower()}",
                words=words,
                sentences=f"{len(spans)} sentence" + ("" if len(spans) == 1 else "s"),
                max=max_words,
                max_sentences=max_sentences,
            )
