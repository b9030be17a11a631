"""Shared test fixtures: paths, the corpus location, and a network guard."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "forms"
# ../shared/corpus beside the project; FORMLINT_CORPUS points elsewhere (e.g. from a git worktree).
CORPUS = Path(os.environ.get("FORMLINT_CORPUS") or ROOT.parent / "shared" / "corpus").resolve()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
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
    monkeypatch.setenv("FORMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("formlint-cache")))


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every socket operation fail, as on an air-gapped machine."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkBlocked("network access attempted during a no-network test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
