"""``check --diff REF --only-new``: leave out the findings a changed file already had at REF.

A pull request that edits one paragraph of a long legacy form should fail on the problems
it brings, not on the ones the form has had for years. For each changed file that existed
at REF (renamed ones under their old name), its version there is read from git into a
temporary folder (the working tree is never touched), checked with the same settings, and
its findings are matched to today's by fingerprint (formlint.fingerprints: rule, path and
subject, no line numbers) and count, as a baseline matches them: a third "utilize" in a
file that had two is new. New files have no old version, so all their findings are new.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from formlint.baseline import Baseline
from formlint.discovery import Target
from formlint.engine import Runtime
from formlint.gitdiff import Revision, changes


def findings_at(ref: str, targets: list[Target], runtime: Runtime, jobs: int) -> Baseline:
    """The findings ``targets`` had at ``ref``, as a baseline for today's (paths as today's)."""
    from formlint import pipeline

    revision = Revision.resolve(ref)
    wanted = {target.path.resolve(): target for target in targets}
    with tempfile.TemporaryDirectory(prefix="formlint-since-") as workdir:
        old: list[Target] = []
        for change in changes(revision):
            if change.before is None or change.after is None:
                continue  # new (nothing known) or deleted (nothing to check)
            target = wanted.get((revision.root / change.after).resolve())
            if target is None:
                continue
            copy = Path(workdir) / change.before
            revision.export(change.before, copy)
            old.append(Target(copy, target.display, target.format))  # named as today: fingerprints match
        # Not cached: the cache keeps one result per path, and these are yesterday's contents.
        results = pipeline.lint(old, runtime, jobs=jobs, use_cache=False, show_progress=False)
    return Baseline.from_results(Path.cwd() / ".formlint-since", results)
