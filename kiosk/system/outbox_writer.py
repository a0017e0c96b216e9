"""Writes the outbox (kiosk.fleet.outbox) each time the health file is written (at start-up and
every minute, on the health writer's thread): health.json and kiosk.prom in OUTBOX/KIOSK_ID/,
and, once a day, yesterday's usage counts as CSV beside them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk.fleet.outbox import kiosk_folder, kiosk_id, write_health_files
from kiosk.settings.declared import Settings
from kiosk.system.status_report import outbox_report, status_report
from kiosk.usage.export import csv_name, write_csv
from kiosk.usage.summary import rows

log = logging.getLogger(__name__)


class OutboxWriter:
    def __init__(
        self, *, settings: Callable[[], Settings], data_dir: Path, log_file: Path | None,
        usage_file: Path | None, last_touch: Callable[[], float | None],
        today: Callable[[], date] = date.today,
    ) -> None:
        self.settings = settings
        self.data_dir = data_dir
        self.log_file = log_file
        self.usage_file = usage_file
        self.last_touch = last_touch
        self.today = today
        self.writes = 0
        self._failing = ""

    def folder(self) -> Path | None:
        settings = self.settings()
        if not settings.fleet_outbox:
            return None
        return kiosk_folder(Path(settings.fleet_outbox), kiosk_id(settings.fleet_kiosk_id))

    def write(self, running: dict[str, Any]) -> None:
        """A health.py report hook: never raises; a missing or read-only outbox is logged once."""
        folder = self.folder()
        if folder is None:
            return
        settings = self.settings()
        report = outbox_report(
            status_report(self.data_dir, settings, self.log_file, running=running),
            last_visitor_touch=self.last_touch(),
        )
        try:
            write_health_files(folder, report)
            self._daily_csv(folder, report["kiosk_id"])
        except OSError as error:
            message = f"could not write to the outbox {folder}: {error}"
            if message != self._failing:
                log.warning("%s", message)
                self._failing = message
            return
        if self._failing:
            log.info("the outbox %s can be written again", folder)
            self._failing = ""
        self.writes += 1

    def _daily_csv(self, folder: Path, identity: str) -> None:
        if self.usage_file is None or not self.settings().usage_counting:
            return
        yesterday = self.today() - timedelta(days=1)
        target = folder / csv_name(identity, yesterday)
        if target.exists():
            return
        write_csv(target, rows(self.usage_file, since=yesterday, until=yesterday), identity)
        log.info("usage counts of %s written to the outbox", yesterday.isoformat())
