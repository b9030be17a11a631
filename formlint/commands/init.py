"""``formlint init``: write a commented starter configuration.

Appends a ``[tool.formlint]`` section to ``pyproject.toml`` when the folder has one,
else writes ``.formlint.toml``. It never changes an existing formlint configuration:
if the folder already has one, it says where and stops (exit code 2).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import click

from formlint.cli import friendly_errors
from formlint.config import _pyproject_has_section, _setup_cfg_has_section, config_from_mapping
from formlint.engine import UsageError

# {t} is the table prefix: "tool.formlint." in pyproject.toml, "" in .formlint.toml.
STARTER = '''\
# formlint settings: https://github.com/formlint/formlint#configuration
# Every key is checked: an unknown key or rule id stops the run with a message.
# `formlint rules` lists the rules; `formlint explain RULE` explains one.

# Lowest severity that makes `formlint check` exit with 1: error, warning, info or never.
fail-on = "error"

# Rules to run: ids, prefixes ("a11y/pdf") or categories ("burden"). Default: every rule on by default.
# select = ["plain", "a11y", "burden"]
# extend-select = []                  # add rules that are off by default
# ignore = ["plain/long-sentence"]

# Files and folders never checked (globs, relative to this file).
# exclude = ["archive/*"]

# Words your program must use, never flagged; abbreviations your readers know.
# accept = ["Supplemental Nutrition Assistance Program"]
# acronyms = ["SNAP", "WIC"]

# Where USWDS and GOV.UK disagree (asterisks, "(optional)"): uswds or govuk.
# profile = "uswds"

# Adopting formlint on existing forms: `formlint baseline . -o .formlint-baseline.json`,
# then only findings that are not in the baseline are reported.
# baseline = ".formlint-baseline.json"

# Speed: parallel jobs (default: the number of CPUs) and the results cache.
# jobs = 4
# cache = true
# serve = true                       # pre-commit: a full check leaves a server for the next ones

# Severity per rule id or prefix (the most specific wins).
# [{t}severity]
# "plain/simple-words" = "info"

# Rule parameters (`formlint explain RULE` lists them).
# [{t}rules."plain/long-sentence"]
# max-words = 30

# Rules switched off for some files (PDFs cannot carry suppression comments).
# [{t}per-file-ignores]
# "legacy/*.pdf" = ["a11y"]
'''


def starter(pyproject: bool) -> str:
    prefix = "tool.formlint." if pyproject else ""
    text = STARTER.replace("{t}", prefix)
    return ("[tool.formlint]\n" + text) if pyproject else text


@click.command()
@click.option("--pyproject", "where", flag_value="pyproject",
              help="Append a [tool.formlint] section to ./pyproject.toml (the default when it exists).")
@click.option("--toml", "where", flag_value="toml", help="Write ./.formlint.toml (the default otherwise).")
@friendly_errors
def init(where: str | None) -> None:
    """Write a commented starter configuration in the current folder."""
    folder = Path.cwd()
    pyproject = folder / "pyproject.toml"
    dotfile = folder / ".formlint.toml"
    setup_cfg = folder / "setup.cfg"
    for existing, has in ((dotfile, dotfile.is_file()),
                          (pyproject, pyproject.is_file() and _pyproject_has_section(pyproject)),
                          (setup_cfg, setup_cfg.is_file() and _setup_cfg_has_section(setup_cfg))):
        if has:
            raise UsageError(f"{existing.name} already configures formlint; `formlint init` never changes it")
    if where is None:
        where = "pyproject" if pyproject.is_file() else "toml"
    if where == "pyproject":
        _append_to_pyproject(pyproject)
        click.echo(f"Added a [tool.formlint] section to {pyproject.name}.")
    else:
        _write_new(dotfile, starter(pyproject=False))
        click.echo(f"Wrote {dotfile.name}.")


def _append_to_pyproject(path: Path) -> None:
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(current)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path.name}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path.name} is not valid TOML ({error}); fix it before adding formlint's section") from None
    section = starter(pyproject=True)
    separator = "" if not current else ("\n" if current.endswith("\n") else "\n\n")
    new = current + separator + section
    _check(new, pyproject=True)
    try:
        with path.open("a", encoding="utf-8") as handle:  # append: the rest of the file is never rewritten
            handle.write(separator + section)
    except OSError as error:
        raise UsageError(f"cannot write {path.name}: {error.strerror or error}") from None


def _write_new(path: Path, text: str) -> None:
    _check(text, pyproject=False)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{path.name} already exists; `formlint init` never changes it") from None
    except OSError as error:
        raise UsageError(f"cannot write {path.name}: {error.strerror or error}") from None


def _check(text: str, pyproject: bool) -> None:
    """The starter must load as formlint's own configuration (a bug otherwise)."""
    data = tomllib.loads(text)
    config_from_mapping(data["tool"]["formlint"] if pyproject else data)
