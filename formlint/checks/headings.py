"""The ``heading-order`` rule kind: a Markdown heading more than one level deeper than the
heading before it ("#" then "###").

Markdown guidance is published as HTML, where screen-reader users move through a page by
its headings; a skipped level reads as a lost section. axe-core's ``heading-order`` and
markdownlint's MD001 make the same test: only going down by more than one level counts
(going back up is fine), and the first heading may have any level (a site's template
often supplies the page title). HTML pages have their own rule (a11y/html-heading-order),
which reads the element tree as a browser does.
"""

from __future__ import annotations

from collections.abc import Iterator

from formlint.checks.base import Check, register
from formlint.context import CheckContext
from formlint.model import Document, Finding, Role


@register
class HeadingOrderCheck(Check):
    kind = "heading-order"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        previous: tuple[str, int] | None = None  # the text and level of the heading before
        for block in doc.blocks:
            if block.role is not Role.HEADING or block.level is None:
                continue
            if previous is not None and block.level > previous[1] + 1:
                yield self.finding(
                    block.location,
                    text=block.text,
                    heading=block.text,
                    level=block.level,
                    previous=previous[0],
                    previous_level=previous[1],
                    suggestion_level=previous[1] + 1,
                    suggestions=["#" * (previous[1] + 1) + " " + block.text],
                    fingerprint=f"{block.level} {block.text}",
                )
            previous = (block.text, block.level)
