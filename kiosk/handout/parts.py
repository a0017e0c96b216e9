"""The parts of the sheet, each measured and given a way to draw itself: the header with the
clinic's logo, rules, key points, statistic cards, the help box, the QR code and the footer.
Black and greys only: the sheet must survive a grey-scale office printer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImageReader,
    QPainter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from kiosk.content.model import HelpLine
from kiosk.content.translatable import QT_TRANSLATE_NOOP
from kiosk.handout.qr import draw_qr, qr_matrix
from kiosk.handout.sheet import (
    HandoutContent,
    printable_address,
    shorten_points,
)
from kiosk.handout.text import CARD_LINE, INK, SOFT_INK, TextBlock, inch, make_font, pt

Draw = Callable[[QPainter], None]


@dataclass(frozen=True)
class Region:
    """One part of the sheet: where it is (in layout dots) and how to draw it."""

    name: str
    rect: QRectF
    draw: Draw


@dataclass(frozen=True)
class Frame:
    """The page's type and the column it is being laid into."""

    family: str
    left: float
    width: float


# Key points in the largest of these that holds them all; below the last, they are shortened.
POINT_SIZES = (20.0, 18.0, 16.0, 14.0)
DISCLAIMER = QT_TRANSLATE_NOOP(
    "Handout", "General information, not advice about your own care: talk with your care team."
)
# The sheet's own words are translated (context "Handout") when the kiosk shows a language;
# `kiosk handout` on the command line writes them in English.
translate = QCoreApplication.translate


def text_region(name: str, block: TextBlock, x: float, y: float) -> Region:
    rect = QRectF(x, y, block.width, block.height)
    return Region(name, rect, lambda painter: block.draw(painter, x, y))


def rule(name: str, frame: Frame, y: float, thickness: float, colour: QColor = INK) -> Region:
    rect = QRectF(frame.left, y, frame.width, thickness)
    return Region(name, rect, lambda painter: painter.fillRect(rect, colour))


def header_region(content: HandoutContent, frame: Frame, top: float) -> Region:
    logo_side = inch(0.75)
    draw_logo = _logo_drawer(content.logo, QRectF(frame.left, top, logo_side, logo_side))
    text_left = frame.left + (logo_side + inch(0.2) if draw_logo else 0)
    text_width = frame.left + frame.width - text_left
    name = TextBlock(content.clinic_name, make_font(frame.family, 20, bold=True), text_width)
    details = " \u00b7 ".join(
        [translate("Handout", "Phone %1").replace("%1", content.clinic_phone)]
        + ([printable_address(content.clinic_website)] if content.clinic_website else [])
    )
    sub = TextBlock(details, make_font(frame.family, 12.5), text_width, colour=SOFT_INK)
    text_height = name.height + inch(0.04) + sub.height
    height = max(logo_side if draw_logo else 0, text_height)
    text_top = top + (height - text_height) / 2

    def draw(painter: QPainter) -> None:
        if draw_logo:
            draw_logo(painter)
        name.draw(painter, text_left, text_top)
        sub.draw(painter, text_left, text_top + name.height + inch(0.04))

    return Region("header", QRectF(frame.left, top, frame.width, height), draw)


def _logo_drawer(path: Path | None, box: QRectF) -> Draw | None:
    """SVG logos stay vectors; others become a modest raster, so the PDF stays small."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return None
        target = _fit_inside(box, renderer.defaultSize().width(), renderer.defaultSize().height())
        return lambda painter: renderer.render(painter, target)
    reader = QImageReader(str(path))
    size = reader.size()
    if not size.isValid():
        return None
    box_size = QSize(round(box.width()), round(box.height()))
    reader.setScaledSize(size.scaled(box_size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    target = _fit_inside(box, image.width(), image.height())
    return lambda painter: painter.drawImage(target, image)


def _fit_inside(box: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the given proportions centred in `box`."""
    if width <= 0 or height <= 0:
        return box
    scale = min(box.width() / width, box.height() / height)
    w, h = width * scale, height * scale
    return QRectF(box.left() + (box.width() - w) / 2, box.top() + (box.height() - h) / 2, w, h)


@dataclass(frozen=True)
class Points:
    """The key points laid out: their region, the points kept (shortened or whole) and their type size."""

    region: Region
    kept: tuple[str, ...]
    size: float


def normalised(points: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in points if p.strip())


def points_region(content: HandoutContent, frame: Frame, top: float, available: float) -> Points:
    """The largest type that holds every point; at the smallest, points shortened to fit."""
    heading = section_heading(
        translate("Handout", "Key points") if content.points_are_takeaway
        else translate("Handout", "From the article"), frame,
    )
    below_heading = heading.height + inch(0.12)
    room = available - below_heading
    original = normalised(content.points)
    note_text = (
        translate("Handout", "Shortened to fit one page. The whole article is at the web address below.")
        if content.qr_url
        else translate("Handout", "Shortened to fit one page. The whole article is on the kiosk screen.")
    )

    def build(points: tuple[str, ...], size: float) -> tuple[float, Draw]:
        note = note_text if points != original else None
        return _point_list(points, size, content.points_are_takeaway, note, frame, top + below_heading)

    size = next((s for s in POINT_SIZES if build(original, s)[0] <= room), POINT_SIZES[-1])
    kept = shorten_points(original, lambda pts: build(pts, size)[0] <= room)
    list_height, draw_list = build(kept, size)

    def draw(painter: QPainter) -> None:
        heading.draw(painter, frame.left, top)
        draw_list(painter)

    height = below_heading + list_height if kept else heading.height
    return Points(Region("points", QRectF(frame.left, top, frame.width, height), draw), kept, size)


def section_heading(text: str, frame: Frame) -> TextBlock:
    font = make_font(frame.family, 12, bold=True)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    return TextBlock(text.upper(), font, frame.width, colour=SOFT_INK)


def _point_list(
    points: tuple[str, ...], size: float, bulleted: bool, note: str | None, frame: Frame, top: float
) -> tuple[float, Draw]:
    """The points in large type, each after a round bullet; the height they take and their drawer."""
    font = make_font(frame.family, size)
    indent = pt(size) * 0.95 if bulleted else 0.0
    gap = pt(size) * 0.5
    blocks = [TextBlock(p, font, frame.width - indent, spacing=1.1) for p in points]
    if note is not None:
        note_font = make_font(frame.family, 11.5, italic=True)
        blocks.append(TextBlock(note, note_font, frame.width, colour=SOFT_INK))
    tops: list[float] = []
    y = top
    for block in blocks:
        tops.append(y)
        y += block.height + gap
    height = y - gap - top if blocks else 0.0

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, (block, block_top) in enumerate(zip(blocks, tops, strict=True)):
            is_point = index < len(points)
            if is_point and bulleted:
                _bullet(painter, frame.left, block_top, block.first_line_height, pt(size))
            block.draw(painter, frame.left + (indent if is_point else 0), block_top)

    return height, draw


def _bullet(painter: QPainter, x: float, top: float, line_height: float, em: float) -> None:
    diameter = em * 0.34
    centre_y = top + line_height * 0.52
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawEllipse(QPointF(x + diameter, centre_y), diameter / 2, diameter / 2)


def help_box_region(content: HandoutContent, frame: Frame, bottom: float) -> Region:
    """The box a patient looks for first: a heavy border, every number large and right-aligned."""
    pad = inch(0.17)
    inner = Frame(frame.family, frame.left + pad, frame.width - 2 * pad)
    title = TextBlock(translate("Handout", "Where to get help"),
                      make_font(frame.family, 17, bold=True), inner.width)
    intro_text = " ".join(t for t in (content.help_heading, content.help_text) if t)
    intro = TextBlock(intro_text, make_font(frame.family, 12), inner.width, colour=SOFT_INK)
    rows = [_phone_row(line, inner) for line in content.phone_lines()]
    row_gap = inch(0.07)
    rows_top = pad + title.height + inch(0.03) + intro.height + inch(0.1)
    height = rows_top + sum(h for h, _ in rows) + row_gap * 2 * (len(rows) - 1) + pad
    top = bottom - height
    border = pt(2.5)

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(frame.left, top)
        painter.setPen(QPen(INK, border))
        painter.drawRoundedRect(QRectF(border / 2, border / 2, frame.width - border, height - border),
                                pad / 2, pad / 2)
        title.draw(painter, pad, pad)
        intro.draw(painter, pad, pad + title.height + inch(0.03))
        y = rows_top
        for index, (row_height, draw_row) in enumerate(rows):
            if index:
                painter.fillRect(QRectF(pad, y + row_gap - pt(0.4), inner.width, pt(0.8)), CARD_LINE)
                y += 2 * row_gap
            draw_row(painter, pad, y)
            y += row_height

    return Region("help", QRectF(frame.left, top, frame.width, height), draw)


def _phone_row(line: HelpLine, inner: Frame) -> tuple[float, Callable[[QPainter, float, float], None]]:
    """One help line: what it is on the left (wrapping if long), its number large on the right."""
    number = TextBlock(line.number, make_font(inner.family, 17, bold=True), inner.width * 0.5,
                       align=Qt.AlignmentFlag.AlignRight)
    number_width = number.natural_width
    label = TextBlock(line.label, make_font(inner.family, 12.5), inner.width - number_width - inch(0.2))
    height = max(number.height, label.height)

    def draw(painter: QPainter, x: float, y: float) -> None:
        number.draw(painter, x + inner.width - inner.width * 0.5, y + (height - number.height) / 2)
        label.draw(painter, x, y + (height - label.height) / 2)

    return height, draw


def qr_column(url: str, about_article: bool, frame: Frame, top: float, bottom: float) -> Region:
    """The QR code, what it opens, and the address written out for those without a camera."""
    matrix = qr_matrix(url)
    side = min(frame.width, inch(1.35))
    what = (translate("Handout", "Scan to read the whole article") if about_article
            else translate("Handout", "Scan to visit our website"))
    caption = TextBlock(what, make_font(frame.family, 10.5), frame.width,
                        align=Qt.AlignmentFlag.AlignHCenter, colour=SOFT_INK)
    address = TextBlock(printable_address(url), make_font(frame.family, 12, bold=True), frame.width,
                        align=Qt.AlignmentFlag.AlignHCenter)
    height = side + inch(0.04) + caption.height + inch(0.03) + address.height
    column_top = top + max(0.0, (bottom - top - height) / 2)  # centred beside the help box
    qr_rect = QRectF(frame.left + (frame.width - side) / 2, column_top, side, side)

    def draw(painter: QPainter) -> None:
        draw_qr(painter, matrix, qr_rect)
        caption.draw(painter, frame.left, qr_rect.bottom() + inch(0.04))
        address.draw(painter, frame.left, qr_rect.bottom() + inch(0.07) + caption.height)

    return Region("qr", QRectF(frame.left, column_top, frame.width, height), draw)


def long_date(day: date, language: str) -> str:
    """"November 27, 2026" in English; each translation gives its own pattern and month names."""
    pattern = translate("Handout", "MMMM d, yyyy")  # a QDate format: what order, which words
    return QLocale(language).toString(QDate(day.year, day.month, day.day), pattern)


def footer_region(content: HandoutContent, frame: Frame, bottom: float) -> Region:
    """Dates and a plain disclaimer in small type under a hairline, on the bottom margin."""
    def written(day: date) -> str:
        return long_date(day, content.language)

    reviewed = (
        translate("Handout", "Content last reviewed %1").replace("%1", written(content.reviewed))
        if content.reviewed else translate("Handout", "Review date not given")
    )
    printed = translate("Handout", "Printed %1").replace("%1", written(content.printed_on))
    dates = f"{printed}   \u00b7   {reviewed}   \u00b7   {content.clinic_name}"
    font = make_font(frame.family, 9)
    first = TextBlock(dates, font, frame.width, colour=SOFT_INK)
    second = TextBlock(translate("Handout", DISCLAIMER), font, frame.width, colour=SOFT_INK)
    height = inch(0.08) + first.height + second.height
    top = bottom - height

    def draw(painter: QPainter) -> None:
        painter.fillRect(QRectF(frame.left, top, frame.width, pt(0.75)), SOFT_INK)
        first.draw(painter, frame.left, top + inch(0.08))
        second.draw(painter, frame.left, top + inch(0.08) + first.height)

    return Region("footer", QRectF(frame.left, top, frame.width, height), draw)
