"""The files changed since a git revision, and their content at that revision.

``check --diff REF`` checks the files that differ between REF and the working tree
(committed, staged or not, renamed or added), or are new and not ignored by git; deleted
files are left out. ``burden --diff REF`` compares each changed form with its version at
REF, so it also needs renames (old name, new name), deletions, and the old content.
Every problem (git missing, not a repository, unknown revision) is a usage error with a
one-line message.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from formlint.errors import UsageError


def _git(args: list[str], cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=120,
                              check=False)
    except FileNotFoundError:
        raise UsageError("--diff needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"--diff: `git {' '.join(args)}` took longer than 120 s") from None


def _failed(what: str, result: subprocess.CompletedProcess[bytes]) -> UsageError:
    message = result.stderr.decode(errors="replace").strip().splitlines()
    return UsageError(f"--diff: {what} failed: {message[0] if message else f'exit code {result.returncode}'}")


@dataclass(frozen=True)
class Revision:
    """A revision of the repository the current folder is in."""

    ref: str  # as the user wrote it ("origin/main")
    commit: str  # the full commit id
    root: Path  # the repository's top folder

    @classmethod
    def resolve(cls, ref: str, cwd: Path | None = None) -> Revision:
        cwd = cwd or Path.cwd()
        top = _git(["rev-parse", "--show-toplevel"], cwd)
        if top.returncode != 0:
            raise UsageError(f"--diff needs a git repository, and {cwd} is not inside one")
        root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
        if ref.startswith("-"):
            raise UsageError(f"--diff: {ref!r} is not a git revision")
        verify = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
        if verify.returncode != 0:
            raise UsageError(f"--diff: unknown git revision {ref!r} "
                             "(a branch, tag or commit, e.g. origin/main or HEAD~1)")
        return cls(ref, verify.stdout.decode().strip(), root)

    def pathspecs(self, paths: Sequence[Path]) -> list[str]:
        """``paths`` as git pathspecs from the top folder; none means the whole repository."""
        specs = []
        for path in paths:
            try:
                relative = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                raise UsageError(f"--diff: {path} is outside the git repository at {self.root}") from None
            specs.append(f":(top,literal){relative}" if relative != "." else ":(top)")
        return specs

    def export(self, name: str, destination: Path) -> None:
        """Write the file ``name`` (from the top folder) as it was at this revision."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("wb") as handle:  # streamed: an old 100 MB PDF never sits in memory
            result = _git(["cat-file", "blob", f"{self.commit}:{name}"], self.root, stdout=handle)
        if result.returncode != 0:
            raise _failed(f"reading {name} at {self.ref}", result)


def _paths(output: bytes, top: Path) -> set[Path]:
    return {(top / name.decode("utf-8", "surrogateescape")).resolve() for name in output.split(b"\0") if name}


def _untracked(revision: Revision, specs: Iterable[str]) -> bytes:
    new = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", *specs], revision.root)
    if new.returncode != 0:
        raise _failed("git ls-files", new)
    return new.stdout


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute, resolved paths of the files changed since ``ref``."""
    revision = Revision.resolve(ref, cwd)
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", revision.commit, "--"], revision.root)
    if diff.returncode != 0:
        raise _failed("git diff", diff)
    return _paths(diff.stdout, revision.root) | _paths(_untracked(revision, []), revision.root)


@dataclass(frozen=True)
class Change:
    """One file's change since the revision; names are from the repository's top folder."""

    before: str | None  # None: the file is new
    after: str | None  # None: the file was deleted


def changes(revision: Revision, paths: Sequence[Path] = ()) -> list[Change]:
    """Files under ``paths`` added, deleted, modified or renamed since ``revision``, with
    the untracked files git does not ignore as added."""
    specs = revision.pathspecs(paths)
    diff = _git(["diff", "--name-status", "-z", "--find-renames", "--diff-filter=ADMRT", revision.commit, "--", *specs],
                revision.root)
    if diff.returncode != 0:
        raise _failed("git diff", diff)
    fields = [f.decode("utf-8", "surrogateescape") for f in diff.stdout.split(b"\0")]
    found: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith("R"):  # R<score> old new
            found.append(Change(fields[index + 1], fields[index + 2]))
            index += 3
            continue
        name = fields[index + 1]
        found.append(Change(None if status == "A" else name, None if status == "D" else name))
        index += 2
    for name in _untracked(revision, specs).split(b"\0"):
        if name:
            found.append(Change(None, name.decode("utf-8", "surrogateescape")))
    return found
