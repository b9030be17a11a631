"""SARIF 2.1.0, as GitHub code scanning reads it.

One run; ``tool.driver.rules`` holds every rule that fired, with its descriptions, help
text and source link; each result has its rule, level, message, one physical location
and a ``partialFingerprints`` entry that survives line moves (formlint.fingerprints).

GitHub shows a result only when its region has a ``startLine``. PDF findings and
JSON-pointer findings without a line get ``startLine: 1`` (the file as a whole), and
carry the page, field and pointer in the result's ``properties`` and as a logical
location, where SARIF viewers show them. Columns count Unicode code points
(``columnKind``), as formlint's do. A finding with an exact-span ``Fix`` becomes a
SARIF ``fix`` (one replacement).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from formlint import __version__
from formlint.results import RunResult
from formlint.fingerprints import occurrences
from formlint.model import Finding, Fix, Location, Severity
from formlint.reporters.place import place_without_line
from formlint.rulepacks import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/formlint/formlint"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "formlint/v1"


def render(result: RunResult, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


def document(result: RunResult, cwd: Path | None = None) -> dict[str, Any]:
    rules = _rules_by_id(result)
    fired = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(fired)}
    results = []
    for file in result.files:
        for finding, (print_, n) in zip(file.findings, occurrences(file.findings)):
            results.append(_result(finding, index[finding.rule], f"{print_}:{n}"))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "formlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule_id, rules.get(rule_id)) for rule_id in fired],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(cwd or Path.cwd())}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(result)],
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rules_by_id(result: RunResult) -> dict[str, Rule]:
    """The rules as configured for this run (severity overrides), else as shipped."""
    rules = {rule.id: rule for rule in result.rules}
    rules.update({rule.id: rule for rule in result.enabled})
    return rules


def _descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:  # a finding of a rule this run does not know (should not happen)
        return {"id": rule_id, "shortDescription": {"text": rule_id}, "fullDescription": {"text": rule_id},
                "help": {"text": rule_id}}
    why = " ".join(rule.why.split())
    fix = " ".join(rule.fix.split()) if rule.fix else None
    source = f"{rule.source.title} ({rule.source.url})"
    help_text = why + (f"\n\nHow to fix it: {fix}" if fix else "") + f"\n\nSource: {source}"
    help_md = (f"{why}" + (f"\n\n**How to fix it:** {fix}" if fix else "")
               + f"\n\n**Source:** [{rule.source.title}]({rule.source.url})"
               + f"\n\n`formlint explain {rule.id}` prints the rule with its examples.")
    tags = [rule.category, *rule.tags]
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": why},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": rule.source.url,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(dict.fromkeys(tags))},
    }


def _pascal(rule_id: str) -> str:
    """SARIF wants ``name`` to be an identifier: ``plain/simple-words`` -> ``PlainSimpleWords``."""
    return "".join(part.capitalize() for part in rule_id.replace("/", "-").split("-") if part)


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    loc = finding.location
    message = finding.message
    where = place_without_line(loc)
    if where:
        message = f"{message} ({where})"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [_location(loc)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    properties: dict[str, Any] = {}
    if loc.page is not None:
        properties["page"] = loc.page
    if loc.field:
        properties["field"] = loc.field
    if loc.pointer:
        properties["pointer"] = loc.pointer
    if loc.bbox is not None:
        properties["bbox"] = [round(v, 2) for v in loc.bbox]
    if finding.suggestions:
        properties["suggestions"] = list(finding.suggestions)
    if properties:
        result["properties"] = properties
    fix = _fix(finding.fix, finding)
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _location(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(loc.path), "region": _region(loc)}
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    if loc.field:
        logical.append({"name": loc.field, "fullyQualifiedName": loc.field, "kind": "element"})
    if loc.pointer and loc.pointer != loc.field:
        logical.append({"name": loc.pointer.rsplit("/", 1)[-1] or loc.pointer,
                        "fullyQualifiedName": loc.pointer, "kind": "property"})
    if logical:
        location["logicalLocations"] = logical
    return location


def _region(loc: Location) -> dict[str, Any]:
    if loc.line is None:
        region: dict[str, Any] = {"startLine": 1}
        if loc.page is not None:
            region["properties"] = {"page": loc.page}
        return region
    region = {"startLine": loc.line}
    if loc.column is not None:
        region["startColumn"] = loc.column
    if loc.end_line is not None and loc.end_line >= loc.line:
        region["endLine"] = loc.end_line
    if loc.end_column is not None and loc.column is not None:
        same_line = loc.end_line in (None, loc.line)
        if not same_line or loc.end_column > loc.column:
            region["endColumn"] = loc.end_column
    return region


def _artifact(path: str) -> dict[str, Any]:
    posix = PurePosixPath(Path(path).as_posix())
    if posix.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(str(posix), safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(path: Path) -> str:
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _fix(fix: Fix | None, finding: Finding) -> dict[str, Any] | None:
    if fix is None:
        return None
    region = fix.region()
    if region is None:
        return None  # SARIF replacements need an exact text region
    loc = fix.location
    line, column, end_line, end_column = region
    deleted = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {
        "description": {"text": f'Replace "{fix.original}" with "{fix.replacement}".'},
        "artifactChanges": [{
            "artifactLocation": _artifact(loc.path),
            "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}],
        }],
    }


def _invocation(result: RunResult) -> dict[str, Any]:
    notes = []
    for file in result.files:
        if file.skipped:
            notes.append({
                "level": "note",
                "message": {"text": f"skipped: {file.skipped}"},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(file.path)}}],
            })
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
