"""`kiosk validate` and `kiosk render`: checking a pack, and one article's sanitised HTML."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir, add_today, default_content

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from kiosk.authoring.reading_checks import PackReadingLevels
    from kiosk.content.model import Pack


def add_commands(commands: Any) -> None:
    """validate and render."""
    validate = commands.add_parser("validate", help="check a content pack and list its problems")
    validate.add_argument(
        "directory", type=Path, nargs="?",
        help="the pack folder (default: the active installed pack, else the bundled one)",
    )
    add_data_dir(validate, "for the default pack")
    add_today(validate)
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
    today = args.today or date.today()
    with ReadingLevelsMeanwhile(directory) as meanwhile:
        result = validate_pack(directory, today=today, svg_check=qt_svg_problem)
        levels = []
        if result.pack is not None:  # reading levels, for authors (warnings only: never an error)
            from kiosk.authoring.reading_checks import levels_table

            reading = meanwhile.result(result.pack)
            result.problems.extend(reading.problems)
            levels = levels_table(reading.levels)
    for problem in result.problems:
        print(problem)
    for line in levels:  # for the author reading it, like "checking": stdout stays problems and ok
        print(line, file=sys.stderr)
    if result.pack is None:
        count = len(result.errors)
        print(f"{count} error{'s' if count != 1 else ''}: the pack cannot be shown until "
              f"{'they are' if count != 1 else 'it is'} fixed", file=sys.stderr)
        return 1
    print(f"ok: {len(result.pack.articles)} articles{hidden_note(result.pack, today)}")
    return 0


class ReadingLevelsMeanwhile:
    """The pack's reading levels, measured in a second process while this one renders every
    article (on a machine with more than one core): the two take about as long, and a check of
    a thousand articles takes half the time. One core, or no second process: measured here."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[PackReadingLevels | None] | None = None

    def __enter__(self) -> ReadingLevelsMeanwhile:
        if (os.cpu_count() or 1) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from kiosk.authoring.reading_checks import folder_reading_levels

            try:  # fork: the child has every module loaded already, and starts at once
                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
                self.future = self.pool.submit(folder_reading_levels, self.directory)
            except (OSError, ValueError):
                self.pool = self.future = None
        return self

    def result(self, pack: Pack) -> PackReadingLevels:
        from kiosk.authoring.reading_checks import pack_reading_levels

        if self.future is not None:
            try:
                measured = self.future.result()
            except Exception:  # the second process failed (out of memory, say): measure here
                measured = None
            if measured is not None:
                return measured
        return pack_reading_levels(pack)

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def hidden_note(pack: Pack, today: date) -> str:
    """", 2 hidden on 2026-12-03 by their dates" (nothing when every article is shown)."""
    hidden = len(pack.articles.hidden(today))
    return f", {hidden} hidden on {today.isoformat()} by their dates" if hidden else ""


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
