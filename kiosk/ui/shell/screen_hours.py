"""Screen hours: outside opening hours the screen sleeps (black, and the monitor off where the
platform lets us); a touch wakes it to the home screen, and it sleeps again once left alone."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.rules.clock import Clock
from kiosk.rules.quiet_hours import QuietHours, parse_quiet_hours
from kiosk.settings.declared import Settings
from kiosk.ui.shell.idle_controller import IdleController
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.overlay import Overlay

log = logging.getLogger(__name__)
CHECK_MS = 15_000


class SleepScreen(Overlay):
    """Plain black over everything: nothing to read, nothing to burn in."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("SleepScreen")
        self.setStyleSheet("QWidget#SleepScreen { background: #000000; }")


class ScreenHours(QObject):
    def __init__(self, window: MainWindow, clock: Clock, idle: IdleController, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.idle = idle
        self.hours: QuietHours = parse_quiet_hours(settings.quiet_hours)
        self.asleep = False
        self.sleeps = 0
        self.screen = SleepScreen(window)
        window.pages_rebuilt.connect(self._follow_rebuild)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.tick)

    def apply_settings(self, settings: Settings) -> None:
        self.hours = parse_quiet_hours(settings.quiet_hours)
        self.tick()

    def start(self) -> None:
        self.timer.start()
        self.tick()

    def tick(self) -> None:
        """Sleep in quiet hours once nobody has touched the screen for the idle time."""
        quiet = self.hours.is_quiet(self.clock.local_time())
        if self.asleep and not quiet:
            self.wake()
        elif not self.asleep and quiet and self._left_alone():
            self.sleep()

    def _left_alone(self) -> bool:
        return self.idle.machine.idle_for(self.clock.now()) >= self.idle.machine.timings.idle_seconds

    def sleep(self) -> None:
        self.asleep = True
        self.sleeps += 1
        self.idle.reset()  # nothing of the last visitor behind the black
        self.screen.present()
        _display_power(on=False)
        log.info("screen hours: the screen sleeps")

    def on_input(self) -> None:
        """A touch while asleep: wake to the home screen; the touch itself taps nothing."""
        if self.asleep:
            self.wake()

    def wake(self) -> None:
        self.asleep = False
        _display_power(on=True)
        self.screen.dismiss()
        log.info("screen hours: the screen wakes")

    def _follow_rebuild(self) -> None:
        if self.asleep:
            self.screen.present()


def _display_power(*, on: bool) -> None:
    """Turn the monitor off or on with DPMS under X; elsewhere the black page is enough."""
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return
    import shutil
    import subprocess

    xset = shutil.which("xset")
    if xset is None:
        return
    try:  # fire and forget: a slow X server must not hold up the UI
        subprocess.Popen([xset, "dpms", "force", "on" if on else "off"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as error:
        log.info("could not switch the display %s: %s", "on" if on else "off", error)
