"""Stop the kiosk cleanly on SIGTERM (systemd stopping or restarting it) and SIGINT (Ctrl-C).

Python runs a signal handler only between two steps of Python code, and while Qt's event loop
waits for input no Python code runs, so a plain `signal.signal()` handler would wait for the
next timer, maybe minutes. Here the signal also wakes the event loop: Python's own low-level
handler writes the signal's number to a socket (`signal.set_wakeup_fd`), a QSocketNotifier on
the other end of that socket fires, and the Python code of its slot lets Python run the handler.
The handler ends the event loop with exit status 0 on its next turn (so a signal that comes
during start-up, before the loop runs, still stops the kiosk once it does).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_Handler = Callable[[int, FrameType | None], Any] | int | None


class QuitOnSignal(QObject):
    """While installed, SIGTERM and SIGINT end `app`'s event loop with exit status 0."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: list[str] = []  # the names of the signals that asked the kiosk to stop
        self._previous: dict[int, _Handler] = {}
        self._previous_wakeup = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None

    def install(self) -> None:
        """Call from the main thread (Python allows signal handlers only there)."""
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)  # set_wakeup_fd requires it: a handler must never block
        self._sockets = (reader, writer)
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)

    def uninstall(self) -> None:
        """Put back the handlers found at `install()` (tests start many kiosks in one process)."""
        for number, handler in self._previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        self._previous.clear()
        if self._sockets is None:
            return
        signal.set_wakeup_fd(self._previous_wakeup)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for end in self._sockets:
            end.close()
        self._sockets = None

    def _drain(self) -> None:
        """Empty the socket; the point is that Python now runs, and with it the handler."""
        if self._sockets is None:
            return
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while self._sockets[0].recv(64):
                pass

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        name = signal.Signals(number).name
        self.received.append(name)
        log.info("received %s: the kiosk is stopping", name)
        QTimer.singleShot(0, self._stop)

    def _stop(self) -> None:
        # exit(), not quit(): quit() asks the windows to close, and the locked-down kiosk refuses.
        self.app.exit(0)
