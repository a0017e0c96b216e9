"""Kiosk mode: a visitor cannot close, leave, zoom, drag, select or pop anything up.

An application-wide event filter, so no widget can forget. `--windowed` never installs it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.system.crash_guard import guarded_event_filter

log = logging.getLogger(__name__)

_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
# (key, modifiers that must be held): the ways out that a keyboard offers.
BLOCKED_KEYS: list[tuple[Qt.Key, Qt.KeyboardModifier]] = [
    (Qt.Key.Key_F4, _ALT),
    (Qt.Key.Key_Q, _CTRL),
    (Qt.Key.Key_W, _CTRL),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, _ALT),
    (Qt.Key.Key_Plus, _CTRL),
    (Qt.Key.Key_Minus, _CTRL),
    (Qt.Key.Key_Equal, _CTRL),
]

# Events a visitor must never trigger: pop-ups, drag and drop, pinch zoom.
BLOCKED_EVENTS = {
    QEvent.Type.ContextMenu,
    QEvent.Type.ToolTip,
    QEvent.Type.WhatsThis,
    QEvent.Type.QueryWhatsThis,
    QEvent.Type.DragEnter,
    QEvent.Type.DragMove,
    QEvent.Type.Drop,
    QEvent.Type.NativeGesture,
    QEvent.Type.Gesture,
}


def is_blocked_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    return any(key == blocked and (modifiers & held) == held for blocked, held in BLOCKED_KEYS)


class Lockdown(QObject):
    """Blocks the ways out and keeps `window` full screen until `release()` (staff exit)."""

    def __init__(self, window: QWidget, *, hide_cursor: bool) -> None:
        super().__init__(window)
        self.window = window
        self.released = False
        self.blocked_count = 0
        self._hide_cursor = hide_cursor

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)
        self.window.setAcceptDrops(False)
        if self._hide_cursor:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))

    def release(self) -> None:
        """Staff chose to exit: let the window close. Only the first call does anything."""
        if self.released:
            return  # restoring the cursor twice would pop a cursor someone else set
        self.released = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self)
            if self._hide_cursor:
                app.restoreOverrideCursor()

    @guarded_event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in BLOCKED_EVENTS:
            return self._block(event)
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if is_blocked_key(event.key(), event.modifiers()):
                if kind == QEvent.Type.ShortcutOverride:
                    # Accepted means "a widget wants this key": no shortcut or action fires,
                    # and the key press that follows is blocked here too. Ignored, Qt would
                    # go on to trigger any QShortcut or QAction bound to the key.
                    self.blocked_count += 1
                    event.accept()
                    return True
                return self._block(event)
        elif kind == QEvent.Type.Wheel:
            assert isinstance(event, QWheelEvent)
            if event.modifiers() & _CTRL:  # Ctrl+wheel zooms text views
                return self._block(event)
        elif watched is self.window:
            if kind == QEvent.Type.Close:
                return self._block(event)
            if kind == QEvent.Type.WindowStateChange and not self.window.isFullScreen():
                QTimer.singleShot(0, self._restore_full_screen)
        return False

    def _block(self, event: QEvent) -> bool:
        self.blocked_count += 1
        event.ignore()
        return True

    def _restore_full_screen(self) -> None:
        if not self.released and not self.window.isFullScreen():
            self.window.showFullScreen()
