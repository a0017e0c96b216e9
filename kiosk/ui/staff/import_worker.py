"""Content loading off the UI thread: copy and check a pack from a stick, then install it.

Each step runs on a worker thread and reports through Qt signals, which Qt delivers on the UI
thread; the screen keeps answering while a slow stick is read, and Cancel is a flag the copy
checks between chunks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.packs.copying import StagedPack
from kiosk.packs.installed import InstalledVersion
from kiosk.packs.limits import PackRejected
from kiosk.packs.outcomes import ImportCancelled, ImportFailed, ImportRefused, Progress
from kiosk.packs.store import PackStore
from kiosk.ui.widgets.images import qt_svg_problem

log = logging.getLogger(__name__)


class ImportWorker(QObject):
    progressed = Signal(object)  # Progress
    staged = Signal(object, object)  # StagedPack, Review
    installed = Signal(object)  # InstalledVersion
    failed = Signal(str)  # a plain sentence for staff
    cancelled = Signal()

    def __init__(self, store: PackStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def cancel(self) -> None:
        self._cancel.set()

    def stage(self, path: Path, trusted_keys: Sequence[str], current_root: Path | None) -> None:
        """Copy the pack at `path` into staging and review it against the pack shown now
        (`current_root`); emits staged or failed."""
        self._start(lambda: self._stage(path, tuple(trusted_keys), current_root))

    def install(self, staged: StagedPack) -> None:
        self._start(lambda: self._install(staged))

    def _install(self, staged: StagedPack) -> None:
        from kiosk.library.shelf import Shelf

        installed = self.store.commit(staged, progress=self.progressed.emit)
        Shelf(self.store.data_dir).prepare(installed.path)  # before it is shown: a fast start
        self.installed.emit(installed)

    def roll_back(self) -> None:
        """Switch to the version before the active one; emits installed (that version) or failed."""
        self._start(lambda: self.installed.emit(self.store.rollback()))

    def _start(self, work: Callable[[], None]) -> None:
        if self.busy:
            raise RuntimeError("an import is already running")
        self._cancel.clear()
        self._thread = threading.Thread(target=self._run, args=(work,), name="import", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except ImportCancelled:
            self.cancelled.emit()
        except (ImportFailed, ImportRefused, PackRejected) as error:
            log.warning("content not loaded: %s", error.message)
            self.failed.emit(error.message)
        except Exception as error:  # a thread's exception must still reach staff in words
            log.exception("content loading failed")
            self.failed.emit(
                f"Something went wrong while loading the content ({error}). Nothing was changed."
            )

    def _stage(self, path: Path, trusted_keys: tuple[str, ...], current_root: Path | None) -> None:
        from kiosk.packs.opening import open_source  # reading packs: not at start-up
        from kiosk.packs.review import Review, review_pack

        with open_source(path) as source:
            staged = self.store.stage(source, progress=self.progressed.emit, cancelled=self._cancel.is_set)
            trust = source.trust_problem(trusted_keys)
            signature = source.signature
        review: Review = review_pack(
            staged.path, current_root, signature=signature, trust_problem=trust,
            trusted_keys_set=bool(trusted_keys), svg_check=qt_svg_problem,
        )
        self.staged.emit(staged, review)


__all__ = ["ImportWorker", "InstalledVersion", "Progress"]
