"""The memory limit of a worker process, and what to say when a file runs into it.

Every file is checked in a worker process (see :mod:`formlint.runner`). Before it
takes its first file, a worker caps its own memory with ``setrlimit``, so that a
pathological file makes an allocation fail inside that worker — Python raises
MemoryError, a C library such as pdfium aborts — instead of growing until the
operating system's OOM killer picks a process, perhaps not formlint's.

On Linux the cap is ``RLIMIT_DATA``: since Linux 4.7 it counts the private writable
memory of the process (heap and anonymous mappings), which is what a runaway parser
consumes, and not shared libraries or address space merely reserved, which
``RLIMIT_AS`` counts and which grows with the number of threads a library starts.
Elsewhere ``RLIMIT_AS`` is the best available; macOS enforces neither, so there
the limit is a no-op.

The limit is what a worker may allocate on top of what it starts with: a forked
worker inherits the main process's memory (shared, copy-on-write, but counted), and a
file must not get less room because the main process happens to be large.
"""

from __future__ import annotations

import signal
import sys
from typing import Any

from formlint.model import Finding

resource: Any
try:
    import resource
except ImportError:  # Windows: no rlimits; the time limit still applies
    resource = None

MB = 1_048_576
#: Exit signals of a worker that an allocation failure or the OOM killer produce.
MEMORY_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGABRT", "SIGSEGV", "SIGBUS", "SIGKILL") if hasattr(signal, name)
)


def _kind() -> int:
    return resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS  # type: ignore[no-any-return]


def data_size() -> int:
    """What ``RLIMIT_DATA`` counts for this process now (VmData), in bytes; 0 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def apply_memory_limit(megabytes: float | None) -> bool:
    """Let this process allocate at most ``megabytes`` more (None or 0: no limit).

    Returns whether a limit is now in force. A hard limit already lower than the
    request is kept as it is.
    """
    if not megabytes or resource is None:
        return False
    kind = _kind()
    base = data_size() if kind == getattr(resource, "RLIMIT_DATA", None) else 0
    wanted = base + int(megabytes * MB)
    try:
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY and hard < wanted:
            wanted = hard
        resource.setrlimit(kind, (wanted, hard))
    except (ValueError, OSError):
        return False
    return True


def memory_limit() -> int | None:
    """The memory limit of this process in bytes, or None when there is none."""
    if resource is None:
        return None
    try:
        soft, _hard = resource.getrlimit(_kind())
    except (ValueError, OSError):
        return None
    return None if soft == resource.RLIM_INFINITY else soft


def out_of_memory_reason(limit_mb: float | None) -> str:
    """The io/unreadable reason for a file that made this process run out of memory.

    ``limit_mb`` is the configured limit; it is named only when one is in force here.
    """
    if not limit_mb or memory_limit() is None:
        return "out of memory: reading it needs more memory than this machine has free"
    return (f"out of memory: reading it needs more than the {limit_mb:g} MB a worker may use "
            "(raise 'max-memory-mb' in the configuration if the file is genuine)")


def worker_death_reason(exit_code: int | None, limit_mb: float | None) -> str:
    """The io/unreadable reason for a file whose worker process died."""
    base = "formlint's worker stopped while reading this file"
    if exit_code is None or exit_code >= 0:
        return f"{base} (exit code {exit_code})"
    try:
        name = signal.Signals(-exit_code).name
    except ValueError:
        name = f"signal {-exit_code}"
    if limit_mb and -exit_code in MEMORY_SIGNALS:
        return (f"{base} ({name}), most likely out of memory: a worker may use {limit_mb:g} MB "
                "(raise 'max-memory-mb' in the configuration if the file is genuine)")
    return f"{base} ({name})"


#: The most characters of document text a finding carries in each of its fields
#: (message, matched text, context, suggestions, field name, JSON pointer). A hostile
#: file with a 100,000-character field name and thousands of findings in it would
#: otherwise make every report quadratic in size (gigabytes of JSON).
MAX_FINDING_TEXT = 1000


def clip(value: str | None, limit: int = MAX_FINDING_TEXT, keep: str | None = None) -> str | None:
    """``value`` cut to ``limit`` characters with an ellipsis; around ``keep`` if given."""
    if value is None or len(value) <= limit:
        return value
    start = 0
    if keep:
        found = value.find(keep)
        if found > 0:
            start = max(0, min(found - (limit - len(keep)) // 2, len(value) - limit))
    piece = value[start : start + limit - 2]
    return ("…" if start else "") + piece + "…"


def bounded(finding: Finding) -> Finding:
    """``finding`` with every text field within :data:`MAX_FINDING_TEXT` (changed in place)."""
    loc = finding.location
    if (loc.field is not None and len(loc.field) > MAX_FINDING_TEXT) or (
        loc.pointer is not None and len(loc.pointer) > MAX_FINDING_TEXT
    ):
        finding.location = loc.with_(field=clip(loc.field), pointer=clip(loc.pointer))
    finding.message = clip(finding.message) or ""
    finding.text = clip(finding.text)
    finding.context = clip(finding.context, keep=finding.text)
    finding.fingerprint_text = clip(finding.fingerprint_text)
    if any(len(s) > MAX_FINDING_TEXT for s in finding.suggestions):
        finding.suggestions = [clip(s) or "" for s in finding.suggestions]
    return finding
