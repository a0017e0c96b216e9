"""`kiosk validate` and `kiosk render`: checking a pack, and one article's sanitised HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, default_content


def add_commands(commands: Any) -> None:
    """validate and render."""
    validate = commands.add_parser("validate", help="check a content pack and list its problems")
    validate.add_argument(
        "directory", type=Path, nargs="?",
        help="the pack folder (default: the active installed pack, else the bundled one)",
    )
    add_data_dir(validate, "for the default pack")
    validate.set_defaults(handler=command_validate)

    render = commands.add_parser("render", help="print the sanitised HTML of one article")
    render.add_argument("directory", type=Path)
    render.add_argument("slug")
    add_data_dir(render, "not used: the pack is the folder given")
    render.set_defaults(handler=command_render)


def command_validate(args: argparse.Namespace) -> int:
    from kiosk.content.validation import validate_pack

    directory = args.directory
    if directory is None:
        directory = default_content(args.data_dir)
        print(f"checking {directory}", file=sys.stderr)
    result = validate_pack(directory, svg_check=qt_svg_problem)
    for problem in result.problems:
        print(problem)
    if result.pack is None:
        count = len(result.errors)
        print(f"{count} error{'s' if count != 1 else ''}: the pack cannot be shown until "
              f"{'they are' if count != 1 else 'it is'} fixed", file=sys.stderr)
        return 1
    print(f"ok: {len(result.pack.articles)} articles")
    return 0


def qt_svg_problem(path: Path, written: str) -> str | None:
    """Qt's own reading of an SVG the pack's checks passed (Qt is loaded only for SVGs)."""
    from kiosk.ui.widgets.images import qt_svg_problem

    return qt_svg_problem(path, written)


def command_render(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_pack
    from kiosk.content.render import ArticleRenderer

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
