"""``formlint lsp``: a language server for editors (see formlint.lsp)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from formlint.cli import apply_options, config_options, friendly_errors
from formlint.config import Config


@click.command("lsp")
@config_options
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only transport).")
@click.option("--delay", type=click.FloatRange(min=0.0, max=10.0), default=0.4, show_default=True,
              metavar="SECONDS", help="Check a changed document after this pause in typing.")
@friendly_errors
def lsp_command(config_path: Path | None, select: tuple[str, ...], extend_select: tuple[str, ...],
                ignore: tuple[str, ...], no_nlp: bool, deep: bool, stdio: bool, delay: float) -> None:
    """Serve findings to an editor over the Language Server Protocol (standard input and
    output): diagnostics as you type in Markdown, HTML, text, JSON-schema and XML
    documents, and quick fixes for the safe word replacements.

    Settings come from the configuration nearest to each document, as `formlint check`
    finds it; --config and the rule options here apply to every document.
    """
    from formlint.config import load_config
    from formlint.lsp.server import LanguageServer, Settings

    if config_path is not None:
        load_config(config_path)  # a missing or broken --config is an error now, not at the first document
    _limit_memory(config_path)
    adjust = partial(apply_options, select=select, extend_select=extend_select, ignore=ignore, no_nlp=no_nlp,
                     deep=deep)
    if select or extend_select or ignore:
        _validate_selectors(adjust(Config()))
    server = LanguageServer(Settings(config_path, adjust), sys.stdin.buffer, sys.stdout.buffer, delay=delay)
    sys.stdout = sys.stderr  # nothing but protocol messages may reach the editor's pipe
    sys.exit(server.run())


def _limit_memory(config_path: Path | None) -> None:
    """Cap the server's memory as `check` caps each worker's (``max-memory-mb``, from --config
    or the configuration nearest the folder the editor starts the server in), so that a
    pathological document makes an allocation fail inside the check (reported as
    io/unreadable) instead of growing until the system's OOM killer picks a process.
    Documents under another configuration share this one process, and this one limit."""
    from formlint.config import ConfigError, load_config
    from formlint.limits import apply_memory_limit

    try:
        megabytes = load_config(config_path).max_memory_mb
    except (ConfigError, OSError):
        megabytes = Config().max_memory_mb  # a broken nearest configuration is shown at its first document
    apply_memory_limit(megabytes)


def _validate_selectors(config: Config) -> None:
    """An unknown rule id on the command line is an error at start (exit 2), not a
    message at the first document."""
    from formlint.rulepacks import load_rules
    from formlint.selection import validate_against_rules

    validate_against_rules(config, load_rules(config.rule_paths))
