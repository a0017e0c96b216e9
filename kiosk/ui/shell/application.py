"""The application object and the window on the screen: the bundled typeface registered, touch
without double-clicks, and a window that covers the screen even with no window manager."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.ui.shell.fonts import load_bundled_fonts
from kiosk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
# The home screen is "up" once it has not been painted again for this long (its layout has
# settled), and at the latest this long after its first paint.
SETTLED_MS = 150
SETTLED_LATEST_MS = 3000


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


def when_home_is_up(window: MainWindow, then: Callable[[], object]) -> None:
    """Log and call `then` once, when the home screen is painted and settled.

    Not at its first paint: under a compositor (cage) that can show the layout before wrapped
    text has found its height, and the finished screen comes a frame or two later
    (tests/deploy/test_service.py saw it on the output when READY=1 was sent at the first paint).
    """
    quiet = QTimer(window)
    quiet.setSingleShot(True)
    quiet.setInterval(SETTLED_MS)
    latest = QTimer(window)
    latest.setSingleShot(True)
    latest.setInterval(SETTLED_LATEST_MS)
    done = False

    def up() -> None:
        nonlocal done
        if done:
            return
        done = True
        quiet.stop()
        latest.stop()
        window.home_painted.disconnect(painted)
        log.info("the home screen is up, %dx%d", window.width(), window.height())
        then()

    def painted() -> None:
        quiet.start()  # again at every paint: up once the painting has stopped
        if not latest.isActive():
            latest.start()

    quiet.timeout.connect(up)
    latest.timeout.connect(up)
    window.home_painted.connect(painted)
