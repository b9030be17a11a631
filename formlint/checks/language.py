"""The ``language-mismatch`` rule kind: a document declares one language and its text is
clearly in another (lang="en" on a Spanish page, /Lang en-US on a Chinese PDF).

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
from formlint.language_guess import NAMES, contradicts
from formlint.languages import primary_language
from formlint.model import Document, Finding, Format, Location


@register
class LanguageMismatchCheck(Check):
    kind = "language-mismatch"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
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

    @staticmethod
    def _where(doc: Document) -> Location:
        """The element or entry that declares the language, as near as the reader knows it."""
        if doc.format is Format.PDF:
            return Location(doc.path, page=1)
        element = doc.html.html_element if doc.html is not None else None
        if element is not None:
            return Location(doc.path, element.line, element.column)
        return Location(doc.path, line=1)
