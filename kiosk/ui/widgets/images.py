"""Pack images as pixmaps at the size they are shown, with a calm placeholder when one fails."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPixmap

from kiosk.content.pictures import looks_like_svg, svg_problem
from kiosk.library.pictures import best_variant

log = logging.getLogger(__name__)
# A picture larger than this (in megabytes of decoded pixels) is refused, not decoded.
ALLOCATION_LIMIT_MB = 256
QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
# Decoded pictures kept for the next time they are shown, up to this many bytes: a budget in
# bytes, not in pictures, so large pictures at large text sizes cannot grow a kiosk that runs for
# months (a 72-hour soak grew 35 MB with a cache of 64 pictures of any size).
CACHE_BYTES = 8 * 1024 * 1024


class ImageCache:
    """The most recently shown scaled pictures, least recently shown dropped first."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self._images: OrderedDict[tuple[Path, int, int], QImage] = OrderedDict()
        self.size_bytes = 0

    def __len__(self) -> int:
        return len(self._images)

    def get(self, key: tuple[Path, int, int]) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: tuple[Path, int, int], image: QImage) -> None:
        if key in self._images:
            self.size_bytes -= self._images.pop(key).sizeInBytes()
        self._images[key] = image
        self.size_bytes += image.sizeInBytes()
        while self.size_bytes > self.budget_bytes and len(self._images) > 1:
            _key, oldest = self._images.popitem(last=False)
            self.size_bytes -= oldest.sizeInBytes()

    def clear(self) -> None:
        """Forget every picture (a new pack: the old one's pictures are not shown again)."""
        self._images.clear()
        self.size_bytes = 0


IMAGE_CACHE = ImageCache(CACHE_BYTES)
# The scaled copies of a compiled pack's pictures (kiosk/library/pictures.py): (width, file).
_variants: Callable[[Path], list[tuple[int, Path]]] | None = None


def set_picture_variants(lookup: Callable[[Path], list[tuple[int, Path]]] | None) -> None:
    """Where to find a picture's copies scaled when its pack was compiled (None: none)."""
    global _variants
    _variants = lookup


def scaled_image(path: Path, width: int, height: int = 0) -> QImage:
    """The image at `path` scaled to `width` (and cropped to `height` when given)."""
    key = (path, width, height)
    image = IMAGE_CACHE.get(key)
    if image is None:
        image = _read_scaled(path, width, height)
        IMAGE_CACHE.put(key, image)
    return image


def _read_scaled(path: Path, width: int, height: int) -> QImage:
    # A copy scaled when the pack was compiled decodes in a fraction of the time of a photograph.
    variant = best_variant(_variants(path), width) if _variants is not None else None
    if variant is not None:
        image = _read(variant, width, height)
        if not image.isNull():
            return image
        log.warning("the scaled copy %s cannot be read; reading %s itself", variant, path)
    image = _read(path, width, height)
    return image if not image.isNull() else placeholder_image(width, height or round(width * 9 / 16))


def _read(path: Path, width: int, height: int) -> QImage:
    """The picture at `path` scaled to `width` (cropped to `height`); a null image if unreadable."""
    reader = QImageReader(str(path))
    # Images in an article's body are not checked when the pack loads: an SVG could make Qt read
    # files outside the pack, or draw for minutes.
    is_svg = bytes(reader.format().data()) in (b"svg", b"svgz") or looks_like_svg(path)
    if is_svg and (problem := svg_problem(path, path.name)):
        log.warning("not showing %s: %s", path, problem)
        return QImage()
    reader.setAutoTransform(True)
    natural = reader.size()
    if natural.isValid() and natural.width() > 0:
        target_height = round(natural.height() * width / natural.width())
        reader.setScaledSize(QSize(width, target_height))
    image = reader.read()
    if image.isNull():
        log.warning("could not read the image %s: %s", path, reader.errorString())
        return image
    if height and image.height() != height:
        image = image.scaled(
            width, height, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        image = image.copy((image.width() - width) // 2, (image.height() - height) // 2, width, height)
    return image


def qt_svg_problem(path: Path, written: str) -> str | None:
    """What Qt's own SVG reader says of an SVG the pack checks passed (never give it another):
    the screen draws an empty frame for one it cannot read or that has no size."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    box = renderer.viewBoxF()
    if not renderer.isValid() or box.width() <= 0 or box.height() <= 0:
        return (
            f"the image '{written}' cannot be drawn (the kiosk's SVG reader finds no picture of "
            "any size in it); save it again from the drawing program, or as PNG"
        )
    return None


def placeholder_image(width: int, height: int) -> QImage:
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(QColor("#dfe7e9"))
    return image


def pixmap(path: Path | None, width: int, height: int = 0) -> QPixmap:
    if path is None:
        return QPixmap.fromImage(placeholder_image(width, height or round(width * 9 / 16)))
    return QPixmap.fromImage(scaled_image(path, width, height))
