"""`kiosk inbox check`: one pass over the office's inbox, as the running kiosk makes every minute
(kiosk/fleet/intake.py), for clinic IT and for tests. Exit 0 installed or nothing to do, 1
refused, 2 failed (or no inbox, or one that cannot be read). A kiosk that is running shows a
pack installed this way after its next restart or reload.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, open_store, read_settings

INSTALLED_OR_NOTHING, REFUSED, FAILED = 0, 1, 2


def add_commands(commands: Any) -> None:
    """`inbox check`."""
    inbox = commands.add_parser("inbox", help="the office's inbox of content packs (docs/fleet.md)")
    actions = inbox.add_subparsers(dest="inbox_command", required=True)
    check = actions.add_parser(
        "check", help="look in the inbox once and install the newest signed pack waiting there",
        description="Exit code: 0 installed or nothing to do, 1 refused, 2 failed.",
    )
    check.add_argument("--inbox", type=Path, metavar="DIR", help="the inbox folder (default: [fleet] inbox)")
    check.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    check.add_argument("--settle", type=float, metavar="SECONDS",
                       help="take files unchanged for this long (default: [fleet] settle_seconds)")
    add_data_dir(check, "where the pack is installed")
    check.set_defaults(handler=command_inbox_check)


def command_inbox_check(args: argparse.Namespace) -> int:
    from kiosk.fleet.inbox_state import FAILED as FAILED_RESULT
    from kiosk.fleet.inbox_state import INSTALLED, UNAVAILABLE, read_state
    from kiosk.fleet.inbox_state import REFUSED as REFUSED_RESULT
    from kiosk.fleet.intake import Intake

    settings = read_settings(args.config)
    logging.getLogger("kiosk.fleet.intake").setLevel(logging.ERROR)  # the result is printed below
    folder = args.inbox or (Path(settings.fleet_inbox) if settings.fleet_inbox else None)
    if folder is None:
        print("No inbox is set: give one with --inbox DIR, or set [fleet] inbox in the kiosk's "
              "settings file.", file=sys.stderr)
        return FAILED
    store = open_store(args.data_dir)
    intake = Intake(
        folder, store, settings.trusted_keys, state=read_state(store.data_dir),
        settle_seconds=args.settle if args.settle is not None else float(settings.fleet_settle_seconds),
    )
    result = intake.run_pass()
    print(result.message, file=sys.stdout if result.result == INSTALLED else sys.stderr)
    for entry in intake.state.seen.values():
        if entry.get("result") == REFUSED_RESULT and entry.get("message") != result.message:
            print(f"Still refused until the file changes: {entry.get('message')}", file=sys.stderr)
    if result.result in (FAILED_RESULT, UNAVAILABLE):
        return FAILED
    return REFUSED if result.result == REFUSED_RESULT else INSTALLED_OR_NOTHING
