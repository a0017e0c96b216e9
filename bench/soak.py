"""Soak: 10,000 navigations and 1,000 resets through the real window; memory at start and end.

Builds the whole kiosk (window, idle controller, staff mode) on the bundled pack, offscreen,
with a hand-driven clock. Each navigation is a real tap (a tile, a related card, Back) or a
direct open by link; every tenth step the kiosk resets, as the idle timer would. Prints the
resident memory (RSS) after a warm-up and at the end, and the growth (target: under 5 MB).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--navigations N]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import Kiosk, assemble, create_application, load_content
from kiosk.core.clock import ManualClock
from kiosk.core.navigation import HOME
from kiosk.core.settings import Settings
from kiosk.core.settings_store import SettingsStore
from kiosk.paths import bundled_content_dir

RESET_EVERY = 10
WARM_UP = 500


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Finger:
    """Real touch taps, as the tests send them."""

    def __init__(self) -> None:
        self.device: QPointingDevice = QTest.createTouchDevice()
        self.next_id = 1

    def tap(self, widget: QWidget) -> None:
        window = widget.window()
        at = widget.mapTo(window, widget.rect().center())
        self.next_id += 1
        QTest.touchEvent(window, self.device).press(self.next_id, at, window).commit()
        QTest.touchEvent(window, self.device).release(self.next_id, at, window).commit()
        QApplication.processEvents()


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
        slugs = list(window.pack.articles)
        window.open_article(rng.choice(slugs))


class Soak:
    """Steps run from a timer inside app.exec(), so Qt's event loop does its own cleaning up
    (deleteLater() only runs there) exactly as in a running kiosk."""

    def __init__(self, kiosk: Kiosk, clock: ManualClock, navigations: int) -> None:
        self.kiosk = kiosk
        self.clock = clock
        self.total = navigations + WARM_UP
        self.step = 0
        self.resets = 0
        self.start_rss = 0.0
        self.started = time.perf_counter()
        self.finger = Finger()
        self.rng = random.Random(7)
        self.timer = QTimer()
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


def soak(navigations: int) -> None:
    app, family = create_application()
    pack = load_content(None)
    with tempfile.TemporaryDirectory() as scratch:
        store = SettingsStore(Settings(), Path(scratch) / "settings.toml")
        clock = ManualClock()
        kiosk = assemble(app, pack, family, QSize(1920, 1080), settings=store, clock=clock,
                         content_source=bundled_content_dir())
        kiosk.window.show()
        run = Soak(kiosk, clock, navigations)
        run.timer.start()
        app.exec()
        elapsed = time.perf_counter() - run.started
        gc.collect()
        end_rss = rss_mb()
        kiosk.shut_down()
    print(f"navigations: {navigations} (after {WARM_UP} to warm up), resets: {run.resets}")
    print(f"time: {elapsed:.1f} s ({1000 * elapsed / navigations:.2f} ms a navigation)")
    print(f"RSS at start: {run.start_rss:.1f} MB")
    print(f"RSS at end:   {end_rss:.1f} MB")
    print(f"growth:       {end_rss - run.start_rss:+.1f} MB (target: under 5 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--navigations", type=int, default=10_000)
    soak(parser.parse_args().navigations)


if __name__ == "__main__":
    main()
