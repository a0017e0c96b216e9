"""The day the kiosk shows its pack for: seasonal articles appear and disappear at midnight,
without a restart. Checked every minute (cheap: one date compared), so a clock set by hand or
by the network is followed too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer

from kiosk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
CHECK_MS = 60_000


class DayWatch(QObject):
    def __init__(self, window: MainWindow, today: Callable[[], date]) -> None:
        super().__init__(window)
        self.window = window
        self.today = today
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()

    def tick(self) -> None:
        day = self.today()
        if day != self.window.day:
            hidden = len(self.window.base_pack.articles.hidden(day))
            log.info("a new day, %s: %d articles hidden by their dates", day.isoformat(), hidden)
            self.window.set_day(day)
