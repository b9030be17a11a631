"""The two versions of each form that ``burden --compare`` and ``burden --diff`` set side by side.

``--compare OLD NEW``: two files, or two folders whose files are paired by their path
inside the folder. ``--diff REF [PATH...]``: every form changed since the git revision REF,
its old version read from git into a temporary folder (the working tree is never
touched); renamed forms are paired across the rename, new forms have no old version and
deleted ones no new version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from formlint.burden_change import Names
from formlint.discovery import Target, discover, display_path, walk_format
from formlint.errors import UsageError
from formlint.gitdiff import Revision, changes


@dataclass
class Sides:
    """Targets of both versions, each with the key that pairs it."""

    before: list[tuple[str, Target]] = field(default_factory=list)
    after: list[tuple[str, Target]] = field(default_factory=list)
    moved: set[str] = field(default_factory=set)  # git: keys renamed since the revision
    revisions: bool = False  # True: the same files at two revisions (--diff), not two files
    named: bool = False  # True: the two files the user named (--compare OLD NEW), each reported on its own

    @property
    def targets(self) -> list[Target]:
        return [t for _, t in self.before] + [t for _, t in self.after]

    def names(self) -> Names:
        """Each key's shown name before and after (None where that version is missing),
        and whether the two are one file at two revisions."""
        old = {key: target.display for key, target in self.before}
        new = {key: target.display for key, target in self.after}
        return {key: (old.get(key), new.get(key), self.revisions and key not in self.moved)
                for key in old.keys() | new.keys()}


def from_paths(old: Path, new: Path, exclude: Iterable[str] = ()) -> Sides:
    """``--compare OLD NEW``: two files, or two folders paired by relative path."""
    for path in (old, new):
        if not path.exists():
            raise UsageError(f"--compare: {path}: no such file or directory")
    if old.is_file() and new.is_file():
        (before,), (after,) = discover([old]), discover([new])
        return Sides([("form", before)], [("form", after)], named=True)
    if old.is_dir() and new.is_dir():
        return Sides(_keyed(old, exclude), _keyed(new, exclude))
    raise UsageError(f"--compare takes two files or two folders, not {_kind(old)} and {_kind(new)}")


def _kind(path: Path) -> str:
    return "a folder" if path.is_dir() else "a file" if path.is_file() else "a special file"


def _keyed(folder: Path, exclude: Iterable[str]) -> list[tuple[str, Target]]:
    root = folder.resolve()
    return [(t.path.resolve().relative_to(root).as_posix(), t) for t in discover([folder], exclude)]


def from_git(ref: str, paths: Sequence[Path], workdir: Path, exclude: Iterable[str] = ()) -> Sides:
    """``--diff REF``: the forms under ``paths`` changed since ``ref``; old versions are
    written under ``workdir`` (a temporary folder the caller removes)."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
    revision = Revision.resolve(ref)
    exclude = tuple(exclude)
    sides = Sides(revisions=True)
    for change in changes(revision, paths):
        key = change.after or change.before or ""
        shown = display_path(revision.root / key)  # where the form is (or was), from here
        if change.before is not None and change.after is not None and change.before != change.after:
            sides.moved.add(key)
        if change.before is not None:
            old = workdir / change.before
            fmt = walk_format(old, shown, exclude)  # the name decides, before anything is read
            if fmt is not None:
                revision.export(change.before, old)
                # formlint's own report, kept in the repository, is no form: walk_format reads it
                if walk_format(old, shown, exclude) is not None:
                    sides.before.append((key, Target(old, f"{ref}:{change.before}", fmt)))
        if change.after is not None:
            new = revision.root / change.after
            fmt = walk_format(new, shown, exclude)
            if fmt is not None:
                sides.after.append((key, Target(new, shown, fmt)))
    return sides
