"""No network in the tests: the kiosk runs in a waiting room and must never phone anywhere.

`NetworkGuard.install` patches the socket module so that reaching any address other than a
local Unix socket raises `NetworkUseError`, and records the attempt: code that catches the error
(as `except OSError` would) still fails the test when the fixture checks `attempts` afterwards.
Unix sockets stay open: systemd's notify socket and a private cupsd are local to the machine.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

# Names that resolve from /etc/hosts, never from a DNS server.
LOCAL_HOSTS = frozenset({None, "", "localhost", b"localhost"})


class NetworkUseError(OSError):
    """A test tried to reach the network. (An OSError, so code sees it as a network failure.)"""


class NetworkGuard:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def block(self, what: str) -> NetworkUseError:
        self.attempts.append(what)
        return NetworkUseError(f"the tests allow no network use: {what}")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for method in ("connect", "connect_ex", "sendto", "sendmsg"):
            original = getattr(socket.socket, method)
            monkeypatch.setattr(socket.socket, method, self._socket_method(method, original))
        for function in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
            original = getattr(socket, function)
            monkeypatch.setattr(socket, function, self._lookup(function, original))

    def _socket_method(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        guard = self

        def checked(sock: socket.socket, *args: Any, **kwargs: Any) -> Any:
            if sock.family != socket.AF_UNIX:
                raise guard.block(f"socket.{name}{args!r} on a {sock.family.name} socket")
            return original(sock, *args, **kwargs)

        return checked

    def _lookup(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        guard = self

        def checked(host: Any, *args: Any, **kwargs: Any) -> Any:
            # A TCP connection is network use even to this machine; a look-up only off it.
            if name == "create_connection" or host not in LOCAL_HOSTS:
                raise guard.block(f"socket.{name}({host!r})")
            return original(host, *args, **kwargs)

        return checked
