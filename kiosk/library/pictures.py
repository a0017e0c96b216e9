"""A pack's pictures scaled once, when the pack is compiled, to the widths the screens draw them
at: a 4,000-pixel photograph costs a screen what a 480-pixel one does.

Each picture is decoded whole here, so one damaged after its header is found now (and shown
as the placeholder the screen shows for any picture it cannot read), never half-drawn later.
SVGs stay as they are: Qt draws them at any size.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# The widths screens ask for: tiles and cards (up to ~480 px), a featured picture or an
# article's heading picture (~960), and a whole 1920-pixel screen's width, at most (1600).
WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 85
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class Variant:
    source: str  # the picture's path in the pack, e.g. media/heart.jpg
    width: int
    file: str  # the scaled file's name in the pictures folder
    bytes: int


def scale_picture(source: Path, written: str, folder: Path) -> list[Variant]:
    """Write the scaled copies of one picture into `folder`; [] when it is small enough already,
    not a raster picture, or cannot be decoded whole (that is logged)."""
    if source.suffix.lower() not in RASTER_SUFFIXES:
        return []
    from PIL import Image, ImageOps

    try:
        with Image.open(source) as opened:
            widths = [w for w in WIDTHS if w < opened.width]
            if not widths:
                opened.load()  # decoded whole all the same: damage is found here
                return []
            opened.draft("RGB", (widths[-1], opened.height * widths[-1] // opened.width))
            picture = ImageOps.exif_transpose(opened)
            picture.load()
            return [_write(picture, written, width, folder) for width in widths]
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        log.warning("the picture %s cannot be decoded whole (%s); screens show a placeholder", written, exc)
        return []


def _write(picture: object, written: str, width: int, folder: Path) -> Variant:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    height = max(1, round(picture.height * width / picture.width))
    scaled = picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    transparent = scaled.mode in ("RGBA", "LA", "PA") or "transparency" in scaled.info
    stem = hashlib.blake2b(written.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    name = f"{stem}-{width}.{'png' if transparent else 'jpg'}"
    target = folder / name
    if transparent:
        scaled.save(target, optimize=False)
    else:
        scaled.convert("RGB").save(target, quality=JPEG_QUALITY)
    return Variant(written, width, name, target.stat().st_size)


def best_variant(variants: list[tuple[int, Path]], width: int) -> Path | None:
    """The smallest scaled copy at least `width` wide (scaling down looks right, up does not)."""
    wide_enough = [path for variant_width, path in sorted(variants) if variant_width >= width]
    return wide_enough[0] if wide_enough else None
