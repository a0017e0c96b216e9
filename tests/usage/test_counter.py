"""The usage counter: hourly totals that survive a kill, a damaged file set aside, 400 days kept."""

from __future__ import annotations

import csv
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.usage.counter import UsageCounter
from kiosk.usage.export import HEADER, csv_name, write_csv
from kiosk.usage.measures import (
    ARTICLE_OPENED,
    ARTICLE_READ,
    HANDOUT_PRINTED,
    SEARCH_OPENED,
    TOPIC_OPENED,
    VISIT,
)
from kiosk.usage.summary import CountRow, per_day, rows, top_articles, totals
from tests.conftest import REPO


class Wall:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def wall() -> Wall:
    return Wall(datetime(2026, 12, 3, 14, 5))


@pytest.fixture
def counter(tmp_path: Path, wall: Wall) -> UsageCounter:
    made = UsageCounter(tmp_path / "usage.sqlite", local_time=wall)
    made.pack_id = "clinic"
    yield made
    made.close()


def test_counts_are_hourly_totals_per_article_and_measure(counter, wall) -> None:
    counter.count(VISIT)
    counter.count(ARTICLE_OPENED, article="first")
    counter.count(ARTICLE_OPENED, article="first")
    wall.moment += timedelta(minutes=50)  # 14:55, still the same hour
    counter.count(ARTICLE_READ, article="first")
    wall.moment += timedelta(minutes=10)  # 15:05
    counter.count(ARTICLE_OPENED, article="second")
    counter.count(HANDOUT_PRINTED, article="second")
    assert rows(counter.path) == [
        CountRow("2026-12-03T14:00", "clinic", "", "visit", 1),
        CountRow("2026-12-03T14:00", "clinic", "first", "article_opened", 2),
        CountRow("2026-12-03T14:00", "clinic", "first", "article_read", 1),
        CountRow("2026-12-03T15:00", "clinic", "second", "article_opened", 1),
        CountRow("2026-12-03T15:00", "clinic", "second", "handout_printed", 1),
    ]
    top = top_articles(counter.path, ARTICLE_OPENED, since=date(2026, 12, 1))
    assert top == [("first", 2), ("second", 1)]
    assert totals(counter.path, since=None)[ARTICLE_OPENED] == 3
    assert per_day(counter.path, VISIT, since=None) == [(date(2026, 12, 3), 1)]


def test_topic_pages_and_searches_are_one_call_each_and_never_hold_words(counter) -> None:
    counter.count(TOPIC_OPENED)
    counter.count(SEARCH_OPENED)
    counter.count(SEARCH_OPENED, article="anything typed")  # an hourly measure keeps no article
    assert [(r.measure, r.article, r.count) for r in rows(counter.path)] == [
        ("search_opened", "", 2), ("topic_opened", "", 1),
    ]
    with pytest.raises(ValueError, match="not a usage measure"):
        counter.count("search: heroin")


def test_an_article_measure_takes_only_a_slug(counter) -> None:
    counter.count(ARTICLE_OPENED, article="Somebody's Name")
    counter.count(ARTICLE_OPENED, article="")
    assert rows(counter.path) == []


def test_counts_older_than_400_days_are_dropped(counter, wall) -> None:
    wall.moment = datetime(2025, 10, 1, 9, 0)
    counter.count(VISIT)
    wall.moment = datetime(2025, 11, 10, 9, 0)
    counter.count(VISIT)
    wall.moment = datetime(2026, 12, 3, 9, 0)  # 428 and 388 days later
    counter.count(VISIT)
    assert [r.hour for r in rows(counter.path)] == ["2025-11-10T09:00", "2026-12-03T09:00"]


def test_a_damaged_counts_file_is_set_aside_with_one_log_line(tmp_path, wall, caplog) -> None:
    path = tmp_path / "usage.sqlite"
    path.write_bytes(b"this is not a database, it is what a power cut left" * 100)
    caplog.set_level(logging.WARNING)
    counter = UsageCounter(path, local_time=wall)
    counter.count(VISIT)
    counter.count(VISIT)
    counter.close()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "damaged" in lines[0] and "afresh" in lines[0]
    assert [r.count for r in rows(path)] == [2]
    assert len(list(tmp_path.glob("usage.sqlite.damaged-*"))) == 1


def test_a_counts_file_that_cannot_be_written_never_stops_counting_calls(tmp_path, wall, caplog) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    counter = UsageCounter(blocked / "usage.sqlite", local_time=wall)
    for _ in range(3):
        counter.count(VISIT)  # never raises
    counter.visitor_left()
    counter.close()


KILLER = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from kiosk.usage.counter import UsageCounter
    counter = UsageCounter(Path({path!r}), local_time=lambda: datetime(2026, 12, 3, 14, 5))
    for number in range(200):
        counter.count("article_opened", article="first")
    print("counted", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_counts_survive_a_kill_at_any_moment(tmp_path) -> None:
    path = tmp_path / "usage.sqlite"
    script = KILLER.format(repo=str(REPO), path=str(path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL and "counted" in done.stdout
    assert [r.count for r in rows(path)] == [200]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_csv_opens_with_pythons_csv_module_and_the_issues_header(counter, tmp_path) -> None:
    counter.count(VISIT)
    counter.count(ARTICLE_OPENED, article="first")
    target = tmp_path / "stick" / csv_name("lobby-2", date(2026, 12, 3))
    write_csv(target, rows(counter.path), "lobby-2")
    assert target.name == "kiosk-usage-lobby-2-2026-12-03.csv"
    with target.open(newline="", encoding="utf-8") as stream:
        table = list(csv.reader(stream))
    assert tuple(table[0]) == HEADER == ("hour", "kiosk_id", "pack_id", "article", "measure", "count")
    assert table[1:] == [
        ["2026-12-03T14:00", "lobby-2", "clinic", "", "visit", "1"],
        ["2026-12-03T14:00", "lobby-2", "clinic", "first", "article_opened", "1"],
    ]
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]
    os.sync()
