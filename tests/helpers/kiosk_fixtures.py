"""Fixtures for the user interface: the real window and the whole kiosk on the bundled pack, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, assemble, build_window, create_application, load_content
from kiosk.packs.store import PackStore
from kiosk.rules.clock import ManualClock
from kiosk.settings.declared import Settings
from kiosk.settings.store import SettingsStore
from kiosk.ui.shell.language import SOURCE_LANGUAGE, use_ui_language
from kiosk.ui.shell.main_window import MainWindow
from tests.conftest import BUNDLED_CONTENT

SCREEN_SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(1280, 800)]


def settle_layout(qtbot) -> None:
    """Let deferred layout requests (wrapped text finding its height) run before tapping."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(5)


@pytest.fixture(autouse=True)
def kiosk_words_back_in_english() -> Iterator[None]:
    """A test that left the kiosk in Spanish must not leave the next test's widgets in it."""
    yield
    use_ui_language(SOURCE_LANGUAGE)


@pytest.fixture
def font_family(qapp) -> str:
    _app, family = create_application()
    return family


@pytest.fixture
def make_window(qtbot, font_family) -> Iterator[Callable[[QSize], MainWindow]]:
    def make(size: QSize | None = None) -> MainWindow:
        size = size or QSize(1920, 1080)
        window = build_window(load_content(BUNDLED_CONTENT), font_family, size)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        settle_layout(qtbot)
        return window

    yield make


@pytest.fixture
def settings_file(tmp_path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def usb_stick(tmp_path) -> Path:
    """A folder that stands for a mounted USB stick (tests/helpers/usb_mount.py has a real one)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    return stick


@pytest.fixture
def make_kiosk(
    qtbot, qapp, font_family, settings_file, data_dir, usb_stick
) -> Iterator[Callable[..., Kiosk]]:
    """The whole kiosk as `kiosk run` assembles it, on a hand-driven clock."""
    built: list[Kiosk] = []

    def make(
        size: QSize | None = None, *, settings: Settings | None = None, lock_down: bool = False,
        content: Path = BUNDLED_CONTENT, log_file: Path | None = None,
        damaged_settings: bool = False,
    ) -> Kiosk:
        store = SettingsStore(settings or Settings(), settings_file, damaged=damaged_settings)
        kiosk = assemble(
            qapp, load_content(content), font_family, size or QSize(1920, 1080), settings=store,
            clock=ManualClock(), content_source=content, lock_down=lock_down, log_file=log_file,
            store=PackStore(data_dir), usb_roots=[usb_stick],
        )
        built.append(kiosk)
        qtbot.addWidget(kiosk.window)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        settle_layout(qtbot)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.shut_down()


@pytest.fixture
def mounted_stick(tmp_path) -> Iterator[Path]:
    """A real volume: a small ext4 image loop-mounted under /media, where a desktop mounts a
    USB stick (root only; otherwise the test is skipped, saying why)."""
    import subprocess
    import uuid

    from tests.helpers.usb_mount import why_no_mount

    reason = why_no_mount()
    if reason is not None:
        pytest.skip(reason)
    image = tmp_path / "stick.img"
    with image.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True, capture_output=True)
    mount_point = Path("/media") / f"kiosk-test-{uuid.uuid4().hex[:8]}"
    mount_point.mkdir(parents=True)
    try:
        subprocess.run(["mount", "-o", "loop", str(image), str(mount_point)], check=True, capture_output=True)
        try:
            yield mount_point
        finally:
            subprocess.run(["umount", "-l", str(mount_point)], check=False, capture_output=True)
    finally:
        mount_point.rmdir()
