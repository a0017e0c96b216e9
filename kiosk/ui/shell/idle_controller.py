"""Brings the kiosk back to a clean home screen when the visitor has gone.

Input anywhere restarts the idle clock; after the idle time the "Still reading?" question
counts down, then everything the visitor did is forgotten; later the attract screen shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.rules.clock import Clock
from kiosk.rules.idle import Action, IdleMachine, IdleTimings, Phase, article_idle_limit
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.visitor.still_here import StillHereOverlay

if TYPE_CHECKING:
    from kiosk.ui.visitor.attract_screen import AttractScreen

log = logging.getLogger(__name__)
TICK_MS = 250


class IdleController(QObject):
    def __init__(
        self, window: MainWindow, clock: Clock, timings: IdleTimings, *,
        words_per_minute: float = 200.0,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.words_per_minute = words_per_minute
        self.machine = IdleMachine(timings, clock.now())
        self.resets = 0
        # Other parts (staff mode, printing) close what they opened when the kiosk resets.
        self.reset_hooks: list[Callable[[], None]] = []
        # A part that needs its own timeout (the staff panel) returns it here.
        self.limit_override: Callable[[], float | None] = lambda: None
        # Screen hours keep the attract screen away while the screen sleeps.
        self.attract_allowed: Callable[[], bool] = lambda: True
        # Built when first needed (not on the way to the first paint), again after a rebuild.
        self._still_here: StillHereOverlay | None = None
        self._attract: AttractScreen | None = None
        window.pages_rebuilt.connect(self._drop_overlays)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()

    def set_timings(self, timings: IdleTimings) -> None:
        self.machine.timings = timings

    @property
    def still_here(self) -> StillHereOverlay:
        if self._still_here is None:
            self._still_here = StillHereOverlay(self.window, self.window.theme)
            self._still_here.stay_requested.connect(self.on_input)
        return self._still_here

    @property
    def attract(self) -> AttractScreen:
        if self._attract is None:
            from kiosk.ui.visitor.attract_screen import AttractScreen  # off the start-up path

            self._attract = AttractScreen(self.window, self.window.pack, self.window.theme, self.clock)
        return self._attract

    def _drop_overlays(self) -> None:
        """The window has a new theme (or pack): overlays are built again, as they were."""
        for overlay in (self._still_here, self._attract):
            if overlay is not None:
                overlay.hide()
                overlay.deleteLater()
        self._still_here = self._attract = None
        if self.machine.phase is Phase.ATTRACT:
            self.attract.start()
        elif self.machine.phase is Phase.WARNING:
            self.still_here.set_remaining(self.machine.countdown_remaining(self.clock.now()))
            self.still_here.present()

    # Input and time ----------------------------------------------------------------------

    def on_input(self) -> None:
        action = self.machine.input(self.clock.now())
        if action is Action.HIDE_WARNING:
            self.still_here.dismiss()
        elif action is Action.LEAVE_ATTRACT:
            self.attract.dismiss()
            log.info("attract screen left")

    def tick(self) -> None:
        now = self.clock.now()
        action = self.machine.tick(now, at_rest=self._at_rest(), idle_limit=self._idle_limit())
        if action is Action.SHOW_WARNING:
            self.still_here.set_remaining(self.machine.countdown_remaining(now))
            self.still_here.present()
        elif action is Action.RESET:
            self.reset()
        elif self._attract_due() and self.attract_allowed():
            # Also later, when it was due but not allowed then (the screen was asleep).
            self.attract.start()
            log.info("attract screen shown")
        if self.machine.phase is Phase.WARNING:
            self.still_here.set_remaining(self.machine.countdown_remaining(now))

    def _attract_due(self) -> bool:
        return self.machine.phase is Phase.ATTRACT and not (
            self._attract is not None and self._attract.isVisible()
        )

    def _at_rest(self) -> bool:
        return self.window.is_at_rest() and self.limit_override() is None

    def _idle_limit(self) -> float:
        override = self.limit_override()
        if override is not None:
            return override
        idle = self.machine.timings.idle_seconds
        words = self.window.visible_words()
        return article_idle_limit(idle, words, self.words_per_minute) if words else idle

    # Reset -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget the last visitor entirely."""
        self.resets += 1
        self.machine.rest(self.clock.now())
        for overlay in (self._still_here, self._attract):
            if overlay is not None:
                overlay.hide()
        for hook in self.reset_hooks:
            try:
                hook()
            except Exception:
                log.exception("a part of the kiosk could not reset; carrying on")
        self.window.reset()
        log.info("reset to the home screen")

    def recover(self) -> None:
        """After an unexpected error: start over as if the visitor had left."""
        self.reset()
