"""Idle time, the "Still reading?" question, the reset and the attract screen, on a hand-moved clock."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.idle import Phase
from kiosk.rules.navigation import HOME
from kiosk.settings.declared import Settings
from tests.helpers.touch import swipe, tap, tap_window_at

DUAL = "dual-diagnosis-heroin-depression"


def wait(kiosk: Kiosk, seconds: float) -> None:
    """Let `seconds` pass on the kiosk's clock, ticking as its timer would."""
    clock = kiosk.clock
    assert isinstance(clock, ManualClock)
    steps = int(seconds * 4)
    for _ in range(steps):
        clock.advance(0.25)
        kiosk.idle.tick()
    QApplication.processEvents()


def open_article_by_touch(kiosk: Kiosk, qtbot, slug: str = DUAL) -> None:
    tile = next(t for t in kiosk.window.home_page.tiles if t.slug == slug)
    kiosk.window.home_page.scroll_area.ensureWidgetVisible(tile)
    QApplication.processEvents()
    tap(tile)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == f"article/{slug}")


def test_the_question_appears_at_the_idle_time_and_not_before(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    wait(kiosk, 89)
    assert not kiosk.idle.still_here.isVisible()
    wait(kiosk, 1.25)
    assert kiosk.idle.still_here.isVisible()
    assert kiosk.idle.still_here.geometry() == kiosk.window.rect()
    assert kiosk.idle.still_here.countdown.text() == "15"


def test_the_countdown_counts_down_and_then_the_kiosk_resets(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    wait(kiosk, 90)
    assert kiosk.idle.still_here.isVisible()
    wait(kiosk, 5)
    assert kiosk.idle.still_here.countdown.text() == "10"
    wait(kiosk, 10)
    assert not kiosk.idle.still_here.isVisible()
    assert kiosk.window.current_screen == HOME
    assert kiosk.window.history.depth == 0


def test_a_touch_anywhere_keeps_the_visitor_where_they_were(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    wait(kiosk, 95)
    assert kiosk.idle.still_here.isVisible()
    # The dimmed area over the Home button: the touch must not press Home.
    home_button = kiosk.window.article_page.top_bar.home_button
    assert home_button is not None
    tap(kiosk.idle.still_here, home_button.mapTo(kiosk.window, home_button.rect().center()))
    qtbot.waitUntil(lambda: not kiosk.idle.still_here.isVisible())
    assert kiosk.window.current_screen == "article/what-is-synthetic-fentanyl"
    # The idle time starts again in full.
    wait(kiosk, 89)
    assert not kiosk.idle.still_here.isVisible()


def test_the_still_here_button_keeps_the_visitor_too(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    wait(kiosk, 92)
    tap(kiosk.idle.still_here.stay_button)
    qtbot.waitUntil(lambda: not kiosk.idle.still_here.isVisible())
    assert kiosk.idle.machine.phase is Phase.ACTIVE
    assert kiosk.window.current_screen == "article/what-is-synthetic-fentanyl"


def test_a_slow_reader_gets_the_time_the_words_on_screen_need(make_kiosk, qtbot) -> None:
    settings = Settings(idle_seconds=15, reading_words_per_minute=100)
    kiosk = make_kiosk(QSize(1080, 1920), settings=settings)
    open_article_by_touch(kiosk, qtbot)
    words = kiosk.window.visible_words()
    needed = words * 60 / 100
    assert needed > 30, f"only {words} words on a portrait screen"
    wait(kiosk, needed - 2)
    assert not kiosk.idle.still_here.isVisible()
    wait(kiosk, 3)
    assert kiosk.idle.still_here.isVisible()


def test_visible_words_follow_the_scroll_position(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(QSize(1080, 1920))
    open_article_by_touch(kiosk, qtbot)
    page = kiosk.window.article_page
    body_text = page.body.toPlainText().split()
    at_top = kiosk.window.visible_words()
    assert 0 < at_top < len(body_text)
    page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
    QApplication.processEvents()
    at_end = kiosk.window.visible_words()
    assert at_end != at_top
    assert kiosk.window.visible_words() <= len(body_text) + len(page.title.text().split())


def test_a_clean_home_screen_is_never_questioned(make_kiosk) -> None:
    kiosk = make_kiosk()
    wait(kiosk, 200)
    assert not kiosk.idle.still_here.isVisible()
    assert kiosk.idle.machine.phase is Phase.RESTING


def test_the_attract_screen_comes_after_a_further_idle_period_on_home(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot)
    wait(kiosk, 90 + 15 + 299)
    assert not kiosk.idle.attract.isVisible()
    wait(kiosk, 1.5)
    assert kiosk.idle.attract.isVisible()
    assert kiosk.window.current_screen == HOME


def test_a_touch_on_the_attract_screen_returns_home_and_taps_nothing(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    wait(kiosk, 90 + 300 + 1)
    assert kiosk.idle.attract.isVisible()
    opened: list[str] = []
    tile = kiosk.window.home_page.tiles[0]
    tile.activated.connect(opened.append)
    tap(kiosk.idle.attract, tile.mapTo(kiosk.window, tile.rect().center()))
    qtbot.waitUntil(lambda: not kiosk.idle.attract.isVisible())
    QApplication.processEvents()
    assert opened == []
    assert kiosk.window.current_screen == HOME
    assert kiosk.idle.machine.phase is Phase.ACTIVE


def test_the_staff_corner_taps_count_as_activity_too(make_kiosk, qtbot) -> None:
    """Taps in the staff corner (fewer than the five that ask for the PIN) restart the idle
    clock like any touch; without them the question comes (the control)."""
    from kiosk.ui.shell.input_watch import STAFF_CORNER_PX

    corner = QPoint(STAFF_CORNER_PX // 4, STAFF_CORNER_PX // 4)
    kiosk = make_kiosk()
    clock = kiosk.clock
    assert isinstance(clock, ManualClock)
    limit = kiosk.idle.machine.timings.idle_seconds
    open_article_by_touch(kiosk, qtbot)
    wait(kiosk, limit - 10)
    assert kiosk.idle.machine.idle_for(clock.now()) >= limit - 10
    for _ in range(3):
        tap_window_at(kiosk.window, corner)
        clock.advance(0.4)
    assert kiosk.idle.machine.idle_for(clock.now()) < 0.5  # the clock started again at the taps
    assert not kiosk.staff.is_open  # three taps: no PIN pad
    wait(kiosk, limit - 10)
    assert not kiosk.idle.still_here.isVisible()
    wait(kiosk, 20 + kiosk.idle.machine.timings.idle_seconds)  # no touch since: it comes
    assert kiosk.idle.still_here.isVisible() or kiosk.idle.resets == 1


def test_a_swipe_restarts_the_idle_clock(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot)
    wait(kiosk, 80)
    swipe(kiosk.window.article_page.scroll_area.viewport(), 0, -200)
    wait(kiosk, 80)
    assert not kiosk.idle.still_here.isVisible()


def test_the_real_timer_drives_the_ticks(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.idle.start()
    assert kiosk.idle.timer.isActive()
    ticks: list[int] = []
    kiosk.idle.timer.timeout.connect(lambda: ticks.append(1))
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=3000)
