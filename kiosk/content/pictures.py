"""Checking the pictures a pack uses: present, readable, safe, and not too large for a kiosk.

Raster pictures (PNG, JPEG, WebP) are read with Pillow, SVG with Python's own XML parser: no Qt
here, so a pack is checked the same way with or without a screen. What is read is what the kiosk
would read: the format from the file's content, whatever its name says (a JPEG named .png shows
as itself), and only the formats the kiosk's Qt can draw.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from PIL.Image import Image as PILImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 8000
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
# Pillow's names for the raster formats the kiosk shows (MPO: a JPEG with extra frames, as
# some cameras write; Qt reads its first frame).
RASTER_FORMATS = {"PNG", "JPEG", "MPO", "WEBP"}
# Shapes an SVG may draw once every <use> is expanded: far beyond a real illustration (about a
# second to draw), well short of the minutes Qt spends on a "billion laughs" of nested <use>.
MAX_SVG_SHAPES = 1_000_000
# Elements Qt's SVG reader would act on that have no place in a picture from a pack: <image> reads
# other files (any path on the disk, or a data: URL decoded at full size, as often as it is
# repeated); a script never runs on the kiosk but marks the file as hostile.
REFUSED_SVG_ELEMENTS = {"image", "script", "foreignObject"}
_SNIFF_BYTES = 4096
_PILLOW_CHECK = threading.Lock()  # Pillow's own pixel limit is switched off while a size is read


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
    if looks_like_svg(path):
        return svg_problem(path, written)
    dimensions = raster_size(path)
    if dimensions is None:
        return f"the image '{written}' cannot be read; save it again as PNG, JPEG, WebP or SVG"
    width, height = dimensions
    if max(width, height) > MAX_IMAGE_SIDE:
        return (
            f"the image '{written}' is {width}x{height} pixels; "
            f"make it at most {MAX_IMAGE_SIDE} pixels on each side"
        )
    return None


@dataclass(frozen=True)
class DecodedPicture:
    """A picture decoded to its last byte, or why it cannot be: `problem` is a plain sentence
    naming the picture as written; `image` is the decoded raster (None for an SVG, which Qt
    draws from its text, or when there is a problem)."""

    problem: str | None
    image: PILImage | None = None


def decode_problem(path: Path, written: str) -> str | None:
    """Everything the kiosk checks of a picture, down to its last byte: `image_problem` (what it
    is, its size, an SVG's safety), then the whole picture decoded. None when it shows whole."""
    decoded = decode_picture(path, written)
    if decoded.image is not None:
        decoded.image.close()
    return decoded.problem


def decode_picture(path: Path, written: str, *, at_least: tuple[int, int] = (1, 1)) -> DecodedPicture:
    """Check the picture as `image_problem` does, then decode every byte of it once.

    A picture that is damaged after its header (cut off by a copy, a bad sector) passes
    `image_problem`, which reads only the header, and shows as a placeholder on screen; here it
    fails. The decoded raster is kept at no fewer pixels than `at_least` (width, height): a
    JPEG is decoded at the smallest of its built-in scales (1/2, 1/4, 1/8) that is still that
    large, which reads every byte but skips most of the work, so checking is quick and a caller
    that scales pictures (a compiled pack) asks for the size it needs and scales that. Pillow's
    guard against huge pictures stays on. Safe to call from several threads at once (Pillow
    decodes without holding Python's lock); close the image when done with it.
    """
    problem = image_problem(path, written)
    if problem is not None:
        return DecodedPicture(problem)
    if looks_like_svg(path):
        return DecodedPicture(_svg_root_problem(path, written))
    from PIL import Image, UnidentifiedImageError

    picture = None
    try:
        with _PILLOW_CHECK:  # the guard is not switched off by `raster_size` meanwhile
            picture = Image.open(path)
        picture.draft(None, at_least)  # JPEG only; other formats decode at full size
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        if picture is not None:
            picture.close()
        return DecodedPicture(
            f"the image '{written}' is damaged after its first bytes (cut off or broken) and "
            "cannot be shown whole; save or copy it again"
        )
    return DecodedPicture(None, picture)


def _svg_root_problem(path: Path, written: str) -> str | None:
    """An SVG that passed the safety checks still draws nothing unless its outer element is <svg>."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError, ValueError, LookupError):
        return f"the image '{written}' is not a valid SVG file; save it again from the drawing program"
    if _local(root.tag) != "svg":
        return (
            f"the image '{written}' is XML but not an SVG picture (its outer element is "
            f"<{_local(root.tag)[:30]}>); save it again from the drawing program"
        )
    return None


def raster_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG or WebP file's header; None when it is not one of those.

    Only the header is read: Pillow's guard against huge pictures is off for this one call, so
    that a 30,000-pixel picture is measured (and refused by the caller) rather than an error.
    """
    from PIL import Image, UnidentifiedImageError

    with _PILLOW_CHECK:
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            with Image.open(path) as picture:
                if picture.format not in RASTER_FORMATS:
                    return None
                width, height = picture.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
        finally:
            Image.MAX_IMAGE_PIXELS = saved
    return (width, height) if width > 0 and height > 0 else None


def looks_like_svg(path: Path) -> bool:
    """Whether Qt would read the file as SVG, whatever its name: its content is XML with <svg>."""
    if path.suffix.lower() in (".svg", ".svgz"):
        return True
    try:
        with path.open("rb") as stream:
            start = stream.read(_SNIFF_BYTES)
    except OSError:
        return False
    if start.startswith(b"\x1f\x8b"):  # Qt reads any gzip file as a compressed SVG
        return True
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith((b"<?xml", b"<svg", b"<!DOCTYPE svg", b"<!--")) and b"<svg" in start


def svg_problem(path: Path, written: str) -> str | None:
    """What makes `path` unsafe to hand to Qt's SVG reader, or None.

    Checked in Python before Qt parses anything: Qt's SVG reader follows an <image> to any file
    on the disk and expands every <use>, however deeply nested.
    """
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_IMAGE_BYTES else b""
    except OSError:
        data = b""
    if data.startswith(b"\x1f\x8b"):
        return f"the image '{written}' is a compressed SVG (.svgz); save it as a plain SVG"
    from xml.etree import ElementTree  # here: only a pack being checked reads SVG

    try:  # expat expands no external entity and stops a "billion laughs" of internal ones
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError, LookupError):
        return f"the image '{written}' is not a valid SVG file; save it again from the drawing program"
    return _svg_content_problem(root, written)


def _svg_content_problem(root: Element, written: str) -> str | None:
    for element in root.iter():
        if _local(element.tag) in REFUSED_SVG_ELEMENTS:
            return (
                f"the SVG image '{written}' contains <{_local(element.tag)}>, which the kiosk "
                "does not allow; remove it, or save the picture as PNG"
            )
        for link in _links(element):
            if not link.startswith("#"):
                return (
                    f"the SVG image '{written}' links to '{link[:60]}' outside itself; remove "
                    "the link, or save the picture as PNG"
                )
    shapes = _drawn_shapes(root)
    if shapes is None:
        return f"the SVG image '{written}' has a <use> that contains itself; remove the loop"
    if shapes > MAX_SVG_SHAPES:
        return (
            f"the SVG image '{written}' draws more than {MAX_SVG_SHAPES:,} shapes (each <use> "
            "counts all it repeats); simplify it, or save the picture as PNG"
        )
    return None


def _local(name: str) -> str:
    """A tag or attribute name without its {namespace}."""
    return name.rpartition("}")[2]


def _links(element: Element) -> list[str]:
    """The element's href and xlink:href (in any namespace): Qt reads either."""
    return [value.strip() for name, value in element.attrib.items() if _local(name) == "href"]


def _drawn_shapes(root: Element) -> int | None:
    """How many elements Qt draws with every <use> expanded (capped), or None for a <use> loop.

    Iterative, not recursive: a document may nest thousands of elements deep.
    """
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    done: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Element, bool]] = [(root, False)]
    while stack:
        element, children_done = stack.pop()
        parts = [*element, *_used(element, ids)]
        if children_done:
            on_path.discard(id(element))
            done[id(element)] = min(MAX_SVG_SHAPES + 1, 1 + sum(done[id(p)] for p in parts))
        elif id(element) in on_path:
            return None
        elif id(element) not in done:
            on_path.add(id(element))
            stack.append((element, True))
            stack.extend((part, False) for part in parts if id(part) not in done)
    return done[id(root)]


def _used(element: Element, ids: dict[str | None, Element]) -> list[Element]:
    """The elements a <use> draws again (none for any other element, or a missing target)."""
    if _local(element.tag) != "use":
        return []
    targets = (ids.get(link.removeprefix("#")) for link in _links(element))
    return [target for target in targets if target is not None]
