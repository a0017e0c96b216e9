"""Hostile images in a pack's media/: refused with a plain sentence, or harmless when accepted.

A cut-off PNG, a JPEG named .png, a 30,000 x 30,000 PNG of zeros (under 1 MB on disk), SVGs
that reach for other files and the network, XML entity bombs, scripts, <use> bombs, an empty
file: tests/helpers/hostile_files.py builds them. For each, `decode_problem` and `kiosk validate` on
a pack whose article shows it must answer in bounded time and memory, and never open a file
beside the pack (inotify sees Qt's opens) or connect anywhere. What the kiosk's screen shows
for each is in tests/ui/widgets/test_hostile_images.py.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.pictures import decode_problem, image_problem
from tests.conftest import BUNDLED_CONTENT
from tests.helpers.hostile_files import HOSTILE_IMAGES, HostileImage, Targets, png
from tests.helpers.hostile_guards import (
    SentinelWatch,
    audited,
    rss_growth_mb,
    time_limit,
    validate_in_process,
)
from tests.helpers.packs import article, assert_plain_sentence, default_articles, write_pack

SECONDS = 10
MAX_GROWTH_MB = 100
IMAGE_LINE = 6  # `image:` in article(extra=...): after the fence, title, summary and related


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local server the hostile images link to: any connection to it is a fetch."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


def connected(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


def pack_showing(folder: Path, case: HostileImage, server: socket.socket) -> tuple[Path, Path]:
    """A pack whose first article's image is `case`, and the sentinel PNG beside it."""
    sentinel = folder / "sentinel.png"
    sentinel.write_bytes(png(8, 8))
    targets = Targets(str(sentinel), f"http://127.0.0.1:{server.getsockname()[1]}/x.png")
    first = article(extra=f"image: media/{case.name}\nimage_alt: A picture\n")
    root = write_pack(folder / "pack", articles={**default_articles(), "first": first})
    (root / "media" / case.name).write_bytes(case.build(targets))
    return root, sentinel


CASES = pytest.mark.parametrize("case", HOSTILE_IMAGES, ids=[case.name for case in HOSTILE_IMAGES])


@CASES
def test_decode_problem_refuses_plainly_or_accepts(
    tmp_path: Path, listener: socket.socket, case: HostileImage
) -> None:
    root, sentinel = pack_showing(tmp_path, case, listener)
    written = f"media/{case.name}"
    with rss_growth_mb() as growth, SentinelWatch(sentinel) as watch, audited() as audit:
        with time_limit(SECONDS, f"checking {written}"):
            problem = decode_problem(root / written, written)
        assert not watch.touched(), "the check opened a file outside the pack"
    assert not connected(listener), "the check connected to the address in the image"
    assert audit.outside(root) == [] and audit.connections == []
    assert growth.megabytes < MAX_GROWTH_MB
    if case.refused:
        assert problem is not None, f"{written} was accepted"
        assert_plain_sentence(problem)
        assert written in problem and all(word in problem for word in case.refused), problem
    else:
        assert problem is None


@CASES
def test_kiosk_validate_reports_the_image_at_its_line(
    tmp_path: Path, listener: socket.socket, case: HostileImage
) -> None:
    root, sentinel = pack_showing(tmp_path, case, listener)
    with rss_growth_mb() as growth, SentinelWatch(sentinel) as watch:
        with time_limit(SECONDS, f"validating a pack showing {case.name}"):
            code, out, _err = validate_in_process(root)
        assert not watch.touched(), "validating opened a file outside the pack"
    assert not connected(listener)
    assert growth.megabytes < MAX_GROWTH_MB
    if case.refused:
        assert code == 1, out
        [line] = [line for line in out.splitlines() if case.name in line]
        assert line.startswith(f"articles/first.md:{IMAGE_LINE}: "), line
        assert all(word in line for word in case.refused), line
    else:
        assert code == 0, out


def test_the_sound_svgs_of_the_bundled_pack_are_still_accepted() -> None:
    """The SVG checks refuse what is dangerous, not SVG: the kiosk's own pictures pass."""
    svgs = sorted((BUNDLED_CONTENT / "media").glob("*.svg"))
    assert svgs
    for path in svgs:
        assert image_problem(path, path.name) is None, path.name


def test_the_listener_notices_a_connection(listener: socket.socket) -> None:
    """The check above can fail: a connection made from C, as Qt would make one, is seen.

    tests/helpers/network_guard.py patches Python's socket class, which Qt's C++ never goes through;
    this raw socket from `_socket` does not either, which is the point of the listener.
    """
    import _socket

    raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        raw.connect(listener.getsockname())
        with time_limit(5, "waiting for the connection"):
            while not connected(listener):
                pass
    finally:
        raw.close()


@CASES
def test_a_hostile_picture_in_the_text_is_reported_at_its_line(
    tmp_path: Path, listener: socket.socket, case: HostileImage
) -> None:
    """In the article's text rather than its `image:` field: the screen shows an empty frame,
    and `kiosk validate` says which picture and where, as a warning."""
    sentinel = tmp_path / "sentinel.png"
    sentinel.write_bytes(png(8, 8))
    targets = Targets(str(sentinel), f"http://127.0.0.1:{listener.getsockname()[1]}/x.png")
    body = f"A first paragraph.\n\n![A picture](media/{case.name})\n"
    root = write_pack(tmp_path / "pack", articles={**default_articles(), "first": article(body=body)})
    (root / "media" / case.name).write_bytes(case.build(targets))
    with SentinelWatch(sentinel) as watch:
        with time_limit(SECONDS, f"validating {case.name}"):
            code, out, _err = validate_in_process(root)
        assert not watch.touched(), "validating opened a file outside the pack"
    assert not connected(listener)
    assert code == 0, out  # a warning: the article still shows
    reported = [line for line in out.splitlines() if f"media/{case.name}" in line]
    if case.refused:
        [line] = reported
        assert line.startswith("articles/first.md:") and "warning" in line, line
        assert "empty frame" in line and all(word in line for word in case.refused), line
        text = root / "articles" / "first.md"
        line_number = int(line.split(":")[1])
        assert f"media/{case.name}" in text.read_text(encoding="utf-8").splitlines()[line_number - 1]
    else:
        assert reported == []
