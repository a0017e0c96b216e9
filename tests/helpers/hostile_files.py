"""Hostile file contents, built in memory: YAML that explodes, images that lie or are bombs.

Shared by tests/content/test_hostile_packs_properties.py and the hostile image tests. Images are
built byte by byte with struct and zlib (no Qt), so a 30,000 x 30,000 PNG costs under 1 MB on
disk and is never held decoded in the test's memory.
"""

from __future__ import annotations

import base64
import gzip
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MB = 1024 * 1024


# --- YAML ------------------------------------------------------------------------------------


def yaml_laughs(key: str, levels: int = 9, as_mapping: bool = False) -> str:
    """A "billion laughs": `levels` anchors of ten aliases each (10**9 leaves), used at `key`.

    Nothing expands aliases while parsing; anything that walks the value (repr, str, ==)
    would visit every leaf.
    """
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        alias = f"*lol{level - 1}"
        if as_mapping:
            items = ", ".join(f"k{index}: {alias}" for index in range(10))
            lines.append(f"lol{level}: &lol{level} {{{items}}}")
        else:
            lines.append(f"lol{level}: &lol{level} [{', '.join([alias] * 10)}]")
    lines.append(f"{key}: *lol{levels}")
    return "\n".join(lines)


def yaml_deep_flow(key: str, depth: int, mapping: bool = False) -> str:
    """`key: [[[...]]]` (or `{a: {a: ...}}`) nested `depth` deep."""
    if mapping:
        return f"{key}: " + "{a: " * depth + "x" + "}" * depth
    return f"{key}: " + "[" * depth + "]" * depth


def yaml_deep_block(key: str, depth: int) -> str:
    """`key:` followed by `depth` indented block mappings."""
    return f"{key}:\n" + "\n".join("  " * level + "a:" for level in range(1, depth + 1)) + " x"


# The value of one field, each a way YAML's tags can go wrong or try to run code.
YAML_TAGGED_VALUES = (
    '!!python/object/apply:builtins.print ["pwned"]',
    "!!python/name:os.system",
    "!!python/object:builtins.object {}",
    "!custom {a: 1}",
    "!<tag:evil.example,2026:x> y",
    "!!binary Zm9v",
    "!!binary é",
    "!!timestamp 2026-13-45",
    "!!timestamp x",
    "!!int 0x" + "f" * 5000,
    "!!int ''",
    "!!float nope",
    "!!bool maybe",
    "!!set {a, b}",
    "!!omap [a: 1, b: 2]",
    "!!pairs [a: 1]",
    "!!null x",
    "!!merge x",
    "!!value =",
    "!!str [1]",
    "1" + ":59" * 20_000,  # a YAML 1.1 base-60 integer: slow to build
    "9" * 5000,  # more digits than Python will print
    "2026-02-30",  # a date that does not exist
    "&r [*r]",  # a list that contains itself
    "&m {a: *m}",
    "*undefined",
)


# --- images ----------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, pixel_rows: bytes | None = None) -> bytes:
    """A greyscale PNG. Its pixels are all black unless `pixel_rows` (filter bytes included)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = pixel_rows if pixel_rows is not None else bytes((width + 1) * height)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9)) + (
        _chunk(b"IEND", b"")
    )


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header says `width` x `height` of zeros, under 1 MB: zeros deflate a thousand
    to one. Never held whole: one 16 MB piece is compressed, with a full flush so the compressor
    starts afresh, and its output repeated; the checksum of n zeros is simply (n << 16) | 1."""
    total = (width + 1) * height  # every row starts with its filter byte, 0
    piece = 16 * MB
    repeats, rest = divmod(total, piece)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and sum added below
    block = compressor.compress(bytes(piece)) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(bytes(piece)) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    tail = compressor.compress(bytes(rest)) + compressor.flush()
    checksum = struct.pack(">I", ((total % 65521) << 16) | 1)  # Adler-32 of `total` zero bytes
    data = b"\x78\xda" + block * repeats + tail + checksum
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def svg(body: str, *, prolog: str = "", width: int = 100, height: int = 100) -> str:
    return (
        f"{prolog}<svg xmlns='http://www.w3.org/2000/svg' "
        f"xmlns:xlink='http://www.w3.org/1999/xlink' width='{width}' height='{height}'>"
        f"<rect width='50' height='50' fill='#336699'/>{body}</svg>"
    )


def svg_linking(*targets: str) -> str:
    """An SVG whose <image> elements point at `targets` (files, file:// and http:// URLs)."""
    return svg("".join(
        f"<image xlink:href='{target}' width='10' height='10'/><image href='{target}' "
        "width='10' height='10'/>" for target in targets
    ))


def svg_laughs(levels: int = 9) -> str:
    """XML's own "billion laughs": entities of ten entities each, expanded in a <text>."""
    entities = "<!ENTITY lol0 'lol'>" + "".join(
        f"<!ENTITY lol{level} '{f'&lol{level - 1};' * 10}'>" for level in range(1, levels + 1)
    )
    return svg(f"<text>&lol{levels};</text>", prolog=f"<?xml version='1.0'?><!DOCTYPE svg [{entities}]>")


def svg_external_entity(target: str) -> str:
    """An XML external entity (XXE) naming `target`, used in a <text>."""
    prolog = f"<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY ext SYSTEM '{target}'>]>"
    return svg("<text>&ext;</text>", prolog=prolog)


def svg_use_bomb(levels: int = 8) -> str:
    """Groups of ten <use> of the group before: one rectangle drawn 10**levels times."""
    groups = "".join(
        f"<g id='g{level}'>" + f"<use xlink:href='#g{level - 1}'/>" * 10 + "</g>"
        for level in range(1, levels + 1)
    )
    return svg(f"<defs><rect id='g0' width='1' height='1'/>{groups}</defs><use xlink:href='#g{levels}'/>")


def svg_use_loop() -> str:
    return svg("<g id='a'><use xlink:href='#a'/></g>")


def svg_with_script() -> str:
    return svg("<script>fetch('http://127.0.0.1:9/')</script><circle r='5' onload='alert(1)'/>")


def svg_with_data_images(count: int, side: int = 5000) -> str:
    """`count` <image> elements, each a data: URL of a `side` x `side` PNG (small: all black)."""
    data = base64.b64encode(png(side, side)).decode("ascii")
    return svg(f"<image xlink:href='data:image/png;base64,{data}' width='10' height='10'/>" * count)


def noisy_png(width: int = 64, height: int = 48) -> bytes:
    """A PNG whose pixels vary, so its compressed data is long enough to cut in the middle."""
    rows = b"".join(
        b"\x00" + bytes((x * 31 + y * 17 + x * y) % 256 for x in range(width)) for y in range(height)
    )
    return png(width, height, rows)


def jpeg(width: int = 64, height: int = 48) -> bytes:
    """A real JPEG, made by Qt (no application object is needed to encode one)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc3366"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(data.data())


@dataclass(frozen=True)
class Targets:
    """What an image's external references point at: a sentinel file beside the pack, and the
    address of a local server that notices any connection."""

    sentinel: str
    url: str


@dataclass(frozen=True)
class HostileImage:
    """A file for media/, what `decode_problem` says of it, and what the kiosk shows for it."""

    name: str
    build: Callable[[Targets], bytes]
    refused: tuple[str, ...]  # words of the refusal; () when the check accepts the file
    shown: bool  # the UI draws the picture itself (True) or the placeholder (False)


def _text(make: Callable[[Targets], str]) -> Callable[[Targets], bytes]:
    return lambda targets: make(targets).encode("utf-8")


def _links_elsewhere(targets: Targets) -> str:
    return svg(
        f"<use xlink:href='file://{targets.sentinel}#x'/>"
        f"<a xlink:href='{targets.url}'><rect width='5' height='5'/></a>"
    )


HOSTILE_IMAGES = (
    # Its header is whole: loading passes it, but the full check decodes it to the end and
    # refuses it (the kiosk would show the placeholder in its place).
    HostileImage("truncated.png", lambda _t: noisy_png()[: len(noisy_png()) * 6 // 10],
                 ("damaged", "cannot be shown whole"), False),
    HostileImage("header-only.png", lambda _t: png(64, 48)[:40], ("cannot be read",), False),
    # Qt reads what the file holds, whatever its name says: a JPEG named .png shows as itself.
    HostileImage("jpeg.png", lambda _t: jpeg(), (), True),
    HostileImage("bomb.png", lambda _t: png_bomb(), ("30000x30000 pixels", "at most 8000"), False),
    HostileImage("zero.png", lambda _t: b"", ("empty file",), False),
    HostileImage("external.svg", _text(lambda t: svg_linking(
        "file:///etc/passwd", f"file://{t.sentinel}", t.sentinel, "../../sentinel.png", t.url,
    )), ("contains <image>",), False),
    HostileImage("links-elsewhere.svg", _text(_links_elsewhere), ("links to",), False),
    HostileImage("two-links.svg", _text(lambda t: svg(  # a harmless href hiding a harmful one
        f"<rect id='a' width='1' height='1'/><use href='#a' xlink:href='file://{t.sentinel}#x'/>"
    )), ("links to",), False),
    HostileImage("laughs.svg", _text(lambda _t: svg_laughs()), ("not a valid SVG",), False),
    HostileImage("xxe.svg", _text(lambda t: svg_external_entity(f"file://{t.sentinel}")),
                 ("not a valid SVG",), False),
    HostileImage("script.svg", _text(lambda _t: svg_with_script()), ("contains <script>",), False),
    HostileImage("use-bomb.svg", _text(lambda _t: svg_use_bomb(9)),
                 ("more than 1,000,000 shapes",), False),
    HostileImage("use-loop.svg", _text(lambda _t: svg_use_loop()), ("contains itself",), False),
    HostileImage("data-images.svg", _text(lambda _t: svg_with_data_images(6)),
                 ("contains <image>",), False),
    HostileImage("compressed.svg", lambda t: gzip.compress(svg_linking(t.sentinel).encode()),
                 ("compressed SVG",), False),
    HostileImage("svg-named.png", _text(lambda t: svg_linking(t.sentinel)), ("contains <image>",), False),
    HostileImage("plain.svg", _text(lambda _t: svg("")), (), True),  # the control: a sound SVG
)
