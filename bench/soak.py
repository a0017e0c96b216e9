"""Soak: days of simulated use through the real window (default), or 10,000 quick navigations.

`--mode use` (the default) runs 72 simulated hours (`--hours N`) of a clinic's waiting room on a
hand-driven clock (ManualClock), with the whole kiosk (window, idle controller, screen hours,
staff mode, printing, content updates) offscreen inside `app.exec()`, from Monday 07:00:

- visitors arrive every few simulated minutes (random, seeded) while the clinic is open: they
  touch the screen (waking it or leaving the attract screen), open articles by tile or related
  card, read (finger drags on the kinetic page), swipe the related-articles carousel, print (the
  real confirmation card and preview, then the handout as a PDF file, deleted again), change the
  text size, contrast or language, sometimes answer "Still reading?", and walk away;
- the real idle controller asks "Still reading?", resets the kiosk, and shows the attract screen;
- quiet hours ("mon-fri 20:00-07:00", "sat,sun", set through the settings) put the screen to
  sleep each night; someone touches the dark screen once a night;
- every simulated day staff install a new version of the pack from a folder (staff panel, USB
  review and install through PackStore on the import worker's thread, then Reload content).

It prints the resident memory (RSS) every simulated hour, with what happened in it, and exits
with status 1 when RSS grew by more than 10 MB after the first hour, when one of the kiosk's
periodic actions stopped (the idle tick, the screen-hours check, the attract screen's frames, a
carousel snap animation: the clock waits for each), or when the kiosk did not do what it should
in time (reset after a visitor left, show the attract screen, sleep in quiet hours, wake after).
See bench/_use_soak.py for how simulated time is driven.

`--mode navigation` is the earlier soak: 10,000 navigations (real taps on tiles, related cards
and Back, and opens by link) after 500 to warm up, and a reset every tenth step; growth target
under 5 MB.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--hours 72] [--seed 1] [--json]
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py --mode navigation [--navigations N]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib

from _common import (
    Finger,
    Row,
    assemble_kiosk,
    emit_json,
    json_flag,
    malloc_mb,
    qt_application,
    rss_mb,
    settle,
)
from _use_soak import MAX_GROWTH_MB, START, UseSoak
from PySide6.QtCore import QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from kiosk.settings.declared import Settings
from kiosk.system.health import HealthWriter

RESET_EVERY = 10
WARM_UP = 500
NAVIGATION_GROWTH_MB = 5.0


# Qt's own warnings, counted -------------------------------------------------------------------

QT_MESSAGES: dict[str, int] = {}


def _count_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg:
        QT_MESSAGES[message] = QT_MESSAGES.get(message, 0) + 1


def _print_counted(title: str, counted: dict[str, int]) -> None:
    if counted:
        print(title)
        for message, count in sorted(counted.items(), key=lambda item: -item[1]):
            print(f"  {count:6d} x {message[:160]}")


# The simulated-use soak --------------------------------------------------------------------


def use_soak(hours: int, seed: int, as_json: bool) -> int:
    app, _family = qt_application()
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as scratch:
        clock = ManualClock()
        clock.set_local_time(START)
        kiosk = assemble_kiosk(Path(scratch), clock, settings=fleet_settings(Path(scratch)))
        kiosk.window.show()
        settle()
        soak = UseSoak(kiosk, clock, Path(scratch), hours, seed)
        print(f"{hours} simulated hours from {START:%a %Y-%m-%d %H:%M}, seed {seed}", flush=True)
        outbox = outbox_writes(kiosk, Path(scratch))
        soak.start()
        app.exec()
        outbox.timer.stop()
        kiosk.shut_down()
        kiosk.window.close()
        soak.fleet = fleet_figures(kiosk, Path(scratch))
    first, last = soak.hours[0].rss, soak.hours[-1].rss
    growth = last - first if len(soak.hours) > 1 else 0.0
    problems = list(soak.problems)
    if growth > MAX_GROWTH_MB:
        problems.append(f"RSS grew by {growth:.1f} MB after the first hour (limit {MAX_GROWTH_MB:.0f} MB)")
    _print_use_summary(soak, growth, problems)
    breakdown = _growth_breakdown()
    if as_json:
        figures = {**_use_figures(soak, growth, problems), "after_the_end": breakdown}
        emit_json("soak", figures, _use_rows(soak, growth, breakdown), ok=not problems)
    return 1 if problems else 0


# Counting and the outbox are on through the soak: the counts go to the data folder, and the
# health report (with the outbox after it) is written every real second, not every minute.
OUTBOX_EVERY_MS = 1000


def fleet_settings(scratch: Path) -> Settings:
    return Settings(fleet_outbox=str(scratch / "outbox"), fleet_kiosk_id="soak")


def outbox_writes(kiosk: Kiosk, scratch: Path) -> HealthWriter:
    assert kiosk.fleet is not None
    writer = HealthWriter(kiosk.facts, printer_setting=lambda: "", data_dir=scratch / "data", log_file=None,
                          parent=kiosk.window)
    writer.report_hooks.append(kiosk.fleet.write_outbox)
    writer.timer.setInterval(OUTBOX_EVERY_MS)
    writer.start()
    return writer


def fleet_figures(kiosk: Kiosk, scratch: Path) -> dict[str, int]:
    from kiosk.usage.summary import rows

    assert kiosk.fleet is not None
    counted = rows(kiosk.fleet.counter.path)
    return {"usage_rows": len(counted), "usage_counts": sum(r.count for r in counted),
            "outbox_writes": kiosk.fleet.outbox.writes,
            "outbox_files": sum(1 for _ in (scratch / "outbox" / "soak").iterdir())}


def _growth_breakdown() -> dict[str, float]:
    """After the last figure: how much of the memory is the kiosk's image cache (a bounded
    byte-bounded cache of decoded images) and how much is freed memory that glibc's malloc keeps."""
    import ctypes

    from kiosk.ui.widgets.images import IMAGE_CACHE

    gc.collect()
    before = rss_mb()
    heap = malloc_mb()
    cached = len(IMAGE_CACHE)
    IMAGE_CACHE.clear()
    gc.collect()
    heap_after = malloc_mb()
    image_cache = heap[0] - heap_after[0] if heap and heap_after else 0.0
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    trimmed = rss_mb()
    print(f"after the end, for diagnosis: the image cache held {cached} images, {image_cache:.1f} MB; "
          f"with it emptied, malloc_trim(0) took RSS from {before:.1f} to {trimmed:.1f} MB "
          f"(memory malloc had kept free)")
    return {"image_cache_entries": cached, "image_cache_mb": round(image_cache, 1),
            "rss_before_mb": round(before, 1), "rss_trimmed_mb": round(trimmed, 1)}


def _totals(soak: UseSoak) -> dict[str, float]:
    hours = soak.hours
    keys = ("visitors", "actions", "missed", "still_here", "swipes", "swipes_landed", "prints", "updates")
    totals: dict[str, float] = {key: sum(getattr(h, key) for h in hours) for key in keys}
    for key in ("resets", "sleeps", "attract_frames", "idle_ticks", "screen_ticks"):
        totals[key] = sum(h.deltas.get(key, 0) for h in hours)
    totals["attract_hours"] = sum(h.attract_seconds for h in hours) / 3600
    return totals


def _print_use_summary(soak: UseSoak, growth: float, problems: list[str]) -> None:
    hours = soak.hours
    hands = soak.hands
    t = _totals(soak)
    print()
    print(f"simulated {len(hours)} hours in {soak.real_seconds:.0f} s of real time")
    print(f"visitors {t['visitors']:.0f}, actions {t['actions']:.0f} (missed {t['missed']:.0f}), "
          f"\"Still reading?\" {t['still_here']:.0f}, idle resets {t['resets']:.0f}, attract screen "
          f"{t['attract_hours']:.1f} h ({t['attract_frames']:.0f} frames), swipes landed "
          f"{t['swipes_landed']:.0f}/{t['swipes']:.0f}, sleeps {t['sleeps']:.0f}, content updates "
          f"{t['updates']:.0f}")
    print(f"page flicks still coasting when the next touch came, brought to rest: {hands.pages_settled}")
    if hands.handout_sizes:
        size = statistics.median(hands.handout_sizes) / 1024
        print(f"handouts {len(hands.handout_sizes)}: PDF median {size:.1f} KB, "
              f"{statistics.median(hands.handout_seconds) * 1000:.1f} ms")
    fleet = soak.fleet
    print(f"counting and the outbox on: {fleet.get('usage_counts', 0)} counts in "
          f"{fleet.get('usage_rows', 0)} hourly rows, {fleet.get('outbox_writes', 0)} outbox writes")
    print(f"RSS after the first hour {hours[0].rss:.1f} MB, at the end {hours[-1].rss:.1f} MB, "
          f"highest {max(h.rss for h in hours):.1f} MB: growth {growth:+.1f} MB (limit +10 MB)")
    _print_counted("kiosk warnings and errors logged:", soak.log_counter.seen)
    _print_counted("Qt messages:", QT_MESSAGES)
    print(f"problems: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")


def _use_figures(soak: UseSoak, growth: float, problems: list[str]) -> dict[str, object]:
    hours = soak.hours
    return {
        "hours": len(hours), "real_seconds": round(soak.real_seconds, 1),
        "rss_first_hour_mb": round(hours[0].rss, 1), "rss_end_mb": round(hours[-1].rss, 1),
        "rss_max_mb": round(max(h.rss for h in hours), 1), "growth_mb": round(growth, 1),
        "rss_by_hour_mb": [round(h.rss, 1) for h in hours], "totals": _totals(soak),
        "problems": problems, "fleet": soak.fleet,
    }


def _use_rows(soak: UseSoak, growth: float, breakdown: dict[str, float]) -> list[Row]:
    hours = soak.hours
    t = _totals(soak)
    name = f"soak, {len(hours)} simulated hours"
    return [
        Row(f"{name}: RSS after hour 1 / at the end / highest",
            f"{hours[0].rss:.1f} / {hours[-1].rss:.1f} / {max(h.rss for h in hours):.1f} MB"),
        Row(f"{name}: RSS growth after hour 1 (counting and the outbox on)", f"{growth:+.1f} MB", "< 10 MB"),
        Row(f"{name}: usage counts kept / outbox writes",
            f"{soak.fleet.get('usage_counts', 0)} in {soak.fleet.get('usage_rows', 0)} rows / "
            f"{soak.fleet.get('outbox_writes', 0)}"),
        Row(f"{name}: at the end, image cache ({breakdown['image_cache_entries']:.0f} images) / "
            "RSS after emptying it and malloc_trim(0)",
            f"{breakdown['image_cache_mb']:.1f} MB / {breakdown['rss_trimmed_mb']:.1f} MB"),
        Row(f"{name}: visitors, resets, handouts, updates, nights",
            ", ".join(f"{t[key]:.0f}" for key in ("visitors", "resets", "prints", "updates", "sleeps"))),
        Row(f"{name}: timers (idle tick, screen hours, attract frames, carousel snaps) and the "
            "idle reset, attract, quiet-hours and update checks",
            "all on time" if not soak.problems else f"{len(soak.problems)} problem(s)", "none"),
        Row(f"{name}: real time", f"{soak.real_seconds:.0f} s"),
    ]


# The navigation soak (the first one) ---------------------------------------------------------


def navigate(kiosk: Kiosk, finger: Finger, rng: random.Random) -> None:
    window = kiosk.window
    if window.current_screen == HOME:
        tiles = window.home_page.tiles
        tile = tiles[rng.randrange(len(tiles))]
        window.home_page.scroll_area.ensureWidgetVisible(tile)
        finger.tap(tile)
        return
    choice = rng.random()
    cards = window.article_page.carousel.cards
    back = window.article_page.top_bar.back_button
    if choice < 0.4 and cards:
        window.article_page.carousel.go_to(rng.randrange(len(cards)), animate=False)
        finger.tap(cards[window.article_page.carousel.current_index])
    elif choice < 0.7 and back is not None:
        finger.tap(back)
    else:
        window.open_article(rng.choice(list(window.pack.articles)))


class NavigationSoak(QObject):
    """Steps run from a timer inside app.exec(), so Qt's event loop does its own cleaning up
    (deleteLater() only runs there) exactly as in a running kiosk."""

    def __init__(self, kiosk: Kiosk, clock: ManualClock, navigations: int) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.clock = clock
        self.total = navigations + WARM_UP
        self.step = 0
        self.resets = 0
        self.start_rss = 0.0
        self.started = time.perf_counter()
        self.finger = Finger()
        self.rng = random.Random(7)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.one_step)

    def one_step(self) -> None:
        self.step += 1
        navigate(self.kiosk, self.finger, self.rng)
        self.clock.advance(3)
        if self.step % RESET_EVERY == 0:
            self.kiosk.idle.reset()
            self.resets += self.step > WARM_UP
        if self.step == WARM_UP:
            gc.collect()
            self.start_rss = rss_mb()
            self.started = time.perf_counter()
        if self.step >= self.total:
            self.timer.stop()
            QTimer.singleShot(50, QApplication.quit)


def navigation_soak(navigations: int, as_json: bool) -> int:
    app, _family = qt_application()
    with tempfile.TemporaryDirectory() as scratch:
        clock = ManualClock()
        kiosk = assemble_kiosk(Path(scratch), clock, with_store=False)
        kiosk.window.show()
        run = NavigationSoak(kiosk, clock, navigations)
        run.timer.start()
        app.exec()
        elapsed = time.perf_counter() - run.started
        gc.collect()
        end_rss = rss_mb()
        kiosk.shut_down()
    growth = end_rss - run.start_rss
    per_navigation = 1000 * elapsed / navigations
    print(f"navigations: {navigations} (after {WARM_UP} to warm up), resets: {run.resets}")
    print(f"time: {elapsed:.1f} s ({per_navigation:.2f} ms a navigation)")
    print(f"RSS at start: {run.start_rss:.1f} MB")
    print(f"RSS at end:   {end_rss:.1f} MB")
    print(f"growth:       {growth:+.1f} MB (target: under {NAVIGATION_GROWTH_MB:.0f} MB)")
    if as_json:
        name = f"soak, {navigations:,} navigations and {run.resets:,} resets"
        emit_json("soak-navigation", {
            "navigations": navigations, "resets": run.resets, "rss_start_mb": round(run.start_rss, 1),
            "rss_end_mb": round(end_rss, 1), "growth_mb": round(growth, 1),
            "ms_per_navigation": round(per_navigation, 2),
        }, [
            Row(f"{name}: RSS growth", f"{growth:+.1f} MB ({run.start_rss:.1f} to {end_rss:.1f})",
                f"< {NAVIGATION_GROWTH_MB:.0f} MB"),
            Row(f"{name}: time per navigation", f"{per_navigation:.1f} ms"),
        ])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mode", choices=("use", "navigation"), default="use")
    parser.add_argument("--hours", type=int, default=72, help="simulated hours (mode use)")
    parser.add_argument("--seed", type=int, default=1, help="visitors' random seed (mode use)")
    parser.add_argument("--navigations", type=int, default=10_000, help="(mode navigation)")
    json_flag(parser)
    args = parser.parse_args()
    qInstallMessageHandler(_count_qt_message)
    if args.mode == "navigation":
        sys.exit(navigation_soak(args.navigations, args.json))
    sys.exit(use_soak(max(1, args.hours), args.seed, args.json))


if __name__ == "__main__":
    main()
