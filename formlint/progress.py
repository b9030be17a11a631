"""A one-line progress bar on standard error, for runs that take more than a second.

    formlint [########------------]  12/30 files  forms/benefit-application.pdf

It appears only when standard error is a terminal (never in CI logs, pre-commit or a
pipe), never with ``--quiet``, and only once a run has taken a second, so a quick run
prints nothing. A small thread redraws it ten times a second; the runner's result
callback only updates the numbers. The line is erased when the run ends, so the
report that follows starts on a clean line.

The thread writes with ``os.write`` on the terminal's file descriptor, not through
``sys.stderr``: the runner forks worker processes while it runs, and a fork taken
while this thread held the stream's lock would leave that lock held in the worker.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
from typing import TextIO

DELAY = 1.0  # seconds before the bar appears
INTERVAL = 0.1


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True,
                 delay: float = DELAY) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = enabled and total > 0 and _is_terminal(self.stream)
        self.delay = delay
        self._state: tuple[int, str] = (0, "")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._fd = _fileno(self.stream)
        self._encoding = getattr(self.stream, "encoding", None) or "utf-8"

    def update(self, done: int, current: str) -> None:
        self._state = (done, current)  # one assignment: the drawing thread sees a consistent pair

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._loop, name="formlint-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._drawn:
            self._write("\r\x1b[2K")

    def _loop(self) -> None:
        if self._stop.wait(self.delay):
            return  # the run ended within the delay: never draw
        while not self._stop.is_set():
            # "\x1b[K" clears what a longer previous line left to the right
            self._write("\r" + self.line(shutil.get_terminal_size((80, 24)).columns) + "\x1b[K")
            self._drawn = True
            self._stop.wait(INTERVAL)

    def line(self, width: int) -> str:
        done, current = self._state
        count = f"{done:>{len(str(self.total))}}/{self.total} files"
        bar_width = max(10, min(30, width // 4))
        filled = int(bar_width * done / self.total) if self.total else bar_width
        head = f"formlint [{'#' * filled}{'-' * (bar_width - filled)}] {count}  "
        room = width - len(head) - 1
        if room < 8:
            return head[: width - 1]
        if len(current) > room:
            current = "…" + current[-(room - 1):]
        return head + current

    def _write(self, text: str) -> None:
        try:
            if self._fd is not None:
                os.write(self._fd, text.encode(self._encoding, "replace"))
            else:
                self.stream.write(text)
                self.stream.flush()
        except (OSError, ValueError):
            self._stop.set()  # the terminal went away: stop drawing, never fail the run


def _fileno(stream: TextIO) -> int | None:
    try:
        stream.flush()  # anything already written comes first
        return stream.fileno()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
