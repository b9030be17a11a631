"""``readability``: Flesch-Kincaid grade per section and per document.

The grade is measured on running prose: paragraphs and list items (each list item is
a sentence of its own), not headings, table cells, table-of-contents lines or notices
that law requires word for word (Privacy Act and PRA statements). A section (the
text under one heading) with at least ``min-words`` words whose grade is above
``target`` gets one finding, pointing at the section's first sentence and naming its
hardest sentence, the one to rewrite first. A document without such sections is
measured as a whole. The document's grade goes into the JSON ``stats`` ("grade").
Formulas are rough indicators (plainlanguage.gov): test with readers too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from formlint.checks.base import Check, Param, register
from formlint.checks.prose import is_table_of_contents
from formlint.context import CheckContext
from formlint.model import Document, Finding, Role, Severity, TextBlock
from formlint.readability import Counts, flesch_kincaid_grade, syllables
from formlint.text import count_words, sentence_spans

MEASURED_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.HINT})
MIN_DOCUMENT_WORDS = 30  # below this a grade means nothing (a label, a button)


@dataclass
class Hardest:
    block: TextBlock
    start: int
    end: int
    grade: float


@dataclass
class Section:
    title: str | None
    first: TextBlock
    counts: Counts = field(default_factory=Counts)
    hardest: Hardest | None = None


@register
class ReadabilityCheck(Check):
    kind = "readability"
    params = {
        "target": Param((int, float), 8, help="highest acceptable Flesch-Kincaid grade"),
        "error-above": Param((int, float), None, help="grade above which the finding is an error (default: never)"),
        "min-words": Param(int, 100, help="sections with fewer words are not graded on their own"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        sections = self._sections(doc)
        total = Counts()
        for section in sections:
            total.merge(section.counts)
        if total.words >= MIN_DOCUMENT_WORDS and total.grade is not None:
            ctx.stats["grade"] = round(total.grade, 1)
        target = float(self.options["target"])
        min_words = self.options["min-words"]
        reported = False
        for section in sections:
            grade = section.counts.grade
            if section.counts.words < min_words or grade is None or grade <= target:
                continue
            reported = True
            yield self._finding(section, grade, target)
        if not reported and total.words >= min_words and total.grade is not None and total.grade > target:
            whole = Section(None, sections[0].first, total, _hardest([s.hardest for s in sections]))
            yield self._finding(whole, total.grade, target)

    def _sections(self, doc: Document) -> list[Section]:
        """Consecutive measured blocks under the same heading form a section."""
        sections: list[Section] = []
        current: Section | None = None
        wanted = {id(b) for b in self.blocks(doc)}
        for block in doc.blocks:
            if id(block) not in wanted or block.role not in MEASURED_ROLES or is_table_of_contents(block.text):
                continue
            if current is None or block.section != current.title:
                current = Section(block.section, block)
                sections.append(current)
            self._measure(block, current)
        return sections

    def _measure(self, block: TextBlock, section: Section) -> None:
        for span in sentence_spans(block.text):
            sentence = span.of(block.text)
            words = count_words(sentence)
            if not words:
                continue
            count = syllables(sentence)
            section.counts.add(1, words, count)
            grade = flesch_kincaid_grade(1, words, count)
            if words >= 8 and (section.hardest is None or grade > section.hardest.grade):
                section.hardest = Hardest(block, span.start, span.end, grade)

    def _finding(self, section: Section, grade: float, target: float) -> Finding:
        error_above = self.options["error-above"]
        severity = Severity.ERROR if error_above is not None and grade > float(error_above) else None
        where = f'section "{section.title}"' if section.title else "this document"
        suggestions = []
        hardest = section.hardest
        if hardest is not None:
            text = hardest.block.text[hardest.start:hardest.end]
            suggestions.append(f"Start with the hardest sentence (grade {hardest.grade:.0f}): \"{_clip(text)}\"")
        first = section.first
        spans = sentence_spans(first.text)
        end = spans[0].end if spans else len(first.text)
        return self.finding(
            first.location_at(0, end),
            severity=severity,
            text=section.title or (first.text[:end]),
            context=first.text[:end],
            suggestions=suggestions,
            grade=f"{grade:.1f}",
            target=f"{target:g}",
            where=where,
            words=section.counts.words,
            fingerprint=f"readability:{section.title or ''}",
        )


def _hardest(candidates: list[Hardest | None]) -> Hardest | None:
    present = [c for c in candidates if c is not None]
    return max(present, key=lambda c: c.grade) if present else None


def _clip(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
