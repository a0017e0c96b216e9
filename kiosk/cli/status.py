"""`kiosk status`: the active pack, the versions kept, and the machine's health, for clinic IT."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir, add_today, open_store

if TYPE_CHECKING:
    from kiosk.packs.installed import InstalledVersion


def add_commands(commands: Any) -> None:
    """`status`."""
    status = commands.add_parser("status", help="show the active content pack and the versions kept")
    status.add_argument("--json", action="store_true", help="as JSON, for scripts")
    status.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    status.add_argument("--log-dir", type=Path, help="the kiosk's log folder (default: as for run)")
    add_data_dir(status, "the installed packs")
    add_today(status)
    status.set_defaults(handler=command_status)


def command_status(args: argparse.Namespace) -> int:
    import json

    from kiosk.system.paths import bundled_content_dir

    store = open_store(args.data_dir)
    versions = store.versions()
    active = next((v for v in versions if v.active), None)
    report = _status_report(args, store.data_dir)
    shown = _articles_shown(active.path if active is not None else bundled_content_dir(),
                            store.data_dir, args.today or date.today())
    report["articles"] = shown
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    if active is None:
        print("No content installed: the kiosk shows the bundled pack.")
    else:
        print(f"Active: {active.title}, version {active.version} (pack {active.pack_id})")
        print(f"  installed {installed_when(active)}{_from(active)}")
        print(f"  {active.path}")
    if shown is not None:
        hidden = f" ({shown['hidden_today']} hidden today by their dates)" if shown["hidden_today"] else ""
        print(f"Articles: {shown['total']}{hidden}")
    if versions:
        print(f"Versions kept (newest first), in {store.data_dir}:")
        for version in versions:
            mark = "*" if version.active else " "
            print(f"{mark} {version.name}  {version.title}, version {version.version}, "
                  f"installed {installed_when(version)}")
    _print_health(report)
    _print_inbox(report["inbox"])
    return 0


def _articles_shown(folder: Path, data_dir: Path, today: date) -> dict[str, int] | None:
    """How many articles the pack shown has, and how many its dates hide today (None when the
    pack cannot be read)."""
    from kiosk.content.loader import load_pack
    from kiosk.library.shelf import Shelf

    pack = Shelf(data_dir).open(folder) or load_pack(folder).pack
    if pack is None:
        return None
    return {"total": len(pack.articles), "hidden_today": len(pack.articles.hidden(today))}


def _status_report(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    """What IT needs beyond the packs: whether staff can get in, the printer, the disk, the log,
    what the running kiosk last wrote to its health file (None when it is not running or never
    wrote one), the inbox."""
    from kiosk.rules.pin import is_pin_hash
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings
    from kiosk.system.logs import LOG_FILE_NAME, default_log_dir
    from kiosk.system.status_report import status_report

    loaded = load_settings(args.config or default_settings_path())
    settings = loaded.settings
    log_file = (args.log_dir or default_log_dir()) / LOG_FILE_NAME
    pin = ("unreadable" if loaded.damaged else "not set" if not settings.pin_hash
           else "set" if is_pin_hash(settings.pin_hash) else "damaged")
    return {"staff_pin": pin, **status_report(data_dir, settings, log_file)}


def _print_inbox(inbox: dict[str, Any]) -> None:
    if not inbox["folder"]:
        return
    print(f"Inbox: {inbox['folder']}")
    if inbox["problem"]:
        print(f"  {inbox['problem']}")
    said = {inbox["problem"]}
    for key, heading in (("last_update", "Last update"), ("last_pass", "Last look"), ("refused", "Refused")):
        entries = inbox[key] if key == "refused" else [inbox[key]] if inbox[key] else []
        for entry in entries:
            if entry["message"] not in said:  # each sentence once
                print(f"  {heading}: {entry['message']}")
                said.add(entry["message"])


STAFF_PIN_LINES = {
    "set": "Staff PIN: set.",
    "not set": "Staff PIN: not set, so staff mode stays closed. Set it here with: kiosk pin set",
    "damaged": "Staff PIN: damaged in the settings file, so no PIN opens staff mode. Set a new "
               "one with: kiosk pin set",
    "unreadable": "Staff PIN: unknown, the settings file cannot be read (restore it, or delete it "
                  "and run kiosk pin set).",
}


def _print_health(machine: dict[str, object]) -> None:
    print(STAFF_PIN_LINES[str(machine["staff_pin"])])
    printer = machine["printer"]
    assert isinstance(printer, dict)
    print(f"Printer: {printer['name']} is ready" if printer["ready"] else
          f"Printer: not ready. {printer['reason']}")
    running = machine["running_kiosk"]
    if isinstance(running, dict):
        print(f"Running kiosk (health file written {running.get('written_at')}): up "
              f"{round(float(running.get('uptime_seconds', 0)) / 3600, 1)} h, "
              f"{running.get('idle_resets_since_start')} idle resets, "
              f"{running.get('handouts_since_start')} handouts")
    else:
        print("Running kiosk: no health file yet (the kiosk writes one every minute while it runs).")
    if machine["last_log_error"]:
        print(f"Last error in the log: {machine['last_log_error']}")


def installed_when(version: InstalledVersion) -> str:
    return version.installed_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _from(version: InstalledVersion) -> str:
    origin = f" from {version.source}" if version.source else ""
    signed = f", signed with key {version.key_id}" if version.signed else ", not signed"
    return origin + signed
