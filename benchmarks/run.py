"""Speed of formlint on this machine, side by side with proselint in the same run.

    python benchmarks/run.py [--corpus DIR] [--runs 3] [--json FILE] [--quick] [--no-peers]

Measures, with several runs and their medians (see the "Speed" section of
benchmarks/README.md):

(a) words per second linting the prose files of the corpus (Markdown, text, HTML, XML)
    with the default rule set, cold (``--no-cache``), through the real CLI in a
    subprocess with the default ``--jobs``;
(b) the same, warm (cache on, nothing changed);
(c) wall time for one small Markdown file, cold and cached (the pre-commit case), and
    whether the cached run imported spaCy;
(d) pages per second reading the corpus PDFs, fast tier and deep tier
    (``benchmarks/pdf_tiers.py``, CPU time in this process);
(e) the peak memory of the whole process tree of the cold run (the sum over formlint
    and its workers of the proportional set size, and of the resident set size);
(f) one sentence edited in a long prose file (the longest of at most ``EDIT_MAX_WORDS``
    words), checked with the cache on (its other sentences' parses kept from the run
    before) against the same file checked cold, and that both give the same output;
and, unless ``--quick``, the spaCy throughput with all components, without ``ner``, and
with only the components the default rules load (issue 3).

proselint (installed in benchmarks/.peers-venv) lints the same prose — the text
blocks formlint reads from each file, written to plain-text files — in the same run,
alternating with formlint, so formlint's figures are printed as ratios that hold on a
busy machine. The corpus is ../shared/corpus from the project root (``--corpus DIR`` or
FORMLINT_CORPUS elsewhere); the run is skipped cleanly when it is absent. Nothing here
is asserted in the test suite except the shape of the output (tests/test_benchmark_harness.py).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formlint.engine import discover  # noqa: E402
from formlint.model import Format, NotAFormError, UnreadableError  # noqa: E402
from formlint.readers import read_document  # noqa: E402
from formlint.readers.base import ReadOptions  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("FORMLINT_CORPUS") or ROOT.parent / "shared" / "corpus")
PROSELINT = ROOT / "benchmarks" / ".peers-venv" / "bin" / "proselint"
SMALL_FILE = ROOT / "fixtures" / "forms" / "markdown" / "apply-for-benefits-bad.md"
PROSE_FORMATS = frozenset({Format.MARKDOWN, Format.TEXT, Format.HTML, Format.XML})
# The per-file time limit of the measured runs: generous, so that a busy machine measures
# a slow run instead of a timeout (a timeout would make the figures meaningless).
TIMEOUT_S = 600
# (f) edits a regulation-sized file: the Federal Register document (230,000 words) would
# take minutes per run, and timing it by hand is recorded in benchmarks/README.md.
EDIT_MAX_WORDS = 50_000

TARGETS = {
    "cold_ratio_vs_proselint": (">=", 1.0),
    "warm_speedup_vs_cold": (">=", 20.0),
    "small_file_cold_s": ("<=", 1.0),
    "small_file_cached_s": ("<=", 0.3),
    "pdf_fast_pages_per_s": (">=", 50.0),
    "peak_memory_mb": ("<=", 600.0),
}


# -- running a command and watching its memory ----------------------------------------


@dataclass
class Run:
    wall: float
    returncode: int
    stdout: str
    stderr: str
    peak_pss_mb: float = 0.0
    peak_rss_mb: float = 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(Pss, Rss) of one process in kB; (0, 0) when it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def run_command(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None, watch: bool = False) -> Run:
    """Run ``argv``; with ``watch``, sample the memory of its process tree every 50 ms.

    Pss shares the pages that forked workers inherit among them, so its sum is the
    memory the tree really holds; the Rss sum counts shared pages once per process and
    is an upper bound.
    """
    started = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peaks = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            totals = [0, 0]
            for pid in _tree(process.pid):
                pss, rss = _memory_kb(pid)
                totals[0] += pss
                totals[1] += rss
            peaks[0], peaks[1] = max(peaks[0], totals[0]), max(peaks[1], totals[1])
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True) if watch else None
    if sampler:
        sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    if sampler:
        stop.set()
        sampler.join()
    return Run(wall, process.returncode, stdout, stderr, peaks[0] / 1024, peaks[1] / 1024)


def formlint_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "formlint", "check", *args]


def formlint_env(cache_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORMLINT_NO_CACHE", "FORMLINT_NO_SERVER", "FORMLINT_DEBUG", "PYTHONDONTWRITEBYTECODE")}
    env["FORMLINT_CACHE_DIR"] = str(cache_dir)
    # Byte-compiled modules, as an installed formlint has them (an environment that turns
    # them off would time the compilation of formlint's sources on every start).
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir.parent / "pycache")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra or {})
    return env


# -- the prose set ------------------------------------------------------------------------


@dataclass
class ProseSet:
    files: list[Path]
    words: int
    texts: dict[str, str] = field(default_factory=dict)  # file name for proselint -> the prose formlint reads
    word_counts: dict[Path, int] = field(default_factory=dict)


def prose_set(corpus: Path) -> ProseSet:
    files: list[Path] = []
    texts: dict[str, str] = {}
    word_counts: dict[Path, int] = {}
    words = 0
    for index, target in enumerate(discover([corpus])):
        if target.format not in PROSE_FORMATS:
            continue
        try:
            doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        except (NotAFormError, UnreadableError):
            continue
        files.append(target.path)
        words += doc.word_count()
        word_counts[target.path] = doc.word_count()
        texts[f"{index:04d}-{target.path.stem}.txt"] = "\n\n".join(block.text for block in doc.blocks) + "\n"
    return ProseSet(files, words, texts, word_counts)


# -- measurements -------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(values: Sequence[float]) -> dict[str, Any]:
    return {"runs": [round(v, 4) for v in values], "median": round(median(values), 4)}


def _findings(stdout: str) -> tuple[int, int]:
    """(findings, io/timeout findings) in formlint's JSON output."""
    data = json.loads(stdout)
    timeouts = sum(1 for f in data["files"] for item in f["findings"] if item["rule"] == "io/timeout")
    return data["summary"]["findings"], timeouts


def measure_prose(prose: ProseSet, work: Path, runs: int, peers: bool) -> dict[str, Any]:
    cache = work / "cache"
    paths = [str(p) for p in prose.files]
    cold_argv = formlint_argv("--no-cache", "--format", "json", *paths)
    warm_argv = formlint_argv("--format", "json", *paths)
    nonlp_argv = formlint_argv("--no-cache", "--no-nlp", "--format", "json", *paths)
    env = formlint_env(cache)
    peer_dir = work / "proselint"
    peer_dir.mkdir()
    for name, text in prose.texts.items():
        (peer_dir / name).write_text(text, encoding="utf-8")
    peer_argv = [str(PROSELINT), "check", "-o", "json", str(peer_dir)]
    have_peer = peers and PROSELINT.is_file()

    cold, warm, nonlp, peer, pss, rss = [], [], [], [], [], []
    findings = timeouts = 0
    for _ in range(runs):  # alternate, so that load on the machine hits both tools alike
        result = run_command(cold_argv, work, env, watch=True)
        _check(result, cold_argv)
        findings, timeouts = _findings(result.stdout)
        cold.append(result.wall)
        pss.append(result.peak_pss_mb)
        rss.append(result.peak_rss_mb)
        if have_peer:
            peer.append(run_command(peer_argv, work).wall)
    for _ in range(runs):
        result = run_command(nonlp_argv, work, env)
        _check(result, nonlp_argv)
        nonlp.append(result.wall)
    _check(run_command(warm_argv, work, env), warm_argv)  # fills the cache
    for _ in range(runs):
        result = run_command(warm_argv, work, env)
        _check(result, warm_argv)
        warm.append(result.wall)
    out: dict[str, Any] = {
        "files": len(prose.files),
        "words": prose.words,
        "findings": findings,
        "timeouts": timeouts,
        "cold_s": summary(cold),
        "warm_s": summary(warm),
        "cold_no_nlp_s": summary(nonlp),
        "cold_words_per_s": round(prose.words / median(cold)),
        "warm_words_per_s": round(prose.words / median(warm)),
        "cold_no_nlp_words_per_s": round(prose.words / median(nonlp)),
        "warm_speedup_vs_cold": round(median(cold) / median(warm), 1),
        "peak_pss_mb": summary(pss),
        "peak_rss_mb": summary(rss),
        "commands": {"cold": _shown(cold_argv, paths), "warm": _shown(warm_argv, paths),
                     "no_nlp": _shown(nonlp_argv, paths)},
    }
    if have_peer:
        out["proselint_s"] = summary(peer)
        out["proselint_words_per_s"] = round(prose.words / median(peer))
        out["cold_ratio_vs_proselint"] = round(median(peer) / median(cold), 3)
        out["warm_ratio_vs_proselint"] = round(median(peer) / median(warm), 2)
        out["commands"]["proselint"] = "proselint check -o json <the same prose as .txt files>"
    return out


def measure_small_file(path: Path, work: Path, runs: int, peers: bool) -> dict[str, Any]:
    cache = work / "small-cache"
    env = formlint_env(cache)
    cold_argv = formlint_argv("--no-cache", str(path))
    cached_argv = formlint_argv(str(path))
    cold, cached, peer = [], [], []
    run_command(cold_argv, work, env)  # warm the OS file cache, not formlint's
    for _ in range(runs):
        cold.append(run_command(cold_argv, work, env).wall)
    run_command(cached_argv, work, env)  # fills formlint's cache
    for _ in range(runs):
        cached.append(run_command(cached_argv, work, env).wall)
    # Which heavy modules a cached run imports (python -X importtime lists every import).
    probe = run_command([sys.executable, "-X", "importtime", *cached_argv[1:]], work, env)
    imported = {line.split("|")[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
    served = measure_served(cold_argv, work, env, runs)
    out: dict[str, Any] = {
        "file": _relative(path),
        "words": len(path.read_text(encoding="utf-8").split()),
        "cold_s": summary(cold),
        "cached_s": summary(cached),
        "cached_imports_spacy": "spacy" in imported,
        "cached_imports_pdf_stack": bool(imported & {"pdfplumber", "pdfminer", "pypdfium2"}),
    }
    if served:
        out["served_cold_s"] = summary(served)
    if peers and PROSELINT.is_file():
        for _ in range(runs):
            peer.append(run_command([str(PROSELINT), "check", str(path)], work).wall)
        out["proselint_s"] = summary(peer)
    return out


def measure_edit(prose: ProseSet, work: Path, runs: int) -> dict[str, Any] | None:
    """(f): a long file with one sentence changed, checked with its other sentences'
    parses kept in the cache, against the same file checked cold."""
    sizes = {path: words for path, words in prose.word_counts.items() if words <= EDIT_MAX_WORDS}
    if not sizes:
        return None
    source = max(sizes, key=lambda path: (sizes[path], path.name))
    folder = work / "edit"
    folder.mkdir()
    copy = folder / source.name
    text = source.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    env = formlint_env(work / "edit-cache")
    kept_argv = formlint_argv("--format", "json", str(copy))
    cold_argv = formlint_argv("--no-cache", "--format", "json", str(copy))
    _check(run_command(kept_argv, work, env), kept_argv)  # the first check stores the parses
    if " the " not in text:
        return None
    kept, cold = [], []
    for _ in range(runs):
        # The middle " the " of the text as it is now: each run edits another one.
        places = [m.start() for m in re.finditer(" the ", text)]
        where = places[len(places) // 2]
        text = text[:where] + " this " + text[where + len(" the "):]
        copy.write_text(text, encoding="utf-8")
        first = run_command(kept_argv, work, env)
        _check(first, kept_argv)
        again = run_command(cold_argv, work, env)
        _check(again, cold_argv)
        if first.stdout != again.stdout:
            raise SystemExit(f"{copy.name}: the check with kept parses and the cold check disagree")
        kept.append(first.wall)
        cold.append(again.wall)
    return {
        "file": source.name,
        "words": sizes[source],
        "edited_with_cache_s": summary(kept),
        "edited_cold_s": summary(cold),
        "speedup": round(median(cold) / median(kept), 2),
    }


def measure_served(cold_argv: Sequence[str], work: Path, env: dict[str, str], runs: int) -> list[float]:
    """The cold small-file run again, with `formlint serve` holding the rules and spaCy."""
    serve = [sys.executable, "-m", "formlint", "serve"]
    started = run_command([*serve, "--background", "--idle", "10"], work, env)
    if started.returncode != 0:
        return []  # no Unix sockets here: the figure is left out
    try:
        run_command(cold_argv, work, env)  # the server's first request forks its first workers
        return [run_command(cold_argv, work, env).wall for _ in range(runs)]
    finally:
        run_command([*serve, "--stop"], work, env)


def measure_pdf(corpus: Path, runs: int) -> dict[str, Any] | None:
    from benchmarks.pdf_tiers import measure

    paths = sorted(corpus.rglob("*.pdf"))
    if not paths:
        return None
    files = [(p.name, p.read_bytes()) for p in paths]
    measure(files, deep=False, runs=1)  # imports and pdfium, once
    out: dict[str, Any] = {"files": len(files)}
    for tier, deep in (("fast", False), ("deep", True)):
        pages, cpu, wall = measure(files, deep, runs)
        out[tier] = {"pages": pages, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
                     "pages_per_cpu_s": round(pages / cpu, 1) if cpu else None,
                     "pages_per_wall_s": round(pages / wall, 1) if wall else None}
    return out


def measure_nlp_components(prose: ProseSet, runs: int, max_words: int = 30_000) -> dict[str, Any] | None:
    """spaCy throughput (words per CPU second) on corpus sentences with different
    component sets: the whole model, without ``ner``, and what formlint loads."""
    from formlint.engine import Runtime
    from formlint.config import Config
    from formlint.nlp import ALL_COMPONENTS, NlpUnavailable, resolve_model
    from formlint.text import sentence_spans

    try:
        model = resolve_model()
    except NlpUnavailable:
        return None
    import spacy

    sentences: list[str] = []
    words = 0
    for text in prose.texts.values():
        for block in text.split("\n\n"):
            for span in sentence_spans(block):
                sentence = span.of(block)
                sentences.append(sentence)
                words += len(sentence.split())
                if words >= max_words:
                    break
            if words >= max_words:
                break
        if words >= max_words:
            break
    loaded = Runtime.create(Config()).nlp.components
    configurations = {
        "all components": (),
        "without ner": ("ner",),
        "formlint's (" + ", ".join(loaded) + ")": tuple(c for c in ALL_COMPONENTS if c not in loaded),
        "tok2vec + tagger + parser only": ("ner", "attribute_ruler", "lemmatizer", "senter"),
    }
    out: dict[str, Any] = {"model": model, "sentences": len(sentences), "words": words}
    for name, exclude in configurations.items():
        nlp = spacy.load(model, exclude=list(exclude))
        list(nlp.pipe(sentences[:50]))  # warm up
        times = []
        for _ in range(runs):
            started = time.process_time()
            for _doc in nlp.pipe(sentences, batch_size=128):
                pass
            times.append(time.process_time() - started)
        out[name] = {"pipeline": nlp.pipe_names, "cpu_s": round(median(times), 3),
                     "words_per_cpu_s": round(words / median(times))}
    # formlint's own path: the same components, with the attribute ruler and lemmatizer
    # replayed per word (formlint.nlp_fast), starting each run with an empty table.
    from formlint.nlp import Nlp

    times = []
    for _ in range(runs):
        parser = Nlp(components=loaded)
        parser.pipeline()
        parser._cache_limit = len(sentences) + 1
        started = time.process_time()
        parser.parse_many(sentences)
        times.append(time.process_time() - started)
    out["formlint's Nlp.parse_many (attributes replayed per word)"] = {
        "pipeline": list(loaded), "cpu_s": round(median(times), 3), "words_per_cpu_s": round(words / median(times))}
    return out


# -- output -------------------------------------------------------------------------------


def _check(result: Run, argv: Sequence[str]) -> None:
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:6])} ... failed ({result.returncode}): {result.stderr.strip()[-400:]}")


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _shown(argv: Sequence[str], paths: Sequence[str]) -> str:
    head = [a for a in argv if a not in paths]
    return " ".join(shlex.quote(a) for a in ["formlint", *head[3:]]) + f" <{len(paths)} prose files>"


def targets(results: dict[str, Any]) -> dict[str, Any]:
    prose = results.get("prose") or {}
    small = results.get("small_file") or {}
    pdf = results.get("pdf") or {}
    measured = {
        "cold_ratio_vs_proselint": prose.get("cold_ratio_vs_proselint"),
        "warm_speedup_vs_cold": prose.get("warm_speedup_vs_cold"),
        "small_file_cold_s": (small.get("cold_s") or {}).get("median"),
        "small_file_cached_s": (small.get("cached_s") or {}).get("median"),
        "pdf_fast_pages_per_s": (pdf.get("fast") or {}).get("pages_per_cpu_s"),
        "peak_memory_mb": (prose.get("peak_pss_mb") or {}).get("median"),
    }
    out = {}
    for name, (op, goal) in TARGETS.items():
        value = measured[name]
        met = None if value is None else (value >= goal if op == ">=" else value <= goal)
        out[name] = {"target": f"{op} {goal:g}", "measured": value, "met": met}
    return out


def print_report(results: dict[str, Any], say: Callable[[str], None] = print) -> None:
    prose = results.get("prose")
    if prose:
        say(f"prose: {prose['files']} files, {prose['words']:,} words, {prose['findings']:,} findings"
            + (f", {prose['timeouts']} TIMEOUTS" if prose["timeouts"] else ""))
        say(f"  formlint cold   {prose['cold_s']['median']:8.2f} s  {prose['cold_words_per_s']:>9,} words/s")
        say(f"  formlint --no-nlp {prose['cold_no_nlp_s']['median']:6.2f} s  "
            f"{prose['cold_no_nlp_words_per_s']:>9,} words/s")
        say(f"  formlint warm   {prose['warm_s']['median']:8.2f} s  {prose['warm_words_per_s']:>9,} words/s "
            f"({prose['warm_speedup_vs_cold']}x cold)")
        if "proselint_s" in prose:
            say(f"  proselint       {prose['proselint_s']['median']:8.2f} s  {prose['proselint_words_per_s']:>9,} "
                f"words/s  -> cold ratio {prose['cold_ratio_vs_proselint']}, warm ratio "
                f"{prose['warm_ratio_vs_proselint']}")
        say(f"  peak memory of the cold run (process tree): {prose['peak_pss_mb']['median']:.0f} MB Pss, "
            f"{prose['peak_rss_mb']['median']:.0f} MB Rss")
    small = results.get("small_file")
    if small:
        peer = f", proselint {small['proselint_s']['median']:.3f} s" if "proselint_s" in small else ""
        served = f", cold with `formlint serve` {small['served_cold_s']['median']:.3f} s" \
            if "served_cold_s" in small else ""
        say(f"small file {small['file']} ({small['words']} words): cold {small['cold_s']['median']:.3f} s, "
            f"cached {small['cached_s']['median']:.3f} s{peer}{served}; cached run imports spaCy: "
            f"{small['cached_imports_spacy']}")
    edit = results.get("edit")
    if edit:
        say(f"one sentence edited in {edit['file']} ({edit['words']:,} words): "
            f"{edit['edited_with_cache_s']['median']:.2f} s with the cache (parses kept), "
            f"{edit['edited_cold_s']['median']:.2f} s cold ({edit['speedup']}x); same output")
    pdf = results.get("pdf")
    if pdf:
        for tier in ("fast", "deep"):
            t = pdf[tier]
            say(f"pdf {tier}: {pdf['files']} files, {t['pages']} pages, {t['pages_per_cpu_s']} pages/CPU-s "
                f"({t['pages_per_wall_s']} pages/wall-s)")
    nlp = results.get("nlp_components")
    if nlp:
        say(f"spaCy {nlp['model']} on {nlp['sentences']} sentences, {nlp['words']:,} words:")
        for name, value in nlp.items():
            if isinstance(value, dict):
                say(f"  {name:58s} {value['words_per_cpu_s']:>7,} words/CPU-s")
    say("targets:")
    for name, t in results["targets"].items():
        state = "–" if t["met"] is None else ("met" if t["met"] else "NOT MET")
        say(f"  {name:26s} {t['target']:>8s}  measured {t['measured']}  {state}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of files to measure on")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the median is reported)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--quick", action="store_true",
                        help="one run of each, no spaCy component comparison (smoke test)")
    parser.add_argument("--no-peers", action="store_true", help="do not run proselint")
    parser.add_argument("--small-file", type=Path, default=SMALL_FILE, help="the one-file (pre-commit) case")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus}")
        return 0
    results: dict[str, Any] = {
        "date": _dt.date.today().isoformat(),
        "command": " ".join(["python", "benchmarks/run.py", *[shlex.quote(a) for a in (argv or sys.argv[1:])]]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "corpus": str(corpus),
        "runs": runs,
        "peers": {"proselint": PROSELINT.is_file() and not args.no_peers},
    }
    prose = prose_set(corpus)
    with tempfile.TemporaryDirectory(prefix="formlint-bench-") as tmp:
        work = Path(tmp)
        # The runs happen in an empty folder with this configuration and nothing else.
        (work / ".formlint.toml").write_text(f"timeout = {TIMEOUT_S}\n", encoding="utf-8")
        results["prose"] = measure_prose(prose, work, runs, not args.no_peers) if prose.files else None
        results["small_file"] = measure_small_file(args.small_file.resolve(), work, runs, not args.no_peers)
        results["edit"] = measure_edit(prose, work, runs)
    results["pdf"] = measure_pdf(corpus, runs)
    results["nlp_components"] = None if args.quick or not prose.files else measure_nlp_components(prose, runs)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = targets(results)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
