"""Reporters turn a RunResult into text for people or machines.

Every reporter consumes the same list of findings and knows nothing of how a
finding was made.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from formlint.results import RunResult

FORMATS = {
    "text": "formlint.reporters.text:render",
    "json": "formlint.reporters.json:render",
    "html": "formlint.reporters.html:render",
    "sarif": "formlint.reporters.sarif:render",
    "github": "formlint.reporters.github:render",
    "gitlab": "formlint.reporters.gitlab:render",
}


class Render(Protocol):
    def __call__(self, result: RunResult, *, color: bool = False) -> str: ...


def renderer(name: str) -> Render:
    module_name, func = FORMATS[name].split(":")
    return getattr(importlib.import_module(module_name), func)  # type: ignore[no-any-return]
