"""Notices every touch, click and key anywhere in the application, and taps in the staff corner."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Signal
from PySide6.QtGui import QInputDevice, QMouseEvent, QTouchEvent, QWindow
from PySide6.QtWidgets import QWidget

from kiosk.system.crash_guard import guarded_event_filter

log = logging.getLogger(__name__)

STAFF_CORNER_PX = 80

ACTIVITY_EVENTS = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class InputWatch(QObject):
    """An application-wide event filter; it observes and never consumes.

    Corner taps are read where input first arrives, at the window, so that a tap counts once
    however far it then travels through the widgets.
    """

    activity = Signal()
    corner_tapped = Signal()
    tapped_elsewhere = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    @guarded_event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self._observe(watched, event)
        return False  # it only watches

    def _observe(self, watched: QObject, event: QEvent) -> None:
        kind = event.type()
        if kind not in ACTIVITY_EVENTS:
            return
        if kind == QEvent.Type.MouseMove and not _is_mouse_drag(event):
            return  # a hidden pointer resting on the screen is not a visitor
        self.activity.emit()
        if isinstance(watched, QWindow) and watched is self.window.windowHandle():
            point = _press_point(event)
            if point is not None:
                corner = QRect(0, 0, STAFF_CORNER_PX, STAFF_CORNER_PX)
                if corner.contains(point):
                    self.corner_tapped.emit()
                else:
                    self.tapped_elsewhere.emit()


def _is_mouse_drag(event: QEvent) -> bool:
    return isinstance(event, QMouseEvent) and bool(event.buttons())


def _press_point(event: QEvent) -> QPoint | None:
    """Where a finger or a real mouse button went down, in window coordinates."""
    if isinstance(event, QTouchEvent) and event.type() == QEvent.Type.TouchBegin:
        points = event.points()
        return points[0].position().toPoint() if points else None
    if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonPress:
        device = event.pointingDevice()
        if device is not None and device.type() != QInputDevice.DeviceType.Mouse:
            return None  # synthesised from a touch already counted
        return event.position().toPoint()
    return None
