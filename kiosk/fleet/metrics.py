"""The kiosk's health in Prometheus' text exposition format, for node_exporter's textfile
collector (`kiosk.prom` in the outbox). Every metric is named `kiosk_...`, has `# HELP` and
`# TYPE` lines, and carries a `kiosk` label so that the files of many kiosks can sit side by
side in one collector folder.

Built from the same report as `health.json` (kiosk.system.status_report), so the two never
disagree. Times are Unix seconds; a time not known yet (no visitor since start, no error) is 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from kiosk.fleet.inbox_state import UPDATE_RESULTS

Labels = Mapping[str, str]


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Exposition:
    """Metric families in the order they are added, each with its HELP and TYPE."""

    def __init__(self, kiosk_id: str) -> None:
        self.kiosk_id = kiosk_id
        self.lines: list[str] = []

    def add(self, name: str, kind: str, help_text: str, samples: list[tuple[Labels, float]]) -> None:
        self.lines.append(f"# HELP {name} {help_text}")
        self.lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            every = {"kiosk": self.kiosk_id, **labels}
            shown = ",".join(f'{key}="{escape(str(text))}"' for key, text in every.items())
            self.lines.append(f"{name}{{{shown}}} {_number(value)}")

    def one(self, name: str, kind: str, help_text: str, value: float, **labels: str) -> None:
        self.add(name, kind, help_text, [(labels, value)])

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def metrics_text(report: Mapping[str, Any]) -> str:
    """The report (see kiosk.system.status_report.outbox_report) as a .prom file."""
    out = Exposition(str(report.get("kiosk_id", "")))
    running = _table(report.get("running_kiosk"))
    out.one("kiosk_up", "gauge", "1 while the kiosk runs and writes this file.", 1 if running else 0)
    out.one("kiosk_outbox_written_timestamp_seconds", "gauge",
            "When the kiosk last wrote this file (Unix time).", _time(report.get("written_at")))
    out.one("kiosk_info", "gauge", "The kiosk program's version.", 1,
            version=str(report.get("app_version", "")))
    out.one("kiosk_uptime_seconds", "gauge", "Seconds since the kiosk started.",
            float(running.get("uptime_seconds") or 0))
    _content(out, report, running)
    _inbox(out, _table(report.get("inbox")))
    printer = _table(report.get("printer"))
    out.one("kiosk_printer_ready", "gauge", "1 when the handout printer is ready, else 0.",
            1 if printer.get("ready") else 0, printer=str(printer.get("name", "")))
    out.one("kiosk_handouts_printed_total", "counter",
            "Handouts sent to the printer since the kiosk started.",
            float(running.get("handouts_since_start") or 0))
    out.one("kiosk_idle_resets_total", "counter", "Times the kiosk started over for the next visitor "
            "since it started.", float(running.get("idle_resets_since_start") or 0))
    out.one("kiosk_screen_asleep", "gauge", "1 while the screen sleeps (quiet hours).",
            1 if running.get("screen_asleep") else 0)
    disk = _table(report.get("disk"))
    out.one("kiosk_disk_free_bytes", "gauge", "Free bytes on the kiosk's data disk.",
            float(disk.get("free_bytes") or 0))
    out.one("kiosk_disk_total_bytes", "gauge", "Size of the kiosk's data disk in bytes.",
            float(disk.get("total_bytes") or 0))
    out.one("kiosk_last_visitor_touch_timestamp_seconds", "gauge",
            "When a visitor last touched the screen (Unix time; 0: not since the kiosk started).",
            _time(report.get("last_visitor_touch")))
    out.one("kiosk_last_error_timestamp_seconds", "gauge",
            "When the kiosk last logged an error (Unix time; 0: none in the recent log).",
            _time(report.get("last_error_at")))
    return out.text()


def _content(out: Exposition, report: Mapping[str, Any], running: Mapping[str, Any]) -> None:
    pack = _table(running.get("pack")) or _table(report.get("active"))
    pack_id = str(pack.get("id") or pack.get("pack_id") or "")
    out.one("kiosk_content_pack_info", "gauge", "The content pack shown, by its id and version.", 1,
            id=pack_id, version=str(pack.get("version", "")))
    active = _table(report.get("active"))
    out.one("kiosk_content_update_timestamp_seconds", "gauge",
            "When the content shown was installed (Unix time; 0: the bundled content).",
            _time(active.get("installed_at")))


def _inbox(out: Exposition, inbox: Mapping[str, Any]) -> None:
    last = _table(inbox.get("last_update"))
    result = str(last.get("result", ""))
    out.one("kiosk_inbox_enabled", "gauge", "1 when the kiosk watches an inbox for content packs.",
            1 if inbox.get("folder") else 0)
    out.one("kiosk_inbox_last_update_timestamp_seconds", "gauge",
            "When a pack from the inbox was last installed, refused or failed (Unix time; 0: never).",
            _time(last.get("at")))
    out.add("kiosk_inbox_last_update_result", "gauge",
            "The result of the last update from the inbox: 1 for the one it was.",
            [({"result": name}, 1 if name == result else 0) for name in UPDATE_RESULTS])
    refused = inbox.get("refused")
    out.one("kiosk_inbox_refused_files", "gauge", "Packs in the inbox that were refused (until they change).",
            len(refused) if isinstance(refused, list) else 0)
    out.one("kiosk_inbox_readable", "gauge", "1 when the inbox folder can be read (0: a vanished mount).",
            0 if _table(inbox.get("last_pass")).get("result") == "inbox unavailable" else 1)


def _table(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _time(value: object) -> float:
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str) or not value:
        return 0.0
    try:
        return datetime.fromisoformat(value).timestamp()
    except ValueError:
        return 0.0


def _number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))
