"""The health file the running kiosk writes, and `kiosk status --json` for clinic IT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.system.health import HealthWriter, health_path, read_health
from tests.conftest import REPO

KEYS = {"app_version", "uptime_seconds", "pack", "last_content_update", "printer", "last_print_error",
        "idle_resets_since_start", "handouts_since_start", "disk", "last_log_error", "written_at"}


def test_the_running_kiosk_writes_every_fact_to_its_health_file(make_kiosk, data_dir, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.clock.advance(3600)  # type: ignore[attr-defined]
    kiosk.idle.reset()
    writer = HealthWriter(kiosk.facts, printer_setting=lambda: "", data_dir=data_dir, log_file=None)
    thread = writer.write_soon()
    assert thread is not None
    thread.join(timeout=30)
    report = read_health(health_path(data_dir))
    assert report is not None and set(report) >= KEYS
    assert report["app_version"] == __version__
    assert report["uptime_seconds"] == 3600
    assert report["idle_resets_since_start"] == 1
    assert report["pack"]["id"] == "raleigh-house"
    assert report["disk"]["free_bytes"] > 0
    assert set(report["printer"]) >= {"ready", "name"}
    assert not list(data_dir.glob("*.tmp")), "the write left a temporary file"


def test_a_write_that_is_still_running_is_not_doubled(make_kiosk, data_dir) -> None:
    kiosk = make_kiosk()
    writer = HealthWriter(kiosk.facts, printer_setting=lambda: "", data_dir=data_dir, log_file=None)
    assert writer._busy.acquire()  # a write stuck waiting for the printer
    assert writer.write_soon() is None
    writer._busy.release()


def test_status_json_includes_the_machine_and_the_running_kiosk(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "kiosk.log").write_text(
        "2026-11-27 10:00:00,000 INFO kiosk.app: showing\n"
        "2026-11-27 10:05:00,000 ERROR kiosk.system.crash_guard: unexpected error | Traceback ...\n",
        encoding="utf-8",
    )
    health_path(data_dir).write_text(json.dumps({"uptime_seconds": 7200, "written_at": "now"}))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CUPS_SERVER=str(tmp_path / "no-cups.sock"))
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "status", "--json", "--data-dir", str(data_dir),
         "--log-dir", str(logs), "--config", str(tmp_path / "none.toml")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["app_version"] == __version__
    assert status["printer"]["ready"] is False and "CUPS" in status["printer"]["reason"]
    assert "unexpected error" in status["last_log_error"]
    assert status["running_kiosk"]["uptime_seconds"] == 7200
    assert status["disk"]["free_bytes"] > 0
