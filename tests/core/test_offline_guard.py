"""The test suite's network guard works, so the rest of the suite proves the app is offline."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from medguide.core.offline import NetworkAccessError, network_refused


def test_connections_and_name_lookups_are_refused() -> None:
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkAccessError):
        socket.gethostbyname("example.org")
    with pytest.raises(NetworkAccessError):  # without the guard: a timeout or URLError
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)


def test_local_unix_sockets_still_work() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_the_guard_restores_what_it_replaced() -> None:
    sentinel = object()
    socket.gethostbyaddr = sentinel  # type: ignore[assignment]  (the suite's guard undoes it)
    with network_refused(), pytest.raises(NetworkAccessError):
        socket.gethostbyaddr("192.0.2.1")
    assert socket.gethostbyaddr is sentinel
