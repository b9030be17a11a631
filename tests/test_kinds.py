"""Third-party rule kinds arrive through the ``formlint.kinds`` entry point."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from formlint import checks
from formlint.checks.base import REGISTRY, Check
from formlint.context import CheckContext
from formlint.model import Document, Finding


class ShoutCheck(Check):
    kind = "test-shout"

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        return iter(())


class FakeEntryPoint:
    def __init__(self, name: str, target: object) -> None:
        self.name, self.value, self._target = name, f"tests.test_kinds:{name}", target

    def load(self) -> object:
        return self._target


def test_entry_point_kinds_are_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "entry_points", lambda group: [FakeEntryPoint("test-shout", ShoutCheck)])
    checks.load_kinds.cache_clear()
    try:
        assert checks.load_kinds()["test-shout"] is ShoutCheck
    finally:
        REGISTRY.kinds.pop("test-shout", None)
        checks.load_kinds.cache_clear()


def test_a_broken_plugin_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "entry_points", lambda group: [FakeEntryPoint("bogus", object())])
    checks.load_kinds.cache_clear()
    try:
        with pytest.raises(checks.KindLoadError, match="'bogus'.*not a formlint Check class"):
            checks.load_kinds()
    finally:
        checks.load_kinds.cache_clear()
