"""English verb forms for suggested rewrites ("was received" -> "we received").

Regular verbs follow spelling rules; the irregular verbs common in government text
are listed. A verb this module cannot inflect gives None, and the check then offers
no rewrite rather than a wrong one.
"""

from __future__ import annotations

import re

# lemma -> (past tense, past participle)
IRREGULAR: dict[str, tuple[str, str]] = {
    "be": ("was", "been"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bind": ("bound", "bound"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "buy": ("bought", "bought"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cut": ("cut", "cut"), "deal": ("dealt", "dealt"), "do": ("did", "done"),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"), "find": ("found", "found"), "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"), "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"),
    "hang": ("hung", "hung"), "have": ("had", "had"), "hear": ("heard", "heard"), "hide": ("hid", "hidden"),
    "hit": ("hit", "hit"), "hold": ("held", "held"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "leave": ("left", "left"), "lend": ("lent", "lent"),
    "let": ("let", "let"), "lose": ("lost", "lost"), "make": ("made", "made"), "mean": ("meant", "meant"),
    "meet": ("met", "met"), "mistake": ("mistook", "mistaken"), "overcome": ("overcame", "overcome"),
    "override": ("overrode", "overridden"), "overtake": ("overtook", "overtaken"), "pay": ("paid", "paid"),
    "prove": ("proved", "proven"), "put": ("put", "put"), "read": ("read", "read"), "ride": ("rode", "ridden"),
    "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"), "set": ("set", "set"),
    "shake": ("shook", "shaken"), "shoot": ("shot", "shot"), "show": ("showed", "shown"),
    "shut": ("shut", "shut"), "sing": ("sang", "sung"), "sit": ("sat", "sat"), "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"), "split": ("split", "split"), "spread": ("spread", "spread"),
    "stand": ("stood", "stood"), "steal": ("stole", "stolen"), "stick": ("stuck", "stuck"),
    "strike": ("struck", "struck"), "swear": ("swore", "sworn"), "take": ("took", "taken"),
    "teach": ("taught", "taught"), "tear": ("tore", "torn"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "throw": ("threw", "thrown"), "understand": ("understood", "understood"),
    "undertake": ("undertook", "undertaken"), "upset": ("upset", "upset"), "wake": ("woke", "woken"),
    "wear": ("wore", "worn"), "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld", "withheld"), "write": ("wrote", "written"), "forgo": ("forwent", "forgone"),
    "foresee": ("foresaw", "foreseen"), "redo": ("redid", "redone"), "rewrite": ("rewrote", "rewritten"),
    "resend": ("resent", "resent"), "rebuild": ("rebuilt", "rebuilt"), "mislead": ("misled", "misled"),
    "oversee": ("oversaw", "overseen"), "undergo": ("underwent", "undergone"), "uphold": ("upheld", "upheld"),
    "dig": ("dug", "dug"), "feed": ("fed", "fed"), "fight": ("fought", "fought"), "flee": ("fled", "fled"),
    "fly": ("flew", "flown"), "forecast": ("forecast", "forecast"), "light": ("lit", "lit"),
    "quit": ("quit", "quit"), "shed": ("shed", "shed"), "slide": ("slid", "slid"), "spin": ("spun", "spun"),
    "wind": ("wound", "wound"), "bear": ("bore", "borne"), "beat": ("beat", "beaten"), "bet": ("bet", "bet"),
    "bid": ("bid", "bid"), "blow": ("blew", "blown"), "break": ("broke", "broken"), "cast": ("cast", "cast"),
    "cost": ("cost", "cost"), "grind": ("ground", "ground"), "lie": ("lay", "lain"), "sew": ("sewed", "sewn"),
    "shine": ("shone", "shone"), "shrink": ("shrank", "shrunk"), "sink": ("sank", "sunk"),
    "sleep": ("slept", "slept"), "sting": ("stung", "stung"), "strive": ("strove", "striven"),
    "sweep": ("swept", "swept"), "swim": ("swam", "swum"), "swing": ("swung", "swung"),
}
IRREGULAR_PARTICIPLES = frozenset(p for _, p in IRREGULAR.values() if not p.endswith("ed"))

_DOUBLE = re.compile(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$")
# Doubling depends on stress, which spelling does not show: the common two-syllable
# verbs with final stress are listed; everything else longer than one syllable is not doubled.
_DOUBLE_LONG = frozenset({"admit", "begin", "commit", "compel", "concur", "confer", "control", "defer", "deter",
                          "emit", "equip", "expel", "forbid", "forget", "incur", "infer", "occur", "omit",
                          "patrol", "permit", "prefer", "propel", "rebut", "recur", "refer", "regret", "remit",
                          "submit", "transfer", "transmit", "upset"})


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word))


def past_tense(lemma: str, participle: bool = False) -> str | None:
    """The simple past (or the past participle) of a verb given by its lemma."""
    word = lemma.lower()
    if not word.isalpha():
        return None
    if word in IRREGULAR:
        return IRREGULAR[word][1 if participle else 0]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    if word.endswith("c"):
        return word + "ked"
    if _DOUBLE.search(word) and (_syllables(word) == 1 or word in _DOUBLE_LONG) and not word.endswith(("w", "x")):
        return word + word[-1] + "ed"
    return word + "ed"


def third_person(lemma: str) -> str:
    """The present-tense form after he, she or it ("the office reviews")."""
    word = lemma.lower()
    if word == "be":
        return "is"
    if word == "have":
        return "has"
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def present_participle(lemma: str) -> str:
    word = lemma.lower()
    if word == "be":
        return "being"
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    if _DOUBLE.search(word) and (_syllables(word) == 1 or word in _DOUBLE_LONG) and not word.endswith(("w", "x")):
        return word + word[-1] + "ing"
    return word + "ing"


def inflect_like(lemma: str, tag: str) -> str | None:
    """``lemma`` in the form a Penn tag asks for (VBD, VBN, VBZ, VBG, VB, VBP)."""
    head, _, rest = lemma.partition(" ")  # "roll over": inflect the verb, keep the particle
    if tag == "VBD":
        form = past_tense(head)
    elif tag == "VBN":
        form = past_tense(head, participle=True)
    elif tag == "VBZ":
        form = third_person(head)
    elif tag == "VBG":
        form = present_participle(head)
    else:
        form = head
    if form is None:
        return None
    return f"{form} {rest}" if rest else form
