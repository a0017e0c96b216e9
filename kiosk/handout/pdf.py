"""The sheet on a device: a one-page PDF (for the printer and for staff), or a preview image of any
width. The painter is scaled to its device, never the layout.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from kiosk.content.model import Pack
from kiosk.handout.layout import PAPER_SIZES, layout_handout
from kiosk.handout.sheet import (
    HandoutContent,
    handout_content,
)
from kiosk.handout.text import LAYOUT_DPI, handout_font_family


def paper_size_dots(paper: str) -> tuple[float, float]:
    """The page in layout dots (300 per inch), portrait."""
    size = QPageSize(page_size_id(paper)).size(QPageSize.Unit.Inch)
    return size.width() * LAYOUT_DPI, size.height() * LAYOUT_DPI


def page_size_id(paper: str) -> QPageSize.PageSizeId:
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
        QPageSize(page_size_id(paper)), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
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
    page_size_id(paper)  # an unknown paper fails before any drawing
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
