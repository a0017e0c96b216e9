"""Screen hours: when the kiosk's screen sleeps (evenings, nights, days the clinic is closed).

Written in the settings as a list of plain entries, one per rule:

    quiet_hours = ["mon-fri 20:00-07:00", "sat 13:00-07:00", "sun"]

An entry is days (`mon`, `mon-fri`, `sat,sun`, `daily`) and an optional time range; without a
range the whole day is quiet. A range that passes midnight belongs to the day it starts on
("fri 20:00-07:00" is Friday evening to Saturday morning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class QuietRule:
    days: frozenset[int]  # 0 = Monday
    start: time | None  # None: the whole day
    end: time | None

    def covers(self, moment: datetime) -> bool:
        if self.start is None or self.end is None:
            return moment.weekday() in self.days
        clock = moment.time()
        if self.start <= self.end:  # within one day
            return moment.weekday() in self.days and self.start <= clock < self.end
        # Over midnight: the evening of a listed day, or the morning after one.
        yesterday = (moment - timedelta(days=1)).weekday()
        return (moment.weekday() in self.days and clock >= self.start) or (
            yesterday in self.days and clock < self.end
        )


@dataclass(frozen=True)
class QuietHours:
    rules: tuple[QuietRule, ...] = ()

    def is_quiet(self, moment: datetime) -> bool:
        return any(rule.covers(moment) for rule in self.rules)


class QuietHoursError(ValueError):
    """An entry that cannot be read, as a sentence saying how to write it."""


def parse_quiet_hours(entries: tuple[str, ...] | list[str]) -> QuietHours:
    return QuietHours(tuple(parse_rule(entry) for entry in entries))


def quiet_hours_problem(entries: object) -> str | None:
    """Why `entries` is not a usable list of quiet hours, or None (for the settings checks)."""
    if not isinstance(entries, list | tuple):
        return None  # the type check reports it
    try:
        parse_quiet_hours([str(entry) for entry in entries])
    except QuietHoursError as error:
        return str(error)
    return None


def parse_rule(entry: str) -> QuietRule:
    parts = entry.strip().lower().split()
    if not parts or len(parts) > 2:
        raise QuietHoursError(_how(entry))
    days = _days(parts[0], entry)
    if len(parts) == 1:
        return QuietRule(days, None, None)
    match = _RANGE.match(parts[1])
    if match is None:
        raise QuietHoursError(_how(entry))
    start_hour, start_minute, end_hour, end_minute = (int(group) for group in match.groups())
    try:
        start, end = time(start_hour, start_minute), time(end_hour, end_minute)
    except ValueError:
        raise QuietHoursError(_how(entry)) from None
    if start == end:
        raise QuietHoursError(f'"{entry}" starts and ends at the same time; leave the times out '
                              "to make the whole day quiet")
    return QuietRule(days, start, end)


def _days(text: str, entry: str) -> frozenset[int]:
    if text in ("daily", "every-day", "everyday"):
        return frozenset(range(7))
    days: set[int] = set()
    for piece in text.split(","):
        first, _, last = piece.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise QuietHoursError(_how(entry))
        start, stop = DAYS.index(first), DAYS.index(last or first)
        span = range(start, stop + 1) if start <= stop else [*range(start, 7), *range(0, stop + 1)]
        days.update(span)
    return frozenset(days)


def _how(entry: str) -> str:
    return (f'"{entry}" is not a screen-hours entry; write days and, if not the whole day, a time '
            'range, like "mon-fri 20:00-07:00", "sat,sun 13:00-08:00" or "sun"')
