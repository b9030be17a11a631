"""``noun-string``: three or more nouns stacked in a row.

"Underground mine worker safety protection procedures development" makes the reader
work out how each noun relates to the next. With spaCy the check finds runs of common
nouns joined as compounds ("benefit application status request form"). Everyday
pairs that forms use as one term ("phone number", "tax return", "ZIP code") count as
one noun, so "bank account number" is not reported but "benefit application status
request form" is. Names (proper nouns) are not counted. By default four units or more
are reported (warnings); with ``min-nouns = 3`` three units are reported as info. Only
sentences with three content words in a row are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from formlint.checks.base import Check, NlpNeed, Param, register
from formlint.checks.prose import nlp_usable, parse_filtered, prose_sentences, quoted
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity
from formlint.nlp import NlpUnavailable

# Heads that form one everyday term with the noun before them ("phone number").
UNIT_HEADS = frozenset(
    """number numbers address addresses code codes card cards certificate certificates account accounts name names
    date dates return returns form forms id insurance status line lines office offices agency agencies benefit
    benefits program programs plan plans statement statements report reports system systems rate rates""".split()
)
UNIT_PAIRS = frozenset(
    """social security|tax return|health insurance|credit card|bank account|phone number|email address|zip code|
    birth certificate|death certificate|marriage certificate|driver license|passport book|passport card|
    income tax|property tax|case number|file number|account number|routing number|date stamp|time zone|
    child support|health care|home address|mailing address|work phone|cell phone|home phone|web site|
    service member|power of attorney|estate tax|gift tax|sales tax|interest rate|check box""".replace("\n", "").split("|")
)
STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being it its this that these
    those you your we our they their he she his her them us i my me not no if then than so such any all each
    every some more most other into onto over under about after before between during through within without
    must may can will shall should would could might do does did has have had which who whom whose what when
    where why how also only very""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def could_have_noun_string(text: str) -> bool:
    """Three words in a row that are not function words or words in -ed or -ly (``_participle_like``)."""
    run = 0
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in STOPWORDS or _participle_like(lower) or len(lower) < 2:
            run = 0
            continue
        run += 1
        if run >= 3:
            return True
    return False


@register
class NounStringCheck(Check):
    kind = "noun-string"
    nlp = NlpNeed.REQUIRED
    nlp_components = frozenset({"tagger", "parser", "attribute_ruler", "lemmatizer"})
    params = {
        "min-nouns": Param(int, 4, help="report runs of this many nouns (counting everyday pairs as one)"),
        "warning-nouns": Param(int, 4, help="runs of this many are warnings"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        if not nlp_usable(ctx):
            return
        units = list(prose_sentences(self.blocks(doc)))
        minimum: int = self.options["min-nouns"]
        keep = _prefilter(ctx, max(3, minimum))
        for unit, parsed in parse_filtered(units, ctx, keep):
            for tokens, count in noun_runs(parsed):
                if count < minimum:
                    continue
                start, end = unit.span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
                match = unit.block.text[start:end]
                if ctx.accepted(match) or quoted(unit.block.text, start, end):
                    continue  # accepted, or a quoted name to copy as written ("a “brinulator valve control ring”")
                yield self.span_finding(
                    unit.block, start, end, sentence=(unit.start, unit.end),
                    severity=Severity.WARNING if count >= self.options["warning-nouns"] else None,
                    suggestions=[_unstack(tokens)], nouns=len(tokens),
                    fingerprint=f"nouns:{match.lower()}",
                )


def _prefilter(ctx: CheckContext, length: int) -> Callable[[str], bool]:
    """Sentences that could hold a run of ``length`` nouns: the cheap word test, then
    spaCy's tokenizer (the parse's own tokens, at a small part of the cost of tagging)
    must find ``length`` tokens in a row that ``noun_runs`` could take, whatever their
    tags, function words excepted (as in ``could_have_noun_string``). Parsing all
    16,099 prose sentences of the corpus found no reported run with a function word in
    it (benchmarks/README.md, "Speed"), so the filter loses nothing there."""

    def keep(text: str) -> bool:
        if not could_have_noun_string(text):
            return False
        try:
            if letter_runs_allow(text, length, ctx.nlp.special_cases()) is False:
                return False  # the tokenizer could not find such a run either
            tokens = ctx.nlp.tokenize(text)
        except NlpUnavailable:
            return True  # parse_filtered finds spaCy missing and parses nothing
        if token_runs_allow(tokens, length):
            return True
        ctx.nlp.forget_tokens(text)
        return False

    return keep


def token_runs_allow(tokens: Any, length: int) -> bool:
    """Whether ``length`` tokens in a row could be nouns of one run (``noun_runs``),
    whatever their tags: not function words, not words in -ed or -ly, and a capital after a
    lowercase word starting a run of its own."""
    run = 0
    previous_lower = False
    for token in tokens:
        if _candidate(token) and token.lower_ not in STOPWORDS and not _participle_like(token.lower_):
            run = 1 if run and token.text[:1].isupper() and previous_lower else run + 1
            previous_lower = token.text[:1].islower()
            if run >= length:
                return True
        else:
            run = 0
    return False


LETTERS = re.compile(r"[^\W\d_]+")


def letter_runs_allow(text: str, length: int, special_cases: frozenset[str]) -> bool | None:
    """The tokenizer test of ``_prefilter`` on raw text, at a fifth of the cost: False when
    no ``length`` candidate tokens can stand in a row, True when they may, None when a
    word is one the tokenizer splits by a rule of its own ("cannot", "gonna").

    An alphabetic token lies within one run of letters, and two tokens in a row are
    separated by spaces only, or by nothing when such a rule split one run; so a word
    that fails the candidate test here fails it as a token. On every prose sentence of
    the corpus it never said False where the tokenizer found a run
    (tests/plain/test_noun_string_prefilter.py checks the fixtures)."""
    run = 0
    previous_end: int | None = None
    previous_lower = False
    for match in LETTERS.finditer(text):
        word = match.group(0)
        if word in special_cases:
            return None
        if previous_end is not None and not text[previous_end:match.start()].isspace():
            run = 0  # punctuation in between is a token of its own
        previous_end = match.end()
        lower = word.lower()
        if not word.isupper() and _noun_like_word(lower) and lower not in STOPWORDS and not _participle_like(lower):
            # A capital after a lowercase word starts a run of its own (``_new_label``).
            run = 1 if run and word[:1].isupper() and previous_lower else run + 1
            previous_lower = word[:1].islower()
            if run >= length:
                return True
        else:
            run = 0
    return False


#: Nouns in -ed and -ly, which ``_participle_like`` must not take for participles and adverbs.
ED_LY_NOUNS = frozenset("""hundred thread spread bread seabed riverbed bed shed watershed bloodshed homestead
    creed greed breed speed seed feed need deed weed reed steed sled shred embed
    supply family assembly monopoly reply ally anomaly rally belly bully jelly lily fly butterfly""".split())


def _participle_like(word: str) -> bool:
    """A word in -ed or -ly that is not a known noun: "activated carbon", "federally insured
    credit union". spaCy tags such words as verbs, adjectives or adverbs, never in a run of
    nouns (measured on every parsed sentence of the corpus: no noun string lost)."""
    return len(word) > 4 and word.endswith(("ed", "ly")) and word not in ED_LY_NOUNS


def _candidate(token: Any) -> bool:
    """What ``noun_runs`` requires of a token besides its part of speech and head."""
    return bool(token.is_alpha and not token.is_upper and _noun_like(token))


ADJECTIVE_ENDINGS = ("ic", "ous", "ive", "able", "ible", "ful", "less", "al")
AL_NOUNS = frozenset("""approval proposal withdrawal rental arrival referral disposal renewal removal denial appraisal
    dismissal survival portal capital hospital animal principal individual official signal material journal tribunal
    total interval manual terminal arsenal festival rival trial proposal""".split())


def _noun_like(token: Any) -> bool:
    """The tagger calls some technical adjectives nouns ("monoclonal"): a word with an
    adjective ending is not counted unless it is a common noun with that ending."""
    return _noun_like_word(token.lower_)


def _noun_like_word(word: str) -> bool:
    return not word.endswith(ADJECTIVE_ENDINGS) or word in AL_NOUNS


def noun_runs(sent: Any) -> Iterator[tuple[list[Any], int]]:
    """Maximal runs of common nouns in which every noun but the last modifies a later
    one, with the number of units (everyday pairs count once)."""
    run: list[Any] = []
    for token in list(sent) + [None]:
        if token is not None and token.pos_ == "NOUN" and _candidate(token):
            if not run or (run[-1].dep_ in ("compound", "nmod", "amod") and run[-1].head.i >= token.i
                           and not _new_label(run[-1], token)):
                run.append(token)
                continue
            yield from _emit(run)
            run = [token]
            continue
        yield from _emit(run)
        run = []


def _new_label(previous: Any, token: Any) -> bool:
    """A capital after a lowercase noun starts another label run together with this one in a
    PDF ("passport card number Card Issue date")."""
    return token.text[:1].isupper() and previous.text[:1].islower()


def _emit(run: list[Any]) -> Iterator[tuple[list[Any], int]]:
    while run and run[0].i > 0 and run[0].doc[run[0].i - 1].text == "-":
        run = run[1:]  # "closed-end management investment companies": the string is a term
    if len(run) < 3:
        return
    first = run[0]
    if first.i > 1 and first.doc[first.i - 1].text == "-":
        return
    count = len(run)
    words = [t.lower_ for t in run]
    index = 1
    while index < len(words):
        pair = f"{words[index - 1]} {words[index]}"
        if pair in UNIT_PAIRS or (words[index] in UNIT_HEADS and index == len(words) - 1):
            count -= 1
            index += 2
            continue
        index += 1
    yield run, count


def _unstack(tokens: list[Any]) -> str:
    """A hint, not a rewrite: the head first, the rest after "for". The head keeps the
    nouns the parse hangs on it directly ("combat zone tax exclusion" -> "tax exclusion
    for combat zone", "heat pump water heaters" -> "water heaters for heat pump"), so a
    term of two words is not torn apart. A run that starts its sentence with a capital
    only for that ("Student loan interest deduction") moves the capital to the head:
    "Deduction for student loan interest"."""
    words = [t.text for t in tokens]
    size = head_size(tokens)
    if _capital_of_the_sentence(tokens[0]):
        words[0] = words[0].lower()
        first_of_head = len(words) - size
        words[first_of_head] = words[first_of_head][:1].upper() + words[first_of_head][1:]
    return f"{' '.join(words[-size:])} for {' '.join(words[:-size])} (reword with a verb or prepositions)"


def head_size(tokens: list[Any]) -> int:
    """How many words of the run make its head: the last noun, and the nouns right before
    it that modify it directly and have no modifier of their own in the run ("water" in
    "heat pump water heaters", where "heat" modifies "pump"). One word where that would
    leave nothing before the head (the parse hangs every noun on the last one)."""
    head = tokens[-1]
    size = 1
    for token in reversed(tokens[:-1]):
        if token.head.i != head.i or any(other.head.i == token.i for other in tokens if other.i != token.i):
            break
        size += 1
    return size if size < len(tokens) else 1


# What may come before the first word of a sentence: numbers, marks and list labels ("(a)", "2.", "iv)").
_BEFORE_THE_FIRST_WORD = re.compile(r"(?:[\W\d_]|\(?\b[a-z]{1,2}\)|\b[ivx]{1,4}[.)]|\b[A-Za-z][.)])*", re.IGNORECASE)


def _capital_of_the_sentence(token: Any) -> bool:
    """A capitalised word (not a name, not in capitals) with no word before it."""
    text = token.text
    if not (text[:1].isupper() and text[1:].islower()) or token.pos_ == "PROPN":
        return False
    before = token.doc.text[:token.idx]
    return _BEFORE_THE_FIRST_WORD.fullmatch(before) is not None
