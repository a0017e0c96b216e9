"""How many handouts may be printed: a few per visitor, and a cap per hour for everyone,
so that one visitor cannot empty the paper tray."""

from __future__ import annotations

from collections import deque

from kiosk.content.translatable import QT_TRANSLATE_NOOP
from kiosk.rules.clock import Clock

HOUR = 3600.0
# In English; the kiosk shows them translated (context "PrintLimits").
PRINTING_OFF = QT_TRANSLATE_NOOP(
    "PrintLimits", "Printing is turned off on this kiosk. Please ask at the front desk for a copy."
)
VISITOR_LIMIT = QT_TRANSLATE_NOOP(
    "PrintLimits",
    "You have printed as many handouts as one visit allows. Please ask at the front desk if you "
    "need more.",
)
HOURLY_LIMIT = QT_TRANSLATE_NOOP(
    "PrintLimits",
    "This kiosk has printed its handouts for this hour. Please try again later, or ask at the "
    "front desk.",
)


class PrintAllowance:
    """Counts handouts per visitor (until the idle reset) and in a sliding hour."""

    def __init__(self, clock: Clock, *, per_visitor: int, per_hour: int) -> None:
        self.clock = clock
        self.per_visitor = per_visitor
        self.per_hour = per_hour
        self.this_visitor = 0
        self._printed_at: deque[float] = deque()

    def refusal(self) -> str | None:
        """Why another handout may not be printed now, in the visitor's words; None if it may."""
        if self.per_visitor == 0 or self.per_hour == 0:
            return PRINTING_OFF
        if self.this_visitor >= self.per_visitor:
            return VISITOR_LIMIT
        if self.printed_this_hour() >= self.per_hour:
            return HOURLY_LIMIT
        return None

    def record(self) -> None:
        """A handout was sent to the printer."""
        self.this_visitor += 1
        self._printed_at.append(self.clock.now())

    def new_visitor(self) -> None:
        """The kiosk was reset: the next person starts with a full allowance."""
        self.this_visitor = 0

    def printed_this_hour(self) -> int:
        cutoff = self.clock.now() - HOUR
        while self._printed_at and self._printed_at[0] <= cutoff:
            self._printed_at.popleft()
        return len(self._printed_at)
