"""The HTML ``autocomplete`` grammar and input purposes (WCAG 2.1 SC 1.3.5).

A port of axe-core 4.14's ``is-valid-autocomplete`` and ``autocomplete-appropriate``
(``lib/commons/text/is-valid-autocomplete.js``, ``lib/checks/forms/
autocomplete-appropriate-evaluate.js``), so that formlint and axe agree on what is
valid; the HTML and JSON-schema (``ui:autocomplete``) checks share it.

Like axe's ``autocomplete-valid`` rule, the extra "off" spellings that sites use to stop
autofill ("false", "none", "disabled"...) are accepted: they name no purpose, but they
do not claim a wrong one either, and browsers treat them as "on"/"off".
"""

from __future__ import annotations

STATE_TERMS = frozenset({"on", "off"})
#: axe's autocomplete-valid options: spellings of "off" that it does not report.
LOOSE_STATE_TERMS = frozenset({"none", "false", "true", "disabled", "enabled", "undefined", "null", "xoff", "xon"})
#: Values axe leaves for a human ("incomplete"): proposed tokens, not errors.
IGNORED_VALUES = frozenset({"text", "pronouns", "gender", "message", "content"})
STANDALONE_TERMS = frozenset(
    """name honorific-prefix given-name additional-name family-name honorific-suffix nickname
    username new-password current-password organization-title organization street-address
    address-line1 address-line2 address-line3 address-level4 address-level3 address-level2
    address-level1 country country-name postal-code cc-name cc-given-name cc-additional-name
    cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type
    transaction-currency transaction-amount language bday bday-day bday-month bday-year sex url
    photo one-time-code""".split()
)
QUALIFIERS = frozenset({"home", "work", "mobile", "fax", "pager"})
QUALIFIED_TERMS = frozenset(
    "tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix "
    "tel-extension email impp".split()
)
LOCATIONS = frozenset({"billing", "shipping"})

_NUMBER = ("text", "search", "number", "tel")
_URL = ("text", "search", "url")
#: Input types each purpose may be used on (axe's allowedTypesMap); others: "text" only.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "bday": ("text", "search", "date"),
    "email": ("text", "search", "email"),
    "username": ("text", "search", "email"),
    "street-address": ("text",),
    **{term: ("text", "search", "tel") for term in QUALIFIED_TERMS if term.startswith("tel")},
    "cc-number": _NUMBER,
    "cc-exp": ("text", "search", "month", "tel"),
    "cc-exp-month": _NUMBER,
    "cc-exp-year": _NUMBER,
    "cc-csc": _NUMBER,
    "transaction-amount": _NUMBER,
    "bday-day": _NUMBER,
    "bday-month": _NUMBER,
    "bday-year": _NUMBER,
    "new-password": ("text", "search", "password"),
    "current-password": ("text", "search", "password"),
    "url": _URL,
    "photo": _URL,
    "impp": _URL,
}
#: Input types browsers know; any other type renders (and is judged) as "text".
VALID_INPUT_TYPES = frozenset(
    """button checkbox color date datetime-local email file hidden image month number password
    radio range reset search submit tel text time url week""".split()
)


def is_valid(value: str) -> bool:
    """Whether an autocomplete value follows the grammar
    ``[section-*] [billing|shipping] [home|work|mobile|fax|pager] purpose [webauthn]``."""
    value = value.strip().lower()
    if not value or value in STATE_TERMS or value in LOOSE_STATE_TERMS:
        return True
    terms = value.split()
    if terms[-1] == "webauthn":
        terms.pop()
        if not terms:
            return False
    if len(terms[0]) > 8 and terms[0].startswith("section-"):
        terms.pop(0)
    standalone = STANDALONE_TERMS
    if terms and terms[0] in LOCATIONS:
        terms.pop(0)
    if terms and terms[0] in QUALIFIERS:
        terms.pop(0)
        standalone = frozenset()  # after home/work/mobile... only tel and email forms
    if len(terms) != 1:
        return False
    purpose = terms[0]
    if purpose in IGNORED_VALUES:
        return True
    return purpose in standalone or purpose in QUALIFIED_TERMS


def purpose(value: str) -> str | None:
    """The purpose token (the last term before an optional "webauthn")."""
    terms = value.strip().lower().split()
    if terms and terms[-1] == "webauthn":
        terms.pop()
    return terms[-1] if terms else None


def appropriate_for_type(value: str, input_type: str) -> bool:
    """axe's autocomplete-appropriate: the purpose suits the input's type."""
    token = purpose(value)
    if token is None or token in STATE_TERMS or token in LOOSE_STATE_TERMS:
        return True
    kind = input_type.strip().lower() or "text"
    if kind not in VALID_INPUT_TYPES:
        kind = "text"
    allowed = ALLOWED_TYPES.get(token)
    if allowed is None:
        return kind == "text"
    return kind in allowed


def allowed_types(value: str) -> tuple[str, ...]:
    token = purpose(value) or ""
    return ALLOWED_TYPES.get(token, ("text",))
