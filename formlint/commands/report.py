"""``formlint report``: write the HTML fix report for forms and guidance.

The report is one self-contained HTML file (style, script and page images inline) that
a reviewer can open from disk or mail. Linting is the same as ``formlint check``; after
it, this command draws the PDF pages that have findings (``formlint.pageimages``) and
hands them to the HTML reporter, which never reads a document itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import click

from formlint.config import FAIL_ON_CHOICES, default_jobs
from formlint import pipeline
from formlint.engine import RunResult, Target, UsageError, discover
from formlint.model import Format
from formlint.pageimages import DEFAULT_DPI, PageImage, render_pages

DEFAULT_OUTPUT = Path("formlint-report.html")


def page_images(result: RunResult, targets: Sequence[Target], dpi: int = DEFAULT_DPI,
                jobs: int = 1) -> dict[str, dict[int, PageImage]]:
    """Images of the PDF pages that have findings, by display path and page number;
    files are drawn in ``jobs`` processes (the same bytes either way)."""
    where = {t.display: t.path for t in targets}
    tasks: list[tuple[str, Path, list[int]]] = []
    for file in result.files:
        if file.format is not Format.PDF or file.path not in where:
            continue
        pages = sorted({f.location.page for f in file.findings if f.location.page is not None})
        if pages:
            tasks.append((file.path, where[file.path], pages))
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            drawn = list(pool.map(_draw, tasks, [dpi] * len(tasks)))
    else:
        drawn = [_draw(task, dpi) for task in tasks]
    return {path: pages for (path, _, _), pages in zip(tasks, drawn) if pages}


def _draw(task: tuple[str, Path, list[int]], dpi: int) -> dict[int, PageImage]:
    return render_pages(task[1], task[2], dpi=dpi)


def render_report(result: RunResult, targets: Sequence[Target], *, images: bool = True, dpi: int = DEFAULT_DPI,
                  title: str | None = None, generated: str | None = None, jobs: int = 1) -> str:
    from formlint.reporters.html import render

    drawn = page_images(result, targets, dpi, jobs) if images else None
    return render(result, images=drawn, title=title, generated=generated)


def timestamp() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from None
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def report_command() -> click.Command:
    """The ``report`` command. Built on call, after ``formlint.cli`` has defined the shared
    options, so that importing this module never imports the command line (no cycle)."""
    from formlint.cli import EXIT_OK, build_config, config_options, exit_code, friendly_errors, prepare, write_output

    @click.command("report")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @config_options
    @click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                  default=DEFAULT_OUTPUT, show_default=True, help="Write the report here ('-' for standard output).")
    @click.option("--no-images", is_flag=True, help="Leave the PDF page images out (a much smaller file).")
    @click.option("--image-dpi", type=click.IntRange(36, 200), default=DEFAULT_DPI, show_default=True,
                  help="Resolution of the page images.")
    @click.option("--title", help="The report's title (default: the number of files and findings).")
    @click.option("--timestamp", "stamp", is_flag=True,
                  help="Print when the report was made (off by default, so the same input gives the same bytes).")
    @click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None,
                  help="Exit 1 when there are findings at or above this severity (default: exit 0 once written).")
    @click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching this glob.")
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                  help="Files checked in parallel (default: the number of CPUs).")
    @friendly_errors
    def report(paths: tuple[Path, ...], config_path: Path | None, select: tuple[str, ...],
               extend_select: tuple[str, ...], ignore: tuple[str, ...], no_nlp: bool, deep: bool,
               output: Path, no_images: bool, image_dpi: int, title: str | None, stamp: bool,
               fail_on: str | None, exclude: tuple[str, ...], jobs: int | None) -> None:
        """Write the HTML fix report: every form's problems in place, what to fix first and how.

        One self-contained file (no requests to other hosts), for reviewers to open from
        disk or send by mail. Takes the same files, folders and rule selection as `check`.
        """
        config = build_config(config_path, select, extend_select, ignore, no_nlp, deep, fail_on=fail_on)
        if exclude:
            config = config.with_overrides(exclude=config.exclude + exclude)
        ruleset, runtime = prepare(config)
        targets = discover(paths or (Path("."),), config.exclude)
        to_stdout = str(output) == "-"
        if not to_stdout and any(t.path.resolve() == output.resolve() for t in targets):
            raise UsageError(f"--output {output} is one of the files being checked; refusing to overwrite it")
        workers = jobs or config.jobs or default_jobs()
        result = RunResult(pipeline.lint(targets, runtime, jobs=workers), ruleset, runtime.rules)
        html = render_report(result, targets, images=not no_images, dpi=image_dpi, title=title,
                             generated=timestamp() if stamp else None, jobs=workers)
        write_output(html, None if to_stdout else output)
        if not to_stdout:
            size = len(html.encode("utf-8"))
            findings = len(result.findings)
            files = len(result.files)
            click.echo(f"Wrote {output} ({size / 1_048_576:.1f} MB): {findings:,} finding{'s' if findings != 1 else ''}"
                       f" in {files:,} file{'s' if files != 1 else ''}.", err=True)
        sys.exit(exit_code(result, config) if fail_on else EXIT_OK)

    return report
