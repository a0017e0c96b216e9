"""Carousel frames: how long each frame of a swipe along the related-articles carousel takes to paint.

The whole kiosk (as `kiosk run` assembles it, with its application-wide input watch) at
1920x1080 offscreen, on an article with three related articles. Each swipe is a real touch:
press on the card, six moves over 45% of a card's width (the carousel follows the finger), lift;
the carousel then snaps to the next card with its 260 ms animation. Every frame is one
UpdateRequest to the window, in which Qt paints what changed into the window's backing store and
flushes it; an event filter on the window times each one from delivery to return. After two
swipes to warm up, 20 swipes (forward to the last card, back to the first, and again).

Prints the median and worst frame time during the snap animations (the target: one frame in a
60 Hz refresh, 16.7 ms) and while following the finger, and how many frames each animation had.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/carousel.py [--swipes 20] [--json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import Finger, Row, assemble_kiosk, emit_json, json_flag, qt_application, settle
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.rules.clock import ManualClock
from kiosk.ui.widgets.carousel import Carousel

WARM_UP = 2
FRAME_BUDGET_MS = 1000 / 60
SETTLE_TIMEOUT_S = 3.0


class FrameTimer(QObject):
    """Times each UpdateRequest (one painted frame) delivered to the window, into `phase`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.frames: dict[str, list[float]] = {"drag": [], "snap": []}
        self.phase: str | None = None
        self._inside = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (self._inside or self.phase is None or watched is not self.window
                or event.type() != QEvent.Type.UpdateRequest):
            return False
        self._inside = True
        try:
            start = time.perf_counter()
            QApplication.sendEvent(self.window, QEvent(QEvent.Type.UpdateRequest))
            self.frames[self.phase].append((time.perf_counter() - start) * 1000)
        finally:
            self._inside = False
        return True  # painted above; the original request has nothing left to do


def wait_until_settled(carousel: Carousel) -> None:
    """Run the event loop (the animation's timer) until the carousel rests on a card."""
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)

    def check() -> None:
        if carousel.is_settled:
            loop.quit()

    poll.timeout.connect(check)
    QTimer.singleShot(int(SETTLE_TIMEOUT_S * 1000), loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    if not carousel.is_settled:
        raise RuntimeError(f"the carousel did not settle within {SETTLE_TIMEOUT_S} s")


def swipe(finger: Finger, carousel: Carousel, timer: FrameTimer, forward: bool) -> int:
    """One swipe; returns how many frames its snap animation painted."""
    distance = round(carousel.card_width * 0.45)
    before = len(timer.frames["snap"])
    timer.phase = "drag"
    finger.drag(carousel.viewport, -distance if forward else distance, 0)
    timer.phase = "snap"
    wait_until_settled(carousel)
    timer.phase = None
    return len(timer.frames["snap"]) - before


def directions(count: int, cards: int) -> list[bool]:
    """Forward to the last card, back to the first, and so on."""
    result: list[bool] = []
    index = 0
    forward = True
    for _ in range(count):
        if index == cards - 1:
            forward = False
        elif index == 0:
            forward = True
        result.append(forward)
        index += 1 if forward else -1
    return result


def measure(swipes: int) -> tuple[dict[str, list[float]], list[int], str]:
    qt_application()
    with tempfile.TemporaryDirectory(prefix="kiosk-carousel-") as scratch:
        kiosk = assemble_kiosk(Path(scratch), ManualClock(), with_store=False)
        window = kiosk.window
        window.show()
        slug = next(a.slug for a in window.pack.ordered_articles() if len(a.related) >= 3)
        window.open_article(slug)
        settle(rounds=5, wait_ms=20)
        carousel = window.article_page.carousel
        if carousel.viewport.visibleRegion().isEmpty():
            raise RuntimeError("the related-articles carousel is out of view on this screen")
        finger = Finger()
        timer = FrameTimer(window)
        plan = directions(WARM_UP + swipes, len(carousel.cards))
        for forward in plan[:WARM_UP]:
            swipe(finger, carousel, timer, forward)
        timer.frames = {"drag": [], "snap": []}
        per_swipe = [swipe(finger, carousel, timer, forward) for forward in plan[WARM_UP:]]
        kiosk.shut_down()
        window.close()
    return timer.frames, per_swipe, slug


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--swipes", type=int, default=20)
    json_flag(parser)
    args = parser.parse_args()
    frames, per_swipe, slug = measure(args.swipes)
    snap, drag = frames["snap"], frames["drag"]
    snap_median, snap_worst = statistics.median(snap), max(snap)
    print(f"article {slug}, 1920x1080, {args.swipes} swipes after {WARM_UP} to warm up")
    print(f"snap animation: {len(snap)} frames ({statistics.median(per_swipe):.0f} a swipe); paint "
          f"median {snap_median:.2f} ms, worst {snap_worst:.2f} ms (budget {FRAME_BUDGET_MS:.1f} ms)")
    print(f"following the finger: {len(drag)} frames; paint median {statistics.median(drag):.2f} ms, "
          f"worst {max(drag):.2f} ms")
    if args.json:
        emit_json("carousel", {
            "swipes": args.swipes, "snap_frames": len(snap), "snap_median_ms": round(snap_median, 2),
            "snap_worst_ms": round(snap_worst, 2), "drag_frames": len(drag),
            "drag_median_ms": round(statistics.median(drag), 2), "drag_worst_ms": round(max(drag), 2),
            "frames_per_swipe": statistics.median(per_swipe),
        }, [
            Row(f"carousel swipe, 1920x1080: snap-animation frame paint, median / worst "
                f"({len(snap)} frames, {args.swipes} swipes)",
                f"{snap_median:.2f} / {snap_worst:.2f} ms", f"< {FRAME_BUDGET_MS:.1f} ms"),
            Row("carousel swipe: finger-following frame paint, median / worst",
                f"{statistics.median(drag):.2f} / {max(drag):.2f} ms", f"< {FRAME_BUDGET_MS:.1f} ms"),
        ])


if __name__ == "__main__":
    main()
