"""A fully cached run that never loads the rules: the pre-commit case.

A cache lookup needs the *run key* (see :mod:`formlint.cache`), and computing it means
loading and validating the 94 rule files, importing every rule kind, hashing formlint's
code and asking the package metadata for library versions: about half of a cached
run's time. The *shortcut key* stands in for it, from what is cheap to read:

- the effective settings (the configuration file has already been read);
- the size and modification time of every file of formlint's code and of every rule
  folder (built-in and ``rule-paths``), instead of their contents;
- the names of the installed distributions (``*.dist-info``: a new version of a
  library, a plugin or the spaCy model renames it), and the interpreter.

A full run that uses the cache leaves ``<shortcut key>.shortcut`` in its run folder,
holding the run key it computed. The next run with the same shortcut key reads the
run key from there and, when every file is in the cache, renders the report straight
from the cached results. Anything else (a miss, a damaged file, a changed rule file,
a new library) falls through to the full run, which computes everything again.
The shortcut is taken only for reports that need no rule metadata (text, json,
github, gitlab) and only after a full run that printed no warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from formlint import __version__
from formlint.cache import ResultCache, atomic_write, cache_dir, disabled_by_env
from formlint.config import Config
from formlint.discovery import Target
from formlint.results import FileResult

SHORTCUT_FORMAT = 1
SUFFIX = ".shortcut"
FORMATS = frozenset({"text", "json", "github", "gitlab"})  # reporters that read findings only
_INSTALL_MARKS = (".dist-info", ".egg-info", ".egg-link", ".pth")


def shortcut_key(config: Config, settings: str) -> str:
    """A digest of what decides the run key, read from file names and stat() only.

    ``settings`` is the configuration as the run key records it (``cache.settings``).
    """
    digest = hashlib.sha256()
    digest.update(f"formlint {__version__}\x00shortcut {SHORTCUT_FORMAT}\x00".encode())
    digest.update(f"{sys.version}\x00{sys.prefix}\x00".encode())
    digest.update(settings.encode())
    package = Path(__file__).resolve().parent
    for folder in (package, _rules_dir(package), *config.rule_paths):
        digest.update(str(folder).encode() + b"\x00")
        _stat_tree(digest, folder)
    _installed(digest)
    return digest.hexdigest()[:32]


def _rules_dir(package: Path) -> Path:
    """Where the built-in rules are, as :func:`formlint.rulepacks.builtin_rules_dir` finds them."""
    installed = package / "_rules"
    return installed if installed.is_dir() else package.parent / "rules"


def _stat_tree(digest: "hashlib._Hash", root: Path) -> None:
    """Names, sizes and modification times of every file under ``root``."""
    try:
        if root.is_file():
            stat = root.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}\x00".encode())
            return
    except OSError:
        digest.update(b"?\x00")
        return
    rows = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in files:
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            rows.append(f"{os.path.relpath(path, root)}:{stat.st_size}:{stat.st_mtime_ns}")
    digest.update("\x00".join(sorted(rows)).encode())


def _installed(digest: "hashlib._Hash") -> None:
    """The distributions Python can import: their metadata folder names carry the versions.

    Only the names count, not the folders they are in: the first entry of ``sys.path`` is
    the script's folder or the current one, which differs between ``formlint``,
    ``python -m formlint`` and a pre-commit hook that all run the same installation.
    """
    names: set[str] = set()
    for entry in sys.path:
        try:
            names.update(n for n in os.listdir(entry or ".") if n.endswith(_INSTALL_MARKS))
        except OSError:
            continue
    digest.update("|".join(sorted(names)).encode() + b"\x00")


def run_key_for(cache_root: Path, key: str) -> str | None:
    """The run key a full run recorded for this shortcut key, if its folder is still there."""
    try:
        children = os.listdir(cache_root)
    except OSError:
        return None
    for name in children:
        marker = cache_root / name / f"{key}{SUFFIX}"
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("shortcut") == SHORTCUT_FORMAT and data.get("run") == name:
            return name
    return None


def remember(run_folder: Path, key: str) -> None:
    """Record, in the run folder, that this shortcut key leads to it."""
    marker = run_folder / f"{key}{SUFFIX}"
    text = json.dumps({"shortcut": SHORTCUT_FORMAT, "run": run_folder.name})
    try:
        if marker.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass  # missing or damaged: (re)write it
    if not run_folder.is_dir():
        return  # nothing was stored in this run, so there is nothing to find
    try:
        atomic_write(marker, text)
    except OSError:
        pass  # a read-only cache: the next run takes the long way, as before


def cache_enabled(config: Config, use_cache: bool = True) -> bool:
    return use_cache and config.cache and not disabled_by_env()


def cached_results(targets: list[Target], config: Config, key: str) -> list[FileResult] | None:
    """Every target's cached result, found through the shortcut key; None unless all are cached."""
    root = cache_dir(config)
    run = run_key_for(root, key)
    if run is None:
        return None
    cache = ResultCache(root, run)
    results = []
    for target in targets:
        result = cache.lookup(target, cache.digest(target))
        if result is None:
            return None
        results.append(result)
    cache.touch()
    return results
