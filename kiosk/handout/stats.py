"""The statistic cards of the sheet: a number large, what it counts and who published it, in a
bordered card; a column of them beside the key points.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QPainter,
    QPen,
)

from kiosk.content.model import Stat
from kiosk.handout.parts import Draw, Frame, Region, section_heading, translate
from kiosk.handout.text import CARD_LINE, SOFT_INK, TextBlock, inch, make_font, pt


def stats_column(stats: tuple[Stat, ...], frame: Frame, top: float, available: float) -> tuple[Region, int]:
    """As many statistic cards as fit, in the pack's order, under a heading."""
    heading = section_heading(translate("Handout", "By the numbers"), frame)
    y = top + heading.height + inch(0.12)
    cards: list[tuple[float, float, Draw]] = []
    for stat in stats:
        height, draw_card = _stat_card(stat, frame)
        if y + height > top + available:
            break
        cards.append((y, height, draw_card))
        y += height + inch(0.14)

    def draw(painter: QPainter) -> None:
        heading.draw(painter, frame.left, top)
        for card_top, _height, draw_card in cards:
            painter.save()
            painter.translate(frame.left, card_top)
            draw_card(painter)
            painter.restore()

    bottom = cards[-1][0] + cards[-1][1] if cards else top
    return Region("stats", QRectF(frame.left, top, frame.width, bottom - top), draw), len(cards)


def _stat_card(stat: Stat, frame: Frame) -> tuple[float, Draw]:
    """A bordered card: the number large, what it counts, and who published it."""
    pad = inch(0.13)
    inner = frame.width - 2 * pad
    value = TextBlock(stat.value, make_font(frame.family, 24, bold=True), inner, spacing=1.0)
    label = TextBlock(stat.label, make_font(frame.family, 12), inner, spacing=1.05)
    source = TextBlock(translate("Handout", "Source: %1").replace("%1", stat.source),
                       make_font(frame.family, 9.5), inner, colour=SOFT_INK)
    label_top = pad + value.height + inch(0.02)
    source_top = label_top + label.height + inch(0.06)
    height = source_top + source.height + pad
    border = pt(1.2)

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(CARD_LINE, border))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = border / 2
        painter.drawRoundedRect(QRectF(half, half, frame.width - border, height - border), pad / 2, pad / 2)
        value.draw(painter, pad, pad)
        label.draw(painter, pad, label_top)
        source.draw(painter, pad, source_top)

    return height, draw
