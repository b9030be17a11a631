"""``io``: rules about reading files (io/unreadable, io/timeout).

The engine raises these findings itself when a reader fails; the kind exists so the
rules can be listed, explained, selected and ignored like any other.
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, register
from formlint.context import CheckContext
from formlint.model import Document, Finding


@register
class InputCheck(Check):
    kind = "io"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())
