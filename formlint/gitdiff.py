"""``check --diff REF``: the files changed since a git revision.

Changed means: differs between REF and the working tree (committed, staged or not,
renamed or added), or new and not ignored by git. Deleted files are left out. Every
problem (git missing, not a repository, unknown revision) is a usage error with a
one-line message.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from formlint.errors import UsageError


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise UsageError("--diff needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"--diff: `git {' '.join(args)}` took longer than 120 s") from None


def _paths(output: bytes, top: Path) -> set[Path]:
    return {(top / name.decode("utf-8", "surrogateescape")).resolve() for name in output.split(b"\0") if name}


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute, resolved paths of the files changed since ``ref``."""
    cwd = cwd or Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise UsageError(f"--diff needs a git repository, and {cwd} is not inside one")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    if ref.startswith("-"):
        raise UsageError(f"--diff: {ref!r} is not a git revision")
    verify = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
    if verify.returncode != 0:
        raise UsageError(f"--diff: unknown git revision {ref!r} (a branch, tag or commit, e.g. origin/main or HEAD~1)")
    commit = verify.stdout.decode().strip()
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", commit, "--"], root)
    if diff.returncode != 0:
        raise UsageError(f"--diff: git diff failed: {diff.stderr.decode(errors='replace').strip()}")
    new = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    if new.returncode != 0:
        raise UsageError(f"--diff: git ls-files failed: {new.stderr.decode(errors='replace').strip()}")
    return _paths(diff.stdout, root) | _paths(new.stdout, root)
