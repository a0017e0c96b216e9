"""The application object and the window on the screen: the bundled typeface registered, touch
without double-clicks, and a window that covers the screen even with no window manager."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.ui.shell.fonts import load_bundled_fonts
from kiosk.ui.shell.main_window import MainWindow


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
