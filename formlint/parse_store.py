"""Sentence parses kept from one run to the next, per file.

When a long document changes, its result-cache entry is stale and the whole file is
checked again; but most of its sentences are the same, and their parses are most of the
cost (the Federal Register document of the corpus: 43 s of CPU with every sentence
parsed, 15 s with the parses at hand). So after a file is checked, the parses its checks
asked for are written next to its cache entry, and the next check of that file starts
with them: an edit to one paragraph re-parses that paragraph's sentences only. Findings
cannot differ: a sentence's parse depends on its text alone, and a stored parse holds
every attribute spaCy set (it is the form a forked child already sends its parses in).

Layout, inside the run folder of :mod:`formlint.cache` (so a new formlint, rule set,
model or setting starts afresh, and pruning or ``formlint cache clear`` removes it)::

    <run key>/parses/<xx>/<path key>.spacy

A ``.spacy`` file is spaCy's ``DocBin`` (msgpack and zlib, no pickle: a cache folder is
not trusted to run code). Only the latest version of a file is kept, holding just the
sentences that version asked for, so the store stays about as large as the repository's
long documents (1.6 MB for the 230,000-word Federal Register document).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formlint.atomic import replace_file

FOLDER_NAME = "parses"


@dataclass
class ParseStore:
    folder: Path  # <run folder>/parses
    writable: bool = True

    def path_for(self, display: str) -> Path:
        name = hashlib.sha256(display.encode("utf-8")).hexdigest()[:32]
        return self.folder / name[:2] / f"{name}.spacy"

    def load(self, display: str, vocab: Any) -> dict[str, Any]:
        """The stored parses of ``display``'s sentences by text; empty when there are
        none or the file is damaged (then the sentences are parsed again)."""
        from formlint.nlp import docs_from_bytes

        try:
            data = self.path_for(display).read_bytes()
        except OSError:
            return {}
        docs = docs_from_bytes(data, vocab, expected=None)
        return {doc.text: doc for doc in docs or ()}

    def save(self, display: str, docs: Sequence[Any]) -> None:
        if not self.writable:
            return
        from formlint.nlp import docs_to_bytes

        path = self.path_for(display)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, docs_to_bytes(list(docs)), 0o644)
        except OSError:
            self.writable = False  # a read-only cache: the run goes on without storing


@dataclass
class StoredDocument:
    """The stored parses of the document being checked: read when a check first asks for
    a parse (a document whose sentences need none never loads spaCy), written back when
    the document is done if its sentences changed."""

    store: ParseStore
    display: str
    recalled: bool = False
    stored: frozenset[str] = frozenset()  # the texts the store held
    asked: set[str] = field(default_factory=set)  # the texts the checks asked to parse
    parsed_new: bool = False

    def recall(self, vocab: Any) -> dict[str, Any]:
        """The stored parses, the first time only; later calls give nothing."""
        if self.recalled:
            return {}
        self.recalled = True
        parses = self.store.load(self.display, vocab)
        self.stored = frozenset(parses)
        return parses

    def finish(self, parses: dict[str, Any]) -> None:
        """Store the parses of the texts asked for (``parses`` holds them, and maybe more),
        unless nothing was asked or nothing changed."""
        if self.recalled and (self.parsed_new or frozenset(self.asked) != self.stored):
            self.store.save(self.display, [parses[t] for t in self.asked if t in parses])
