"""A plain horizontal bar chart, drawn with QPainter in the theme's colours: a label above each
bar, the bar in the accent colour, its number at its end. For the staff panel's usage section."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.shell.theme import Theme


class BarChart(QWidget):
    def __init__(self, theme: Theme, *, empty_text: str = "Nothing counted yet.") -> None:
        super().__init__()
        self.theme = theme
        self.empty_text = empty_text
        self.bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._font = QFont(theme.family)
        self._font.setPixelSize(theme.px(0.8))
        self._line = QFontMetrics(self._font).height()
        self._bar = max(theme.px(0.9), 12)
        self._gap = theme.px(0.5)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.bars))
        return QSize(self.theme.px(20), rows * (self._line + self._bar + self._gap))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        palette = self.theme.palette
        painter.setPen(QColor(palette.text))
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.empty_text)
            return
        metrics = QFontMetrics(self._font)
        most = max(count for _, count in self.bars) or 1
        number_room = metrics.horizontalAdvance(f" {most:,}") + self.theme.px(0.3)
        room = max(1, self.width() - number_room)
        top = 0
        for label, count in self.bars:
            painter.setPen(QColor(palette.text))
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.width())
            painter.drawText(0, top + metrics.ascent(), shown)
            bar_top = top + self._line
            length = max(2.0, room * count / most)
            painter.fillRect(QRectF(0, bar_top, length, self._bar), QColor(palette.accent))
            painter.drawText(
                QRectF(length + self.theme.px(0.3), bar_top, number_room, self._bar),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{count:,}",
            )
            top += self._line + self._bar + self._gap
        painter.end()
