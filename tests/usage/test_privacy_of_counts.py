"""Nothing in the counts file or the CSV can tell two visitors' paths apart: no order, no time
finer than the hour, no text a visitor typed, and the write-ahead log emptied after each visitor."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.usage.counter import UsageCounter
from kiosk.usage.export import csv_text
from kiosk.usage.measures import ARTICLE_OPENED, ARTICLE_READ, VISIT
from kiosk.usage.summary import rows

PATHS = {
    "forwards": ["first", "second", "third"],
    "backwards": ["third", "second", "first"],
}


def day_of_two_visitors(folder: Path, order: str) -> Path:
    """Two visitors in one hour: one reads `order`, the other the opposite way round."""
    minute = [0]

    def wall() -> datetime:
        minute[0] = (minute[0] + 7) % 60  # each count at another minute
        return datetime(2026, 12, 3, 14, minute[0])

    counter = UsageCounter(folder / "usage.sqlite", local_time=wall)
    counter.pack_id = "clinic"
    for path in (PATHS[order], list(reversed(PATHS[order]))):
        counter.count(VISIT)
        for slug in path:
            counter.count(ARTICLE_OPENED, article=slug)
            counter.count(ARTICLE_READ, article=slug)
        counter.visitor_left()
    counter.close()
    return folder / "usage.sqlite"


def test_two_days_with_opposite_paths_leave_byte_identical_counts_files(tmp_path) -> None:
    one = day_of_two_visitors((tmp_path / "a").resolve(), "forwards")
    other = day_of_two_visitors((tmp_path / "b").resolve(), "backwards")
    (tmp_path / "a").mkdir(exist_ok=True)
    assert rows(one) == rows(other)
    assert one.read_bytes() == other.read_bytes()
    for folder in (one.parent, other.parent):
        wal = folder / "usage.sqlite-wal"
        assert not wal.exists() or wal.stat().st_size == 0


def test_one_visitor_s_path_is_not_in_the_file_while_the_next_one_reads(tmp_path) -> None:
    counter = UsageCounter(tmp_path / "usage.sqlite", local_time=lambda: datetime(2026, 12, 3, 14, 1))
    for slug in ("third", "first", "second"):
        counter.count(ARTICLE_OPENED, article=slug)
    counter.visitor_left()
    db = sqlite3.connect(tmp_path / "usage.sqlite")
    assert db.execute("SELECT article FROM current WHERE measure = 'article_opened'").fetchall() == [
        ("first",), ("second",), ("third",),
    ]
    counter.close()


def test_the_schema_has_no_order_no_time_finer_than_the_hour_no_free_text(tmp_path) -> None:
    path = day_of_two_visitors(tmp_path, "forwards")
    db = sqlite3.connect(path)
    for table in ("counts", "current"):
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "WITHOUT ROWID" in sql
        assert [c[1] for c in db.execute(f"PRAGMA table_info({table})")] == [
            "hour", "pack_id", "article", "measure", "count",
        ]
    hours = {h for (h,) in db.execute("SELECT hour FROM counts UNION SELECT hour FROM current")}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:00", h) for h in hours)
    text = csv_text(rows(path), "lobby")
    assert not re.search(r"T\d\d:(?!00)", text)
