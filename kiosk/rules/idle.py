"""When the kiosk asks "Still reading?", resets, and shows the attract screen.

A pure state machine driven by a clock: the UI reports input and ticks it, and acts on what it
returns. Keeping it free of Qt lets every timing rule be tested without waiting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum


class Phase(Enum):
    ACTIVE = "active"  # someone touched the screen recently
    WARNING = "warning"  # the "Still reading?" countdown is showing
    RESTING = "resting"  # reset to a clean home screen, nobody there
    ATTRACT = "attract"  # the attract screen is showing


class Action(Enum):
    SHOW_WARNING = "show warning"
    HIDE_WARNING = "hide warning"
    RESET = "reset"
    SHOW_ATTRACT = "show attract"
    LEAVE_ATTRACT = "leave attract"


@dataclass(frozen=True)
class IdleTimings:
    idle_seconds: float = 90.0
    countdown_seconds: float = 15.0
    attract_seconds: float = 300.0


def reading_seconds(words: int, words_per_minute: float = 200.0) -> float:
    """How long a slow reader needs for `words` words."""
    if words <= 0:
        return 0.0
    return math.ceil(words * 60.0 / words_per_minute)


def article_idle_limit(idle_seconds: float, visible_words: int, words_per_minute: float) -> float:
    """On an article, never less than the time a slow reader needs for what is on screen."""
    return max(idle_seconds, reading_seconds(visible_words, words_per_minute))


class IdleMachine:
    def __init__(self, timings: IdleTimings, now: float) -> None:
        self.timings = timings
        self.phase = Phase.ACTIVE
        self._last_input = now
        self._warning_since = now
        self._resting_since = now

    def input(self, now: float) -> Action | None:
        """Someone touched the screen: the idle clock starts again."""
        previous = self.phase
        self.phase = Phase.ACTIVE
        self._last_input = now
        if previous is Phase.WARNING:
            return Action.HIDE_WARNING
        if previous is Phase.ATTRACT:
            return Action.LEAVE_ATTRACT
        return None

    def tick(self, now: float, *, at_rest: bool, idle_limit: float | None = None) -> Action | None:
        """Advance to `now`. `at_rest`: the screen already shows a clean home screen.

        `idle_limit` replaces the idle time (for a slow reader or the staff panel).
        """
        if self.phase is Phase.ACTIVE:
            limit = self.timings.idle_seconds if idle_limit is None else idle_limit
            if now - self._last_input < limit:
                return None
            if at_rest:  # nothing to protect: no question, just make sure all is clean
                return self.rest(now)
            self.phase = Phase.WARNING
            self._warning_since = now
            return Action.SHOW_WARNING
        if self.phase is Phase.WARNING:
            return self.rest(now) if self.countdown_remaining(now) <= 0 else None
        if self.phase is Phase.RESTING and now - self._resting_since >= self.timings.attract_seconds:
            self.phase = Phase.ATTRACT
            return Action.SHOW_ATTRACT
        return None

    def countdown_remaining(self, now: float) -> float:
        """Seconds left on the "Still reading?" countdown (its full length outside the warning)."""
        if self.phase is not Phase.WARNING:
            return self.timings.countdown_seconds
        return max(0.0, self.timings.countdown_seconds - (now - self._warning_since))

    def idle_for(self, now: float) -> float:
        return now - self._last_input

    def rest(self, now: float) -> Action:
        """The kiosk was reset: a clean home screen, counting towards the attract screen."""
        self.phase = Phase.RESTING
        self._resting_since = now
        return Action.RESET


class CornerTaps:
    """The hidden staff gesture: `count` taps within `within` seconds."""

    def __init__(self, count: int = 5, within: float = 3.0) -> None:
        self.count = count
        self.within = within
        self._times: list[float] = []

    def tap(self, now: float) -> bool:
        """Record a tap in the corner; True when it completes the gesture."""
        self._times = [t for t in self._times if now - t < self.within]
        self._times.append(now)
        if len(self._times) >= self.count:
            self._times.clear()
            return True
        return False

    def forget(self) -> None:
        self._times.clear()
