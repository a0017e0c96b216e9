"""Checking the images a pack uses: present, readable, and not too large for a kiosk."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

# QtGui's image reader (no widgets, no screen) knows every format we accept, SVG included.
from PySide6.QtGui import QImageReader

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_SIDE = 8000
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}
# Shapes an SVG may draw once every <use> is expanded: far beyond a real illustration (about a
# second to draw), well short of the minutes Qt spends on a "billion laughs" of nested <use>.
MAX_SVG_SHAPES = 1_000_000
# Elements Qt's SVG reader would act on that have no place in a picture from a pack: <image> reads
# other files (any path on the disk, or a data: URL decoded at full size, as often as it is
# repeated); a script never runs on the kiosk but marks the file as hostile.
REFUSED_SVG_ELEMENTS = {"image", "script", "foreignObject"}


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
    if problem := svg_problem(reader, path, written):
        return problem
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


def svg_problem(reader: QImageReader, path: Path, written: str) -> str | None:
    """What makes `path` unsafe to hand to Qt, when Qt would read it as SVG (whatever its name).

    Checked in Python before Qt parses anything: Qt's SVG reader follows an <image> to any file
    on the disk and expands every <use>, however deeply nested.
    """
    if bytes(reader.format().data()) not in (b"svg", b"svgz"):  # sniffed from the content too
        return None
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_IMAGE_BYTES else b""
    except OSError:
        data = b""
    if data.startswith(b"\x1f\x8b"):
        return f"the image '{written}' is a compressed SVG (.svgz); save it as a plain SVG"
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
