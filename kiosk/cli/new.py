"""`kiosk new DIR`: start a pack that validates at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, why_not_written


def add_commands(commands: Any) -> None:
    """`new`."""
    new = commands.add_parser("new", help="start a new content pack in an empty folder")
    new.add_argument("directory", type=Path, help="the new pack's folder (made if missing)")
    add_data_dir(new, "not used")
    new.set_defaults(handler=command_new)


def command_new(args: argparse.Namespace) -> int:
    from kiosk.authoring.new_pack import NewPackRefused, write_new_pack

    try:
        made = write_new_pack(args.directory)
    except NewPackRefused as refused:
        print(f"kiosk new: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.directory
        print(f"kiosk new: cannot write {where}: {why_not_written(exc)}", file=sys.stderr)
        return 1
    root = made.root
    print(f"A new pack is in {root}:")
    print(f"  {root / 'pack.yaml'}   the pack's settings: replace the examples with your clinic's")
    print(f"  {made.files[1]}   an example article that shows every field")
    print(f"  {root / 'media'}   pictures go here")
    print("Next:")
    print(f"  kiosk preview {root}   see the pack as visitors will, while you write")
    print(f"  kiosk article from-web PAGE.html --pack {root}   an article from a saved web page")
    print(f"  kiosk validate {root}   check it before it goes on a stick")
    return 0
