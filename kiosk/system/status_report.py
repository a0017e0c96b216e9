"""Everything `kiosk status --json` shows, in one place, so that the outbox's `health.json` (and
`kiosk.prom`, made from it) say exactly the same: the installed packs, the printer, the disk,
the log's last error, what the running kiosk reported, and the inbox's news.

The facts themselves come from health.py; nothing here is measured twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.fleet.inbox_state import INCOMPLETE_RESULT, REFUSED, read_state
from kiosk.fleet.outbox import kiosk_id
from kiosk.packs.keys import parse_trusted_keys
from kiosk.packs.store import PackStore
from kiosk.settings.declared import Settings
from kiosk.system.health import free_disk, health_path, last_log_error, printer_state, read_health
from kiosk.system.paths import bundled_content_dir

if TYPE_CHECKING:
    from kiosk.packs.installed import InstalledVersion

NO_KEYS_FOR_INBOX = (
    "Every pack in the inbox is refused: this kiosk has no trusted key that can be read, and "
    "packs from the inbox must be signed; add the office's public key to [content] trusted_keys."
)


def version_json(version: InstalledVersion) -> dict[str, object]:
    return {
        "name": version.name, "path": str(version.path), "pack_id": version.pack_id,
        "version": version.version, "title": version.title,
        "installed_at": version.installed_at.isoformat(), "active": version.active,
        "source": version.source, "signed": version.signed, "key_id": version.key_id,
        "files": version.files, "bytes": version.bytes,
    }


def status_report(
    data_dir: Path, settings: Settings, log_file: Path | None, *, running: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What `kiosk status --json` prints. `running`: the running kiosk's own fresh report
    (health.py's), else the one it last wrote in the data folder; its printer, disk and log
    facts are used rather than looked up again."""
    versions = PackStore(data_dir).versions()
    active = next((v for v in versions if v.active), None)
    if running is None:
        running = read_health(health_path(data_dir))
        printer, disk = printer_state(settings.printer), free_disk(data_dir)
        error_line = last_log_error(log_file if log_file is not None and log_file.exists() else None)
    else:
        printer, disk, error_line = running["printer"], running["disk"], running["last_log_error"]
    return {
        "app_version": __version__,
        "data_dir": str(data_dir),
        "active": version_json(active) if active is not None else None,
        "versions": [version_json(v) for v in versions],
        "bundled": str(bundled_content_dir()),
        "printer": printer,
        "disk": disk,
        "last_log_error": error_line,
        "last_error_at": log_line_time(error_line),
        "running_kiosk": running,
        "inbox": inbox_report(settings, data_dir),
        "outbox": settings.fleet_outbox or None,
        "kiosk_id": kiosk_id(settings.fleet_kiosk_id),
    }


def inbox_report(settings: Settings, data_dir: Path) -> dict[str, Any]:
    """The inbox's folder, the last pass and update, the files refused and still arriving."""
    state = read_state(data_dir)
    seen = list(state.seen.values())
    keys, _problems = parse_trusted_keys(settings.trusted_keys)
    return {
        "folder": settings.fleet_inbox or None,
        "problem": NO_KEYS_FOR_INBOX if settings.fleet_inbox and not keys else None,
        "last_pass": state.last_pass or None,
        "last_update": state.last_update or None,
        "refused": [_file(e) for e in seen if e.get("result") == REFUSED],
        "incomplete": [_file(e) for e in seen if e.get("result") == INCOMPLETE_RESULT],
    }


def _file(entry: dict[str, str]) -> dict[str, str]:
    return {"file": entry.get("file", ""), "message": entry.get("message", ""), "at": entry.get("at", "")}


def log_line_time(line: str | None) -> str | None:
    """The time at the start of a log line ("2026-12-03 14:05:09,123 ERROR ..."), as ISO."""
    if not line:
        return None
    try:
        moment = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
    except ValueError:
        return None
    return moment.astimezone().isoformat(timespec="seconds")


def outbox_report(status: dict[str, Any], *, last_visitor_touch: float | None) -> dict[str, Any]:
    """health.json in the outbox: the status, when it was written, and the last touch."""
    touch = (datetime.fromtimestamp(last_visitor_touch, UTC).isoformat(timespec="seconds")
             if last_visitor_touch else None)
    return {"written_at": datetime.now(UTC).isoformat(timespec="seconds"), **status,
            "last_visitor_touch": touch}
