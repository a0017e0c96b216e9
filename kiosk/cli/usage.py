"""`kiosk usage show|export|report`: the anonymous usage counts (kiosk/usage/) as a table, as CSV
(`hour,kiosk_id,pack_id,article,measure,count`), or as a one-page PDF for the clinic manager."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir, default_content, open_store, why_not_written

if TYPE_CHECKING:
    from kiosk.content.model import Pack

REPORT_DAYS = 30


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-01") from None


def add_commands(commands: Any) -> None:
    """`usage show`, `usage export`, `usage report`."""
    usage = commands.add_parser("usage", help="the anonymous usage counts: articles read and printed")
    actions = usage.add_subparsers(dest="usage_command", required=True)
    show = actions.add_parser("show", help="print a summary table")
    export = actions.add_parser("export", help="write the counts as CSV")
    export.add_argument("--csv", type=Path, required=True, metavar="FILE", help="the CSV file to write")
    report = actions.add_parser("report", help="write a one-page PDF report for the clinic manager")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write")
    report.add_argument("--paper", choices=("letter", "a4"), help="default: [printing] paper")
    for command, handler in ((show, command_show), (export, command_export), (report, command_report)):
        command.add_argument("--since", type=_day, metavar="DATE",
                             help="from this day on (YYYY-MM-DD; default: everything kept"
                             + (f", for report the last {REPORT_DAYS} days)" if command is report else ")"))
        command.add_argument("--config", type=Path, help="the settings file (default: as for run)")
        add_data_dir(command, "the usage counts are kept there")
        command.set_defaults(handler=handler)


def _usage_file(args: argparse.Namespace) -> Path:
    from kiosk.usage.counter import usage_path

    return usage_path(open_store(args.data_dir).data_dir)


def _kiosk_id(args: argparse.Namespace) -> str:
    from kiosk.fleet.outbox import kiosk_id
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings

    return kiosk_id(load_settings(args.config or default_settings_path()).settings.fleet_kiosk_id)


def _pack(args: argparse.Namespace) -> Pack | None:
    from kiosk.content.loader import load_pack

    return load_pack(default_content(args.data_dir)).pack


def _title(pack: Pack | None, slug: str) -> str:
    article = pack.articles.get(slug) if pack is not None else None
    return article.title if article is not None else slug


def command_show(args: argparse.Namespace) -> int:
    from kiosk.usage.measures import ALL_MEASURES, ARTICLE_OPENED, ARTICLE_READ, HANDOUT_PRINTED, VISIT
    from kiosk.usage.summary import per_day, top_articles, totals

    path = _usage_file(args)
    sums = totals(path, since=args.since)
    period = f"since {args.since.isoformat()}" if args.since else "all days kept"
    if not sums:
        print(f"No usage counted ({period}) in {path}.")
        return 0
    pack = _pack(args)
    print(f"Usage, {period} ({path}):")
    for measure in ALL_MEASURES:
        print(f"  {measure:<20} {sums.get(measure, 0):>8,}")
    for measure, heading in ((ARTICLE_OPENED, "Most opened"), (ARTICLE_READ, "Most read to the end"),
                             (HANDOUT_PRINTED, "Most printed")):
        top = top_articles(path, measure, since=args.since)
        if top:
            print(f"{heading}:")
            for slug, count in top:
                print(f"  {count:>8,}  {_title(pack, slug)}")
    days = per_day(path, VISIT, since=args.since)
    if days:
        print("Visits per day:")
        for day, count in days:
            print(f"  {day.isoformat()}  {count:>6,}")
    return 0


def command_export(args: argparse.Namespace) -> int:
    from kiosk.usage.export import write_csv
    from kiosk.usage.summary import rows

    counts = rows(_usage_file(args), since=args.since)
    try:
        write_csv(args.csv, counts, _kiosk_id(args))
    except OSError as exc:
        print(f"Could not write {args.csv}: {why_not_written(exc)}.", file=sys.stderr)
        return 1
    print(f"Wrote {len(counts)} rows to {args.csv}.")
    return 0


def command_report(args: argparse.Namespace) -> int:
    from kiosk.app import create_application
    from kiosk.handout.usage_report import UsageReportData, write_usage_report
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings
    from kiosk.usage.measures import ARTICLE_OPENED, ARTICLE_READ, HANDOUT_PRINTED, VISIT
    from kiosk.usage.summary import per_day, top_articles, totals

    create_application()
    path = _usage_file(args)
    today = date.today()
    since = args.since or today - timedelta(days=REPORT_DAYS - 1)
    pack = _pack(args)
    read = top_articles(path, ARTICLE_READ, since=since) or top_articles(path, ARTICLE_OPENED, since=since)
    data = UsageReportData(
        clinic=pack.organization.name if pack is not None else "Kiosk",
        kiosk_id=_kiosk_id(args), first_day=since, last_day=max(since, today),
        most_read=[(_title(pack, slug), count) for slug, count in read],
        most_printed=[(_title(pack, s), c) for s, c in top_articles(path, HANDOUT_PRINTED, since=since)],
        visits_per_day=per_day(path, VISIT, since=since), totals=totals(path, since=since),
    )
    paper = args.paper or load_settings(args.config or default_settings_path()).settings.paper
    try:
        write_usage_report(data, args.out, paper=paper)
    except OSError as exc:
        print(f"Could not write {args.out}: {exc}.", file=sys.stderr)
        return 1
    print(f"Wrote the usage report to {args.out}.")
    return 0
