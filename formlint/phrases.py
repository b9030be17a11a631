"""Trigger phrases of the burden text rules: wet signatures, originals, in-person visits ...

Each row of ``rules/burden/data/burden-phrases.tsv`` is a pattern with two guards that
separate a form that *imposes* a requirement from text that *describes* one:

* ``requires``: the sentence must also contain one of these words ("must", "required",
  "submit" ...). "Original signatures may be required" is a demand; "an e-signature has
  the same legal weight as a handwritten signature" is a description.
* ``unless``: the sentence must not offer an alternative or say the opposite ("You can
  interview by phone, by video, or in person"; "Notarized copies ... are not acceptable").

Sentences that present an example ("For example", "Like this:", "[example only]") never
fire: style guides and plain-language examples quote requirements to teach, not to impose.

The rules (kind ``requirement-phrase``) and the time model (T_channel, T_gather) read
the same matches, so a form's findings and its estimate agree.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from formlint.languages import primary_language
from formlint.model import Document, Role, Severity, TextBlock
from formlint.office_use import office_use_blocks
from formlint.text import Span, sentence_at

EXAMPLE = re.compile(r"\bfor example\b|\blike this\s*:|\[example|\bexample\s*:|\be\.g\.,", re.IGNORECASE)
_ROLES = frozenset({Role.TITLE, Role.HEADING, Role.PARAGRAPH, Role.LIST_ITEM, Role.TABLE_CELL, Role.NOTICE,
                    Role.LABEL, Role.HINT})


class PhraseError(ValueError):
    pass


@dataclass(frozen=True)
class Phrase:
    id: str
    rule: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    severity: Severity
    suggestion: str
    example_positive: str
    example_negative: str
    source: str
    keywords: tuple[str, ...] = ()  # one of them is in every match: blocks without any are skipped

    def matches(self, text: str) -> Iterator[tuple[int, int, Span]]:
        """(start, end, sentence) of every match in ``text`` that passes the guards."""
        for found in self.pattern.finditer(text):
            if found.end() <= found.start():
                continue
            sentence = sentence_at(text, found.start())
            words = text[sentence.start:sentence.end]
            if self.requires is not None and not self.requires.search(words):
                continue
            if self.unless is not None and self.unless.search(words):
                continue
            if EXAMPLE.search(words):
                continue
            yield found.start(), found.end(), sentence


@dataclass(frozen=True)
class PhraseHit:
    phrase: Phrase
    block: TextBlock
    start: int
    end: int
    sentence: Span

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def sentence_text(self) -> str:
        return self.block.text[self.sentence.start:self.sentence.end]


def _compile(value: str, where: str) -> re.Pattern[str] | None:
    if not value:
        return None
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as error:
        raise PhraseError(f"{where}: bad regex: {error}") from None


@cache
def load_phrases(path: Path) -> tuple[Phrase, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PhraseError(f"{path}: cannot read: {error.strerror or error}") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    phrases = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        where = f"{path}: phrase {row.get('id')!r}"
        try:
            severity = Severity.parse(row["severity"])
            pattern = _compile(row["pattern"], where)
        except (KeyError, ValueError) as error:
            raise PhraseError(f"{where}: {error}") from None
        if pattern is None:
            raise PhraseError(f"{where}: empty pattern")
        phrases.append(Phrase(
            id=row["id"], rule=row["rule"], pattern=pattern, requires=_compile(row.get("requires", ""), where),
            unless=_compile(row.get("unless", ""), where), severity=severity, suggestion=row.get("suggestion", ""),
            example_positive=row.get("example_positive", ""), example_negative=row.get("example_negative", ""),
            source=row.get("source", ""),
            keywords=tuple(k for k in (row.get("keywords") or "").split("|") if k),
        ))
    return tuple(phrases)


def default_phrases() -> tuple[Phrase, ...]:
    from formlint.classify import data_dir

    return load_phrases(data_dir() / "burden-phrases.tsv")


def _english(block: TextBlock) -> bool:
    """The phrases are English: not searched in a part of a page in another language."""
    primary = primary_language(block.language)
    return primary is None or primary == "en"


def find_phrases(doc: Document, phrases: Iterable[Phrase] | None = None,
                 roles: frozenset[Role] = _ROLES) -> list[PhraseHit]:
    """Every guarded match in ``doc``, once per phrase and sentence.

    A PDF tooltip often repeats the text printed on the page, and one instruction can
    be repeated on every page; the same sentence is reported once, where it first occurs.
    A block is searched only for the phrases one of whose keywords it contains (a plain
    substring test: a daily Federal Register issue has thousands of blocks).
    """
    phrases = tuple(phrases) if phrases is not None else default_phrases()
    staff = office_use_blocks(doc)  # below "do not write below this line": not the public's to do
    blocks = [b for b in doc.blocks if b.role in roles and id(b) not in staff and _english(b)]
    if not blocks:
        return []
    lowered = [b.text.lower() for b in blocks]
    candidates: dict[int, set[int]] = {}  # block index -> phrases that may match in it
    for number, phrase in enumerate(phrases):
        for index, text in enumerate(lowered):
            if not phrase.keywords or any(k in text for k in phrase.keywords):
                candidates.setdefault(index, set()).add(number)
    hits: list[PhraseHit] = []
    seen: set[tuple[str, str]] = set()
    for index in sorted(candidates):
        block = blocks[index]
        taken: list[tuple[int, int]] = []
        for number in sorted(candidates[index]):
            phrase = phrases[number]
            for start, end, sentence in phrase.matches(block.text):
                if any(s < end and start < e for s, e in taken):
                    continue  # one finding per stretch of text, from the first phrase
                key = (phrase.id, " ".join(block.text[sentence.start:sentence.end].lower().split()))
                if key in seen:
                    continue
                seen.add(key)
                taken.append((start, end))
                hits.append(PhraseHit(phrase, block, start, end, sentence))
    return hits
