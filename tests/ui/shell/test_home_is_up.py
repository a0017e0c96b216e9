"""The home screen counts as up (READY=1 to systemd) once its painting has settled, not at the
first paint: under cage the first paint can show the layout unfinished (tests/deploy/test_service.py)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSize

from kiosk.app import build_window, load_content
from kiosk.ui.shell import application
from kiosk.ui.shell.application import when_home_is_up
from tests.conftest import BUNDLED_CONTENT

# Longer than the kiosk's own times, so that a loaded machine cannot make a repaint late enough
# to look like a quiet spell.
QUIET_MS = 600
LATEST_MS = 1500
REPAINT_EVERY_MS = 50


@pytest.fixture
def ups(qtbot, font_family, monkeypatch: pytest.MonkeyPatch):
    """A window with when_home_is_up on it, shown; the times it said "up"."""
    monkeypatch.setattr(application, "SETTLED_MS", QUIET_MS)
    monkeypatch.setattr(application, "SETTLED_LATEST_MS", LATEST_MS)
    window = build_window(load_content(BUNDLED_CONTENT), font_family, QSize(1280, 800))
    qtbot.addWidget(window)
    calls: list[float] = []
    when_home_is_up(window, lambda: calls.append(time.monotonic()))
    window.show()
    qtbot.waitExposed(window)
    return window, calls


def test_up_once_the_home_screen_stops_repainting_and_only_once(ups, qtbot) -> None:
    window, calls = ups
    started = last_paint = time.monotonic()
    while time.monotonic() - started < QUIET_MS / 1000:  # repainting keeps it from being up
        window.home_page.repaint()
        last_paint = time.monotonic()
        qtbot.wait(REPAINT_EVERY_MS)
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    assert calls[0] - last_paint >= QUIET_MS / 1000 / 2  # after a quiet spell
    window.home_page.repaint()
    qtbot.wait(QUIET_MS + 200)
    assert len(calls) == 1


def test_a_home_screen_that_never_stops_repainting_is_up_after_the_longest_wait(ups, qtbot) -> None:
    window, calls = ups
    first = time.monotonic()
    while not calls and time.monotonic() - first < 3 * LATEST_MS / 1000:
        window.home_page.repaint()
        qtbot.wait(REPAINT_EVERY_MS)
    assert len(calls) == 1
    assert LATEST_MS / 1000 * 0.8 <= calls[0] - first <= LATEST_MS / 1000 + 1
