"""formlint works with the network blocked: every fixture is checked, spaCy included."""

from __future__ import annotations

import json

import pytest

from formlint.config import Config
from formlint.engine import Runtime, discover, lint_file
from tests.conftest import FIXTURES


@pytest.mark.usefixtures("no_network")
def test_every_fixture_is_checked_with_sockets_blocked() -> None:
    runtime = Runtime.create(Config())
    targets = discover([FIXTURES])
    assert len(targets) >= 12
    results = [lint_file(t, runtime) for t in targets]  # in this process, where sockets are patched
    unreadable = {r.path: r.stats["unreadable"] for r in results if "unreadable" in r.stats}
    assert list(unreadable) == ["fixtures/forms/pdf/a11y/password-required.pdf"], unreadable  # on purpose
    bad = [r for r in results if "-bad." in r.path]
    assert bad and all(r.findings for r in bad)
    assert runtime.nlp._pipeline is not None  # the spaCy model was loaded and used offline
    json.dumps([r.stats for r in results])  # stats stay plain data
