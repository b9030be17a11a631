"""The part of a PDF page the public does not fill in or read: everything below "DO NOT
WRITE BELOW THIS LINE" on the page that says it.

Forms end a page with a block for the agency's staff ("FOR SSA USE ONLY", then codes such
as "NPN DOC NTI CAN ITV"). Its text is not written for the public, so the rules that judge
writing and requirements leave it alone: an undefined "NWR" there is the agency's own code.
The line that says so is itself for the public and is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from formlint.model import Document, Format

MARKER = re.compile(r"\bdo\s+not\s+write\s+below\s+this\s+line\b", re.IGNORECASE)
# Where a marker block goes on into the staff's codes: "... (FOR SSA USE ONLY) NPN DOC NTI".
USE_ONLY = re.compile(r"\buse\s+only\b\W*", re.IGNORECASE)
_KEY = "office use"  # Document.metadata key of the computed OfficeUse, so it is worked out once


@dataclass(frozen=True)
class OfficeUse:
    blocks: frozenset[int] = frozenset()  # id() of the blocks below a marker on its page
    starts: dict[int, int] = field(default_factory=dict)  # id() of a marker block -> where its staff codes start


def office_use(doc: Document) -> OfficeUse:
    """The staff's part of ``doc``'s pages (a PDF's only: other formats have no "below")."""
    cached = doc.metadata.get(_KEY)
    if isinstance(cached, OfficeUse):
        return cached
    result = _find(doc) if doc.format is Format.PDF else OfficeUse()
    doc.metadata[_KEY] = result
    return result


def office_use_blocks(doc: Document) -> frozenset[int]:
    return office_use(doc).blocks


def _find(doc: Document) -> OfficeUse:
    lines: dict[int, float] = {}  # page -> the bottom of the first marker on it
    starts: dict[int, int] = {}
    for block in doc.blocks:
        loc = block.location
        marker = MARKER.search(block.text)
        if marker is None:
            continue
        use_only = USE_ONLY.search(block.text, marker.end())
        if use_only is not None and use_only.end() < len(block.text):
            starts[id(block)] = use_only.end()
        if loc.page is not None and loc.bbox is not None and loc.page not in lines:
            lines[loc.page] = loc.bbox[3]
    below = frozenset(id(block) for block in doc.blocks
                      if block.location.page in lines and block.location.bbox is not None
                      and block.location.bbox[1] >= lines[block.location.page])
    return OfficeUse(below, starts)
