"""``passive-voice``: passive clauses, and requirements that hide who must act.

With spaCy, a clause is passive when its verb is a past participle with a passive
auxiliary (a form of "be" or "get", dependency ``auxpass``). Stative uses, where the
participle describes a state rather than an action ("the office is closed", "is
located", "are married", "is based on"), are not passive in the sense the Federal
Plain Language Guidelines mean and are not reported. A passive governed by an
obligation (must, shall, should, need to, has to, is required to, "requires that it
be") with no "by ..." agent is a warning: nobody reading it can tell who must act.
Every other passive is info. Where the clause has a subject, the finding offers the
active sentence with the agent, "you" (obligations, can) or "we" (the agency's own
actions) as the actor; "we" only where the writer speaks as "we" near the sentence and
not for a past act of someone unnamed (``_we_is_a_fair_guess``).

Only sentences that pass a cheap pre-filter (a form of "be"/"get" followed within a
few words by something that could be a participle) are parsed. Without spaCy
(``--no-nlp``) the same pattern, with the stative list, reports the passives it is
sure of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from formlint.checks.base import Check, NlpNeed, Param, register
from formlint.checks.prose import Sentence, nlp_usable, parse_filtered, prose_sentences, quoted
from formlint.checks.verbforms import IRREGULAR_PARTICIPLES, past_tense, third_person
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity

BE_FORMS = frozenset({"be", "am", "is", "are", "was", "were", "been", "being", "'s", "\u2019s", "'re",
                      "\u2019re", "get", "gets", "got", "gotten", "getting", "isn't", "aren't", "wasn't",
                      "weren't"})
AUXPASS_LEMMAS = frozenset({"be", "get", "'s", "\u2019s", "'re", "\u2019re"})
OBLIGATION_MODALS = frozenset({"must", "shall", "should", "ought"})
OBLIGATION_GOVERNORS = frozenset({"need", "have", "require", "obligate"})
# "requires that disclosures be presented" is an obligation; "recommends that it be used" is not.
SUBJUNCTIVE_GOVERNORS = frozenset({"require", "important", "necessary", "essential", "mandatory", "vital",
                                   "demand", "insist"})
# Participles that describe a state, not an action, after "be" (reference stative list
# plus those the accuracy set showed; see benchmarks/accuracy/README.md).
STATIVE = frozenset(
    """located situated married divorced widowed separated born deceased disabled retired employed
    unemployed enrolled aged based supposed interested involved concerned related finished stuck
    entitled licensed insured composed comprised accustomed dressed tired pleased headquartered""".split()
)
# "X is attached to the land" (a state) but "if Form G-28 is attached" (someone attached it).
STATIVE_BEFORE_PREP = {"attached": {"to"}, "divided": {"into"}, "made": {"up", "of", "from"}, "prepared": {"to"},
                       "tied": {"to"}, "linked": {"to"}, "connected": {"to", "with"}, "composed": {"of"},
                       # what someone is busy with: "staff are actively engaged in examinations"; what goes
                       # with what: "income effectively connected with a trade" (not "invested in": "the I
                       # Fund is invested in an index fund" is an act, labelled so in the accuracy set)
                       "engaged": {"in"}, "associated": {"with"}, "equipped": {"with"},
                       "contained": {"in", "within"},  # "the authority is contained in 47 U.S.C. 151": it is there
                       "committed": {"to"}, "dedicated": {"to"},  # "VA is committed to providing equal access"
                       # what a thing is made of: "the gown is constructed from polypropylene"
                       "constructed": {"of", "from"}, "fabricated": {"of", "from"}, "woven": {"of", "from"},
                       "knitted": {"of", "from"}}
# States only in the present tense: "the office is closed" (but "we closed your file").
PRESENT_STATIVE = frozenset({"closed"})
# Idioms with "get" that name no act done to anyone: "to get started" (begin), "get used to",
# "get rid of", "get lost" (but "you get paid" and "it got approved" are passives).
GET_IDIOMS = frozenset({"started", "used", "rid", "lost", "acquainted", "organized", "settled", "engaged"})
GET_FORMS = frozenset({"get", "gets", "got", "gotten", "getting"})
SUBORDINATORS = frozenset({"if", "unless", "until", "when", "once", "after", "before", "whether", "while"})
# With "can"/"could" the reader usually acts when the verb is one of these ("can be
# found" -> "you can find"); otherwise the agency does ("cannot be paid" -> "we cannot pay").
READER_VERBS = frozenset(
    """find see view use download access obtain get reach print read submit file send mail apply
    request order complete fill sign attach upload save print call contact visit review check present
    enclose need""".split()
)
# "Make" is the reader's when what is made is the reader's own act: "an investment
# allocation can be made at tsp.gov" -> "you can make", "if the deposit is not made" -> "if
# you do not make the deposit" (but "a determination can be made" and "an exception may be
# made" are the agency's, "payments may be made to the estate" is the agency paying, and in
# a regulation "after the request is made" is the consumer's, whom it does not address).
READER_ACTS = frozenset({"withdrawal", "allocation", "election", "contribution", "transfer", "change", "deposit",
                         "appointment", "choice", "selection", "reservation"})
# What the public does not do, even when it is required: "Your form must be received by
# May 1" -> "We must receive your form by May 1", not "You must receive".
AGENCY_VERBS = frozenset({"receive", "approve", "grant", "deem", "deny", "accept", "award", "allot", "hear",
                          "issue"})
# What the law does, not the agency that writes: "will be taxed", "is treated as income" (a
# TSP notice that speaks as "we" does not tax anyone). No "we" is guessed for these.
BY_LAW_VERBS = frozenset({"tax", "treat"})
# What the public pays: "for each month the tax is not paid" is the reader's payment, not "we do not pay".
PUBLIC_DEBTS = frozenset({"tax", "fee", "penalty", "premium", "charge", "fine", "interest", "debt", "duty"})
NAMING = frozenset({"call", "name", "term", "title", "know", "refer", "label", "designate"})
PHRASAL_STATES = {("sign", "in"), ("log", "in"), ("sign", "up"), ("log", "on")}
# "by mail", "by June 1", "by going to our website", "by reference to the date": the means, a
# time or a relation, not the actor.
NOT_AGENTS = frozenset(
    """mail email e-mail phone telephone fax name hand check appointment post courier internet
    deadline date time end beginning noon midnight today tomorrow reference virtue reason""".split()
)
# "by one of the following methods", "by electronic means": how, not who.
MEANS = frozenset({"method", "means", "way", "manner"})
# Alone these name an instrument, not an actor: "actions shall be issued by order", "by
# consent". With "of" they name one ("by order of the court"), and "by law" is an actor too
# ("required by law": "the law requires").
BARE_MEANS = frozenset({"order", "permission", "consent"})
# Verbs of sending something to someone: "submitted to NMFS" names who receives it, not who
# sends it (see _sent_to_a_named_party).
SENDING_VERBS = frozenset({"submit", "send", "forward", "mail", "deliver", "report", "file", "transmit",
                           "return", "fax", "email", "e-mail", "resubmit", "remit"})
QUANTIFIERS = frozenset({"any", "one", "either", "each", "all", "some", "both"})
# Parties a regulation or notice names as actors: the main clause's subject among these makes
# a condition theirs, not the reader's.
PARTIES = frozenset("""petitioner applicant creditor claimant respondent employer agency commission secretary
    department court board lender borrower taxpayer beneficiary participant member person individual company
    exchange registrant licensee permittee grantee recipient owner operator administrator director party
    requester issuer broker dealer insurer provider""".split())
LINKING_ADVERBS = frozenset({"so", "thus", "hence", "therefore", "then", "also", "yet"})
MONTHS = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)
# "X shall ensure that each item is furnished": the one who ensures acts, not "we".
ENSURING_VERBS = frozenset({"ensure", "assure", "insure", "verify", "certify", "confirm"})
# The writer speaking as "we": "US" in capitals is the country.
FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|WE|[Oo]ur|OUR|ours|us)\b")
VOICE_EVIDENCE_WORDS = 1000
VOICE_WINDOW = 15
OBJECT_PRONOUNS = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "who": "whom"}
SUBJECT_PRONOUNS = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they", "whom": "who"}

_PARTICIPLE = r"(?:[a-z]+(?:ed|en|wn|ne|pt|lt|nt|ght|id|ld|un|ung|ck|ut|et|ad|it|st|ot)|" + "|".join(
    sorted(IRREGULAR_PARTICIPLES, key=len, reverse=True)) + r")"
_BE = r"(?:\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|isn['\u2019]t|aren['\u2019]t|" \
      r"wasn['\u2019]t|weren['\u2019]t)\b|['\u2019](?:s|re)\b)"
# Pre-filter: a form of be/get, then up to three words (adverbs, "not", a subject in a
# question), then a word that could be a participle. Deliberately generous.
PREFILTER = re.compile(_BE + r"(?:\s+[\w'\u2019-]+){0,3}?\s+" + _PARTICIPLE + r"\b", re.IGNORECASE)
# Without spaCy: be/get, optional adverbs or "not", a participle; nothing else between.
FALLBACK = re.compile(
    r"\b(?P<aux>(?:(?:must|shall|should|will|would|can|could|may|might|cannot)\s+(?:not\s+)?be|"
    r"(?:has|have|had)\s+(?:not\s+)?been|to\s+be|being|am|is|are|was|were|been|get|gets|got))"
    r"(?P<adv>(?:\s+(?:not|also|then|hereby|only|automatically|usually|generally|always|never|still|"
    r"already|often|normally|typically|immediately|promptly|[a-z]+ly))*)\s+"
    r"(?P<verb>[a-z]+ed|" + "|".join(sorted(IRREGULAR_PARTICIPLES, key=len, reverse=True)) + r")\b"
    r"(?P<next>\s+\w+)?",
    re.IGNORECASE,
)


def could_be_passive(text: str) -> bool:
    return PREFILTER.search(text) is not None


@dataclass(frozen=True)
class Passive:
    start: int  # sentence-relative span of the verb phrase ("must be signed")
    end: int
    obligation: bool
    agent: bool
    rewrite: str | None


@register
class PassiveVoiceCheck(Check):
    kind = "passive-voice"
    nlp = NlpNeed.OPTIONAL
    nlp_components = frozenset({"tagger", "parser", "attribute_ruler", "lemmatizer"})
    params = {
        "obligation-message": Param(str, '"{match}" does not say who must act.',
                                    help="message for a requirement in the passive with no agent"),
        # The rule's own message says the actor is missing; with a "by ..." agent that
        # would be false, so a passive that names its actor gets its own message.
        "agent-message": Param(str, 'Passive voice: "{match}" names who acts only at the end; start with them.',
                               help="message for a passive that names its actor (\"by ...\")"),
        "prefilter": Param(bool, True, help="parse only sentences that could hold a passive (for benchmarks)"),
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        units = list(prose_sentences(self.blocks(doc)))
        if not nlp_usable(ctx):
            yield from self._fallback(units, ctx)
            return
        keep = could_be_passive if self.options["prefilter"] else (lambda _text: True)
        voice = dict(zip(map(id, units), speaks_as_we(units)))
        for unit, parsed in parse_filtered(units, ctx, keep):
            for passive in find_passives(parsed, voice[id(unit)]):
                if not quoted(unit.block.text, *unit.span(passive.start, passive.end)):
                    yield self._finding(unit, passive, ctx)

    def _finding(self, unit: Sentence, passive: Passive, ctx: CheckContext) -> Finding:
        start, end = unit.span(passive.start, passive.end)
        match = unit.block.text[start:end]
        warn = passive.obligation and not passive.agent
        message = self.options["obligation-message"] if warn else None
        if passive.agent and not warn:
            message = self.options["agent-message"]
        return self.span_finding(
            unit.block, start, end,
            sentence=(unit.start, unit.end),
            severity=Severity.WARNING if warn else self.rule.severity,
            suggestions=[passive.rewrite] if passive.rewrite else [],
            message=message,
            fingerprint=f"{match.lower()}:{unit.text[:60].lower()}",
        )

    def _fallback(self, units: list[Sentence], ctx: CheckContext) -> Iterator[Finding]:
        for unit in units:
            for match in FALLBACK.finditer(unit.text):
                verb = match.group("verb").lower()
                following = (match.group("next") or "").strip().lower()
                aux = match.group("aux").lower()
                if verb in STATIVE or _stative_by_preposition(verb, following):
                    continue
                if verb in GET_IDIOMS and aux in GET_FORMS:
                    continue
                if verb in PRESENT_STATIVE and aux in ("is", "are", "am"):
                    continue
                obligation = aux.split()[0] in OBLIGATION_MODALS
                agent = following == "by"
                if quoted(unit.block.text, *unit.span(match.start(), match.end("verb"))):
                    continue  # someone else's words: a quotation
                yield self._finding(unit, Passive(match.start(), match.end("verb"), obligation, agent, None), ctx)


def _stative_by_preposition(participle: str, following: str) -> bool:
    preps = STATIVE_BEFORE_PREP.get(participle)
    return preps is not None and following in preps


# -- detection on a parse -------------------------------------------------------------


def speaks_as_we(units: list[Sentence]) -> list[bool]:
    """For each sentence, whether the writer speaks as "we" around it, so that "we" is a
    fair guess at the actor of a passive with none.

    Regulations and reporting templates mostly do not: "a lessor must indicate whether the
    wholesale value will be used" is the lessor's act, and "we" there names nobody. One
    file can hold both (a Federal Register issue gathers many agencies' documents; a
    regulation's model notices speak as the creditor's "we"), so the evidence is looked
    for near the sentence: within VOICE_WINDOW sentences either side. A short text gives
    too little evidence either way, and the plain-language guidelines' convention (the
    agency is "we") stands."""
    if sum(len(unit.text.split()) for unit in units) < VOICE_EVIDENCE_WORDS:
        return [True] * len(units)
    seen = [0]
    for unit in units:
        seen.append(seen[-1] + (FIRST_PERSON_PLURAL.search(unit.text) is not None))
    last = len(units)
    return [seen[min(last, i + VOICE_WINDOW + 1)] > seen[max(0, i - VOICE_WINDOW)] for i in range(last)]


def find_passives(sent: Any, agency_voice: bool = True) -> list[Passive]:
    found: list[Passive] = []
    verbs: list[int] = []  # the participle of each passive found, by token index
    used: set[int] = set()
    for token in sent:
        if token.dep_ != "auxpass" or token.i in used:
            continue
        verb = token.head
        if verb.i in used or not _is_passive_verb(verb, token):
            continue
        used |= {token.i, verb.i}
        chain = _verb_chain(sent, verb)
        start = chain[0].idx
        governor = verb.head
        if verb.dep_ == "xcomp" and governor.i == chain[0].i - 1 and governor.lemma_.lower() in OBLIGATION_GOVERNORS:
            start = governor.idx  # report "needs to be signed", not "to be signed"
            if governor.i in verbs:
                # "are required to be given": one requirement, not the passive "are required"
                # and then "required to be given"; it is reported once, from "are".
                index = verbs.index(governor.i)
                start = found[index].start
                del found[index], verbs[index]
        end = verb.idx + len(verb.text)
        agent = _agent(verb)
        found.append(Passive(start, end, _obligation(verb, chain), agent is not None,
                             _rewrite(sent, verb, chain, agent, agency_voice)))
        verbs.append(verb.i)
    return found


def _is_passive_verb(verb: Any, aux: Any) -> bool:
    if verb.tag_ not in ("VBN", "VBD"):
        return False  # "you are aged 65": an adjective
    if aux.lemma_.lower() not in AUXPASS_LEMMAS and aux.text.lower() not in BE_FORMS:
        return False  # "becomes obligated": a change of state
    word = verb.text.lower()
    if word in STATIVE or verb.lemma_.lower() in STATIVE:
        return False
    if word in GET_IDIOMS and aux.text.lower() in GET_FORMS:
        return False
    following = verb.nbor(1).text.lower() if verb.i + 1 < len(verb.doc) else ""
    if _stative_by_preposition(word, following):
        before = [t.lemma_.lower() for t in verb.doc[max(0, verb.i - 4):verb.i]]
        if not (word == "made" and "use" in before):  # "the uses to be made of the information" is an act
            return False
    if word in PRESENT_STATIVE and aux.text.lower() in ("is", "are", "am", "'s", "\u2019s", "'re", "\u2019re"):
        return False
    if (verb.lemma_.lower(), following) in PHRASAL_STATES:
        after = verb.nbor(2) if verb.i + 2 < len(verb.doc) else None
        if after is None or after.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
            return False  # "users who are signed in" (but "signed in blue ink" is an action)
    for child in verb.children:
        if verb.lemma_.lower() in NAMING and child.dep_ in ("oprd", "attr"):
            return False  # "the field is called the area number"
    if verb.lemma_.lower() in NAMING and following in ("as", "\"", "\u201c"):
        return False  # "is known as", "is called “group number”"
    return True


def _verb_chain(sent: Any, verb: Any) -> list[Any]:
    """The auxiliaries, negation and adverbs right before the participle, in order."""
    chain = [verb]
    index = verb.i - 1
    while index >= 0:
        token = sent[index]
        if token.head.i == verb.i and token.dep_ in ("aux", "auxpass", "neg", "advmod"):
            chain.insert(0, token)
            index -= 1
            continue
        break
    while chain[0].dep_ == "advmod" and len(chain) > 1:
        chain.pop(0)  # "EVER been excluded" reads better as "been excluded"
    return chain


def _agent(verb: Any) -> Any | None:
    candidates = list(verb.children)
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.tag_ == "VBN":
            candidates += list(conj.children)  # "signed and dated by the applicant"
    for child in candidates:
        if child.dep_ != "agent":
            continue
        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        if not objects:
            return None
        head = objects[0]
        quantity = _of_object(head) if head.lower_ in QUANTIFIERS else None
        if quantity is not None:  # "by one of the parents", "by any of the following methods"
            return None if _names_a_means(quantity) else child
        if head.tag_ == "VBG" or head.like_num or MONTHS.match(head.text):
            return None  # "by going to our website", "by May 1"
        if child.i > 0 and child.doc[child.i - 1].lower_ == head.lower_:
            return None  # "listed row by row", "step by step", "one by one": how, not who
        if head.lemma_.lower() in MEASURES:
            return None  # "reduced by 40 cents", "increased by $10": how much, not who
        if _names_a_means(head):
            return None  # "by mail", "by electronic means"
        return child
    return None


#: What "by" measures rather than who acts: "reduced by 40 cents", "by 10 percent", "by $5".
MEASURES = frozenset("""cent dollar $ percent % point day week month year hour minute half third quarter
    factor""".split())


def _names_a_means(head: Any) -> bool:
    """"by mail", "by electronic means": the phrase after "by" is a way of doing it; so is
    "by operation of law" (but "affected by CBP operations" names who acts)."""
    if head.lower_ == "operation" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return True
    if head.lower_ in BARE_MEANS and not list(head.children):
        return True  # "by order", but not "by court order" or "by order of the court"
    return bool({head.lemma_.lower(), head.lower_} & (MEANS | NOT_AGENTS))


def _of_object(head: Any) -> Any | None:
    """"methods" in "any of the following methods"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _obligation(verb: Any, chain: list[Any]) -> bool:
    words = {t.text.lower() for t in chain} | {t.lemma_.lower() for t in chain}
    if words & OBLIGATION_MODALS:
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBLIGATION_GOVERNORS:
        return True  # "needs to be signed", "has to be filed", "is required to be submitted"
    if verb.dep_ == "ccomp" and head.lemma_.lower() in SUBJUNCTIVE_GOVERNORS:
        aux = [t for t in chain if t.dep_ == "auxpass"]
        if aux and aux[0].text.lower() == "be" and not any(t.dep_ == "aux" for t in chain):
            return True  # "requires that disclosures be presented"
    if head.dep_ == "acomp" or head.pos_ == "ADJ":
        pass
    return False


# -- the active rewrite ------------------------------------------------------------------


def _joined_participle(token: Any) -> bool:
    """A second participle that shares the passive's subject: "attached and made", not a
    clause of its own ("would be affected ... but the Board seeks comments")."""
    return token.dep_ == "conj" and token.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _nominal_complement(token: Any) -> bool:
    """A noun phrase that completes a verb: a second passive joined to the first by "and"
    that has one ("attached and made a part of") cannot share the first one's object. (The
    small model also calls "pursuant" in "published pursuant to" a complement: not a noun.)"""
    return token.dep_ in ("oprd", "dobj", "attr") and token.pos_ in ("NOUN", "PROPN", "PRON")


def _rewrite(sent: Any, verb: Any, chain: list[Any], agent: Any | None, agency_voice: bool = True) -> str | None:
    """The sentence with this clause in the active voice, or None when unsure."""
    if verb.lemma_.lower() in ("require", "obligate"):
        return _required_to(sent, verb, chain)
    if verb.lemma_.lower() in HEARSAY_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # "dolphins are known to exhibit": "we know dolphins to exhibit" is no plainer
    if verb.lemma_.lower() in PERMISSION_VERBS and agent is None:
        permitted = _permitted_to(sent, verb, chain)
        if permitted is not None:
            return permitted
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("need", "have") and agent is None:
        return _need_to(sent, verb, chain)
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects:
        return None
    subject = subjects[0]
    subject_tokens = _subject_phrase(subjects)
    if subject_tokens is None:
        return None
    if subject_tokens[-1].i >= chain[0].i or any(t.i > verb.i for t in subject_tokens):
        return None  # questions and inverted clauses: no safe rewrite
    if subject_tokens[0].is_punct or any(_separator(t) for t in subject_tokens):
        return None  # a bullet or a dash inside the "subject": the parser joined two phrases
    first = subject_tokens[0]
    if first.lower_ in LINKING_ADVERBS:
        return None  # "so less money is taken out": "so" joins the clause, it is not part of the subject
    if first.i > 0 and sent[first.i - 1].dep_ in ("npadvmod", "compound", "amod", "nmod"):
        return None  # "This time limit": the parser split the subject
    if first.i > 0 and sent[first.i - 1].lemma_ == "be" and sent[first.i - 1] not in chain:
        return None  # "Whether leased property is a motor vehicle is determined": the "subject" is a complement
    if any(t.lower_ in ("how", "what", "where", "when", "why", "whether") for t in subject_tokens):
        return None  # "this is how form data is stored": the parser put the wh-word in the subject
    if _pied_piped(subject_tokens):
        return None  # "eight or more of which would be appointed": "which" alone is rewritten, not inside a phrase
    if any(_joined_participle(c) and any(_nominal_complement(g) for g in c.children) for c in verb.children):
        return None  # "should be attached and made a part of this application": the joined verb has its own complement
    if any(t.dep_ not in ("aux", "auxpass", "neg") for t in sent[subject_tokens[-1].i + 1:verb.i]):
        return None  # "was initially submitted": the rewrite would drop the words in between
    roots = [t for t in sent if t.dep_ == "ROOT"]
    if roots and roots[0].pos_ not in ("VERB", "AUX"):
        return None  # the parser did not find the main verb: its subjects are guesses
    aux = [t for t in chain if t.dep_ in ("aux", "auxpass")]
    negated = any(t.dep_ == "neg" for t in chain)
    modals = [t for t in aux if t.tag_ == "MD"]
    passive_aux = [t for t in aux if t.dep_ == "auxpass"]
    if not passive_aux:
        return None
    conjuncts = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"
                 and not any(a.dep_ in ("aux", "auxpass") for a in c.children)]  # "and will be based": its own clause
    if len(conjuncts) > 1 or _shares_the_subject(verb, conjuncts):
        return None  # "postmarked and mailed, shipped, or sent"; "modeled ... and will be posted"
    if _dangling_participle_after(sent, max([verb, *conjuncts], key=lambda t: t.i)):
        return None  # "signed, dated, and then witnessed by the same person": the parser hung "witnessed" elsewhere
    lemmas = [verb.lemma_] + [c.lemma_ for c in conjuncts]
    if any(not lemma.isalpha() for lemma in lemmas):
        return None
    joining = next((c.lower_ for c in verb.children if c.dep_ == "cc" and c.lower_ in ("and", "or")), "and")

    if agent is not None and any(c.dep_ == "conj" for c in agent.children):
        return None  # "by one of the creditors ..., or by a third party": two actors, no one subject
    expletive = len(subjects) == 1 and subject.text.lower() == "it" and any(
        c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    if agent is not None:
        agent_tokens = sorted(agent.subtree, key=lambda t: t.i)
        if any(_SENTENCE_BREAK.match(t.text) and t.i < len(sent) - 1 or _GLUED_FOOTNOTE.search(t.text)
               for t in agent_tokens):
            return None  # "by the Participants (“CAT Fees”).12 The ...": the parse ran past the sentence
        agent_tokens = _closed_brackets(sent, agent_tokens)
        if agent_tokens is None:
            return None
        after = agent_tokens[-1].i + 1
        if after < len(sent) and sent[after].lower_ == "of":
            return None  # "by paragraph (c)(2) of this section": the parser cut the actor short
        actor_tokens = agent_tokens[1:]
        if not any(t.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "CD") for t in actor_tokens):
            return None  # "covered by a" at the end of a PDF block: the actor was cut off
        actor = "".join(t.text_with_ws for t in actor_tokens).strip()
        actor = SUBJECT_PRONOUNS.get(actor.lower(), actor) if len(actor_tokens) == 1 else actor  # "by them" -> "they"
        if actor == "law":
            actor = "the law"  # "required by law" -> "the law requires", not "law requires"
        heads = [c for c in agent.children if c.dep_ == "pobj"]
        plural_actor = bool(heads) and (heads[0].tag_ in ("NNS", "NNPS")
                                        or any(c.dep_ == "conj" for c in heads[0].children))
        third = not plural_actor and actor.lower() not in ("you", "we", "they", "i")
    else:
        agent_tokens = []
        modal_words = {m.text.lower() for m in modals}
        reader_verb = verb.lemma_.lower() in READER_VERBS or (
            verb.lemma_.lower() == "make" and subject.lemma_.lower() in READER_ACTS)
        reader_can = bool(modal_words & {"can", "ca", "could", "may"}) and reader_verb  # "may be submitted"
        # "unless it is signed", "if false information is provided": the reader's own act.
        reader_condition = not modals and reader_verb and any(
            c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in verb.children)
        if reader_condition and _someone_else_answers(verb):
            reader_condition = False
        you = bool(modal_words & OBLIGATION_MODALS) or reader_can or reader_condition or _obligation(verb, chain)
        you = you and verb.lemma_.lower() not in AGENCY_VERBS  # "must be received by May 1": not the reader
        actor = "you" if you and subject.text.lower() != "you" else "we"
        if actor == "you" and _goes_to_the_reader(verb):
            return None  # "A statement should be sent to you": someone else sends it, not "you ... to you"
        if actor == "we" and subject.lower_ in ("we", "us"):
            return None  # "We are authorized to ..." is not "We authorize us to ..."
        if actor == "we" and modals and any(a.lemma_.lower() == "have" for a in aux):
            return None  # "documents should have been issued": an expectation about the past, not our act
        if actor == "we" and (not _we_is_a_fair_guess(sent, aux, subject_tokens, agency_voice)
                              or _main_clause_names_someone(verb) or _sent_to_a_named_party(verb)
                              or _not_the_agencys_act(verb, subject)):
            return None
        third = False

    verb_phrase = _active_verb(lemmas, aux, modals, passive_aux[0], negated, third, joining)
    if verb_phrase is None:
        return None
    relative = len(subjects) == 1 and subject.lower_ in ("that", "which", "who")
    if expletive or relative:
        obj = ""  # "It is recommended that" -> "We recommend that"; "a form that is signed" -> "that you sign"
    else:
        obj = _as_object(_without_echo(subject_tokens, verb))
    text = sent.text
    base = 0  # each sentence is parsed as its own Doc
    clause_start = subject_tokens[0].idx - base
    clause_end = verb.idx + len(verb.text) - base
    if conjuncts:
        last = max(conjuncts, key=lambda t: t.i)
        clause_end = last.idx + len(last.text) - base
    before = text[:clause_start]
    after = text[clause_end:]
    if agent_tokens:
        a_start = agent_tokens[0].idx - base
        a_end = agent_tokens[-1].idx + len(agent_tokens[-1].text) - base
        if a_start >= clause_end:
            after = text[clause_end:a_start].rstrip() + text[a_end:]
    # The clause starts the sentence, perhaps after an opening bracket or quote: "(The rules ...".
    starts_sentence = before.strip(" ([\"\u201c\u2018'") == "" or _LIST_LABEL.fullmatch(before) is not None
    actor_text = actor[:1].upper() + actor[1:] if starts_sentence else actor
    if not starts_sentence and actor_text[:1].isupper() and actor.lower() in ("you", "we"):
        actor_text = actor.lower()
    if relative:
        pronoun = "that" if subject.lower_ == "that" else ("which" if subject.lower_ == "which" else "whom")
        core = " ".join((pronoun, actor.lower() if actor.lower() in ("you", "we") else actor, verb_phrase))
    else:
        core = " ".join(part for part in (actor_text, verb_phrase, _without_closing_comma(obj, after)) if part)
    return _excerpt(before, core, after)


# A token that ends a sentence inside an agent phrase: ".", ";", ":", or ").12" (a footnote number).
_SENTENCE_BREAK = re.compile(r"^\)?[.;:]\d*$")
# A sentence's end and its footnote number glued to a word: "Fees”).12".
_GLUED_FOOTNOTE = re.compile(r"[)\u201d\"'\u2019]\.\d+$")
# List labels before a sentence: "(1) ", "(a)(2) ", "3. ", "iv) ".
_LIST_LABEL = re.compile(r"\s*(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s*)+", re.IGNORECASE)

# Dependency labels of a clause inside a phrase ("applications that arrive late").
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})


def _pied_piped(subject_tokens: list[Any]) -> bool:
    """The subject is a phrase around a relative word ("eight or more of which", "whose
    address"), not the word alone ("which") and not a noun with a clause of its own
    ("applications that arrive late")."""
    if len(subject_tokens) < 2:
        return False
    in_clauses = {t.i for token in subject_tokens if token.dep_ in _CLAUSES for t in token.subtree}
    return any(t.tag_ in ("WDT", "WP", "WP$") and t.i not in in_clauses for t in subject_tokens)


def _closed_brackets(sent: Any, tokens: list[Any]) -> list[Any] | None:
    """``tokens`` with the bracket that closes one they open ("by the Department of Labor
    (DOL)": the parser hangs ")" on the verb), or None where it does not follow them."""
    # Count the brackets inside tokens too: "1002.9(a)(3)(i" is one token, its ")" the next.
    opened = sum(t.text.count("(") for t in tokens) - sum(t.text.count(")") for t in tokens)
    if opened == 0:
        return tokens
    after = tokens[-1].i + 1
    if opened == 1 and after < len(sent) and sent[after].text == ")":
        return [*tokens, sent[after]]
    return None


def _we_is_a_fair_guess(sent: Any, aux: list[Any], subject_tokens: list[Any], agency_voice: bool) -> bool:
    """Whether "we" (the agency) is a fair guess at who acts in a passive with no agent.

    Not in a document that does not speak as "we" (``speaks_as_we``). Nor, in a form or
    its instructions, for something already done ("was withheld", "have been sealed"):
    read on the corpus, the past actor was mostly someone else, the payer, a court, the
    reader ("if tax was withheld" -> "if we withheld tax" is wrong). The past stays "we"
    when the sentence ties it to the reader and the agency ("Your payment was received",
    "requested in our letter")."""
    if not agency_voice:
        return False
    past = any(t.tag_ == "VBD" or t.lemma_.lower() == "have" for t in aux)
    if not past:
        return True
    return (any(t.lower_ in ("your", "my") for t in subject_tokens)
            or any(t.lower_ in ("we", "our", "us") for t in sent))


def _dangling_participle_after(sent: Any, last: Any) -> bool:
    """A participle with no subject or auxiliary right after the clause ("…, and then
    witnessed by"): it shares the clause's subject, so a rewrite without it would leave it
    hanging."""
    for token in sent[last.i + 1:]:
        if token.is_punct or token.dep_ in ("cc", "advmod", "preconj"):
            continue
        return token.tag_ == "VBN" and token.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)
    return False


def _not_the_agencys_act(verb: Any, subject: Any) -> bool:
    """"Will be taxed", "is treated as income": the law acts. "The tax is not paid": the reader."""
    lemma = verb.lemma_.lower()
    return lemma in BY_LAW_VERBS or (lemma == "pay" and subject.lemma_.lower() in PUBLIC_DEBTS)


def _main_clause_names_someone(verb: Any) -> bool:
    """The passive is in a clause inside another whose subject is a noun: "A creditor must
    give the notice when adverse action is taken", "comments ... are timely if they are
    postmarked by May 1". The actor is more often that noun, or someone else, than the
    agency, so "we" is no fair guess there. ("As soon as your account is established, we
    mail you a PIN" keeps it: the main subject is "we".)"""
    return any(s.pos_ in ("NOUN", "PROPN") for s in _main_clause_subjects(verb))


def _main_clause_subjects(verb: Any) -> list[Any]:
    """The subjects of the clause that the passive's own clause sits in (none if it is the main one)."""
    ensured = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ENSURING_VERBS
    if verb.dep_ not in ("advcl", "relcl", "acl") and not ensured:
        return []
    head = verb.head
    while head.dep_ in ("conj", "xcomp", "prep", "pobj") and head.head.i != head.i:
        head = head.head  # from "the creditor should modify [the form]" up to its verb
    if head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT":
        head = head.head  # a relative clause hangs on a noun: its verb governs the clause
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _someone_else_answers(verb: Any) -> bool:
    """"If additional evidence is requested, the petitioner shall have 30 days": the main
    clause is about a party, so the condition is not the reader's act. ("Unless it is signed,
    the form will be returned to you" keeps "you": the main clause is about a thing.)"""
    for subject in _main_clause_subjects(verb):
        party = subject.pos_ == "PROPN" or subject.lemma_.lower() in PARTIES
        if party and not any(t.lower_ in ("your", "you") for t in subject.subtree):
            return True
    return False


def _sent_to_a_named_party(verb: Any) -> bool:
    """The thing goes to a party the sentence names: "A draft report will be submitted to
    NMFS", "Comments will be forwarded to the Commission". Who sends it is the applicant as
    often as the writer, and the writer never sends to itself, so "we" is no fair guess.
    ("will be mailed to you" and "sent to your address" keep it: the agency writes to the
    reader.)"""
    if verb.lemma_.lower() not in SENDING_VERBS:
        return False  # "may be disclosed to the Department of Justice": the agency discloses
    if any(t.lower_ == "we" for t in verb.sent):
        return False  # "If we determine ..., your card will be forwarded to USCIS": we forward it
    for prep in verb.children:
        if prep.dep_ != "dative" and not (prep.dep_ == "prep" and prep.lower_ == "to"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = {t.lower_ for t in obj.subtree}
            if words & {"you", "your", "yours", "yourself"}:
                return False
            if words & {"us", "our"} or any(t.pos_ == "PROPN" for t in obj.subtree):
                return True
    return False


def _goes_to_the_reader(verb: Any) -> bool:
    """The passive's thing goes to the reader: "a statement should be sent to you". The
    reader receives it, so the reader is not who acts. ("Contributions made to your HSA"
    are the reader's: only "you" itself is the one receiving.)"""
    for prep in verb.children:
        if prep.dep_ == "dative" or (prep.dep_ == "prep" and prep.lower_ in ("to", "for")):
            if any(c.dep_ == "pobj" and c.lower_ in ("you", "yourself") for c in prep.children):
                return True
    return False


def _separator(token: Any) -> bool:
    """A bullet, a dash, a colon or a semicolon, alone or in punctuation ("(AA):")."""
    return token.text in ("\u2022", "\u2014", "\u2013", ":", ";") or (token.is_punct and ":" in token.text)


def _shares_the_subject(verb: Any, conjuncts: list[Any]) -> bool:
    """Whether a verb joined to ``verb`` (directly or down a list) shares its subject but is
    not one of the ``conjuncts`` the rewrite turns active with it: the rewrite would leave it
    without a subject ("We model the procedures ... and will be posted", "We created this
    example ... and is not official"). A bare infinitive the parser joined to the verb by
    mistake ("is estimated to average 6 hours, including the time to review instructions,
    search ...") reads the same after the rewrite and does not count."""
    stack = [c for c in verb.children if c.dep_ == "conj"]
    while stack:
        joined = stack.pop()
        stack += [c for c in joined.children if c.dep_ == "conj"]
        if joined.pos_ not in ("VERB", "AUX") or joined in conjuncts:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in joined.children):
            continue  # a clause with its own subject
        if joined.tag_ in _FINITE_TAGS or joined.tag_ == "VBN" or any(
                c.dep_ in ("aux", "auxpass") for c in joined.children):
            return True
    return False


def _subject_phrase(subjects: list[Any]) -> list[Any] | None:
    """The tokens of the passive subject, in order; None when unsure.

    The small English model makes each of two joined subjects a subject of the verb ("The
    form and the receipts must be mailed": "form", holding the "and", and "receipts"). They
    are taken together only when they read as one list: each but the last ends with its
    "and"/"or", together they make one unbroken phrase, and no clause hides inside it (a
    finite verb, a clause of its own), which is where the parser's joins go wrong.
    """
    if len(subjects) == 1:
        return list(subjects[0].subtree)
    phrases = [list(s.subtree) for s in subjects]
    if any(p[-1].dep_ != "cc" or p[-1].lower_ not in ("and", "or", "nor") for p in phrases[:-1]):
        return None
    tokens = sorted({t for p in phrases for t in p}, key=lambda t: t.i)
    if tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return None
    if any(t.dep_ in _CLAUSE_LABELS or t.tag_ in _FINITE_TAGS for t in tokens if t not in subjects):
        return None
    return tokens


_CLAUSE_LABELS = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "ccomp", "advcl", "mark"})
_FINITE_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})


def _without_closing_comma(obj: str, after: str) -> str:
    """"The forms, as well as the instructions, are reviewed by our staff." -> "Our staff
    reviews the forms, as well as the instructions." The comma that closed the phrase before
    the verb goes where the sentence ends right after it; elsewhere it still closes it."""
    rest = after.lstrip()
    if obj.endswith(",") and (not rest or rest[0] in ".;:!?)"):
        return obj[:-1].rstrip()
    return obj


def _excerpt(before: str, core: str, after: str, limit: int = 30) -> str:
    """The rewritten sentence, or for a long one the rewritten clause with a few words
    of context on each side, so the suggestion stays readable."""
    whole = (before + core + after).strip()
    if len(whole.split()) <= limit:
        return whole
    left = before.split()
    right = after.split()
    head = ("\u2026 " + " ".join(left[-4:]) + " ") if len(left) > 4 else before
    tail = (" " + " ".join(right[:8]) + " \u2026") if len(right) > 8 else after
    return (head + core + tail).strip()


#: "is known to", "is said to", "is believed to": the active ("we know X to ...") is stiffer.
HEARSAY_VERBS = frozenset({"know", "say", "believe", "think", "suppose", "rumor", "rumour", "report", "reckon"})

#: "be authorized to", "be permitted to", "be allowed to": permission, which "may" says.
PERMISSION_VERBS = frozenset({"authorize", "permit", "allow"})


def _permitted_to(sent: Any, verb: Any, chain: list[Any]) -> str | None:
    """"We are authorized to request" -> "We may request"; "You are not allowed to" -> "You
    may not". Only in the present tense without a modal: "were allowed to", "will be
    permitted to" keep a meaning "may" does not have."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"]
    if not subjects or not complements or subjects[0].i > verb.i:
        return None
    to = [c for c in complements[0].children if c.dep_ == "aux" and c.text.lower() == "to"]
    aux = [t for t in chain[:-1] if t.dep_ in ("aux", "auxpass")]
    if not to or to[0].i < verb.i or not aux or any(t.tag_ not in ("VBZ", "VBP") for t in aux):
        return None  # no "is" before the participle: "is no longer currently authorized" is parsed apart
    if any(t.dep_ not in ("neg", "advmod") for t in sent[verb.i + 1:to[0].i]):
        return None  # "authorized under section 1003 to conduct": the words between would be lost
    negated = any(t.dep_ == "neg" for t in chain)
    # Adverbs between the auxiliary and "to" stay: "are also permitted to" -> "may also".
    adverbs = [t.text for t in sent[chain[0].i:to[0].i] if t.dep_ == "advmod"]
    text = sent.text
    start = chain[0].idx
    end = to[0].idx + len(to[0].text)
    joined = "" if start == 0 or text[start - 1].isspace() else " "  # "You're allowed to" -> "You may"
    return (text[:start] + joined + " ".join(["may", *(["not"] if negated else []), *adverbs]) + text[end:]).strip()


def _required_to(sent: Any, verb: Any, chain: list[Any]) -> str | None:
    """"You are required to submit the form" -> "You must submit the form"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    complements = [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"]
    if not subjects or not complements or any(t.dep_ == "neg" for t in chain):
        return None
    to = [c for c in complements[0].children if c.dep_ == "aux" and c.text.lower() == "to"]
    if not to or to[0].i < verb.i:
        return None
    obligation = _required_as(chain)
    if obligation is None:
        return None
    # Adverbs between the auxiliary and "to" stay: "are generally required to" -> "must generally".
    adverbs = [t.text for t in sent[chain[0].i:to[0].i] if t.dep_ == "advmod"]
    text = sent.text
    start = chain[0].idx
    end = to[0].idx + len(to[0].text)
    joined = "" if start == 0 or text[start - 1].isspace() else " "  # "You'll be required" -> "You will have to"
    return (text[:start] + joined + " ".join([obligation, *adverbs]) + text[end:]).strip()


# "may be required to file" is "may have to file", not "must file"; "were required to" is past.
_OBLIGATION_AFTER_MODAL = {"may": "may have to", "might": "might have to", "could": "could have to",
                           "will": "will have to", "would": "would have to", "ll": "will have to"}


def _required_as(chain: list[Any]) -> str | None:
    """What "be required to" becomes, keeping its tense and modal: "must", "had to",
    "may have to"; None where no short form keeps the meaning ("has been required to")."""
    aux = [t for t in chain[:-1] if t.dep_ in ("aux", "auxpass")]
    modals = [t for t in aux if t.tag_ == "MD"]
    if any(t.lemma_.lower() == "have" for t in aux):
        return None
    if modals:
        return _OBLIGATION_AFTER_MODAL.get(modals[0].text.lower().lstrip("'\u2019"))  # "'ll", "’ll"
    return "had to" if any(t.tag_ == "VBD" for t in aux) else "must"


def _need_to(sent: Any, verb: Any, chain: list[Any]) -> str | None:
    """"The form needs to be signed" -> "You need to sign the form"."""
    head = verb.head
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if not subjects or any(t.dep_ == "neg" for t in chain) or head.tag_ not in ("VBZ", "VBP", "VB"):
        return None
    subject_tokens = sorted(subjects[0].subtree, key=lambda t: t.i)
    if subject_tokens[-1].i >= head.i or subject_tokens[0].i > head.i:
        return None
    text = sent.text
    start = subject_tokens[0].idx
    end = verb.idx + len(verb.text)
    before = text[:start]
    actor = "You" if not before.strip() else "you"
    core = f"{actor} {head.lemma_.lower()} to {verb.lemma_.lower()} {_as_object(subject_tokens)}"
    return (before + core + text[end:]).strip()


def _active_verb(lemmas: list[str], aux: list[Any], modals: list[Any], passive_aux: Any, negated: bool,
                 third: bool, joining: str = "and") -> str | None:
    joined = f" {joining} ".join(lemmas)
    perfect = [t for t in aux if t.lemma_.lower() == "have"]
    neg = " not" if negated else ""
    form = passive_aux.text.lower()
    if modals:
        modal = modals[0].text.lower()
        modal = {"ca": "can", "wo": "will", "sha": "shall"}.get(modal, modal)  # "can't", "won't", "shan't"
        if modal == "shall":
            modal = "must"  # the rewrite should not keep "shall" (plain/shall)
        if perfect:
            return f"{modal}{neg} have " + " and ".join(_participle(lem) for lem in lemmas)
        if modal == "can" and negated:
            return f"cannot {joined}"
        return f"{modal}{neg} {joined}"
    if any(t.text.lower() == "to" for t in aux):
        return None  # infinitives are rewritten by hand
    if perfect:
        have = perfect[0].text.lower()
        if have in ("has", "have"):
            have = "has" if third else "have"
        return f"{have}{neg} " + " and ".join(_participle(lem) for lem in lemmas)
    if form in ("was", "were", "got"):
        if negated:
            return f"did not {joined}"
        pasts = [past_tense(lem) for lem in lemmas]
        return " and ".join(pasts) if all(pasts) else None
    if form in ("is", "are", "am", "get", "gets", "'s", "\u2019s", "'re", "\u2019re"):
        if negated:
            return f"{'does' if third else 'do'} not {joined}"
        return f" {joining} ".join(third_person(lem) for lem in lemmas) if third else joined
    return None  # "being", "been" alone: leave it to the writer


def _participle(lemma: str) -> str:
    return past_tense(lemma, participle=True) or lemma


def _without_echo(tokens: list[Any], verb: Any) -> list[Any]:
    """The subject without a participle of the passive's own verb that modifies it:
    "Comments submitted in response to this notice should be submitted electronically"
    -> "You should submit comments in response to this notice electronically", not
    "submit comments submitted in response to ..."."""
    echo = [t for t in tokens if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_ == verb.lemma_
            and t.head.dep_ == "nsubjpass" and t.head.head.i == verb.i  # on the subject itself, not deeper
            and not any(c.dep_ in ("agent", "advmod") for c in t.children)]
    dropped = {t.i for t in echo}
    return [t for t in tokens if t.i not in dropped] if echo and echo[0].i != tokens[0].i else tokens


def _as_object(tokens: list[Any]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    if len(tokens) == 1 and tokens[0].text.lower() in OBJECT_PRONOUNS:
        return OBJECT_PRONOUNS[tokens[0].text.lower()]
    first = tokens[0]
    if first.pos_ not in ("PROPN",) and first.text != "I" and (not first.text.isupper() or first.text == "A"):
        text = text[:1].lower() + text[1:]
    return text
