"""``formlint cache``: where the results cache lives, and clearing it."""

from __future__ import annotations

import click

from formlint.cache import cache_dir, clear
from formlint.cli import friendly_errors
from formlint.config import load_config


@click.group()
def cache() -> None:
    """The results cache (.formlint_cache/): unchanged files are not checked again."""


@cache.command("clear")
@friendly_errors
def clear_command() -> None:
    """Delete the cached results."""
    root = cache_dir(load_config())
    removed = clear(root)
    click.echo(f"Cleared {root} ({removed} cached result{'s' if removed != 1 else ''}).")


@cache.command("dir")
@friendly_errors
def dir_command() -> None:
    """Print where the cache is."""
    click.echo(str(cache_dir(load_config())))
