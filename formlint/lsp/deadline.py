"""A time limit for one check in the language server's own process.

``formlint check`` runs each file in a worker process it can stop; the language server
checks in its own process, to keep the loaded model and the parses of each open
document. A check that runs over the configured ``timeout`` is interrupted by a timer
signal instead, which reaches Python code (the readers and rules), though not a single
long call into a C library. Signals are delivered to the main thread only, so elsewhere
(a server run in a thread, as the tests do) there is no limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class OutOfTime(BaseException):
    """The check ran over its time limit. Not an Exception: the engine turns a reader's or
    a rule's Exception into a finding and goes on, and this must stop the whole check."""


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Interrupt the block with OutOfTime after ``seconds``; yields whether a limit is set."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield False
        return

    def expire(signum: int, frame: Any) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
