"""An error in a slot or an event handler is logged and the kiosk starts over at home."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.rules.navigation import HOME

DUAL = "dual-diagnosis-heroin-depression"


class BrokenWidget(QWidget):
    """Stands for a bug in an event handler."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        raise RuntimeError("a bug in an event handler")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_the_kiosk_goes_home(make_kiosk, qtbot, caplog) -> None:
    kiosk = make_kiosk()

    def broken_slot(screen: str) -> None:
        if screen.startswith("article/"):
            raise ValueError("a bug in a slot")

    kiosk.window.screen_changed.connect(broken_slot)
    with caplog.at_level(logging.ERROR):
        kiosk.window.open_article(DUAL)
        qtbot.waitUntil(lambda: kiosk.window.current_screen == HOME)
    assert kiosk.window.history.depth == 0
    assert kiosk.crash_guard.caught == 1
    record = next(r for r in caplog.records if r.name == "kiosk.system.crash_guard")
    assert record.exc_info is not None and "a bug in a slot" in str(record.exc_info[1])
    # No dialog, no traceback on screen: only the kiosk's own window is up.
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [kiosk.window]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_an_event_handler_leads_home_too(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.window.open_article(DUAL)
    broken = BrokenWidget(kiosk.window)
    broken.setGeometry(600, 600, 100, 100)
    broken.show()
    broken.raise_()
    QTest.mouseClick(broken, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
    qtbot.waitUntil(lambda: kiosk.window.current_screen == HOME)
    assert kiosk.crash_guard.caught >= 1


def settle_queue(qtbot) -> None:
    """Let everything queued run, the guard's own deferred recovery included, and then some."""
    for _ in range(20):
        QApplication.processEvents()
        qtbot.wait(5)


@pytest.mark.qt_no_exception_capture
def test_an_error_while_recovering_does_not_loop(make_kiosk, qtbot, caplog) -> None:
    """A part that fails to reset: one error caught, one reset, and nothing after it."""
    kiosk = make_kiosk()

    def broken_hook() -> None:
        raise RuntimeError("a part that cannot reset")

    kiosk.idle.reset_hooks.append(broken_hook)
    kiosk.window.open_article(DUAL)
    kiosk.crash_guard.handle(ValueError, ValueError("first"), None)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == HOME)
    settle_queue(qtbot)
    assert (kiosk.crash_guard.caught, kiosk.idle.resets) == (1, 1)
    assert caplog.text.count("a part of the kiosk could not reset") == 1


@pytest.mark.qt_no_exception_capture
def test_an_error_raised_to_the_guard_while_recovering_does_not_start_another_recovery(
    make_kiosk, qtbot, caplog,
) -> None:
    """A slot that fails whenever the kiosk goes home: the recovery itself raises to the guard,
    which must not answer with another recovery (that would go round for ever)."""
    kiosk = make_kiosk()

    def fails_at_home(screen: str) -> None:
        if screen == HOME:
            raise RuntimeError("a bug that shows on the home screen")

    kiosk.window.open_article(DUAL)
    kiosk.window.screen_changed.connect(fails_at_home)
    with caplog.at_level(logging.ERROR):
        kiosk.crash_guard.handle(ValueError, ValueError("first"), None)
        qtbot.waitUntil(lambda: kiosk.idle.resets >= 1)
        settle_queue(qtbot)
    assert kiosk.idle.resets == 1, "the recovery went round again"
    assert kiosk.crash_guard.caught == 2  # the first error, and the one while recovering
    assert "while recovering" in caplog.text
    kiosk.window.screen_changed.disconnect(fails_at_home)


def test_an_exception_in_an_event_filter_goes_to_the_guard_and_the_event_goes_on(
    make_kiosk, qtbot, caplog
) -> None:
    from PySide6.QtCore import QEvent, QObject

    from kiosk.system.crash_guard import guarded_event_filter

    class BrokenFilter(QObject):
        @guarded_event_filter
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.MouseButtonPress:
                raise RuntimeError("filter bug")
            return False

    kiosk = make_kiosk()
    kiosk.window.show_screen("article/dual-diagnosis-heroin-depression")
    broken = BrokenFilter(kiosk.window)
    back = kiosk.window.article_page.top_bar.back_button
    assert back is not None
    back.installEventFilter(broken)
    clicks: list[bool] = []
    back.clicked.connect(lambda: clicks.append(True))
    with caplog.at_level(logging.ERROR):
        QTest.mouseClick(back, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: kiosk.window.current_screen == HOME)
    # The press the filter failed on still reached the button: it was clicked, not swallowed.
    assert clicks == [True]
    assert kiosk.crash_guard.caught == 1
    assert "filter bug" in caplog.text  # logged with its traceback, and the kiosk is home
    back.removeEventFilter(broken)
