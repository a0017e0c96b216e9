"""Everything a finger does, a keyboard or a switch device can do too.

Tab and Shift+Tab move through the screen in reading order, Enter or Space presses what has the
focus, and the arrow keys turn the related-articles carousel. A thick ring shows where the focus
is, but only while keys are in use: a touch hides it, so touch visitors never see a ring left on
the button they last pressed (switch devices send keys, so they get the ring too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.system.crash_guard import guarded_event_filter
from kiosk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from kiosk.ui.widgets.carousel import Carousel

ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
CAROUSEL_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
POINTER_EVENTS = {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress}
GAP_PX = 3  # white between the ring and the widget
FOLLOW_MS = 100  # the ring follows its widget when a page scrolls beneath it


class FocusRing(QWidget):
    """A ring drawn around the focused widget, above everything else in the window: the
    theme's focus colour inside a white band, so it shows on light and dark backgrounds."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("FocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()

    @property
    def line_px(self) -> int:
        return self.window_.theme.palette.focus_px

    def follow(self, target: QWidget | None) -> None:
        self.target = target
        if target is None or not target.isVisible():
            self.hide()
            return
        band = self.line_px + GAP_PX
        # A list of articles rings its current item (EntryList.focus_rect), not itself.
        from kiosk.ui.widgets.entry_list import EntryList  # here: off the start-up path

        around = target.focus_rect() if isinstance(target, EntryList) else target.rect()
        top_left = target.mapTo(self.window_, around.topLeft())
        ring = QRect(top_left, around.size()).adjusted(-band, -band, band, band)
        shown = ring.intersected(self._visible_part(target).adjusted(-band, -band, band, band))
        if shown.isEmpty():
            self.hide()
            return
        if self.geometry() != shown:  # around the part in sight, when a page scrolls it away
            self.setGeometry(shown)
        self.show()
        self.raise_()
        self.update()

    def _visible_part(self, target: QWidget) -> QRect:
        """The part of `target` not scrolled out of sight, in window coordinates."""
        visible = target.visibleRegion().boundingRect()
        return QRect(target.mapTo(self.window_, visible.topLeft()), visible.size())

    def paintEvent(self, event: object) -> None:
        """The ring outside the widget, and a white band between them, so the ring stands
        apart from the widget's own border and shows on dark backgrounds too."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        line = self.line_px
        area = self.rect().toRectF()
        painter.setPen(QPen(QColor("#ffffff"), GAP_PX + 2))
        inset = line + GAP_PX / 2
        painter.drawRoundedRect(area.adjusted(inset, inset, -inset, -inset), line, line)
        painter.setPen(QPen(QColor(self.window_.theme.palette.focus), line))
        inset = line / 2
        painter.drawRoundedRect(area.adjusted(inset, inset, -inset, -inset), 2 * line, 2 * line)


class KeyboardSupport(QObject):
    """An application-wide event filter for keys, and the focus ring it shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ring = FocusRing(window)
        self.keys_in_use = False
        self._follow_timer = QTimer(self)
        self._follow_timer.setInterval(FOLLOW_MS)
        self._follow_timer.timeout.connect(self._update_ring)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # A bound method, not a lambda: Qt drops the connection when this object goes.
        app.focusChanged.connect(self._on_focus_changed)
        window.pages_rebuilt.connect(self._update_ring)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._update_ring()

    # Events ------------------------------------------------------------------------------

    @guarded_event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in POINTER_EVENTS:
            self._set_keys_in_use(False)
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False  # each key press is seen once, at the widget it is sent to
        self._set_keys_in_use(True)
        focus = QApplication.focusWidget()
        key = Qt.Key(event.key())
        if key in ACTIVATE_KEYS and isinstance(focus, QAbstractButton) and focus.isEnabled():
            focus.animateClick()
            return True
        if key in CAROUSEL_KEYS and focus is not None:
            carousel = _carousel_around(focus)
            if carousel is not None:
                carousel.step_by_keyboard(CAROUSEL_KEYS[key])
                return True
        return False

    # The ring ----------------------------------------------------------------------------

    def _set_keys_in_use(self, in_use: bool) -> None:
        if in_use != self.keys_in_use:
            self.keys_in_use = in_use
            self._update_ring()

    def _update_ring(self) -> None:
        focus = QApplication.focusWidget()
        show = (
            self.keys_in_use and focus is not None and focus.window() is self.window
            and bool(focus.focusPolicy() & Qt.FocusPolicy.TabFocus)
        )
        self.ring.follow(focus if show else None)
        if show and not self._follow_timer.isActive():
            self._follow_timer.start()
        elif not show:
            self._follow_timer.stop()


def _carousel_around(widget: QWidget) -> Carousel | None:
    from kiosk.ui.widgets.carousel import Carousel

    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, Carousel):
            return current
        current = current.parentWidget()
    return None


__all__ = ["FocusRing", "KeyboardSupport"]
