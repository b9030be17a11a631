"""Findings as LSP diagnostics, and their safe fixes as code actions."""

from __future__ import annotations

from typing import Any

from formlint.lsp.positions import LineIndex
from formlint.model import Finding, Severity
from formlint.rulepacks import RuleSet

SOURCE = "formlint"
# LSP DiagnosticSeverity: 1 Error, 2 Warning, 3 Information, 4 Hint.
SEVERITIES = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
QUICKFIX = "quickfix"
FIX_ALL = "source.fixAll.formlint"


def to_diagnostic(finding: Finding, lines: LineIndex, ruleset: RuleSet | None = None) -> dict[str, Any]:
    """The diagnostic of ``finding``; with ``ruleset``, its code links to the rule's source."""
    loc = finding.location
    message = finding.message
    if finding.suggestions and f'"{finding.suggestions[0]}"' not in message:
        message += f"\nSuggestion: {finding.suggestions[0]}"  # "Use "before" ..." says it already
    diagnostic: dict[str, Any] = {
        "range": lines.span(loc.line, loc.column, loc.end_line, loc.end_column),
        "severity": SEVERITIES[finding.severity],
        "code": finding.rule,
        "source": SOURCE,
        "message": message,
    }
    link = code_description(finding.rule, ruleset) if ruleset is not None else None
    if link is not None:
        diagnostic["codeDescription"] = link
    # Sent back with the diagnostic in a code action request: the actions need no lookup.
    data: dict[str, Any] = {"line": loc.line is not None}  # about a line, not the whole document
    if loc.pointer is not None:
        data["pointer"] = loc.pointer  # a JSON-schema node: where x-formlint-ignore would go
    edit = fix_edit(finding, lines)
    if edit is not None:
        data.update(fix=edit, original=finding.fix.original if finding.fix else "")
    diagnostic["data"] = data
    return diagnostic


def code_description(rule_id: str, ruleset: RuleSet) -> dict[str, str] | None:
    """The diagnostic's link: the rule's source (the guideline, success criterion or law)."""
    rule = ruleset.get(rule_id)
    url = rule.source.url if rule is not None else ""
    return {"href": url} if url.startswith(("https://", "http://")) else None


def ours(diagnostic: Any) -> tuple[str, dict[str, Any]] | None:
    """(rule, data) of a diagnostic formlint published, as the editor sends it back; None
    for another tool's or a malformed one."""
    if not isinstance(diagnostic, dict) or diagnostic.get("source") != SOURCE:
        return None
    rule, data = diagnostic.get("code"), diagnostic.get("data")
    return (rule, data) if isinstance(rule, str) and isinstance(data, dict) else None


def fix_edit(finding: Finding, lines: LineIndex) -> dict[str, Any] | None:
    """The TextEdit of a finding's safe fix: one exact span on one line, as ``--fix`` applies."""
    region = finding.fix.region() if finding.fix is not None else None
    if region is None or finding.fix is None or not finding.fix.original:
        return None
    line, column, end_line, end_column = region
    if end_line != line:
        return None
    text = lines.lines[line - 1] if 0 < line <= len(lines.lines) else ""
    if text[column - 1:end_column - 1] != finding.fix.original:
        return None  # the document does not hold the flagged text there (a reader's other line count)
    return {"range": lines.span(line, column, line, end_column), "newText": finding.fix.replacement}


def quick_fixes(uri: str, diagnostics: list[Any]) -> list[dict[str, Any]]:
    """One quick fix per formlint diagnostic in the request that carries a fix."""
    actions = []
    for diagnostic in diagnostics:
        found = ours(diagnostic)
        if found is None or not _is_edit(found[1].get("fix")):
            continue
        rule, data = found
        edit = data["fix"]
        original = data.get("original") if isinstance(data.get("original"), str) else ""
        replace = f"\u201c{original}\u201d with " if original else "with "
        actions.append({
            "title": f"Replace {replace}\u201c{edit['newText']}\u201d ({rule})",
            "kind": QUICKFIX,
            "diagnostics": [diagnostic],
            "isPreferred": True,
            "edit": {"changes": {uri: [edit]}},
        })
    return actions


def fix_all(uri: str, findings: list[Finding], lines: LineIndex) -> dict[str, Any] | None:
    """Every safe fix of the document in one action; where two overlap, the first wins
    (as with ``check --fix``)."""
    edits = [e for e in (fix_edit(f, lines) for f in findings) if e is not None]
    edits.sort(key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]))
    chosen: list[dict[str, Any]] = []
    for edit in edits:
        if chosen and _before(edit["range"]["start"], chosen[-1]["range"]["end"]):
            continue
        chosen.append(edit)
    if not chosen:
        return None
    count = len(chosen)
    return {"title": f"Apply formlint's {count} safe fix{'es' if count != 1 else ''}",
            "kind": FIX_ALL, "edit": {"changes": {uri: chosen}}}


def _before(a: dict[str, int], b: dict[str, int]) -> bool:
    return (a["line"], a["character"]) < (b["line"], b["character"])


def _is_edit(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("newText"), str):
        return False
    span = value.get("range")
    return isinstance(span, dict) and all(
        isinstance(span.get(end), dict) and all(isinstance(span[end].get(k), int) for k in ("line", "character"))
        for end in ("start", "end"))
