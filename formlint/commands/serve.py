"""``formlint serve``: a server that keeps the rules and spaCy loaded (see formlint.server)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import click

from formlint.cache import settings
from formlint.cli import build_config, config_options, friendly_errors, prepare_and_warn
from formlint.engine import Runtime
from formlint.errors import UsageError
from formlint import server
from formlint.shortcut import shortcut_key

START_TIMEOUT_S = 120.0  # loading spaCy on a busy machine


@click.command("serve")
@config_options
@click.option("--idle", type=click.FloatRange(min=0.1), default=server.IDLE_MINUTES, show_default=True,
              metavar="MINUTES",
              help="Exit after this many minutes without a request.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files checked in parallel (default: what each check asks for).")
@click.option("--background", is_flag=True, help="Start the server in the background; return once it answers.")
@click.option("--stop", is_flag=True, help="Stop the server for these settings (exit 1 if none runs).")
@click.option("--status", is_flag=True, help="Exit 0 if a server for these settings runs, 1 if not.")
@friendly_errors
def serve_command(config_path: Path | None, select: tuple[str, ...], extend_select: tuple[str, ...],
                  ignore: tuple[str, ...], no_nlp: bool, deep: bool, idle: float, jobs: int | None,
                  background: bool, stop: bool, status: bool) -> None:
    """Keep the rules and the spaCy model loaded, so that `formlint check` with the same
    settings starts in a fraction of a second (the pre-commit case).

    \b
    Run it in the project folder with the options you give `check`; a check with other
    settings (or other formlint code, rules or libraries) does not use it. It exits after
    --idle minutes without a request. Without a server, checks run as always.
    """
    if not server.available():
        raise UsageError("formlint serve needs Unix domain sockets, which this platform does not offer")
    config = build_config(config_path, select, extend_select, ignore, no_nlp, deep)
    key = shortcut_key(config, settings(config))
    if stop or status:
        found = server.stop(config, key) if stop else server.running(config, key)
        if not found:
            message = "no server runs with these settings"
        else:
            message = "server stopped" if stop else "a server runs with these settings"
        click.echo(f"formlint: {message}", err=True)
        sys.exit(0 if found else 1)
    if server.running(config, key):
        raise UsageError("a server for these settings is already running (stop it with `formlint serve --stop`)")
    _, runtime, _ = prepare_and_warn(config)  # a bad configuration stops here, in the foreground
    if background:
        _start_in_background(runtime, key, idle, jobs)
        return
    _run(runtime, key, idle, jobs)


def _run(runtime: Runtime, key: str, idle: float, jobs: int | None) -> None:
    def ready(path: Path) -> None:
        click.echo(f"formlint: serving on {path}; exits after {idle:g} min idle or on `formlint serve --stop`",
                   err=True)

    try:
        server.serve(runtime, key, idle, jobs, on_ready=ready)
    except server.ServerError as error:
        raise UsageError(str(error)) from None


def _start_in_background(runtime: Runtime, key: str, idle: float, jobs: int | None) -> None:
    """The server forked (formlint.server.start_detached); return once it answers."""
    config = runtime.config
    try:
        pid, log = server.start_detached(runtime, key, idle, jobs)
    except server.ServerError:
        raise UsageError("formlint serve needs a private temporary folder, and none could be made") from None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.running(config, key):
            click.echo(f"formlint: server started (process {pid}); stop it with `formlint serve --stop`", err=True)
            return
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines() if log.exists() else []
            raise UsageError(f"the server did not start: {(lines or ['no output'])[-1]}")
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    raise UsageError(f"the server did not answer within {START_TIMEOUT_S:g} s (its log: {log})")
