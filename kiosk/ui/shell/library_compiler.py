"""Compiling a pack off the UI thread, while the kiosk shows the pack read from its folder.

The first start with a new pack (or after a damaged compiled form) reads the pack whole and
shows it at once; the compiled form is built meanwhile, and the window switches to it the next
time it is at rest (home, untouched), so a visitor never sees the switch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content.model import Pack
from kiosk.library.schema import CompileCancelled
from kiosk.library.shelf import Shelf

log = logging.getLogger(__name__)


class LibraryCompiler(QObject):
    compiled = Signal(object)  # the compiled Pack, delivered on the UI thread

    def __init__(self, shelf: Shelf, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shelf = shelf
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, pack: Pack | None = None, *, root: Path | None = None) -> None:
        """Compile `pack` (loaded whole), or the pack in `root` (read first)."""
        if self.busy:
            return
        self._stop.clear()
        work: Callable[[], Pack | None] = (
            (lambda: self._compile(pack)) if pack is not None else (lambda: self._read_and_compile(root))
        )
        self._thread = threading.Thread(target=self._run, args=(work,), name="library", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def wait(self, seconds: float) -> bool:
        """For tests and shutting down: True once no compiling is running."""
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.busy

    def _run(self, work: Callable[[], Pack | None]) -> None:
        try:
            compiled = work()
        except CompileCancelled:
            return
        except Exception:  # the pack read from its folder stays on screen: nothing is lost
            log.exception("compiling the library failed; the kiosk reads the pack from its folder")
            return
        if compiled is not None and not self._stop.is_set():
            try:
                self.compiled.emit(compiled)
            except RuntimeError:  # the kiosk closed meanwhile: nobody is waiting for it
                log.info("compiled the library after the kiosk closed; it is used at the next start")

    def _compile(self, pack: Pack) -> Pack:
        return self.shelf.compile(pack, cancelled=self._stop.is_set)

    def _read_and_compile(self, root: Path | None) -> Pack | None:
        from kiosk.content.loader import load_pack

        if root is None:
            return None
        loaded = load_pack(root).pack
        if loaded is None:
            log.error("the pack in %s cannot be compiled: it has errors", root)
            return None
        return self._compile(loaded)


class LibraryKeeper(QObject):
    """Which form of the pack the window shows: the compiled one when it exists and is whole;
    otherwise the pack read from its folder, while the compiled form is built off the UI thread
    and shown the next time the window is at rest. A compiled form found damaged while in use
    is built again the same way (its catalogue reads the folder meanwhile)."""

    def __init__(
        self, shelf: Shelf | None, read: Callable[[Path | None], Pack],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.shelf = shelf
        self.read = read  # the pack from its folder (the bundled one when it has errors)
        self.compiler = LibraryCompiler(shelf, self) if shelf is not None else None
        self.pending: Pack | None = None  # compiled, waiting for the window to be at rest
        self.deferred: Pack | None = None  # read from its folder, to compile once the home is up
        self.show_when_at_rest: Callable[[Pack], bool] = lambda _pack: False
        if self.compiler is not None:
            self.compiler.compiled.connect(self._compiled)

    def load(self, folder: Path | None, *, compile_later: bool = False) -> Pack:
        """The pack in `folder` (None: the bundled pack), compiled if it can be. Not compiled
        yet: read from the folder, and compiled in the background now, or (`compile_later`, at
        start-up: the compile would take turns with the first paint) at `compile_deferred()`."""
        if self.shelf is not None and folder is not None:
            compiled = self.shelf.open(folder)
            if compiled is not None:
                self._watch(compiled)
                return compiled
        pack = self.read(folder)
        if compile_later:
            self.deferred = pack
        elif self.compiler is not None:
            self.compiler.start(pack)
        return pack

    def compile_deferred(self) -> None:
        """Start the compile `load(compile_later=True)` put off (the home screen is up)."""
        pack, self.deferred = self.deferred, None
        if pack is not None and self.compiler is not None:
            self.compiler.start(pack)

    def offer_pending(self) -> None:
        """The window is at rest (the idle reset, the attract screen): show the compiled form."""
        if self.pending is not None and self.show_when_at_rest(self.pending):
            self.pending = None

    def _compiled(self, pack: Pack) -> None:
        self._watch(pack)
        self.pending = pack
        self.offer_pending()

    def _watch(self, pack: Pack) -> None:
        connection = getattr(pack.articles, "connection", None)
        if connection is not None and self.compiler is not None:
            compiler = self.compiler
            connection.on_damage.append(lambda _why: compiler.start(root=pack.root))

    def stop(self) -> None:
        if self.compiler is not None:
            self.compiler.stop()
