"""Pictures of a saved web page, copied into a pack's media/ folder: only files from the folders
saved with the page, each checked, turned upright, converted to PNG or JPEG (a GIF, WebP, AVIF,
BMP or TIFF the kiosk would not show as it is), scaled down to a sensible width, and stripped of
camera data. Icons, tracking pixels and pictures that are missing are left out, with the reason.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kiosk.authoring.files import write_whole
from kiosk.content.pictures import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, looks_like_svg, svg_problem

MAX_WIDTH = 1600  # wider than any kiosk's article column, at a fraction of a photo's size
MIN_WIDTH, MIN_HEIGHT = 120, 80  # smaller: an icon, a button or a tracking pixel
MAX_SOURCE_PIXELS = 80_000_000  # a decompression bomb is refused before it is decoded
MAX_SOURCE_BYTES = 50 * 1024 * 1024
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CopiedPicture:
    relative: str  # media/NAME, as the article names it
    width: int
    height: int


class PictureLeftOut(Exception):  # noqa: N818 (a note for the author, not an error)
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def local_file(src: str, page: Path, folders: list[Path]) -> Path:
    """The saved file a picture's address names, inside the folders saved with the page."""
    parts = urlsplit(src.strip())
    if parts.scheme in ("http", "https") or parts.netloc:
        raise PictureLeftOut("it was not saved with the page (it is still on the web)")
    if parts.scheme == "data":
        raise PictureLeftOut("it is written into the page itself, not a saved file")
    if parts.scheme or not parts.path:
        raise PictureLeftOut("it is not a file saved with the page")
    path = (page.parent / unquote(parts.path)).resolve()
    if not any(path.is_relative_to(folder.resolve()) for folder in folders):
        raise PictureLeftOut("it is not in the folder saved with the page")
    if not path.is_file():
        raise PictureLeftOut("the file is missing from the saved folder")
    return path


def copy_picture(source: Path, media: Path, name: str) -> CopiedPicture:
    """Copy `source` into `media` as NAME.png, NAME.jpg or NAME.svg (a free name)."""
    size = source.stat().st_size
    if size == 0:
        raise PictureLeftOut("the file is empty")
    if size > MAX_SOURCE_BYTES:
        raise PictureLeftOut(f"the file is {size // (1024 * 1024)} MB, too large to be a picture")
    if looks_like_svg(source):
        return _copy_svg(source, media, name)
    return _convert_raster(source, media, name)


def _copy_svg(source: Path, media: Path, name: str) -> CopiedPicture:
    problem = svg_problem(source, source.name)
    if problem is not None or source.stat().st_size > MAX_IMAGE_BYTES:
        raise PictureLeftOut(problem or "the drawing is larger than 10 MB")
    target = _free_name(media, name, ".svg")
    write_whole(target, lambda path: path.write_bytes(source.read_bytes()))
    return CopiedPicture(f"media/{target.name}", 0, 0)


def _convert_raster(source: Path, media: Path, name: str) -> CopiedPicture:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # measured just below
            opened = Image.open(source)
        with opened:
            width, height = opened.size
            if width * height > MAX_SOURCE_PIXELS:
                raise PictureLeftOut(f"it is {width}x{height} pixels, too large to convert safely")
            if width < MIN_WIDTH or height < MIN_HEIGHT:
                raise PictureLeftOut(
                    f"it is {width}x{height} pixels: too small to use (an icon or a tracking pixel)"
                )
            opened.seek(0)  # an animation: its first frame
            picture = ImageOps.exif_transpose(opened.copy())
            source_format = opened.format or ""
    except Image.DecompressionBombError as exc:
        raise PictureLeftOut("it has too many pixels to convert safely") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PictureLeftOut("it is not a picture Pillow can read") from exc
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    as_png = has_alpha or source_format in ("PNG", "GIF", "BMP")
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    if picture.width > MAX_WIDTH or max(picture.size) > MAX_IMAGE_SIDE:
        scale = min(MAX_WIDTH / picture.width, MAX_IMAGE_SIDE / max(picture.size))
        picture = picture.resize(
            (max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
            Image.Resampling.LANCZOS,
        )
    target = _free_name(media, name, ".png" if as_png else ".jpg")
    if as_png:
        write_whole(target, lambda path: picture.save(path, "PNG", optimize=True))
        if target.stat().st_size > MAX_IMAGE_BYTES and not has_alpha:  # a photo kept as PNG
            target.unlink()
            target = _free_name(media, name, ".jpg")
            as_png = False
    if not as_png:
        write_whole(
            target, lambda path: picture.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)
        )
    return CopiedPicture(f"media/{target.name}", picture.width, picture.height)


def _free_name(media: Path, name: str, suffix: str) -> Path:
    candidate = media / f"{name}{suffix}"
    number = 2
    while candidate.exists():
        candidate = media / f"{name}-{number}{suffix}"
        number += 1
    return candidate
