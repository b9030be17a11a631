"""The ``language-mismatch`` rule kind: a document declares one language and its text is
clearly in another (lang="en" on a Spanish page, /Lang en-US on a Chinese PDF), or a part
of an HTML page declares one (``<section lang="es">``) over text in another (SC 3.1.2).

A screen reader picks its voice and pronunciation from the declared language, so Spanish
text under lang="en" is read with English rules, close to unintelligible; WCAG 2.1 SC
3.1.1 asks that the page's default language be programmatically determinable, and a
wrong one is not. axe-core and veraPDF test that a language is declared and well formed,
not that it is the right one. The text's language comes from
:mod:`formlint.language_guess`, which answers only when one language clearly leads.
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, register
from formlint.context import CheckContext
from formlint.language_guess import NAMES, contradicts, guess_language
from formlint.languages import primary_language
from formlint.model import Document, Finding, Format, Location, TextBlock

PART_MESSAGE = ('A part of the page says it is in {declared_name} (lang="{declared}"), but its text is in {found}: '
                "screen readers read it with the {declared_name} voice and pronunciation rules; WCAG 2.1 SC 3.1.2 "
                "(Language of Parts) asks for the language it is really in. Fix the part's lang attribute.")


@register
class LanguageMismatchCheck(Check):
    kind = "language-mismatch"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._parts(doc)
        declared = primary_language(doc.language)
        guess = doc.text_language
        if declared is None or guess is None or not contradicts(declared, guess):
            return
        yield self.finding(
            self._where(doc),
            text=(doc.language or "").strip(),
            declared=(doc.language or "").strip(),
            declared_name=NAMES.get(declared, declared),
            found=guess.name,
            suggestions=[guess.language] if guess.language else [],
            advice=f'Declare "{guess.language}".' if guess.language else "Declare the language of the text.",
            fingerprint="language",
        )

    def _parts(self, doc: Document) -> Iterator[Finding]:
        """The parts of an HTML page marked with a language of their own (``<section
        lang="es">``), all the text under each language taken together: WCAG 2.1 SC 3.1.2."""
        parts: dict[str, list[TextBlock]] = {}
        for block in doc.blocks:
            if block.language is not None:
                parts.setdefault(block.language.strip(), []).append(block)
        for declared, blocks in parts.items():
            primary = primary_language(declared)
            guess = guess_language("\n".join(b.text for b in blocks)) if primary else None
            if primary is None or guess is None or not contradicts(primary, guess):
                continue
            yield self.finding(
                blocks[0].location,
                text=declared,
                message=PART_MESSAGE,
                declared=declared,
                declared_name=NAMES.get(primary, primary),
                found=guess.name,
                suggestions=[guess.language] if guess.language else [],
                fingerprint=f"part {declared}",
            )

    @staticmethod
    def _where(doc: Document) -> Location:
        """The element or entry that declares the language, as near as the reader knows it."""
        if doc.format is Format.PDF:
            return Location(doc.path, page=1)
        element = doc.html.html_element if doc.html is not None else None
        if element is not None:
            return Location(doc.path, element.line, element.column)
        return Location(doc.path, line=1)
