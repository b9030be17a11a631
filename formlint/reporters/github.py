"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=forms/a.md,line=3,col=5,endLine=3,endColumn=12,title=plain/simple-words::Use "use" ...

error -> ``error``, warning -> ``warning``, info -> ``notice``. Values are escaped as the
Actions runner expects (``%``, CR and LF everywhere; ``:`` and ``,`` too inside
properties). PDF findings name the page and field in the message. GitHub shows a
limited number of annotations per step; the SARIF upload is the complete record.
"""

from __future__ import annotations

from formlint.results import RunResult
from formlint.model import Finding, Severity
from formlint.reporters.place import place_without_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    loc = finding.location
    props = [("file", loc.path)]
    if loc.line is not None:
        props.append(("line", str(loc.line)))
        if loc.column is not None:
            props.append(("col", str(loc.column)))
        if loc.end_line is not None:
            props.append(("endLine", str(loc.end_line)))
            if loc.end_column is not None and loc.column is not None:
                props.append(("endColumn", str(loc.end_column)))
    props.append(("title", f"formlint {finding.rule}"))
    where = place_without_line(loc)
    message = f"{where}: {finding.message}" if where else finding.message
    if finding.suggestions and not all(s in finding.message for s in finding.suggestions):
        message += "\nSuggestion: " + ", ".join(f'"{s}"' for s in finding.suggestions[:3])
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


def render(result: RunResult, *, color: bool = False) -> str:
    lines = [annotation(f) for f in result.findings]
    return "".join(line + "\n" for line in lines)
