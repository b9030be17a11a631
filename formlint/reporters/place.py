"""Where a finding is when it has no line: for the CI formats that can only point at a file."""

from __future__ import annotations

from formlint.model import Location


def place_without_line(loc: Location) -> str:
    """``page 2, field Text2`` (or the JSON pointer) for findings without a line; else empty."""
    if loc.line is not None:
        return ""
    parts = []
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    if loc.field:
        parts.append(f"field {loc.field}")
    elif loc.pointer:
        parts.append(loc.pointer)
    return ", ".join(parts)
