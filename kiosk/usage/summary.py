"""Reading the counts: totals since a day, the most-read articles, visits per day, and the rows
of the CSV. Each call opens its own connection, so the staff panel, the outbox thread and the
command line may read while the kiosk counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.usage.measures import VISIT

_BOTH = ("SELECT hour, pack_id, article, measure, count FROM counts UNION ALL "
         "SELECT hour, pack_id, article, measure, count FROM current")


@dataclass(frozen=True)
class CountRow:
    hour: str  # "2026-12-03T14:00", the kiosk's local time
    pack_id: str
    article: str  # "" for the hourly measures
    measure: str
    count: int


def day_start(day: date | None) -> str:
    return "" if day is None else f"{day.isoformat()}T00:00"


def day_end(day: date | None) -> str:
    return "9999" if day is None else f"{day.isoformat()}T99"


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    if not path.is_file():
        yield None
        return
    with closing(sqlite3.connect(path, timeout=5.0)) as db:
        try:
            db.execute("SELECT 1 FROM counts LIMIT 1")
        except sqlite3.Error:  # a damaged file, or one from before any count
            yield None
            return
        yield db


def rows(path: Path, *, since: date | None = None, until: date | None = None) -> list[CountRow]:
    """Every count from `since` to `until` (whole days, both included), in hour order."""
    with _reading(path) as db:
        if db is None:
            return []
        found = db.execute(
            f"SELECT hour, pack_id, article, measure, SUM(count) FROM ({_BOTH}) "
            "WHERE hour >= ? AND hour <= ? GROUP BY hour, pack_id, article, measure "
            "ORDER BY hour, pack_id, article, measure",
            (day_start(since), day_end(until)),
        ).fetchall()
    return [CountRow(str(h), str(p), str(a), str(m), int(c)) for h, p, a, m, c in found]


def top_articles(path: Path, measure: str, *, since: date | None, limit: int = 10) -> list[tuple[str, int]]:
    """The articles with the most of `measure` since `since`, most first (ties by slug)."""
    with _reading(path) as db:
        if db is None:
            return []
        found = db.execute(
            f"SELECT article, SUM(count) AS total FROM ({_BOTH}) WHERE measure = ? AND hour >= ? "
            "AND article != '' GROUP BY article ORDER BY total DESC, article LIMIT ?",
            (measure, day_start(since), limit),
        ).fetchall()
    return [(str(a), int(c)) for a, c in found]


def totals(path: Path, *, since: date | None) -> dict[str, int]:
    """Each measure's total since `since`."""
    with _reading(path) as db:
        if db is None:
            return {}
        found = db.execute(
            f"SELECT measure, SUM(count) FROM ({_BOTH}) WHERE hour >= ? GROUP BY measure",
            (day_start(since),),
        ).fetchall()
    return {str(m): int(c) for m, c in found}


def per_day(path: Path, measure: str = VISIT, *, since: date | None) -> list[tuple[date, int]]:
    """`measure` per day since `since`, days without any left out."""
    with _reading(path) as db:
        if db is None:
            return []
        found = db.execute(
            f"SELECT substr(hour, 1, 10) AS day, SUM(count) FROM ({_BOTH}) WHERE measure = ? "
            "AND hour >= ? GROUP BY day ORDER BY day",
            (measure, day_start(since)),
        ).fetchall()
    return [(date.fromisoformat(str(d)), int(c)) for d, c in found]
