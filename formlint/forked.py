"""Do a piece of work in a forked child and get its answer back as bytes.

The NLP pipeline uses this to share a long batch of sentences with a second core
(``Nlp.parse_many``). The child is a plain ``os.fork`` — a pool worker is a daemonic
multiprocessing process, which may not start multiprocessing children — so it starts
with everything the parent has loaded (the spaCy model, its tables), answers through
a pipe and leaves with ``os._exit``. If it fails in any way (killed, out of memory, a
short answer) ``collect`` returns None and the caller does the work itself: a failure
costs time, never results.
"""

from __future__ import annotations

import os
import signal
import struct
from collections.abc import Callable
from dataclasses import dataclass

_LENGTH = struct.Struct("<Q")  # the answer's length comes first: a short answer is detected


def can_fork() -> bool:
    return hasattr(os, "fork")


@dataclass
class Child:
    pid: int
    reader: int  # the read end of the pipe the child answers through

    def collect(self) -> bytes | None:
        """The child's answer, or None when it did not give one in full."""
        chunks: list[bytes] = []
        try:
            with os.fdopen(self.reader, "rb") as pipe:
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            _reap(self.pid)
        data = b"".join(chunks)
        if len(data) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack_from(data)
        body = data[_LENGTH.size:]
        return body if len(body) == length else None


def start_child(work: Callable[[], bytes], time_limit: float | None = None) -> Child | None:
    """Fork a child that runs ``work`` and writes its bytes into a pipe; None when the
    fork fails (then the caller does the work). ``time_limit`` seconds bound the child
    should its parent be killed (at the per-file limit) and leave it an orphan."""
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(reader)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler
            if time_limit:
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(max(1, int(time_limit) + 1))
            data = work()
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(_LENGTH.pack(len(data)))
                pipe.write(data)
            status = 0
        except BaseException:  # any failure: the parent sees a short answer and does the work
            pass
        finally:
            os._exit(status)
    os.close(writer)
    return Child(pid, reader)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
