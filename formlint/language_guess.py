"""What language a document's text is in, from its words: for documents that declare none,
and to tell when a declared language is wrong.

Agencies publish forms and guidance in the languages their public reads: Spanish first,
then Chinese, Vietnamese, Korean, Tagalog, Russian, Arabic, Haitian Creole, French and
Portuguese, among others. A text file or a PDF without /Lang says nothing about its
language, and the English rules (word lists, reading grade, passive voice) would judge a
Spanish notice as bad English. A page that declares lang="en" over Spanish text is read
by screen readers with an English voice: the page's language is not what WCAG 2.1 SC
3.1.1 requires it to be.

The guess is made to be safe rather than complete: letters of a script other than Latin
(Cyrillic, Arabic, Han, Hangul ...), or, in Latin script, the share of each language's
most frequent function words, counting only the words no other profile has ("de", "que",
"a" and "no" say nothing). It answers only when one language clearly leads; a bilingual
page, a short form of labels, or a language it has no profile of gets no answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from formlint.languages import primary_language
from formlint.model import PROSE_ROLES, Document

#: The text read for a guess: enough for a clear answer, cheap on a 200,000-word document.
SAMPLE_CHARS = 30_000
#: At least this many function words of the leading language, and this many times as many
#: as the next one, before the guess is believed.
MIN_HITS = 12
LEAD = 4.0
#: Letters of one script other than Latin: at least this many, and this share of all letters.
MIN_SCRIPT_LETTERS = 40
SCRIPT_SHARE = 0.6

# The most frequent function words of each language (articles, pronouns, prepositions,
# conjunctions, auxiliaries). Words that two of these languages share are removed below.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and of to is are was were that this with for you your it be have has not or will from by which "
          "they we our their an at if would should can must been there what these those who about any may",
    "es": "el los las del y una con es son su sus al lo más pero este esta estos usted ustedes también cuando "
          "muy sin ser está están hay ya puede debe nuestro nuestra fue tiene pueden porque donde cual",
    "pt": "os da dos das não em um uma é com ao à você seu sua pelo pela também quando muito isso são foi tem "
          "na nas já pode deve ele ela eles nosso nossa está estão",
    "fr": "le les des du et est une dans pour pas qui sur au aux avec ce cette vous votre vos nous sont il "
          "elle ils être été par leur ne sa ses peut doit",
    "vi": "và của các là có được cho không những này người trong một với để bạn khi đã sẽ từ theo hoặc nếu "
          "phải chúng tôi",
    "ht": "ak nan pou li yo mwen ki gen fè dwe kapab lè sou konn nou anpil oswa paske pral ka genyen",
    "tl": "ang ng mga na ay ito iyong kung mo ko niya hindi siya kanilang nila din rin lamang po inyong ninyo "
          "maaari dapat",
}


def _profiles() -> dict[str, frozenset[str]]:
    words = {lang: set(text.split()) for lang, text in _FUNCTION_WORDS.items()}
    shared = {w for lang, ws in words.items() for w in ws if any(w in other for o, other in words.items() if o != lang)}
    return {lang: frozenset(ws - shared) for lang, ws in words.items()}


PROFILES = _profiles()
NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "vi": "Vietnamese",
         "ht": "Haitian Creole", "tl": "Tagalog", "zh": "Chinese", "ja": "Japanese", "ko": "Korean"}
#: Languages written in Latin script: only these can be told apart from a non-Latin text.
LATIN_SCRIPT = frozenset({*PROFILES, "de", "it", "nl", "pl", "so", "sw", "ro", "hmn", "id", "ms", "cs", "sk",
                          "hu", "tr", "sv", "da", "no", "nb", "fi", "ca", "gl", "eu", "ga", "cy", "sq", "hr",
                          "bs", "sl", "lt", "lv", "et", "is", "mt", "af", "yo", "ig", "ha", "chk", "mh", "sm",
                          "to", "haw", "ceb", "ilo"})
#: A script, and the language its letters alone name (None: several languages share it).
SCRIPTS: dict[str, str | None] = {"HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja", "CJK": "zh",
                                  "CYRILLIC": None, "ARABIC": None, "DEVANAGARI": None, "GREEK": "el",
                                  "HEBREW": None, "THAI": "th", "ARMENIAN": "hy", "ETHIOPIC": None,
                                  "KHMER": "km", "LAO": "lo", "BENGALI": None, "GUJARATI": "gu",
                                  "GURMUKHI": "pa", "MYANMAR": "my", "GEORGIAN": "ka", "TAMIL": "ta"}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """A confident guess: a language subtag ("es") where the text names one, and the
    script; ``name`` is how a message says it."""

    language: str | None
    script: str  # LATIN, CYRILLIC, HANGUL ...
    evidence: int  # function words or letters counted

    @property
    def name(self) -> str:
        if self.language in NAMES:
            return NAMES[self.language]
        return f"{self.script.title()} script"


def _script(char: str) -> str | None:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return "LATIN"
    if first == "CJK" or name.startswith("IDEOGRAPHIC"):
        return "CJK"
    return first if first in SCRIPTS else "OTHER"


def guess_language(text: str) -> LanguageGuess | None:
    """The language ``text`` is clearly in, or None when it is not clear."""
    sample = text[:SAMPLE_CHARS]
    counts: dict[str, int] = {}
    for char in sample:
        if char.isalpha():
            script = _script(char)
            if script is not None:
                counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    if not letters:
        return None
    if counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0) >= MIN_SCRIPT_LETTERS / 4:
        counts["HIRAGANA"] = counts.pop("HIRAGANA", 0) + counts.pop("KATAKANA", 0) + counts.pop("CJK", 0)
    script, most = max(counts.items(), key=lambda item: item[1])
    if script not in ("LATIN", "OTHER"):
        if most >= MIN_SCRIPT_LETTERS and most >= SCRIPT_SHARE * letters:
            return LanguageGuess(SCRIPTS[script], script, most)
        return None
    if script != "LATIN":
        return None
    hits = dict.fromkeys(PROFILES, 0)
    for word in _WORD.findall(sample.lower()):
        for language, words in PROFILES.items():
            if word in words:
                hits[language] += 1
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    (best, count), (_, second) = ranked[0], ranked[1]
    if count >= MIN_HITS and count >= LEAD * second:
        return LanguageGuess(best, "LATIN", count)
    return None


def guess_document_language(doc: Document) -> LanguageGuess | None:
    """The language of a document's own text: its prose, labels and hints, without the
    parts marked as another language (``<section lang="es">`` on an English page)."""
    parts: list[str] = []
    size = 0
    for block in doc.blocks:
        if block.language is not None:
            continue
        if block.role in PROSE_ROLES or block.field_id is not None:
            parts.append(block.text)
            size += len(block.text) + 1
            if size >= SAMPLE_CHARS:
                break
    return guess_language("\n".join(parts))


def text_language_tag(doc: Document, default: str) -> str:
    """The tag to suggest where a document declares no language: the language its text is
    clearly in ("es"), else ``default`` ("en-US")."""
    guess = doc.text_language
    if guess is None or guess.language is None or default.split("-")[0] == guess.language:
        return default
    return guess.language


def reading_language(doc: Document) -> str | None:
    """The language the rules read ``doc``'s text as: the declared one, unless the text is
    clearly in another (a11y/lang-mismatch reports that), or none is declared (or it is no
    language tag); then the language the text is in ("und" for a script several languages
    share: not English, whichever it is). Needs ``doc.text_language`` set (the engine does)."""
    declared = primary_language(doc.language)
    guess = doc.text_language
    if guess is None or (declared is not None and not contradicts(declared, guess)):
        return doc.language if declared is not None else None
    return guess.language or "und"


def contradicts(declared: str, guess: LanguageGuess) -> bool:
    """Whether the text is clearly not in the ``declared`` primary language: another
    profiled Latin-script language, or a script the declared language is not written in."""
    if guess.script == "LATIN":
        return declared in PROFILES and guess.language is not None and guess.language != declared
    return declared in LATIN_SCRIPT
