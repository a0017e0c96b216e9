"""`kiosk search`: the articles a visitor's search finds, ranked exactly as the search screen
lists them (articles hidden by their dates never appear), for authors checking their titles,
topics and words.

    kiosk search [--content DIR] [--lang es] [--json] [--today YYYY-MM-DD] WORDS...
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_data_dir, add_today, default_content


def add_commands(commands: Any) -> None:
    """`search`."""
    search = commands.add_parser("search", help="list the articles a search finds, best first")
    search.add_argument("words", nargs="+", metavar="WORDS", help="what a visitor would type")
    search.add_argument("--content", type=Path, help="a content pack folder (default: the active "
                        "installed pack, else the bundled one)")
    search.add_argument("--lang", help="search as a visitor reading this language (default: the first)")
    search.add_argument("--json", action="store_true", help="as JSON, for scripts")
    add_data_dir(search, "where the compiled form of the pack is kept")
    add_today(search)
    search.set_defaults(handler=command_search)


def command_search(args: argparse.Namespace) -> int:
    from kiosk.library.search import searcher_for
    from kiosk.library.shelf import Shelf
    from kiosk.packs.store import default_data_dir

    folder = args.content or default_content(args.data_dir)
    pack = Shelf(args.data_dir or default_data_dir()).load(folder)
    if pack is None:
        print(f"the pack in {folder} has errors; run kiosk validate {folder} to see them", file=sys.stderr)
        return 1
    language = args.lang or pack.languages[0]
    if language not in pack.languages:
        print(f"the pack has no '{language}' (its languages: {', '.join(pack.languages)})", file=sys.stderr)
        return 1
    results = searcher_for(pack).search(" ".join(args.words), language, args.today or date.today())
    if args.json:
        print(json.dumps([{"slug": r.slug, "title": r.title, "summary": r.summary, "topics": list(r.topics)}
                          for r in results.found], ensure_ascii=False, indent=2))
    else:
        for result in results.found:
            print(f"{result.slug}\t{result.title}")
    if not results.found:
        print(f"No articles match '{' '.join(args.words)}'.", file=sys.stderr)
    return 0
