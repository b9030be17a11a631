"""No hang, bounded memory: pathological files finish quickly or stop at the time limit,
and what a file costs in memory is measured (in a fresh process) against the bounds the
README documents. The worker's own memory limit turns a runaway file into io/unreadable.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from formlint.checks.base import Check
from formlint.config import Config, ConfigError, config_from_mapping
from formlint.context import CheckContext
from formlint.engine import FileResult, Runtime, Target, discover, lint_file
from formlint.limits import MAX_FINDING_TEXT, apply_memory_limit, worker_death_reason
from formlint.model import Document, Finding, Format
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from formlint.runner import run_targets
from tests import hostile
from tests.conftest import ROOT
from tests.helpers import run_cli, run_json, runtime_with_check

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is measured through /proc")


def io_rules(result: FileResult) -> list[str]:
    return [f.rule for f in result.findings if f.rule.startswith("io/")]


def reason(result: FileResult) -> str:
    return str(result.stats.get("unreadable", ""))


# --------------------------------------------------------------------------- no hang


@pytest.fixture(scope="module")
def pathological(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pathological")
    files = {
        "page-tree-loop.pdf": hostile.pdf_page_tree_loop(),
        "page-tree-5000-deep.pdf": hostile.pdf_deep_page_tree(5000),
        "arrays-100000-deep.pdf": hostile.pdf_nested_arrays(100_000),
        "nested-5000.schema.json": hostile.schema_deeply_nested(5000).encode(),
        "nested-200.schema.json": hostile.schema_deeply_nested(200).encode(),
        "ref-cycles.schema.json": json.dumps(hostile.schema_ref_cycles()).encode(),
        "ref-fan-out.schema.json": json.dumps(hostile.schema_ref_fan_out()).encode(),
        "zz-ordinary.md": b"# Apply\n\nYou can apply online.\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def test_pathological_inputs_are_read_quickly_and_the_run_goes_on(pathological: dict[str, Path]) -> None:
    names = [n for n in pathological if n != "ref-fan-out.schema.json"]
    targets = discover([pathological[n] for n in names])
    started = time.monotonic()
    results = {Path(r.path).name: r for r in run_targets(targets, Runtime.create(Config()), jobs=2, timeout=60)}
    assert time.monotonic() - started < 120  # far less in practice; no file came near its limit
    assert sorted(results) == sorted(names)
    for name in ("page-tree-loop.pdf", "page-tree-5000-deep.pdf", "arrays-100000-deep.pdf",
                 "nested-200.schema.json", "ref-cycles.schema.json", "zz-ordinary.md"):
        assert io_rules(results[name]) == [], (name, reason(results[name]))
    # The loop is cut: the one real page is read once, its text is there.
    assert results["page-tree-loop.pdf"].stats["words"] >= 4
    assert results["page-tree-5000-deep.pdf"].stats["pages"] == 1
    # Nesting past what any form needs is refused with the reason, not walked.
    assert io_rules(results["nested-5000.schema.json"]) == ["io/unreadable"]
    assert "nested too deeply" in reason(results["nested-5000.schema.json"])


@pytest.mark.parametrize(("unit", "repeats", "rule", "per_unit"), [
    ("The applicant signs his or her name, ", 16_000, "plain/address-the-reader", 1),
    ("the applicant shall sign and the agency shall review, ", 5_000, "plain/shall", 2),
    ("income and/or assets, ", 60_000, "plain/slash-and-or", 1),
    ("Send income and/or assets. ", 40_000, "plain/slash-and-or", 1),  # 40,000 sentences in one block
])
def test_a_file_that_is_one_long_paragraph_is_checked_within_the_time_limit(
        tmp_path: Path, unit: str, repeats: int, rule: str, per_unit: int) -> None:
    """The rules look a bounded distance around each match: each of these one-paragraph
    files (270 KB to 1.3 MB) ran out of the 60 s limit when every match searched the paragraph
    from its start."""
    path = tmp_path / "one-paragraph.txt"
    path.write_text(unit * repeats + "\n")
    (result,) = run_targets(discover([path]), Runtime.create(Config(nlp=False)), jobs=1, timeout=60)
    assert io_rules(result) == [], reason(result)
    assert sum(f.rule == rule for f in result.findings) == repeats * per_unit


def test_page_tree_loops_are_cut_in_the_reader() -> None:
    doc = read_pdf(hostile.pdf_page_tree_loop(), "loop.pdf", ReadOptions())
    assert doc.pdf is not None and any("loop" in w for w in doc.pdf.warnings)
    assert "You can apply online." in [b.text for b in doc.blocks]
    deep = read_pdf(hostile.pdf_deep_page_tree(5000), "deep.pdf", ReadOptions())
    assert deep.page_count == 1


def test_a_file_that_takes_too_long_is_stopped_and_the_run_goes_on(pathological: dict[str, Path]) -> None:
    targets = discover([pathological["ref-fan-out.schema.json"], pathological["zz-ordinary.md"]])
    started = time.monotonic()
    results = run_targets(targets, Runtime.create(Config()), jobs=1, timeout=1.0)
    assert time.monotonic() - started < 30
    slow, ordinary = results
    assert io_rules(slow) == ["io/timeout"] and "1 s limit" in slow.findings[0].message
    assert io_rules(ordinary) == [] and ordinary.stats["words"] == 5


def test_the_time_limit_is_a_configuration_key(pathological: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / ".formlint.toml").write_text("timeout = 0.5\n")
    result = run_cli("check", "--no-nlp", str(pathological["ref-fan-out.schema.json"]), cwd=tmp_path)
    assert result.exit_code == 1
    assert "error io/timeout Checking this file took longer than the 0.5 s limit" in result.stdout
    (tmp_path / ".formlint.toml").write_text("timeout = 0\n")
    assert run_cli("check", str(pathological["zz-ordinary.md"]), cwd=tmp_path).exit_code == 2


# --------------------------------------------------------------------------- memory, measured

# Case -> (how to build it, settings, the documented bound on the growth of the peak
# resident memory while checking it, in MB, and what must come of it). The README's
# "Security and limits" section quotes these bounds.
MEMORY_CASES: dict[str, tuple[Any, dict[str, Any], int, str]] = {
    "content-stream-bomb.pdf": (lambda: hostile.pdf_content_bomb(2048), {}, 64, "decompression bomb"),
    "double-flate-bomb.pdf": (lambda: hostile.pdf_content_bomb(4096, layers=2), {}, 64, "decompression bomb"),
    "xref-stream-bomb.pdf": (lambda: hostile.pdf_xref_stream_bomb(2048), {}, 64, "decompression bomb"),
    "1000-pages.pdf": (lambda: hostile.pdf_many_pages(1000), {"deep": True}, 256, "read"),
    "50-mb.html": (lambda: hostile.html_of_size(50).encode(), {}, 16, "over the 10 MB limit"),
    "100000-inputs.html": (lambda: hostile.html_many_inputs(100_000).encode(), {}, 768, "read"),
    "100000-fields.schema.json": (lambda: hostile.schema_many_fields(100_000).encode(), {}, 768, "read"),
}


def _probe(path: Path, settings: dict[str, Any]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.memprobe", str(path), json.dumps(settings)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every case checked in a fresh process, two at a time (this machine has two cores)."""
    folder = tmp_path_factory.mktemp("memory")
    jobs = {}
    for name, (build, settings, _bound, _outcome) in MEMORY_CASES.items():
        (folder / name).write_bytes(build())
        jobs[name] = (folder / name, settings)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_probe, path, settings) for name, (path, settings) in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


@linux_only
@pytest.mark.slow
@pytest.mark.parametrize("case", list(MEMORY_CASES))
def test_memory_stays_within_the_documented_bound(measured: dict[str, dict[str, Any]], case: str) -> None:
    _build, _settings, bound, outcome = MEMORY_CASES[case]
    probe = measured[case]
    assert probe["growth_mb"] < bound, probe
    assert probe["growth_mb"] < Config().max_memory_mb / 2
    if outcome == "read":
        assert not probe["messages"], probe["messages"]
        assert probe["stats"]["fields"] or probe["stats"]["pages"]
    else:
        assert len(probe["messages"]) == 1 and outcome in probe["messages"][0], probe["messages"]


@linux_only
def test_the_measured_forms_are_what_they_claim(measured: dict[str, dict[str, Any]]) -> None:
    assert measured["1000-pages.pdf"]["stats"]["pages"] == 1000
    assert measured["1000-pages.pdf"]["stats"]["fields"] == 1000
    assert measured["100000-inputs.html"]["stats"]["fields"] == 100_000
    # The JSON reader stops at its field limit and says so; the file still gets its findings.
    assert measured["100000-fields.schema.json"]["stats"]["fields"] == 50_000


@linux_only
def test_a_file_over_the_size_limit_is_never_read_into_memory(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # 8 GB, sparse: no disk, and no memory unless read
        handle.truncate(8 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = lint_file(Target(huge, "huge.html", Format.HTML), Runtime.create(Config(nlp=False)))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert io_rules(result) == ["io/unreadable"] and "8192.0 MB, over the 10 MB limit" in reason(result)
    assert (after - before) / 1024 < 64


# --------------------------------------------------------------------------- the worker's memory limit


class GreedyCheck(Check):
    """Allocates 1.5 GB on files named *greedy*."""

    kind = "test-greedy"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if "greedy" in Path(doc.path).name:
            hoard = bytearray(1536 * 1024 * 1024)
            hoard[-1] = 1
        return iter(())


def greedy_runtime(**settings: Any) -> Runtime:
    return runtime_with_check(GreedyCheck, nlp=False, **settings)


@linux_only
def test_a_runaway_allocation_becomes_io_unreadable_out_of_memory(tmp_path: Path) -> None:
    for name in ("a-greedy.md", "b-ok.md"):
        (tmp_path / name).write_text("Apply online.\n")
    results = run_targets(discover([tmp_path]), greedy_runtime(max_memory_mb=256), jobs=1, timeout=60)
    greedy, ok = results
    assert io_rules(greedy) == ["io/unreadable"]
    assert "out of memory: reading it needs more than the 256 MB a worker may use" in greedy.findings[0].message
    assert "max-memory-mb" in greedy.findings[0].message
    assert io_rules(ok) == []


@linux_only
def test_a_c_library_that_runs_out_of_memory_costs_only_its_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the bomb scan switched off, pdfium inflates the 1 GB content stream itself and
    # aborts when the worker's limit refuses the memory; the next file is still checked.
    monkeypatch.setattr("formlint.readers.pdf.check_decoded_size", lambda data, budget: 0)
    (tmp_path / "a-bomb.pdf").write_bytes(hostile.pdf_content_bomb(1024))
    (tmp_path / "b-ok.md").write_text("Apply online.\n")
    results = run_targets(discover([tmp_path]), Runtime.create(Config(nlp=False, max_memory_mb=200)),
                          jobs=1, timeout=120)
    bomb, ok = results
    assert io_rules(bomb) == ["io/unreadable"]
    assert "out of memory" in bomb.findings[0].message and "200 MB" in bomb.findings[0].message
    assert io_rules(ok) == []


def test_the_memory_limit_is_a_configuration_key() -> None:
    assert Config().max_memory_mb == 2048
    assert config_from_mapping({"max-memory-mb": 512}).max_memory_mb == 512
    assert config_from_mapping({"max-memory-mb": 0}).max_memory_mb == 0  # no limit
    with pytest.raises(ConfigError, match="max-memory-mb"):
        config_from_mapping({"max-memory-mb": -1})
    assert Runtime.create(Config(max_memory_mb=512)).read_options().max_pdf_decoded_bytes == 256 * 1024 * 1024


@linux_only
def test_the_limit_counts_from_what_the_worker_starts_with() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        applied = apply_memory_limit(100)
        soft, _hard = resource.getrlimit(resource.RLIMIT_DATA)
        try:
            bytearray(200 * 1024 * 1024)
            outcome = "allocated"
        except MemoryError:
            outcome = "refused"
        small = bytearray(50 * 1024 * 1024)
        os.write(write, json.dumps([applied, soft, outcome, len(small)]).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        applied, soft, outcome, small = json.loads(pipe.read())
    os.waitpid(pid, 0)
    assert applied and outcome == "refused" and small == 50 * 1024 * 1024
    assert soft > 100 * 1024 * 1024  # the inherited memory plus 100 MB, not 100 MB in all
    assert resource.getrlimit(resource.RLIMIT_DATA)[0] == resource.RLIM_INFINITY  # the parent is untouched


def test_worker_death_messages() -> None:
    assert worker_death_reason(9, 2048) == "formlint's worker stopped while reading this file (exit code 9)"
    assert "SIGABRT), most likely out of memory: a worker may use 2048 MB" in worker_death_reason(-6, 2048)
    assert worker_death_reason(-6, 0) == "formlint's worker stopped while reading this file (SIGABRT)"


# --------------------------------------------------------------------------- reports stay linear


def test_a_huge_field_name_does_not_make_the_report_quadratic(tmp_path: Path) -> None:
    key = "Please utilize this space. " * 4000  # 108,000 characters, 4,000 findings in it
    (tmp_path / "long.schema.json").write_text(json.dumps(
        {"type": "object", "properties": {key: {"type": "string", "title": key}}}))
    code, data = run_json("--no-nlp", "--select", "plain/simple-words", str(tmp_path / "long.schema.json"))
    findings = data["files"][0]["findings"]
    assert code == 0 and len(findings) >= 4000
    for finding in findings:
        assert all(len(str(finding[k] or "")) <= MAX_FINDING_TEXT for k in ("message", "field", "pointer", "text"))
    assert len(json.dumps(data)) < 4000 * 3 * MAX_FINDING_TEXT
