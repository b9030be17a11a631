"""What the editor shows over a flagged span: each rule's reason and fix, and its source."""

from __future__ import annotations

from typing import Any

from formlint.lsp.positions import LineIndex
from formlint.model import Finding
from formlint.rulepacks import RuleSet


def hover_for(findings: list[Finding], position: dict[str, int], lines: LineIndex,
              ruleset: RuleSet) -> dict[str, Any] | None:
    """Markdown about the rules flagged where ``position`` is, or None where nothing is."""
    here = (position["line"], position["character"])
    parts: list[str] = []
    shown: set[str] = set()
    for finding in findings:
        loc = finding.location
        if loc.line is None or finding.rule in shown:
            continue  # a finding about the whole document has no span to point at
        span = lines.span(loc.line, loc.column, loc.end_line, loc.end_column)
        start, end = span["start"], span["end"]
        if not (start["line"], start["character"]) <= here <= (end["line"], end["character"]):
            continue
        rule = ruleset.get(finding.rule)
        if rule is None:
            continue
        shown.add(rule.id)
        text = [f"**{rule.id}** ({finding.severity.label}): {rule.short}", "", " ".join(rule.why.split())]
        if rule.fix:
            text += ["", "**How to fix it.** " + " ".join(rule.fix.split())]
        text += ["", f"Source: [{rule.source.title}]({rule.source.url})"]
        parts.append("\n".join(text))
    if not parts:
        return None
    return {"contents": {"kind": "markdown", "value": "\n\n---\n\n".join(parts)}}
