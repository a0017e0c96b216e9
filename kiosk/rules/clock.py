"""Time for the kiosk's timers, from a clock that tests and benchmarks can drive by hand."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences mean anything."""
        ...

    def local_time(self) -> datetime:
        """The wall-clock time here (for screen hours), naive local time."""
        ...


class MonotonicClock:
    """The real clock: never jumps when the wall clock is changed."""

    def now(self) -> float:
        return time.monotonic()

    def local_time(self) -> datetime:
        return datetime.now()


class ManualClock:
    """A clock that moves only when told to, so tests never wait for the real 90 seconds."""

    def __init__(self, start: float = 1000.0, wall: datetime | None = None) -> None:
        self._start = start
        self._now = start
        # A Friday afternoon unless told otherwise: open hours on a weekday.
        self._wall = wall or datetime(2026, 11, 27, 14, 0)

    def now(self) -> float:
        return self._now

    def local_time(self) -> datetime:
        return self._wall + timedelta(seconds=self._now - self._start)

    def set_local_time(self, moment: datetime) -> None:
        """Set the wall clock (for screen hours) without moving the monotonic one."""
        self._wall = moment - timedelta(seconds=self._now - self._start)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds
