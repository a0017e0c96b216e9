"""The one-page handout, painted with QtGui alone: a PDF now, a printer or a preview image later.

Everything is laid out in dots of a 300 dpi page (the PDF's own resolution) with unhinted fonts,
so the lines measured are the lines drawn, and the same article breaks the same way on paper,
in a PDF and in a preview of any size. The painter is scaled to its device, never the layout.
Black and greys only: the sheet must survive a grey-scale office printer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QRectF,
)
from PySide6.QtGui import (
    QPageSize,
    QPainter,
)

from kiosk.handout.parts import (
    Frame,
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
from kiosk.handout.stats import stats_column
from kiosk.handout.text import SOFT_INK, TextBlock, fitted_text, inch, make_font, pt

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "letter": QPageSize.PageSizeId.Letter,
    "a4": QPageSize.PageSizeId.A4,
}
TITLE_MAX_LINES = 3


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
    """Key points on the left, statistic cards on the right, in the space the rest leaves."""
    available = max(0.0, bottom - top)
    points_frame = frame
    if content.stats:
        gap = inch(0.3)
        stats_width = frame.width * 0.34
        points_frame = Frame(frame.family, frame.left, frame.width - stats_width - gap)
        stats_frame = Frame(frame.family, frame.left + points_frame.width + gap, stats_width)
        stats, shown = stats_column(content.stats, stats_frame, top, available)
        sheet.stats_shown = shown
        if shown:
            sheet.regions.append(stats)
    points = points_region(content, points_frame, top, available)
    sheet.points = points.kept
    sheet.shortened = points.kept != normalised(content.points)
    sheet.regions.append(points.region)
