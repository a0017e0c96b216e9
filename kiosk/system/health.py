"""How the kiosk is doing, for clinic IT: a JSON file the running kiosk rewrites every minute
(atomically, so a reader never sees half of it), and the same facts in `kiosk status --json`."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__
from kiosk.disk.atomic_file import atomic_write_text
from kiosk.system.logs import last_lines

log = logging.getLogger(__name__)
HEALTH_FILE_NAME = "health.json"
WRITE_EVERY_MS = 60_000


def health_path(data_dir: Path) -> Path:
    return data_dir / HEALTH_FILE_NAME


@dataclass(frozen=True)
class KioskFacts:
    """What only the running kiosk knows, read on the UI thread."""

    started_at: datetime
    uptime_seconds: float
    pack_id: str
    pack_title: str
    pack_version: str
    content_folder: str
    last_content_update: str | None
    idle_resets: int
    handouts_printed: int
    last_print_error: str | None
    screen_asleep: bool


def printer_state(printer_setting: str) -> dict[str, Any]:
    from kiosk.printing.cups import PrintError, resolve_printer

    try:
        return {"ready": True, "name": resolve_printer(printer_setting or None)}
    except PrintError as error:
        return {"ready": False, "name": printer_setting or "default", "reason": error.staff_reason}


def free_disk(folder: Path) -> dict[str, int]:
    existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("/"))
    usage = shutil.disk_usage(existing)
    return {"free_bytes": usage.free, "total_bytes": usage.total}


def last_log_error(log_file: Path | None) -> str | None:
    if log_file is None:
        return None
    for line in reversed(last_lines(log_file, 500)):
        if " ERROR " in line or " CRITICAL " in line:
            return line
    return None


def health_report(
    facts: KioskFacts, *, printer_setting: str, data_dir: Path, log_file: Path | None
) -> dict[str, Any]:
    """Every fact, the slow ones (printer, disk, log) gathered here: call it off the UI thread."""
    return {
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "started_at": facts.started_at.isoformat(timespec="seconds"),
        "uptime_seconds": round(facts.uptime_seconds),
        "pack": {"id": facts.pack_id, "title": facts.pack_title, "version": facts.pack_version,
                 "folder": facts.content_folder},
        "last_content_update": facts.last_content_update,
        "printer": printer_state(printer_setting),
        "last_print_error": facts.last_print_error,
        "idle_resets_since_start": facts.idle_resets,
        "handouts_since_start": facts.handouts_printed,
        "screen_asleep": facts.screen_asleep,
        "disk": free_disk(data_dir),
        "last_log_error": last_log_error(log_file),
    }


def write_health(path: Path, report: dict[str, Any]) -> None:
    atomic_write_text(path, json.dumps(report, indent=2) + "\n")


def read_health(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class HealthWriter(QObject):
    """Every minute: facts from the UI thread, then the slow checks and the write on a thread,
    so a hung print system never freezes the screen."""

    def __init__(
        self, facts: Callable[[], KioskFacts], *, printer_setting: Callable[[], str], data_dir: Path,
        log_file: Path | None, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.facts = facts
        self.printer_setting = printer_setting
        self.data_dir = data_dir
        self.log_file = log_file
        self.path = health_path(data_dir)
        self._busy = threading.Lock()
        # Called on the writer's thread with each report after it is written (the outbox).
        self.report_hooks: list[Callable[[dict[str, Any]], None]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(WRITE_EVERY_MS)
        self.timer.timeout.connect(self.write_soon)

    def start(self) -> None:
        self.write_soon()
        self.timer.start()

    def write_soon(self) -> threading.Thread | None:
        if not self._busy.acquire(blocking=False):
            return None  # the last write is still waiting for the printer: skip this one
        facts = self.facts()
        thread = threading.Thread(target=self._write, args=(facts, self.printer_setting()), daemon=True,
                                  name="health")
        thread.start()
        return thread

    def _write(self, facts: KioskFacts, printer: str) -> None:
        try:
            report = health_report(
                facts, printer_setting=printer, data_dir=self.data_dir, log_file=self.log_file
            )
            write_health(self.path, report)
        except OSError as error:
            log.warning("could not write the health file %s: %s", self.path, error)
        else:
            for hook in self.report_hooks:
                try:
                    hook(report)
                except Exception:
                    log.exception("a part of the kiosk could not use the health report")
        finally:
            self._busy.release()
