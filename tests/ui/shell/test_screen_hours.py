"""Screen hours with a hand-driven clock: sleeping, waking on a touch, sleeping again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from kiosk.settings.declared import Settings
from tests.helpers.touch import tap
from tests.ui.shell.test_idle_controller import open_article_by_touch

QUIET = Settings(quiet_hours=("mon-fri 20:00-07:00", "sun"))
FRIDAY_EVENING = datetime(2026, 11, 27, 19, 58)


def make(make_kiosk, wall: datetime = FRIDAY_EVENING) -> Kiosk:
    kiosk = make_kiosk(settings=QUIET)
    assert isinstance(kiosk.clock, ManualClock)
    kiosk.clock.set_local_time(wall)
    return kiosk


def wait(kiosk: Kiosk, seconds: int) -> None:
    assert isinstance(kiosk.clock, ManualClock)
    for _ in range(seconds):
        kiosk.clock.advance(1)
        kiosk.idle.tick()
        kiosk.screen_hours.tick()
    QApplication.processEvents()


def test_open_hours_never_sleep(make_kiosk) -> None:
    kiosk = make(make_kiosk, datetime(2026, 11, 27, 10, 0))
    wait(kiosk, 600)
    assert not kiosk.screen_hours.asleep
    assert not kiosk.screen_hours.screen.isVisible()


def test_at_closing_time_the_screen_sleeps_once_nobody_is_using_it(make_kiosk, qtbot) -> None:
    kiosk = make(make_kiosk)
    open_article_by_touch(kiosk, qtbot)
    wait(kiosk, 60)  # 19:59: still open
    assert not kiosk.screen_hours.asleep
    for _ in range(3):  # a visitor reading past 20:00 is not thrown out mid-article
        wait(kiosk, 50)
        tap(kiosk.window.article_page.title)
    assert not kiosk.screen_hours.asleep
    wait(kiosk, 400)  # then left alone: the idle reset, and sleep
    assert kiosk.screen_hours.asleep
    assert kiosk.screen_hours.screen.isVisible()
    assert kiosk.screen_hours.screen.geometry() == kiosk.window.rect()
    assert kiosk.window.current_screen == HOME and kiosk.window.history.depth == 0


def test_a_touch_wakes_it_to_home_and_it_sleeps_again_after_the_idle_time(make_kiosk, qtbot) -> None:
    kiosk = make(make_kiosk, datetime(2026, 11, 29, 12, 0))  # Sunday: closed all day
    wait(kiosk, 100)
    assert kiosk.screen_hours.asleep
    opened: list[str] = []
    tile = kiosk.window.home_page.tiles[0]
    tile.activated.connect(opened.append)
    tap(kiosk.screen_hours.screen, tile.mapTo(kiosk.window, tile.rect().center()))
    qtbot.waitUntil(lambda: not kiosk.screen_hours.screen.isVisible())
    assert opened == []  # the waking touch opened nothing
    assert kiosk.window.current_screen == HOME
    wait(kiosk, 60)
    assert not kiosk.screen_hours.asleep  # a minute later, still awake
    wait(kiosk, 60)
    assert kiosk.screen_hours.asleep  # past the idle time: asleep again
    assert kiosk.screen_hours.sleeps == 2


def test_no_attract_screen_while_asleep_and_opening_time_wakes_it(make_kiosk) -> None:
    kiosk = make(make_kiosk, datetime(2026, 11, 27, 6, 50))  # Friday morning, before 07:00
    wait(kiosk, 100)
    assert kiosk.screen_hours.asleep
    wait(kiosk, 400)  # past the attract time: still black, no attract on top
    assert not kiosk.idle.attract.isVisible()
    wait(kiosk, 200)  # 07:01
    assert not kiosk.screen_hours.asleep
    assert not kiosk.screen_hours.screen.isVisible()


def test_the_attract_screen_comes_back_when_the_screen_wakes(make_kiosk) -> None:
    """The attract screen fell due while the screen slept: it was not allowed then, and must
    not be forgotten, or the kiosk wakes to a still home screen for the whole morning."""
    kiosk = make(make_kiosk, datetime(2026, 11, 23, 19, 50))  # a Monday evening
    wait(kiosk, 40 * 60)  # past 20:00 and the idle time: asleep, and the attract time passes
    assert kiosk.screen_hours.asleep
    assert kiosk.idle._attract is None or not kiosk.idle.attract.isVisible()
    assert isinstance(kiosk.clock, ManualClock)
    kiosk.clock.set_local_time(datetime(2026, 11, 24, 6, 59))
    wait(kiosk, 15 * 60)  # 07:00: the screen wakes
    assert not kiosk.screen_hours.asleep
    assert kiosk.idle.attract.isVisible()
