"""The one-page handout, painted with QtGui alone: a PDF now, a printer or a preview image later.

Everything is laid out in dots of a 300 dpi page (the PDF's own resolution) with unhinted fonts,
so the lines measured are the lines drawn, and the same article breaks the same way on paper,
in a PDF and in a preview of any size. The painter is scaled to its device, never the layout.
Black and greys only: the sheet must survive a grey-scale office printer.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QImageReader,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtSvg import QSvgRenderer

from kiosk.content.model import HelpLine, Pack, Stat
from kiosk.content.translatable import QT_TRANSLATE_NOOP
from kiosk.handout.qr import draw_qr, qr_matrix
from kiosk.handout.sheet import (
    HandoutContent,
    handout_content,
    printable_address,
    shorten_points,
)
from kiosk.system.paths import asset_path

PAPER_SIZES: dict[str, QPageSize.PageSizeId] = {
    "letter": QPageSize.PageSizeId.Letter,
    "a4": QPageSize.PageSizeId.A4,
}
LAYOUT_DPI = 300.0
TYPEFACE = "Atkinson Hyperlegible"
FALLBACK_TYPEFACE = "DejaVu Sans"
INK = QColor("#000000")
SOFT_INK = QColor("#333333")  # dark enough to stay crisp when a printer screens grey
CARD_LINE = QColor("#555555")
TITLE_MAX_LINES = 3
# Key points in the largest of these that holds them all; below the last, they are shortened.
POINT_SIZES = (20.0, 18.0, 16.0, 14.0)
DISCLAIMER = QT_TRANSLATE_NOOP(
    "Handout", "General information, not advice about your own care: talk with your care team."
)
# The sheet's own words are translated (context "Handout") when the kiosk shows a language;
# `kiosk handout` on the command line writes them in English.
translate = QCoreApplication.translate

Draw = Callable[[QPainter], None]


def pt(points: float) -> float:
    """Typographic points to layout dots."""
    return points * LAYOUT_DPI / 72


def inch(inches: float) -> float:
    return inches * LAYOUT_DPI


# --- Fonts and text --------------------------------------------------------------------------


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


# --- The laid-out page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """One part of the sheet: where it is (in layout dots) and how to draw it."""

    name: str
    rect: QRectF
    draw: Draw


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


@dataclass(frozen=True)
class Frame:
    """The page's type and the column it is being laid into."""

    family: str
    left: float
    width: float


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
    header = _header(content, frame, top)
    sheet.regions.append(header)
    rule_y = header.rect.bottom() + inch(0.14)
    sheet.regions.append(_rule("header-rule", frame, rule_y, pt(2.5)))
    title = fitted_text(content.title, make_font(frame.family, 25, bold=True), frame.width,
                        TITLE_MAX_LINES, spacing=1.05)
    title_region = _text_region("title", title, frame.left, rule_y + inch(0.22))
    summary = TextBlock(content.summary, make_font(frame.family, 14), frame.width, colour=SOFT_INK)
    summary_region = _text_region("summary", summary, frame.left, title_region.rect.bottom() + inch(0.1))
    sheet.regions += [title_region, summary_region]
    return summary_region.rect.bottom()


def _place_bottom(sheet: HandoutLayout, content: HandoutContent, frame: Frame, bottom: float) -> float:
    """Footer on the bottom margin, the help box and QR code above it; returns where they start."""
    footer = _footer(content, frame, bottom)
    help_bottom = footer.rect.top() - inch(0.22)
    help_width = frame.width * 0.63 if content.qr_url else frame.width
    help_box = _help_box(content, Frame(frame.family, frame.left, help_width), help_bottom)
    sheet.regions += [help_box, footer]
    if content.qr_url is not None:
        gap = inch(0.3)
        column = Frame(frame.family, frame.left + help_width + gap, frame.width - help_width - gap)
        sheet.regions.append(_qr_column(content.qr_url, content.qr_is_article, column,
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
        stats, shown = _stats_column(content.stats, stats_frame, top, available)
        sheet.stats_shown = shown
        if shown:
            sheet.regions.append(stats)
    points = _points_region(content, points_frame, top, available)
    sheet.points = points.kept
    sheet.shortened = points.kept != _normalised(content.points)
    sheet.regions.append(points.region)


# --- Parts of the sheet -----------------------------------------------------------------------


def _text_region(name: str, block: TextBlock, x: float, y: float) -> Region:
    rect = QRectF(x, y, block.width, block.height)
    return Region(name, rect, lambda painter: block.draw(painter, x, y))


def _rule(name: str, frame: Frame, y: float, thickness: float, colour: QColor = INK) -> Region:
    rect = QRectF(frame.left, y, frame.width, thickness)
    return Region(name, rect, lambda painter: painter.fillRect(rect, colour))


def _header(content: HandoutContent, frame: Frame, top: float) -> Region:
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
class _Points:
    region: Region
    kept: tuple[str, ...]


def _normalised(points: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in points if p.strip())


def _points_region(content: HandoutContent, frame: Frame, top: float, available: float) -> _Points:
    """The largest type that holds every point; at the smallest, points shortened to fit."""
    heading = _section_heading(
        translate("Handout", "Key points") if content.points_are_takeaway
        else translate("Handout", "From the article"), frame,
    )
    below_heading = heading.height + inch(0.12)
    room = available - below_heading
    original = _normalised(content.points)
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
    return _Points(Region("points", QRectF(frame.left, top, frame.width, height), draw), kept)


def _section_heading(text: str, frame: Frame) -> TextBlock:
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


def _stats_column(stats: tuple[Stat, ...], frame: Frame, top: float, available: float) -> tuple[Region, int]:
    """As many statistic cards as fit, in the pack's order, under a heading."""
    heading = _section_heading(translate("Handout", "By the numbers"), frame)
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


def _help_box(content: HandoutContent, frame: Frame, bottom: float) -> Region:
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


def _qr_column(url: str, about_article: bool, frame: Frame, top: float, bottom: float) -> Region:
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


def _footer(content: HandoutContent, frame: Frame, bottom: float) -> Region:
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


# --- Devices ----------------------------------------------------------------------------------


def paper_size_dots(paper: str) -> tuple[float, float]:
    """The page in layout dots (300 per inch), portrait."""
    size = QPageSize(_page_size_id(paper)).size(QPageSize.Unit.Inch)
    return size.width() * LAYOUT_DPI, size.height() * LAYOUT_DPI


def _page_size_id(paper: str) -> QPageSize.PageSizeId:
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not '{paper}'") from None


def paint_handout(painter: QPainter, page_rect_px: QRectF, dpi: float, content: HandoutContent) -> None:
    """Draw the sheet on any paged device (PDF, printer, image) whose page is `page_rect_px`."""
    scale = dpi / LAYOUT_DPI
    page = (page_rect_px.width() / scale, page_rect_px.height() / scale)
    sheet = layout_handout(content, page, handout_font_family())
    painter.save()
    painter.translate(page_rect_px.topLeft())
    painter.scale(scale, scale)
    sheet.paint(painter)
    painter.restore()


def _content(pack: Pack, slug: str, printed_on: date | None) -> HandoutContent:
    return handout_content(pack, slug, printed_on=printed_on or date.today())


def _paint_pdf(writer: QPdfWriter, content: HandoutContent, paper: str) -> None:
    writer.setResolution(round(LAYOUT_DPI))
    writer.setPageLayout(QPageLayout(
        QPageSize(_page_size_id(paper)), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
    ))
    writer.setTitle(content.title)
    writer.setCreator(f"{content.clinic_name} waiting-room kiosk")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF could not be started")
    try:
        paint_handout(painter, QRectF(0, 0, writer.width(), writer.height()), LAYOUT_DPI, content)
    finally:
        painter.end()


def handout_pdf_bytes(
    pack: Pack, slug: str, *, paper: str = "letter", printed_on: date | None = None
) -> bytes:
    """The sheet for one article as a one-page PDF."""
    content = _content(pack, slug, printed_on)
    _page_size_id(paper)  # an unknown paper fails before any drawing
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    _paint_pdf(writer, content, paper)
    del writer  # finishes with the buffer before it is read
    buffer.close()
    return bytes(data.data())


def write_handout_pdf(
    pack: Pack, slug: str, path: Path, *, paper: str = "letter", printed_on: date | None = None
) -> Path:
    """Write the sheet to `path` whole or not at all; raises OSError when it cannot be written."""
    _write_whole(path, handout_pdf_bytes(pack, slug, paper=paper, printed_on=printed_on))
    return path


def _write_whole(path: Path, data: bytes) -> None:
    """A temporary file in the same folder, renamed over the target: no half-written PDF is left."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # a handout is for anyone to read, unlike mkstemp's private default
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_handout_preview(
    pack: Pack, slug: str, *, paper: str = "letter", width_px: int, printed_on: date | None = None
) -> QImage:
    """The same sheet on a white image `width_px` wide, for a preview before printing."""
    content = _content(pack, slug, printed_on)
    page_width, page_height = paper_size_dots(paper)
    dpi = width_px / page_width * LAYOUT_DPI
    image = QImage(width_px, round(width_px * page_height / page_width), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        paint_handout(painter, QRectF(0, 0, image.width(), image.height()), dpi, content)
    finally:
        painter.end()
    return image
