"""Run the per-file work in worker processes, with a time limit per file.

A linter in CI meets files built to hurt parsers. Each file is linted in a worker
process; a worker that runs past the time limit is killed and the file gets an
``io/timeout`` finding, and a worker that dies (a crash in a C library, the memory
limit) gives ``io/unreadable`` — either way the run goes on with a fresh worker.
Each worker caps its own memory (``max-memory-mb``, see :mod:`formlint.limits`), so a
file that would eat the machine fails alone, as ``io/unreadable`` "out of memory".
Results come back in the order of the targets, whatever the number of workers, so
``--jobs 4`` prints exactly what ``--jobs 1`` prints.

Workers are forked where the platform allows it, so they inherit the loaded rules;
each loads spaCy itself, the first time one of its files needs it.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from formlint.engine import FileResult, Runtime, Target, io_finding, lint_file
from formlint.forked import can_fork
from formlint.limits import apply_memory_limit, out_of_memory_reason, worker_death_reason

ProgressCallback = Callable[[int, int, Target, FileResult], None]


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_WORKER_RUNTIME: Runtime | None = None  # the Runtime of this worker process, built once


def _worker_main(conn: Connection, runtime: Runtime | None, config: Any) -> None:
    """Loop: receive (index, target), send back (index, FileResult); stop on None."""
    global _WORKER_RUNTIME
    # A worker that dies (a C library aborting at the memory limit) is reported as a
    # finding by the parent; a fatal-error dump on stderr would only be noise.
    faulthandler.disable()
    apply_memory_limit(getattr(config, "max_memory_mb", None))
    _WORKER_RUNTIME = runtime if runtime is not None else Runtime.create(config)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, target = message
        try:
            result = lint_file(target, _WORKER_RUNTIME)
        except BaseException as error:  # last resort: the parent must always get an answer
            if isinstance(error, MemoryError):
                reason = out_of_memory_reason(_WORKER_RUNTIME.config.max_memory_mb)
            else:
                reason = f"internal error: {type(error).__name__}: {error}"
            result = _failed(_WORKER_RUNTIME, target, "io/unreadable", reason)
        try:
            conn.send((index, result))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, Target] | None = None
    started: float = 0.0

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


@dataclass
class Pool:
    """Persistent worker processes that can be killed and replaced one at a time."""

    runtime: Runtime
    size: int
    timeout: float | None
    workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ctx = _context()
        self.workers = [self._spawn() for _ in range(self.size)]

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        forked = self._ctx.get_start_method() == "fork"
        # With fork the worker inherits the Runtime as it is; with spawn it rebuilds it.
        args = (child, self.runtime if forked else None, self.runtime.config)
        process = self._ctx.Process(target=_worker_main, args=args, daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = self._spawn()

    def retire_idle(self) -> None:
        """Stop the workers that have no file (the busy ones go on)."""
        for worker in [w for w in self.workers if w.task is None]:
            worker.stop()
            self.workers.remove(worker)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


def run_targets(
    targets: Sequence[Target],
    runtime: Runtime,
    jobs: int = 1,
    timeout: float | None = None,
    on_result: ProgressCallback | None = None,
) -> list[FileResult]:
    """Lint ``targets`` and return their results in the same order.

    ``timeout`` is the limit per file in seconds (None: no limit). With no limit and
    one job, files are linted in this process (used by tests and FORMLINT_DEBUG).
    """
    total = len(targets)
    if total == 0:
        return []
    runtime.nlp.may_share = None  # set by _run_pool when a long parse may use a free core
    runtime.nlp.child_time_limit = timeout
    if (jobs <= 1 and not timeout) or os.environ.get("FORMLINT_DEBUG"):
        results = []
        for index, target in enumerate(targets):
            result = lint_file(target, runtime)
            results.append(result)
            if on_result:
                on_result(index + 1, total, target, result)
        return results
    return _run_pool(targets, runtime, max(1, min(jobs, total)), timeout, on_result, cores=jobs)


@dataclass
class FreeCores:
    """Whether fewer files are being checked than the run may use cores: then a worker
    may share a long parse with a forked child (formlint.nlp). The count lives in
    shared memory, written by the runner and read by the workers."""

    busy: Any  # a multiprocessing RawValue("i")
    cores: int

    def __call__(self) -> bool:
        return int(self.busy.value) < self.cores


def _run_pool(targets: Sequence[Target], runtime: Runtime, size: int, timeout: float | None,
              on_result: ProgressCallback | None, cores: int = 1) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(targets)
    queue = [(index, targets[index]) for index in reversed(work_order(targets))]  # pop() takes the next
    done = 0
    in_hand = _context().RawValue("i", 0)  # files being checked now
    # Sharing only pays when a core is free, and a forked child costs memory (the pages
    # its parent writes while both live are copied), so it is allowed only then.
    runtime.nlp.may_share = FreeCores(in_hand, cores) if cores > 1 and can_fork() else None
    pool = Pool(runtime, size, timeout)
    try:
        while done < len(targets):
            if not queue:
                pool.retire_idle()  # nothing left to hand out: free their memory
            for worker in pool.workers:
                if worker.task is None and queue:
                    worker.task = queue.pop()
                    in_hand.value += 1
                    worker.started = time.monotonic()
                    try:
                        worker.conn.send(worker.task)
                    except (BrokenPipeError, OSError):
                        pass  # the wait below finds the worker dead and reports the file
            busy = [w for w in pool.workers if w.task is not None]
            wait_for = _time_left(busy, timeout)
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            now = time.monotonic()
            for worker in list(busy):
                assert worker.task is not None
                index, target = worker.task
                result: FileResult | None = None
                dead = False
                if worker.conn in ready:
                    try:
                        got_index, result = worker.conn.recv()
                        assert got_index == index
                    except (EOFError, OSError):
                        dead = True  # the pipe closed: the worker is gone
                if result is None and (dead or worker.process.sentinel in ready):
                    worker.process.join(timeout=5)
                    reason = worker_death_reason(worker.process.exitcode, runtime.config.max_memory_mb)
                    result = _failed(runtime, target, "io/unreadable", reason)
                    pool.replace(worker)
                elif result is None and timeout and now - worker.started > timeout:
                    result = _failed(runtime, target, "io/timeout", None, limit=timeout)
                    pool.replace(worker)
                if result is None:
                    continue
                worker.task = None
                in_hand.value -= 1
                results[index] = result
                done += 1
                if on_result:
                    on_result(done, len(targets), target, result)
    finally:
        pool.close()
    return [r for r in results if r is not None]


def work_order(targets: Sequence[Target]) -> list[int]:
    """The order in which the workers take the targets: largest file first, ties in order.

    A run lasts at least as long as its biggest file; started last, it would leave the
    other workers idle at the end. Results keep the targets' order whatever this order.
    """
    return sorted(range(len(targets)), key=lambda index: (-_size(targets[index]), index))


def _size(target: Target) -> int:
    try:
        return target.path.stat().st_size
    except OSError:
        return 0  # the worker reports why it cannot be read


def _time_left(busy: list[_Worker], timeout: float | None) -> float | None:
    if not timeout or not busy:
        return None
    oldest = min(w.started for w in busy)
    return max(0.0, oldest + timeout - time.monotonic()) + 0.01


def _failed(runtime: Runtime, target: Target, rule_id: str, reason: str | None, limit: float = 0.0) -> FileResult:
    reason = reason or f"checking it took longer than the {limit:g} s limit"
    result = FileResult(target.display, target.format, stats={"unreadable": reason}, transient=True)
    finding = io_finding(runtime, target.display, rule_id, reason=reason, seconds=f"{limit:g}")
    if finding is not None:
        result.findings.append(finding)
    return result
