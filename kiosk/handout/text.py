"""The handout's type: the kiosk's typeface at print sizes, and paragraphs broken into lines once,
in dots of a 300 dpi page with unhinted fonts, so the lines measured are the lines drawn.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import (
    QCoreApplication,
    QPointF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPainter,
    QTextLayout,
    QTextOption,
)

from kiosk.handout.sheet import (
    shorten_points,
)
from kiosk.system.paths import asset_path

LAYOUT_DPI = 300.0
TYPEFACE = "Atkinson Hyperlegible"
FALLBACK_TYPEFACE = "DejaVu Sans"
INK = QColor("#000000")
SOFT_INK = QColor("#333333")  # dark enough to stay crisp when a printer screens grey
CARD_LINE = QColor("#555555")


def pt(points: float) -> float:
    """Typographic points to layout dots."""
    return points * LAYOUT_DPI / 72


def inch(inches: float) -> float:
    return inches * LAYOUT_DPI

@functools.cache
def handout_font_family() -> str:
    """The kiosk's own typeface, registered with Qt once (needs a QGuiApplication, not widgets)."""
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        raise RuntimeError("drawing a handout needs a QGuiApplication (Qt finds fonts through it)")
    if TYPEFACE in QFontDatabase.families():  # the kiosk's window registered it already
        return TYPEFACE
    families: list[str] = []
    for font_file in sorted(asset_path("fonts").glob("*.ttf")):
        families.extend(QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font_file))))
    return TYPEFACE if TYPEFACE in families else FALLBACK_TYPEFACE


def make_font(family: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(round(pt(size_pt)))
    font.setBold(bold)
    font.setItalic(italic)
    # Unhinted: advances scale linearly, so the layout is the same at every device resolution.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class TextBlock:
    """A paragraph broken into lines once: the height measured is exactly what is drawn."""

    def __init__(
        self,
        text: str,
        font: QFont,
        width: float,
        *,
        colour: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        spacing: float = 1.12,
    ) -> None:
        self.text = text
        self.colour = colour
        self.layout = QTextLayout(text, font)
        option = QTextOption(align)
        # Between words; inside one only when it is wider than the line (a web address), so that
        # nothing ever runs past the edge of the paper.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        self.layout.beginLayout()
        top = 0.0
        self.width = width
        self.line_count = 0
        self.height = 0.0
        self.natural_width = 0.0
        self.first_line_height = 0.0
        while (line := self.layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, top))
            if not self.line_count:
                self.first_line_height = line.height()
            self.height = top + line.height()
            self.natural_width = max(self.natural_width, line.naturalTextWidth())
            top += line.height() * spacing
            self.line_count += 1
        self.layout.endLayout()

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(self.colour)
        self.layout.draw(painter, QPointF(x, y))


def fitted_text(text: str, font: QFont, width: float, max_lines: int, *, spacing: float = 1.12) -> TextBlock:
    """The text in at most `max_lines` lines, cut after a sentence or a whole word if it must be."""
    kept = shorten_points([text], lambda t: TextBlock(t[0] if t else "", font, width).line_count <= max_lines)
    return TextBlock(kept[0] if kept else "", font, width, spacing=spacing)
