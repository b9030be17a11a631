"""Block the network for the test suite (see the autouse fixture in conftest.py).

formlint never needs the network at run time, so the tests run with every IP socket
refused: a library that quietly phones home (a model download, a font fetch, a DNS
look-up) fails the test that triggered it instead of passing on a connected machine
and hanging on an air-gapped one. Unix-domain sockets stay allowed (multiprocessing
and asyncio use them); tests marked ``browser`` may also use loopback addresses, to
talk to a browser on this machine.

The patch is on the ``socket`` module of this process, so worker processes that the
runner forks inherit it. A Python started with ``subprocess`` does not: scripts that
tests run that way call :func:`install` themselves.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})


class NetworkBlocked(RuntimeError):
    """A test tried to reach the network."""


def is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None:
        return True  # getaddrinfo(None, port): the local host
    if not isinstance(host, str):
        return False
    host = host.strip("[]").split("%", 1)[0].lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed(family: int, address: Any, loopback: bool) -> bool:
    """May a socket of ``family`` reach ``address``?"""
    if family == getattr(socket, "AF_UNIX", object()):
        return True
    if family == getattr(socket, "AF_NETLINK", object()):
        return True  # the kernel, not the network (used to list interfaces)
    if not loopback:
        return False
    host = address[0] if isinstance(address, tuple) and address else address
    return is_loopback(host)


def _refuse(what: str, target: Any) -> NetworkBlocked:
    return NetworkBlocked(f"network access attempted in a test: {what} {target!r} (formlint must work offline)")


def patches(loopback: bool = False) -> dict[tuple[Any, str], Callable[..., Any]]:
    """(owner, attribute) -> replacement, for ``monkeypatch.setattr`` or :func:`install`."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        if not allowed(self.family, address, loopback):
            raise _refuse("connect to", address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if not allowed(self.family, address, loopback):
            raise _refuse("connect to", address)
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> Any:
        address = args[-1]
        if not allowed(self.family, address, loopback):
            raise _refuse("send to", address)
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not (loopback and is_loopback(host)):
            raise _refuse("look up", host)
        return real_getaddrinfo(host, *args, **kwargs)

    def lookup(name: str) -> Callable[..., Any]:
        real = getattr(socket, name)

        def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not (loopback and is_loopback(host)):
                raise _refuse("look up", host)
            return real(host, *args, **kwargs)

        return guarded

    return {
        (socket.socket, "connect"): connect,
        (socket.socket, "connect_ex"): connect_ex,
        (socket.socket, "sendto"): sendto,
        (socket, "getaddrinfo"): getaddrinfo,
        (socket, "gethostbyname"): lookup("gethostbyname"),
        (socket, "gethostbyname_ex"): lookup("gethostbyname_ex"),
        (socket, "gethostbyaddr"): lookup("gethostbyaddr"),
    }


def install(loopback: bool = False) -> None:
    """Block the network in this process for good (for scripts run in a subprocess)."""
    for (owner, attribute), replacement in patches(loopback).items():
        setattr(owner, attribute, replacement)
