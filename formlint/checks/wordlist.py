"""``word-list``: words and phrases with plainer alternatives.

One compiled alternation finds every candidate in raw text at regex speed. Entries
that depend on part of speech ("address" the verb, not the mailing address) are
confirmed with spaCy, and only the sentences holding such a candidate are parsed.
Without spaCy (--no-nlp) those entries run only where their false-positive risk on
forms is low; everything else still runs.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from formlint.checks.base import Check, NlpNeed, Param, register
from formlint.context import CheckContext
from formlint.model import Document, Finding, Fix, Role, Severity, TextBlock
from formlint.nlp import NlpUnavailable
from formlint.checks.prose import quoted
from formlint.checks.regex_literals import RowIndex
from formlint.checks.suggestion_forms import inflect_suggestions
from formlint.text import Span, preserve_case, sentence_at

if TYPE_CHECKING:
    from spacy.tokens import Token  # spaCy is imported only when a rule parses

OMIT = "(omit)"
POS_TAGS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "PROPN", "PRON", "DET"})


@dataclass(frozen=True)
class Entry:
    id: str
    type: str  # lemma | surface | phrase | regex
    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None
    pos: str | None
    suggestions: tuple[str, ...]
    severity: Severity
    on_labels: bool
    fixable: bool
    note: str
    tags: frozenset[str] | None = None  # Penn tags the token must have (e.g. only active verb forms)
    unless: re.Pattern[str] | None = None  # cancels the match when it matches right after it ("provides for")

    @property
    def omit(self) -> bool:
        return bool(self.suggestions) and self.suggestions[0].startswith(OMIT)


def inflections(lemma: str, pos: str | None) -> set[str]:
    """Generous surface forms of a lemma; forms that are not words never match text."""
    word = lemma.lower()
    forms = {word}
    if " " in word:
        return forms
    if pos in (None, "NOUN", "VERB"):
        forms |= {word + "s", word + "es"}
        if word.endswith("y"):
            forms.add(word[:-1] + "ies")
    if pos in (None, "VERB"):
        stem = word[:-1] if word.endswith("e") else word
        forms |= {stem + "ed", stem + "ing", word + "d"}
        if word.endswith("y"):
            forms.add(word[:-1] + "ied")
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):  # permit -> permitted
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def load_entries(path: Path, all_rows: bool = False) -> list[Entry]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    entries = []
    for row in csv.DictReader(lines, delimiter="\t"):
        if (row.get("severity") or "").strip().lower() == "off":
            if not all_rows:
                continue  # kept in the list for the record, not reported (the note says why)
            row["severity"] = "info"
        pos = (row.get("pos") or "").strip().upper() or None
        if pos is not None and pos not in POS_TAGS:
            raise ValueError(f"{path.name}: row {row['id']}: unknown part of speech {pos!r}")
        pattern = None
        if row["type"] == "regex":
            try:
                pattern = re.compile(row["pattern"], re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"{path.name}: row {row['id']}: bad pattern: {error}") from None
        elif row["type"] not in ("lemma", "surface", "phrase"):
            raise ValueError(f"{path.name}: row {row['id']}: unknown type {row['type']!r}")
        entries.append(
            Entry(
                id=row["id"],
                type=row["type"],
                terms=tuple(t.strip().lower() for t in row["terms"].split("|") if t.strip()),
                pattern=pattern,
                pos=pos,
                suggestions=tuple(s.strip() for s in row["suggest"].split(",") if s.strip()),
                severity=Severity.parse(row.get("severity") or "info"),
                on_labels=(row.get("labels") or "yes").strip() == "yes",
                fixable=(row.get("fix") or "no").strip() == "yes",
                note=row.get("note") or "",
                tags=frozenset(t.strip() for t in (row.get("tags") or "").split("|") if t.strip()) or None,
                unless=re.compile(row["unless"], re.IGNORECASE) if (row.get("unless") or "").strip() else None,
            )
        )
    return entries


@lru_cache(maxsize=8)
def reject_entries(reject: tuple[str, ...]) -> tuple[Entry, ...]:
    """The configuration's ``reject`` list as entries: "word" or "word => replacement"."""
    entries = []
    for index, raw in enumerate(reject):
        parts = re.split(r"\s*(?:=>|->)\s*", raw.strip(), maxsplit=1)
        term = parts[0].strip()
        if not term:
            continue
        suggestion = parts[1].strip() if len(parts) > 1 else ""
        body = r"\s+".join(re.escape(word) for word in term.split())
        entries.append(Entry(
            id=f"reject-{index + 1}", type="regex", terms=(term.lower(),),
            pattern=re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE), pos=None,
            suggestions=(suggestion,) if suggestion else (), severity=Severity.WARNING, on_labels=True,
            fixable=bool(suggestion) and " " not in suggestion.strip(","), note="configuration: reject",
        ))
    return tuple(entries)


def _load(value: object) -> list[Entry]:
    assert isinstance(value, Path)
    return load_entries(value)


@dataclass(frozen=True)
class _Candidate:
    block: TextBlock
    start: int
    end: int
    entry: Entry
    sentence: Span
    tag: str | None = None  # the token's Penn tag, where spaCy confirmed the part of speech


@register
class WordListCheck(Check):
    kind = "word-list"
    nlp = NlpNeed.OPTIONAL
    # The parser too: a verb row reads the token's dependency (below, _not_the_verb_sense).
    nlp_components = frozenset({"tagger", "parser", "attribute_ruler", "lemmatizer"})
    params = {
        "list": Param(str, help="TSV of entries (id, type, terms, pattern, pos, suggest, severity, labels, fix, "
                                "note, tags)",
                      is_path=True),
        "omit-message": Param(str, 'Consider leaving out "{match}".', help="message when the advice is to omit"),
        "omit-or-message": Param(str, 'Leave out "{match}", or use "{suggestion}".',
                                 help="message when the advice is to omit or replace"),
        "include-reject": Param(bool, False, help="also report the configuration's 'reject' words"),
        "all-rows": Param(bool, False, help="also report the rows marked off in the list (as info)"),
        "word-choice": Param(bool, True, help="a list of word choices: where its phrase and another "
                                              "word-choice list's phrase nest or coincide, only one is "
                                              "reported (formlint.overlaps)"),
        "reject-message": Param(str, '"{match}" is on this project\'s list of words to avoid.',
                                help="message for a 'reject' word that has no replacement"),
    }

    def setup(self) -> None:
        self.entries: list[Entry] = load_entries(self.options["list"], all_rows=self.options["all-rows"])
        self.by_form: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.type == "regex":
                continue
            for term in entry.terms:
                forms = inflections(term, entry.pos) if entry.type == "lemma" else {term}
                for form in forms:
                    self.by_form.setdefault(_normalize(form), []).append(entry)
        alternatives = sorted(self.by_form, key=len, reverse=True)
        self.surface = Alternation(alternatives) if alternatives else None
        # The regex rows, with the words each cannot match without (see regex_literals).
        self.regex_rows = [e for e in self.entries if e.type == "regex" and e.pattern is not None]
        self.regex_index = RowIndex([e.pattern for e in self.regex_rows if e.pattern is not None])

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        confirmed: list[_Candidate] = []
        pending: list[_Candidate] = []
        nlp_ok = ctx.nlp.enabled and ctx.nlp.available
        for candidate in self._candidates(doc, ctx):
            if candidate.entry.pos is None or candidate.entry.type == "phrase":
                confirmed.append(candidate)
            elif nlp_ok:
                pending.append(candidate)
            elif candidate.entry.on_labels:  # low-risk rows are safe enough without a tagger
                confirmed.append(candidate)
        if pending:
            confirmed += self._confirm_pos(pending, ctx)
        seen: set[tuple[int, int, int]] = set()
        for candidate in sorted(confirmed, key=lambda c: (id(c.block), c.start)):
            key = (id(candidate.block), candidate.start, candidate.end)
            if key in seen:
                continue
            seen.add(key)
            yield self._finding(candidate)

    def _candidates(self, doc: Document, ctx: CheckContext) -> Iterator[_Candidate]:
        rejected = reject_entries(ctx.config.reject) if self.options["include-reject"] else ()
        for block in self.blocks(doc):
            text = block.text
            if block.role in (Role.TABLE_CELL, Role.LIST_ITEM) and len(text.split()) <= 2:
                continue  # a term in a table or list ("objective | aim, goal" in a word list), not prose
            on_label = block.role in (Role.LABEL, Role.OPTION)
            for start, end, entries in self._matches(text, rejected):
                match = text[start:end]
                if ctx.accepted(match) or quoted(text, start, end):
                    continue  # accepted, a quoted mention ("words such as “hereby”") or a quotation
                sentence = sentence_at(text, start)
                for entry in entries:
                    if on_label and not entry.on_labels:
                        continue
                    if entry.unless is not None and entry.unless.match(text, end):
                        continue
                    if entry.type == "lemma" and _looks_like_name(text, start, sentence):
                        continue  # "Disaster Assistance", "Submit Claim" in title case
                    yield _Candidate(block, start, end, entry, sentence)
                    break

    def _matches(self, text: str, extra: Iterable[Entry] = ()) -> Iterator[tuple[int, int, list[Entry]]]:
        if self.surface is not None:
            for match in self.surface.finditer(text):
                entries = self.by_form.get(_normalize(match.group(0)), [])
                if entries:
                    yield match.start(), match.end(), entries
        rows = [self.regex_rows[index] for index in self.regex_index.candidates(text)]
        for entry in [*rows, *extra]:
            assert entry.pattern is not None
            for match in entry.pattern.finditer(text):
                start = match.start()
                while start < match.end() and not text[start].isalnum():
                    start += 1  # patterns anchored on a preceding ". " start at the word
                if start < match.end():
                    yield start, match.end(), [entry]

    def _confirm_pos(self, pending: list[_Candidate], ctx: CheckContext) -> Iterable[_Candidate]:
        texts = [c.sentence.of(c.block.text) for c in pending]
        try:
            parsed = ctx.nlp.parse_many(texts)
        except NlpUnavailable:
            return [c for c in pending if c.entry.on_labels]
        kept = []
        for candidate, sdoc in zip(pending, parsed):
            offset = candidate.start - candidate.sentence.start
            token = next((t for t in sdoc if t.idx <= offset < t.idx + len(t.text)), None)
            if token is None:
                continue
            pos = "VERB" if token.pos_ == "AUX" and candidate.entry.pos == "VERB" else token.pos_
            if pos != candidate.entry.pos:
                continue
            if candidate.entry.tags is not None and token.tag_ not in candidate.entry.tags:
                continue
            if candidate.entry.type == "lemma" and token.lemma_.lower() not in candidate.entry.terms:
                continue
            if candidate.entry.pos == "VERB" and _not_the_verb_sense(token, candidate.entry):
                continue
            kept.append(replace(candidate, tag=token.tag_))
        return kept

    def _finding(self, candidate: _Candidate) -> Finding:
        entry = candidate.entry
        block = candidate.block
        match = block.text[candidate.start:candidate.end]
        suggestions = [s for s in entry.suggestions if not s.startswith(OMIT)]
        safe = True
        if entry.type == "lemma":
            lemma = next((t for t in entry.terms if match.lower() in inflections(t, entry.pos)), None)
            before = block.text[candidate.sentence.start:candidate.start]
            inflected = inflect_suggestions(match, lemma, entry.pos, suggestions, before, candidate.tag)
            suggestions, safe = inflected.suggestions, inflected.safe
        fix = None
        if entry.fixable and safe and len(suggestions) == 1:
            location = block.location_at(candidate.start, candidate.end)
            fix = Fix(location, match, preserve_case(match, suggestions[0]))
        message = None
        if entry.omit:
            message = self.options["omit-or-message"] if suggestions else self.options["omit-message"]
        elif not suggestions and entry.id.startswith("reject-"):
            message = self.options["reject-message"]
        return self.span_finding(
            block,
            candidate.start,
            candidate.end,
            sentence=(candidate.sentence.start, candidate.sentence.end),
            severity=entry.severity,
            suggestions=[preserve_case(match, s) for s in suggestions],
            fix=fix,
            message=message,
            fingerprint=f"{entry.id}:{match.lower()}",
        )


class Alternation:
    r"""``finditer`` of ``(?<![\w-])(?:form|form|...)(?![\w-])`` (case-insensitive, the
    forms in priority order, words joined by any whitespace), with the same matches,
    found faster.

    One regular expression of several hundred forms tries every form at every word
    start. This finds the word starts whose first character some form can begin with,
    and tries there only the forms that begin with that character, in the same order:
    a form whose first character does not match cannot match there, so the match found
    is the same one the single expression finds.
    """

    SPLIT_FROM = 100  # fewer forms than this: the single expression is as fast

    def __init__(self, forms: list[str]) -> None:
        self.forms = [(form[0], r"\s+".join(map(re.escape, form.split()))) for form in forms]
        firsts = "".join(sorted({re.escape(first) for first, _ in self.forms}))
        self.starts = re.compile(rf"(?<![\w-])[{firsts}]", re.IGNORECASE)
        self.by_char: dict[str, re.Pattern[str] | None] = {}
        self.whole: re.Pattern[str] | None = None
        if len(forms) < self.SPLIT_FROM:
            body = "|".join(alt for _, alt in self.forms)
            self.whole = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    def _pattern(self, char: str) -> re.Pattern[str] | None:
        if char not in self.by_char:
            body = "|".join(alt for first, alt in self.forms
                            if re.fullmatch(re.escape(first), char, re.IGNORECASE))
            self.by_char[char] = re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE) if body else None
        return self.by_char[char]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.whole is not None:
            yield from self.whole.finditer(text)
            return
        end = 0
        for start in self.starts.finditer(text):
            position = start.start()
            if position < end:
                continue  # inside the previous match
            pattern = self._pattern(text[position])
            match = pattern.match(text, position) if pattern is not None else None
            if match is not None:
                end = match.end()
                yield match


def _not_the_verb_sense(token: Token, entry: Entry) -> bool:
    """True where a verb row's word is used as something else, so its plain verb does not fit.

    - A conjunction or preposition made of a verb: "age (provided the applicant has the
      capacity ...)" means "if", not "gave".
    - A participle before its noun, where every suggestion starts with a phrasal verb:
      "an established program" is an existing one, and "a set up program" or "the asked
      for information" is not English. One-word suggestions work there ("the changed plan").
      The same holds for a present participle ("the accompanying instructions" are not
      "the going with instructions").
    - An "-ing" word after a determiner, an adjective or a possessive is a noun or an
      adjective, not a verb: "in any proceeding", "its implementing regulations" (spaCy
      tags some of these as verbs), where "doing" and "carrying out" do not fit.
    """
    if token.dep_ in ("mark", "prep"):
        return True
    if token.tag_ == "VBG" and token.i > 0:
        before = token.doc[token.i - 1]
        if before.pos_ in _NOMINAL_BEFORE or before.tag_ in ("POS", "PRP$"):
            return True
    attributive = token.tag_ in ("VBN", "VBG") and token.dep_ == "amod" and token.i < token.head.i
    return attributive and bool(entry.suggestions) and " " in entry.suggestions[0]


# Parts of speech that, right before an "-ing" word, make it a noun or an adjective.
_NOMINAL_BEFORE = frozenset({"DET", "ADJ"})


def _normalize(text: str) -> str:
    return " ".join(text.lower().split())


def _looks_like_name(text: str, start: int, sentence: Span) -> bool:
    """A capitalised word inside a sentence is usually part of a name or a title."""
    if start == sentence.start or not text[start].isupper():
        return False
    before = text[sentence.start:start].rstrip()
    return not before.endswith((":", '"', "\u201c", "(", "-", "\u2014"))
