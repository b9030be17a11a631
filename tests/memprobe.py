"""Measure what checking one file costs in memory, in a fresh Python process.

Run as ``python -m tests.memprobe FILE CONFIG_JSON`` from the project root: it builds
the runtime, checks a small file of the same format first (so that the readers and
the spaCy model are loaded), then records the resident memory, checks FILE through
the engine's lint path and prints JSON with the growth of the peak resident memory
(VmHWM, reset after the warm-up; ``ru_maxrss`` where it cannot be reset) over that
baseline, the time taken and the findings. The network is
blocked in the probe as in the test suite.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def peak_mb() -> float:
    """The peak resident memory since the last :func:`reset_peak` (VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def reset_peak() -> bool:
    """Start the peak over from the current resident memory (Linux 4.0+), so that what
    the warm-up needed for a moment does not count as the file's cost."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
        return True
    except OSError:
        return False  # then the peak includes the warm-up's: an overestimate, never less


def main() -> None:
    from tests import netguard

    netguard.install()
    from formlint.config import Config
    from formlint.engine import Runtime, Target, lint_file, lint_text
    from formlint.readers import format_for

    path = Path(sys.argv[1])
    settings = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    runtime = Runtime.create(Config(**settings))
    fmt = format_for(path)
    assert fmt is not None
    # Warm up on a fixture of the same format: its reader's modules are then loaded.
    fixture = next((Path(__file__).resolve().parent.parent / "fixtures" / "forms").rglob(f"*{path.suffix}"), None)
    if fixture is not None:
        lint_file(Target(fixture, fixture.name, fmt), runtime)
    else:
        lint_text("Please utilize the form. It must be signed.", fmt, runtime)
    if runtime.nlp.available:
        runtime.nlp.parse("Please utilize the enclosed form.")  # the model is part of the baseline
    reset_peak()
    base = resident_mb()
    started = time.monotonic()
    result = lint_file(Target(path, path.name, fmt), runtime)
    seconds = time.monotonic() - started
    rules: dict[str, int] = {}
    for finding in result.findings:
        rules[finding.rule] = rules.get(finding.rule, 0) + 1
    print(json.dumps({
        "baseline_mb": round(base, 1),
        "peak_mb": round(peak_mb(), 1),
        "growth_mb": round(peak_mb() - base, 1),
        "seconds": round(seconds, 2),
        "rules": rules,
        "stats": result.stats,
        "messages": [f.message for f in result.findings if f.rule.startswith("io/")],
    }))


if __name__ == "__main__":
    main()
