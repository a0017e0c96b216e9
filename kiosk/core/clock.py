"""Time for the kiosk's timers, from a clock that tests and benchmarks can drive by hand."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences mean anything."""
        ...


class MonotonicClock:
    """The real clock: never jumps when the wall clock is changed."""

    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to, so tests never wait for the real 90 seconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds
