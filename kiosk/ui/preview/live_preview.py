"""The link between the files and the screen: a save reloads only what changed (LivePack), the
kiosk shows the new version where the author was looking, and the problem list follows."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.authoring.live_pack import LivePack, Reload
from kiosk.ui.preview.pack_watcher import PackWatcher
from kiosk.ui.preview.preview_window import PreviewWindow


class LivePreview(QObject):
    updated = Signal()  # the screen and the problem list show the files as saved

    def __init__(self, live: LivePack, frame: PreviewWindow, watcher: PackWatcher) -> None:
        super().__init__(frame)
        self.live = live
        self.frame = frame
        self.watcher = watcher
        self.last_reload = Reload()
        self.last_seconds = 0.0
        watcher.files_changed.connect(self.files_changed)
        frame.panel.show_problems(live.problems, live.levels)

    def files_changed(self, paths: list[str]) -> None:
        started = time.perf_counter()
        self.last_reload = self.live.apply(Path(p) for p in paths)
        self.show_current()
        self.last_seconds = time.perf_counter() - started
        self.updated.emit()

    def show_current(self) -> None:
        window = self.frame.kiosk_window
        scroll = window.article_page.scroll_area.verticalScrollBar().value()
        window.show_new_version(self.live.pack)
        self.frame.panel.show_problems(self.live.problems, self.live.levels)
        if scroll:  # the author keeps their place in a long article
            QTimer.singleShot(0, lambda: window.article_page.scroll_area.verticalScrollBar().setValue(scroll))
