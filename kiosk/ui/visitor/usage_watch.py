"""Turns what visitors do in the window into usage counts (kiosk.usage), never more than a
count: an article opened, read to the end (scrolled to its end, or on screen for as long as a
slow reader needs for all its words: the idle rule's reading time), a handout printed, a visit
(the first touch after a reset), a language, text size or contrast switch.

Nothing a visitor did is kept here either: the article being read and whether this visit was
counted are forgotten at the reset. Library screens (topic pages, search) count through
`count(TOPIC_OPENED)` and `count(SEARCH_OPENED)`.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from kiosk.rules.clock import Clock
from kiosk.rules.idle import reading_seconds
from kiosk.rules.navigation import HOME
from kiosk.ui.shell.main_window import MainWindow
from kiosk.usage.measures import (
    ARTICLE_OPENED,
    ARTICLE_READ,
    CONTRAST_SWITCHED,
    HANDOUT_PRINTED,
    LANGUAGE_SWITCHED,
    TEXT_SIZE_SWITCHED,
    VISIT,
)

log = logging.getLogger(__name__)
READING_CHECK_MS = 1000
END_SLACK_PX = 4  # a kinetic scroll may stop a few pixels short of the very end


class Counter(Protocol):
    def count(self, measure: str, *, article: str = "") -> None: ...


class UsageWatch(QObject):
    def __init__(
        self, window: MainWindow, clock: Clock, counter: Counter, *, words_per_minute: float = 200.0,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.counter = counter
        self.words_per_minute = words_per_minute
        self._screen = window.current_screen
        self._visit_counted = False
        self._reading: str | None = None  # the article on screen, until it is counted as read
        self._reading_since = 0.0
        self._reading_needs = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(READING_CHECK_MS)
        self.timer.timeout.connect(self.check_reading)
        window.screen_changed.connect(self._screen_changed)
        window.pages_rebuilt.connect(self._follow_pages)
        self._follow_pages()

    def count(self, measure: str, *, article: str = "") -> None:
        try:
            self.counter.count(measure, article=article)
        except Exception:  # counting is never worth a visitor's screen
            log.exception("usage: could not count %s", measure)

    # What visitors do --------------------------------------------------------------------

    def on_input(self) -> None:
        if not self._visit_counted:
            self._visit_counted = True
            self.count(VISIT)

    def handout_printed(self, slug: str) -> None:
        self.count(HANDOUT_PRINTED, article=slug)

    def visitor_left(self) -> None:
        """The idle reset: the next touch is a new visit; the article read is forgotten."""
        self._visit_counted = False
        self._stop_reading()

    def _screen_changed(self, screen: str) -> None:
        # Rebuilt pages (text size, language) show the same screen again: not a new opening.
        if screen == self._screen:
            return
        self._screen = screen
        self._stop_reading()
        if screen == HOME or not screen.startswith("article/"):
            return
        slug = screen.removeprefix("article/")
        self.count(ARTICLE_OPENED, article=slug)
        self._reading = slug
        self._reading_since = self.clock.now()
        words = len(self.window.article_page.body.toPlainText().split())
        words += len(self.window.article_page.title.text().split())
        self._reading_needs = reading_seconds(words, self.words_per_minute)
        self.timer.start()
        QTimer.singleShot(0, self._check_scroll)

    def _follow_pages(self) -> None:
        """New pages after a rebuild: follow their scroll bar and top-bar switches."""
        page = self.window.article_page
        page.scroll_area.verticalScrollBar().valueChanged.connect(self._check_scroll)
        for bar in (self.window.home_page.top_bar, page.top_bar):
            bar.text_size_requested.connect(lambda: self.count(TEXT_SIZE_SWITCHED))
            bar.contrast_requested.connect(lambda: self.count(CONTRAST_SWITCHED))
            bar.language_requested.connect(lambda: self.count(LANGUAGE_SWITCHED))

    # Read to the end ---------------------------------------------------------------------

    def check_reading(self) -> None:
        if self._reading is None:
            self.timer.stop()
            return
        if self.clock.now() - self._reading_since >= self._reading_needs:
            self._read()

    def _check_scroll(self, _value: int = 0) -> None:
        if self._reading is None:
            return
        bar = self.window.article_page.scroll_area.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum() - END_SLACK_PX:
            self._read()

    def _read(self) -> None:
        slug, self._reading = self._reading, None
        self.timer.stop()
        if slug is not None:
            self.count(ARTICLE_READ, article=slug)

    def _stop_reading(self) -> None:
        self._reading = None
        self.timer.stop()
