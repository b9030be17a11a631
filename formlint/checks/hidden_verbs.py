"""``hidden-verb``: nominalizations carried by a weak verb ("make a determination").

A hidden verb is a verb turned into a noun and propped up by a "light" verb: "make a
determination" for "determine", "conduct a review of" for "review", "provide an
explanation" for "explain". With spaCy the check looks for a noun from its table that
is the object of one of the light verbs the table allows for it ("make an
application", but not "submit an application", which names a document), or its
subject in the passive ("a request is made"). Phrase rows ("is in compliance with",
"after the receipt of") are regular expressions and also run without spaCy.

Only sentences that contain both a light-verb form and a noun from the table are
parsed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formlint.checks.base import Check, NlpNeed, Param, register
from formlint.checks.regex_literals import RowIndex
from formlint.checks.prose import Sentence, nlp_usable, parse_filtered, prose_sentences, quoted
from formlint.checks.verbforms import inflect_like, past_tense, present_participle, third_person
from formlint.checks.wordlist import Entry, load_entries
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity

# "carry out" is "carry" with the particle "out"; "come to a decision" has "to".
LIGHT_VERBS = frozenset(
    """make take give have conduct perform carry undertake effect achieve reach gain provide do come draw grant
    hold offer prepare raise render issue affix ensure""".split()
)
# Modifiers that turn the phrase into a term of art: "take adverse action", "make a false statement".
TERM_MODIFIERS = frozenset({"adverse", "false", "fraudulent", "material", "sworn", "corrective", "disciplinary",
                            "enforcement", "legal", "remedial", "civil", "criminal", "opening", "closing",
                            "fair"})  # "make fair use of" (copyright)


def _term_of_art(noun: Any) -> bool:
    """A modifier of ``noun``, or one joined to a modifier, makes the phrase a term of art:
    "take adverse action", "take any supervisory or enforcement action"."""
    for child in noun.children:
        modifiers = [child, *(c for c in child.children if c.dep_ == "conj")]
        if any(m.lemma_.lower() in TERM_MODIFIERS for m in modifiers):
            return True
    return False


@dataclass(frozen=True)
class Nominal:
    noun: str
    verb: str
    light: frozenset[str] | None  # None: any light verb
    severity: Severity


def load_nominals(path: Path) -> dict[str, Nominal]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    table: dict[str, Nominal] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        light = row["light"].strip()
        allowed = None if light in ("", "*") else frozenset(v.strip() for v in light.split("|"))
        if allowed is not None and not allowed <= (LIGHT_VERBS | {"carry out"}):
            unknown = sorted(allowed - LIGHT_VERBS - {"carry out"})
            raise ValueError(f"{path.name}: {row['noun']}: unknown light verb {unknown[0]!r}")
        table[row["noun"].strip()] = Nominal(row["noun"].strip(), row["verb"].strip(), allowed,
                                             Severity.parse(row.get("severity") or "info"))
    return table


def _load_nominals(value: object) -> dict[str, Nominal]:
    assert isinstance(value, Path)
    return load_nominals(value)


def _load_phrases(value: object) -> list[Entry]:
    assert isinstance(value, Path)
    entries = load_entries(value)
    if any(e.type != "regex" for e in entries):
        raise ValueError(f"{value.name}: phrase rows must be regex rows")
    return entries


def _light_forms() -> set[str]:
    forms: set[str] = set()
    for verb in LIGHT_VERBS:
        forms |= {verb, third_person(verb), present_participle(verb)}
        forms |= {form for form in (past_tense(verb), past_tense(verb, participle=True)) if form}
    return forms


WORD = re.compile(r"\w+")


class WordSet:
    r"""Whether a text holds one of some words, as ``\b(?:w1|w2|...)\b`` ignoring case
    would say, at a twentieth of the cost: a regular expression of a hundred
    alternatives tries each at every position (1.6 s on the Federal Register document),
    while a text's words are found once and looked up. A form that is not one word
    (a user's "follow-up") keeps the regular expression."""

    def __init__(self, forms: set[str]) -> None:
        self.words = frozenset(f.lower() for f in forms if WORD.fullmatch(f))
        others = sorted((f for f in forms if not WORD.fullmatch(f)), key=len, reverse=True)
        self.pattern = (re.compile(r"\b(?:" + "|".join(map(re.escape, others)) + r")\b", re.IGNORECASE)
                        if others else None)

    def found(self, text: str, words: set[str]) -> bool:
        r"""``words``: the ``\w+`` runs of ``text`` in lower case."""
        if not words.isdisjoint(self.words):
            return True
        return self.pattern is not None and self.pattern.search(text) is not None


@dataclass(frozen=True)
class Hit:
    start: int  # sentence-relative
    end: int
    verb: str  # the verb the message names
    severity: Severity
    negated: bool = False  # "took no action" -> "did not act": not one verb, so the phrase message
    kept: tuple[str, ...] = ()  # words of the phrase the verb alone would drop ("made Roth contributions")
    suggestion: str = ""  # the replacement: the verb, with the adverb its adjective became ("briefly explain")


_SMALL_WORDS_OF_TITLES = frozenset({"a", "an", "the", "of", "to", "for", "and", "or", "on", "in"})


def _title_case(words: str) -> bool:
    """Every word of two or more capitalised: "Action Being Taken", "Making a Payment"."""
    parts = [w for w in words.split() if w.lower() not in _SMALL_WORDS_OF_TITLES]
    return len(parts) >= 2 and all(w[:1].isupper() and not w.isupper() for w in parts)


@register
class HiddenVerbCheck(Check):
    kind = "hidden-verb"
    rewrites_its_phrase = True  # "provide an estimate" -> "estimate": not also "give" for "provide"
    nlp = NlpNeed.OPTIONAL
    nlp_components = frozenset({"tagger", "parser", "attribute_ruler", "lemmatizer"})
    params = {
        "nouns": Param(str, help="TSV of nominalizations: noun, verb, light verbs, severity", is_path=True,
                       convert=_load_nominals),
        "phrases": Param(str, help="TSV of phrase rows (word-list format, regex rows)", is_path=True,
                         convert=_load_phrases),
        "phrase-message": Param(str, 'Hidden verb: use "{suggestion}" instead of "{match}".',
                                help="message for a phrase row"),
        "advice-message": Param(str, 'Hidden verb: "{match}" hides a verb; {advice}.',
                                help="message for a phrase row whose suggestion is advice"),
        "keep-message": Param(str, 'Hidden verb: "{match}" hides the verb "{verb}"; use it, and keep {kept}.',
                              help="message when the verb alone would drop words of the phrase"),
    }

    def setup(self) -> None:
        self.nominals: dict[str, Nominal] = self.options["nouns"]
        self.phrases: list[Entry] = [e for e in self.options["phrases"] if e.pattern is not None]
        self.phrase_index = RowIndex([e.pattern for e in self.phrases if e.pattern is not None])
        nouns = {form for n in self.nominals for form in (n, n + "s", n + "es", n[:-1] + "ies")}
        self.noun_words = WordSet(nouns)
        self.light_words = WordSet(_light_forms())

    def could_hide_a_verb(self, text: str) -> bool:
        words = set(WORD.findall(text.lower()))
        return self.noun_words.found(text, words) and self.light_words.found(text, words)

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        units = list(prose_sentences(self.blocks(doc)))
        taken: dict[int, list[tuple[int, int]]] = {}
        if nlp_usable(ctx):
            for unit, parsed in parse_filtered(units, ctx, self.could_hide_a_verb):
                for hit in self.find(parsed):
                    start, end = unit.span(hit.start, hit.end)
                    match = unit.block.text[start:end]
                    if ctx.accepted(match) or quoted(unit.block.text, start, end) or _title_case(match):
                        continue  # "Action Being Taken": a heading's name for a section, not a sentence to rewrite
                    taken.setdefault(id(unit), []).append((start, end))
                    if hit.kept:
                        message: str | None = self.options["keep-message"]
                    else:
                        message = self.options["phrase-message"] if hit.negated else None
                    yield self.span_finding(
                        unit.block, start, end, sentence=(unit.start, unit.end), severity=hit.severity,
                        suggestions=[] if hit.kept else [hit.suggestion], verb=hit.verb, message=message,
                        kept=" and ".join(f'"{words}"' for words in hit.kept),
                        fingerprint=f"hidden:{match.lower()}",
                    )
        for unit in units:
            yield from self._phrases(unit, taken.get(id(unit), []), ctx)

    def _phrases(self, unit: Sentence, taken: list[tuple[int, int]], ctx: CheckContext) -> Iterator[Finding]:
        for index in self.phrase_index.candidates(unit.text):
            entry = self.phrases[index]
            assert entry.pattern is not None
            for match in entry.pattern.finditer(unit.text):
                start, end = unit.span(*match.span())
                if any(s < end and start < e for s, e in taken) or ctx.accepted(match.group(0)) or \
                        quoted(unit.block.text, start, end):
                    continue
                taken.append((start, end))
                suggestion = ", ".join(entry.suggestions)
                if suggestion.startswith("("):  # advice, not a replacement
                    message = self.options["advice-message"]
                    suggestions: list[str] = []
                    suggestion = suggestion.strip("()")
                else:
                    message = self.options["phrase-message"]
                    suggestions = list(entry.suggestions)
                yield self.span_finding(
                    unit.block, start, end, sentence=(unit.start, unit.end), severity=entry.severity,
                    suggestions=suggestions, message=message, verb=suggestion, advice=suggestion,
                    fingerprint=f"{entry.id}:{match.group(0).lower()}",
                )

    def find(self, sent: Any) -> list[Hit]:
        hits: list[Hit] = []
        for noun in sent:
            if noun.pos_ != "NOUN":
                continue
            nominal = self.nominals.get(noun.lemma_.lower())
            if nominal is None or _term_of_art(noun):
                continue
            light, passive = _light_verb_of(noun)
            if light is None or not _allowed(nominal, light, noun):
                continue
            tokens = [light, noun]
            tokens += [c for c in light.children if c.dep_ == "prt" and c.i < noun.i]
            if noun.dep_ == "pobj":
                tokens.append(noun.head)  # the "to" of "come to a decision"
            follower = noun.nbor(1) if noun.i + 1 < len(sent) else None
            if follower is not None and follower.dep_ == "prep" and follower.head.i == noun.i \
                    and follower.lower_ == "of" and not passive:
                tokens.append(follower)  # "conduct a review of"
            start = min(t.idx for t in tokens)
            last = max(tokens, key=lambda t: t.idx)
            verb = nominal.verb if passive else (inflect_like(nominal.verb, light.tag_) or nominal.verb)
            negated = not passive and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
            if negated:
                verb = _negated(nominal.verb, light.tag_)  # "took no action" -> "did not act"
            kept = _dropped_words(sent, tokens, noun)
            suggestion = verb
            if len(kept) == 1 and not negated and not passive:
                suggestion, kept = _with_adverb(verb, kept[0], object_follows=tokens[-1].lower_ == "of")
            hits.append(Hit(start, last.idx + len(last.text), verb, nominal.severity, negated, tuple(kept), suggestion))
        return hits


# Words of the noun or the light verb that the verb alone may drop: articles, "your",
# "this", the "'s" of a possessive, commas, the "is" of "a request is made", the "or
# pursuing" of "making or pursuing an application" (the other verb stays in the sentence).
DROPPABLE_DEPS = frozenset({"det", "predet", "punct", "case", "aux", "auxpass", "cc", "conj"})
# An adjective that becomes an adverb of the verb: "provide a brief explanation" -> "briefly
# explain", "make a written request" -> "ask in writing". A "-ly" adverb goes before the verb.
ADVERBS = {
    "brief": "briefly", "written": "in writing", "oral": "orally", "timely": "on time", "prompt": "promptly",
    "full": "fully", "complete": "fully", "detailed": "in detail", "thorough": "thoroughly",
    "careful": "carefully", "formal": "formally", "informal": "informally", "quick": "quickly",
    "immediate": "immediately", "separate": "separately", "direct": "directly", "personal": "personally",
    "electronic": "electronically", "clear": "clearly", "specific": "specifically",
}
# A closing bracket or quotation mark ends the kept words it closes: "required by § 1013.4(a)".
CLOSING = frozenset({")", "]", "\u201d", "\u2019", '"'})


def _dropped_words(sent: Any, tokens: list[Any], noun: Any) -> list[str]:
    """The words inside the phrase that the verb alone would lose, in runs: "Roth" in "made
    Roth contributions", "minor, technical" in "made minor, technical corrections", "the
    credit union" in "provide the credit union a response". A possessive pronoun ("your
    request") and the noun's article are not kept; a possessive noun ("the applicant's
    request") is."""
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    inside = {t.i for t in tokens}
    runs: list[list[Any]] = [[]]
    owner = None  # a run is one phrase: the noun's modifiers, or the light verb's other object
    for token in sent.doc[first:last + 1]:
        if runs[-1] and ((token.dep_ in ("punct", "cc", "case") and token.head.i not in inside)
                         or token.text in CLOSING):
            runs[-1].append(token)  # a comma or "and" between kept words, the "'s" of a kept possessive
        elif token.i in inside or token.lower_ == "no" or \
                ((token.dep_ in DROPPABLE_DEPS or (token.dep_ == "poss" and token.pos_ == "PRON"))
                 and (token.head.i == noun.i or token.head.i in inside)):
            if runs[-1]:
                runs.append([])
        else:
            top = _top_below(token, inside)
            if runs[-1] and top.head.i != owner:
                runs.append([])
            owner = top.head.i
            runs[-1].append(token)
    words = []
    for run in runs:
        while run and (run[-1].dep_ == "cc" or run[-1].text in ",;:"):
            run.pop()
        if run:
            words.append(sent.doc[run[0].i:run[-1].i + 1].text)
    return words


def _top_below(token: Any, inside: set[int]) -> Any:
    """The ancestor of ``token`` (or ``token``) whose head is a word of the phrase."""
    while token.head.i not in inside and token.head.i != token.i:
        token = token.head
    return token


def _with_adverb(verb: str, word: str, object_follows: bool) -> tuple[str, list[str]]:
    """``verb`` carrying ``word`` as an adverb, or ``verb`` and the word still to keep. An
    adverb of more than one word belongs after the object, outside the phrase ("provide a
    detailed explanation of the rule": "explain the rule in detail"), so it is kept then."""
    adverb = ADVERBS.get(word.lower())
    if adverb is None or (object_follows and " " in adverb):
        return verb, [word]
    return (f"{adverb} {verb}" if adverb.endswith("ly") else f"{verb} {adverb}"), []


# The negation a light verb with "no" takes: "took no action" -> "did not act", "will take no
# action" -> "will not act", "has taken no action" -> "has not acted".
_NEGATED = {"VBD": "did not {verb}", "VBZ": "does not {verb}", "VBP": "do not {verb}", "VB": "not {verb}"}


def _negated(verb: str, tag: str) -> str:
    if tag in _NEGATED:
        return _NEGATED[tag].format(verb=verb)
    return "not " + (inflect_like(verb, tag) or verb)


def _light_verb_of(noun: Any) -> tuple[Any | None, bool]:
    """The light verb governing ``noun`` and whether the clause is passive."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIGHT_VERBS and head.pos_ in ("VERB", "AUX"):
        return head, False
    if noun.dep_ == "dobj" and head.dep_ == "conj" and head.head.lemma_.lower() in LIGHT_VERBS \
            and not any(c.dep_ == "dobj" for c in head.head.children) and _joined_directly(head.head, head):
        return head.head, False  # "making or pursuing an application" (not "prepare estimates and disclose an estimate")
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in LIGHT_VERBS:
        return head, True
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "come":
        return head.head, False  # "come to a decision"
    return None, False


def _joined_directly(light: Any, verb: Any) -> bool:
    """"making or pursuing": only the "or" between the two verbs, so they share the object.
    Not "you made estimated tax payments using your former name, attach a statement",
    where the parser lost "made"'s object and joined the next clause's verb to it."""
    between = light.doc[light.i + 1:verb.i]
    return light.i < verb.i and all(t.dep_ in ("cc", "preconj", "advmod", "punct") for t in between)


def _allowed(nominal: Nominal, light: Any, noun: Any) -> bool:
    lemma = light.lemma_.lower()
    # Only a particle before the noun makes a phrasal verb: not "make the transfer up to two times".
    particles = {c.lower_ for c in light.children if c.dep_ == "prt" and c.i < noun.i}
    if lemma == "carry":
        if not any(c.dep_ == "prt" and c.lower_ == "out" for c in light.children):
            return False
        lemma = "carry out"
    elif particles:
        return False  # a phrasal verb, not a light one: "make up missed contributions", "give up"
    return nominal.light is None or lemma in nominal.light
