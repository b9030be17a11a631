"""The part of a PDF page the public does not fill in or read: everything below "DO NOT
WRITE BELOW THIS LINE" on the page that says it.

Forms end a page with a block for the agency's staff ("FOR SSA USE ONLY", then codes such
as "NPN DOC NTI CAN ITV"). Its text is not written for the public, so the rules that judge
writing and requirements leave it alone: an undefined "NWR" there is the agency's own code.
The line that says so is itself for the public and is still checked.
"""

from __future__ import annotations

import re

from formlint.model import Document, Format, TextBlock

MARKER = re.compile(r"\bdo\s+not\s+write\s+below\s+this\s+line\b", re.IGNORECASE)
# Where a marker block goes on into the staff's codes: "... (FOR SSA USE ONLY) NPN DOC NTI".
USE_ONLY = re.compile(r"\buse\s+only\b\W*", re.IGNORECASE)
_KEY = "office-use blocks"  # Document.metadata key of the computed set, so it is worked out once


def office_use_blocks(doc: Document) -> frozenset[int]:
    """``id()`` of the blocks below a "do not write below this line" on their page."""
    cached = doc.metadata.get(_KEY)
    if isinstance(cached, frozenset):
        return cached
    found: set[int] = set()
    if doc.format is Format.PDF:
        lines: dict[int, float] = {}  # page -> the bottom of the first marker on it
        for block in doc.blocks:
            loc = block.location
            if loc.page is not None and loc.bbox is not None and loc.page not in lines and MARKER.search(block.text):
                lines[loc.page] = loc.bbox[3]
        for block in doc.blocks:
            loc = block.location
            if loc.page in lines and loc.bbox is not None and loc.bbox[1] >= lines[loc.page]:
                found.add(id(block))
    result = frozenset(found)
    doc.metadata[_KEY] = result
    return result


def staff_text_from(block: TextBlock) -> int | None:
    """Where a marker block's own text turns into the staff's codes, if it does."""
    marker = MARKER.search(block.text)
    if marker is None:
        return None
    use_only = USE_ONLY.search(block.text, marker.end())
    return use_only.end() if use_only is not None and use_only.end() < len(block.text) else None
