"""The reset as a property: whatever a visitor did, a reset leaves exactly a fresh start.

Hypothesis generates sequences of real taps, swipes, scrolls, navigation, idle waits and staff
gestures on one long-lived kiosk; after each sequence the kiosk resets and must match a fresh
kiosk in every piece of state and in every pixel.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from tests.helpers.touch import swipe, tap, tap_window_at

SIZE = QSize(1280, 800)


def fingerprint(kiosk: Kiosk) -> dict[str, Any]:
    """Everything a visitor could see or reach."""
    window = kiosk.window
    article_page = window.article_page
    return {
        "screen": window.current_screen,
        "history depth": window.history.depth,
        "shown page": window.stack.currentWidget() is window.home_page,
        "home scroll": window.home_page.scroll_area.verticalScrollBar().value(),
        "article scroll": article_page.scroll_area.verticalScrollBar().value(),
        "article": article_page.article,
        "article title": article_page.title.text(),
        "article body": article_page.body.toPlainText(),
        "carousel cards": len(article_page.carousel.cards),
        "carousel index": article_page.carousel.current_index,
        "tiles held down": [t.isDown() for t in window.home_page.tiles],
        "still here shown": kiosk.idle.still_here.isVisible(),
        "attract shown": kiosk.idle.attract.isVisible(),
        "pin pad shown": kiosk.staff.pad.isVisible(),
        "pin typed": kiosk.staff.pad.entered(),
        "staff panel shown": kiosk.staff.panel.isVisible(),
    }


def picture(kiosk: Kiosk) -> QImage:
    for _ in range(3):
        QApplication.processEvents()
    return kiosk.window.grab().toImage()


def advance(kiosk: Kiosk, seconds: float) -> None:
    assert isinstance(kiosk.clock, ManualClock)
    for _ in range(int(seconds)):
        kiosk.clock.advance(1)
        kiosk.idle.tick()
    QApplication.processEvents()


# The visitor's moves. Each one does something only where it makes sense, as a finger would.

def tap_a_tile(kiosk: Kiosk, index: int) -> None:
    home = kiosk.window.home_page
    if kiosk.window.current_screen == HOME and not _covered(kiosk):
        tile = home.tiles[index % len(home.tiles)]
        home.scroll_area.ensureWidgetVisible(tile)
        tap(tile)


def open_by_link(kiosk: Kiosk, index: int) -> None:
    slugs = [a.slug for a in kiosk.window.pack.ordered_articles()]
    kiosk.window.open_article(slugs[index % len(slugs)])


def tap_back(kiosk: Kiosk, _index: int) -> None:
    button = kiosk.window.article_page.top_bar.back_button
    if kiosk.window.current_screen != HOME and button is not None and not _covered(kiosk):
        tap(button)


def swipe_carousel(kiosk: Kiosk, index: int) -> None:
    carousel = kiosk.window.article_page.carousel
    if kiosk.window.current_screen != HOME and carousel.isVisible() and not _covered(kiosk):
        swipe(carousel.viewport, -200 if index % 2 else 200)


def scroll_the_page(kiosk: Kiosk, index: int) -> None:
    page = kiosk.window.home_page if kiosk.window.current_screen == HOME else kiosk.window.article_page
    if not _covered(kiosk):
        swipe(page.scroll_area.viewport(), 0, -150 - 40 * (index % 5))


def wait_until_asked(kiosk: Kiosk, _index: int) -> None:
    advance(kiosk, kiosk.idle.machine.timings.idle_seconds + 400)  # long articles get longer


def corner_taps(kiosk: Kiosk, index: int) -> None:
    for _ in range(5):
        tap_window_at(kiosk.window, QPoint(15, 15))
        assert isinstance(kiosk.clock, ManualClock)
        kiosk.clock.advance(0.3)
    if kiosk.staff.pad.isVisible() and index % 2:
        tap(kiosk.staff.pad.digit_buttons[str(index % 10)])


def touch_anywhere(kiosk: Kiosk, index: int) -> None:
    tap_window_at(kiosk.window, QPoint(300 + 37 * (index % 20), 400))


def _covered(kiosk: Kiosk) -> bool:
    return any(o.isVisible() for o in (kiosk.idle.still_here, kiosk.idle.attract, kiosk.staff.pad,
                                       kiosk.staff.panel))


MOVES = [tap_a_tile, open_by_link, tap_back, swipe_carousel, scroll_the_page, wait_until_asked,
         corner_taps, touch_anywhere]
visits = st.lists(st.tuples(st.sampled_from(MOVES), st.integers(0, 99)), min_size=1, max_size=8)


def test_a_fresh_kiosk_is_at_rest(make_kiosk) -> None:
    kiosk = make_kiosk(SIZE)
    assert kiosk.window.is_at_rest()
    assert fingerprint(kiosk)["screen"] == HOME


def test_after_any_visit_a_reset_leaves_a_fresh_start(make_kiosk) -> None:
    fresh = make_kiosk(SIZE)
    expected_state = fingerprint(fresh)
    expected_picture = picture(fresh)
    fresh.window.hide()
    kiosk = make_kiosk(SIZE)
    screens_seen: set[str] = set()

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(visit=visits)
    def check(visit: list[tuple[Any, int]]) -> None:
        for move, index in visit:
            move(kiosk, index)
            screens_seen.add(kiosk.window.current_screen)
        kiosk.idle.reset()
        QApplication.processEvents()
        assert fingerprint(kiosk) == expected_state
        assert picture(kiosk) == expected_picture, "the screen after a reset differs from a fresh one"
        # Nothing of the visit is reachable: Back from here goes nowhere.
        kiosk.window.go_back()
        assert kiosk.window.current_screen == HOME
        assert kiosk.window.article_page.article is None

    check()
    assert len(screens_seen) >= 3, f"the visits hardly moved: {screens_seen}"
