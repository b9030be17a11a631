"""What each field asks for: a data element of the taxonomy, and whom it is about.

The taxonomy (``rules/burden/data/data-elements.tsv``) names the pieces of personal
information forms ask for (full name and its parts, date of birth, SSN, phone, address
parts, signature ...). ``classify_document`` maps every Field of a Document, whatever its
format, to one of them from the signals the reader kept:

* the HTML ``autocomplete`` token (``bday``, ``given-name``), the most precise signal;
* the key: a JSON property name, a PDF partial field name, an HTML ``name`` (camelCase
  split, abbreviations such as DOB, SSN and ZIP expanded);
* the label and accessible name, normalised: item numbers, asterisks and format hints
  such as "(MM/DD/YYYY)" or "(if any)" dropped, "please enter" dropped. PDF tooltips are
  often "Section. Question. Hint." and are read from the last sentence backwards, so
  "Information About Your Address. Mailing Address. Enter the City or Town." is a city,
  of a mailing address, of "you";
* the container: the enclosing JSON objects (``veteran.address.city``), the fieldset
  legend, the earlier sentences of a tooltip. A container names the *subject* (spouse,
  child, preparer ...), *qualifiers* (mailing, home, previous ...) and composites whose
  parts change meaning: a first name inside "previous names" is a previous name.

It also works out which fields are one request: the three boxes of a split SSN, an area
code and a number, the options of one radio group; and which sit in a repeated block
(one per dependent, a table row, a JSON array item), so that checks do not count a
dependent's date of birth as the applicant's asked twice.

The classifier is pure: strings in, dataclasses out. It knows nothing of file formats
beyond what the reader stored on the Field.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from formlint.model import Document, Field, FieldType, Format

NOT_DATA = frozenset({FieldType.BUTTON, FieldType.HIDDEN})
CHOICE_TYPES = frozenset({FieldType.CHECKBOX, FieldType.RADIO, FieldType.SELECT})
VALUE_TYPES = frozenset(FieldType) - NOT_DATA - {FieldType.CHECKBOX, FieldType.RADIO}

DEFAULT_SUBJECT = "applicant"
# Subjects that are organisations, not people: their "name" is an organisation name.
ORGANISATIONS = frozenset({"employer", "provider", "facility", "school", "auditee", "auditor"})

# Composite elements whose parts mean something else inside them (a first name inside
# "previous names" is part of a previous name, a city inside "place of birth" is part of it).
COMPOSITE_OWNS_PARTS = {
    "previous_name": frozenset({"first_name", "middle_name", "last_name", "name_suffix", "full_name", "middle_initial"}),
    "place_of_birth": frozenset({"city", "state", "country", "county"}),
    "phone": frozenset({"country", "phone"}),
    "date_of_birth": frozenset({"year_of_birth"}),
}
# Words that complete a composite when they stand alone ("Last", "Number", "Month").
BARE_PARTS = {
    "first": "first_name", "first name": "first_name", "given": "first_name",
    "middle": "middle_name", "mi": "middle_initial", "middle initial": "middle_initial",
    "last": "last_name", "last name": "last_name", "family": "last_name", "suffix": "name_suffix",
    "number": "phone", "area code": "phone", "prefix": "phone", "line number": "phone",
    "month": "date", "day": "date", "year": "date",
}
NAME_PARTS = frozenset({"first_name", "middle_name", "middle_initial", "last_name", "name_suffix"})
ADDRESS_PARTS = frozenset({"street_line", "city", "county", "state", "postal_code", "country"})

# Qualifiers tell two questions about the same person apart (home vs mailing address).
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("mailing", r"\bmail(?:ing)?\b"),
        ("home", r"\bhome\b"),
        ("physical", r"\bphysical\b|\bresiden(?:ce|tial)\b|\bwhere (?:you|they) live\b"),
        ("current", r"\bcurrent\b|\bpresent\b"),
        ("previous", r"\bprevious(?:ly)?\b|\bprior\b|\bformer\b|\bearlier\b|\bdifferent\b|\bold\b"
                     r"|\bother\b(?=\s+(?:dates? of birth|names?|social security))"),
        ("work", r"\bwork\b|(?<!\bpost )\boffice\b|\bbusiness\b"),
        ("daytime", r"\bday(?:time)?\b"),
        ("evening", r"\bevening\b|\bnight(?:time)?\b"),
        ("mobile", r"\bmobile\b|\bcell(?:ular)?\b"),
        ("primary", r"\bprimary\b"),
        ("secondary", r"\bsecondary\b|\balternate\b|\bother phone\b"),
        ("emergency", r"\bemergency\b"),
        ("international", r"\binternational\b|\bforeign\b|\boverseas\b|\boutside (?:of )?(?:the )?(?:u\.?\s?s\.?|united states)\b"),
        ("billing", r"\bbilling\b"),
        ("permanent", r"\bpermanent\b"),
        ("temporary", r"\btemporary\b"),
        ("active", r"\bactive\b"),
        ("reserve", r"\breserves?\b"),
        ("guard", r"\bnational guard\b|\bguard\b"),
    )
)

# Abbreviations expanded before matching (the reference's label normalisation, step 5).
ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"\bd\.?\s?o\.?\s?b\b\.?", "date of birth"),
        (r"\bs\s?s\s?n\b|\bss\s?#|\bss\s+no\b\.?|\bsoc\.?\s+sec\.?(?:\s+no\b\.?)?|\bsocial security\s*#|\bsocial security no\b\.?",
         "social security number"),
        (r"\bp\s?t\s?i\s?n\b", "preparer tax identification number"),  # not a TIN of the filer
        (r"\bi\s?t\s?i\s?n\b", "individual taxpayer identification number"),
        (r"\bf?e\s?i\s?n\b", "employer identification number"),
        (r"\bt\s?i\s?n\b", "taxpayer identification number"),
        (r"\bzip\s*\+\s*4\b", "zip code"),
        (r"\btel\b\.?", "telephone"),
        (r"\bapt\b\.?", "apartment"),
        (r"\bm\.\s?i\.?(?=\s|$)", "middle initial"),
        (r"\bno\.(?=\s|$)", "number"),
        (r"\b(docket|serial|policy|account|receipt|control|license|passport) no\b\.?", r"\1 number"),
        (r"\bnum\b\.?|\bnbr\b\.?", "number"),
        (r"(?<=\w)\s*#", " number"),
        (r"\be-mail\b", "email"),
        (r"\baddr\b\.?", "address"),
        (r"\bdt\b\.?", "date"),
        (r"\bf/?m name\b", "first and middle name"),
    )
)

# Parenthesised format hints and bracketed notes that say nothing about the element.
_HINT = re.compile(
    r"\((?:[^()]*\b(?:mm|dd|yy|yyyy|optional|required|if any|if applicable|if known|if different|"
    r"include area code|area code first|see instructions?|do not abbreviate|last,\s*first|first,\s*last|"
    r"print|type|no p\.? ?o\.? box(?:es)?|number,? street|mm\s*/|month|digits?)\b[^()]*)\)",
    re.IGNORECASE,
)
_FORMAT_RUN = re.compile(r"\b(?:m\s?m|d\s?d|y\s?y\s?y\s?y|y\s?y)(?:\s?[/.\-]\s?(?:m\s?m|d\s?d|y\s?y\s?y\s?y|y\s?y))+\b",
                         re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:(?:part|section|item|line|question|step)\s+[0-9ivx]+[a-z]?[.:)]?\s*)?"
                        r"(?:\(?\d{1,3}[a-z]?[.):]\s*|\(?[a-z][.)]\s+|[ivx]{1,4}\.\s+)*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:please\s+)?(?:(?:enter|provide|give|list|type|write|select|choose|check|indicate|show|tell us)"
                   r"\s+)?(?:(?:what|which) is\s+)?(?:the\s+|your\s+|any\s+)?", re.IGNORECASE)
_SEGMENTS = re.compile(r"(?<![A-Za-z]\.[A-Za-z]\.)(?<=[.:?;])\s+|\s+_\s*|_(?=[a-z. ])|\n+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_\-.\[\]/]+|(?<=[A-Za-z])(?=[0-9])")
_INDEX = re.compile(r"\[\d+\]")
_PART_CUE = re.compile(
    r"\b(?:first|1st)\s+(?:three|3|four|4)\b|\b(?:second|middle|next|2nd)\s+(?:two|2|three|3|four|4)\b|"
    r"\b(?:third|3rd)\s+(?:four|4)\b|\b(?:last|final)\s+(?:four|4)\b|\barea code\b|\bprefix\b|\bline number\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:no|not|without|don't have|do not have|does not have|has no|is not|are not)"
                      r"(?:\s+(?:a|an|the|your|any))?\s*$", re.IGNORECASE)
_INSTANCE = re.compile(r"^\s*#?\s*(\d{1,2}|one|two|three|four|five|first|second|third|fourth)\b", re.IGNORECASE)
_INSTANCE_WORDS = re.compile(r"\b(?:\d{1,2}|one|two|three|four|five|first|second|third|fourth|other|additional|"
                             r"alternate|alternative|new|old|another)\b", re.IGNORECASE)
_AUTOCOMPLETE_SECTIONS = frozenset({"shipping", "billing", "home", "work", "mobile", "fax", "pager"})


@dataclass(frozen=True)
class Element:
    """One row of the taxonomy."""

    id: str
    label: str
    group: str
    shape: str  # value | choice | any
    burden_type: str  # text_short, text_id, date ... (the time model's field types)
    recall: str  # memorized | look_up | compute
    sensitivity: str
    part_of: str | None
    derivable_from: tuple[str, ...]
    label_re: re.Pattern[str]
    key_re: re.Pattern[str] | None
    autocomplete: frozenset[str]

    def accepts(self, ftype: FieldType) -> bool:
        if self.shape == "value":
            return ftype in VALUE_TYPES
        if self.shape == "choice":
            return ftype in CHOICE_TYPES
        return True


class TaxonomyError(ValueError):
    pass


@dataclass(frozen=True)
class Taxonomy:
    elements: tuple[Element, ...]
    subjects: tuple[tuple[str, re.Pattern[str]], ...]
    # Labels repeat across fields and forms ("City", "ZIP code"): remember each answer.
    _matches: dict[tuple[object, ...], Element | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def by_id(self) -> dict[str, Element]:
        return {e.id: e for e in self.elements}

    @classmethod
    def load(cls, elements_path: Path, subjects_path: Path) -> Taxonomy:
        return cls(tuple(_read_elements(elements_path)), tuple(_read_subjects(subjects_path)))

    def by_autocomplete(self, token: str) -> Element | None:
        for element in self.elements:
            if token in element.autocomplete:
                return element
        return None

    def match_text(self, text: str, ftype: FieldType, exclude: frozenset[str] = frozenset()) -> Element | None:
        """The element whose label pattern matches earliest in ``text`` (ties: taxonomy order).

        The text is also tried without a leading subject ("requester name" -> "name"), so
        that anchored patterns such as the full name's ``^name`` still apply."""
        key = (text, ftype, exclude)
        if key not in self._matches:
            if len(self._matches) > 50_000:
                self._matches.clear()
            self._matches[key] = self._match_text(text, ftype, exclude)
        return self._matches[key]

    def _match_text(self, text: str, ftype: FieldType, exclude: frozenset[str]) -> Element | None:
        best: tuple[int, int, Element] | None = None
        matched: set[str] = set()
        candidates = [text]
        core = self.core(text)
        if core and core != text:
            candidates.append(core)
        for candidate in candidates:
            for order, element in enumerate(self.elements):
                if element.id in exclude or not element.accepts(ftype):
                    continue
                found = element.label_re.search(candidate)
                if found and _NEGATED.search(candidate[max(0, found.start() - 24):found.start()]):
                    found = None  # "I do not have a Social Security number", "has no SSN reason"
                if found:
                    matched.add(element.id)
                    if best is None or (found.start(), order) < best[:2]:
                        best = (found.start(), order, element)
        if best is None:
            return None
        # "Applicant address city": the part named after its composite is what is asked.
        parts = [e for e in self.elements if e.id in matched and e.part_of == best[2].id]
        return parts[0] if parts and best[2].id == "address_block" else best[2]

    def core(self, text: str) -> str:
        """``text`` without the subject words it starts with ("spouse's", "applicant")."""
        for _ in range(3):
            for _name, pattern in self.subjects:
                found = pattern.match(text)
                if found and found.end() > 0:
                    text = re.sub(r"^[\s'/:,#-]*(?:\d{1,2}\b)?[\s'/:,-]*", "", text[found.end():])
                    break
            else:
                break
        return text

    def match_key(self, key: str, ftype: FieldType) -> Element | None:
        for element in self.elements:
            if element.key_re is not None and element.accepts(ftype) and element.key_re.search(key):
                return element
        return None

    def subject_in(self, text: str) -> str | None:
        """The first subject named in ``text`` (checked in the order of subjects.tsv)."""
        key = ("subject", text, FieldType.OTHER, frozenset())
        if key not in self._matches:
            self._matches[key] = self._subject_in(text)  # type: ignore[assignment]
        return self._matches[key]  # type: ignore[return-value]

    def _subject_in(self, text: str) -> str | None:
        best: tuple[int, int, str] | None = None
        for order, (name, pattern) in enumerate(self.subjects):
            found = pattern.search(text)
            if found and (best is None or (order, found.start()) < best[:2]):
                best = (order, found.start(), name)
        return best[2] if best else None


# Groups of money amounts in a schema: "deductions/socialSecurity" is the Social Security
# tax taken from pay (VA Form 5655), not the number.
_AMOUNT_GROUPS = frozenset({"deductions", "income", "incomes", "expenses", "payments", "withholdings", "taxes",
                            "benefits", "assets", "debts", "liabilities"})


def _an_amount_of(element: Element, fld: Field) -> bool:
    """An identifier read from a bare key ("socialSecurity") inside a group of amounts."""
    if element.group != "identifier" or not fld.id.startswith("/"):
        return False
    parents = {segment.lower() for segment in fld.id.split("/")[:-1]}
    return bool(parents & _AMOUNT_GROUPS)


def _rows(path: Path) -> Iterable[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TaxonomyError(f"{path}: cannot read: {error.strerror or error}") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _read_elements(path: Path) -> list[Element]:
    elements = []
    for number, row in enumerate(_rows(path), start=1):
        try:
            elements.append(
                Element(
                    id=row["element"],
                    label=row["label"],
                    group=row["group"],
                    shape=row["shape"],
                    burden_type=row["burden_type"],
                    recall=row["recall"],
                    sensitivity=row["sensitivity"],
                    part_of=row["part_of"] or None,
                    derivable_from=tuple(row["derivable_from"].split()),
                    label_re=re.compile(row["label_regex"], re.IGNORECASE),
                    key_re=re.compile(row["key_regex"]) if row["key_regex"] else None,
                    autocomplete=frozenset(row["autocomplete"].split()),
                )
            )
        except (KeyError, re.error, TypeError) as error:
            raise TaxonomyError(f"{path}: row {number}: {error}") from None
        if elements[-1].shape not in ("value", "choice", "any"):
            raise TaxonomyError(f"{path}: row {number}: shape must be value, choice or any")
    return elements


def _read_subjects(path: Path) -> list[tuple[str, re.Pattern[str]]]:
    try:
        return [(row["subject"], re.compile(row["regex"], re.IGNORECASE)) for row in _rows(path)]
    except (KeyError, re.error) as error:
        raise TaxonomyError(f"{path}: {error}") from None


def data_dir() -> Path:
    from formlint.rulepacks import builtin_rules_dir  # late: rulepacks imports the checks

    return builtin_rules_dir() / "burden" / "data"


@cache
def default_taxonomy() -> Taxonomy:
    folder = data_dir()
    return Taxonomy.load(folder / "data-elements.tsv", folder / "subjects.tsv")


# --------------------------------------------------------------------------- text


@lru_cache(maxsize=16_384)
def split_key(key: str) -> str:
    """'veteranDateOfBirth' -> 'veteran date of birth'; 'S2B_ZipCode[0]' -> 's2b zip code'."""
    key = _INDEX.sub("", key)
    if key.startswith("view:"):
        key = key[5:]
    return normalise(_CAMEL.sub(" ", key))


@lru_cache(maxsize=32_768)
def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, abbreviations expanded, hints and numbering dropped."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = text.replace("*", " ").replace("\u25ba", " ")
    text = re.sub(r"_{2,}", " ", text)  # blanks to write on
    stripped = _HINT.sub(" ", text)
    if stripped.strip(" .:()"):  # "(Zip Code)" alone is the label, not a hint
        text = stripped
    text = _FORMAT_RUN.sub(" ", text)
    for pattern, replacement in ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", text).strip().lower()
    text = _NUMBERING.sub("", text)
    text = _LEAD.sub("", text)
    return text.strip(" .:;,-")


@lru_cache(maxsize=8_192)
def segments(text: str) -> tuple[str, ...]:
    """A tooltip's sentences, normalised, in reading order ("Section. Question. Hint.")."""
    parts = [normalise(part) for part in _SEGMENTS.split(text or "")]
    return tuple(part for part in parts if part)


_NOT_QUALIFIER = re.compile(r"\blawful(?:ly)? permanent residen\w*|\bpermanent resident\w*", re.IGNORECASE)


@lru_cache(maxsize=16_384)
def qualifiers_in(text: str) -> frozenset[str]:
    text = _NOT_QUALIFIER.sub(" ", text)  # an immigration status, not a kind of address
    return frozenset(name for name, pattern in QUALIFIERS if pattern.search(text))


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class Classified:
    """What one field asks for."""

    field: Field
    element: str | None
    subject: str | None = None
    part: str | None = None  # the part of a composite element ("first_name" of a previous name)
    qualifiers: frozenset[str] = frozenset()
    container: str = ""  # the composite instance it belongs to (an address, a name)
    residual: str = ""  # words of the container that are neither subject nor element
    block: str | None = None  # the repeated block (dependent, table row, array item) it sits in
    question: str = ""  # fields that are one question (a radio group's options)
    request: str = ""  # fields that are one answer (a split SSN's boxes)
    via: str = ""  # autocomplete | key | label | ref | container | context
    text: str = ""  # the normalised text the element was read from
    explicit_subject: bool = False
    variant: str | None = None  # the oneOf/anyOf branch it is only shown on
    page: int | None = None
    order: int = 0

    @property
    def is_boolean(self) -> bool:
        return self.field.type in (FieldType.CHECKBOX, FieldType.RADIO)

    def stats_row(self) -> dict[str, str | None]:
        return {"field": self.field.id, "element": self.element, "subject": self.subject}


def is_data_field(fld: Field) -> bool:
    """Something the public fills in.

    A read-only field is printed text (SS-5 keeps whole pages of instructions in read-only
    fields), unless it is a signature box or a question that the form enables only after an
    earlier answer (the I-485's SSN box opens after "Yes"): a short tooltip that asks."""
    if fld.type in NOT_DATA:
        return False
    if not fld.read_only or fld.type is FieldType.SIGNATURE:
        return True
    tooltip = fld.accessible_name or ""
    if not 0 < len(tooltip.split()) <= 40 or fld.type is FieldType.TEXTAREA:
        return False
    # "This is a read only field ... filled in from page 1": a copy, not a question.
    return bool(_ASKS.search(tooltip)) and not _COPY_FIELD.search(tooltip)


def classify_document(doc: Document, taxonomy: Taxonomy | None = None) -> list[Classified]:
    """Every data field of ``doc`` with its element, subject, request and block."""
    taxonomy = taxonomy or default_taxonomy()
    fields = [f for f in doc.fields if is_data_field(f)]
    results = [_Classifier(taxonomy, doc.format).classify(f, index) for index, f in enumerate(fields)]
    _question_groups(results, doc.format)
    _inherit_context(results, taxonomy)
    _document_subject(results)
    _repeated_blocks(results, doc.format)
    _split_requests(results)
    _street_lines(results)
    return results


# --------------------------------------------------------------------------- one field


# "and enter their name", "If someone helped you, enter his or her phone number": the
# answer is about another person, whoever "you" is in the sentence.
_THEIR = re.compile(r"\b(?:their|his or her|his/her|her or his)\s+(?:[a-z'’-]+\s+){0,3}?"
                    r"(?:names?|number|social security number|date of birth|address|phone|email|signature)\b")
# Unless the label names the person filling in the form ("Applicants, enter their names").
_NAMES_THE_FILER = re.compile(r"\b(?:applicants?|claimants?|veterans?|filers?|petitioners?|requesters?)\b")


def _about_someone_else(own_texts: list[str]) -> bool:
    texts = [normalise(t) for t in own_texts]
    return any(_THEIR.search(t) for t in texts) and not any(_NAMES_THE_FILER.search(t) for t in texts)


_DATE_OF: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsign|\bcertif|\battest|\bdeclar"), "date_signed"),
    (re.compile(r"\bmarri"), "date_of_marriage"),
    (re.compile(r"\bdeath|\bdeceased|\bdied\b"), "date_of_death"),
    (re.compile(r"\bbirth\b"), "date_of_birth"),
)
# The most of a label, tooltip, XFA name, key or legend the classifier reads: real ones are a
# few hundred characters, and the patterns that look ahead to the end of the text make a
# megabyte-long tooltip take minutes. The end is kept: the question comes last.
MAX_FIELD_TEXT = 2_000


# A possessive inside an element's words names whose it is: "Confirm your spouse's email
# address" is the spouse's, though the whole phrase is the confirm-email element's.
_POSSESSIVE = re.compile(r"\b\w+['\u2019]s\b")


def _owners_only(found: re.Match[str]) -> str:
    """An element's words blanked for reading the subject, but for the possessives among them."""
    owners = _POSSESSIVE.findall(found.group(0))
    return f" {' '.join(owners)} " if owners else " "


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_FIELD_TEXT else text[-MAX_FIELD_TEXT:]


def _boolean(fld: Field) -> bool:
    return fld.type in (FieldType.CHECKBOX, FieldType.RADIO)


# "If you have a foreign address, also complete spaces below": about other fields.
_POINTS_ELSEWHERE = re.compile(r"\b(?:complete|fill in|fill out|use|see)\b.*\b(?:below|above)\s*$")
# "Enter spouse's SSN above and full name here": the words before "above and" ask for
# another field; they stay as context (whose SSN: the spouse's).
_ABOVE_AND = re.compile(r"^(.*\b(?:above|below))\s+and\s+(.+)$")


def _this_fields_part(parts: tuple[str, ...]) -> tuple[str, ...]:
    """A label's sentences without those about other fields: a trailing instruction that
    points elsewhere is dropped, and "X above and Y here" becomes "X above." "Y here"."""
    if len(parts) > 1 and _POINTS_ELSEWHERE.search(parts[-1]):
        parts = parts[:-1]
    if parts:
        split = _ABOVE_AND.match(parts[-1])
        if split:
            parts = (*parts[:-1], split.group(1), split.group(2))
    return parts


@dataclass(slots=True)
class _Reading:
    element: Element | None
    via: str
    text: str
    context: list[str]  # container texts, innermost first


class _Classifier:
    def __init__(self, taxonomy: Taxonomy, fmt: Format) -> None:
        self.taxonomy = taxonomy
        self.fmt = fmt

    def classify(self, fld: Field, index: int) -> Classified:
        key = _bounded(_key_of(fld, self.fmt))
        own_texts = self._own_texts(fld)
        reading = self._element(fld, key, own_texts)
        containers = self._containers(fld, reading)
        element = reading.element
        part = None
        composite = self._composite(containers, fld.type)
        bare = self._bare_part(reading.text) if element is None else None
        if element is None and bare is not None:
            part = bare
        if composite is not None:
            owned = COMPOSITE_OWNS_PARTS.get(composite.id, frozenset())
            candidate = element.id if element is not None else bare
            if candidate in owned or (composite.id == "phone" and candidate in ("date", None) and bare == "phone"):
                part, element = candidate, composite
            elif composite.id == "date_of_birth" and bare == "date":
                part, element = "date", composite
            elif element is None and bare is not None and bare in NAME_PARTS and composite.id == "full_name":
                element = self.taxonomy.by_id[bare]
            elif element is None and bare == "phone" and composite.id == "phone":
                element, part = composite, "number"
        if element is None and bare in NAME_PARTS | {"phone"}:
            part = bare  # resolved from the previous field's context later
        previous_name = self.taxonomy.by_id.get("previous_name")
        if (element is not None and element.id in NAME_PARTS | {"full_name"} and previous_name is not None
                and previous_name.label_re.search(reading.text)):
            part, element = element.id, previous_name  # "First name at conviction"
        # Subjects are read with the element's own words blanked: "Employer Identification
        # Number" is nobody's employer, "Taxpayer Identification Number" nobody's taxpayer.
        subject_text = " | ".join([reading.text, split_key(key) if key else ""])
        if element is not None and element.id != "organization_name":  # "facility name" names the facility
            subject_text = element.label_re.sub(_owners_only, subject_text)
        subject = self.taxonomy.subject_in(subject_text) or _key_prefix_subject(key)
        explicit = subject is not None
        if subject is None:
            for text in containers:
                subject = self.taxonomy.subject_in(text)
                if subject is not None:
                    explicit = True
                    break
        if element is not None and subject in (None, "applicant") and _about_someone_else(own_texts):
            subject, explicit = "other_person", True
        instance = self._instance(subject, [subject_text, *containers]) if subject else None
        if element is not None and element.id == "date_signed" and fld.attributes.get("path") and \
                reading.text.strip() == "date":
            element = self._date_of(containers)  # a schema's bare "date" is its object's date
        if element is not None and element.id == "full_name" and subject in ORGANISATIONS:
            element = self.taxonomy.by_id.get("organization_name", element)
        # Qualifiers of the question itself: its key ("homePhone", "Pt3Line4_MobileNumber"), else its
        # own words; the sections around it count for the parts of a composite (the lines of a
        # "Mailing Address") or when the question names none.
        quals = set(qualifiers_in(split_key(key))) if key else set()
        if not quals:
            quals = set(qualifiers_in(reading.text))
        if not quals or (element is not None and element.id in ADDRESS_PARTS | NAME_PARTS):
            quals |= qualifiers_in(" ".join(containers))
        if element is not None and element.id in ("phone", "email"):
            quals -= {"mailing"}
        container, residual = self._container_id(fld, containers)
        return Classified(
            field=fld,
            element=element.id if element is not None else None,
            subject=subject,
            part=part,
            qualifiers=frozenset(quals),
            container=container,
            residual=residual,
            via=reading.via,
            text=reading.text,
            explicit_subject=explicit,
            block=instance,
            variant=fld.attributes.get("variant"),
            page=fld.location.page,
            order=index,
        )

    def _instance(self, subject: str, texts: list[str]) -> str | None:
        """'Parent 1', 'child #2': which of several people of one kind. (Not "Applicant 2":
        there is one applicant, and the number names a page or a copy.)"""
        if subject not in _MANY:
            return None
        pattern = dict(self.taxonomy.subjects).get(subject)
        if pattern is None:
            return None
        for text in texts:
            for found in pattern.finditer(text):
                number = _INSTANCE.match(text[found.end():])
                if number:
                    return f"{subject} {number.group(1).lower()}"
        return None

    # -- signals ------------------------------------------------------------------

    def _own_texts(self, fld: Field) -> list[str]:
        if fld.attributes.get("label_inferred"):
            return []  # a JSON label made from the key: the key is read as such
        if self.fmt is Format.PDF and fld.accessible_name:
            # The tooltip is written for the field; the text found next to a widget is often
            # the neighbour's label on dense or scanned forms.
            return [_bounded(fld.accessible_name)]
        texts: list[str] = []
        # Without a tooltip, a LiveCycle form's XFA name is the next best: written for the
        # field, whole ("Enter spouse's SSN above and full name here:"), where the text beside
        # the widget is the end of a line ("and full name here:"; Form 1040, 2025).
        # (Not for a box to tick: its XFA name is the whole option, "1. You were 65 or older",
        # and the question is its group's.)
        xfa_name = fld.attributes.get("xfa_name") if self.fmt is Format.PDF and not _boolean(fld) else None
        for text in (fld.accessible_name, xfa_name if isinstance(xfa_name, str) else None, fld.label):
            if text and _bounded(text) not in texts:
                texts.append(_bounded(text))
        return texts

    def _element(self, fld: Field, key: str, own_texts: list[str]) -> _Reading:
        taxonomy = self.taxonomy
        labelled = self._from_labels(fld, own_texts)
        autocomplete = _autocomplete(fld)
        if autocomplete:
            element = taxonomy.by_autocomplete(autocomplete)
            if element is not None and element.accepts(fld.type):
                if labelled.element is not None and labelled.element.id in ("signature", "printed_name"):
                    return labelled  # autocomplete="name" on a typed signature is still a signature
                return _Reading(element, "autocomplete", labelled.text or autocomplete, labelled.context)
        if fld.type is FieldType.SIGNATURE:
            return _Reading(taxonomy.by_id.get("signature"), "type", labelled.text, labelled.context)
        bare_key = _INDEX.sub("", key)
        # A key with spaces ("Email Address") is a label someone typed, not an identifier.
        keyed = taxonomy.match_key(bare_key, fld.type) if bare_key and " " not in bare_key.strip() else None
        last = _SEGMENTS.split(fld.accessible_name.strip())[-1] if fld.accessible_name else ""
        tooltip_asks_else = labelled.element is None and self.fmt is Format.PDF and bool(_ASKS.search(last))
        if keyed is not None:
            if labelled.element is None or labelled.element.group == keyed.group or keyed.id == "signature":
                return _Reading(keyed, "key", labelled.text or split_key(key), labelled.context)
            # PDF field names are often reused from another item ("Pt5Line8_DateofBirth[2]" for the
            # place of marriage): the tooltip wins, unless all it says is "address" (an OCR'd
            # "Emai I Address" on a field named "Email").
            if self.fmt is Format.JSONSCHEMA or (self.fmt is Format.PDF and labelled.element.id == "address_block"):
                return _Reading(keyed, "key", labelled.text or split_key(key), labelled.context)
        if key and self.fmt is Format.PDF and len(key.split()) >= 2 and not _GENERIC_KEY.match(key):
            # A PDF field named in words ("Applicant Last Name") says what it is more
            # reliably than a tooltip that is often boilerplate ("undefined", "Name Last").
            words = split_key(key)
            element = taxonomy.match_text(words, fld.type)
            if element is not None:
                return _Reading(element, "key", words, labelled.context)
        if labelled.element is not None:
            return labelled
        if self.fmt is Format.PDF and not fld.accessible_name and fld.label:
            # Labels read from the page layout can interleave two lines ("withSocialself-employment
            # security numberincomeof person"): look for the words with the spaces taken out.
            label = _bounded(fld.label)
            squeezed = re.sub(r"[^a-z]", "", label.lower())
            for pattern, element_id in _SQUEEZED:
                if pattern.search(squeezed) and element_id in taxonomy.by_id:
                    element = taxonomy.by_id[element_id]
                    if element.accepts(fld.type):
                        return _Reading(element, "label", normalise(label), labelled.context)
        if tooltip_asks_else:
            # The tooltip asks something else ("Enter source of financial support") on a field whose
            # name was copied from another item ("Part4Line7_StreetName[1]"): trust the tooltip.
            return labelled
        if key:
            words = split_key(key)
            element = taxonomy.match_text(words, fld.type)
            if element is not None and not _an_amount_of(element, fld):
                return _Reading(element, "key", words, labelled.context)
        if fld.attributes.get("label_inferred") and fld.label:
            text = normalise(_bounded(fld.label))
            element = taxonomy.match_text(text, fld.type)
            if element is not None and not _an_amount_of(element, fld):
                return _Reading(element, "label", text, labelled.context)
        ref = fld.attributes.get("ref_name")
        if isinstance(ref, str):
            # '#/definitions/date' says "a date", not "the date signed"
            generic = frozenset({"date_signed"})
            element = taxonomy.match_key(ref, fld.type) or taxonomy.match_text(split_key(ref), fld.type, generic)
            if element is not None and element.id not in generic:
                return _Reading(element, "ref", split_key(ref), labelled.context)
        return labelled

    def _from_labels(self, fld: Field, own_texts: list[str]) -> _Reading:
        """Read each text from its last sentence backwards; earlier sentences are context."""
        fallback = ""
        context: list[str] = []
        for text in own_texts:
            parts = _this_fields_part(segments(text))
            if not parts:
                continue
            if not fallback:
                fallback, context = parts[-1], list(reversed(parts[:-1]))
            if self._bare_part(parts[-1]) is not None and len(parts) > 1:
                # "Name to be shown on card. First." - the last sentence is the part asked
                return _Reading(None, "label", parts[-1], list(reversed(parts[:-1])))
            for position in range(len(parts) - 1, -1, -1):
                element = self.taxonomy.match_text(parts[position], fld.type)
                if element is not None and element.id == "address_block" and position < len(parts) - 1:
                    continue  # an earlier "Mailing Address." names the section, not this field
                if element is not None and element.id == "age" and len(parts[position].split()) > 14:
                    continue  # a long eligibility question that mentions an age is not "How old are you?"
                if element is not None:
                    return _Reading(element, "label", parts[position], list(reversed(parts[:position])))
        return _Reading(None, "", fallback, context)

    def _date_of(self, containers: list[str]) -> Element | None:
        """The element of a JSON schema's bare "date" property, from the object it is in:
        "veteranSignature.date" is the date signed, "currentMarriageInformation.date" the
        date of marriage, "deaths[].date" a date of death, "lengthOfRelease.date" none of
        these. (On paper a "Date" beside the signature line is the date signed; a schema
        says whose date it is by nesting.)"""
        inner = containers[0] if containers else ""
        for pattern, element_id in _DATE_OF:
            if pattern.search(inner):
                return self.taxonomy.by_id.get(element_id)
        return None

    def _containers(self, fld: Field, reading: _Reading) -> list[str]:
        """Texts of what the field sits in, innermost first."""
        found = list(reading.context)
        path = fld.attributes.get("path")
        if isinstance(path, str) and "." in path:
            for segment in reversed(path.split(".")[:-1]):
                found.append(split_key(segment.replace("[]", "")))
        if fld.group and self.fmt is not Format.PDF:
            found.append(normalise(_bounded(fld.group)))
        return [text for text in found if text]

    def _composite(self, containers: list[str], ftype: FieldType) -> Element | None:
        """The composite element the innermost naming container stands for."""
        for text in containers:
            element = self.taxonomy.match_text(text, FieldType.TEXT)
            if element is not None and element.id in ("previous_name", "place_of_birth", "phone", "full_name",
                                                        "date_of_birth", "address_block"):
                return element
            if element is not None:
                return None
        return None

    @staticmethod
    def _bare_part(text: str) -> str | None:
        cleaned = re.sub(r"[^a-z ]", " ", text.lower())
        cleaned = _SPACES.sub(" ", cleaned).strip()
        cleaned = re.sub(r"^(?:full|enter|the|your)\s+", "", cleaned)
        return BARE_PARTS.get(cleaned)

    def _container_id(self, fld: Field, containers: list[str]) -> tuple[str, str]:
        path = fld.attributes.get("path")
        if isinstance(path, str):
            parent = path.rsplit(".", 1)[0] if "." in path else ""
            words = split_key(parent.replace("[]", "").replace(".", " ")) if parent else ""
            return parent, _residual(words, self.taxonomy) if words else ""
        for text in containers:  # the tooltip section that names the composite ("Mailing Address")
            element = self.taxonomy.match_text(text, FieldType.TEXT)
            if element is not None and element.id in ("address_block", "full_name", "previous_name", "place_of_birth",
                                                        "phone", "date_of_birth"):
                return _SPACES.sub(" ", re.sub(r"[^a-z' ]", " ", text)).strip(), ""
        if fld.group and self.fmt is Format.HTML:
            return normalise(fld.group), ""
        return "", ""


def leaf_residual(item: Classified, taxonomy: Taxonomy) -> str:
    """What tells two JSON questions for one element apart besides subject and qualifiers:
    the leaf key's other words ("previousSahApplicationDate" vs "previousHiApplicationDate")
    and numbers or ordinals in the enclosing objects ("pointOfContactTwo")."""
    fld = item.field
    key = fld.attributes.get("key")
    path = fld.attributes.get("path")
    if not isinstance(key, str) or not isinstance(path, str):
        return ""
    words = _residual(split_key(key), taxonomy)
    parent = path.rsplit(".", 1)[0] if "." in path else ""
    ordinals = " ".join(m.group(0).lower() for m in _INSTANCE_WORDS.finditer(split_key(parent.replace(".", " "))))
    return " ".join(part for part in (words, ordinals) if part)


def _residual(words: str, taxonomy: Taxonomy) -> str:
    """Container words that are neither subject, qualifier nor element: what tells two
    addresses of one person apart ("previous SAH application" vs "care facility")."""
    text = words
    for _name, pattern in taxonomy.subjects:
        text = pattern.sub(" ", text)
    for _name, pattern in QUALIFIERS:
        text = pattern.sub(" ", text)
    for element in taxonomy.elements:
        text = element.label_re.sub(" ", text)
    text = re.sub(r"\b(?:information|info|details?|of|the|and|or|a|an|data|section|is|has|have|your|text|value|"
                  r"number|date|name|details|identification|contact)\b", " ", text)
    return _SPACES.sub(" ", text).strip()


_GENERIC_KEY = re.compile(r"(?i)^(?:text|check|combo|list|radio)\s*(?:field|box|button)?\s*\d*$")
_KEY_PREFIX = re.compile(
    r"^(mother|father|spouse|child|children|dependent|parent|preparer|veteran|claimant|applicant|patient|witness)s?"
    r"(?=[a-z])")
_KEY_PREFIX_SUBJECT = {"children": "child"}


def _key_prefix_subject(key: str) -> str | None:
    """'mothersmiddlename', 'fatherslastname': run-together lower-case keys of XFA forms."""
    found = _KEY_PREFIX.match(key or "")
    if not found:
        return None
    return _KEY_PREFIX_SUBJECT.get(found.group(1), found.group(1))


_SQUEEZED = (
    (re.compile(r"social\w{0,20}?security\w{0,3}?number"), "ssn"),
    (re.compile(r"date\w{0,3}?of\w{0,20}?birth"), "date_of_birth"),
)
_MANY = frozenset({"parent", "child", "dependent", "beneficiary", "caregiver", "witness", "spouse", "relative",
                   "emergency_contact", "employer", "school", "provider", "guardian", "representative"})
_COPY_FIELD = re.compile(r"\bread[- ]only\b|\bautomatically\b|\bpre-?filled\b|\bcarried (?:over|forward)\b"
                         r"|\bfrom (?:part|item|page|line) \d",
                         re.IGNORECASE)
_ASKS = re.compile(r"\b(?:enter|provide|select|type|list|indicate)\b", re.IGNORECASE)
_STRUCTURAL_SEGMENT = re.compile(r"(?i)^(?:topmostsubform|form\d*|#?subform\d*|page\d+|#?pageset|masterpage\d*|body|main)$")


def leaf_key(fld: Field) -> str:
    """The field's own name, without its containers or list index: "maiden" for
    "/properties/veteran/properties/maiden", "Line3a_FamilyName" for
    "form1[0].Page1[0].Line3a_FamilyName[0]", the id of an HTML control."""
    return _INDEX.sub("", fld.id.rsplit("/", 1)[-1].rsplit(".", 1)[-1])


def _key_of(fld: Field, fmt: Format) -> str:
    attrs = fld.attributes
    if fmt is Format.PDF:
        # The full name without XFA scaffolding: a name such as "Most recent U.S. passport
        # book number" is split at its dots into a hierarchy by the PDF itself.
        kept = [seg for seg in _INDEX.sub("", fld.id).split(".") if seg.strip() and not _STRUCTURAL_SEGMENT.match(seg)]
        return ".".join(kept) if kept else str(attrs.get("partial_name") or "")
    for name in ("key", "partial_name", "name"):
        value = attrs.get(name)
        if isinstance(value, str) and value:
            return value
    return fld.id if fmt is Format.HTML else ""


def _autocomplete(fld: Field) -> str | None:
    value = fld.attributes.get("autocomplete") or fld.attributes.get("ui:autocomplete")
    if not isinstance(value, str) or not value.strip():
        return None
    tokens = [t for t in value.lower().split() if not t.startswith("section-") and t not in _AUTOCOMPLETE_SECTIONS]
    token = tokens[-1] if tokens else None
    return None if token in ("on", "off", None) else token


# --------------------------------------------------------------------------- the document


def _question_groups(results: list[Classified], fmt: Format) -> None:
    """Options of one radio group or checkbox set are one question: share its element."""
    groups: dict[str, list[Classified]] = {}
    for item in results:
        fld = item.field
        if fld.type in (FieldType.RADIO, FieldType.CHECKBOX):
            if fmt is Format.HTML:
                stem = str(fld.attributes.get("name") or fld.id)
            else:
                stem = _INDEX.sub("", fld.id)
        else:
            stem = fld.id
        item.question = stem
        groups.setdefault(stem, []).append(item)
    for members in groups.values():
        if len(members) < 2:
            continue
        # The first option carries the question ("8. Sex. Male"); a later option's own words
        # ("Unmarried child under 21") do not make the whole question about age.
        lead = members[0] if members[0].element is not None else None
        if lead is None:
            for member in members[1:]:
                if member.element is not None and member.element in ("age", "ssn", "previous_application"):
                    member.element = None
            continue
        for member in members:
            if member.element is None:
                member.element, member.via, member.text = lead.element, "question", lead.text
                member.qualifiers = lead.qualifiers
                if member.subject is None:
                    member.subject, member.explicit_subject = lead.subject, lead.explicit_subject


def _inherit_context(results: list[Classified], taxonomy: Taxonomy) -> None:
    """A PDF or HTML field labelled only "Last" or "Full middle name" continues the name (or
    address, or phone) of the field before it: take its subject, container and composite."""
    previous: Classified | None = None
    for item in results:
        if previous is not None and _continues(previous, item):
            if item.element is None and item.part is not None:
                if previous.part is not None and previous.element in COMPOSITE_OWNS_PARTS:
                    item.element, item.via = previous.element, "context"  # e.g. previous_name
                elif item.part in NAME_PARTS and (previous.element in NAME_PARTS | {"full_name"}):
                    item.element, item.part, item.via = item.part, None, "context"
                elif item.part == "phone" and previous.element == "phone":
                    item.element, item.via = "phone", "context"
            elif (item.element is not None and previous.part is not None
                  and previous.element in COMPOSITE_OWNS_PARTS
                  and item.element in COMPOSITE_OWNS_PARTS[previous.element]):
                item.part, item.element, item.via = item.element, previous.element, "context"
            own = qualifiers_in(item.text)
            if (not item.explicit_subject and previous.subject is not None and item.element is not None
                    and own <= previous.qualifiers):
                item.subject = previous.subject
                item.explicit_subject = previous.explicit_subject
                item.qualifiers = item.qualifiers | previous.qualifiers
                if not item.container:
                    item.container = previous.container
        previous = item


def _continues(previous: Classified, item: Classified) -> bool:
    if item.field.attributes.get("path"):
        return False  # JSON fields carry their own context in the path
    if previous.page != item.page or item.order != previous.order + 1:
        return False
    if previous.element is None:
        return False
    families = (NAME_PARTS | {"full_name", "previous_name"}, ADDRESS_PARTS | {"address_block", "place_of_birth"},
                {"phone", "phone_ext"}, {"ssn", "ssn_last4"})
    here = item.element or item.part
    if here is None:
        return False
    return any(previous.element in family and (here in family or item.part in family) for family in families) or (
        previous.element in COMPOSITE_OWNS_PARTS and (item.part is not None or here in COMPOSITE_OWNS_PARTS[previous.element])
    )


def _document_subject(results: list[Classified]) -> None:
    """Fields that name nobody are about the form's main person: the applicant, or on a
    form that only ever names the veteran, the veteran."""
    named = Counter(r.subject for r in results if r.explicit_subject and r.element is not None)
    if "claimant" in named and DEFAULT_SUBJECT not in named:
        for item in results:  # the claimant is the applicant unless the form names both
            if item.subject == "claimant":
                item.subject = DEFAULT_SUBJECT
                item.block = item.block.replace("claimant", DEFAULT_SUBJECT) if item.block else None
        named[DEFAULT_SUBJECT] = named.pop("claimant")
    default = DEFAULT_SUBJECT
    if named and DEFAULT_SUBJECT not in named and "veteran" in named:
        default = "veteran"
    for item in results:
        if item.element is None:
            item.subject = None
            continue
        if item.subject is None:
            # Some elements belong to the servicemember whoever fills in the form.
            implied = item.element in ("service_number", "date_of_death") or (
                item.element == "agency_case_number" and re.search(r"\bva\b|\bc-?file\b", item.text))
            item.subject = "veteran" if implied and (named.get("veteran") or item.element == "service_number") else default


_ROW_SEGMENT = re.compile(r"(?i)^(?:row|line|item|entry|child|dependent|person|member|beneficiary|employer|job)\D{0,3}(\d+)$")
_TRAILING_NUMBER = re.compile(r"^(.*?\D)[ _\-]?(\d{1,2})$")


def _repeated_blocks(results: list[Classified], fmt: Format) -> None:
    """Mark fields that sit in one of several repeated blocks (one per dependent, per row)."""
    for item in results:
        fld = item.field
        path = fld.attributes.get("path")
        if isinstance(path, str):
            if "[]" in path:
                item.block = path[: path.rindex("[]") + 2]
            continue
        if fmt is Format.PDF:
            parts = [_INDEX.sub("", p) for p in fld.id.split(".")]
            for depth, segment in enumerate(parts[:-1]):
                if _ROW_SEGMENT.match(segment):
                    item.block = ".".join(parts[: depth + 1])
    # Leaves numbered as siblings ("Docket No", "Docket No 2", "Code Section_2"): a number
    # that two or more different stems carry marks a repeated block; the unnumbered stem is
    # the first block. ("TextField15", "TextField16" are just numbered names.)
    leaves: dict[int, tuple[str, str]] = {}
    by_number: dict[str, set[str]] = {}
    for position, item in enumerate(results):
        if item.block is not None or item.field.attributes.get("path"):
            continue
        leaf = _INDEX.sub("", item.field.id.split(".")[-1] if fmt is Format.PDF else
                          str(item.field.attributes.get("name") or item.field.id))
        found = _TRAILING_NUMBER.match(leaf)
        stem, number = (found.group(1).strip(" _-").lower(), found.group(2)) if found else (leaf.strip().lower(), "")
        leaves[position] = (stem, number)
        if number:
            by_number.setdefault(number, set()).add(stem)
    numbers_of: dict[str, set[str]] = {}
    for stem, number in leaves.values():
        numbers_of.setdefault(stem, set()).add(number)
    # A stem repeats as a block when it is there unnumbered (or as 1) and numbered too.
    repeated = {stem for stem, numbers in numbers_of.items() if numbers & {"", "1"} and numbers - {"", "1"}}
    block_stems: set[str] = set()
    for number, stems in by_number.items():
        if number != "1" and len(stems & repeated) >= 2:
            block_stems |= stems & repeated
    for position, (stem, number) in leaves.items():
        if stem in block_stems:
            results[position].block = f"#{number or '1'}"


def _split_requests(results: list[Classified]) -> None:
    """The boxes of one split answer (SSN in 3 boxes, area code + number) are one request."""
    for item in results:
        item.request = item.question
    index = 0
    while index < len(results):
        item = results[index]
        run = [item]
        if item.element in ("ssn", "ssn_last4", "phone", "postal_code", "ein", "tin", "itin", "bank_routing_number",
                            "date_of_birth", "date_signed"):
            cursor = index + 1
            while cursor < len(results) and cursor - index < 4:
                nxt = results[cursor]
                if not _same_answer(run[-1], nxt):
                    break
                run.append(nxt)
                cursor += 1
        if len(run) > 1 and _looks_split(run):
            lead = run[0]
            for member in run:
                member.request = lead.question
                if member.element == "ssn_last4" and lead.element == "ssn":
                    member.element = "ssn"
                member.subject = lead.subject
                member.part = member.part or "split"
            index += len(run)
        else:
            index += 1
    # Boxes named as one series ("Applicant SSN 1..3", "EIN.0..8", "Applicant DOB M/D/Y") are one
    # answer even when the PDF lists them out of order.
    series: dict[tuple[object, ...], list[Classified]] = {}
    for item in results:
        if item.field.attributes.get("path") or item.element not in _SPLITTABLE:
            continue
        key = _INDEX.sub("", _key_of(item.field, Format.PDF) or "")
        stem = _SERIES.sub("", key)
        if stem and stem != key:
            # "Applicant SSN 1..3" (DS-11) got blocks "#1".."#3" from their own numbers; boxes of
            # at most 4 digits are one answer all the same.
            block = None if (item.block or "").startswith("#") and _short_box(item) else item.block
            series.setdefault((item.page, item.element, block, stem.lower()), []).append(item)
    for (_page, _element, _block, stem), members in series.items():
        ends = [_SERIES.search(_INDEX.sub("", _key_of(m.field, Format.PDF))) for m in members]
        numbers = [int(e.group(0).strip(" ._-")) for e in ends if e and e.group(0).strip(" ._-").isdigit()]
        if _GENERIC_KEY.match(stem) or (numbers and min(numbers) > 1):
            continue  # "TextField15", "TextField16": numbered names, not one answer in boxes
        if 2 <= len(members) <= 10:
            lead = members[0]
            merged = {m.request for m in members}
            for item in results:
                if item.request in merged:
                    item.request = lead.request
                    item.subject = lead.subject
                    item.part = "split"


def _short_box(item: Classified) -> bool:
    length = item.field.attributes.get("maxlen") or item.field.attributes.get("maxlength")
    return str(length).isdigit() and 0 < int(str(length)) <= 4


_SPLITTABLE = frozenset({"ssn", "ssn_last4", "phone", "postal_code", "ein", "tin", "itin", "bank_routing_number",
                         "bank_account_number", "date_of_birth", "date_signed"})
_SERIES = re.compile(r"[ ._\-]?(?:\d{1,2}|m|d|y|mm|dd|yy|yyyy|month|day|year|x{2,4})$", re.IGNORECASE)


def _same_answer(previous: Classified, item: Classified) -> bool:
    if previous.page != item.page or item.block != previous.block:
        return False
    pair = {previous.element, item.element}
    if not (len(pair) == 1 or pair <= {"ssn", "ssn_last4"}):
        return False
    return item.subject == previous.subject or not item.explicit_subject


# "Column: Dependent 2": the field belongs to one of several people in a table.
_NUMBERED_INSTANCE = re.compile(
    r"\b(?:dependent|child|person|individual|owner|member|employee|beneficiary|applicant|column)"
    r"\s*(?:no\.?\s*|number\s*|#\s*)?(\d{1,2})\b", re.IGNORECASE)


def _numbered_instances(run: list[Classified]) -> bool:
    """Each field names a different person of a table ("Row: (3) SSN. Column: Dependent 1",
    "... Dependent 2"): a row of answers, not one answer in boxes."""
    numbers = []
    for r in run:
        texts = (r.field.accessible_name, r.field.attributes.get("xfa_name"), r.field.label)
        found = next((m for t in texts if isinstance(t, str) for m in [_NUMBERED_INSTANCE.search(t)] if m), None)
        if found is None:
            return False
        numbers.append(found.group(1))
    return len(set(numbers)) == len(numbers)


def _looks_split(run: list[Classified]) -> bool:
    cues = sum(1 for r in run if _PART_CUE.search(r.text) or _PART_CUE.search(r.field.accessible_name or ""))
    if cues >= len(run) - 1:
        return True
    if _numbered_instances(run):
        return False
    lengths = [r.field.attributes.get("maxlen") or r.field.attributes.get("maxlength") for r in run]
    if all(isinstance(n, (int, str)) and str(n).isdigit() and int(n) <= 4 for n in lengths):
        return True
    keys = [_INDEX.sub("", _key_of(r.field, Format.PDF) or r.field.id) for r in run]
    if all(re.search(r"(?:^|[\s_\-])(?:m|d|y|mm|dd|yy|yyyy|month|day|year)$", k, re.IGNORECASE) for k in keys):
        return True  # "Applicant DOB M", "... D", "... Y"
    numbered = [re.search(r"(\d+|X{2,4})$", k, re.IGNORECASE) for k in keys]
    return all(numbered) and len({k[: m.start()] for k, m in zip(keys, numbered) if m}) == 1


def _street_lines(results: list[Classified]) -> None:
    """A one-line "Address" followed by separate city, state and ZIP fields is the street line."""
    for position, item in enumerate(results):
        if item.element != "address_block" or item.field.attributes.get("path"):
            continue
        following = results[position + 1 : position + 5]
        if any(r.element in ("city", "postal_code") and r.subject == item.subject for r in following):
            item.element = "street_line"


def element_of(results: Iterable[Classified], field_id: str) -> Classified | None:
    for item in results:
        if item.field.id == field_id:
            return item
    return None


__all__ = [
    "Classified",
    "Element",
    "Taxonomy",
    "TaxonomyError",
    "classify_document",
    "default_taxonomy",
    "is_data_field",
    "normalise",
    "segments",
    "split_key",
]
