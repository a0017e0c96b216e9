"""`kiosk status`: the active pack, the versions kept, and the machine's health, for clinic IT."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.cli.common import add_data_dir, open_store

if TYPE_CHECKING:
    from kiosk.packs.installed import InstalledVersion


def add_commands(commands: Any) -> None:
    """`status`."""
    status = commands.add_parser("status", help="show the active content pack and the versions kept")
    status.add_argument("--json", action="store_true", help="as JSON, for scripts")
    status.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    status.add_argument("--log-dir", type=Path, help="the kiosk's log folder (default: as for run)")
    add_data_dir(status, "the installed packs")
    status.set_defaults(handler=command_status)


def command_status(args: argparse.Namespace) -> int:
    import json

    from kiosk.system.paths import bundled_content_dir

    store = open_store(args.data_dir)
    versions = store.versions()
    active = next((v for v in versions if v.active), None)
    machine = _machine_health(args, store.data_dir)
    if args.json:
        print(json.dumps({
            "app_version": __version__,
            "data_dir": str(store.data_dir),
            "active": _version_json(active) if active is not None else None,
            "versions": [_version_json(v) for v in versions],
            "bundled": str(bundled_content_dir()),
            **machine,
        }, indent=2))
        return 0
    if active is None:
        print("No content installed: the kiosk shows the bundled pack.")
    else:
        print(f"Active: {active.title}, version {active.version} (pack {active.pack_id})")
        print(f"  installed {installed_when(active)}{_from(active)}")
        print(f"  {active.path}")
    if versions:
        print(f"Versions kept (newest first), in {store.data_dir}:")
        for version in versions:
            mark = "*" if version.active else " "
            print(f"{mark} {version.name}  {version.title}, version {version.version}, "
                  f"installed {installed_when(version)}")
    _print_health(machine)
    return 0


def _machine_health(args: argparse.Namespace, data_dir: Path) -> dict[str, object]:
    """What IT needs beyond the packs: the printer, the disk, the log, and what the running
    kiosk last wrote to its health file (None when it is not running or never wrote one)."""
    from kiosk.rules.pin import is_pin_hash
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings
    from kiosk.system.health import free_disk, health_path, last_log_error, printer_state, read_health
    from kiosk.system.logs import LOG_FILE_NAME, default_log_dir

    loaded = load_settings(args.config or default_settings_path())
    settings = loaded.settings
    log_file = (args.log_dir or default_log_dir()) / LOG_FILE_NAME
    pin = ("unreadable" if loaded.damaged else "not set" if not settings.pin_hash
           else "set" if is_pin_hash(settings.pin_hash) else "damaged")
    return {
        "staff_pin": pin,
        "printer": printer_state(settings.printer),
        "disk": free_disk(data_dir),
        "last_log_error": last_log_error(log_file if log_file.exists() else None),
        "running_kiosk": read_health(health_path(data_dir)),
    }


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


def _version_json(version: InstalledVersion) -> dict[str, object]:
    return {
        "name": version.name, "path": str(version.path), "pack_id": version.pack_id,
        "version": version.version, "title": version.title,
        "installed_at": version.installed_at.isoformat(), "active": version.active,
        "source": version.source, "signed": version.signed, "key_id": version.key_id,
        "files": version.files, "bytes": version.bytes,
    }


def installed_when(version: InstalledVersion) -> str:
    return version.installed_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _from(version: InstalledVersion) -> str:
    origin = f" from {version.source}" if version.source else ""
    signed = f", signed with key {version.key_id}" if version.signed else ", not signed"
    return origin + signed
