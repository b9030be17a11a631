"""GitLab code quality: the subset of the Code Climate JSON format GitLab reads.

A list of issues, each with ``description``, ``check_name``, ``fingerprint`` (unique
per issue, stable across line moves), ``severity`` (info, minor, major, critical,
blocker) and ``location.path`` with ``lines.begin``. Findings without a line (PDF
pages and fields) point at line 1 and name the page and field in the description.
"""

from __future__ import annotations

import json
from typing import Any

from formlint.results import RunResult
from formlint.fingerprints import occurrences
from formlint.model import Finding, Severity
from formlint.reporters.place import place_without_line

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
CATEGORIES = {"plain-language": "Style", "accessibility": "Bug Risk", "burden": "Complexity", "input": "Bug Risk"}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    loc = finding.location
    where = place_without_line(loc)
    description = f"{where}: {finding.message}" if where else finding.message
    lines: dict[str, int] = {"begin": loc.line or 1}
    if loc.end_line is not None and loc.line is not None and loc.end_line >= loc.line:
        lines["end"] = loc.end_line
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "categories": [CATEGORIES.get(finding.category, "Style")],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": loc.path, "lines": lines},
    }


def render(result: RunResult, *, color: bool = False) -> str:
    issues = []
    for file in result.files:
        for finding, (print_, n) in zip(file.findings, occurrences(file.findings)):
            issues.append(issue(finding, print_ if n == 1 else f"{print_}-{n}"))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
