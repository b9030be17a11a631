"""The suite runs offline: IP sockets are refused in every test (and in the runner's
forked workers), Unix sockets work, ``browser`` tests may use loopback only."""

from __future__ import annotations

import multiprocessing
import socket
import urllib.request
from pathlib import Path

import pytest

from formlint.config import Config
from formlint.engine import Runtime, discover
from formlint.runner import run_targets
from tests import netguard
from tests.conftest import FIXTURES, NetworkBlocked


def test_outbound_connections_and_lookups_are_refused() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("pypi.org", 443)
    with pytest.raises(NetworkBlocked):
        socket.gethostbyname("example.gov")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        with pytest.raises(NetworkBlocked):
            udp.sendto(b"x", ("192.0.2.1", 53))
    with pytest.raises(NetworkBlocked):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)


def test_loopback_is_refused_too_outside_browser_tests() -> None:
    with socket.socket() as sock, pytest.raises(NetworkBlocked):
        sock.connect(("127.0.0.1", 9))


def test_unix_sockets_and_multiprocessing_still_work() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    parent, child = multiprocessing.Pipe()
    parent.send("hello")
    assert child.recv() == "hello"


def _probe(conn: object) -> None:
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1)
        conn.send("connected")  # type: ignore[attr-defined]
    except NetworkBlocked:
        conn.send("blocked")  # type: ignore[attr-defined]
    except OSError as error:
        conn.send(f"os error {error}")  # type: ignore[attr-defined]


def test_forked_workers_inherit_the_guard() -> None:
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_probe, args=(child,))
    process.start()
    assert parent.recv() == "blocked"
    process.join(10)
    # And the real runner, whose workers are forked the same way, checks files offline.
    results = run_targets(discover([FIXTURES / "markdown"]), Runtime.create(Config(nlp=False)), jobs=2, timeout=60)
    assert results and all("unreadable" not in r.stats for r in results)


@pytest.mark.parametrize(
    ("family", "address", "loopback", "expected"),
    [
        (socket.AF_UNIX, "/tmp/x.sock", False, True),
        (socket.AF_INET, ("127.0.0.1", 80), False, False),
        (socket.AF_INET, ("127.0.0.1", 80), True, True),
        (socket.AF_INET, ("localhost", 80), True, True),
        (socket.AF_INET6, ("::1", 80, 0, 0), True, True),
        (socket.AF_INET, ("10.0.0.1", 80), True, False),
        (socket.AF_INET, ("example.gov", 443), True, False),
        (socket.AF_INET6, ("2001:db8::1", 80, 0, 0), True, False),
    ],
)
def test_policy(family: int, address: object, loopback: bool, expected: bool) -> None:
    assert netguard.allowed(family, address, loopback) is expected


@pytest.mark.browser
def test_browser_tests_may_use_loopback_only(tmp_path: Path) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5) as client:
            peer, _ = server.accept()
            with peer:
                client.sendall(b"ok")
                assert peer.recv(2) == b"ok"
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@pytest.mark.precommit
def test_precommit_tests_are_not_blocked() -> None:
    assert getattr(socket.socket.connect, "__module__", None) != netguard.__name__
