"""Lock-down: a visitor cannot close, leave, zoom, drag or pop anything up; `--windowed` can.

The lock-down is an application-wide event filter, which Qt runs before any filter installed on
an object. A recording filter on the target therefore sees exactly what got past it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QDragEnterEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from kiosk.app import Kiosk
from kiosk.settings.declared import Settings
from kiosk.ui.visitor.article_body import ArticleBody

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
BLOCKED_KEYS = [
    pytest.param(Qt.Key.Key_F4, ALT, id="Alt+F4"),
    pytest.param(Qt.Key.Key_Q, CTRL, id="Ctrl+Q"),
    pytest.param(Qt.Key.Key_W, CTRL, id="Ctrl+W"),
    pytest.param(Qt.Key.Key_Escape, NONE, id="Escape"),
    pytest.param(Qt.Key.Key_F11, NONE, id="F11"),
]


class Recorder(QObject):
    """An object event filter that notes every event its target receives and lets it through."""

    def __init__(self, target: QObject) -> None:
        super().__init__(target)
        self.events: list[tuple[QEvent.Type, int]] = []
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = event.key() if isinstance(event, QKeyEvent) else 0
        self.events.append((event.type(), key))
        return False

    def saw(self, kind: QEvent.Type, key: int = 0) -> bool:
        return any(k == kind and (not key or seen == key) for k, seen in self.events)


def _open_article(kiosk: Kiosk) -> ArticleBody:
    kiosk.window.open_article(kiosk.window.pack.ordered_articles()[0].slug)
    QApplication.processEvents()
    return kiosk.window.article_page.body


def _ctrl_wheel(widget: QWidget) -> QWheelEvent:
    centre = QPointF(widget.rect().center())
    return QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre)), QPoint(), QPoint(0, 240),
        Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False,
    )


def _drag_enter(mime: QMimeData) -> QDragEnterEvent:
    """The event refers to `mime` without owning it: the caller keeps `mime` alive."""
    return QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, NONE)


# Keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED_KEYS)
def test_a_way_out_on_the_keyboard_never_reaches_the_window(make_kiosk, key, modifiers) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    recorder = Recorder(kiosk.window)
    before = kiosk.lockdown.blocked_count
    QTest.keyClick(kiosk.window, key, modifiers)
    QApplication.processEvents()
    assert not recorder.saw(QEvent.Type.KeyPress, key)
    assert not recorder.saw(QEvent.Type.KeyRelease, key)
    assert kiosk.lockdown.blocked_count > before
    assert kiosk.window.isVisible()


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED_KEYS)
def test_a_way_out_never_reaches_the_widget_with_the_focus_either(make_kiosk, key, modifiers) -> None:
    kiosk = make_kiosk(lock_down=True)
    body = _open_article(kiosk)
    body.setFocus()
    recorder = Recorder(body)
    QTest.keyClick(body, key, modifiers)
    QApplication.processEvents()
    # (Ctrl and Alt themselves, pressed first, are ordinary keys and do get through.)
    assert not recorder.saw(QEvent.Type.ShortcutOverride, key)
    assert not recorder.saw(QEvent.Type.KeyPress, key)
    assert not recorder.saw(QEvent.Type.KeyRelease, key)
    assert kiosk.window.isVisible()


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED_KEYS)
def test_a_shortcut_bound_to_a_way_out_does_not_fire(make_kiosk, key, modifiers) -> None:
    """Qt tries shortcuts before it delivers the key press; lock-down must stop that path too."""
    kiosk = make_kiosk(lock_down=True)
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence(key.value | modifiers.value), kiosk.window)
    shortcut.activated.connect(lambda: fired.append(True))
    QTest.keyClick(kiosk.window, key, modifiers)
    QApplication.processEvents()
    assert fired == []


def test_without_lock_down_such_a_shortcut_does_fire(make_kiosk) -> None:
    kiosk = make_kiosk()
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence("Ctrl+W"), kiosk.window)
    shortcut.activated.connect(lambda: fired.append(True))
    QTest.keyClick(kiosk.window, Qt.Key.Key_W, CTRL)
    assert fired == [True]


def test_an_ordinary_key_is_not_blocked(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    recorder = Recorder(kiosk.window)
    before = kiosk.lockdown.blocked_count
    QTest.keyClick(kiosk.window, Qt.Key.Key_A)
    QTest.keyClick(kiosk.window, Qt.Key.Key_Q)  # Q without Ctrl is just a letter
    assert recorder.saw(QEvent.Type.KeyPress, Qt.Key.Key_A.value)
    assert recorder.saw(QEvent.Type.KeyPress, Qt.Key.Key_Q.value)
    assert kiosk.lockdown.blocked_count == before


# Closing and full screen -------------------------------------------------------------------------


def test_close_is_refused(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.window.close() is False
    QApplication.processEvents()
    assert kiosk.window.isVisible()
    QApplication.closeAllWindows()
    assert kiosk.window.isVisible()


def test_leaving_full_screen_is_undone(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(lock_down=True)
    window = kiosk.window
    window.showFullScreen()
    try:
        qtbot.waitUntil(window.isFullScreen, timeout=1000)
    except qtbot.TimeoutError:
        pytest.skip(f"the {QApplication.platformName()} platform cannot show a window full screen")
    window.showNormal()
    assert not window.isFullScreen()  # for a moment
    qtbot.waitUntil(window.isFullScreen)
    window.showMinimized()
    qtbot.waitUntil(window.isFullScreen)
    assert window.isVisible()


def test_exit_through_the_staff_panel_lets_the_window_close(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    kiosk.exit_kiosk()
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    assert kiosk.lockdown.released
    assert QApplication.overrideCursor() is None


def test_releasing_twice_leaves_other_cursors_alone(make_kiosk) -> None:
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        kiosk = make_kiosk(lock_down=True)
        assert kiosk.lockdown is not None
        kiosk.lockdown.release()
        kiosk.shut_down()  # releases again, as the test fixtures and exit paths may
        cursor = QApplication.overrideCursor()
        assert cursor is not None
        assert cursor.shape() == Qt.CursorShape.WaitCursor
    finally:
        QApplication.restoreOverrideCursor()
    assert QApplication.overrideCursor() is None


# Pop-ups, zoom, drag and drop, the cursor ----------------------------------------------------


def test_a_context_menu_is_blocked(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    body = _open_article(kiosk)
    recorder = Recorder(body.viewport())
    before = kiosk.lockdown.blocked_count
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(20, 20), body.viewport().mapToGlobal(QPoint(20, 20))
    )
    QApplication.sendEvent(body.viewport(), event)
    assert kiosk.lockdown.blocked_count > before
    assert not recorder.saw(QEvent.Type.ContextMenu)
    assert QApplication.activePopupWidget() is None


def test_a_tooltip_is_blocked(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    tile = kiosk.window.home_page.tiles[0]
    tile.setToolTip("a tip")
    recorder = Recorder(tile)
    before = kiosk.lockdown.blocked_count
    centre = tile.rect().center()
    QApplication.sendEvent(tile, QHelpEvent(QEvent.Type.ToolTip, centre, tile.mapToGlobal(centre)))
    assert kiosk.lockdown.blocked_count > before
    assert not recorder.saw(QEvent.Type.ToolTip)
    assert not QToolTip.isVisible()


def test_ctrl_wheel_does_not_zoom_the_article(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    body = _open_article(kiosk)
    font, layout = body.font(), body.document().size()
    recorder = Recorder(body.viewport())
    before = kiosk.lockdown.blocked_count
    QApplication.sendEvent(body.viewport(), _ctrl_wheel(body.viewport()))
    QApplication.processEvents()
    assert kiosk.lockdown.blocked_count > before
    assert not recorder.saw(QEvent.Type.Wheel)
    assert body.font() == font
    assert body.document().size() == layout


def test_without_lock_down_the_same_ctrl_wheel_reaches_the_article(make_kiosk) -> None:
    """The control for the test above: the event it sends does get to the body when unguarded."""
    kiosk = make_kiosk()
    body = _open_article(kiosk)
    recorder = Recorder(body.viewport())
    QApplication.sendEvent(body.viewport(), _ctrl_wheel(body.viewport()))
    assert recorder.saw(QEvent.Type.Wheel)


def test_drag_enter_is_refused(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True)
    assert kiosk.lockdown is not None
    assert not kiosk.window.acceptDrops()
    # A text browser takes drops by default, so the article body is where a drop could land.
    body = _open_article(kiosk)
    assert body.acceptDrops()
    recorder = Recorder(body.viewport())
    before = kiosk.lockdown.blocked_count
    mime = QMimeData()
    mime.setText("a file")
    event = _drag_enter(mime)
    QApplication.sendEvent(body.viewport(), event)
    assert not event.isAccepted()
    assert kiosk.lockdown.blocked_count > before
    assert not recorder.saw(QEvent.Type.DragEnter)


def test_without_lock_down_the_same_drag_enter_reaches_the_article(make_kiosk) -> None:
    kiosk = make_kiosk()
    body = _open_article(kiosk)
    recorder = Recorder(body.viewport())
    mime = QMimeData()
    mime.setText("a file")
    QApplication.sendEvent(body.viewport(), _drag_enter(mime))
    assert recorder.saw(QEvent.Type.DragEnter)


def test_the_cursor_is_hidden(make_kiosk) -> None:
    make_kiosk(lock_down=True)
    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor


def test_the_cursor_stays_when_the_settings_ask_for_it(make_kiosk) -> None:
    kiosk = make_kiosk(lock_down=True, settings=Settings(show_cursor=True))
    assert kiosk.lockdown is not None
    assert QApplication.overrideCursor() is None
    assert kiosk.window.close() is False  # the rest of lock-down still holds


# Windowed (no lock-down) ---------------------------------------------------------------------


def test_without_lock_down_close_works_and_escape_reaches_the_window(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    assert kiosk.lockdown is None
    assert QApplication.overrideCursor() is None
    recorder = Recorder(kiosk.window)
    QTest.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert recorder.saw(QEvent.Type.KeyPress, Qt.Key.Key_Escape.value)
    assert kiosk.window.close() is True
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())


def test_a_visitor_can_still_tap_scroll_and_swipe_under_lock_down(make_kiosk, qtbot) -> None:
    """Blocking gestures and pop-ups must not block kinetic scrolling or the carousel."""
    from PySide6.QtCore import QSize

    from tests.helpers.touch import swipe, tap

    kiosk = make_kiosk(QSize(1280, 800), lock_down=True)
    home = kiosk.window.home_page
    bar = home.scroll_area.verticalScrollBar()
    swipe(home.scroll_area.viewport(), 0, -300)
    qtbot.waitUntil(lambda: bar.value() > 0)
    home.scroll_to_top()  # stops the flick too: a tap on a moving page only stops it
    tap(home.tiles[0])
    qtbot.waitUntil(lambda: kiosk.window.current_screen.startswith("article/"))
    carousel = kiosk.window.article_page.carousel
    swipe(carousel.viewport, -carousel.viewport.width() // 2)
    qtbot.waitUntil(lambda: carousel.current_index == 1 and carousel.is_settled)


def test_staff_exit_leaves_later_event_loops_working_and_the_service_down(make_kiosk, qapp, qtbot) -> None:
    """Inside a running event loop (the real kiosk: app.exec()), two taps on Exit in the staff
    panel end it with the status the service unit does not restart on; outside one,
    exit_kiosk must not poison the event loops that come after it."""
    from PySide6.QtCore import QTimer

    from kiosk.app import STAFF_EXIT_CODE
    from kiosk.ui.staff.sections import ExitSection
    from tests.helpers.touch import tap

    kiosk = make_kiosk(lock_down=True)

    def staff_exit() -> None:
        kiosk.staff.open_panel()
        section = kiosk.staff.panel.section(ExitSection)
        assert isinstance(section, ExitSection)
        for _ in range(3):  # the panel's columns settle before a finger aims at the button
            QApplication.processEvents()
        kiosk.staff.panel.scroll_area.ensureWidgetVisible(section.exit_button)
        QApplication.processEvents()
        tap(section.exit_button)
        tap(section.exit_button)  # the second tap exits

    QTimer.singleShot(0, staff_exit)
    guard = QTimer()  # never hang the suite if the exit does not come
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(-1))
    guard.start(20000)
    try:
        status = qapp.exec()
    finally:
        guard.stop()
        qapp.setQuitOnLastWindowClosed(True)  # as the next test expects its application
    assert status == STAFF_EXIT_CODE
    assert not kiosk.window.isVisible()
    assert kiosk.lockdown is not None and kiosk.lockdown.released

    kiosk.exit_kiosk()  # outside a loop: later loops still run
    with qtbot.waitSignal(kiosk.idle.timer.timeout, timeout=2000):
        kiosk.idle.timer.start(10)
    service = (Path(__file__).parents[3] / "assets" / "linux" / "kiosk.service").read_text()
    assert f"RestartPreventExitStatus={STAFF_EXIT_CODE}" in service
