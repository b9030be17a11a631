"""Sentences of the shared corpus, addressed by file and hash.

The evaluation set stores references, never copies of the text: a sentence is
``(file, sha1-prefix of its whitespace-normalised text, occurrence number)``. This
module reads a corpus file with formlint's own reader, splits its prose blocks into
sentences with formlint's rule-based splitter, and finds sentences by reference.

The corpus lives at ``../shared/corpus`` relative to the project root; set
``FORMLINT_CORPUS`` (or pass ``--corpus``) to read it from elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The project first: run as a script, this folder comes first on the path and an editable
# install puts the project after site-packages, where textstat installs a package named
# "tests" of its own.
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

from formlint.model import Document, Role  # noqa: E402
from formlint.readers import format_for, read_document  # noqa: E402
from formlint.readers.base import ReadOptions  # noqa: E402
from formlint.text import sentence_spans  # noqa: E402

# Headings and titles are labels, not sentences; everything else that is prose is.
SENTENCE_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM, Role.TABLE_CELL, Role.NOTICE, Role.HINT})
READ_OPTIONS = ReadOptions(max_text_bytes=100 * 1_048_576, max_pdf_bytes=1_000 * 1_048_576)


def corpus_root(explicit: str | None = None) -> Path | None:
    """The shared corpus folder, or None when it is absent."""
    candidates = [explicit, os.environ.get("FORMLINT_CORPUS"), str(ROOT.parent / "shared" / "corpus")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "MANIFEST.tsv").is_file():
            return Path(candidate).resolve()
    return None


def normalise(text: str) -> str:
    return " ".join(text.split())


def sentence_hash(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Sentence:
    file: str  # relative to the corpus root
    hash: str
    occurrence: int  # 1 for the first sentence with this hash in the file
    position: int  # 0-based index among the file's sentences
    text: str
    block: int  # index of the block in the document
    start: int  # offset of the sentence in its block


@cache
def read(root: Path, file: str) -> Document:
    path = root / file
    fmt = format_for(path)
    if fmt is None:
        raise ValueError(f"{file}: not a format formlint reads")
    return read_document(path.read_bytes(), file, fmt, READ_OPTIONS)


def sentences(root: Path, file: str) -> list[Sentence]:
    doc = read(root, file)
    result: list[Sentence] = []
    seen: dict[str, int] = {}
    for block_index, block in enumerate(doc.blocks):
        if block.role not in SENTENCE_ROLES:
            continue
        for span in sentence_spans(block.text):
            text = span.of(block.text)
            digest = sentence_hash(text)
            seen[digest] = seen.get(digest, 0) + 1
            result.append(Sentence(file, digest, seen[digest], len(result), text, block_index, span.start))
    return result


def lookup(root: Path, file: str) -> dict[tuple[str, int], Sentence]:
    return {(s.hash, s.occurrence): s for s in sentences(root, file)}


def iter_files(root: Path, kinds: tuple[str, ...] = ("guidance", "pdf-flat", "pdf-fillable", "html", "jsonschema")
               ) -> Iterator[str]:
    for kind in kinds:
        for path in sorted((root / kind).iterdir()):
            if format_for(path) is not None:
                yield f"{kind}/{path.name}"
