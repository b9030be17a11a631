"""Shared test fixtures: paths, the corpus location, the network guard, and a spy on spaCy."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import netguard

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "forms"
# The real forms live beside the project (../shared/corpus); FORMLINT_CORPUS points
# elsewhere, e.g. from a git worktree that is not a sibling of shared/.
CORPUS = Path(os.environ.get("FORMLINT_CORPUS") or ROOT.parent / "shared" / "corpus").resolve()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")  # session-wide, so module-scoped fixtures can build on it
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


@pytest.fixture(autouse=True)
def _no_results_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run without the results cache, so that one run never answers for another
    (a test that changes behaviour in-process between two runs would read stale results);
    the cache tests switch it on, in an empty folder of their own, never the checkout's."""
    monkeypatch.setenv("FORMLINT_NO_CACHE", "1")
    monkeypatch.setenv("FORMLINT_NO_SERVER", "1")  # a developer's `formlint serve` never answers a test
    monkeypatch.setenv("FORMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("formlint-cache")))


NetworkBlocked = netguard.NetworkBlocked


@pytest.fixture
def cached_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with two forms and a config; the cache in its default place (test_cache, test_shortcut)."""
    monkeypatch.delenv("FORMLINT_CACHE_DIR")
    monkeypatch.delenv("FORMLINT_NO_CACHE")  # the suite runs without the cache; these tests are about it
    (tmp_path / "a.md").write_text("Please utilize the enclosed envelope.\n")
    (tmp_path / "b.txt").write_text("You must sign the form in ink.\n")
    (tmp_path / ".formlint.toml").write_text('fail-on = "info"\n')
    return tmp_path


@pytest.fixture(autouse=True)
def _block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs with IP sockets refused (formlint never needs the network).

    Unix-domain sockets stay open (multiprocessing uses them); ``browser`` tests may use
    loopback addresses; ``precommit`` tests run pre-commit, which may install hooks from
    the package index, so they are left alone. Forked worker processes inherit this.
    """
    if request.node.get_closest_marker("precommit") is None:
        loopback = request.node.get_closest_marker("browser") is not None
        for (owner, attribute), replacement in netguard.patches(loopback).items():
            monkeypatch.setattr(owner, attribute, replacement)
    yield


@pytest.fixture
def no_network() -> None:
    """Kept for the tests that name it: the autouse guard already blocks the network."""
    assert socket.socket.connect.__module__ == netguard.__name__, "the network guard is not installed"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts each batch sent to spaCy (a check that keeps parses sends only new ones)."""
    from formlint.nlp import Nlp

    batches: list[list[str]] = []
    real = Nlp._parse_shared

    def spy(self: Nlp, inputs: list[Any]) -> list[Any]:
        batches.append([i.text if hasattr(i, "text") else i for i in inputs])
        return real(self, inputs)

    monkeypatch.setattr(Nlp, "_parse_shared", spy)
    return batches
