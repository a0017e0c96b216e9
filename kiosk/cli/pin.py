"""`kiosk pin set`: the staff PIN, set on the kiosk computer by clinic IT.

The first PIN is set here, never from the screen: a kiosk is often switched on and left in the
waiting room before staff get to it, and whoever found the staff corner first would otherwise
choose the PIN. Until a PIN is set the corner opens nothing anyone can use. The same command
replaces a forgotten or damaged PIN; staff change it from the staff panel once they are in.
Only the salted hash is saved, in the settings file (`[staff] pin_hash`); the running kiosk
reads it at the next staff gesture.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir


def add_commands(commands: Any) -> None:
    """`pin set`."""
    pin = commands.add_parser("pin", help="set the staff PIN (on the kiosk computer)")
    actions = pin.add_subparsers(dest="pin_action", required=True)
    set_pin = actions.add_parser(
        "set", help="set the staff PIN: asked twice without showing it, or read from a file",
        description="Set the staff PIN (4 to 8 digits). Asks for it twice without showing it, "
        "or reads it from the first line of FILE (for provisioning scripts). Exit code: 0 set, "
        "1 not set (nothing was changed).",
    )
    set_pin.add_argument("--from-file", type=Path, metavar="FILE",
                         help="read the PIN from the first line of FILE instead of asking")
    set_pin.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    add_data_dir(set_pin, "not used")
    set_pin.set_defaults(handler=command_pin_set)


def command_pin_set(args: argparse.Namespace) -> int:
    from kiosk.rules.pin import hash_pin, is_valid_new_pin
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings
    from kiosk.settings.store import SettingsStore

    path: Path = args.config or default_settings_path()
    loaded = load_settings(path)
    if loaded.damaged:
        for found in loaded.problems:
            print(found, file=sys.stderr)
        return _not_set(f"The settings file {path} cannot be read, so the PIN cannot be saved in "
                        "it. Restore the file from a backup, or delete it, then run kiosk pin set again.")
    pin = _pin_from_file(args.from_file) if args.from_file else _pin_from_terminal()
    if pin is None:
        return 1
    problem = is_valid_new_pin(pin)
    if problem is not None:
        return _not_set(problem)
    problem = SettingsStore(loaded.settings, path).update(pin_hash=hash_pin(pin))
    if problem is not None:
        return _not_set(problem)
    print(f"The staff PIN is set (saved as a hash in {path}). Staff open the staff panel with "
          "five taps in the top-left corner of the screen, then this PIN.")
    return 0


def _pin_from_file(path: Path) -> str | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        _not_set(f"The PIN could not be read from {path} ({getattr(error, 'strerror', None) or error}).")
        return None
    return lines[0].strip() if lines else ""


def _pin_from_terminal() -> str | None:
    import getpass

    if not sys.stdin.isatty():
        _not_set("kiosk pin set asks for the PIN on a terminal; in a script, give it with "
                 "--from-file FILE.")
        return None
    try:
        first = getpass.getpass("New staff PIN (4 to 8 digits): ")
        again = getpass.getpass("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        _not_set("No PIN was typed.")
        return None
    if first != again:
        _not_set("The two PINs were different.")
        return None
    return first


def _not_set(reason: str) -> int:
    print(f"{reason} The staff PIN was not set; nothing was changed.", file=sys.stderr)
    return 1
