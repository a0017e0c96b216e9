"""Whether the kiosk is at rest: nobody is using it, so it may change under no one's eyes (an
unattended content update installs and shows only then).

At rest means: the clean home screen (or the attract screen over it, or the screen asleep), no
card or overlay over it, no staff panel or PIN pad, and no touch since the last idle reset. A
screen that is not the home screen (an article today; topic pages, A-Z and search later) is
never at rest. More conditions can be added to `conditions`: all must hold.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.rules.idle import Phase
from kiosk.ui.shell.idle_controller import IdleController
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.overlay import Overlay


class RestCheck:
    def __init__(self, window: MainWindow, idle: IdleController) -> None:
        self.window = window
        self.idle = idle
        # Overlays that show while nobody is there: the attract screen (the idle controller
        # builds it when first needed, so it is asked for each time), the sleeping screen.
        self.quiet_overlays: list[Callable[[], QWidget | None]] = [lambda: idle._attract]
        self.conditions: list[Callable[[], bool]] = [
            lambda: idle.machine.phase in (Phase.RESTING, Phase.ATTRACT),
            window.is_at_rest,
            self.no_overlay,
        ]

    def __call__(self) -> bool:
        return all(condition() for condition in self.conditions)

    def no_overlay(self) -> bool:
        quiet = [widget() for widget in self.quiet_overlays]
        return not any(
            overlay.isVisible() and overlay not in quiet
            for overlay in self.window.findChildren(Overlay)
        )
