"""Worker processes: same order as one job, a time limit per file, crash isolation."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from formlint.checks.base import Check
from formlint.config import Config
from formlint.context import CheckContext
from formlint.engine import Runtime, discover
from formlint.model import Document, Finding
from formlint.runner import run_targets, work_order
from tests.conftest import FIXTURES
from tests.helpers import runtime_with_check


class SlowOrCrashingCheck(Check):
    """Sleeps on files named *slow*, kills its process on files named *crash*."""

    kind = "test-misbehave"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        name = Path(doc.path).name
        if "slow" in name:
            time.sleep(30)
        if "crash" in name:
            os._exit(9)
        return iter(())


def misbehaving_runtime() -> Runtime:
    return runtime_with_check(SlowOrCrashingCheck)


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    names = ["a-ok.md", "b-slow.md", "c-ok.md", "d-crash.md", "e-ok.md"]
    for name in names:
        (tmp_path / name).write_text("Apply online.\n")
    return [tmp_path / n for n in names]


def test_a_slow_file_times_out_and_a_crash_is_reported_while_the_rest_go_on(files: list[Path]) -> None:
    runtime = misbehaving_runtime()
    targets = discover(files)
    started = time.monotonic()
    results = run_targets(targets, runtime, jobs=2, timeout=2.0)
    assert time.monotonic() - started < 20
    assert [Path(r.path).name for r in results] == [f.name for f in files]
    by_name = {Path(r.path).name: [f.rule for f in r.findings] for r in results}
    assert by_name["b-slow.md"] == ["io/timeout"]
    assert by_name["d-crash.md"] == ["io/unreadable"]
    assert by_name["a-ok.md"] == by_name["c-ok.md"] == by_name["e-ok.md"] == []
    crash = next(r for r in results if r.path.endswith("d-crash.md"))
    assert "worker stopped" in crash.findings[0].message
    slow = next(r for r in results if r.path.endswith("b-slow.md"))
    assert "2 s limit" in slow.findings[0].message


def test_parallel_output_is_identical_to_one_job() -> None:
    runtime = Runtime.create(Config(nlp=False))
    targets = discover([FIXTURES])
    one = run_targets(targets, runtime, jobs=1)
    two = run_targets(targets, runtime, jobs=2, timeout=60)
    assert [r.path for r in one] == [r.path for r in two]
    assert [[(f.rule, f.location, f.message) for f in r.findings] for r in one] == \
        [[(f.rule, f.location, f.message) for f in r.findings] for r in two]
    assert sum(len(r.findings) for r in one) > 20


def test_progress_callback_sees_every_file(files: list[Path]) -> None:
    seen: list[tuple[int, int]] = []
    runtime = Runtime.create(Config(nlp=False))
    targets = discover([files[0], files[2], files[4]])
    run_targets(targets, runtime, jobs=2, timeout=30, on_result=lambda d, t, target, r: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_workers_take_the_largest_file_first_and_results_keep_the_targets_order(tmp_path: Path) -> None:
    sizes = {"a.txt": 10, "b.txt": 5000, "c.txt": 10, "d.txt": 300}
    for name, size in sizes.items():
        (tmp_path / name).write_text(("Word. " * size)[:size])
    targets = discover([tmp_path])
    assert [targets[i].path.name for i in work_order(targets)] == ["b.txt", "d.txt", "a.txt", "c.txt"]
    (tmp_path / "d.txt").unlink()  # gone since discovery: sized 0, reported by its worker
    assert [targets[i].path.name for i in work_order(targets)] == ["b.txt", "a.txt", "c.txt", "d.txt"]
    runtime = Runtime.create(Config(nlp=False))
    results = run_targets(targets, runtime, jobs=2, timeout=60)
    assert [r.path for r in results] == [t.display for t in targets]
    assert [f.rule for f in results[3].findings] == ["io/unreadable"]
