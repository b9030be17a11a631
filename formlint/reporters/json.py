"""The stable JSON contract, schema version 2 (see DESIGN.md and the README).

Change the shape only by bumping SCHEMA; tests pin every key. Schema 2 is schema 1 with
one more key per finding, ``fix``: the mechanical edit ``check --fix`` makes (an
exact span and its replacement), or null.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from formlint import __version__
from formlint.results import FileResult, RunResult
from formlint.model import Finding, Fix
from formlint.reporters.escape import encodable

SCHEMA = 2


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "page": loc.page,
        "field": loc.field,
        "pointer": loc.pointer,
        "text": finding.text,
        "suggestions": list(finding.suggestions),
        "fix": fix_dict(finding.fix),
    }


def fix_dict(fix: Fix | None) -> dict[str, Any] | None:
    """The edit as an exact span of one file (1-based lines and columns, end exclusive),
    the text it replaces and the replacement; null where there is no exact span."""
    if fix is None or (region := fix.region()) is None:
        return None
    line, column, end_line, end_column = region
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "original": fix.original, "replacement": fix.replacement}


def file_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format.value if result.format else None,
        "stats": result.stats,
        "findings": [finding_dict(f) for f in result.findings],
    }


def document(result: RunResult) -> dict[str, Any]:
    findings = result.findings
    return {
        "formlint": __version__,
        "schema": SCHEMA,
        "files": [file_dict(f) for f in result.files],
        "summary": {
            "files": len(result.files),
            "findings": len(findings),
            "by_severity": dict(sorted(Counter(f.severity.label for f in findings).items())),
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        },
    }


def render(result: RunResult, *, color: bool = False) -> str:
    # Control characters are escaped by json; a lone surrogate (from a file name that is
    # not UTF-8) would make the output unwritable, so it becomes U+FFFD.
    return encodable(json.dumps(document(result), indent=2, ensure_ascii=False)) + "\n"
