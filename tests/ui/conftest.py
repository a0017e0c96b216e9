"""Fixtures for the user interface: the real window on the bundled pack, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize

from kiosk.app import build_window, create_application, load_content
from kiosk.ui.main_window import MainWindow
from tests.conftest import BUNDLED_CONTENT

SCREEN_SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(1280, 800)]


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
        return window

    yield make
