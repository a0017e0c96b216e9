"""The command line: run, snapshot, validate, render, search, handout; import, rollback, status,
pack, pin; inbox, usage; for authors new, article, preview.

One module per command group, each adding its own commands to the parser (`add_commands`):
run.py (run, snapshot), content.py (validate, render), handout.py, install.py (import,
rollback), status.py, pack.py (pack build, pack keygen), pin.py (pin set), search.py, inbox.py
(inbox check), usage.py (usage show, export, report); for authors, new.py, article.py (article
from-web) and preview.py. Every command takes `--data-dir DIR`,
the folder of installed content packs (also the KIOSK_DATA_DIR environment variable; default:
the platform's data folder). Building the parser loads no Qt: it runs before `kiosk run`.
Nothing in the kiosk imports this package.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from kiosk import __version__

# Each command, and the module of this package that adds it to the parser.
COMMAND_MODULES = {
    "run": "run", "snapshot": "run", "validate": "content", "render": "content",
    "search": "search", "handout": "handout", "import": "install", "rollback": "install",
    "status": "status", "pack": "pack", "pin": "pin", "inbox": "inbox", "usage": "usage",
    "new": "new", "article": "article", "preview": "preview",  # for authors
}
SUBCOMMANDS = tuple(COMMAND_MODULES)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "run")  # `kiosk` and `kiosk --windowed` mean `kiosk run ...`
    # A command's own module only (the kiosk's start-up does not wait for the others), every
    # module for the help and the version.
    only = args_list[0] if args_list[0] in COMMAND_MODULES else None
    args = build_parser(only).parse_args(args_list)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = args.handler
    result: int = handler(args)
    return result


def command_groups(only: str | None = None) -> list[ModuleType]:
    """The modules that add the commands (`only` one command's: its module)."""
    names = [COMMAND_MODULES[only]] if only is not None else list(dict.fromkeys(COMMAND_MODULES.values()))
    return [importlib.import_module(f"kiosk.cli.{name}") for name in names]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A touch-screen patient-education kiosk for clinic waiting rooms."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for group in command_groups(only):
        group.add_commands(commands)
    return parser
