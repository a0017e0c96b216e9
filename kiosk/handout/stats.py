"""The statistic cards of the sheet: a number large, what it counts and who published it, in a
bordered card; either a column of them beside the key points, or a grid of them under the points
across the page. Each card is measured once for its width; the layout chooses the arrangement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QPainter,
    QPen,
)

from kiosk.content.model import Stat
from kiosk.handout.parts import Frame, Region, section_heading, translate
from kiosk.handout.text import CARD_LINE, SOFT_INK, TextBlock, inch, make_font, pt

CARD_GAP = inch(0.14)
HEADING_GAP = inch(0.12)


@dataclass(frozen=True)
class CardType:
    """Type sizes (points) and inner padding (inches) of a card."""

    value: float
    label: float
    source: float
    pad: float


REGULAR = CardType(value=24, label=12, source=9.5, pad=0.13)
COMPACT = CardType(value=20, label=11, source=9, pad=0.1)  # when the regular ones leave no room


@dataclass(frozen=True)
class StatCard:
    """One card measured for a width: its natural height, and a drawer for any height at least
    that (cards in a row of the grid are drawn as tall as the tallest)."""

    width: float
    height: float
    draw: Callable[[QPainter, float], None]


def stat_cards(
    stats: tuple[Stat, ...], width: float, family: str, kind: CardType = REGULAR
) -> list[StatCard]:
    return [_stat_card(stat, width, family, kind) for stat in stats]


def stats_heading_height(frame: Frame) -> float:
    return section_heading(translate("Handout", "By the numbers"), frame).height + HEADING_GAP


def column_height(cards: list[StatCard], frame: Frame) -> float:
    """The height of the heading and every card stacked (what `stats_column` needs for all)."""
    return stats_heading_height(frame) + sum(c.height for c in cards) + CARD_GAP * (len(cards) - 1)


def stats_column(cards: list[StatCard], frame: Frame, top: float, available: float) -> tuple[Region, int]:
    """As many cards as fit in `available`, stacked in the pack's order, under a heading."""
    heading = section_heading(translate("Handout", "By the numbers"), frame)
    y = top + heading.height + HEADING_GAP
    placed: list[tuple[float, StatCard]] = []
    for card in cards:
        if y + card.height > top + available:
            break
        placed.append((y, card))
        y += card.height + CARD_GAP

    def draw(painter: QPainter) -> None:
        heading.draw(painter, frame.left, top)
        for card_top, card in placed:
            _draw_at(painter, card, frame.left, card_top, card.height)

    bottom = placed[-1][0] + placed[-1][1].height if placed else top
    return Region("stats", QRectF(frame.left, top, frame.width, bottom - top), draw), len(placed)


def grid_card_width(frame: Frame, columns: int) -> float:
    return (frame.width - CARD_GAP * (columns - 1)) / columns


def grid_height(cards: list[StatCard], columns: int, frame: Frame) -> float:
    """The heading and every card in rows of `columns`, each row as tall as its tallest card."""
    rows = _rows(cards, columns)
    return (stats_heading_height(frame) + sum(max(c.height for c in row) for row in rows)
            + CARD_GAP * (len(rows) - 1))


def stats_grid(cards: list[StatCard], columns: int, frame: Frame, top: float) -> Region:
    """Every card in rows of `columns` across the frame, under a heading (cards measured for
    `grid_card_width(frame, columns)`)."""
    heading = section_heading(translate("Handout", "By the numbers"), frame)
    placed: list[tuple[float, float, float, StatCard]] = []  # left, top, row height, card
    y = top + heading.height + HEADING_GAP
    for row in _rows(cards, columns):
        row_height = max(card.height for card in row)
        for index, card in enumerate(row):
            placed.append((frame.left + index * (card.width + CARD_GAP), y, row_height, card))
        y += row_height + CARD_GAP
    bottom = y - CARD_GAP

    def draw(painter: QPainter) -> None:
        heading.draw(painter, frame.left, top)
        for left, card_top, row_height, card in placed:
            _draw_at(painter, card, left, card_top, row_height)

    return Region("stats", QRectF(frame.left, top, frame.width, bottom - top), draw)


def _rows(cards: list[StatCard], columns: int) -> list[list[StatCard]]:
    return [cards[start:start + columns] for start in range(0, len(cards), columns)]


def _draw_at(painter: QPainter, card: StatCard, left: float, top: float, height: float) -> None:
    painter.save()
    painter.translate(left, top)
    card.draw(painter, height)
    painter.restore()


def _stat_card(stat: Stat, width: float, family: str, kind: CardType) -> StatCard:
    """A bordered card: the number large, what it counts, and who published it."""
    pad = inch(kind.pad)
    inner = width - 2 * pad
    value = TextBlock(stat.value, make_font(family, kind.value, bold=True), inner, spacing=1.0)
    label = TextBlock(stat.label, make_font(family, kind.label), inner, spacing=1.05)
    source = TextBlock(translate("Handout", "Source: %1").replace("%1", stat.source),
                       make_font(family, kind.source), inner, colour=SOFT_INK)
    label_top = pad + value.height + inch(0.02)
    source_top = label_top + label.height + inch(0.06)
    border = pt(1.2)

    def draw(painter: QPainter, height: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(CARD_LINE, border))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = border / 2
        painter.drawRoundedRect(QRectF(half, half, width - border, height - border), pad / 2, pad / 2)
        value.draw(painter, pad, pad)
        label.draw(painter, pad, label_top)
        source.draw(painter, pad, source_top)

    return StatCard(width, source_top + source.height + pad, draw)
