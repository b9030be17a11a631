"""Rule kinds: the Python behind the declarative rules in ``rules/``.

Built-in kinds are the modules listed in ``BUILTIN_MODULES``; other packages add
kinds through the ``formlint.kinds`` entry point (``name = "module:Class"``).
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib.metadata import entry_points

from formlint.checks.base import REGISTRY, Check, NlpNeed, Param, register
from formlint.errors import KindLoadError

BUILTIN_MODULES = (
    "formlint.checks.io",
    "formlint.checks.wordlist",
    "formlint.checks.pattern",
    "formlint.checks.sentences",
    "formlint.checks.pdf_fields",
    "formlint.checks.pdf_a11y",
    "formlint.checks.html_a11y",
    "formlint.checks.schema_a11y",
    "formlint.checks.data_elements",
    "formlint.checks.passive",
    "formlint.checks.shall",
    "formlint.checks.hidden_verbs",
    "formlint.checks.acronyms",
    "formlint.checks.readability",
    "formlint.checks.style",
    "formlint.checks.nounstring",
    "formlint.checks.burden",
    "formlint.checks.pra_dates",
    "formlint.checks.reentry_fields",
    "formlint.checks.required_fields",
    "formlint.checks.headings",
    "formlint.checks.name_questions",
    "formlint.checks.language",
)


@cache
def load_kinds() -> dict[str, type[Check]]:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    for entry in entry_points(group="formlint.kinds"):
        try:
            cls = entry.load()
        except Exception as error:  # a broken plugin must say which one it is
            raise KindLoadError(f"rule kind plugin {entry.name!r} ({entry.value}) failed to load: {error}") from error
        if not (isinstance(cls, type) and issubclass(cls, Check)):
            raise KindLoadError(f"rule kind plugin {entry.name!r} ({entry.value}) is not a formlint Check class")
        if not cls.kind:
            cls.kind = entry.name
        REGISTRY.add(cls)
    return dict(REGISTRY.kinds)


__all__ = ["Check", "KindLoadError", "NlpNeed", "Param", "load_kinds", "register"]
