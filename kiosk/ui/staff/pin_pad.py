"""The staff PIN pad: large keys for a finger, dots for the digits, and nothing else.

The pad is only the widget. It never checks a PIN, never counts wrong tries and never locks
itself: the controller does all of that and tells the pad what to show (`show_message`,
`set_locked`). The digits typed so far are the only copy of the PIN the pad ever holds, and
it forgets them after OK, on Cancel and whenever it is hidden.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.shell.overlay import DIMMED_BACKGROUND, Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label

MAX_DIGITS = 8
# What dots_text() gives for each digit. The bundled typeface has no such glyph, so the dots on
# screen are painted rather than typed.
DOT = "\u25cf"
KEY_ROWS = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"))


def lock_text(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    unit = "second" if whole == 1 else "seconds"
    return f"Too many wrong PINs. Try again in {whole} {unit}."


class PinDots(QFrame):
    """A field with one painted dot for each digit typed: never the digits themselves.

    It asks `count` how many at each paint, so it can never show a stale number.
    """

    def __init__(self, theme: Theme, count: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinDots")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._count = count
        self._diameter = theme.px(0.9)
        self._gap = theme.px(0.7)
        self._colour = QColor(theme.palette.text)
        self.setFixedHeight(theme.px(2.8))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        width = MAX_DIGITS * self._diameter + (MAX_DIGITS + 1) * self._gap
        return QSize(width, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        count = self._count()
        if count <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        d = self._diameter
        row = count * d + (count - 1) * self._gap
        x = (self.width() - row) / 2
        y = (self.height() - d) / 2
        for _ in range(count):
            painter.drawEllipse(QRectF(x, y, d, d))
            x += d + self._gap
        painter.end()


class PinPad(Overlay):
    """A card of large keys over the dimmed screen. Emits `submitted(digits)` or `cancelled()`.

    OK keeps the pad up (the controller may ask again, show a message, or `dismiss()` it);
    Cancel closes it.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self._entry = ""
        self._message = ""
        self._locked = False
        self._lock_message = ""
        key_height = round(1.6 * theme.target_px)
        key_width = round(key_height * 1.4)
        self.setStyleSheet(_stylesheet(theme, key_width, key_height))

        card = QFrame(self)
        card.setObjectName("PinCard")
        # A touch on the card stops here and reaches its keys as a click; the overlay takes
        # only touches outside the card, so none falls through to the screen beneath.
        card.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation, True)
        self.card = card
        pad = theme.px(1.5)
        gap = theme.px(0.6)

        self.heading = make_label("", "pin-heading")
        self.heading.setObjectName("PinHeading")
        self.hint = make_label("", "summary")
        self.dots = PinDots(theme, self._entry_length)
        self.message = make_label("", "pin-message")
        self.message.setObjectName("PinMessage")
        # Room for two lines of message at all times, so nothing jumps when one appears.
        self.message.setMinimumHeight(round(theme.px(1.1) * 1.35 * 2 + theme.px(0.8)))
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)

        grid = QGridLayout()
        grid.setSpacing(gap)
        self.digit_buttons: dict[str, QPushButton] = {}
        for row, keys in enumerate(KEY_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._digit_key(key, key_width, key_height), row, column)
        self.clear_button = self._key("Delete", "PinWordKey", key_width, key_height)
        self.clear_button.setAccessibleName("Delete the last digit")
        self.clear_button.clicked.connect(self._back_one)
        self.ok_button = self._key("OK", "PinOk", key_width, key_height)
        self.ok_button.clicked.connect(self._submit)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit_key("0", key_width, key_height), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        grid_width = 3 * key_width + 2 * gap

        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("PinCancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.setMinimumHeight(theme.target_px)
        self.cancel_button.clicked.connect(self._cancel)

        text = QVBoxLayout()
        text.setSpacing(gap)
        text.addWidget(self.heading)
        text.addWidget(self.hint)
        text.addSpacing(theme.px(0.3))
        text.addWidget(self.dots)
        text.addWidget(self.message)

        # Landscape: the words on the left, the keys on the right, so the card stays low on a
        # short screen. Portrait: one column, the keys under the words. The pad is built for
        # one window size, as its theme is.
        self.landscape = parent.width() > parent.height()
        body: QBoxLayout
        if self.landscape:
            text_width = theme.px(19)
            self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            text.addStretch(1)
            text.addWidget(self.cancel_button)
            body = QHBoxLayout(card)
            body.setSpacing(theme.px(1.5))
            body.addLayout(text)
            body.addLayout(grid)
            card.setFixedWidth(text_width + body.spacing() + grid_width + 2 * pad)
        else:
            text_width = max(grid_width, theme.px(19))
            for label in (self.heading, self.hint):
                label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            body = QVBoxLayout(card)
            body.setSpacing(gap)
            body.addLayout(text)
            body.addLayout(grid)
            body.setAlignment(grid, Qt.AlignmentFlag.AlignHCenter)
            body.addSpacing(theme.px(0.4))
            body.addWidget(self.cancel_button)
            card.setFixedWidth(text_width + 2 * pad)
        body.setContentsMargins(pad, pad, pad, pad)
        for widget in (self.heading, self.hint, self.dots, self.message):
            widget.setFixedWidth(text_width)

        # The card sits in a column exactly its width, so wrapped lines are measured at the
        # width they are shown at (a wider guess would make the card too short for its keys).
        middle = QVBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)
        self._refresh()

    # Building ----------------------------------------------------------------------------

    def _key(self, text: str, name: str, width: int, height: int) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setFixedSize(width, height)
        return button

    def _digit_key(self, digit: str, width: int, height: int) -> QPushButton:
        button = self._key(digit, "PinKey", width, height)
        button.clicked.connect(partial(self._type, digit))
        self.digit_buttons[digit] = button
        return button

    # What the controller calls -----------------------------------------------------------

    def ask(self, title: str, hint: str = "") -> None:
        """Show the pad empty, with a heading and an optional hint under it."""
        self._entry = ""
        self._message = ""
        self.heading.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._show_keys(True)
        self._refresh()
        self.present()

    def show_message(self, text: str) -> None:
        """A line in plain words under the dots, such as how many tries are left."""
        self._message = text
        self._refresh()

    def set_locked(self, seconds: float) -> None:
        """While seconds > 0 no digit can be typed; 0 (or less) opens the pad again."""
        self._locked = seconds > 0
        self._lock_message = lock_text(seconds) if self._locked else ""
        if self._locked:
            self._entry = ""
        self._refresh()

    def set_unavailable(self, why: str) -> None:
        """Nothing can be typed at all: the keys and the digit field are gone, `why` says so, and
        only Cancel is left (until the pad is asked again)."""
        self._locked = True
        self._lock_message = why
        self._entry = ""
        self._show_keys(False)
        self._refresh()

    def _show_keys(self, shown: bool) -> None:
        for key in (*self.digit_buttons.values(), self.clear_button, self.ok_button, self.dots):
            policy = key.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the card keeps its shape: nothing reflows
            key.setSizePolicy(policy)
            key.setVisible(shown)

    def entered(self) -> str:
        return self._entry

    def dots_text(self) -> str:
        return DOT * len(self._entry)

    @property
    def locked(self) -> bool:
        return self._locked

    # Taps --------------------------------------------------------------------------------

    def _type(self, digit: str) -> None:
        if self._locked or len(self._entry) >= MAX_DIGITS:
            return
        self._entry += digit
        self._refresh()

    def _back_one(self) -> None:
        self._entry = self._entry[:-1]
        self._refresh()

    def _submit(self) -> None:
        if self._locked:
            return
        if not self._entry:
            self.show_message("Type the PIN first, then tap OK.")
            return
        digits = self._entry
        self._entry = ""
        self._message = ""
        self._refresh()
        self.submitted.emit(digits)

    def _cancel(self) -> None:
        self._entry = ""
        self._message = ""
        self._refresh()
        self.cancelled.emit()
        self.dismiss()

    def hideEvent(self, event: QHideEvent) -> None:
        # Only Python state here: this also runs while the window is being torn down, when
        # touching a child widget could crash.
        self._entry = ""
        super().hideEvent(event)

    # Showing -----------------------------------------------------------------------------

    def _entry_length(self) -> int:
        return len(self._entry)

    def _refresh(self) -> None:
        count = len(self._entry)
        self.dots.setAccessibleName(f"{count} {'digit' if count == 1 else 'digits'} typed")
        self.dots.update()
        for button in self.digit_buttons.values():
            button.setEnabled(not self._locked)
        self.ok_button.setEnabled(not self._locked)
        self.clear_button.setEnabled(not self._locked)
        text = self._lock_message if self._locked else self._message
        self.message.setText(text)
        self.message.setVisible(bool(text))


def _stylesheet(theme: Theme, key_width: int, key_height: int) -> str:
    """The pad's own rules; they win over the window's, which would shrink the keys."""
    p = theme.palette
    radius = theme.px(0.6)
    return f"""
QWidget#PinPad {{ background: {DIMMED_BACKGROUND}; }}
QFrame#PinCard {{ background: {p.surface}; border-radius: {theme.px(1)}px; }}
QFrame#PinDots {{
    background: {p.background}; border: 2px solid {p.border}; border-radius: {radius}px;
}}
QLabel#PinHeading {{ font-size: {theme.px(1.6)}px; font-weight: bold; }}
QLabel#PinMessage {{
    font-size: {theme.px(1.1)}px; font-weight: bold; color: {p.text};
    background: {p.accent_soft}; border-radius: {radius}px; padding: {theme.px(0.4)}px;
}}
QPushButton#PinKey, QPushButton#PinWordKey, QPushButton#PinOk {{
    padding: 0; border-radius: {radius}px;
    min-width: {key_width}px; max-width: {key_width}px;
    min-height: {key_height}px; max-height: {key_height}px;
}}
QPushButton#PinKey {{
    font-size: {theme.px(1.8)}px; background: {p.surface}; border: 2px solid {p.border};
}}
QPushButton#PinWordKey {{
    font-size: {theme.px(1.2)}px; background: {p.background}; border: 2px solid {p.border};
}}
QPushButton#PinKey:pressed, QPushButton#PinWordKey:pressed {{
    background: {p.pressed}; border-color: {p.accent};
}}
QPushButton#PinOk {{
    font-size: {theme.px(1.4)}px; background: {p.accent}; color: {p.on_accent}; border: 2px solid {p.accent};
}}
QPushButton#PinOk:pressed {{ background: {p.help_background}; border-color: {p.help_background}; }}
QPushButton#PinKey:disabled, QPushButton#PinWordKey:disabled {{
    color: {p.border}; background: {p.background}; border-color: {p.border};
}}
QPushButton#PinOk:disabled {{ background: {p.border}; border-color: {p.border}; color: {p.surface}; }}
QPushButton#PinCancel {{ font-size: {theme.px(1.1)}px; }}
"""
