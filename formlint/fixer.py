"""``check --fix``: apply the findings' mechanical fixes to the files they point into.

Only what is certain is changed. A fix is a replacement of an exact span (today: a
word-list row marked safe, with one suggestion inflected like the word, "utilize" ->
"use"). It is applied only in text, Markdown and HTML files, only when the file still
holds exactly the flagged text at that line and column (so a file edited since the
check, or an HTML entity the reader decoded, is left alone), and never where two fixes
overlap (the first wins). The file keeps its encoding (UTF-8, with its byte-order mark if
it had one), its line endings and its permissions, and is replaced atomically. PDFs,
JSON schemas and XML are never written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from formlint.atomic import replace_file
from formlint.discovery import Target
from formlint.model import Fix, Format
from formlint.results import FileResult

FIXABLE_FORMATS = frozenset({Format.TEXT, Format.MARKDOWN, Format.HTML})
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Edit:
    line: int  # 0-based
    start: int  # 0-based column, in characters
    end: int
    original: str
    replacement: str


def edits_of(fixes: Iterable[Fix]) -> list[Edit]:
    """The fixes that name one exact span on one line, as edits."""
    edits = []
    for fix in fixes:
        region = fix.region()
        if region is None or not fix.original:
            continue
        line, column, end_line, end_column = region
        if end_line != line:
            continue
        edits.append(Edit(line - 1, column - 1, end_column - 1, fix.original, fix.replacement))
    return edits


def apply_edits(path: Path, edits: list[Edit]) -> int:
    """Apply ``edits`` to the file; returns how many were applied (0: the file is untouched)."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    bom = data.startswith(BOM)
    try:
        text = data[len(BOM):].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        return 0  # not UTF-8: the columns cannot be trusted to be characters of this file
    lines = text.splitlines(keepends=True)
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.line, e.start)):
        if edit.line >= len(lines) or lines[edit.line][edit.start:edit.end] != edit.original:
            continue  # the file no longer says what was flagged there
        if chosen and chosen[-1].line == edit.line and edit.start < chosen[-1].end:
            continue  # overlaps the previous fix
        chosen.append(edit)
    if not chosen:
        return 0
    for edit in reversed(chosen):  # from the end, so earlier columns stay valid
        line = lines[edit.line]
        lines[edit.line] = line[:edit.start] + edit.replacement + line[edit.end:]
    _replace(path, (BOM if bom else b"") + "".join(lines).encode("utf-8"))
    return len(chosen)


def _replace(path: Path, data: bytes) -> None:
    replace_file(path, data, path.stat().st_mode & 0o7777, prefix=f".{path.name}.")  # keeps the permissions


def fix_files(targets: list[Target], results: list[FileResult]) -> tuple[list[int], int]:
    """Apply every fix in ``results`` (in the order of ``targets``); returns the indices of
    the files changed and the number of fixes applied."""
    changed: list[int] = []
    applied = 0
    for index, (target, result) in enumerate(zip(targets, results)):
        if target.format not in FIXABLE_FORMATS:
            continue
        edits = edits_of(f.fix for f in result.findings if f.fix is not None)
        count = apply_edits(target.path, edits) if edits else 0
        if count:
            changed.append(index)
            applied += count
    return changed, applied
