"""Pack images as pixmaps at the size they are shown, with a calm placeholder when one fails."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPixmap

from kiosk.core.images import svg_problem

log = logging.getLogger(__name__)
# A picture larger than this (in megabytes of decoded pixels) is refused, not decoded.
ALLOCATION_LIMIT_MB = 256
QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


@lru_cache(maxsize=64)
def scaled_image(path: Path, width: int, height: int = 0) -> QImage:
    """The image at `path` scaled to `width` (and cropped to `height` when given)."""
    reader = QImageReader(str(path))
    # Images in an article's body are not checked when the pack loads: an SVG could make Qt read
    # files outside the pack, or draw for minutes.
    if problem := svg_problem(reader, path, path.name):
        log.warning("not showing %s: %s", path, problem)
        return placeholder_image(width, height or round(width * 9 / 16))
    reader.setAutoTransform(True)
    natural = reader.size()
    if natural.isValid() and natural.width() > 0:
        target_height = round(natural.height() * width / natural.width())
        reader.setScaledSize(QSize(width, target_height))
    image = reader.read()
    if image.isNull():
        log.warning("could not read the image %s: %s", path, reader.errorString())
        return placeholder_image(width, height or round(width * 9 / 16))
    if height and image.height() != height:
        image = image.scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        image = image.copy((image.width() - width) // 2, (image.height() - height) // 2, width, height)
    return image


def placeholder_image(width: int, height: int) -> QImage:
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(QColor("#dfe7e9"))
    return image


def pixmap(path: Path | None, width: int, height: int = 0) -> QPixmap:
    if path is None:
        return QPixmap.fromImage(placeholder_image(width, height or round(width * 9 / 16)))
    return QPixmap.fromImage(scaled_image(path, width, height))
