"""The staff panel's "Usage" section: the ten most-read articles of the last 30 days as a bar
chart, handouts printed, visits per day, and "Export to USB" (the counts as CSV on the stick)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.content.model import Pack
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.panel import StaffSection
from kiosk.ui.widgets.bar_chart import BarChart
from kiosk.ui.widgets.labels import make_label
from kiosk.usage.export import csv_name, write_csv
from kiosk.usage.measures import ARTICLE_OPENED, ARTICLE_READ, HANDOUT_PRINTED, VISIT
from kiosk.usage.summary import per_day, rows, top_articles, totals

log = logging.getLogger(__name__)
DAYS = 30
VISIT_DAYS = 7


def article_title(pack: Pack, slug: str) -> str:
    article = pack.articles.get(slug)
    return article.title if article is not None else f"{slug} (not in this pack)"


class UsageSection(StaffSection):
    title = "Usage"

    def __init__(
        self, theme: Theme, *, usage_file: Path, kiosk_id: Callable[[], str], pack: Callable[[], Pack],
        sticks: Callable[[], Sequence[Path]], today: Callable[[], date] = date.today,
        counting: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(theme)
        self.usage_file = usage_file
        self.kiosk_id = kiosk_id
        self.pack = pack
        self.sticks = sticks
        self.today = today
        self.counting = counting
        self.intro = make_label("", "summary")
        self.body.addWidget(self.intro)
        self.chart = BarChart(theme, empty_text="No article has been read in the last 30 days.")
        self.body.addWidget(self.chart)
        self.figures = make_label("", "")
        self.body.addWidget(self.figures)
        self.export_button = self.button("Export to USB")
        self.export_button.clicked.connect(self.export)
        self.body.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = make_label("", "staff-message")
        self.message.hide()
        self.body.addWidget(self.message)

    def refresh(self) -> None:
        since = self.today() - timedelta(days=DAYS - 1)
        pack = self.pack()
        read = top_articles(self.usage_file, ARTICLE_READ, since=since)
        opened = top_articles(self.usage_file, ARTICLE_OPENED, since=since)
        self.intro.setText(
            ("Most-read articles of the last 30 days (read to the end):" if read else
             "Most-opened articles of the last 30 days:")
            + ("" if self.counting() else " Counting is turned off in the settings.")
        )
        self.chart.set_bars([(article_title(pack, slug), count) for slug, count in (read or opened)])
        sums = totals(self.usage_file, since=since)
        week = self.today() - timedelta(days=VISIT_DAYS - 1)
        visits = dict(per_day(self.usage_file, VISIT, since=week))
        days = [week + timedelta(days=n) for n in range(VISIT_DAYS)]
        visit_line = ", ".join(f"{day:%a} {visits.get(day, 0)}" for day in days)
        self.figures.setText(
            f"Handouts printed in 30 days: {sums.get(HANDOUT_PRINTED, 0)}\n"
            f"Visits in 30 days: {sums.get(VISIT, 0)}\n"
            f"Visits per day this week: {visit_line}"
        )
        self.message.hide()

    def export(self) -> None:
        sticks = list(self.sticks())
        if not sticks:
            self._say("Insert a USB stick first, then tap Export to USB again.")
            return
        identity = self.kiosk_id()
        target = sticks[0] / csv_name(identity, self.today())
        counts = rows(self.usage_file)
        try:
            write_csv(target, counts, identity)
        except OSError as error:
            log.warning("usage export to %s failed: %s", target, error)
            self._say(f"The counts could not be written to {target} ({error.strerror or error}). "
                      "Is the stick full, locked or removed?")
            return
        log.info("usage counts exported to %s (%d rows)", target, len(counts))
        self._say(f"Saved {target.name} on {sticks[0]} ({len(counts)} rows). You can remove the stick.")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
