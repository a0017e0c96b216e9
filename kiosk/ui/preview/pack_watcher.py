"""Following a pack's folder with `watchfiles` (inotify and its kin, not polling): the files
saved come to the UI thread through a Qt signal, a few dozen milliseconds after the last write."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.authoring.live_pack import is_pack_file

log = logging.getLogger(__name__)
# An editor's save is several writes (or a write and a rename) within a few milliseconds: they
# are gathered into one change, well inside the half second an author waits.
DEBOUNCE_MS = 80
STEP_MS = 20


class PackWatcher(QObject):
    files_changed = Signal(list)  # the paths (str) saved, added or deleted

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root.resolve()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._follow, name="pack-watcher", daemon=True)
        self._thread.start()

    def wait_until_watching(self, timeout: float = 5.0) -> bool:
        return self._ready.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _wanted(self, _change: object, path: str) -> bool:
        try:
            relative = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return False
        return is_pack_file(relative)

    def _follow(self) -> None:
        from watchfiles import watch

        try:
            changes = watch(
                self.root, watch_filter=self._wanted, debounce=DEBOUNCE_MS, step=STEP_MS,
                stop_event=self._stop, raise_interrupt=False, yield_on_timeout=True,
                rust_timeout=200,
            )
            for batch in changes:
                self._ready.set()  # the first (empty) batch: the watch is in place
                if batch:
                    self.files_changed.emit(sorted({path for _change, path in batch}))
        except (OSError, RuntimeError) as exc:  # the folder went away, too many watches...
            log.error("cannot follow %s any more: %s", self.root, exc)
