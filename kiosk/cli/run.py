"""`kiosk run` and `kiosk snapshot`: the kiosk itself, and one of its screens as a PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, add_today, installed_pack, parse_size


def add_commands(commands: Any) -> None:
    """`run` and `snapshot`."""
    run = commands.add_parser("run", help="start the kiosk (the default)")
    run.add_argument("--content", type=Path, help="a content pack folder (default: the bundled one)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument(
        "--size", type=parse_size, help="with --windowed: the window size as WIDTHxHEIGHT, e.g. 1080x1920"
    )
    run.add_argument(
        "--quit-after-paint", action="store_true",
        help="paint the home screen once, print the seconds since the process started, and exit",
    )
    run.add_argument("--config", type=Path,
                     help="the settings file (default: settings.toml in the user's config folder)")
    run.add_argument("--log-dir", type=Path, help="where to write logs (default: the user's log folder)")
    add_data_dir(run, "shows the active installed pack unless --content is given")
    add_today(run)
    run.set_defaults(handler=command_run)

    snapshot = commands.add_parser("snapshot", help="render a screen to a PNG file")
    snapshot.add_argument(
        "--content", type=Path, help="a content pack folder (default: the active installed pack)"
    )
    snapshot.add_argument(
        "--screen", default="home",
        help="home, article/SLUG, topic/ID, a-z, search, still-here, attract, pin, staff or print",
    )
    snapshot.add_argument("--query", metavar="TEXT", default="",
                          help="with --screen search: these words typed, and the results shown")
    snapshot.add_argument("--size", type=parse_size, default="1920x1080")
    snapshot.add_argument("--out", type=Path, required=True)
    snapshot.add_argument(
        "--text-size", type=int, choices=(100, 125, 150), default=100, help="text size in percent"
    )
    snapshot.add_argument("--contrast", choices=("normal", "high"), default="normal")
    snapshot.add_argument("--lang", help="one of the pack's languages, e.g. es (default: its first)")
    add_data_dir(snapshot, "for the default content")
    add_today(snapshot)
    snapshot.set_defaults(handler=command_snapshot)


def command_run(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError
    from kiosk.launch import RunOptions, run
    from kiosk.system.single_instance import AlreadyRunning

    options = RunOptions(
        content=args.content, windowed=args.windowed, size=args.size,
        quit_after_paint=args.quit_after_paint, config=args.config, log_dir=args.log_dir,
        data_dir=args.data_dir, today=args.today,
    )
    try:
        status = run(options)
    except (ContentUnavailableError, AlreadyRunning) as exc:
        print(f"kiosk cannot start: {exc}", file=sys.stderr)
        return 1
    end_process(status)
    return status  # not reached


def end_process(status: int) -> None:
    """End at once: the kiosk has stopped its parts and closed its files (Kiosk.shut_down);
    what Python would do next is take thousands of Qt objects apart one by one, some 40 ms at
    every restart and at every `--quit-after-paint`, for nothing."""
    import logging
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def command_snapshot(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError
    from kiosk.cli.snapshot import snapshot

    try:
        snapshot(
            args.content or installed_pack(args.data_dir), args.screen, args.size, args.out,
            text_scale=args.text_size / 100, high_contrast=args.contrast == "high", language=args.lang,
            query=args.query, today=args.today,
        )
    except (ContentUnavailableError, OSError) as exc:
        print(f"kiosk snapshot failed: {exc}", file=sys.stderr)
        return 1
    print(args.out)
    return 0
