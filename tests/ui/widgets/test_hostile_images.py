"""What the kiosk's screen does with hostile images: the picture, or a calm placeholder.

The images are tests/helpers/hostile_files.py's HOSTILE_IMAGES. Drawing one must never crash,
never take long, never grow the memory by more than MAX_GROWTH_MB (the 30,000 x 30,000 PNG would
need 900 MB decoded), never open a file beside the pack (inotify sees Qt's own opens) and never
connect anywhere (a local server notices Qt's connections, which no Python guard sees).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from kiosk.content.render import render_untrusted
from kiosk.ui.shell.theme import Theme
from kiosk.ui.visitor.article_body import ArticleBody
from kiosk.ui.widgets import images
from tests.conftest import REPO
from tests.helpers.hostile_files import HOSTILE_IMAGES, HostileImage, Targets, png
from tests.helpers.hostile_guards import SentinelWatch, rss_growth_mb, time_limit

SECONDS = 10
MAX_GROWTH_MB = 100
WIDTH = 400
PLACEHOLDER = images.placeholder_image(WIDTH, WIDTH * 9 // 16)
# Qt says so when it refuses the 30,000 x 30,000 PNG: the refusal is what this file wants.
ALLOCATION_REFUSED = "Rejecting image as it exceeds the current allocation limit"


@pytest.fixture(scope="module")
def listener() -> Iterator[socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory, listener: socket.socket) -> tuple[Path, Path]:
    """Built once: the 30,000 x 30,000 PNG alone takes a tenth of a second to write."""
    return media_folder(tmp_path_factory.mktemp("gallery"), listener)


def connected(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


def media_folder(folder: Path, server: socket.socket) -> tuple[Path, Path]:
    """`folder`/pack/media with every hostile image in it, and the sentinel PNG beside the pack."""
    sentinel = folder / "sentinel.png"
    sentinel.write_bytes(png(8, 8))
    targets = Targets(str(sentinel), f"http://127.0.0.1:{server.getsockname()[1]}/x.png")
    media = folder / "pack" / "media"
    media.mkdir(parents=True)
    for case in HOSTILE_IMAGES:
        (media / case.name).write_bytes(case.build(targets))
    return media, sentinel


def test_the_allocation_limit_is_the_one_the_module_sets() -> None:
    assert images.ALLOCATION_LIMIT_MB == 256
    assert QImageReader.allocationLimit() == images.ALLOCATION_LIMIT_MB


def test_importing_the_module_sets_the_allocation_limit() -> None:
    """Set on purpose, not Qt's default by luck (Qt's default has changed between versions)."""
    script = (
        "from PySide6.QtGui import QImageReader\n"
        "QImageReader.setAllocationLimit(1)\n"
        "import kiosk.ui.widgets.images\n"
        "print(QImageReader.allocationLimit())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(images.ALLOCATION_LIMIT_MB)


@pytest.mark.qt_log_ignore(ALLOCATION_REFUSED)
@pytest.mark.parametrize("case", HOSTILE_IMAGES, ids=[case.name for case in HOSTILE_IMAGES])
def test_each_hostile_image_shows_as_itself_or_as_the_placeholder(
    qapp, gallery: tuple[Path, Path], listener: socket.socket, case: HostileImage
) -> None:
    media, sentinel = gallery
    with rss_growth_mb() as growth, SentinelWatch(sentinel) as watch:
        with time_limit(SECONDS, f"drawing {case.name}"):
            image = images.scaled_image(media / case.name, WIDTH)
            tile = images.pixmap(media / case.name, WIDTH, 300)
        assert not watch.touched(), "drawing the image opened a file outside the pack"
    assert not connected(listener), "drawing the image connected to the address in it"
    assert growth.megabytes < MAX_GROWTH_MB
    assert not tile.isNull() and (tile.width(), tile.height()) == (WIDTH, 300)
    assert image.width() == WIDTH
    if case.shown:
        assert image != PLACEHOLDER
        assert image.pixelColor(10, 10).name() != "#dfe7e9", "the picture itself is drawn"
    else:
        assert image == PLACEHOLDER


@pytest.mark.qt_log_ignore(ALLOCATION_REFUSED)
def test_an_article_whose_body_shows_every_hostile_image(
    qtbot, gallery: tuple[Path, Path], listener: socket.socket
) -> None:
    """The real path: Markdown images in an article body, drawn by the article's text widget.
    Body images are not checked when a pack loads, so the widget's loader must hold."""
    images.IMAGE_CACHE.clear()  # drawn afresh, not from the test above
    media, sentinel = gallery
    body = "\n\n".join(f"![{case.name}](media/{case.name})" for case in HOSTILE_IMAGES)
    html = render_untrusted(body, media_exists=lambda path: (media.parent / path).is_file())
    assert html.count("<img") == len(HOSTILE_IMAGES)
    theme = Theme.for_screen("Sans", 1920, 1080, None)
    with rss_growth_mb() as growth, SentinelWatch(sentinel) as watch:
        with time_limit(SECONDS * 2, "showing the article"):
            widget = ArticleBody(media.parent, theme, 900)
            qtbot.addWidget(widget)
            widget.set_html(html)
            widget.show()
            widget.grab()
        assert not watch.touched()
    assert not connected(listener)
    assert growth.megabytes < MAX_GROWTH_MB
    assert widget.height() > len(HOSTILE_IMAGES) * 100  # every picture took its place
