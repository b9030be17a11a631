"""Language tags: the one test of a well-formed tag, and a document's primary language.

The accessibility rules report a malformed tag (a11y/pdf-bad-lang, a11y/html-lang-valid);
the rule engine reads the primary language to skip the rules that read English on a
document in another language (rulepacks.Rule.applies_to_language).
"""

from __future__ import annotations

import re

#: A BCP 47 language tag as used in practice: a 2- or 3-letter ISO 639 primary subtag
#: (or a private-use "x-" / grandfathered "i-" tag), then subtags of 1 to 8 letters or
#: digits. Stricter than veraPDF's 7.2-29 pattern, which accepts "english" (1 to 8
#: letters): a screen reader cannot pick a voice from a language name.
LANG_TAG = re.compile(r"^(?:[a-zA-Z]{2,3}|[xXiI])(?:-[a-zA-Z0-9]{1,8})*$")


def primary_language(language: str | None) -> str | None:
    """"es" for "es-US" (or "es_US"); None where no language, or no language tag ("english",
    a private-use "x-…"), is declared."""
    tag = (language or "").strip().replace("_", "-")
    if not LANG_TAG.match(tag):
        return None
    primary = tag.split("-")[0].lower()
    return primary if len(primary) >= 2 else None
