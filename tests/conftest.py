"""Shared test fixtures: paths, the corpus location, and a network guard."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "forms"
# FORMLINT_CORPUS points at the corpus when the checkout is not beside shared/ (a git worktree).
CORPUS = Path(os.environ.get("FORMLINT_CORPUS") or ROOT.parent / "shared" / "corpus").resolve()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS


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
