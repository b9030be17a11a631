"""The ``formlint`` command line.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration
error. A file that cannot be read is a finding (io/unreadable), never a crash.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from formlint import __version__
from formlint.config import FAIL_ON_CHOICES, Config, ConfigError, default_jobs, load_config
from formlint.discovery import Target, discover
from formlint.errors import KindLoadError, RuleError, UsageError
from formlint.nlp import NlpUnavailable
from formlint.reporters import FORMATS as REPORT_FORMATS
from formlint.reporters.escape import encodable
from formlint.results import FileResult, RunResult

if TYPE_CHECKING:
    from formlint.engine import Runtime
    from formlint.rulepacks import Rule, RuleSet

# The rule engine (rule files, rule kinds, spaCy, the PDF stack) is imported inside the
# commands that use it: a fully cached `check` never loads it (see formlint.shortcut).

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
OUTPUT_FORMATS = ("text", "json")
CHECK_FORMATS = tuple(REPORT_FORMATS)
F = TypeVar("F", bound=Callable[..., Any])


def run() -> None:
    """The ``formlint`` command (and ``python -m formlint``): ``main``, then, once its
    output is flushed, an exit without the interpreter's clean-up of every loaded module
    (0.03 s of a one-file run, 0.1 s where spaCy was loaded in this process). Every file
    the command writes is closed and its temporary folders removed before ``main``
    returns. If the output cannot be flushed (a closed pipe), Python exits as usual."""
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = None
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)  # a message: Python prints it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code or 0)


def fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"formlint: error: {message}", err=True)
    sys.exit(code)


def friendly_errors(func: F) -> F:
    """Turn expected problems into one line on stderr and exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, RuleError, UsageError, NlpUnavailable, KindLoadError) as error:
            fail(" ".join(str(error).split()))
        except KeyboardInterrupt:
            click.echo("formlint: interrupted", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as error:  # a bug in formlint: say so in one line unless debugging
            if os.environ.get("FORMLINT_DEBUG"):
                raise
            fail(f"internal error: {type(error).__name__}: {error} (set FORMLINT_DEBUG=1 for details)",
                 EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class LazyGroup(click.Group):
    """A command group whose subcommands are imported the first time they are asked for.

    ``formlint check`` is the command pre-commit runs on every commit; importing the
    modules of ``report``, ``burden`` and the rest would cost it time for nothing.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}  # name -> "module:attribute", "()" to call a factory

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy_commands:
            module, attribute = self.lazy_commands[name].split(":")
            command = getattr(importlib.import_module(module), attribute.removesuffix("()"))
            self.add_command(command() if attribute.endswith("()") else command, name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="formlint")
def main() -> None:
    """Lint U.S. government forms and guidance for plain language, accessibility and burden.

    \b
    Exit codes:
      0  no finding at or above --fail-on (default: error)
      1  findings at or above --fail-on (`--fail-on warning` fails on warnings too)
      2  usage or configuration error (the message says what to fix)
      3  internal error in formlint (a bug: please report it)
    A file that cannot be read is an io/unreadable finding, never a crash.
    """


def config_options(func: F) -> F:
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Read settings from this file instead of the nearest .formlint.toml, "
                          "pyproject.toml [tool.formlint] or setup.cfg [formlint]."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rule ids or prefixes (comma-separated; e.g. plain,a11y/pdf)."),
        click.option("--extend-select", multiple=True, metavar="RULES", help="Add these rules to the selection."),
        click.option("--ignore", multiple=True, metavar="RULES", help="Leave out these rule ids or prefixes."),
        click.option("--no-nlp", is_flag=True, help="Skip rules that need the spaCy model."),
        click.option("--deep", is_flag=True, help="Also run deep-tier PDF checks (every character)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_config(config_path: Path | None, select: tuple[str, ...], extend_select: tuple[str, ...],
                 ignore: tuple[str, ...], no_nlp: bool, deep: bool, **extra: Any) -> Config:
    return apply_options(load_config(config_path), select, extend_select, ignore, no_nlp, deep, **extra)


def apply_options(config: Config, select: tuple[str, ...], extend_select: tuple[str, ...],
                  ignore: tuple[str, ...], no_nlp: bool, deep: bool, **extra: Any) -> Config:
    """``config`` with the command line's rule options on top (the selections add to the file's)."""
    changes: dict[str, Any] = {}
    if select:
        changes["select"] = split_selectors(select)
    if extend_select:
        changes["extend_select"] = config.extend_select + split_selectors(extend_select)
    if ignore:
        changes["ignore"] = config.ignore + split_selectors(ignore)
    if no_nlp:
        changes["nlp"] = False
    if deep:
        changes["deep"] = True
    changes.update({k: v for k, v in extra.items() if v not in (None, ())})
    return config.with_overrides(**changes)


def prepare(config: Config, quiet: bool = False) -> tuple[RuleSet, Runtime]:
    ruleset, runtime, _ = prepare_and_warn(config, quiet)
    return ruleset, runtime


def prepare_and_warn(config: Config, quiet: bool = False) -> tuple[RuleSet, Runtime, bool]:
    """Load and validate the rules for ``config``; the flag says whether a warning was due."""
    from formlint.engine import Runtime, nlp_required
    from formlint.nlp import resolve_model
    from formlint.rulepacks import load_rules
    from formlint.selection import validate_against_rules

    ruleset = load_rules(config.rule_paths)
    validate_against_rules(config, ruleset)
    runtime = Runtime.create(config, ruleset)
    warned = False
    if config.nlp and any(kind.nlp.value != "none" for kind in runtime.kinds):
        try:
            resolve_model(config.nlp_model)
        except NlpUnavailable as error:
            if nlp_required(runtime):
                raise
            warned = True
            if not quiet:
                click.echo(f"formlint: warning: {error}; part-of-speech checks run in a reduced mode", err=True)
    return ruleset, runtime, warned


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_options
@click.option("--format", "output_format", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="Output format: text, json, sarif (GitHub code scanning), github (workflow annotations), "
                   "gitlab (code quality report), html (the fix report, as `formlint report` writes it).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None,
              help="Lowest severity that makes the exit code 1 (default: error, or the config's fail-on).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files checked in parallel (default: the number of CPUs).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Report only findings that are not in this baseline file (see `formlint baseline`).")
@click.option("--no-baseline", is_flag=True, help="Ignore the baseline named in the configuration.")
@click.option("--diff", "--changed-since", "diff_ref", metavar="REF", default=None,
              help="Check only files changed since this git revision (e.g. origin/main), and new files.")
@click.option("--only-new", is_flag=True,
              help="With --diff REF: leave out the findings a changed file already had at REF.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache (.formlint_cache/).")
@click.option("--fix", is_flag=True,
              help="Apply the safe fixes (word replacements) to text, Markdown and HTML files, then report what is left.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no notes on standard error.")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule has (and in how many files) instead of each finding.")
@click.option("--stdin-filename", metavar="PATH", default=None,
              help="Read the document from standard input (the path '-'), named PATH in the output; "
                   "PATH's extension says its format.")
@friendly_errors
def check(paths: tuple[Path, ...], config_path: Path | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], no_nlp: bool, deep: bool,
          output_format: str, output: Path | None, fail_on: str | None, exclude: tuple[str, ...],
          jobs: int | None, baseline_path: Path | None, no_baseline: bool, diff_ref: str | None,
          only_new: bool, no_cache: bool, fix: bool, quiet: bool, statistics: bool,
          stdin_filename: str | None) -> None:
    """Check forms and guidance (files or folders; default: the current folder; '-':
    standard input).

    \b
    Exit codes: 0 no finding at or above --fail-on; 1 findings at or above
    --fail-on; 2 usage or configuration error; 3 internal error.
    """
    from formlint import shortcut
    from formlint.baseline import Baseline
    from formlint.cache import settings as cache_settings

    if statistics and output_format != "text":
        hint = " (the JSON report counts findings per rule in summary.by_rule)" if output_format == "json" else ""
        raise UsageError(f"--statistics is a text summary; it cannot be combined with --format {output_format}{hint}")
    if only_new and diff_ref is None:
        raise UsageError("--only-new needs --diff REF: the revision whose findings to leave out")
    if only_new and fix:
        raise UsageError("--only-new reports; --fix changes files: use one at a time")
    config = build_config(config_path, select, extend_select, ignore, no_nlp, deep, fail_on=fail_on)
    if exclude:
        config = config.with_overrides(exclude=config.exclude + exclude)
    baseline_file = None if no_baseline else (baseline_path or config.baseline)
    baseline = Baseline.load(baseline_file) if baseline_file is not None else None
    from_stdin = read_stdin(paths, stdin_filename, config, fix=fix, diff_ref=diff_ref)
    no_cache = no_cache or from_stdin is not None  # a new temporary file each time: nothing to find again
    # The pre-commit case, for a report that needs no rule metadata: every file cached
    # (see formlint.shortcut), or a `formlint serve` with these settings running (see
    # formlint.server). Then this process never loads the rules; otherwise the full run.
    use_cache = shortcut.cache_enabled(config, not no_cache)
    shortcut_key = None
    if output_format in shortcut.FORMATS and not fix and not only_new:  # --only-new checks old versions here
        shortcut_key = shortcut.shortcut_key(config, cache_settings(config))
    results: list[FileResult] | None = None
    targets: list[Target] | None = None
    if shortcut_key is not None:
        try:
            targets = from_stdin or check_targets(paths, config, diff_ref, output)
        except UsageError:
            targets = None  # the full run below reports it, after the configuration's own errors
        if targets is not None and use_cache:
            results = shortcut.cached_results(targets, config, shortcut_key)
        if targets is not None and results is None:
            from formlint import server

            results = server.ask(config, shortcut_key, targets, jobs or config.jobs or default_jobs(), use_cache)
    ruleset: Iterable[Rule] = ()
    enabled: list[Rule] = []
    checked_here: Runtime | None = None  # the rules were loaded in this process
    if results is None:
        from formlint import pipeline

        ruleset, runtime, warned = prepare_and_warn(config, quiet=quiet)
        checked_here = runtime
        if targets is None:
            targets = from_stdin or check_targets(paths, config, diff_ref, output)
        results = pipeline.lint(targets, runtime, jobs=jobs or config.jobs or default_jobs(),
                                use_cache=not no_cache, show_progress=not quiet,
                                shortcut_key=None if warned or not use_cache else shortcut_key)
        enabled = runtime.rules
        if fix:
            results = apply_fixes(targets, results, runtime, jobs=jobs or config.jobs or default_jobs(),
                                  use_cache=not no_cache, quiet=quiet)
    result = RunResult(results, ruleset, enabled)
    if only_new and checked_here is not None and diff_ref is not None and targets is not None:
        from formlint.since import findings_at

        known = findings_at(diff_ref, targets, checked_here, jobs or config.jobs or default_jobs())
        result.preexisting, result.since = known.apply(results, stat="preexisting"), diff_ref
    if baseline is not None:
        result.baselined = baseline.apply(results)
    from formlint.reporters import renderer
    from formlint.reporters.text import render_statistics

    color = output is None and output_format == "text" and sys.stdout.isatty()
    if output_format == "html":  # the report also draws PDF pages, from the files checked
        from formlint.commands.report import render_report

        rendered = render_report(result, targets, jobs=jobs or config.jobs or default_jobs())
    else:
        rendered = render_statistics(result, color=color) if statistics else renderer(output_format)(result, color=color)
    write_output(rendered, output)
    if config.serve and checked_here is not None and shortcut_key is not None:
        start_server_for_later(checked_here, shortcut_key, quiet)
    sys.exit(exit_code(result, config))


def start_server_for_later(runtime: Runtime, key: str, quiet: bool) -> None:
    """``serve = true``: a server with these settings for the next check (formlint.server)."""
    from formlint import server

    pid = server.start_for_later_checks(runtime, key)
    if pid is not None and not quiet:
        click.echo(f"formlint: started a server for the next checks (process {pid}; "
                   f"`formlint serve --stop` stops it, {server.IDLE_MINUTES:g} idle minutes end it)", err=True)


def apply_fixes(targets: list[Target], results: list[FileResult], runtime: Runtime, *, jobs: int,
                use_cache: bool, quiet: bool) -> list[FileResult]:
    """--fix: change the files, then check the changed ones again for what is left."""
    from formlint import pipeline
    from formlint.fixer import fix_files

    changed, applied = fix_files(targets, results)
    if changed:
        fresh = pipeline.lint([targets[i] for i in changed], runtime, jobs=jobs, use_cache=use_cache,
                              show_progress=not quiet)
        results = list(results)
        for index, result in zip(changed, fresh):
            results[index] = result
    if not quiet:
        files = len(changed)
        click.echo(f"formlint: fixed {applied} problem{'s' if applied != 1 else ''} in {files} "
                   f"file{'s' if files != 1 else ''}", err=True)
    return results


def read_stdin(paths: tuple[Path, ...], stdin_filename: str | None, config: Config, *, fix: bool,
               diff_ref: str | None) -> list[Target] | None:
    """The one target of `check -`, or None when the paths are files and folders. Its
    temporary folder lasts as long as the command (the HTML report reads PDFs again)."""
    import tempfile

    from formlint.stdin import stdin_target, wants_stdin

    if not wants_stdin(paths, stdin_filename):
        return None
    if fix:
        raise UsageError("--fix changes files in place; it cannot change standard input")
    if diff_ref is not None:
        raise UsageError("--diff selects changed files; it cannot be used with standard input")
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError("standard input is closed; pipe a document into `formlint check -`")
    folder = tempfile.TemporaryDirectory(prefix="formlint-stdin-")
    click.get_current_context().call_on_close(folder.cleanup)
    return [stdin_target(stream, stdin_filename, config, Path(folder.name))]


def check_targets(paths: tuple[Path, ...], config: Config, diff_ref: str | None,
                  output: Path | None) -> list[Target]:
    """The files ``check`` looks at: found under ``paths``, cut down by --diff."""
    targets = discover(paths or (Path("."),), config.exclude)
    if diff_ref is not None:
        from formlint import pipeline

        targets = pipeline.only_changed(targets, diff_ref)
    if output is not None and any(t.path.resolve() == output.resolve() for t in targets):
        raise UsageError(f"--output {output} is one of the files being checked; refusing to overwrite it")
    return targets


def write_output(text: str, output: Path | None) -> None:
    text = encodable(text)  # whatever a reporter let through, the output is valid UTF-8
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None


def exit_code(result: RunResult, config: Config) -> int:
    threshold = config.fail_on_severity
    if threshold is None:
        return EXIT_OK
    return EXIT_FINDINGS if any(f.severity >= threshold for f in result.findings) else EXIT_OK


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Mark which rules this configuration enables.")
@friendly_errors
def rules_command(output_format: str, config_path: Path | None) -> None:
    """List every rule with its severity, whether it is on, and what it checks."""
    from formlint.rulepacks import load_rules
    from formlint.selection import enabled_rules, validate_against_rules

    config = load_config(config_path)
    ruleset = load_rules(config.rule_paths)
    validate_against_rules(config, ruleset)
    enabled = {r.id for r in enabled_rules(config, ruleset, nlp=config.nlp)}
    if output_format == "json":
        rows = [rule_summary(rule, rule.id in enabled) for rule in ruleset]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(r.id) for r in ruleset)
    click.echo(f"{'RULE'.ljust(width)}  {'SEVERITY':8}  ON   DESCRIPTION")
    for rule in ruleset:
        on = "yes" if rule.id in enabled else "no"
        click.echo(f"{rule.id.ljust(width)}  {rule.severity.label:8}  {on:3}  {rule.short}")
    click.echo(f"\n{len(ruleset)} rules, {len(enabled)} enabled. `formlint explain RULE` tells more.")


def rule_summary(rule: Rule, enabled: bool) -> dict[str, Any]:
    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity.label,
        "kind": rule.kind,
        "enabled": enabled,
        "summary": rule.short,
        "source": {"title": rule.source.title, "url": rule.source.url},
    }


@main.command()
@click.argument("rule_id")
@friendly_errors
def explain(rule_id: str) -> None:
    """Explain one rule: what it checks, why, how to fix it, its source and examples."""
    from formlint.rulepacks import load_rules

    ruleset = load_rules(load_config().rule_paths)
    rule = ruleset.get(rule_id)
    if rule is None:
        close = [r.id for r in ruleset if rule_id in r.id] or [r.id for r in ruleset.matching(rule_id)]
        hint = f" (did you mean {', '.join(close[:3])}?)" if close else " (`formlint rules` lists them)"
        raise UsageError(f"unknown rule {rule_id!r}{hint}")
    click.echo(explain_text(rule, ruleset))


def explain_text(rule: Rule, ruleset: RuleSet) -> str:
    wrap = lambda text: textwrap.fill(" ".join(text.split()), width=88)  # noqa: E731
    scope = ", ".join(sorted(rule.applies_to))
    formats = ", ".join(sorted(f.value for f in rule.formats)) if rule.formats else "all formats"
    nlp = ruleset.needs_nlp(rule).value
    lines = [
        f"{rule.id}: {rule.short}",
        "",
        f"Category: {rule.category}   Severity: {rule.severity.label}   Default: {'on' if rule.default else 'off'}",
        f"Checks: {scope} in {formats}   Kind: {rule.kind}   Tier: {rule.tier}   Needs spaCy: {nlp}",
    ]
    if rule.profile:
        lines.append(f"Runs only with profile = \"{rule.profile}\" (the design system your forms follow)")
    if rule.languages:
        lines.append(f"Languages: {', '.join(rule.languages)} (not run on a document whose lang attribute or "
                     f"/Lang names another language)")
    lines += [
        "",
        "Why it matters",
        wrap(rule.why),
    ]
    if rule.fix:
        lines += ["", "How to fix it", wrap(rule.fix)]
    lines += ["", "Source", f"{rule.source.title}", rule.source.url]
    if rule.raw_params:
        lines += ["", "Parameters (override under [tool.formlint.rules.\"" + rule.id + "\"])"]
        from formlint.checks import load_kinds

        declared = load_kinds()[rule.kind].params
        for name, value in rule.raw_params.items():
            shown = "(not set)" if value is None else value if not isinstance(value, list) else f"{len(value)} entries"
            spec = declared.get(name)
            lines.append(f"  {name} = {shown}" + (f"   # {spec.help}" if spec is not None and spec.help else ""))
    lines += ["", "Flagged:"] + [f"  - {ex.describe().strip()}" for ex in rule.flag_examples]
    lines += ["", "Not flagged:"] + [f"  - {ex.describe().strip()}" for ex in rule.pass_examples]
    return "\n".join(lines)


# Subcommands in their own modules (formlint/commands/), imported when they run (see LazyGroup).
main.lazy_commands.update({
    "report": "formlint.commands.report:report_command()",
    "baseline": "formlint.commands.baseline:baseline",
    "init": "formlint.commands.init:init",
    "cache": "formlint.commands.cache:cache",
    "burden": "formlint.commands.burden:burden_command",
    "serve": "formlint.commands.serve:serve_command",
    "lsp": "formlint.commands.lsp:lsp_command",
})

if __name__ == "__main__":  # pragma: no cover
    main()
