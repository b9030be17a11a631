"""A results cache, so that an unchanged file costs a hash and a small JSON read.

Layout, under ``.formlint_cache/`` (next to the configuration file, else in the current
folder; ``cache-dir`` in the configuration or ``FORMLINT_CACHE_DIR`` moves it)::

    .formlint_cache/
      .gitignore            "*": git never sees the cache
      CACHEDIR.TAG          backup tools skip it
      <run key>/            one folder per formlint version + settings + rules
        <path key>.entry    JSON: {"digest": <sha256 of the file>, "result": <FileResult>}
        parses/             the sentence parses of each file's last check: formlint.parse_store
        <shortcut>.shortcut  JSON: {"run": <run key>}; see formlint.shortcut

The *run key* covers everything besides the file that decides its findings: formlint's
version and source, the effective configuration, the content of every rule file and
data file, the versions of the libraries that read files or parse sentences, and the
spaCy model in use. The *path key* is the file's display path (findings carry it, and
``per-file-ignores`` match it); the entry holds the file's content digest, so an edited
file overwrites its own entry and the cache stays as large as the repository. Only the
few most recently used run folders are kept.

The lookup runs in the parent process before any worker starts and needs nothing but
the standard library and formlint's model: a fully cached run never imports spaCy or
the PDF stack. Results that depend on the machine (time limits, crashed workers) or
say a file could not be read are never stored. Entries are JSON, never pickle: a cache
folder is not trusted to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint import __version__, dates
from formlint.atomic import replace_file
from formlint.config import Config
from formlint.discovery import Target
from formlint.results import FileResult
from formlint.model import Finding, Fix, Format, Location, Severity
from formlint.parse_store import FOLDER_NAME as PARSES_FOLDER
from formlint.parse_store import ParseStore

if TYPE_CHECKING:
    from formlint.engine import Runtime

CACHE_DIR_NAME = ".formlint_cache"
ENV_DIR = "FORMLINT_CACHE_DIR"
ENV_OFF = "FORMLINT_NO_CACHE"
ENTRY_FORMAT = 1
KEEP_RUNS = 5  # run folders kept: switching between a few settings stays cached
GITIGNORE = "# Created by formlint: the cache is never committed.\n*\n"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by formlint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")
# Settings that never change a file's findings (they act before or after linting).
_NOT_IN_KEY = frozenset({"jobs", "cache", "cache_dir", "baseline", "fail_on", "source", "root", "timeout", "serve"})
# Libraries whose version can change what a reader or a check produces.
_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "markdown-it-py", "textstat", "pyphen", "defusedxml", "pyyaml")


def cache_dir(config: Config) -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env).expanduser().resolve()
    if config.cache_dir is not None:
        return config.cache_dir
    base = config.source.parent if config.source is not None else Path.cwd()
    return base / CACHE_DIR_NAME


def disabled_by_env() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")


# -- the run key --------------------------------------------------------------


def _digest_files(digest: Any, root: Path) -> None:
    if root.is_file():
        digest.update(root.read_bytes())
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\x00")
            digest.update(path.read_bytes())


def _version(distribution: str) -> str:
    from importlib import metadata  # 50 ms to import: only runs that compute the run key pay it

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def settings(config: Config) -> str:
    """The configuration as the run key records it: every setting that can change a finding."""
    values = {f.name: getattr(config, f.name) for f in fields(Config) if f.name not in _NOT_IN_KEY}
    return json.dumps(values, sort_keys=True, default=str)


def run_key(runtime: Runtime) -> str:
    """A digest of everything, besides the file itself, that decides a file's findings."""
    from formlint.rulepacks import builtin_rules_dir

    digest = hashlib.sha256()
    config = runtime.config
    digest.update(f"formlint {__version__}\x00entry {ENTRY_FORMAT}\x00".encode())
    _digest_files(digest, Path(__file__).resolve().parent)  # formlint's own code: a dev checkout changes
    digest.update(settings(config).encode())
    for rule in runtime.rules:  # ids, configured severities and parameters of the rules that run
        digest.update(f"{rule.id}|{rule.severity.label}|{sorted(rule.raw_params)}\x00".encode())
    for folder in (builtin_rules_dir(), *config.rule_paths):
        digest.update(str(folder).encode() + b"\x00")
        if folder.exists():
            _digest_files(digest, folder)
    digest.update(" ".join(f"{name}={_version(name)}" for name in _LIBRARIES).encode())
    digest.update(_nlp_identity(runtime).encode())
    from importlib import metadata

    for entry in metadata.entry_points(group="formlint.kinds"):
        dist = entry.dist.version if entry.dist is not None else "-"
        digest.update(f"{entry.name}={entry.value}@{dist}\x00".encode())
    return digest.hexdigest()[:24]


def _nlp_identity(runtime: Runtime) -> str:
    """The spaCy model and versions, found without importing spaCy."""
    from formlint.checks.base import NlpNeed
    from formlint.nlp import NlpUnavailable, resolve_model

    if not runtime.config.nlp or all(kind.nlp is NlpNeed.NONE for kind in runtime.kinds):
        return "nlp=off"
    try:
        model = resolve_model(runtime.config.nlp_model)
    except NlpUnavailable:
        return "nlp=unavailable"
    model_version = _version(model.replace("_", "-")) if not Path(model).is_dir() else model
    return f"nlp={model}@{model_version} spacy={_version('spacy')} components={runtime.nlp.components}"


# -- entries ----------------------------------------------------------------------


def result_to_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format.value if result.format else None,
        "stats": result.stats,
        "skipped": result.skipped,
        "findings": [_finding_to_dict(f) for f in result.findings],
        "valid_until": result.valid_until,
    }


def _finding_to_dict(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["severity"] = finding.severity.label
    del data["block_span"]  # a place in this process's memory: meaningless in the cache
    return data


def result_from_dict(data: dict[str, Any]) -> FileResult:
    return FileResult(
        path=data["path"],
        format=Format(data["format"]) if data["format"] else None,
        stats=data["stats"],
        findings=[_finding_from_dict(f) for f in data["findings"]],
        skipped=data["skipped"],
        valid_until=data.get("valid_until"),
    )


def _location(data: dict[str, Any]) -> Location:
    bbox = data.get("bbox")
    return Location(**{**data, "bbox": tuple(bbox) if bbox is not None else None})


def _finding_from_dict(data: dict[str, Any]) -> Finding:
    fix = data.get("fix")
    return Finding(
        rule=data["rule"],
        category=data["category"],
        severity=Severity.parse(data["severity"]),
        message=data["message"],
        location=_location(data["location"]),
        text=data["text"],
        suggestions=list(data["suggestions"]),
        fix=Fix(_location(fix["location"]), fix["original"], fix["replacement"]) if fix else None,
        context=data["context"],
        context_span=tuple(data["context_span"]) if data.get("context_span") else None,  # type: ignore[arg-type]
        fingerprint_text=data["fingerprint_text"],
    )


def cacheable(result: FileResult) -> bool:
    """Only results that depend on nothing but the file and the settings: a file that
    timed out or killed its worker may do better next time (a quieter machine, a fixed
    library), while "password-protected" or "truncated" stays true until the file changes."""
    return not result.transient


class ResultCache:
    """Lookups and stores for one run (one run key)."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self.key = key
        self.folder = root / key
        self.hits = 0
        self.writable = True

    @classmethod
    def open(cls, runtime: Runtime) -> ResultCache:
        return cls(cache_dir(runtime.config), run_key(runtime))

    def _entry_path(self, target: Target) -> Path:
        name = hashlib.sha256(f"{target.display}\x00{target.format.value}".encode()).hexdigest()[:32]
        # not ".json": a cache-dir inside a checked folder must never look like a form
        return self.folder / name[:2] / f"{name}.entry"

    @staticmethod
    def digest(target: Target) -> str | None:
        try:
            return hashlib.sha256(target.path.read_bytes()).hexdigest()
        except OSError:
            return None  # the worker reports why it cannot be read

    def lookup(self, target: Target, digest: str | None) -> FileResult | None:
        if digest is None:
            return None
        path = self._entry_path(target)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("digest") != digest or data.get("entry") != ENTRY_FORMAT:
                return None
            result = result_from_dict(data["result"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss; the store below replaces it
        if result.path != target.display:
            return None
        if result.valid_until is not None and dates.today().isoformat() >= result.valid_until:
            return None  # a date the file prints has passed since it was checked
        self.hits += 1
        return result

    def store(self, target: Target, digest: str | None, result: FileResult) -> None:
        if digest is None or not self.writable or not cacheable(result):
            return
        path = self._entry_path(target)
        data = {"entry": ENTRY_FORMAT, "digest": digest, "result": result_to_dict(result)}
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # stats a plugin filled with something JSON cannot hold: not cached
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text)
        except OSError:
            self.writable = False  # a read-only checkout: run on without the cache

    def parse_store(self) -> ParseStore | None:
        """Where workers keep the sentence parses of the files they check (see
        :mod:`formlint.parse_store`); None when the cache cannot be written."""
        if not self.writable:
            return None
        try:
            self._prepare()  # the folder, with its .gitignore, before any worker writes in it
        except OSError:
            self.writable = False
            return None
        return ParseStore(self.folder / PARSES_FOLDER)

    def _prepare(self) -> None:
        if self.folder.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        gitignore = self.root / ".gitignore"
        if not gitignore.exists():
            atomic_write(gitignore, GITIGNORE)
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            atomic_write(tag, CACHEDIR_TAG)
        self.folder.mkdir(exist_ok=True)
        _prune(self.root, keep=self.folder)

    def touch(self) -> None:
        """Mark this run folder as recently used (pruning keeps the newest)."""
        try:
            os.utime(self.folder)
        except OSError:
            pass


def atomic_write(path: Path, text: str) -> None:
    replace_file(path, text.encode("utf-8"), 0o644)  # the cache is as readable as the checkout


def _run_folders(root: Path) -> list[Path]:
    """Folders that formlint made: named by a run key (24 hex digits)."""
    try:
        children = list(root.iterdir())
    except OSError:
        return []
    return [p for p in children if p.is_dir() and len(p.name) == 24 and all(c in "0123456789abcdef" for c in p.name)]


def _prune(root: Path, keep: Path) -> None:
    runs = sorted((p for p in _run_folders(root) if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[KEEP_RUNS - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def clear(root: Path) -> int:
    """Remove what formlint put in ``root``; never anything else. Returns entries removed."""
    if not root.is_dir():
        return 0
    removed = 0
    for run in _run_folders(root):
        removed += sum(1 for p in run.rglob("*.entry"))
        shutil.rmtree(run, ignore_errors=True)
    for name, ours in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        try:
            if (root / name).read_text(encoding="utf-8") == ours:  # never a file of the user's
                (root / name).unlink()
        except (OSError, UnicodeDecodeError):
            pass
    try:
        root.rmdir()  # only if nothing else is left in it
    except OSError:
        pass
    return removed
