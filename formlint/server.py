"""``formlint serve``: keep the rules and the spaCy model loaded between runs.

Importing spaCy and loading its model take about 1.7 s on a two-core machine, so a
pre-commit hook that checks one changed file pays that on every commit. A server,
started once in the project (``formlint serve --background``), keeps the rules, the
checks and the model loaded, and ``formlint check`` hands it the files to check.

A check finds a server through a socket named after the shortcut key (see
:mod:`formlint.shortcut`: the settings, formlint's code and rule files, the installed
libraries) and the cache folder, so it only ever talks to a server that computes the
findings it would compute itself. Nothing running, a stale socket, an error or a
server that does not answer in time: the check runs on its own, as without a server.

The server checks files as ``check`` does — in worker processes with the per-file time
limit and memory cap (forked from the server, so they start with the model loaded),
through the results cache unless the check said ``--no-cache``. It answers one request
at a time, and exits after ``--idle`` minutes without one or on ``formlint serve --stop``.
The socket lives in a folder only this user can open (``$TMPDIR/formlint-<uid>/``).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint import __version__
from formlint.cache import cache_dir, result_from_dict, result_to_dict
from formlint.config import Config
from formlint.discovery import Target
from formlint.model import Format
from formlint.results import FileResult

if TYPE_CHECKING:
    from formlint.engine import Runtime

ENV_OFF = "FORMLINT_NO_SERVER"
IDLE_MINUTES = 30.0  # how long a server waits for the next request before it exits
PROTOCOL = 1
MAX_MESSAGE = 64 * 1_048_576  # a reply with every finding of a large repository fits
CONNECT_TIMEOUT_S = 1.0


class ServerError(RuntimeError):
    """The server cannot start (another one serves these settings, no Unix sockets ...)."""


def available() -> bool:
    return hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def disabled_by_env() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")


def socket_path(config: Config, key: str, create: bool = False) -> Path | None:
    """Where the server for these settings listens; None where no safe place exists.

    Only the server creates the folder: a check without a server leaves no trace.
    """
    if not available():
        return None
    folder = Path(tempfile.gettempdir()) / f"formlint-{os.getuid()}"
    try:
        if create:
            folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        return None  # someone else's folder, or one others can write: never trust it
    name = hashlib.sha256(f"{cache_dir(config)}\x00{key}".encode()).hexdigest()[:24]
    return folder / f"{name}.sock"  # short: a socket path must fit in about 100 bytes


# -- the client side ---------------------------------------------------------------


def _exchange(path: Path, request: dict[str, Any], timeout: float | None) -> dict[str, Any] | None:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(CONNECT_TIMEOUT_S)
            conn.connect(str(path))
            conn.settimeout(timeout)
            conn.sendall(json.dumps(request).encode() + b"\n")
            conn.shutdown(socket.SHUT_WR)
            reply = _read_message(conn)
    except (OSError, ValueError):
        return None
    return reply if isinstance(reply, dict) else None


def _read_message(conn: socket.socket) -> Any:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_MESSAGE:
            raise ValueError("message too large")
    return json.loads(b"".join(chunks))


def ask(config: Config, key: str, targets: list[Target], jobs: int | None,
        use_cache: bool) -> list[FileResult] | None:
    """The results from a server for these settings, or None (check here instead)."""
    if disabled_by_env():
        return None
    path = socket_path(config, key)
    if path is None or not path.exists():
        return None
    request = {
        "protocol": PROTOCOL, "formlint": __version__, "key": key, "jobs": jobs, "cache": use_cache,
        "targets": [{"path": str(t.path.resolve()), "display": t.display, "format": t.format.value}
                    for t in targets],
    }
    # The server's workers keep to the per-file limit, so an answer comes within it.
    limit = (config.timeout or 60.0) * max(1, len(targets)) + 30.0
    reply = _exchange(path, request, limit)
    if reply is None or reply.get("key") != key or not isinstance(reply.get("results"), list):
        return None
    try:
        results = [result_from_dict(item) for item in reply["results"]]
    except (KeyError, TypeError, ValueError):
        return None
    if [r.path for r in results] != [t.display for t in targets]:
        return None
    return results


def stop(config: Config, key: str) -> bool:
    """Ask the server for these settings to exit; False if none answered."""
    path = socket_path(config, key)
    if path is None or not path.exists():
        return False
    reply = _exchange(path, {"protocol": PROTOCOL, "stop": True}, 10.0)
    return reply is not None and reply.get("stopped") is True


def running(config: Config, key: str) -> bool:
    path = socket_path(config, key)
    if path is None or not path.exists():
        return False
    reply = _exchange(path, {"protocol": PROTOCOL, "ping": True}, 5.0)
    return reply is not None and reply.get("key") == key


# -- the server side ---------------------------------------------------------------


def warm_up(runtime: Runtime) -> None:
    """Load spaCy, the word lists and the syllable dictionary in this process, so every
    worker forked from it starts with them."""
    from formlint.engine import lint_text

    sample = ("# Apply for benefits\n\nThe form must be signed and mailed to the office. "
              "In the event that you utilize a representative, the application fee payment "
              "verification process is required. Contact the SSA.\n")
    lint_text(sample, Format.MARKDOWN, runtime, path="<warm-up>")
    runtime.nlp.add_all_special_cases()  # here once, not in every forked worker


def serve(runtime: Runtime, key: str, idle_minutes: float, jobs: int | None,
          on_ready: Callable[[Path], None] | None = None, by_check: bool = False) -> None:
    """Answer requests on the socket for ``key`` until idle for ``idle_minutes`` or stopped.
    ``by_check``: started by a check (``serve = true``), which a later one may replace."""
    config = runtime.config
    path = socket_path(config, key, create=True)
    if path is None:
        raise ServerError("formlint serve needs Unix sockets and a private temporary folder")
    listener = _listen(path)
    # `kill` (SIGTERM) ends the server the way --stop does: the socket is removed.
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        warm_up(runtime)
        if on_ready is not None:
            on_ready(path)
        listener.settimeout(max(1.0, idle_minutes * 60.0))
        while True:
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                return  # idle long enough: give the memory back
            with conn:
                if not _answer(conn, runtime, key, jobs, by_check):
                    return
    finally:
        listener.close()
        try:
            if path.is_socket():
                path.unlink()
        except OSError:
            pass


def start_detached(runtime: Runtime, key: str, idle_minutes: float, jobs: int | None,
                   by_check: bool = False) -> tuple[int, Path]:
    """Fork a server for ``key``: a session of its own, its messages in a log next to its
    socket. Returns the server's process id and the log. The server is this very process
    forked, with the rules it has loaded: a new ``python -m formlint`` started in formlint's
    own checkout would import the checkout, not the installed package, and serve other code
    under another key."""
    path = socket_path(runtime.config, key, create=True)
    if path is None:
        raise ServerError("formlint serve needs Unix sockets and a private temporary folder")
    log = path.with_suffix(".log")
    sys.stdout.flush()
    sys.stderr.flush()
    with open(log, "wb") as out:  # this start's messages only
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
    if pid != 0:
        return pid, log
    code = 1
    try:
        os.setsid()
        name_this_process(PROCESS_NAME)
        with open(os.devnull, "rb") as devnull:
            os.dup2(devnull.fileno(), 0)

        def ready(where: Path) -> None:
            print(f"formlint: serving on {where}; exits after {idle_minutes:g} min idle or on `formlint serve --stop`",
                  file=sys.stderr, flush=True)

        if by_check:
            stop_replaced_servers(runtime.config, key)
        serve(runtime, key, idle_minutes, jobs, on_ready=ready, by_check=by_check)
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException as error:  # noqa: BLE001 (the log is the only place left to say it)
        detail = str(error) if isinstance(error, ServerError) else f"{type(error).__name__}: {error}"
        print(f"formlint: error: {detail}", file=sys.stderr)
    finally:
        sys.stderr.flush()
        os._exit(code)  # never return into the command line that forked it


#: What ``ps -e``, ``top`` and ``pgrep`` call a server started in the background (a forked
#: check would otherwise show as the check: ``ps -f`` still shows the command line).
PROCESS_NAME = "formlint-server"


def name_this_process(name: str) -> None:
    """Set the process name the kernel shows (Linux: 15 characters); elsewhere nothing."""
    try:
        with open("/proc/self/comm", "w", encoding="ascii") as comm:
            comm.write(name[:15])
    except OSError:
        pass  # no /proc (macOS) or not allowed: the name is only a convenience


# Set by CI services: GitHub, GitLab, CircleCI, Travis and most others set CI; Azure
# Pipelines sets TF_BUILD, Jenkins JENKINS_URL.
CI_VARIABLES = ("CI", "TF_BUILD", "JENKINS_URL")


def in_ci() -> bool:
    return any(os.environ.get(name, "").strip().lower() not in ("", "0", "false") for name in CI_VARIABLES)


def start_for_later_checks(runtime: Runtime, key: str) -> int | None:
    """``serve = true``: after a check that loaded the rules itself, start a server for the
    checks that follow (the next commit's), unless one runs, servers are switched off
    (``FORMLINT_NO_SERVER``), this is a CI job (nothing would be left to serve) or the
    platform has no Unix sockets. Returns the server's process id, or None. A server that
    cannot start never fails the check."""
    if not available() or disabled_by_env() or in_ci():
        return None
    if running(runtime.config, key):
        return None
    try:
        pid, _ = start_detached(runtime, key, IDLE_MINUTES, None, by_check=True)
    except (ServerError, OSError):
        return None
    return pid


def stop_replaced_servers(config: Config, key: str) -> int:
    """Stop the servers that checks started for this cache folder under other settings
    (a changed configuration, rule file or formlint): no check reaches them any more. A
    server started by hand (``formlint serve``) is left alone. Run by a new server before
    it listens, never by the check (a busy server would keep it waiting). Returns how many
    were stopped."""
    path = socket_path(config, key)
    if path is None:
        return 0
    mine = str(cache_dir(config))
    stopped = 0
    for other in sorted(path.parent.glob("*.sock")):
        if other == path:
            continue
        reply = _exchange(other, {"protocol": PROTOCOL, "ping": True}, 5.0)
        if reply is None or reply.get("by_check") is not True or reply.get("cache") != mine or reply.get("key") == key:
            continue
        done = _exchange(other, {"protocol": PROTOCOL, "stop": True}, 10.0)
        stopped += bool(done and done.get("stopped"))
    return stopped


def _stop_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _listen(path: Path) -> socket.socket:
    if path.exists():
        if _exchange(path, {"protocol": PROTOCOL, "ping": True}, 5.0) is not None:
            raise ServerError(f"a server for these settings is already running ({path})")
        try:
            path.unlink()  # left by a server that was killed
        except OSError as error:
            raise ServerError(f"cannot remove the stale socket {path}: {error.strerror}") from None
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen(16)
    except OSError as error:
        listener.close()
        raise ServerError(f"cannot listen on {path}: {error.strerror or error}") from None
    return listener


def _answer(conn: socket.socket, runtime: Runtime, key: str, jobs: int | None, by_check: bool = False) -> bool:
    """Answer one request; False when it asked the server to stop."""
    from formlint import pipeline

    conn.settimeout(30.0)
    try:
        request = _read_message(conn)
        if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
            raise ValueError("not a formlint request")
        if request.get("stop"):
            _send(conn, {"stopped": True, "key": key})
            return False
        if request.get("ping"):
            _send(conn, {"key": key, "pid": os.getpid(), "formlint": __version__,
                         "cache": str(cache_dir(runtime.config)), "by_check": by_check})
            return True
        if request.get("key") != key:
            raise ValueError("a request for other settings")
        targets = [Target(Path(t["path"]), str(t["display"]), Format(t["format"])) for t in request["targets"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        _send(conn, {"error": f"bad request: {error}"})
        return True
    started = time.monotonic()
    try:
        results = pipeline.lint(targets, runtime, jobs=request.get("jobs") or jobs or 1,
                                use_cache=bool(request.get("cache", True)), show_progress=False, shortcut_key=key)
    except Exception as error:  # a bug in formlint: the check runs on its own; the server stays up
        _send(conn, {"error": f"internal error: {type(error).__name__}: {error}"})
        return True
    _send(conn, {"key": key, "seconds": round(time.monotonic() - started, 3),
                 "results": [result_to_dict(r) for r in results]})
    return True


def _send(conn: socket.socket, message: dict[str, Any]) -> None:
    try:
        conn.settimeout(30.0)
        conn.sendall(json.dumps(message, ensure_ascii=False).encode())
    except OSError:
        pass  # the client gave up; it checks the files itself
