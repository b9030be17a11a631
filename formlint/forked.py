"""Do a piece of work in a forked child and get its answer back as bytes.

The NLP pipeline uses this to share a long batch of sentences with a second core
(``Nlp.parse_many``). The child is a plain ``os.fork`` — a pool worker is a daemonic
multiprocessing process, which may not start multiprocessing children — so it starts
with everything the parent has loaded (the spaCy model, its tables), writes its
answer to an unnamed file and leaves with ``os._exit``. If it fails in any way (killed,
out of memory, an exception) ``collect`` returns None and the caller does the work
itself: a failure costs time, never results.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

def can_fork() -> bool:
    return hasattr(os, "fork")


@dataclass
class Child:
    pid: int
    answer: BinaryIO  # an unnamed file the child writes its answer into before it exits

    def collect(self) -> bytes | None:
        """The child's answer, once it has exited; None when it did not give one (it
        exits with status 0 only after its whole answer is written)."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = -1
        try:
            if status != 0:
                return None
            self.answer.seek(0)
            return self.answer.read()
        except OSError:
            return None
        finally:
            self.answer.close()


def start_child(work: Callable[[], bytes], time_limit: float | None = None) -> Child | None:
    """Fork a child that runs ``work`` and writes its bytes into an unnamed file; None
    when that fails (then the caller does the work). ``time_limit`` seconds bound the
    child should its parent be killed (at the per-file limit) and leave it an orphan.

    The answer goes to a file, not a pipe, so that the child exits as soon as it is
    done instead of waiting on a full pipe until the parent reads."""
    try:
        answer = tempfile.TemporaryFile()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        answer.close()
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler
            if time_limit:
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(max(1, int(time_limit) + 1))
            answer.write(work())
            answer.flush()
            status = 0
        except BaseException:  # any failure: the parent sees no answer and does the work
            pass
        finally:
            os._exit(status)
    return Child(pid, answer)
