"""One line per finding, ``path:line:col: severity rule message``, then a summary.

PDF findings read ``path:page N:field: ...``. On a terminal, severities are coloured.
Everything that comes from a document (path, field, message, suggestions) goes
through :func:`~formlint.reporters.escape.printable`: a hostile file cannot write
escape sequences to the terminal or break the one-line-per-finding format.
"""

from __future__ import annotations

from collections import Counter

import click

from formlint.results import RunResult
from formlint.model import Finding, Severity
from formlint.reporters.escape import printable

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def location_prefix(finding: Finding) -> str:
    loc = finding.location
    parts = [loc.path]
    if loc.line is not None:
        parts.append(str(loc.line))
        if loc.column is not None:
            parts.append(str(loc.column))
    elif loc.page is not None:
        parts.append(f"page {loc.page}")
    if loc.line is None and loc.field:
        parts.append(loc.field)
    elif loc.line is None and loc.pointer:
        parts.append(loc.pointer)
    return printable(":".join(parts))


def format_finding(finding: Finding, color: bool = False) -> str:
    severity = finding.severity.label
    if color:
        severity = click.style(severity, fg=COLORS[finding.severity], bold=finding.severity is Severity.ERROR)
    rule = click.style(finding.rule, dim=True) if color else finding.rule
    line = f"{location_prefix(finding)}: {severity} {rule} {printable(finding.message)}"
    if finding.suggestions and not all(s in finding.message for s in finding.suggestions):
        shown = ", ".join(f'"{printable(s)}"' for s in finding.suggestions[:3])
        line += f"\n    suggestion: {shown}"
    return line


def summary_line(result: RunResult) -> str:
    findings = result.findings
    files = len(result.files)
    skipped = sum(1 for f in result.files if f.skipped)
    checked = files - skipped
    noun = "file" if checked == 1 else "files"
    skipped_text = f" ({skipped} skipped)" if skipped else ""
    if not findings:
        return f"No problems found in {checked} {noun}{skipped_text}."
    counts = Counter(f.severity for f in findings)
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        if counts[severity]:
            label = severity.label + ("s" if counts[severity] != 1 and severity is not Severity.INFO else "")
            parts.append(f"{counts[severity]} {label}")
    with_findings = sum(1 for f in result.files if f.findings)
    total = len(findings)
    return (
        f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
        f"in {with_findings} of {checked} {noun}{skipped_text}."
    )


def render_statistics(result: RunResult, *, color: bool = False) -> str:
    """``--statistics``: one line per rule, the most frequent first (as Ruff's
    ``--statistics``), for triage of a large repository: how many findings, of which
    severities, in how many files. Then the usual summary."""
    counts: Counter[str] = Counter()
    severities: dict[str, Counter[Severity]] = {}
    files: dict[str, set[str]] = {}
    for file in result.files:
        for finding in file.findings:
            counts[finding.rule] += 1
            severities.setdefault(finding.rule, Counter())[finding.severity] += 1
            files.setdefault(finding.rule, set()).add(file.path)
    width = max((len(rule) for rule in counts), default=0)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        parts = []
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            if severities[rule][severity]:
                label = click.style(severity.label, fg=COLORS[severity]) if color else severity.label
                parts.append(f"{severities[rule][severity]} {label}")
        spread = len(files[rule])
        lines.append(f"{count:6d}  {rule:<{width}}  {', '.join(parts)}; in {spread} file{'s' if spread != 1 else ''}")
    lines.append(_closing_line(result))
    return "\n".join(lines) + "\n"


def _closing_line(result: RunResult) -> str:
    """The summary, and how many baselined (or, with --only-new, older) findings it leaves out."""
    line = summary_line(result)
    if result.baselined:
        line += f" {result.baselined} baselined finding{'s' if result.baselined != 1 else ''} not shown."
    if result.preexisting:
        line += (f" {result.preexisting} finding{'s' if result.preexisting != 1 else ''} already there at "
                 f"{result.since} not shown.")
    return line


def render(result: RunResult, *, color: bool = False) -> str:
    lines = []
    for file in result.files:
        if file.skipped:
            lines.append(printable(f"{file.path}: skipped: {file.skipped}"))
        for finding in file.findings:
            lines.append(format_finding(finding, color))
    lines.append(_closing_line(result))
    return "\n".join(lines) + "\n"
