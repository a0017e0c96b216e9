"""The search screen's own keyboard: a kiosk has no keyboard and no system one pops up.

Large keys (at least 60 px at the usual text size), letters in the familiar QWERTY rows, a wide
space bar, backspace and clear; in Spanish also ñ and the accented vowels. A finger presses a
key; a keyboard or a switch device moves between the keys with the arrow keys and presses the
one in focus with Enter or Space. Nothing typed is kept here: the screen that owns it is told
each key and forgets the words at the idle reset.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
EXTRA_LETTERS = {"es": "ñáéíóúü"}  # beside the rows, for the languages that need them
MIN_KEY_PX = 60
BACKSPACE, CLEAR, SPACE = "\u232b", "clear", " "
ARROWS = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0),
          Qt.Key.Key_Down: (1, 0)}


class OnScreenKeyboard(QWidget):
    """Emits `key_pressed` with a letter or " ", `backspace` and `cleared`."""

    key_pressed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(
        self, theme: Theme, language: str, *, width: int, height: int, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("OnScreenKeyboard")
        self.theme = theme
        extra = EXTRA_LETTERS.get(language, "")
        rows = [*ROWS] + ([extra] if extra else [])
        columns = max(len(row) for row in rows)
        spacing = theme.px(0.3)
        # As large as the width and `height` (the most the keyboard may take) allow, larger with
        # larger text, never below 60 px.
        key_rows = len(rows) + 1
        self.key_px = max(MIN_KEY_PX,
                          min(theme.px(4.2), (width - spacing * (columns - 1)) // columns,
                              (height - spacing * (key_rows - 1)) // key_rows))
        # The keys' own size, not the theme's least for a button (which would not fit ten keys
        # across a portrait screen at the largest text); the outline is inside it.
        inner = self.key_px - 2 * theme.palette.border_px
        self.setStyleSheet(f"QPushButton#Key {{ min-height: {inner}px; max-height: {inner}px; "
                           f"min-width: {inner}px; }}")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        self.grid: list[list[QPushButton]] = []
        for row_number, row in enumerate(rows):
            offset = (columns - len(row)) // 2 if len(row) < columns else 0
            keys = []
            for column, letter in enumerate(row):
                key = self._key(letter, letter, letter)
                layout.addWidget(key, row_number, offset + column)
                keys.append(key)
            self.grid.append(keys)
        last = len(rows)
        clear = self._key(translate("Keyboard", "Clear"), CLEAR, translate("Keyboard", "Clear the search"))
        space = self._key(translate("Keyboard", "Space"), SPACE, translate("Keyboard", "Space"))
        back = self._key(BACKSPACE, BACKSPACE, translate("Keyboard", "Delete the last letter"))
        side = round(columns * 0.3)  # "Borrar" at the largest text needs three keys' width
        layout.addWidget(clear, last, 0, 1, side)
        layout.addWidget(space, last, side, 1, columns - 2 * side)
        layout.addWidget(back, last, columns - side, 1, side)
        self.grid.append([clear, space, back])
        for key in (clear, space, back):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _key(self, label: str, value: str, name: str) -> QPushButton:
        key = QPushButton(label)
        key.setObjectName("Key")
        key.setFixedHeight(self.key_px)
        key.setMinimumWidth(self.key_px)
        key.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        key.setAccessibleName(name)
        key.setAutoRepeat(value == BACKSPACE)
        key.setProperty("key_value", value)
        key.clicked.connect(lambda _checked=False, v=value: self._press(v))
        key.installEventFilter(self)  # arrows move across the grid, not along the Tab order
        return key

    def _press(self, value: str) -> None:
        if value == BACKSPACE:
            self.backspace.emit()
        elif value == CLEAR:
            self.cleared.emit()
        else:
            self.key_pressed.emit(value)

    def all_keys(self) -> list[QPushButton]:
        return [key for row in self.grid for key in row]

    def key_for(self, value: str) -> QPushButton:
        return next(key for key in self.all_keys() if key.property("key_value") == value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move between the keys, up, down and across, as a finger would; Enter or
        Space press the key in focus (Qt's buttons do that themselves). A button alone would
        take the arrows to its next or previous one in Tab order."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            move = ARROWS.get(Qt.Key(event.key()))
            if move is not None and isinstance(watched, QPushButton):
                self._move_focus(watched, move)
                return True
        return super().eventFilter(watched, event)

    def _move_focus(self, focused: QPushButton, move: tuple[int, int]) -> None:
        place = next(((r, c) for r, row in enumerate(self.grid) for c, key in enumerate(row)
                      if key is focused), None)
        if place is None:
            return
        row = max(0, min(len(self.grid) - 1, place[0] + move[0]))
        column = place[1] + move[1]
        if row != place[0]:  # the same place across, in a row of another length
            column = round(place[1] * (len(self.grid[row]) - 1) / max(1, len(self.grid[place[0]]) - 1))
        column = max(0, min(len(self.grid[row]) - 1, column))
        self.grid[row][column].setFocus(Qt.FocusReason.TabFocusReason)
