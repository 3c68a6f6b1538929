"""A guard that refuses every network connection and host lookup while it is active.

MedGuide never goes online (DESIGN.md §5). The self-test runs under this guard, and so does
every test of the suite, so any code path that tried to reach the network would fail loudly.
Local Unix sockets (used by Qt on Linux) stay allowed.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

_SOCKET_METHODS = ("connect", "connect_ex", "sendto")
_MODULE_FUNCTIONS = (
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostbyaddr",
    "create_connection",
)


class NetworkAccessError(RuntimeError):
    """Raised when code tries to reach the network while the guard is active."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkAccessError(f"network access attempted: {args[1:] or args or kwargs}")


@contextmanager
def network_refused() -> Iterator[None]:
    """Within the ``with`` block, connections (TCP, UDP) and host-name lookups raise
    ``NetworkAccessError``."""
    saved_methods = {name: getattr(socket.socket, name) for name in _SOCKET_METHODS}
    saved_functions = {name: getattr(socket, name) for name in _MODULE_FUNCTIONS}
    local_connect = saved_methods["connect"]
    unix = getattr(socket, "AF_UNIX", object())

    def connect(self: socket.socket, address: object) -> None:
        if self.family == unix:
            local_connect(self, address)
            return
        _refuse(self, address)

    try:
        socket.socket.connect = connect  # type: ignore[method-assign,assignment]
        socket.socket.connect_ex = _refuse  # type: ignore[method-assign,assignment]
        socket.socket.sendto = _refuse  # type: ignore[method-assign,assignment]
        for name in _MODULE_FUNCTIONS:
            setattr(socket, name, _refuse)
        yield
    finally:
        for name, method in saved_methods.items():
            setattr(socket.socket, name, method)
        for name, function in saved_functions.items():
            setattr(socket, name, function)
