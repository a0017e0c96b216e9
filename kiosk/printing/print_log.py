"""The last jobs this kiosk printed, for the staff panel: when, to which printer, and how it went."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PrintLogEntry:
    time: datetime
    printer: str
    job_id: str  # "" when the job never reached a queue
    outcome: str  # PrintLog.PRINTED or PrintLog.FAILED
    reason: str  # the staff reason of a failure; "" when printed


class PrintLog:
    """The last print jobs and their outcomes, in memory, for the staff panel."""

    PRINTED = "printed"
    FAILED = "failed"

    def __init__(self, limit: int = 20) -> None:
        self._entries: deque[PrintLogEntry] = deque(maxlen=limit)

    def record(
        self, printer: str, job_id: str, outcome: str, reason: str = "", *, when: datetime | None = None,
    ) -> PrintLogEntry:
        entry = PrintLogEntry(when or datetime.now(), printer, job_id, outcome, reason)
        self._entries.append(entry)
        return entry

    def entries(self) -> list[PrintLogEntry]:
        """Newest first."""
        return list(reversed(self._entries))
