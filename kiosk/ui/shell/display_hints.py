"""The word for "Aa" or "◐" where the top bar had room only for the icon.

Many visitors would not guess that "◐" means contrast. Where the bar shows the icons alone, the
first tap on one shows its word in a small label under it ("Contrast: tap again to change
it") instead of acting at once; the next tap acts. Each visitor sees it once per button: the
idle reset forgets (`forget`), so the next visitor does too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.shell.language import translate
from kiosk.ui.shell.top_bar import TopBar, display_words

TEXT_SIZE, CONTRAST = "text-size", "contrast"
SHOW_MS = 5000


class DisplayHints(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.seen: set[str] = set()
        self.bubble: QLabel | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOW_MS)
        self.timer.timeout.connect(self.hide)

    def tap(self, bar: TopBar, which: str) -> bool:
        """Whether a tap on that button should act: yes in a bar with words, or once its word was
        shown; otherwise its word is shown now."""
        self.hide()
        shows_word = bar.display_words[0 if which == TEXT_SIZE else 1]
        if shows_word or which in self.seen:
            return True
        self.seen.add(which)
        bar.contrast_button.setChecked(bar.theme.high_contrast)  # the tap toggled it: put it back
        button = bar.text_size_button if which == TEXT_SIZE else bar.contrast_button
        self._show(button, display_words()[0 if which == TEXT_SIZE else 1])
        return False

    def hide(self) -> None:
        self.timer.stop()
        if self.bubble is not None:
            self.bubble.hide()
            self.bubble.deleteLater()
            self.bubble = None

    def forget(self) -> None:
        """A new visitor: every word is shown again on the first tap."""
        self.seen.clear()
        self.hide()

    def _show(self, button: QPushButton, word: str) -> None:
        text = translate("TopBar", "%1: tap again to change it").replace("%1", word)
        bubble = QLabel(text, self.window)
        bubble.setObjectName("DisplayHint")
        bubble.setProperty("role", "hint")
        bubble.setTextFormat(Qt.TextFormat.PlainText)
        bubble.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        bubble.setAccessibleName(text)
        bubble.adjustSize()
        corner = button.mapTo(self.window, QPoint(button.width(), button.height()))
        gap = max(4, button.height() // 8)
        x = min(corner.x() - bubble.width(), self.window.width() - bubble.width() - gap)
        bubble.move(max(gap, x), corner.y() + gap)
        bubble.show()
        bubble.raise_()
        self.bubble = bubble
        self.timer.start()
