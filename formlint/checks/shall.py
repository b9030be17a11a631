"""``shall``: "shall" with the plain word its context calls for.

"Shall" can mean must, must not, will, may or is (Garner, quoted on plainlanguage.gov),
so the suggestion depends on the words around it (the reference table
shall_must.tsv): "shall not" -> must not; "no person shall" -> a person must not;
"shall be deemed", "shall mean" -> is, means; "shall be binding", "shall govern" -> will
(legal effect); "shall be entitled to", "shall have the right to" -> may; the agency or
"we" as subject -> will; everything else -> must. A
document that uses both "must" and "shall" for requirements gets one extra note: the
two words suggest two strengths of obligation where there is one.

A quoted mention of the word ("the word “shall”") is not a use and is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from formlint.checks.base import Check, Param, register
from formlint.checks.prose import in_quotes, quoted
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity, TextBlock
from formlint.text import REACH, Span, sentence_at

SHALL = re.compile(r"\bshall\b", re.IGNORECASE)
MUST = re.compile(r"\bmust\b", re.IGNORECASE)
AGENCY = r"(?:[Ww]e|[Tt]he\s+(?i:agency|department|secretary|office|administrator|bureau|commission|board|director|" \
         r"service|administration)|[Tt]he\s+[A-Z][A-Za-z]+\s+[Oo]ffice)"


@dataclass(frozen=True)
class Context:
    pattern: re.Pattern[str]
    replacement: str  # may use groups of the pattern
    why: str


# Checked in order; the first whose match covers the "shall" decides.
CONTEXTS = (
    Context(re.compile(r"\bshall\s+not\b", re.I), "must not", "a prohibition"),
    Context(re.compile(r"\b(?:No|Neither)\s+((?:[\w'-]+\s+){1,4}?)shall\b"), "{article}{noun}must not",
            "a prohibition"),
    Context(re.compile(r"\bshall\s+be\s+deemed(?:\s+to\s+be)?\b", re.I), "is", "a definition"),
    # "shall include" defines only in a definition ("The term X shall include"); elsewhere
    # ("The notice shall include a description") it is an obligation: must.
    Context(re.compile(r"\b(?:term|terms|word|phrase|definition)\b[^.;]{0,80}?\bshall\s+(mean|include|constitute)\b|"
                       r"\bshall\s+(mean|constitute)\b", re.I), "{verb}", "a definition"),
    Context(re.compile(r"\bshall\s+be\s+(?:entitled|permitted|allowed)\s+to\b|\bshall\s+have\s+the\s+"
                       r"(?:right|option)\s+to\b", re.I), "may", "a permission"),
    # What a rule, decision or permit does is no one's duty: "decisions shall be binding",
    # "the following procedures shall govern", "this permit shall remain in force", "the
    # decision shall be treated as an initial determination" (not "must").
    Context(re.compile(r"\bshall(?=\s+(?:be\s+(?:binding|final|effective|void|valid|conclusive|subject\s+to|"
                       r"in\s+(?:effect|force)|(?:treated|regarded)\s+as)\b|"
                       r"(?:remain|continue)\s+in\s+(?:full\s+)?(?:effect|force)\b|govern\b|apply\b(?!\s+for\b)|"
                       r"rest\s+(?:solely\s+)?(?:with|on|upon)\b|take\s+effect\b))", re.I),
            "will", "a statement of legal effect"),
    Context(re.compile(AGENCY + r"\s+shall\b"), "will", "the agency's own action"),
    Context(re.compile(r"\bshall\s+be\s+[a-z]+(?:ed|en)\b", re.I), "must be",
            "a passive requirement: better, say who acts"),
)
VERB_S = {"mean": "means", "include": "includes", "constitute": "is", "apply": "applies"}


@register
class ShallCheck(Check):
    kind = "shall"
    params = {
        "mixed-message": Param(str, 'This document uses both "must" and "shall" for requirements; use "must" '
                                    'throughout.', help="document-level note when must and shall are mixed"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        first: tuple[TextBlock, int, int, Span] | None = None
        uses_must = False
        for block in self.blocks(doc):
            text = block.text
            uses_must = uses_must or any(not in_quotes(text, *m.span()) for m in MUST.finditer(text))
            for match in SHALL.finditer(text):
                start, end = match.span()
                if quoted(text, start, end) or ctx.accepted(match.group(0)):
                    continue  # a mention of the word, or a quotation of a statute the author cannot reword
                sentence = sentence_at(text, start)
                span_start, span_end, suggestion, why = suggest(text, start, end, sentence)
                if first is None:
                    first = (block, start, end, sentence)
                yield self.span_finding(
                    block, span_start, span_end,
                    sentence=(sentence.start, sentence.end),
                    suggestions=[suggestion],
                    why=why,
                    fingerprint=f"shall:{text[span_start:span_end].lower()}:{sentence.of(text)[:50].lower()}",
                )
        if first is not None and uses_must:
            block, start, end, sentence = first
            yield self.span_finding(
                block, start, end,
                sentence=(sentence.start, sentence.end),
                severity=Severity.INFO,
                message=self.options["mixed-message"],
                suggestions=["must"],
                fingerprint="shall:mixed-with-must",
            )


def suggest(text: str, start: int, end: int, sentence: Span) -> tuple[int, int, str, str]:
    """The span to replace around the "shall" at ``start``, its replacement and why."""
    # Every context reads a few words either side of the "shall": the sentence around it
    # up to REACH characters either way is enough (a whole sentence, for every "shall" in
    # it, was quadratic on text without full stops).
    offset = max(sentence.start, start - REACH)
    window = text[offset:min(sentence.end, end + REACH)]
    for context in CONTEXTS:
        for match in context.pattern.finditer(window):
            m_start, m_end = match.start() + offset, match.end() + offset
            if not (m_start <= start and end <= m_end):
                continue
            replacement = context.replacement
            if "{article}" in replacement:
                noun = match.group(1)
                article = "" if noun.split()[0].lower().endswith("s") and len(noun.split()) == 1 else (
                    "An " if noun[:1].lower() in "aeiou" else "A ")
                replacement = replacement.format(article=article, noun=noun)
                return m_start, m_end, replacement, context.why
            if "{verb}" in replacement:
                verb = (match.group(1) or match.group(2)).lower()
                shall_at = SHALL.search(text, m_start).start()  # type: ignore[union-attr] # it matched
                return shall_at, m_end, VERB_S[verb], context.why
            if context.why == "the agency's own action":
                shall_at = m_start + text[m_start:m_end].lower().rindex("shall")
                return shall_at, shall_at + len("shall"), replacement, context.why
            if context.replacement == "must be":
                be = re.compile(r"shall\s+be", re.I).match(text, start)
                return start, be.end() if be else end, _case(text[start:end], "must be"), context.why
            return m_start, m_end, _case(text[m_start:m_end], replacement), context.why
    return start, end, _case(text[start:end], "must"), "an obligation"


def _case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement
