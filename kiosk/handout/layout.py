"""The one-page handout, painted with QtGui alone: a PDF now, a printer or a preview image later.

Everything is laid out in dots of a 300 dpi page (the PDF's own resolution) with unhinted fonts,
so the lines measured are the lines drawn, and the same article breaks the same way on paper,
in a PDF and in a preview of any size. The painter is scaled to its device, never the layout.
Black and greys only: the sheet must survive a grey-scale office printer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QRectF,
)
from PySide6.QtGui import (
    QPageSize,
    QPainter,
)

from kiosk.handout.parts import (
    POINT_SIZES,
    Frame,
    Points,
    Region,
    footer_region,
    header_region,
    help_box_region,
    normalised,
    points_region,
    qr_column,
    rule,
    text_region,
)
from kiosk.handout.sheet import (
    HandoutContent,
)
from kiosk.handout.stats import (
    COMPACT,
    REGULAR,
    CardType,
    grid_card_width,
    grid_height,
    stat_cards,
    stats_column,
    stats_grid,
)
from kiosk.handout.text import SOFT_INK, TextBlock, fitted_text, inch, make_font, pt

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "letter": QPageSize.PageSizeId.Letter,
    "a4": QPageSize.PageSizeId.A4,
}
TITLE_MAX_LINES = 3
# Of the width, for the statistics beside the key points: the first, else wider (labels wrap less).
STATS_COLUMN_SHARES = (0.34, 0.42)
GUTTER = inch(0.3)  # between the points and the statistics beside them
BELOW_GAP = inch(0.22)  # between the points and the statistics under them
# The grids of statistic cards under the key points, by number of cards, tidiest first (of
# equally good layouts the first is kept). Up to four cards; more stay in a column.
GRID_COLUMNS = {1: (1,), 2: (2, 1), 3: (3, 2), 4: (2, 4)}


@dataclass
class HandoutLayout:
    """The whole sheet, measured and placed; `paint` only draws."""

    page: QRectF
    margin: float
    regions: list[Region] = field(default_factory=list)
    points: tuple[str, ...] = ()
    shortened: bool = False
    stats_shown: int = 0

    def region(self, name: str) -> Region:
        return next(r for r in self.regions if r.name == name)

    def paint(self, painter: QPainter) -> None:
        for region in self.regions:
            painter.save()
            region.draw(painter)
            painter.restore()


def layout_handout(content: HandoutContent, page_size: tuple[float, float], family: str) -> HandoutLayout:
    """Place every part of the sheet on a page of (width, height) layout dots, 300 to the inch."""
    width, height = page_size
    margin = inch(0.5)
    frame = Frame(family, margin, width - 2 * margin)
    sheet = HandoutLayout(page=QRectF(0, 0, width, height), margin=margin)
    top = _place_top(sheet, content, frame, margin)
    bottom = _place_bottom(sheet, content, frame, height - margin)
    _place_body(sheet, content, frame, top + inch(0.22), bottom - inch(0.32))
    return sheet


def _place_top(sheet: HandoutLayout, content: HandoutContent, frame: Frame, top: float) -> float:
    """Clinic, rule, title and summary, from the top margin down; returns where they end."""
    header = header_region(content, frame, top)
    sheet.regions.append(header)
    rule_y = header.rect.bottom() + inch(0.14)
    sheet.regions.append(rule("header-rule", frame, rule_y, pt(2.5)))
    title = fitted_text(content.title, make_font(frame.family, 25, bold=True), frame.width,
                        TITLE_MAX_LINES, spacing=1.05)
    title_region = text_region("title", title, frame.left, rule_y + inch(0.22))
    summary = TextBlock(content.summary, make_font(frame.family, 14), frame.width, colour=SOFT_INK)
    summary_region = text_region("summary", summary, frame.left, title_region.rect.bottom() + inch(0.1))
    sheet.regions += [title_region, summary_region]
    return summary_region.rect.bottom()


def _place_bottom(sheet: HandoutLayout, content: HandoutContent, frame: Frame, bottom: float) -> float:
    """Footer on the bottom margin, the help box and QR code above it; returns where they start."""
    footer = footer_region(content, frame, bottom)
    help_bottom = footer.rect.top() - inch(0.22)
    help_width = frame.width * 0.63 if content.qr_url else frame.width
    help_box = help_box_region(content, Frame(frame.family, frame.left, help_width), help_bottom)
    sheet.regions += [help_box, footer]
    if content.qr_url is not None:
        gap = inch(0.3)
        column = Frame(frame.family, frame.left + help_width + gap, frame.width - help_width - gap)
        sheet.regions.append(qr_column(content.qr_url, content.qr_is_article, column,
                                        help_box.rect.top(), help_bottom))
    return help_box.rect.top()


def _place_body(
    sheet: HandoutLayout, content: HandoutContent, frame: Frame, top: float, bottom: float
) -> None:
    """Key points and statistic cards in the height the rest leaves, shared the way that shows
    every statistic (each with its source) first and the key points at their best after that."""
    available = max(0.0, bottom - top)
    best: _Arrangement | None = None
    for arrangement in _arrangements(content, frame, top, available):
        # The first of equals is kept: they come in order of preference.
        if best is None or arrangement.merit(content) > best.merit(content):
            best = arrangement
        if best.is_best_possible(content):
            break  # nothing later can be better: spare the measuring
    assert best is not None  # there is always the column beside the points
    sheet.regions += best.regions
    sheet.stats_shown = best.stats_shown
    sheet.points = best.points.kept if best.points else ()
    sheet.shortened = sheet.points != normalised(content.points)


@dataclass(frozen=True)
class _Arrangement:
    """One way of sharing the body: its regions, the points as they came out, the cards shown."""

    regions: list[Region]
    points: Points | None
    stats_shown: int

    def is_best_possible(self, content: HandoutContent) -> bool:
        merit = self.merit(content)
        return merit[:2] == (len(content.stats), True) and (not content.points or merit[2] == POINT_SIZES[0])

    def merit(self, content: HandoutContent) -> tuple[int, bool, float, int]:
        """More statistics shown, then points kept whole, in larger type, with more words."""
        kept = self.points.kept if self.points else ()
        size = self.points.size if self.points else 0.0
        return (self.stats_shown, kept == normalised(content.points), size, sum(map(len, kept)))


def _arrangements(
    content: HandoutContent, frame: Frame, top: float, available: float
) -> Iterator[_Arrangement]:
    """The statistics in a column beside the points, or in a grid under them across the page
    (every grid that holds all of them, tidiest first), in regular cards and then in compact
    ones; without statistics, the points alone."""
    has_points = bool(normalised(content.points))
    if not content.stats:
        points = points_region(content, frame, top, available) if has_points else None
        yield _Arrangement([points.region] if points else [], points, 0)
        return
    for kind in (REGULAR, COMPACT):
        yield _beside(content, frame, top, available, kind, STATS_COLUMN_SHARES[0], has_points)
        for columns in GRID_COLUMNS.get(len(content.stats), ()):
            below = _below(content, frame, top, available, kind, columns, has_points)
            if below is not None:
                yield below
        for share in STATS_COLUMN_SHARES[1:]:
            yield _beside(content, frame, top, available, kind, share, has_points)


def _beside(
    content: HandoutContent, frame: Frame, top: float, available: float, kind: CardType,
    share: float, has_points: bool,
) -> _Arrangement:
    """Points on the left, as many cards as fit stacked on the right, in `share` of the width."""
    stats_width = frame.width * share
    points_frame = Frame(frame.family, frame.left, frame.width - stats_width - GUTTER)
    stats_frame = Frame(frame.family, frame.left + points_frame.width + GUTTER, stats_width)
    cards = stat_cards(content.stats, stats_width, frame.family, kind)
    column, shown = stats_column(cards, stats_frame, top, available)
    points = points_region(content, points_frame, top, available) if has_points else None
    regions = ([points.region] if points else []) + ([column] if shown else [])
    return _Arrangement(regions, points, shown)


def _below(
    content: HandoutContent, frame: Frame, top: float, available: float, kind: CardType,
    columns: int, has_points: bool,
) -> _Arrangement | None:
    """Points across the page, every card in rows of `columns` under them (without the points
    when the cards leave them no room); None if the cards do not all fit."""
    cards = stat_cards(content.stats, grid_card_width(frame, columns), frame.family, kind)
    height = grid_height(cards, columns, frame)
    if not has_points:
        return _Arrangement([stats_grid(cards, columns, frame, top)], None, len(cards)) \
            if height <= available else None
    room = available - height - BELOW_GAP
    points = points_region(content, frame, top, room)
    if points.region.rect.height() > room:  # not even their heading: the statistics come first
        return _Arrangement([stats_grid(cards, columns, frame, top)], None, len(cards)) \
            if height <= available else None
    grid = stats_grid(cards, columns, frame, points.region.rect.bottom() + BELOW_GAP)
    return _Arrangement([points.region, grid], points, len(cards))
