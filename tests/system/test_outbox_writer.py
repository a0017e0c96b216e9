"""The outbox writer: health.json and kiosk.prom with each health report, yesterday's usage CSV
once a day, and a missing or read-only outbox logged once, never fatal."""

from __future__ import annotations

import csv
import logging
from datetime import date, datetime
from pathlib import Path

from kiosk.settings.declared import Settings
from kiosk.system.outbox_writer import OutboxWriter
from kiosk.usage.counter import UsageCounter

TODAY = date(2026, 12, 3)
RUNNING = {
    "uptime_seconds": 60, "pack": {"id": "p", "version": "1"}, "printer": {"ready": True, "name": "q"},
    "disk": {"free_bytes": 1, "total_bytes": 2}, "last_log_error": None,
}


def writer(tmp_path: Path, outbox: Path, usage: Path | None) -> OutboxWriter:
    settings = Settings(fleet_outbox=str(outbox), fleet_kiosk_id="lobby")
    return OutboxWriter(settings=lambda: settings, data_dir=tmp_path / "data", log_file=None,
                        usage_file=usage, last_touch=lambda: None, today=lambda: TODAY)


def test_yesterdays_counts_go_to_the_outbox_once_a_day(tmp_path) -> None:
    moment = [datetime(2026, 12, 2, 10, 0)]
    counter = UsageCounter(tmp_path / "usage.sqlite", local_time=lambda: moment[0])
    counter.count("visit")
    moment[0] = datetime(2026, 12, 3, 9, 0)
    counter.count("visit")  # today's: not in yesterday's file
    counter.close()
    outbox = tmp_path / "outbox"
    out = writer(tmp_path, outbox, counter.path)
    out.write(dict(RUNNING))
    daily = outbox / "lobby" / "kiosk-usage-lobby-2026-12-02.csv"
    with daily.open(newline="", encoding="utf-8") as stream:
        table = list(csv.reader(stream))
    assert table == [["hour", "kiosk_id", "pack_id", "article", "measure", "count"],
                     ["2026-12-02T10:00", "lobby", "", "", "visit", "1"]]
    before = daily.stat().st_mtime_ns
    out.write(dict(RUNNING))
    assert daily.stat().st_mtime_ns == before
    assert sorted(p.name for p in (outbox / "lobby").iterdir()) == [
        "health.json", "kiosk-usage-lobby-2026-12-02.csv", "kiosk.prom",
    ]


def test_an_outbox_that_cannot_be_written_is_logged_once(tmp_path, caplog) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    out = writer(tmp_path, blocked, None)
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        out.write(dict(RUNNING))
    assert len([r for r in caplog.records if "outbox" in r.getMessage()]) == 1
    assert out.writes == 0
