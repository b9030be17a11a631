"""What ``check`` and ``baseline`` run around the engine.

    targets -> [--diff: keep changed files] -> cache lookups (in this process)
            -> lint the misses in worker processes (formlint.runner) -> cache stores
            -> [--baseline: hide known findings]

The cache lookup happens here, before any worker starts: a run where every file is
cached never starts a worker and never imports spaCy or the PDF stack. With a
shortcut key (:mod:`formlint.shortcut`) it can even happen before the rules are loaded:
:func:`formlint.shortcut.cached_results` answers a run whose files are all cached, or
says it cannot.
"""

from __future__ import annotations

from pathlib import Path

from formlint import shortcut
from formlint.cache import ResultCache
from formlint.engine import FileResult, Runtime, Target, lint_targets
from formlint.progress import Progress


def only_changed(targets: list[Target], ref: str, cwd: Path | None = None) -> list[Target]:
    """The targets that changed since the git revision ``ref``."""
    from formlint.gitdiff import changed_files

    changed = changed_files(ref, cwd)
    return [t for t in targets if t.path.resolve() in changed]


def lint(targets: list[Target], runtime: Runtime, *, jobs: int, use_cache: bool = True,
         show_progress: bool = True, shortcut_key: str | None = None) -> list[FileResult]:
    """Results for ``targets`` in their order, from the cache where it has them.

    With ``shortcut_key``, the run folder records it, so the next run with the same
    settings, code and rules can find its results without loading the rules.
    """
    config = runtime.config
    cache = ResultCache.open(runtime) if shortcut.cache_enabled(config, use_cache) else None
    results: list[FileResult | None] = [None] * len(targets)
    digests: list[str | None] = [None] * len(targets)
    with Progress(len(targets), enabled=show_progress) as progress:
        misses = []
        hits = 0
        for index, target in enumerate(targets):
            if cache is not None:
                digests[index] = cache.digest(target)
                results[index] = cache.lookup(target, digests[index])
            if results[index] is None:
                misses.append(index)
            else:
                hits += 1
                progress.update(hits, target.display)
        if misses:
            runtime.checks  # noqa: B018 (set the checks up here, once, before workers fork)
            runtime.nlp.store = cache.parse_store() if cache is not None else None

            def on_result(done: int, total: int, target: Target, result: FileResult) -> None:
                progress.update(hits + done, target.display)

            try:
                fresh = lint_targets([targets[i] for i in misses], runtime, jobs=jobs, timeout=config.timeout,
                                     on_result=on_result)
            finally:
                runtime.nlp.store = None  # a server's next run may have the cache off
            for index, result in zip(misses, fresh):
                results[index] = result
                if cache is not None:
                    cache.store(targets[index], digests[index], result)
        if cache is not None:
            cache.touch()
            if shortcut_key is not None and cache.writable:
                shortcut.remember(cache.folder, shortcut_key)
    return [r for r in results if r is not None]
