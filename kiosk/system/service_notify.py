"""Tell systemd how the kiosk is doing: ready, status, stopping, and "still alive" pings.

This is the sd_notify protocol (man sd_notify): one datagram of `KEY=value` lines sent to the
Unix socket named by `NOTIFY_SOCKET`. Outside systemd that variable is unset and nothing is sent.

The watchdog pings come from a QTimer on the UI thread on purpose: when the UI freezes (a
deadlock, an endless loop, a call that never returns), the pings stop and systemd restarts the
kiosk, even though the process is still alive.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

_failure_logged = False


def socket_address(environ: Mapping[str, str] = os.environ) -> str | None:
    """The address to send to: a path, or an abstract name ("\\0name"); None when not under systemd."""
    address = environ.get("NOTIFY_SOCKET", "")
    if address.startswith("/"):
        return address
    if address.startswith("@") and len(address) > 1:
        return "\0" + address[1:]  # Linux's abstract namespace: no file behind it
    if address:
        _log_failure_once(f"NOTIFY_SOCKET={address!r} is not a socket path the kiosk can use")
    return None


def send(address: str, message: str) -> bool:
    """Send one datagram; False (and one log line per process) when it cannot be sent.

    Never blocks: if systemd is not reading, a ping is dropped rather than freezing the UI.
    """
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.setblocking(False)
            sock.sendto(message.encode("utf-8"), address)
    except (OSError, ValueError) as exc:  # ValueError: an address Python refuses (a NUL in a path)
        what = message.partition("\n")[0]
        where = address.replace("\0", "@", 1)
        _log_failure_once(f"could not tell systemd {what!r} through {where}: {exc}")
        return False
    return True


def notify(message: str, *, environ: Mapping[str, str] = os.environ) -> bool:
    """Send `message` (e.g. "READY=1") to systemd; False, doing nothing, when NOTIFY_SOCKET is unset."""
    address = socket_address(environ)
    if address is None:
        return False
    return send(address, message)


def watchdog_interval_ms(environ: Mapping[str, str] = os.environ) -> int | None:
    """How often to ping: half the watchdog timeout, as man sd_watchdog_enabled advises.

    None when systemd watches no process, or watches another one (WATCHDOG_PID): a child must not
    keep its parent's watchdog happy.
    """
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = environ.get("WATCHDOG_PID", "")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    return max(1, usec // 2000)


def _one_line(text: str) -> str:
    # A line break would start a new KEY=value assignment in the datagram.
    return " ".join(text.split())


def _log_failure_once(text: str) -> None:
    # A failure repeats with every ping; one line says it all and keeps the log readable.
    global _failure_logged
    if not _failure_logged:
        _failure_logged = True
        log.warning("%s (further failures are not logged)", text)


class ServiceNotifier(QObject):
    """The kiosk's side of a `Type=notify` service with a watchdog.

    Create it on the UI thread: its timer fires there, which is the point. Everything is a no-op
    when the kiosk was not started by systemd.
    """

    def __init__(self, environ: Mapping[str, str] = os.environ, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Read once, at start-up, like sd_notify's callers: the environment may change later.
        self.address = socket_address(environ)
        self.interval_ms = watchdog_interval_ms(environ) if self.address is not None else None
        self.is_ready = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.ping)
        if self.address is not None and self.interval_ms is None and environ.get("WATCHDOG_USEC"):
            log.warning(
                "systemd's watchdog watches process %s, not the kiosk (process %d), so the kiosk "
                "sends no watchdog pings and will be restarted; under cage the unit needs "
                "UnsetEnvironment=WATCHDOG_PID",
                environ.get("WATCHDOG_PID"), os.getpid(),
            )

    @property
    def enabled(self) -> bool:
        """True when started by systemd with a notify socket."""
        return self.address is not None

    def ready(self, status: str = "") -> bool:
        """Start-up is over (the home screen is up). Sent once; later calls do nothing."""
        if self.is_ready:
            return False
        self.is_ready = True
        message = "READY=1" + (f"\nSTATUS={_one_line(status)}" if status else "")
        if self.enabled:
            log.info("telling systemd the kiosk is ready")
        return self._send(message)

    def status(self, text: str) -> bool:
        """One line shown by `systemctl --user status kiosk`."""
        return self._send(f"STATUS={_one_line(text)}")

    def start_watchdog(self) -> bool:
        """Ping now and then every interval; False when systemd runs no watchdog for the kiosk."""
        if self.interval_ms is None:
            return False
        self.ping()
        self.timer.start(self.interval_ms)
        log.info("sending systemd a watchdog ping every %.1f s", self.interval_ms / 1000)
        return True

    def ping(self) -> bool:
        return self._send("WATCHDOG=1")

    def stopping(self) -> bool:
        """The kiosk is shutting down on purpose: no more pings."""
        self.timer.stop()
        return self._send("STOPPING=1")

    def _send(self, message: str) -> bool:
        if self.address is None:
            return False
        return send(self.address, message)
