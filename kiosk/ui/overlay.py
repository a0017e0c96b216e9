"""A layer over the whole window that takes every touch, so nothing beneath is tapped by mistake."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

# The screen beneath, dimmed: still there, clearly not what to touch now.
DIMMED_BACKGROUND = "rgba(20, 30, 38, 200)"


class Overlay(QWidget):
    """Covers its parent, follows its size, and swallows input that its children do not take.

    It does not accept touch itself: a touch then reaches its buttons as a mouse press, and
    a press that no child takes rises to the overlay and stops here.

    `dismiss()` hides it only once the current touch has been delivered to it: hidden at once,
    the touch that dismissed it would fall through to the button underneath.
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
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        QTimer.singleShot(0, self.hide)

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
