"""`kiosk handout`: an article's one-page handout as a PDF, or sent to a printer as the kiosk does."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir, default_content, read_settings, why_not_written

if TYPE_CHECKING:
    from kiosk.content.model import Article, Pack

# Written out rather than imported: building the parser must not load Qt (it runs before `run`).
# tests/cli/test_handout_command.py checks these against kiosk.handout.layout.PAPER_SIZES.
PAPERS = ("letter", "a4")


def add_commands(commands: Any) -> None:
    """handout."""
    handout = commands.add_parser("handout", help="write the printable one-page handout of an article as PDF")
    handout.add_argument(
        "--content", type=Path,
        help="a content pack folder (default: the active installed pack, else the bundled one)",
    )
    which = handout.add_mutually_exclusive_group(required=True)
    which.add_argument("slug", nargs="?", help="the article: its file name without .md")
    which.add_argument("--all", action="store_true", help="one handout per article, into the folder --out")
    handout.add_argument("--out", type=Path, help="the PDF file (with --all: a folder)")
    handout.add_argument(
        "--printer", metavar="NAME",
        help="send the handout to this print queue ('default': the system's default printer)",
    )
    handout.add_argument(
        "--paper", choices=PAPERS,
        help="paper size (default: the kiosk's settings, [printing] paper; letter without them)",
    )
    handout.add_argument("--config", type=Path, help="the settings file (default: as for run)")
    add_data_dir(handout, "for the default content")
    handout.set_defaults(handler=command_handout)


def command_handout(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_pack

    directory = args.content or default_content(args.data_dir)
    result = load_pack(directory)
    if result.pack is None:
        print(f"the content in {directory} cannot be read; fix these problems first:", file=sys.stderr)
        for problem in result.errors:
            print(problem, file=sys.stderr)
        return 1
    pack = result.pack
    args.paper = args.paper or _settings_paper(args.config)
    if args.out is None and args.printer is None:
        print("say where the handout goes: --out FILE.pdf, --printer NAME, or both", file=sys.stderr)
        return 1
    if not args.all and args.slug not in pack.articles:
        known = ", ".join(sorted(pack.articles))
        print(f"there is no article '{args.slug}' in this pack (articles: {known})", file=sys.stderr)
        return 1
    articles = pack.ordered_articles() if args.all else [pack.articles[args.slug]]
    if args.out is None:  # printing only: the PDFs are temporary
        import tempfile

        with tempfile.TemporaryDirectory(prefix="kiosk-handout-") as scratch:
            temporary = [(article.slug, Path(scratch) / f"{article.slug}.pdf") for article in articles]
            return _write_handouts(pack, temporary, args.paper, quiet=True) or _print(temporary, args)
    jobs = _handout_jobs(articles, args)
    if jobs is None:
        return 1
    written = _write_handouts(pack, jobs, args.paper)
    return written if written or args.printer is None else _print(jobs, args)


def _settings_paper(config: Path | None) -> str:
    """The paper the kiosk prints on (the settings file's [printing] paper), as staff chose it."""
    return read_settings(config).paper


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

    from kiosk.handout.pdf import write_handout_pdf

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts are found through it
    for slug, path in jobs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_handout_pdf(pack, slug, path, paper=paper)
        except OSError as exc:
            print(f"cannot write the handout to {path}: {why_not_written(exc)}", file=sys.stderr)
            return 1
        if not quiet:
            print(path)
    return 0
