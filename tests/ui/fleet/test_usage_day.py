"""A scripted day of visitors through the real window gives exactly the counts expected, and
two visitors who read the same articles in opposite order leave byte-identical counts."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.usage.summary import rows
from tests.helpers.kiosk_fixtures import settle_layout
from tests.helpers.touch import tap
from tests.ui.shell.test_idle_controller import DUAL, open_article_by_touch, wait

FENTANYL = "what-is-synthetic-fentanyl"
CRISIS = "americas-opioid-crisis"


def counts(kiosk: Kiosk) -> dict[tuple[str, str], int]:
    assert kiosk.fleet is not None
    return {(r.article, r.measure): r.count for r in rows(kiosk.fleet.counter.path)}


def walk_away(kiosk: Kiosk) -> None:
    """The visitor leaves: the question, its countdown, the reset (slow readers get longer),
    later the attract screen."""
    wait(kiosk, 600)
    assert kiosk.window.is_at_rest()


def walk_up(kiosk: Kiosk, qtbot) -> None:
    """The next visitor's first touch ends the attract screen (and taps nothing else)."""
    assert kiosk.idle.attract.isVisible()
    tap(kiosk.idle.attract)
    qtbot.waitUntil(lambda: not kiosk.idle.attract.isVisible())


def go_home(kiosk: Kiosk, qtbot) -> None:
    button = kiosk.window.article_page.top_bar.home_button
    assert button is not None
    tap(button)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home")


def scroll_to_the_end(kiosk: Kiosk) -> None:
    bar = kiosk.window.article_page.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()


def test_a_scripted_day_gives_exactly_the_counts_expected(make_kiosk, qtbot, usb_stick) -> None:
    kiosk = make_kiosk()
    assert kiosk.fleet is not None
    kiosk.fleet.usage.timer.setInterval(1)
    # Visitor 1: opens the dual-diagnosis article, scrolls to its end, goes home, opens another
    # and leaves at once.
    open_article_by_touch(kiosk, qtbot, DUAL)
    scroll_to_the_end(kiosk)
    go_home(kiosk, qtbot)
    open_article_by_touch(kiosk, qtbot, FENTANYL)
    walk_away(kiosk)
    # Visitor 2: larger text twice, high contrast, Spanish, then reads an article for as long as
    # a slow reader needs (no scrolling).
    walk_up(kiosk, qtbot)
    for button in ("text_size_button", "text_size_button", "contrast_button", "language_button"):
        tap(getattr(kiosk.window.home_page.top_bar, button))  # each rebuilds the pages
        settle_layout(qtbot)
    window = kiosk.window
    assert (window.text_scale, window.high_contrast, window.pack.language) == (1.5, True, "es")
    open_article_by_touch(kiosk, qtbot, CRISIS)
    assert counts(kiosk).get((CRISIS, "article_read")) is None
    needs = kiosk.fleet.usage._reading_needs
    assert needs > 60
    for _ in range(int(needs // 60)):  # reading, touching the screen now and then
        wait(kiosk, 60)
        tap(kiosk.window.article_page.title)
    assert counts(kiosk).get((CRISIS, "article_read")) is None
    wait(kiosk, needs % 60 + 1)
    qtbot.waitUntil(lambda: counts(kiosk).get((CRISIS, "article_read")) == 1)
    walk_away(kiosk)
    # Nobody for an hour: resets and the attract screen count nothing.
    wait(kiosk, 900)
    # Visitor 3: a touch ends the attract screen, then the dual-diagnosis article again, left
    # before it is read.
    walk_up(kiosk, qtbot)
    open_article_by_touch(kiosk, qtbot, DUAL)
    walk_away(kiosk)
    assert counts(kiosk) == {
        ("", "visit"): 3,
        ("", "text_size_switched"): 2,
        ("", "contrast_switched"): 1,
        ("", "language_switched"): 1,
        (DUAL, "article_opened"): 2,
        (DUAL, "article_read"): 1,
        (FENTANYL, "article_opened"): 1,
        (CRISIS, "article_opened"): 1,
        (CRISIS, "article_read"): 1,
    }
    hours = {r.hour for r in rows(kiosk.fleet.counter.path)}
    assert hours == {"2026-11-27T14:00"}
    # Staff export the day to a stick from the Usage section.
    usage, _office = kiosk.fleet.staff_sections(kiosk.window.theme, lambda: [usb_stick])
    usage.refresh()
    assert usage.chart.bars == [  # read to the end; ties in the order of their slugs
        ("America's opioid crisis", 1),
        ("Understanding a dual diagnosis: heroin dependency and depression", 1),
    ]
    tap(usage.export_button) if usage.isVisible() else usage.export()
    exported = list(usb_stick.glob("kiosk-usage-*-*.csv"))
    assert len(exported) == 1, usage.message.text()
    with exported[0].open(newline="", encoding="utf-8") as stream:
        table = list(csv.DictReader(stream))
    assert {(r["article"], r["measure"]): int(r["count"]) for r in table} == counts(kiosk)
    assert {r["pack_id"] for r in table} == {"raleigh-house"}


def opposite_paths(kiosk: Kiosk, qtbot, first: list[str]) -> Path:
    for path in (first, list(reversed(first))):
        if kiosk.idle.attract.isVisible():
            walk_up(kiosk, qtbot)
        for slug in path:
            open_article_by_touch(kiosk, qtbot, slug)
            go_home(kiosk, qtbot)
        walk_away(kiosk)
    assert kiosk.fleet is not None
    kiosk.shut_down()  # its input watch must not count the next kiosk's visitors
    return kiosk.fleet.counter.path


def test_visitors_paths_cannot_be_told_apart_in_the_counts_file(
    make_kiosk, qtbot, tmp_path, data_dir
) -> None:
    one = opposite_paths(make_kiosk(), qtbot, [DUAL, FENTANYL, CRISIS]).read_bytes()
    data_dir.rename(tmp_path / "first-data")
    other = opposite_paths(make_kiosk(), qtbot, [CRISIS, FENTANYL, DUAL]).read_bytes()
    assert one == other
