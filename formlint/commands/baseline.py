"""``formlint baseline``: record today's findings so that ``check`` reports only new ones."""

from __future__ import annotations

from pathlib import Path

import click

from formlint.baseline import DEFAULT_NAME, Baseline
from formlint.cli import build_config, config_options, friendly_errors, prepare
from formlint.config import default_jobs
from formlint.engine import UsageError, discover
from formlint.pipeline import lint


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"The baseline file to write (default: the configuration's 'baseline', else {DEFAULT_NAME}).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Files checked in parallel.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; no summary line.")
@friendly_errors
def baseline(paths: tuple[Path, ...], config_path: Path | None, select: tuple[str, ...],
             extend_select: tuple[str, ...], ignore: tuple[str, ...], no_nlp: bool, deep: bool,
             output: Path | None, exclude: tuple[str, ...], jobs: int | None, no_cache: bool, quiet: bool) -> None:
    """Record the current findings in a baseline file.

    `formlint check --baseline FILE` (or `baseline = "FILE"` in the configuration) then
    reports only findings that are not in it. Findings are matched by rule, file and
    text, not by line, so they stay matched when lines move. Run it again to accept
    the findings as they are now.
    """
    config = build_config(config_path, select, extend_select, ignore, no_nlp, deep)
    if exclude:
        config = config.with_overrides(exclude=config.exclude + exclude)
    _, runtime = prepare(config, quiet=quiet)
    target = output or config.baseline or Path(DEFAULT_NAME)
    targets = discover(paths or (Path("."),), config.exclude)
    if any(t.path.resolve() == target.resolve() for t in targets):
        raise UsageError(f"{target} is one of the files being checked; refusing to overwrite it")
    results = lint(targets, runtime, jobs=jobs or config.jobs or default_jobs(), use_cache=not no_cache,
                   show_progress=not quiet)
    record = Baseline.from_results(target, results)
    record.write(results)
    if not quiet:
        files = len({key[0] for key in record.counts})
        click.echo(f"Wrote {target}: {len(record)} finding{'s' if len(record) != 1 else ''} "
                   f"in {files} file{'s' if files != 1 else ''} (of {len(targets)} checked).")
