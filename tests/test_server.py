"""``formlint serve``: a check with the same settings gets the findings it would compute
itself, from a process that already has the rules and spaCy loaded; anything wrong with
the server and the check runs on its own."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from formlint import server
from formlint.cache import settings
from formlint.config import load_config
from formlint.shortcut import shortcut_key
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not server.available(), reason="formlint serve needs Unix sockets")

# A check in a fresh interpreter that reports what it imported: a served check loads
# neither the rules nor spaCy.
PROBE = textwrap.dedent("""\
    import sys
    from formlint.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
    loaded = sorted(m for m in ("formlint.rulepacks", "spacy", "formlint.runner") if m in sys.modules)
    print("PROBE", {"code": code, "loaded": loaded}, file=sys.stderr)
    """)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text("# Apply\n\nThe form must be signed. Please utilize the enclosed envelope.\n")
    (tmp_path / "b.txt").write_text("You must sign the form in blue ink.\n")
    (tmp_path / ".formlint.toml").write_text('fail-on = "info"\n')
    return tmp_path


def environment(project: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORMLINT_NO_SERVER", "FORMLINT_NO_CACHE")}
    env.update(PYTHONPATH=str(ROOT), FORMLINT_CACHE_DIR=str(project / "cache"), **extra)
    return env


def formlint(project: Path, *args: str, stdin: str | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "formlint", *args], cwd=project, env=environment(project, **extra),
                          input=stdin, capture_output=True, text=True, timeout=300)


def probe(project: Path, *args: str, stdin: str | None = None, **extra: str) -> tuple[dict[str, Any], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, "check", *args], cwd=project, input=stdin,
                          env=environment(project, **extra), capture_output=True, text=True, timeout=300)
    line = next(line for line in done.stderr.splitlines() if line.startswith("PROBE "))
    return eval(line.removeprefix("PROBE ")), done.stdout


@pytest.fixture
def served(project: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([sys.executable, "-m", "formlint", "serve", "--idle", "5"], cwd=project,
                               env=environment(project), stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # "serving on ..." once the model is loaded
        assert "serving on" in line, line + process.stderr.read()
        yield process
    finally:
        formlint(project, "serve", "--stop")
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_served_check_prints_what_a_local_check_prints_without_loading_rules_or_spacy(
        project: Path, served: subprocess.Popen[str]) -> None:
    local = formlint(project, "check", ".", "--no-cache", FORMLINT_NO_SERVER="1")
    assert local.returncode == 1 and "plain/passive-voice" in local.stdout and "plain/simple-words" in local.stdout
    for output_format in ("text", "json"):
        expected = formlint(project, "check", ".", "--no-cache", "--format", output_format, FORMLINT_NO_SERVER="1")
        seen, out = probe(project, ".", "--no-cache", "--format", output_format)
        assert seen == {"code": 1, "loaded": []}, output_format
        assert out == expected.stdout
    (project / "a.md").write_text("# Apply\n\nWe will commence soon.\n")  # the server sees the new content
    seen, out = probe(project, ".", "--no-cache")
    assert seen["loaded"] == [] and "commence" in out and "utilize" not in out


def test_standard_input_is_served(project: Path, served: subprocess.Popen[str]) -> None:
    """An editor pipes the unsaved text in: the server answers it as it answers a file."""
    text = "# Apply\n\nThe form must be signed. Please utilize the enclosed envelope.\n"
    expected = formlint(project, "check", "--stdin-filename", "drafts/new.md", stdin=text, FORMLINT_NO_SERVER="1")
    assert expected.returncode == 1 and "drafts/new.md:3:" in expected.stdout and "utilize" in expected.stdout
    seen, out = probe(project, "--stdin-filename", "drafts/new.md", stdin=text)
    assert seen == {"code": 1, "loaded": []}
    assert out == expected.stdout
    assert not (project / "drafts").exists()


def test_status_and_stop(project: Path, served: subprocess.Popen[str]) -> None:
    assert formlint(project, "serve", "--status").returncode == 0
    again = formlint(project, "serve")
    assert again.returncode == 2 and "already running" in again.stderr
    stopped = formlint(project, "serve", "--stop")
    assert stopped.returncode == 0 and "server stopped" in stopped.stderr
    assert served.wait(timeout=30) == 0
    assert formlint(project, "serve", "--status").returncode == 1
    assert formlint(project, "serve", "--stop").returncode == 1


def test_other_settings_are_not_served(project: Path, served: subprocess.Popen[str]) -> None:
    seen, out = probe(project, ".", "--no-cache", "--select", "burden")
    assert "formlint.rulepacks" in seen["loaded"]  # checked here, with its own settings
    assert "burden/physical-signature" in out and "plain/" not in out


def test_a_stale_socket_or_a_silent_server_means_checking_here(project: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("FORMLINT_CACHE_DIR", str(project / "cache"))
    config = load_config(None)
    path = server.socket_path(config, shortcut_key(config, settings(config)), create=True)
    assert path is not None
    expected = formlint(project, "check", ".", "--no-cache", FORMLINT_NO_SERVER="1").stdout
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))  # bound, never listening: a server that died
    try:
        started = time.monotonic()
        seen, out = probe(project, ".", "--no-cache")
        assert out == expected and "formlint.rulepacks" in seen["loaded"]
        assert time.monotonic() - started < 60
    finally:
        dead.close()
        path.unlink()
    path.write_text("not a socket")
    try:
        seen, out = probe(project, ".", "--no-cache")
        assert out == expected and "formlint.rulepacks" in seen["loaded"]
    finally:
        path.unlink()


def test_background_start(project: Path) -> None:
    started = formlint(project, "serve", "--background", "--idle", "2")
    try:
        assert started.returncode == 0, started.stderr
        assert "server started" in started.stderr
        pid = int(started.stderr.split("(process ")[1].split(")")[0])
        if Path(f"/proc/{pid}/comm").exists():  # Linux: `ps -e` and `pgrep` show its own name
            assert Path(f"/proc/{pid}/comm").read_text().strip() == server.PROCESS_NAME
        seen, out = probe(project, "a.md", "--no-cache")
        assert seen["loaded"] == [] and "plain/simple-words" in out
    finally:
        assert formlint(project, "serve", "--stop").returncode == 0


def _wait_for_server(project: Path, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if formlint(project, "serve", "--status").returncode == 0:
            return True
        time.sleep(0.5)
    return False


def test_serve_true_starts_a_server_after_a_full_check_and_the_next_check_uses_it(project: Path) -> None:
    (project / ".formlint.toml").write_text('fail-on = "info"\nserve = true\n')
    env = {k: v for k, v in environment(project).items() if k not in server.CI_VARIABLES}
    first = subprocess.run([sys.executable, "-m", "formlint", "check", ".", "--no-cache"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)  # returns while the server loads
    try:
        assert first.returncode == 1 and "plain/simple-words" in first.stdout
        assert "started a server for the next checks" in first.stderr
        assert _wait_for_server(project)
        seen, out = probe(project, ".", "--no-cache")
        assert seen == {"code": 1, "loaded": []} and out == first.stdout  # served: no rules, no spaCy here
        again = subprocess.run([sys.executable, "-m", "formlint", "check", "a.md", "--no-cache"], cwd=project,
                               env=env, capture_output=True, text=True, timeout=300)
        assert "started a server" not in again.stderr  # one runs: no second one
    finally:
        formlint(project, "serve", "--stop")


def _alive(pid: int) -> bool:
    """Running, and not a zombie (an orphan that the container's first process may never reap)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def test_a_server_a_check_started_is_replaced_when_the_settings_change(project: Path) -> None:
    (project / ".formlint.toml").write_text('fail-on = "info"\nserve = true\n')
    env = {k: v for k, v in environment(project).items() if k not in server.CI_VARIABLES}

    def check() -> int:
        done = subprocess.run([sys.executable, "-m", "formlint", "check", ".", "--no-cache"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)
        assert "started a server" in done.stderr, done.stderr
        return int(done.stderr.split("(process ")[1].split(";")[0])

    pids = [check()]
    try:
        assert _wait_for_server(project)
        (project / ".formlint.toml").write_text('fail-on = "info"\nserve = true\nignore = ["plain/long-sentence"]\n')
        pids.append(check())  # other settings: the first server cannot serve them
        assert _wait_for_server(project)
        deadline = time.monotonic() + 60
        while _alive(pids[0]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(pids[0]) and _alive(pids[1])  # the new server stopped the old one
    finally:
        formlint(project, "serve", "--stop")
        for pid in pids:
            if _alive(pid):
                os.kill(pid, 9)


def test_serve_true_starts_nothing_in_a_ci_job_or_without_the_setting(project: Path) -> None:
    (project / ".formlint.toml").write_text('fail-on = "info"\nserve = true\n')
    in_ci = formlint(project, "check", ".", "--no-cache", CI="true")
    assert in_ci.returncode == 1 and "started a server" not in in_ci.stderr
    env = {k: v for k, v in environment(project).items() if k not in server.CI_VARIABLES}
    azure = subprocess.run([sys.executable, "-m", "formlint", "check", ".", "--no-cache"], cwd=project,
                           env={**env, "TF_BUILD": "True"}, capture_output=True, text=True, timeout=300)
    assert azure.returncode == 1 and "started a server" not in azure.stderr
    (project / ".formlint.toml").write_text('fail-on = "info"\n')
    plain = subprocess.run([sys.executable, "-m", "formlint", "check", ".", "--no-cache"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert plain.returncode == 1 and "started a server" not in plain.stderr
    assert formlint(project, "serve", "--status").returncode == 1


def test_the_socket_folder_is_private(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(server.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    config = load_config(project / ".formlint.toml")
    assert server.socket_path(config, "k") is None  # a check creates nothing
    path = server.socket_path(config, "k", create=True)
    assert path is not None and (path.parent.stat().st_mode & 0o777) == 0o700
    path.parent.chmod(0o777)  # a folder others can write to is never trusted
    assert server.socket_path(config, "k", create=True) is None


def test_a_bad_request_or_an_internal_error_gets_an_answer_and_the_server_stays_up(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import formlint.pipeline

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(formlint.pipeline, "lint", broken)
    requests = {
        b"not json": "bad request",
        json.dumps({"protocol": 1, "key": "other", "targets": []}).encode(): "bad request",
        json.dumps({"protocol": 1, "key": "k", "targets": [], "jobs": 1}).encode(): "internal error: RuntimeError",
    }
    for request, expected in requests.items():
        client, end = socket.socketpair()
        with client, end:
            client.sendall(request)
            client.shutdown(socket.SHUT_WR)
            assert server._answer(end, None, "k", 1) is True  # type: ignore[arg-type]  # no runtime is reached
            end.close()
            reply = json.loads(client.recv(1 << 16))
        assert "results" not in reply and reply["error"].startswith(expected)


def test_a_bad_configuration_is_reported_before_anything_starts(project: Path) -> None:
    for args in (("serve", "--select", "plain/no-such-rule"), ("serve", "--background", "--select", "plain/no-such-rule")):
        done = formlint(project, *args)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            f"formlint: error: {project / '.formlint.toml'}: unknown rule id or prefix 'plain/no-such-rule' in 'select'"]
    assert formlint(project, "serve", "--status", "--select", "plain/no-such-rule").returncode == 1


def test_the_warm_up_adds_every_special_case_before_workers_are_forked() -> None:
    from formlint.config import Config
    from formlint.engine import Runtime
    from formlint.server import warm_up

    runtime = Runtime.create(Config())
    if not runtime.nlp.available:
        pytest.skip("no spaCy model")
    warm_up(runtime)
    deferred = runtime.nlp._deferred
    assert deferred is not None and deferred.pending == []
    assert len(runtime.nlp.pipeline().tokenizer.rules) == len(deferred.rules) > 1_000
