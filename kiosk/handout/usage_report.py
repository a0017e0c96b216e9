"""The one-page usage report for the clinic manager (`kiosk usage report --out FILE.pdf`), in the
handout's style: its typeface, black ink on white, a rule under the heading. The most-read and
most-printed articles as bar charts, visits per day as columns, and a line saying that the
counts are hourly totals that identify no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.handout.layout import PAPER_SIZES
from kiosk.handout.text import CARD_LINE, INK, LAYOUT_DPI, SOFT_INK, handout_font_family, inch, make_font, pt

BAR_INK = QColor("#444444")  # grey bars print evenly on any laser printer
TOP_ROWS = 10


@dataclass(frozen=True)
class UsageReportData:
    clinic: str
    kiosk_id: str
    first_day: date
    last_day: date
    most_read: Sequence[tuple[str, int]]  # (article title, count), most first
    most_printed: Sequence[tuple[str, int]]
    visits_per_day: Sequence[tuple[date, int]]
    totals: dict[str, int]


def write_usage_report(data: UsageReportData, path: Path, *, paper: str = "letter") -> Path:
    """Write the report as a one-page PDF; raises OSError when it cannot be written."""
    writer = QPdfWriter(str(path))
    writer.setResolution(round(LAYOUT_DPI))
    writer.setPageLayout(QPageLayout(
        QPageSize(PAPER_SIZES[paper]), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
    ))
    writer.setTitle(f"Kiosk usage, {_long(data.first_day)} to {_long(data.last_day)}")
    writer.setCreator(f"{data.clinic} waiting-room kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF {path} could not be started")
    try:
        _Page(painter, writer.width(), writer.height()).draw(data)
    finally:
        painter.end()
    del writer
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF {path} could not be written")
    return path


class _Page:
    def __init__(self, painter: QPainter, width: float, height: float) -> None:
        self.painter = painter
        self.family = handout_font_family()
        self.left = inch(0.75)
        self.width = width - 2 * self.left
        self.bottom = height - inch(0.6)
        self.y = inch(0.7)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def text(self, words: str, size: float, *, bold: bool = False, colour: QColor = INK,
             x: float | None = None, width: float | None = None, right: bool = False) -> float:
        font = make_font(self.family, size, bold=bold)
        self.painter.setFont(font)
        self.painter.setPen(colour)
        metrics = QFontMetricsF(font)
        box = QRectF(self.left if x is None else x, self.y, width or self.width, metrics.height())
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        shown = metrics.elidedText(words, Qt.TextElideMode.ElideRight, box.width())
        self.painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, shown)
        return metrics.height()

    def draw(self, data: UsageReportData) -> None:
        self.y += self.text(data.clinic, 20, bold=True)
        self.y += self.text(f"Kiosk usage: {data.kiosk_id}, {_long(data.first_day)} to "
                            f"{_long(data.last_day)}", 13, colour=SOFT_INK)
        self.y += pt(6)
        self.painter.fillRect(QRectF(self.left, self.y, self.width, pt(2)), INK)
        self.y += pt(12)
        totals = data.totals
        self.y += self.text(
            f"{totals.get('visit', 0):,} visits    {totals.get('article_opened', 0):,} articles opened    "
            f"{totals.get('article_read', 0):,} read to the end    "
            f"{totals.get('handout_printed', 0):,} handouts printed", 12)
        self.y += pt(14)
        self.bars("Most-read articles (read to the end)", data.most_read)
        self.bars("Most-printed handouts", data.most_printed)
        self.columns("Visits per day", data.visits_per_day, data.first_day, data.last_day)
        self.y = self.bottom - pt(24)
        self.painter.fillRect(QRectF(self.left, self.y, self.width, pt(0.75)), CARD_LINE)
        self.y += pt(4)
        self.text("Anonymous hourly totals: the kiosk keeps no record of any visitor, what they "
                  "read one after another, or anything they typed.", 9, colour=SOFT_INK)

    def heading(self, words: str) -> None:
        self.y += self.text(words, 14, bold=True) + pt(4)

    def bars(self, title: str, rows: Sequence[tuple[str, int]]) -> None:
        self.heading(title)
        if not rows:
            self.y += self.text("Nothing counted in this period.", 11, colour=SOFT_INK) + pt(10)
            return
        most = max(count for _, count in rows) or 1
        label_width = self.width * 0.45
        bar_room = self.width - label_width - inch(0.6)
        for label, count in rows[:TOP_ROWS]:
            line = self.text(label, 11, width=label_width - pt(6))
            length = max(pt(1.5), bar_room * count / most)
            self.painter.fillRect(QRectF(self.left + label_width, self.y + line * 0.2, length, line * 0.6),
                                  BAR_INK)
            self.text(f"{count:,}", 11, x=self.left + label_width + length + pt(4), width=inch(0.6))
            self.y += line * 1.1
        self.y += pt(10)

    def columns(self, title: str, days: Sequence[tuple[date, int]], first: date, last: date) -> None:
        self.heading(title)
        counts = dict(days)
        span = (last - first).days + 1
        chart_height = max(pt(40), min(inch(1.6), self.bottom - pt(60) - self.y))
        if not counts:
            self.text("No visits counted in this period.", 11, colour=SOFT_INK)
            return
        most = max(counts.values()) or 1
        step = self.width / span
        base = self.y + chart_height
        for index in range(span):
            day = date.fromordinal(first.toordinal() + index)
            height = chart_height * counts.get(day, 0) / most
            self.painter.fillRect(QRectF(self.left + index * step + step * 0.15, base - height,
                                         step * 0.7, height), BAR_INK)
        self.painter.fillRect(QRectF(self.left, base, self.width, pt(0.75)), CARD_LINE)
        self.y = base + pt(3)
        self.text(f"{first.day} {first:%b}", 9, colour=SOFT_INK)
        self.text(f"most: {most:,} a day", 9, colour=SOFT_INK, x=self.left + self.width / 3,
                  width=self.width / 3)
        self.y += self.text(f"{last.day} {last:%b}", 9, colour=SOFT_INK, right=True)


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
