"""Touch input for tests: real QTouchEvents from a test touch screen, as a finger sends them.

Each sequence is committed explicitly: relying on the wrapper's destructor sends it late or
never under pytest. Each gesture uses a new finger id: Qt remembers which widget grabbed a
touch point, and a widget from an earlier test may be gone.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

_device: QPointingDevice | None = None
_touch_ids = itertools.count(1)


def touch_screen() -> QPointingDevice:
    global _device
    if _device is None:
        _device = QTest.createTouchDevice()
    return _device


def _window_point(widget: QWidget, point: QPoint) -> tuple[QWidget, QPoint]:
    window = widget.window()
    return window, widget.mapTo(window, point)


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """A finger down and up on `widget` (at its centre unless `point` is given)."""
    window, at = _window_point(widget, point or widget.rect().center())
    finger = next(_touch_ids)
    QTest.touchEvent(window, touch_screen()).press(finger, at, window).commit()
    QTest.touchEvent(window, touch_screen()).release(finger, at, window).commit()
    QApplication.processEvents()


def swipe(widget: QWidget, dx: int, dy: int = 0, steps: int = 12) -> None:
    """A finger pressed on `widget`, dragged by (dx, dy) in steps, and lifted."""
    window, start = _window_point(widget, widget.rect().center())
    finger = next(_touch_ids)
    QTest.touchEvent(window, touch_screen()).press(finger, start, window).commit()
    for step in range(1, steps + 1):
        at = start + QPoint(dx * step // steps, dy * step // steps)
        QTest.touchEvent(window, touch_screen()).move(finger, at, window).commit()
        QApplication.processEvents()
    QTest.touchEvent(window, touch_screen()).release(finger, start + QPoint(dx, dy), window).commit()
    QApplication.processEvents()


def tap_window_at(window: QWidget, point: QPoint) -> None:
    """A finger down and up at `point` in the window's coordinates."""
    finger = next(_touch_ids)
    QTest.touchEvent(window, touch_screen()).press(finger, point, window).commit()
    QTest.touchEvent(window, touch_screen()).release(finger, point, window).commit()
    QApplication.processEvents()


def cut_off_text(window) -> list:
    """Every label or button on the current page whose text does not fit where it is drawn."""
    from PySide6.QtWidgets import QLabel, QPushButton

    cut = []
    for label in window.stack.currentWidget().findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        metrics = label.fontMetrics()
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                cut.append((label.text()[:40], label.size(), needed))
            longest_word = max(label.text().split(), key=metrics.horizontalAdvance)
            if metrics.horizontalAdvance(longest_word) > label.width():
                cut.append((longest_word, label.width()))
        elif metrics.horizontalAdvance(label.text()) > label.width():
            cut.append((label.text()[:40], label.width()))
    for button in window.stack.currentWidget().findChildren(QPushButton):
        text = button.text()
        if button.isVisible() and button.fontMetrics().horizontalAdvance(text) > button.width():
            cut.append((text, button.width()))
    return cut
