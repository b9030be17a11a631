"""The heading outline of a tagged PDF, and what is wrong with it.

Screen-reader users move through a document by its headings, as through a table of
contents. PDF/UA-1 (ISO 14289-1, 7.4) and the Matterhorn Protocol make three machine
checks of the numbered headings (H1-H6) and the unnumbered <H>:

* ``first-not-h1`` (Matterhorn 14-002, UA1 7.4.2-1): numbered headings are used, but
  the first one is not H1;
* ``skipped`` (14-003, UA1 7.4-1): a heading is more than one level deeper than the
  numbered heading before it (H3 straight after H1). Going back up is fine;
* ``mixed`` (14-007, UA1 7.4.4-3): the document uses both <H> and numbered headings.

The functions are pure so that the reader can use them too: it looks up the text of
only the headings a check will report (reading a heading's marked content costs a
text-object query), not of every heading in a 100-page form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from formlint.readers.pdf_facts import PdfHeading

#: Standard structure types that are headings, and their level (None for <H>).
HEADING_LEVELS: dict[str, int | None] = {"H": None, **{f"H{n}": n for n in range(1, 7)}}
#: How many headings of one document get their text read from the page (the rest of a
#: badly tagged 500-page file is reported without it).
MAX_TEXT_LOOKUPS = 60
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class OutlineProblem:
    """One problem of the outline.

    Attributes:
        kind: "first-not-h1", "skipped" or "mixed" (see the module docstring).
        heading: the heading to fix (for "mixed", the first unnumbered <H>).
        previous: for "skipped", the numbered heading it follows; for "mixed", the
            first numbered heading; None for "first-not-h1".
    """

    kind: str
    heading: PdfHeading
    previous: PdfHeading | None = None


def outline_problems(headings: list[PdfHeading]) -> list[OutlineProblem]:
    """The problems of a document's headings, given in reading order."""
    numbered = [h for h in headings if h.level is not None]
    problems: list[OutlineProblem] = []
    if numbered and numbered[0].level != 1:
        problems.append(OutlineProblem("first-not-h1", numbered[0]))
    for previous, heading in zip(numbered, numbered[1:]):
        assert previous.level is not None and heading.level is not None
        if heading.level > previous.level + 1:
            problems.append(OutlineProblem("skipped", heading, previous))
    unnumbered = next((h for h in headings if h.level is None), None)
    if numbered and unnumbered is not None:
        problems.append(OutlineProblem("mixed", unnumbered, numbered[0]))
    return problems


def texts_to_read(headings: list[PdfHeading]) -> dict[int, dict[int, int]]:
    """page -> {MCID -> heading index} for the reported headings whose text is unknown."""
    wanted: dict[int, dict[int, int]] = {}
    chosen = 0
    for problem in outline_problems(headings):
        for heading in (problem.heading, problem.previous):
            if heading is None or heading.text or heading.page is None or not heading.mcids:
                continue
            page = wanted.setdefault(heading.page, {})
            if any(page.get(mcid) == heading.index for mcid in heading.mcids):
                continue  # already chosen for another problem
            if chosen >= MAX_TEXT_LOOKUPS:
                return wanted
            chosen += 1
            for mcid in heading.mcids:
                page.setdefault(mcid, heading.index)
    return wanted


def set_texts(headings: list[PdfHeading], texts: dict[int, dict[int, str]]) -> None:
    """Give each heading the text of its marked content (page -> {MCID -> text}), in
    MCID order as tagged."""
    for heading in headings:
        if heading.text or heading.page is None:
            continue
        page = texts.get(heading.page)
        if not page:
            continue
        joined = clean(" ".join(page[mcid] for mcid in heading.mcids if mcid in page))
        if joined:
            heading.text = joined


def clean(text: str | None) -> str:
    """One line of text, trimmed to what a report can show."""
    line = _SPACES.sub(" ", text or "").strip()
    return line if len(line) <= 80 else line[:79].rstrip() + "…"
