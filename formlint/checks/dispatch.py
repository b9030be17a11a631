"""Kinds that serve many rules through a named function: ``params: {check: NAME}``.

The accessibility kinds (``pdf-accessibility``, ``html-form``, ``schema-form``) each
hold a table of small check functions; a rule file picks one by name, so adding a rule
for an existing function needs only YAML. ``CheckTable.seal`` is called once every
function of the module is registered: it gives the kind a ``check`` parameter whose
choices are the registered names, so a rule that names an unknown check fails when the
rule files load, with the file and the rule in the message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from formlint.checks.base import Check, Param

F = TypeVar("F", bound=Callable[..., Any])


class CheckTable(Generic[F]):
    """Check functions by name, filled with ``@table("name")``."""

    def __init__(self) -> None:
        self.functions: dict[str, F] = {}

    def __call__(self, name: str) -> Callable[[F], F]:
        def add(function: F) -> F:
            if name in self.functions:
                raise ValueError(f"two check functions are named {name!r}")
            self.functions[name] = function
            return function

        return add

    def __getitem__(self, name: str) -> F:
        return self.functions[name]

    def seal(self, kind: type[Check], help: str) -> None:
        kind.params = {**kind.params, "check": Param(str, help=help, choices=tuple(sorted(self.functions)))}
