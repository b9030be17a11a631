"""Readable labels for JSON-schema properties that have no ``title``.

In VA.gov's vets-json-schema files the property key and the ``$ref`` target are often the
only semantic signal (``"veteranSsn": {"$ref": "#/definitions/ssn"}``). Checks need a
human label to talk about such a field and to classify it, so the reader infers one:
split the key into words, expand well-known abbreviations, and add what the ``$ref``
target means when the key does not already say it.

    infer_label("veteranDateOfBirth")                -> "Veteran date of birth"
    infer_label("vaFileNumber")                       -> "VA file number"
    infer_label("from", ref_name="date")              -> "From date"
    infer_label("fld1", ref_name="ssn")               -> "Social Security number"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words written in capitals (acronyms) when they appear as a whole token.
ACRONYMS = frozenset(
    """va dd gi id ein uei tin itin fac omb usa us pii bii cfr gaap aicpa sefa fte rotc
    stem ged icn edipi hlr dic url uri sah poa ptsd irs ssa cms hhs gsa mlr naaar hmo
    ppo hipaa ach aba cpa llc mgib vr&e vre ojt dea tatu caa ffa pob pow ihl opeid
    wdoms faa cg mdot apo fpo dpo uuid gpa pdf""".split()
)

# Abbreviations expanded in place. Values are written as they should appear mid-sentence.
EXPANSIONS: dict[str, str] = {
    "ssn": "Social Security number",
    "ssns": "Social Security numbers",
    "dob": "date of birth",
    "zip": "ZIP code",
    "zipcode": "ZIP code",
    "addr": "address",
    "tel": "telephone",
    "amt": "amount",
    "qty": "quantity",
    "num": "number",
    "nbr": "number",
    "dt": "date",
    "desc": "description",
    "info": "information",
    "org": "organization",
    "dept": "department",
    "govt": "government",
    "apt": "apartment",
    "mi": "middle initial",
    "ext": "extension",
    "fname": "first name",
    "lname": "last name",
    "mname": "middle name",
    "explan": "explanation",
    "yr": "year",
    "yrs": "years",
}

# Phrases of two tokens that expand together ("zip"+"code" is "ZIP code", not "ZIP code code").
PAIR_EXPANSIONS: dict[tuple[str, str], str] = {
    ("zip", "code"): "ZIP code",
    ("po", "box"): "PO box",
    ("e", "mail"): "email",
}

# Keys whose meaning depends on the enclosing object (a name, an address, a date range).
NAME_PART_LABELS = {
    "first": "First name",
    "middle": "Middle name",
    "last": "Last name",
    "suffix": "Suffix",
    "prefix": "Prefix",
    "maiden": "Maiden name",
}
ADDRESS_PART_LABELS = {
    "street": "Street address",
    "street2": "Street address line 2",
    "street3": "Street address line 3",
    "addressline1": "Address line 1",
    "addressline2": "Address line 2",
    "addressline3": "Address line 3",
    "zipcode5": "ZIP code",
}

OPAQUE_KEY = re.compile(
    r"^(?:fld|field|f|q|question|item|input|inp|var|val|value|x|data|txt|text|col|c|el|elem|"
    r"element|box|cb|chk|rb|tb|textbox|line)[_\-.]?\d+[a-z]?$|^\d+$",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[0-9]|\b|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_SEPARATORS = re.compile(r"[^A-Za-z0-9&]+")


@dataclass(frozen=True, slots=True)
class RefConcept:
    """What a ``$ref`` target name means for a form field."""

    name: str  # canonical concept: ssn, date, phone, ...
    label: str  # as it reads mid-sentence
    words: frozenset[str]  # key words that already express the concept


def _concept(pattern: str, name: str, label: str, words: str) -> tuple[re.Pattern[str], RefConcept]:
    return re.compile(pattern), RefConcept(name, label, frozenset(words.split()))


# Matched against the lower-cased $ref name without punctuation. Order matters: more
# specific concepts first ('ssnLastFour' before 'ssn', 'dateRange' before 'date').
_REF_CONCEPTS: list[tuple[re.Pattern[str], RefConcept]] = [
    _concept(r"ssnlast(?:four|4)", "ssn_last4", "last 4 digits of Social Security number", "ssn social four 4"),
    _concept(r"ssn|socialsecurity", "ssn", "Social Security number", "ssn social ssns"),
    _concept(r"fullname|^name$", "full_name", "full name", "name names"),
    _concept(r"daterange", "date_range", "date range", "range period dates"),
    _concept(r"date$|^date|datetime|birthdate|dob", "date", "date", "date dob day birthday"),
    _concept(r"^year$", "year", "year", "year yr"),
    _concept(r"phone", "phone", "phone number", "phone telephone mobile cell fax"),
    _concept(r"email", "email", "email address", "email e mail"),
    _concept(r"address|location", "address", "address", "address location residence"),
    _concept(r"postalcode|zipcode", "postal_code", "postal code", "postal zip"),
    _concept(r"vafile|filenumber", "va_file_number", "VA file number", "file"),
    _concept(r"servicenumber", "service_number", "service number", "service"),
    _concept(r"signature", "signature", "signature", "signature sign signed"),
    _concept(r"^files$|attachments?|uploads?", "files", "files", "files file documents attachments uploads evidence"),
    _concept(r"gender|^sex$", "gender", "gender", "gender sex"),
    _concept(r"maritalstatus", "marital_status", "marital status", "marital"),
    _concept(r"bankaccount", "bank_account", "bank account", "bank account"),
    _concept(r"currency", "amount", "amount", "amount cost income value salary pay price total"),
]


def ref_name(ref: str | None) -> str | None:
    """The last segment of a ``$ref``: '#/definitions/ssn' -> 'ssn'."""
    if not ref:
        return None
    tail = ref.rsplit("#", 1)[-1].rstrip("/")
    segment = tail.rsplit("/", 1)[-1] if tail else ref.rsplit("/", 1)[-1]
    segment = segment.replace("~1", "/").replace("~0", "~")
    return segment or None


def ref_concept(name: str | None) -> RefConcept | None:
    """What a ``$ref`` target such as 'usaPhone' or 'fullNameNoSuffix' stands for."""
    if not name:
        return None
    flat = re.sub(r"[^a-z0-9]", "", name.lower())
    for pattern, concept in _REF_CONCEPTS:
        if pattern.search(flat):
            return concept
    return None


def split_words(key: str) -> list[str]:
    """'veteranDateOfBirth' -> ['veteran', 'Date', 'Of', 'Birth']; 'has_no_PII' -> [..]."""
    words: list[str] = []
    for chunk in _SEPARATORS.split(key):
        words.extend(_TOKEN.findall(chunk))
    return words


def is_opaque_key(key: str) -> bool:
    """Keys such as 'fld1', 'q12', 'field_3' say nothing about what they hold."""
    key = key.strip()
    return len(key) <= 1 or bool(OPAQUE_KEY.match(key))


def humanize(key: str) -> str:
    """Sentence-case words from a key, abbreviations expanded: 'vaFileNumber' -> 'VA file number'."""
    if key.startswith("view:"):
        key = key[5:]
    tokens = split_words(key)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lower = token.lower()
        if index + 1 < len(tokens) and (lower, tokens[index + 1].lower()) in PAIR_EXPANSIONS:
            out.append(PAIR_EXPANSIONS[(lower, tokens[index + 1].lower())])
            index += 2
            continue
        if lower in EXPANSIONS:
            expansion = EXPANSIONS[lower]
            if out and out[-1] == "an" and expansion[0].lower() not in "aeiou":
                out[-1] = "a"  # 'an SSN' but 'a Social Security number'
            out.append(expansion)
        elif lower in ACRONYMS:
            out.append(lower.upper())
        elif lower.endswith("s") and lower[:-1] in ACRONYMS and len(lower) > 2:
            out.append(lower[:-1].upper() + "s")  # 'eins' -> 'EINs'

        elif token.isupper() and len(token) > 1 and not token.isdigit():
            out.append(token)  # an acronym we do not know (e.g. 'FSR'): keep it
        else:
            out.append(lower)
        index += 1
    return sentence_case(_PROPER.sub(lambda m: _PROPER_NAMES[m.group(0).lower()], " ".join(out)))


_PROPER_NAMES = {"social security": "Social Security", "medicare": "Medicare", "medicaid": "Medicaid"}
_PROPER = re.compile(r"\b(?:social security|medicare|medicaid)\b", re.IGNORECASE)


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def infer_label(
    key: str,
    ref_name: str | None = None,
    parent_key: str | None = None,
    parent_ref_name: str | None = None,
) -> str:
    """A readable label for a property with no title, from its key and ``$ref`` target."""
    bare = key[5:] if key.startswith("view:") else key
    lower = bare.lower()
    context = f"{parent_key or ''} {parent_ref_name or ''}".lower()
    if lower in NAME_PART_LABELS and "name" in context:
        return NAME_PART_LABELS[lower]
    if lower in ADDRESS_PART_LABELS:
        return ADDRESS_PART_LABELS[lower]
    if lower in EXPANSIONS:  # 'sSN', 'DOB': the whole key is an abbreviation
        return sentence_case(EXPANSIONS[lower])
    concept = ref_concept(ref_name)
    if is_opaque_key(bare):
        if concept is not None:
            return sentence_case(concept.label)
        return humanize(bare)
    label = humanize(bare)
    if concept is not None:
        words = {w.lower() for w in split_words(bare)}
        expanded = label.lower()
        already = words & concept.words or concept.label.lower() in expanded
        if not already:
            label = f"{label} {concept.label}"
    return label


def looks_like_identifier(title: str) -> bool:
    """A title such as 'AuditPeriod' or 'notes_to_sefa' is a type name, not a label."""
    text = title.strip()
    if not text or " " in text:
        return False
    if "_" in text:
        return True
    return bool(re.search(r"[a-z][A-Z]", text)) or (text.isupper() and len(text) > 4)
