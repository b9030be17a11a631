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
import tempfile
from pathlib import Path

import click

from formlint import __version__, dates, pipeline
from formlint.burden import CONSTANTS
from formlint.burden_change import Comparison, pair_rows
from formlint.burden_report import BREAKDOWN, FormRow, Report, build_report, file_notes, hours_a_year, minutes_text
from formlint.burden_sources import Sides, from_git, from_paths
from formlint.cli import EXIT_FINDINGS, EXIT_OK, build_config, friendly_errors, write_output
from formlint.config import Config, default_jobs
from formlint.engine import Runtime, Target, UsageError, discover
from formlint.reporters import burden_change
from formlint.reporters.escape import printable
from formlint.rulepacks import load_rules
from formlint.selection import validate_against_rules

FORMATS = ("text", "csv", "json", "markdown")


# --------------------------------------------------------------------------- rendering


def _names(paths: list[str], limit: int = 90) -> str:
    """File names, as many as fit in ``limit`` characters, then "+N more"."""
    shown: list[str] = []
    for index, path in enumerate(paths):
        name = printable(Path(path).name)
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
        width = min(max(len(printable(f.path)) for f in forms), 60)
        out.append(f"{'FORM'.ljust(width)}  PAGES  WORDS  FIELDS  EST.MIN  STATED  RATIO")
        for form in forms:
            path = printable(form.path if len(form.path) <= width else "..." + form.path[-(width - 3):])
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
            hours = hours_a_year(form.minutes, report.responses)
            if hours is not None:
                out.append(f"{'':{width}}  {minutes_text(hours)} hours a year at {report.responses:,} responses")
        total = sum(f.minutes for f in forms)
        hours = hours_a_year(total, report.responses)
        yearly = "" if hours is None else (f" ({minutes_text(hours)} hours a year at {report.responses:,} "
                                           "responses to each)")
        out.append(f"\n{len(forms)} forms; estimated {total:.0f} min in all{yearly}. Estimates are approximate: "
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
    out.extend(file_notes(report.skipped, report.unreadable))
    return "\n".join(out) + "\n"


def render_csv(report: Report, table: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if table in ("forms", "all"):
        writer.writerow(["path", "format", "kind", "pages", "words", "fields", "questions",
                         "estimated_minutes", *[f"{name}_minutes" for name in BREAKDOWN], "low", "high",
                         "steps", "stated_minutes", "ratio", "omb_number", "omb_expires", "hours_a_year"])
        for form in report.forms:
            writer.writerow([form.path, form.format, form.kind, form.pages if form.pages is not None else "",
                             form.words, form.fields, form.questions, form.minutes,
                             *[form.breakdown.get(name, 0) for name in BREAKDOWN], form.low, form.high,
                             "; ".join(form.steps), "" if form.stated is None else form.stated,
                             "" if form.ratio is None else form.ratio, form.omb_number or "",
                             form.omb_expires.isoformat() if form.omb_expires else "",
                             _blank(hours_a_year(form.minutes, report.responses))])
        for path, why in report.unreadable:
            writer.writerow([path, "", "unreadable", why])
    if table == "all":
        writer.writerow([])
    if table in ("elements", "all"):
        writer.writerow(["element", "label", "forms", "which"])
        for row in report.elements():
            writer.writerow([row["element"], row["label"], row["forms"], "; ".join(row["which"])])
    return buffer.getvalue()


def _blank(value: float | None) -> float | str:
    return "" if value is None else value


def render_json(report: Report) -> str:
    document = {
        "formlint": __version__,
        "responses_a_year": report.responses,
        "forms": [{**f.as_dict(), "hours_a_year": hours_a_year(f.minutes, report.responses)} for f in report.forms],
        "elements": report.elements(),
        "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
        "unreadable": [{"path": p, "reason": r} for p, r in report.unreadable],
        "constants": {name: {"value": c.value, "unit": c.unit, "status": c.status, "source": c.source}
                      for name, c in CONSTANTS.items()},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- the command


def _refuse_overwrite(targets: list[Target], output: Path | None) -> None:
    if output is not None and any(t.path.resolve() == output.resolve() for t in targets):
        raise UsageError(f"--output {output} is one of the files being read; refusing to overwrite it")


def _compare(sides: Sides, runtime: Runtime, jobs: int, responses: int | None, output: Path | None) -> Comparison:
    """Read both versions of every form in one run, and pair their rows."""
    _refuse_overwrite(sides.targets, output)
    results = pipeline.lint(sides.targets, runtime, jobs=jobs)
    split = len(sides.before)
    rows: list[dict[str, FormRow]] = []
    comparison = Comparison(responses=responses)
    # key -> (path, why): a file that is no form, named once for both its versions (but two
    # files the user named are two files)
    skipped: dict[str, tuple[str, str]] = {}
    for keyed, side_results in ((sides.before, results[:split]), (sides.after, results[split:])):
        report = build_report(side_results)
        by_path = {form.path: form for form in report.forms}
        rows.append({key: by_path[target.display] for key, target in keyed if target.display in by_path})
        key_of = {target.display: target.display if sides.named else key for key, target in keyed}
        skipped.update((key_of[path], (path, why)) for path, why in report.skipped)
        comparison.unreadable += report.unreadable
    comparison.skipped = sorted(skipped.values())
    comparison.changes = pair_rows(rows[0], rows[1], sides.names())
    return comparison


def _comparison_options(paths: tuple[Path, ...], compare: bool, diff: str | None, output_format: str,
                        table: str | None, top: int | None, fail_on_increase: bool) -> None:
    """Usage errors for options that do not go together."""
    if compare and diff:
        raise UsageError("--compare and --diff are two ways to choose the versions: use one")
    if compare and len(paths) != 2:
        raise UsageError(f"--compare takes two paths, the old version and the new one (got {len(paths)})")
    if compare or diff:
        if output_format == "csv":
            raise UsageError("--compare and --diff write text, markdown or json, not csv")
        for name, value in (("--table", table), ("--top", top)):
            if value is not None:
                raise UsageError(f"{name} chooses rows of the burden tables; --compare and --diff print changes")
    elif output_format == "markdown":
        raise UsageError("--format markdown is for --compare and --diff (a pull request comment or job summary)")
    elif fail_on_increase:
        raise UsageError("--fail-on-increase needs --compare or --diff")


def _run_comparison(paths: tuple[Path, ...], diff: str | None, config: Config, runtime: Runtime, jobs: int,
                    responses: int | None, output: Path | None) -> Comparison:
    if diff is None:
        return _compare(from_paths(paths[0], paths[1], config.exclude), runtime, jobs, responses, output)
    with tempfile.TemporaryDirectory(prefix="formlint-burden-") as workdir:
        sides = from_git(diff, paths or (Path("."),), Path(workdir), config.exclude)
        return _compare(sides, runtime, jobs, responses, output)


@click.command("burden")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format (markdown: with --compare or --diff).")
@click.option("--table", type=click.Choice(("all", "forms", "elements")), default=None,
              help="Which table to write (CSV and text; default all).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N most asked elements (text).")
@click.option("--compare", is_flag=True,
              help="Compare two versions: PATHS are OLD NEW (two files, or two folders paired by file path).")
@click.option("--diff", metavar="REF",
              help="Compare every form changed since the git revision REF with its version there.")
@click.option("--responses", type=click.IntRange(min=1), default=None, metavar="N",
              help="Responses a year to each form: also show hours a year (with --compare or --diff, their change).")
@click.option("--fail-on-increase", is_flag=True,
              help="With --compare or --diff: exit 1 if any form's estimated minutes went up.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read settings (and [tool.formlint.burden] constants) from this file.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Files read in parallel.")
@friendly_errors
def burden_command(paths: tuple[Path, ...], output_format: str, table: str | None, top: int | None, compare: bool,
                   diff: str | None, responses: int | None, fail_on_increase: bool, output: Path | None,
                   config_path: Path | None, exclude: tuple[str, ...], jobs: int | None) -> None:
    """Estimate each form's time tax and list what the forms ask for ("tell us once").

    \b
    PATH...  forms: PDF, HTML and JSON-schema files or folders (default: the current folder)
    formlint burden --compare OLD NEW      two versions side by side
    formlint burden --diff origin/main     every form changed since a git revision
    Exit codes: 0 report written, 1 some files could not be read (or, with
    --fail-on-increase, a form's estimate went up), 2 usage or configuration error.
    """
    _comparison_options(paths, compare, diff, output_format, table, top, fail_on_increase)
    config = build_config(config_path, (), (), (), True, False)
    if exclude:
        config = config.with_overrides(exclude=config.exclude + exclude)
    ruleset = load_rules(config.rule_paths)
    validate_against_rules(config, ruleset)
    runtime = Runtime.create(config, ruleset, rules=[])  # no rules: only the per-file facts
    jobs = jobs or config.jobs or default_jobs()
    if compare or diff:
        comparison = _run_comparison(paths, diff, config, runtime, jobs, responses, output)
        renderers = {"json": burden_change.render_json, "markdown": burden_change.render_markdown}
        write_output(renderers.get(output_format, burden_change.render_text)(comparison), output)
        increased = comparison.increased() if fail_on_increase else []
        for change in increased:
            click.echo(f"formlint: estimated burden went up: {printable(change.label())} "
                       f"{change.minutes:+.1f} min per response", err=True)
        sys.exit(EXIT_FINDINGS if comparison.unreadable or increased else EXIT_OK)
    targets = discover(paths or (Path("."),), config.exclude)
    _refuse_overwrite(targets, output)
    results = pipeline.lint(targets, runtime, jobs=jobs)
    report = build_report(results)
    report.responses = responses
    if output_format == "json":
        rendered = render_json(report)
    elif output_format == "csv":
        rendered = render_csv(report, table or "all")
    else:
        rendered = render_text(report, top, table or "all").lstrip("\n")
    write_output(rendered, output)
    sys.exit(EXIT_FINDINGS if report.unreadable else EXIT_OK)
