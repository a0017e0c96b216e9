"""The command line: run, validate, render, snapshot."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__

SUBCOMMANDS = ("run", "validate", "render", "snapshot")


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
    run.set_defaults(handler=command_run)

    validate = commands.add_parser("validate", help="check a content pack and list its problems")
    validate.add_argument("directory", type=Path)
    validate.set_defaults(handler=command_validate)

    render = commands.add_parser("render", help="print the sanitised HTML of one article")
    render.add_argument("directory", type=Path)
    render.add_argument("slug")
    render.set_defaults(handler=command_render)

    snapshot = commands.add_parser("snapshot", help="render a screen to a PNG file")
    snapshot.add_argument("--content", type=Path)
    snapshot.add_argument(
        "--screen", default="home",
        help="home, article/SLUG, still-here, attract, pin or staff",
    )
    snapshot.add_argument("--size", type=parse_size, default="1920x1080")
    snapshot.add_argument("--out", type=Path, required=True)
    snapshot.set_defaults(handler=command_snapshot)
    return parser


def parse_size(text: str) -> object:
    from PySide6.QtCore import QSize

    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return QSize(int(match.group(1)), int(match.group(2)))


def command_run(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError, RunOptions, run

    options = RunOptions(
        content=args.content, windowed=args.windowed, size=args.size,
        quit_after_paint=args.quit_after_paint, config=args.config, log_dir=args.log_dir,
    )
    try:
        return run(options)
    except ContentUnavailableError as exc:
        print(f"kiosk cannot start: {exc}", file=sys.stderr)
        return 1


def command_validate(args: argparse.Namespace) -> int:
    from kiosk.core.validation import validate_pack

    result = validate_pack(args.directory)
    for problem in result.problems:
        print(problem)
    if result.pack is None:
        count = len(result.errors)
        print(f"{count} error{'s' if count != 1 else ''}: the pack cannot be shown until "
              f"{'they are' if count != 1 else 'it is'} fixed", file=sys.stderr)
        return 1
    print(f"ok: {len(result.pack.articles)} articles")
    return 0


def command_render(args: argparse.Namespace) -> int:
    from kiosk.core.loader import load_pack
    from kiosk.core.render import ArticleRenderer

    result = load_pack(args.directory)
    if result.pack is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    if args.slug not in result.pack.articles:
        known = ", ".join(sorted(result.pack.articles))
        print(f"there is no article '{args.slug}' in this pack (articles: {known})", file=sys.stderr)
        return 1
    print(ArticleRenderer(result.pack).render(args.slug).html)
    return 0


def command_snapshot(args: argparse.Namespace) -> int:
    from kiosk.app import ContentUnavailableError, snapshot

    try:
        snapshot(args.content, args.screen, args.size, args.out)
    except (ContentUnavailableError, OSError) as exc:
        print(f"kiosk snapshot failed: {exc}", file=sys.stderr)
        return 1
    print(args.out)
    return 0
