"""New content from a USB stick, from the stick appearing to the kiosk showing the new pack.

A stick with a pack shows a small notice that only staff will act on ("Content update found");
it leads through the PIN to the staff panel, where staff review the pack, preview it, and
install it. Copying and installing run on a worker thread; the visitor's screen never waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from kiosk.packs.copying import StagedPack
from kiosk.packs.installed import InstalledVersion
from kiosk.packs.outcomes import Progress
from kiosk.packs.store import PackStore
from kiosk.rules.navigation import HOME
from kiosk.settings.store import SettingsStore
from kiosk.system.usb_watch import FoundPack, VolumeWatcher
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.staff.import_worker import ImportWorker
from kiosk.ui.staff.staff_mode import StaffMode

if TYPE_CHECKING:  # staff's screens load when staff import something, not at start-up
    from kiosk.packs.review import Review
    from kiosk.ui.staff.import_screen import ImportScreen, PreviewScreen

log = logging.getLogger(__name__)
NOTICE_TEXT = "Content update found"


class ContentUpdates(QObject):
    def __init__(
        self, window: MainWindow, store: PackStore, settings: SettingsStore, staff: StaffMode,
        watcher: VolumeWatcher, *, on_installed: Callable[[Path], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.settings = settings
        self.staff = staff
        self.watcher = watcher
        self.on_installed = on_installed
        self.worker = ImportWorker(store, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.staged.connect(self._staged)
        self.worker.installed.connect(self._installed)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.staged: StagedPack | None = None
        self._screen: ImportScreen | None = None
        self._preview: PreviewScreen | None = None
        self.notice = self._make_notice()
        watcher.changed.connect(self._packs_changed)
        window.screen_changed.connect(self._place_notice)
        window.pages_rebuilt.connect(self._rebuilt)

    # The notice --------------------------------------------------------------------------

    def _make_notice(self) -> QPushButton:
        notice = QPushButton(NOTICE_TEXT, self.window)
        notice.setObjectName("UpdateNotice")
        notice.clicked.connect(self._notice_tapped)
        notice.hide()
        return notice

    def _place_notice(self) -> None:
        """Small, just under the home screen's top bar on the right, beside the headline: never
        over an article, the help panel or the bar's own buttons."""
        show = bool(self.watcher.packs) and self.window.current_screen == HOME
        self.notice.setVisible(show)
        if show:
            self.notice.adjustSize()
            bar = self.window.home_page.top_bar
            margin = self.window.theme.px(1.5)
            bottom = bar.mapTo(self.window, bar.rect().bottomLeft()).y()
            self.notice.move(
                self.window.width() - self.notice.width() - margin,
                bottom + self.window.theme.px(0.4),
            )
            self.notice.raise_()

    def _notice_tapped(self) -> None:
        self.staff.focus = "UsbSection"
        self.staff.ask_for_pin()

    def _packs_changed(self) -> None:
        self._place_notice()
        if self.staff.is_panel_open:
            self.staff.refresh_panel()

    def _rebuilt(self) -> None:
        self.notice.deleteLater()
        self.notice = self._make_notice()
        self._place_notice()
        if self._screen is not None:
            self._screen.hide()
            self._screen.deleteLater()
            self._screen = None

    # Review and install ------------------------------------------------------------------

    @property
    def screen(self) -> ImportScreen:
        if self._screen is None:
            from kiosk.ui.staff.import_screen import ImportScreen

            self._screen = ImportScreen(self.window, self.window.theme)
            self._screen.cancel_requested.connect(self.cancel)
            self._screen.install_requested.connect(self.install)
            self._screen.preview_requested.connect(self.preview)
            self._screen.closed.connect(self._discard)
        return self._screen

    def review(self, found: FoundPack) -> None:
        if self.worker.busy:
            return
        self._discard()
        self.screen.copying(found.label)
        log.info("staff are loading content from %s", found.path)
        self.worker.stage(found.path, self.settings.settings.trusted_keys, self.window.pack.root)

    def _progressed(self, progress: Progress) -> None:
        if self._screen is not None:
            self._screen.show_progress(progress)

    def _staged(self, staged: StagedPack, review: Review) -> None:
        self.staged = staged
        if self._screen is None or not self._screen.isVisible():
            self._discard()  # the kiosk was reset while copying
            return
        self._screen.review(review)

    def preview(self) -> None:
        if self.staged is None:
            return
        from kiosk.content.loader import load_pack  # staff previewing a pack: not at start-up

        result = load_pack(self.staged.path)
        if result.pack is None:
            return
        from kiosk.ui.staff.import_screen import PreviewScreen

        self._preview = PreviewScreen(self.window, self.window.theme, result.pack, self.window.font_family)
        self._preview.closed.connect(self._preview_closed)
        self._preview.present()

    def _preview_closed(self) -> None:
        self._preview = None

    def install(self) -> None:
        if self.staged is None or self.worker.busy:
            return
        staged, self.staged = self.staged, None
        self.screen.installing()
        self.worker.install(staged)

    def _installed(self, version: InstalledVersion) -> None:
        log.info("content %s version %s is now showing (%s)", version.pack_id, version.version, version.path)
        self.staff.notice = f"Now showing {version.title}, version {version.version}."
        if self._screen is not None:
            self._screen.hide()
        self.on_installed(version.path)

    def _failed(self, message: str) -> None:
        self._discard()
        self.screen.finished("The content was not loaded", message)

    def _cancelled(self) -> None:
        self.screen.finished("Cancelled", "The copy was stopped. Nothing was changed.")

    def cancel(self) -> None:
        if self.worker.busy:
            self.worker.cancel()
            return
        self._discard()
        self.screen.close_screen()

    def undo(self) -> None:
        if not self.worker.busy:
            self.worker.roll_back()

    def _discard(self) -> None:
        if self.staged is not None:
            self.store.discard(self.staged)
            self.staged = None

    def reset(self) -> None:
        """The kiosk is starting over (staff walked away): stop, discard, close."""
        if self.worker.busy:
            self.worker.cancel()
        self._discard()
        for overlay in (self._screen, self._preview):
            if overlay is not None:
                overlay.hide()
        self._place_notice()
