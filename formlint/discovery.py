"""Which files a run checks: named files, and files of a known format under folders.

Kept apart from the engine (and light to import) because a fully cached run needs it
and nothing of the rules.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from formlint.errors import UsageError
from formlint.model import Format
from formlint.readers import EXTENSIONS, format_for

# Folders never worth descending into when a directory is given.
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", ".formlint_cache", "node_modules", "__pycache__", ".venv", "venv",
     ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}
)
# JSON files that are tool configuration, never form definitions: skipped in folder walks.
CONFIG_JSON = ("package.json", "package-lock.json", "tsconfig*.json", "jsconfig*.json", "composer.json",
               ".eslintrc*.json", "*.lock.json", "manifest.json", ".prettierrc.json", "renovate.json",
               "settings.json", "launch.json", "extensions.json")


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    display: str
    format: Format


def display_path(path: Path, cwd: Path | None = None) -> str:
    cwd = cwd or Path.cwd()
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(display: str, patterns: Iterable[str]) -> bool:
    posix = PurePosixPath(display)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(display, pattern) or posix.match(pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in posix.parts):
            return True
        if fnmatch.fnmatch(display, pattern + "/*"):
            return True
    return False


def discover(paths: Iterable[str | Path], exclude: Iterable[str] = ()) -> list[Target]:
    """Files to check: every named file, and files with a known extension under folders."""
    exclude = tuple(exclude)
    found: dict[str, Target] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if path.is_file():
            fmt = format_for(path)
            if fmt is None:
                known = ", ".join(sorted(EXTENSIONS))
                raise UsageError(f"{raw}: unsupported file type (formlint reads {known})")
            display = display_path(path)
            found.setdefault(display, Target(path, display, fmt))
            continue
        if not path.is_dir():
            raise UsageError(f"{raw}: not a file or folder (a pipe, socket or device); "
                             "to check standard input, pass '-' with --stdin-filename")
        for file in _walk(path):
            display = display_path(file)
            fmt = walk_format(file, display, exclude)
            if fmt is not None:
                found.setdefault(display, Target(file, display, fmt))
    return sorted(found.values(), key=lambda t: t.display)


def walk_format(file: Path, display: str, exclude: Iterable[str] = ()) -> Format | None:
    """The format of a file found in a folder (or in a git change), or None to leave it
    out: excluded, of no known format, tool configuration, formlint's own report, a pipe."""
    if is_excluded(display, exclude):
        return None
    fmt = format_for(file)
    if fmt is Format.JSONSCHEMA and any(fnmatch.fnmatch(file.name, p) for p in CONFIG_JSON):
        return None
    if fmt is Format.HTML and _is_formlint_report(file):
        return None
    if fmt is None or _is_special(file):
        return None
    return fmt


REPORT_MARK = b'<meta name="generator" content="formlint '


def _is_formlint_report(path: Path) -> bool:
    """formlint's own HTML report (``formlint report`` writes one into the current folder
    by default): checking it would report the findings it quotes as problems of its own."""
    try:
        with path.open("rb") as handle:
            return REPORT_MARK in handle.read(2048)
    except OSError:
        return False


def _is_special(path: Path) -> bool:
    """A pipe, socket or device under a folder: opening a pipe blocks until something
    writes to it, so a walk leaves these out. A broken link is not special: it stays in,
    and the reader reports it as unreadable, which tells the user it is broken."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _walk(root: Path) -> Iterator[Path]:
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            yield Path(directory) / name
