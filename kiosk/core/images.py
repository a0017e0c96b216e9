"""Checking the images a pack uses: present, readable, and not too large for a kiosk."""

from __future__ import annotations

from pathlib import Path

# QtGui's image reader (no widgets, no screen) knows every format we accept, SVG included.
from PySide6.QtGui import QImageReader

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 8000
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}


def image_problem(path: Path, written: str) -> str | None:
    """A plain sentence saying what is wrong with the image at `path`, or None when it is fine."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return f"'{written}' is not a PNG, JPEG, WebP or SVG image; convert it to one of those"
    try:
        size = path.stat().st_size if path.is_file() else None
    except OSError:  # a name too long for the file system, say: no such file can exist
        size = None
    if size is None:
        return f"the image '{written}' is missing; add it to the pack or fix the file name"
    if size > MAX_IMAGE_BYTES:
        megabytes = size / (1024 * 1024)
        return f"the image '{written}' is {megabytes:.1f} MB; make it smaller than 10 MB"
    if size == 0:
        return f"the image '{written}' is an empty file; copy the image again"
    reader = QImageReader(str(path))
    if not reader.canRead():
        return f"the image '{written}' cannot be read; save it again as PNG, JPEG, WebP or SVG"
    dimensions = reader.size()
    if not dimensions.isValid():
        return f"the image '{written}' cannot be read; save it again as PNG, JPEG, WebP or SVG"
    if max(dimensions.width(), dimensions.height()) > MAX_IMAGE_SIDE:
        return (
            f"the image '{written}' is {dimensions.width()}x{dimensions.height()} pixels; "
            f"make it at most {MAX_IMAGE_SIDE} pixels on each side"
        )
    return None
