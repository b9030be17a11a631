"""Fields that ask people to type an answer again to confirm it ("Confirm email address",
"Re-enter Social Security number", a schema's ``view:confirmEmail``).

USWDS's email pattern: "Do not require users to re-enter their email address, unless you
have a good reason for doing so"; GOV.UK asks for it only where research shows it helps.
A second box for the same answer doubles the typing and still lets a typo through when
people copy and paste. Bank account and routing numbers are the accepted exception
(direct deposit: a wrong digit sends the money elsewhere), and passwords are not data
elements, so neither is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from formlint.classify import Classified, leaf_key

#: The cue at the start of a label ("Confirm email", "Please re-enter your SSN", "Verify
#: account number") or "again" anywhere ("Enter your email again"); "E-Verify" and
#: "confirmation number" are other things.
CUE_WORDS = r"(?:confirm|verify|re-?enter|re-?type|retype|repeat)"
_CUE = re.compile(rf"^(?:please\s+)?{CUE_WORDS}\b|\bagain\b(?!\s+(?:later|in))")
_KEY_CUE = re.compile(r"^(?:view:)?(?:confirm|verify|reEnter|reenter|retype|reType|repeat)(?=[A-Z_])")
#: Where typing twice is accepted practice.
EXCEPTED = frozenset({"bank_account_number", "bank_routing_number"})
#: The element a confirmation field's classification gives, and the element it confirms.
CONFIRMS = {"email_confirm": "email"}


@dataclass(frozen=True)
class Reentry:
    item: Classified  # the second box
    original: Classified  # the first answer it repeats
    element: str


def is_reentry_label(item: Classified) -> bool:
    """The field's words ask to type an answer again."""
    if item.element in CONFIRMS:
        return True
    return bool(_CUE.search(item.text.strip()) or _KEY_CUE.search(leaf_key(item.field)))


#: How many fields back the first answer may be: a confirmation box follows its original
#: (a "#2" block that field names like "email" and "email2" suggest is not another person).
NEAR = 3


_WORDS = re.compile(r"[a-z0-9']+")
#: Words a confirmation box may add to the first box's words ("Email" → "Confirm your email
#: address", "SSN" → "Re-enter the number").
_FILLER = frozenset({"confirm", "verify", "re", "enter", "reenter", "type", "retype", "repeat", "again", "please",
                     "your", "the", "a", "an", "address", "number", "no", "it", "here", "to", "this"})


def _same_question(item: Classified, original: Classified) -> bool:
    """The confirmation adds no words of its own to the first question ("Confirm your
    spouse's email address" after "Your email address" asks about someone else)."""
    own = set(_WORDS.findall(item.text)) - _FILLER - set(_WORDS.findall(original.text))
    return not own


def reentries(classified: list[Classified]) -> list[Reentry]:
    """Each field that repeats an answer of the same person given just before it."""
    found: list[Reentry] = []
    last: dict[tuple[str, str | None], Classified] = {}
    for item in sorted(classified, key=lambda c: c.order):
        if item.element is None:
            continue
        element = CONFIRMS.get(item.element, item.element)
        key = (element, item.subject)
        if is_reentry_label(item):
            original = last.get(key)
            if original is not None and element not in EXCEPTED and original.request != item.request \
                    and item.order - original.order <= NEAR and _same_question(item, original):
                found.append(Reentry(item, original, element))
        else:
            last[key] = item
    return found


def reentry_requests(classified: list[Classified]) -> set[str]:
    """The requests that only confirm an earlier answer: not a question of their own."""
    return {found.item.request or found.item.field.id for found in reentries(classified)}
