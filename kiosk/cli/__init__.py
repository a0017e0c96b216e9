"""The command line: run, snapshot, validate, render, handout; import, rollback, status, pack, pin.

One module per command group, each adding its own commands to the parser (`add_commands`):
run.py (run, snapshot), content.py (validate, render), handout.py, install.py (import,
rollback), status.py, pack.py (pack build, pack keygen), pin.py (pin set). Every command takes
`--data-dir DIR`, the folder of installed content packs (also the KIOSK_DATA_DIR environment
variable; default: the platform's data folder). Building the parser loads no Qt: it runs before `kiosk run`.
Nothing in the kiosk imports this package.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli import content, handout, install, pack, pin, run, status

SUBCOMMANDS = (
    "run", "validate", "render", "snapshot", "handout", "import", "rollback", "status", "pack", "pin",
)
COMMAND_GROUPS = (run, content, handout, install, status, pack, pin)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        args_list.insert(0, "run")  # `kiosk` and `kiosk --windowed` mean `kiosk run ...`
    args = build_parser().parse_args(args_list)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler = args.handler
    result: int = handler(args)
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A touch-screen patient-education kiosk for clinic waiting rooms."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_commands(commands)
    return parser
