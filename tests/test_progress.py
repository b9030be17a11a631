"""The progress bar: on a terminal, after a second, erased at the end; silent otherwise."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from formlint.progress import Progress
from tests.conftest import FIXTURES, ROOT


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_files_done_and_the_current_file_then_erases_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    stream = FakeTerminal()
    with Progress(10, stream=stream, delay=0.0) as progress:
        progress.update(3, "forms/benefit-application.pdf")
        time.sleep(0.35)
    out = stream.getvalue()
    assert "formlint [######--------------]  3/10 files  forms/benefit-application.pdf\x1b[K" in out
    assert out.endswith("\r\x1b[2K")  # the line is cleared for the report that follows


def test_silent_for_quick_runs_pipes_and_quiet() -> None:
    quick = FakeTerminal()
    with Progress(10, stream=quick) as progress:  # default delay: one second
        progress.update(10, "a.md")
    assert quick.getvalue() == ""
    pipe = io.StringIO()  # not a terminal
    with Progress(10, stream=pipe, delay=0.0) as progress:
        progress.update(1, "a.md")
        time.sleep(0.2)
    assert pipe.getvalue() == ""
    disabled = FakeTerminal()
    with Progress(10, stream=disabled, delay=0.0, enabled=False) as progress:
        progress.update(1, "a.md")
        time.sleep(0.2)
    assert disabled.getvalue() == ""


def test_line_fits_the_terminal() -> None:
    progress = Progress(120, stream=FakeTerminal())
    progress.update(7, "forms/" + "very-long-folder-name/" * 10 + "form.pdf")
    for width in (40, 80, 200):
        line = progress.line(width)
        assert len(line) < width and "  7/120 files" in line
    assert progress.line(80).endswith("form.pdf") and "…" in progress.line(80)


def _run_on_a_terminal(args: list[str], tmp_path: Path) -> tuple[int, str]:
    """Run formlint with stderr on a pseudo-terminal; return the exit code and what the terminal got."""
    controller, terminal = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(controller, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    with open(tmp_path / "out.txt", "wb") as out:
        done = subprocess.run([sys.executable, "-m", "formlint", *args], stdout=out, stderr=terminal,
                              env=env, cwd=tmp_path, timeout=300)
    os.close(terminal)
    reader.join(timeout=5)
    os.close(controller)
    return done.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_long_run_on_a_terminal_shows_the_bar_and_quiet_hides_it(tmp_path: Path) -> None:
    # Full checks of every fixture with one job take well over a second (spaCy loads).
    args = ["check", str(FIXTURES), "--no-cache", "--jobs", "1"]
    code, terminal = _run_on_a_terminal(args, tmp_path)
    report = (tmp_path / "out.txt").read_text()
    assert code == 1 and report.rstrip().splitlines()[-1].startswith("Found ")
    assert "formlint [" in terminal and "files" in terminal and "fixtures/forms/" in terminal
    assert "formlint [" not in report  # the bar never reaches standard output
    code, terminal = _run_on_a_terminal([*args, "--quiet"], tmp_path)
    assert code == 1 and terminal == ""
