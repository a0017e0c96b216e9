"""`kiosk article from-web PAGE.html --pack DIR`: a draft article from a saved web page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, why_not_written


def add_commands(commands: Any) -> None:
    """`article from-web`."""
    article = commands.add_parser("article", help="make articles for a pack")
    article_commands = article.add_subparsers(dest="article_command", required=True)
    from_web = article_commands.add_parser(
        "from-web", help="a draft article from a web page saved with the browser's 'Save page as'",
    )
    from_web.add_argument("page", help="the saved page, PAGE.html (its PAGE_files/ folder beside it)")
    from_web.add_argument("--pack", type=Path, required=True, metavar="DIR",
                          help="the pack the article goes into (articles/ and media/)")
    from_web.add_argument("--slug", help="the article's file name without .md (default: from its title)")
    add_data_dir(from_web, "not used")
    from_web.set_defaults(handler=command_from_web)


def command_from_web(args: argparse.Namespace) -> int:
    from kiosk.authoring.web_import import PageRefused, import_saved_page

    try:
        draft = import_saved_page(args.page, args.pack, slug=args.slug)
    except PageRefused as refused:
        print(f"kiosk article from-web: {refused.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = exc.filename or args.pack
        print(f"kiosk article from-web: cannot write {where}: {why_not_written(exc)}", file=sys.stderr)
        return 1
    print(f"Wrote the draft {draft.path}")
    for note in draft.checks:
        print(f"  check: {note}")
    print(f"Read it through, then: kiosk preview {args.pack}")
    return 0
