"""The composition root: builds the application, the content and the window once, and wires them."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.core.loader import load_pack
from kiosk.core.model import Pack
from kiosk.paths import bundled_content_dir
from kiosk.process_clock import seconds_since_process_start
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
DEFAULT_WINDOWED_SIZE = QSize(1280, 800)


class ContentUnavailableError(Exception):
    """Neither the requested pack nor the bundled one could be loaded."""


@dataclass
class RunOptions:
    content: Path | None = None
    windowed: bool = False
    size: QSize | None = None
    quit_after_paint: bool = False


def load_content(requested: Path | None) -> Pack:
    """The requested pack when it has no errors; otherwise the bundled pack, with the reason logged."""
    if requested is not None:
        result = load_pack(requested)
        if result.pack is not None:
            return result.pack
        log.error("the content in %s has errors and is not shown:", requested)
        for problem in result.errors:
            log.error("  %s", problem)
        log.error("showing the bundled content instead")
    result = load_pack(bundled_content_dir())
    if result.pack is None:
        details = "\n".join(f"  {p}" for p in result.errors)
        raise ContentUnavailableError(f"the bundled content has errors:\n{details}")
    return result.pack


def create_application(argv: list[str] | None = None) -> tuple[QApplication, str]:
    """The QApplication with the bundled typeface registered; returns it and the font family."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # Touch has no double-click: two quick taps on an arrow are two steps, not one gesture.
    app.styleHints().setMouseDoubleClickInterval(0)
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    family = load_bundled_fonts()
    font = app.font()
    font.setFamily(family)
    app.setFont(font)
    return app, family


def build_window(pack: Pack, family: str, size: QSize) -> MainWindow:
    return MainWindow(pack, family, size)


def run(options: RunOptions) -> int:
    app, family = create_application()
    pack = load_content(options.content)
    screen = app.primaryScreen()
    screen_size = screen.geometry().size() if screen is not None else DEFAULT_WINDOWED_SIZE
    size = options.size or (DEFAULT_WINDOWED_SIZE if options.windowed else screen_size)
    window = build_window(pack, family, size)
    if options.quit_after_paint:
        window.home_painted.connect(lambda: _report_first_paint(app))
    if options.windowed:
        window.show()
    else:
        show_full_screen(window)
    log.info("showing %s (pack %s, version %s)", pack.title, pack.id, pack.version)
    return app.exec()


def show_full_screen(window: MainWindow) -> None:
    """Cover the whole screen even with no window manager to honour a full-screen request."""
    window.setWindowFlags(
        Qt.WindowType.Window
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    screen = window.screen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


def _report_first_paint(app: QApplication) -> None:
    print(f"{seconds_since_process_start():.3f}", flush=True)
    app.quit()


def snapshot(content: Path | None, screen_name: str, size: QSize, out: Path) -> None:
    """Render one screen offscreen to a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app, family = create_application()
    pack = load_content(content)
    window = build_window(pack, family, size)
    window.show()
    window.show_screen(screen_name)
    for _ in range(3):
        app.processEvents()
    image = window.grab().toImage()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")
    window.close()
