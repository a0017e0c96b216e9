"""Watches the inbox folder and runs a pass (kiosk.fleet.intake) when something may have arrived.

A QFileSystemWatcher notices new and renamed files at once on a local folder; network mounts
(SMB, NFS) send no such events, so the folder is also looked at every minute. A file that has
not settled yet is looked at again as soon as it should have. A pass runs on a thread (a pack
is read whole and copied), only when `may_start()` says the kiosk is at rest, and never two at
a time; one asked for meanwhile runs when the first ends or the kiosk is next at rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.fleet.intake import Intake, PassResult

log = logging.getLogger(__name__)
RESCAN_MS = 60_000
SETTLE_MARGIN_MS = 500  # look again just after a waiting file should have settled
EVENT_DELAY_MS = 1_000  # a burst of folder events becomes one look


class InboxWatcher(QObject):
    finished = Signal(object)  # PassResult, delivered on the UI thread

    def __init__(
        self, intake: Intake, *, may_start: Callable[[], bool], rescan_ms: int = RESCAN_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.intake = intake
        self.may_start = may_start
        self.pending = False  # a look was asked for while the kiosk was busy or a pass ran
        self.last: PassResult | None = None
        self._thread: threading.Thread | None = None
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(EVENT_DELAY_MS)
        self._soon.timeout.connect(self.poke)
        self._folder_watch = QFileSystemWatcher(self)
        self._folder_watch.directoryChanged.connect(lambda _path: self._soon.start())
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.timeout.connect(self.poke)
        self.timer = QTimer(self)
        self.timer.setInterval(rescan_ms)
        self.timer.timeout.connect(self.poke)
        self.finished.connect(self._finished)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self.timer.start()
        self.poke()

    def stop(self) -> None:
        for timer in (self.timer, self._soon, self._settled):
            timer.stop()

    def poke(self) -> None:
        """Look at the inbox now if the kiosk is at rest; else as soon as it is."""
        self._watch_folder()
        if self.busy or not self.may_start():
            self.pending = True
            return
        self.pending = False
        self._thread = threading.Thread(target=self._run, name="inbox", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until the running pass ends (for tests and `kiosk run` shutting down)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            result = self.intake.run_pass()
        except Exception as error:  # a thread's exception must still reach the log and staff
            log.exception("the inbox pass failed")
            result = PassResult("failed", f"The inbox could not be read or installed from ({error}).")
        self.finished.emit(result)

    def _finished(self, result: PassResult) -> None:
        self.last = result
        if result.retry_in is not None:
            self._settled.start(round(result.retry_in * 1000) + SETTLE_MARGIN_MS)
        if self.pending:
            QTimer.singleShot(0, self.poke)

    def _watch_folder(self) -> None:
        """(Again) watch the folder: a mount that went away and came back is a new folder."""
        folder = str(self.intake.inbox)
        if folder not in self._folder_watch.directories() and self.intake.inbox.is_dir():
            self._folder_watch.addPath(folder)
