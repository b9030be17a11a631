"""``formlint burden PATH...``: the time tax of every form, and what they all ask for.

For each form: pages, words, questions by type, formlint's estimated minutes with the
breakdown (reading, notices, fields, look-ups, uploads, gathering documents, submission
route), the minutes the form states in its PRA burden statement, and their ratio. Then the
"tell us once" table: for every data element, how many of the forms ask for it and which:
the candidates for prefill and one-time collection across a program.

Documents that are not forms (guidance, instructions) are listed as skipped; files that
cannot be read are listed with the reason and make the exit code 1, as in ``check``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from formlint import __version__, dates
from formlint.burden import CONSTANTS, ratio
from formlint.classify import default_taxonomy
from formlint.cli import EXIT_FINDINGS, EXIT_OK, build_config, friendly_errors, write_output
from formlint.config import default_jobs
from formlint import pipeline
from formlint.engine import FileResult, Runtime, UsageError, discover
from formlint.rulepacks import load_rules
from formlint.selection import validate_against_rules

BREAKDOWN = ("reading", "notices", "fields", "lookups", "uploads", "gathering", "channel")
FORMATS = ("text", "csv", "json")


@dataclass
class FormRow:
    path: str
    format: str
    kind: str
    pages: int | None
    words: int
    fields: int
    questions: int
    fields_by_type: dict[str, int]
    minutes: float
    low: float
    high: float
    breakdown: dict[str, float]
    steps: list[str]
    stated: float | None
    elements: list[str]
    assumptions: list[str]
    omb_number: str | None = None
    omb_expires: date | None = None  # the printed expiration date, read as a day

    @property
    def ratio(self) -> float | None:
        return ratio(self.stated, self.minutes)

    def approval(self, today: date) -> str | None:
        """The OMB approval as a forms manager tracks it: number, date and how far off it is."""
        if self.omb_number is None:
            return None
        if self.omb_expires is None:
            return f"OMB {self.omb_number}, no expiration date shown"
        days = (self.omb_expires - today).days
        when = (f"expired {-days} days ago" if days < 0 else "expires today" if days == 0
                else f"expires in {days} days")
        return f"OMB {self.omb_number}, {self.omb_expires.isoformat()}: {when}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "format": self.format, "kind": self.kind, "pages": self.pages, "words": self.words,
            "fields": self.fields, "questions": self.questions, "fields_by_type": self.fields_by_type,
            "estimated_minutes": self.minutes, "range": [self.low, self.high], "breakdown": self.breakdown,
            "steps": self.steps, "stated_minutes": self.stated, "ratio": self.ratio, "elements": self.elements,
            "assumptions": self.assumptions, "omb_number": self.omb_number,
            "omb_expires": self.omb_expires.isoformat() if self.omb_expires else None,
        }


@dataclass
class Report:
    forms: list[FormRow] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def elements(self) -> list[dict[str, Any]]:
        """The tell-us-once table: every element, the forms asking for it, most asked first."""
        labels = {e.id: e.label for e in default_taxonomy().elements}
        asked: dict[str, list[str]] = {}
        for form in self.forms:
            for element in form.elements:
                asked.setdefault(element, []).append(form.path)
        rows = [{"element": element, "label": labels.get(element, element), "forms": len(paths), "which": paths}
                for element, paths in asked.items()]
        rows.sort(key=lambda r: (-r["forms"], r["element"]))
        return rows


def build_report(results: Iterable[FileResult]) -> Report:
    report = Report()
    for result in results:
        stats = result.stats
        if "unreadable" in stats:
            report.unreadable.append((result.path, str(stats["unreadable"])))
            continue
        if result.skipped:
            report.skipped.append((result.path, result.skipped))
            continue
        if stats.get("form") not in ("form", "flat-form") or not stats.get("burden"):
            report.skipped.append((result.path, f"not a form ({stats.get('form') or 'document'})"))
            continue
        burden = stats["burden"]
        pra = stats.get("pra") or {}
        elements = sorted({row["element"] for row in stats.get("data_elements", []) if row.get("element")})
        report.forms.append(FormRow(
            path=result.path, format=result.format.value if result.format else "", kind=stats["form"],
            pages=stats.get("pages"), words=int(stats.get("words") or 0), fields=int(stats.get("fields") or 0),
            questions=int(burden.get("questions") or 0), fields_by_type=dict(burden.get("fields_by_type") or {}),
            minutes=float(burden["minutes"]), low=float(burden["low"]), high=float(burden["high"]),
            breakdown=dict(burden["breakdown"]), steps=list(burden.get("steps") or []),
            stated=stats.get("stated_burden_minutes"), elements=elements,
            assumptions=list(burden.get("assumptions") or []),
            omb_number=pra.get("omb_number"),
            omb_expires=dates.parse_form_date(pra["expiration"]) if pra.get("expiration") else None,
        ))
    return report


# --------------------------------------------------------------------------- rendering


def _names(paths: list[str], limit: int = 90) -> str:
    """File names, as many as fit in ``limit`` characters, then "+N more"."""
    shown: list[str] = []
    for index, path in enumerate(paths):
        name = Path(path).name
        rest = len(paths) - index
        if shown and len(", ".join([*shown, name])) > limit and rest > 1:
            return ", ".join(shown) + f", +{rest} more"
        shown.append(name)
    return ", ".join(shown)


def _num(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}"


def render_text(report: Report, top: int | None = None, table: str = "all") -> str:
    out: list[str] = []
    forms = sorted(report.forms, key=lambda f: -f.minutes)
    if table == "elements":
        pass
    elif forms:
        width = min(max(len(f.path) for f in forms), 60)
        out.append(f"{'FORM'.ljust(width)}  PAGES  WORDS  FIELDS  EST.MIN  STATED  RATIO")
        for form in forms:
            path = form.path if len(form.path) <= width else "..." + form.path[-(width - 3):]
            out.append(f"{path.ljust(width)}  {_num(form.pages):>5}  {form.words:>5}  {form.fields:>6}  "
                       f"{_num(form.minutes):>7}  {_num(form.stated):>6}  {_num(form.ratio, 2):>5}")
            parts = [f"{name} {_num(form.breakdown.get(name))}" for name in BREAKDOWN if form.breakdown.get(name)]
            out.append(f"{'':{width}}  {' + '.join(parts)} min; range {_num(form.low)}-{_num(form.high)}; "
                       f"{', '.join(form.steps)}")
            if form.fields_by_type:
                kinds = ", ".join(f"{k} {v}" for k, v in sorted(form.fields_by_type.items(), key=lambda kv: -kv[1]))
                out.append(f"{'':{width}}  questions: {form.questions} ({kinds})")
            approval = form.approval(dates.today())
            if approval:
                out.append(f"{'':{width}}  {approval}")
        total = sum(f.minutes for f in forms)
        out.append(f"\n{len(forms)} forms; estimated {total:.0f} min in all. Estimates are approximate: "
                   "see `formlint explain burden/burden-estimate-mismatch` and the assumptions in --format json.")
    else:
        out.append("No forms found.")
    rows = report.elements() if table != "forms" else []
    if rows:
        shown = rows if top is None else rows[:top]
        out.append(f"\nTell us once: the data elements these {len(forms)} forms ask for")
        width = max(len(r["label"]) for r in shown)
        out.append(f"{'ELEMENT'.ljust(width)}  FORMS  WHICH")
        for row in shown:
            out.append(f"{row['label'].ljust(width)}  {row['forms']:>5}  {_names(row['which'])}")
    for path, why in report.skipped:
        out.append(f"skipped {path}: {why}")
    for path, why in report.unreadable:
        out.append(f"unreadable {path}: {why}")
    return "\n".join(out) + "\n"


def render_csv(report: Report, table: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if table in ("forms", "all"):
        writer.writerow(["path", "format", "kind", "pages", "words", "fields", "questions",
                         "estimated_minutes", *[f"{name}_minutes" for name in BREAKDOWN], "low", "high",
                         "steps", "stated_minutes", "ratio", "omb_number", "omb_expires"])
        for form in report.forms:
            writer.writerow([form.path, form.format, form.kind, form.pages if form.pages is not None else "",
                             form.words, form.fields, form.questions, form.minutes,
                             *[form.breakdown.get(name, 0) for name in BREAKDOWN], form.low, form.high,
                             "; ".join(form.steps), "" if form.stated is None else form.stated,
                             "" if form.ratio is None else form.ratio, form.omb_number or "",
                             form.omb_expires.isoformat() if form.omb_expires else ""])
        for path, why in report.unreadable:
            writer.writerow([path, "", "unreadable", why])
    if table == "all":
        writer.writerow([])
    if table in ("elements", "all"):
        writer.writerow(["element", "label", "forms", "which"])
        for row in report.elements():
            writer.writerow([row["element"], row["label"], row["forms"], "; ".join(row["which"])])
    return buffer.getvalue()


def render_json(report: Report) -> str:
    document = {
        "formlint": __version__,
        "forms": [f.as_dict() for f in report.forms],
        "elements": report.elements(),
        "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
        "unreadable": [{"path": p, "reason": r} for p, r in report.unreadable],
        "constants": {name: {"value": c.value, "unit": c.unit, "status": c.status, "source": c.source}
                      for name, c in CONSTANTS.items()},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- the command


@click.command("burden")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--table", type=click.Choice(("all", "forms", "elements")), default="all", show_default=True,
              help="Which table to write (CSV and text).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N most asked elements (text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read settings (and [tool.formlint.burden] constants) from this file.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Files read in parallel.")
@friendly_errors
def burden_command(paths: tuple[Path, ...], output_format: str, table: str, top: int | None, output: Path | None,
                   config_path: Path | None, exclude: tuple[str, ...], jobs: int | None) -> None:
    """Estimate each form's time tax and list what the forms ask for ("tell us once").

    \b
    PATH...  forms: PDF, HTML and JSON-schema files or folders (default: the current folder)
    Exit codes: 0 report written, 1 some files could not be read, 2 usage or configuration error.
    """
    config = build_config(config_path, (), (), (), True, False)
    if exclude:
        config = config.with_overrides(exclude=config.exclude + exclude)
    ruleset = load_rules(config.rule_paths)
    validate_against_rules(config, ruleset)
    runtime = Runtime.create(config, ruleset, rules=[])  # no rules: only the per-file facts
    targets = discover(paths or (Path("."),), config.exclude)
    if output is not None and any(t.path.resolve() == output.resolve() for t in targets):
        raise UsageError(f"--output {output} is one of the files being read; refusing to overwrite it")
    results = pipeline.lint(targets, runtime, jobs=jobs or config.jobs or default_jobs())
    report = build_report(results)
    if output_format == "json":
        rendered = render_json(report)
    elif output_format == "csv":
        rendered = render_csv(report, table)
    else:
        rendered = render_text(report, top, table).lstrip("\n")
    write_output(rendered, output)
    sys.exit(EXIT_FINDINGS if report.unreadable else EXIT_OK)
