"""Suggested words in the form of the word they replace.

The word lists give lemmas ("utilize" -> "use", "component" -> "part"), but the text
has inflected forms: "utilized" needs "used", "components" needs "parts". Offering the
bare lemma would make the author do the grammar, and a fix that applied it would break
the sentence. A suggestion whose form cannot be known for sure (the past of "provide"
is "gave" or "given" depending on the sentence) is still inflected by a guess from the
word before, but marked as unsafe to apply mechanically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from formlint.checks.verbforms import past_tense, present_participle, third_person

# Words after which a past form is a participle: "was utilized", "has accomplished",
# "the enclosed form" (an adjective), "a prioritized list".
_PARTICIPLE_BEFORE = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "am", "has", "have", "had", "having", "get", "got",
    "gets", "the", "a", "an", "this", "that", "these", "those", "your", "our", "their", "its", "his", "her",
    "not", "already", "previously", "recently", "properly", "fully",
})


# "do", "does" or "did" (with "not") right before the verb: "does not constitute".
_DO_SUPPORT = re.compile(r"\b(?:do|does|did)(?:\s+not|n['’]t)?\s+$", re.IGNORECASE)

# Modal verbs have one form; a suggestion that starts with one is offered as it is.
_MODALS = frozenset({"must", "can", "could", "may", "might", "shall", "should", "will", "would"})


@dataclass(frozen=True)
class Inflected:
    suggestions: list[str]
    safe: bool  # every suggestion's form follows from the text without a guess


def inflect_suggestions(match: str, lemma: str | None, pos: str | None, suggestions: list[str],
                        before: str, tag: str | None = None) -> Inflected:
    """``suggestions`` (given as lemmas) in the form ``match``, an inflection of ``lemma``,
    has; ``before`` is the text that precedes the match in its sentence, and ``tag`` the
    match's Penn tag where spaCy gave one (it tells "performed" the participle, "an
    operation done on", from the past, "we did")."""
    word = match.lower()
    if lemma is not None and word == lemma and pos == "VERB" and any(_is_be(s) for s in suggestions):
        if _DO_SUPPORT.search(before):
            # "does not constitute a penalty" needs "is not", a rewrite: "does not be" is no English.
            others = [s for s in suggestions if not _is_be(s)]
            return Inflected(others or suggestions, True)
        if tag == "VBP":  # "these acts constitute fraud": the plural present of "be" is "are"
            return Inflected(["are" + s[2:] if _is_be(s) else s for s in suggestions], True)
    if lemma is None or " " in word or " " in lemma or pos not in ("VERB", "NOUN", None) or word == lemma:
        return Inflected(suggestions, True)
    if pos is None and not word.endswith(("ed", "ing")):
        pos = "NOUN"  # a list row for any part of speech: "-s" is a plural or a verb's "-s", the same ending
    if pos == "NOUN":
        if not word.endswith("s") or lemma.endswith("s"):
            return Inflected(suggestions, True)
        return Inflected([_plural(s) for s in suggestions], True)
    form = _verb_form(word, lemma, before, tag)
    if form is None:
        return Inflected(suggestions, True)
    out, safe = [], True
    for suggestion in suggestions:
        inflected, certain = _inflect_verb(suggestion, form)
        out.append(inflected)
        safe = safe and certain
    return Inflected(out, safe)


def _is_be(suggestion: str) -> bool:
    return suggestion == "be" or suggestion.startswith("be ")


def _verb_form(word: str, lemma: str, before: str, tag: str | None) -> str | None:
    if word.endswith("ing"):
        return "VBG"
    if word in (past_tense(lemma), past_tense(lemma, participle=True)):
        if tag in ("VBD", "VBN"):
            return tag
        previous = re.findall(r"[A-Za-z']+", before)[-1:]
        return "VBN" if previous and previous[0].lower() in _PARTICIPLE_BEFORE else "VBD"
    if word == third_person(lemma):
        return "VBZ"
    return None


def _inflect_verb(suggestion: str, form: str) -> tuple[str, bool]:
    """The suggestion's first word in ``form`` ("carry out" -> "carried out")."""
    head, space, rest = suggestion.partition(" ")
    if not head.isalpha() or head.lower() != head:
        return suggestion, True  # "(omit)", a name: leave it as it is
    if head in _MODALS:
        return suggestion, False  # "requires" -> "must": the sentence needs rewording, not "musts"
    if form == "VBG":
        new = present_participle(head)
    elif form == "VBZ":
        new = third_person(head)
    else:
        past, participle = past_tense(head), past_tense(head, participle=True)
        if past is None or participle is None:
            return suggestion, False
        new = participle if form == "VBN" else past
        if past != participle:
            return new + space + rest, False  # "gave" or "given": a guess (spaCy's tag, or the word before)
    return new + space + rest, True


def _plural(suggestion: str) -> str:
    if not suggestion.isalpha() or suggestion.lower() != suggestion:
        return suggestion  # phrases and names keep their form
    # A noun's plural is spelled as a verb's "-s" form, except after "o" ("photos").
    return suggestion + "s" if suggestion.endswith("o") else third_person(suggestion)
