"""Turns what visitors do in the window into usage counts (kiosk.usage), never more than a
count: an article opened, read to the end (scrolled to its end, or on screen for as long as a
slow reader needs for all its words: the idle rule's reading time), a handout printed, a visit
(the first touch after a reset), a language, text size or contrast switch, a library's topic
page or search screen opened (never what was searched for).

Nothing a visitor did is kept here either: the article being read and whether this visit was
counted are forgotten at the reset.
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
    SEARCH_OPENED,
    TEXT_SIZE_SWITCHED,
    TOPIC_OPENED,
    VISIT,
)

log = logging.getLogger(__name__)
READING_CHECK_MS = 1000
END_SLACK_PX = 4  # a kinetic scroll may stop a few pixels short of the very end
SWITCHES = {"text_size": TEXT_SIZE_SWITCHED, "contrast": CONTRAST_SWITCHED, "language": LANGUAGE_SWITCHED}


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
        self._followed: QObject | None = None  # the article page whose scrolling is followed
        window.screen_changed.connect(self._screen_changed)
        window.switch_requested.connect(lambda switch: self.count(SWITCHES[switch]))
        window.pages_rebuilt.connect(self._follow_article_page)

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
        if screen.startswith("topic/"):
            self.count(TOPIC_OPENED)
        elif screen == "search":
            self.count(SEARCH_OPENED)
        if screen == HOME or not screen.startswith("article/"):
            return
        slug = screen.removeprefix("article/")
        self.count(ARTICLE_OPENED, article=slug)
        self._reading = slug
        self._reading_since = self.clock.now()
        page = self.window.article_page
        self._follow_article_page()
        words = len(page.body.toPlainText().split()) + len(page.title.text().split())
        self._reading_needs = reading_seconds(words, self.words_per_minute)
        self.timer.start()
        QTimer.singleShot(0, self._check_scroll)

    def _follow_article_page(self) -> None:
        """The article page is built when needed, again for a new text size, and dropped at the
        reset: follow the scrolling of the one there is now."""
        page = self.window.built_article_page
        if page is not None and page is not self._followed:
            page.scroll_area.verticalScrollBar().valueChanged.connect(self._check_scroll)
            self._followed = page

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
        page = self.window.built_article_page
        if page is None:
            return
        bar = page.scroll_area.verticalScrollBar()
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
