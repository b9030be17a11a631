"""Heading order in Markdown (a11y/markdown-heading-order) and HTML (a11y/html-heading-order):
a heading more than one level deeper than the one before it. The HTML levels follow axe-core
(the browser cross-check in tests/browser compares the findings with axe's on real pages)."""

from __future__ import annotations

import pytest

from formlint.checks.html_a11y import heading_level
from formlint.model import Format, Role
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from formlint.readers.html_tree import Element
from tests.helpers import lint


def findings(text: str, rule: str, fmt: Format) -> list:  # type: ignore[type-arg]
    return [f for f in lint(text, rule, fmt=fmt, nlp=False).findings if f.rule == rule]


def test_the_markdown_reader_keeps_each_headings_level_atx_and_setext() -> None:
    doc = read_document(b"# Title\n\nText.\n\nPart\n----\n\n#### Deep\n", "x.md", Format.MARKDOWN, ReadOptions())
    assert [(b.text, b.level) for b in doc.blocks if b.role is Role.HEADING] == [("Title", 1), ("Part", 2),
                                                                                  ("Deep", 4)]


def test_a_markdown_skip_is_reported_on_the_heading_with_the_level_to_use() -> None:
    found = findings("# Apply\n\nText.\n\n### Who can apply\n\nMore.\n\n## How\n\n### Online\n",
                     "a11y/markdown-heading-order", Format.MARKDOWN)
    assert [(f.location.line, f.text, f.suggestions) for f in found] == [(5, "Who can apply", ["## Who can apply"])]
    assert '"Who can apply" (level 3) comes straight after "Apply" (level 1)' in found[0].message
    assert "Make it level 2" in found[0].message


def test_going_back_up_and_a_first_heading_of_any_level_pass_in_markdown() -> None:
    assert findings("## Part\n\n### Sub\n\n# Next\n\n## Sub\n", "a11y/markdown-heading-order", Format.MARKDOWN) == []


def element(tag: str, **attrs: str) -> Element:
    return Element(tag, {k.replace("_", "-"): v for k, v in attrs.items()}, 1, 1)


@pytest.mark.parametrize("node, level", [
    (element("h3"), 3),
    (element("h2", role="presentation"), None),
    (element("div", role="heading"), 2),  # the ARIA default
    (element("div", role="heading", aria_level="5"), 5),
    (element("h4", aria_level="x"), 4),  # an invalid aria-level keeps the tag's
    (element("h4", aria_level="2"), 2),
    (element("div"), None),
])
def test_html_heading_levels_as_axe_computes_them(node: Element, level: int | None) -> None:
    assert heading_level(node) == level


def test_an_html_skip_is_reported_on_the_element_and_hidden_headings_do_not_count() -> None:
    page = ('<main><h1>Apply</h1>\n<h3 hidden>Draft</h3>\n<h2>Who</h2>\n<h4>Income</h4>\n'
            '<template><h6>Row</h6></template></main>')
    found = findings(page, "a11y/html-heading-order", Format.HTML)
    assert [(f.location.line, f.text) for f in found] == [(4, "Income")]
    assert found[0].suggestions == ["<h3>"]
