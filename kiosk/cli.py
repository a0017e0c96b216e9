"""The command line: run, validate, render, snapshot, handout."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__

if TYPE_CHECKING:
    from kiosk.core.model import Article, Pack

SUBCOMMANDS = ("run", "validate", "render", "snapshot", "handout")
# Written out rather than imported: building the parser must not load Qt (it runs before `run`).
# tests/test_cli_handout.py checks these against kiosk.core.handout_layout.PAPER_SIZES.
PAPERS = ("letter", "a4")


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
        help="home, article/SLUG, still-here, attract, pin, staff or print",
    )
    snapshot.add_argument("--size", type=parse_size, default="1920x1080")
    snapshot.add_argument("--out", type=Path, required=True)
    snapshot.set_defaults(handler=command_snapshot)

    handout = commands.add_parser("handout", help="write the printable one-page handout of an article as PDF")
    handout.add_argument("--content", type=Path, help="a content pack folder (default: the bundled one)")
    which = handout.add_mutually_exclusive_group(required=True)
    which.add_argument("slug", nargs="?", help="the article: its file name without .md")
    which.add_argument("--all", action="store_true", help="one handout per article, into the folder --out")
    handout.add_argument("--out", type=Path, help="the PDF file (with --all: a folder)")
    handout.add_argument(
        "--printer", metavar="NAME",
        help="send the handout to this print queue ('default': the system's default printer)",
    )
    handout.add_argument("--paper", choices=PAPERS, default=PAPERS[0], help="paper size (default: letter)")
    handout.set_defaults(handler=command_handout)
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


def command_handout(args: argparse.Namespace) -> int:
    from kiosk.core.loader import load_pack
    from kiosk.paths import bundled_content_dir

    directory = args.content or bundled_content_dir()
    result = load_pack(directory)
    if result.pack is None:
        print(f"the content in {directory} cannot be read; fix these problems first:", file=sys.stderr)
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    pack = result.pack
    if args.out is None and args.printer is None:
        print("say where the handout goes: --out FILE.pdf, --printer NAME, or both", file=sys.stderr)
        return 1
    if not args.all and args.slug not in pack.articles:
        known = ", ".join(sorted(pack.articles))
        print(f"there is no article '{args.slug}' in this pack (articles: {known})", file=sys.stderr)
        return 1
    articles = pack.ordered_articles() if args.all else [pack.articles[args.slug]]
    if args.out is None:  # printing only: the PDFs are temporary
        with tempfile.TemporaryDirectory(prefix="kiosk-handout-") as scratch:
            temporary = [(article.slug, Path(scratch) / f"{article.slug}.pdf") for article in articles]
            return _write_handouts(pack, temporary, args.paper, quiet=True) or _print(temporary, args)
    jobs = _handout_jobs(articles, args)
    if jobs is None:
        return 1
    written = _write_handouts(pack, jobs, args.paper)
    return written if written or args.printer is None else _print(jobs, args)


def _print(jobs: list[tuple[str, Path]], args: argparse.Namespace) -> int:
    """Send each PDF to the print queue the way the kiosk does; the plain reason if it cannot."""
    from kiosk.printing.cups import HANDOUT_TITLE, PAPER_MEDIA, PrintError, submit_pdf

    for _slug, path in jobs:
        try:
            media = {"media": PAPER_MEDIA[args.paper]}
            job_id = submit_pdf(path, args.printer, title=HANDOUT_TITLE, options=media)
        except PrintError as error:
            print(f"cannot print: {error.staff_reason}", file=sys.stderr)
            return 1
        print(f"sent to the printer as {job_id}")
    return 0


def _handout_jobs(articles: Sequence[Article], args: argparse.Namespace) -> list[tuple[str, Path]] | None:
    """(slug, PDF path) for each handout, or None after saying why --out cannot be used."""
    out: Path = args.out
    if args.all:
        if out.exists() and not out.is_dir():
            print(f"cannot write the handouts into {out}: it is a file; --all needs a folder",
                  file=sys.stderr)
            return None
        return [(article.slug, out / f"{article.slug}.pdf") for article in articles]
    if out.is_dir():
        print(f"cannot write the handout to {out}: it is a folder; give a file name like "
              f"{out / (articles[0].slug + '.pdf')}", file=sys.stderr)
        return None
    return [(articles[0].slug, out)]


def _write_handouts(pack: Pack, jobs: list[tuple[str, Path]], paper: str, *, quiet: bool = False) -> int:
    """Write each PDF (and say where, unless `quiet`); printing sends these same files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs no screen, e.g. over SSH
    from PySide6.QtGui import QGuiApplication

    from kiosk.core.handout_layout import write_handout_pdf

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts are found through it
    for slug, path in jobs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_handout_pdf(pack, slug, path, paper=paper)
        except OSError as exc:
            print(f"cannot write the handout to {path}: {_why_not_written(exc)}", file=sys.stderr)
            return 1
        if not quiet:
            print(path)
    return 0


def _why_not_written(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):  # mkdir met a file on the way
        return "part of that path is a file, not a folder"
    return exc.strerror or str(exc)
