"""A layer over the whole window that takes every touch, so nothing beneath is tapped by mistake."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

# The screen beneath, dimmed: still there, clearly not what to touch now.
DIMMED_BACKGROUND = "rgba(20, 30, 38, 200)"


class Overlay(QWidget):
    """Covers its parent, follows its size, and swallows input that its children do not take.

    It does not accept touch itself: a touch then reaches its buttons as a mouse press, and
    a press that no child takes rises to the overlay and stops here.

    `dismiss()` hides it only once the current touch has been delivered to it: hidden at once,
    the touch that dismissed it would fall through to the button underneath.

    For keyboards and switch devices it is modal too: presenting it moves the focus onto its
    first control (or onto itself), Tab and Shift+Tab go round its own controls only, and
    `dismiss()` gives the focus back to where it was.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        parent.installEventFilter(self)
        # Hidden until presented. hide() here would run a subclass's hideEvent before the
        # subclass has built itself; these two attributes are all that hide() sets on a
        # widget that was never shown.
        self.setAttribute(Qt.WidgetAttribute.WA_WState_Hidden, True)
        self.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, True)
        self._focus_before: QWidget | None = None

    def centred_card(self, name: str, *, width: int, padding: int, spacing: int) -> QVBoxLayout:
        """A card of `width` pixels in the middle of the overlay; returns its layout to fill.

        Style it with `QFrame#<name>` and `dimmed_background()` in the overlay's stylesheet.
        """
        card = QFrame(self)
        card.setObjectName(name)
        card.setFixedWidth(width)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(padding, padding, padding, padding)
        layout.setSpacing(spacing)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        return layout

    def present(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._focus_before = focus
        self.show()
        self.raise_()
        self.take_focus()

    def dismiss(self) -> None:
        QTimer.singleShot(0, self, self._hide_and_give_focus_back)

    def _hide_and_give_focus_back(self) -> None:
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is self or self.isAncestorOf(focus))
        self.hide()
        before, self._focus_before = self._focus_before, None
        if had_focus and before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    # Focus -------------------------------------------------------------------------------

    def focus_stops(self) -> list[QWidget]:
        """The controls on the overlay that Tab reaches, in the order Tab reaches them."""
        stops: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (self.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                stops.append(widget)
            widget = widget.nextInFocusChain()
        return stops

    def take_focus(self) -> None:
        """Onto the first control, unless one already has it; with none, onto the overlay, so
        that keys never reach the screen beneath."""
        if not self.isVisible():
            return
        stops = self.focus_stops()
        focus = QApplication.focusWidget()
        if focus in stops:
            return
        (stops[0] if stops else self).setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, next: bool) -> bool:
        stops = self.focus_stops()
        if stops:
            focus = QApplication.focusWidget()
            index = stops.index(focus) if focus in stops else -1
            target = stops[(index + (1 if next else -1)) % len(stops)]
            reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
            target.setFocus(reason)
        return True  # never out of the overlay onto what lies beneath

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            self.setGeometry(0, 0, event.size().width(), event.size().height())
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() in _SWALLOWED:
            event.accept()
            return True
        return super().event(event)


_SWALLOWED = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
