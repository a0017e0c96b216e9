"""What a library costs: packs of 10, 100 and 1,000 articles in 8 topics (photo-sized
pictures, a few distinct ones reused), measured side by side in one run.

Start-up (process start to the home screen painted) and peak memory come from real `kiosk run`
processes on each pack, compiled first (as an install or the first start compiles it), taken in
turns with the bare-Qt floor of bench/startup.py so that a busy moment weighs on all alike.
Tap to topic page, key to search results and opening every article are measured in one kiosk
on the 1,000-article pack, through the real window and real touch input.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/library.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, Finger, Row, child_env, emit_json, json_flag, qt_application, rss_mb, settle
from _library_pack import generate
from startup import FLOOR_PROGRAM

SIZES = (10, 100, 1000)
QUERIES = ("diabetes", "blood pressure", "vaccines", "presure", "sleep")


def run_child(command: list[str]) -> tuple[float, float]:
    """(seconds from start to exit, peak RSS in MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def kiosk_command(pack: Path, data: Path) -> list[str]:
    return [sys.executable, "-m", "kiosk", "run", "--windowed", "--size", "1920x1080",
            "--quit-after-paint", "--content", str(pack), "--data-dir", str(data),
            "--log-dir", str(data / "log"), "--config", str(data / "settings.toml")]


def compile_time(pack: Path, data: Path) -> float:
    """Reading the pack whole and compiling it (what an install does), in seconds."""
    from kiosk.content.loader import load_pack
    from kiosk.library.shelf import Shelf

    start = time.perf_counter()
    loaded = load_pack(pack).pack
    assert loaded is not None
    Shelf(data).compile(loaded)
    return time.perf_counter() - start


def validate_time(pack: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kiosk", "validate", str(pack)], cwd=REPO, env=child_env(),
                   check=True, capture_output=True)
    return time.perf_counter() - start


def in_window(pack: Path, data: Path) -> dict[str, float]:
    """Topic taps, search keys and every article opened, in one kiosk on the compiled pack."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSize

    from kiosk.app import assemble
    from kiosk.library.shelf import Shelf
    from kiosk.rules.clock import ManualClock
    from kiosk.settings.declared import Settings
    from kiosk.settings.store import SettingsStore

    app, family = qt_application()
    compiled = Shelf(data).open(pack)
    assert compiled is not None
    kiosk = assemble(app, compiled, family, QSize(1920, 1080),
                     settings=SettingsStore(Settings(), data / "bench-settings.toml"),
                     clock=ManualClock(), content_source=pack)
    window = kiosk.window
    window.show()
    settle()
    finger = Finger()
    painted: list[float] = []
    window.page_painted.connect(lambda: painted.append(time.perf_counter()))

    def timed(action: object) -> float:
        painted.clear()
        start = time.perf_counter()
        action()  # type: ignore[operator]
        deadline = start + 5
        while not painted and time.perf_counter() < deadline:
            app.processEvents()
        return (painted[0] if painted else deadline) - start

    topic_ms = []
    for tile in list(window.home_page.topic_tiles) * 2:
        window.go_home()
        settle(1, 1)
        current = next(t for t in window.home_page.topic_tiles if t.topic_id == tile.topic_id)
        topic_ms.append(timed(lambda current=current: finger.tap(current)) * 1000)
    window.open_search()
    settle()
    page = window.search_page
    assert page is not None
    key_ms = []
    for query in QUERIES:
        page.clear()
        settle(1, 1)
        for letter in query:
            key = page.keyboard.key_for(letter)
            key_ms.append(timed(lambda key=key: finger.tap(key)) * 1000)
    window.go_home()
    slugs = window.pack.articles.ordered_slugs(window.day)
    growth_from = 0.0
    for index, slug in enumerate(slugs):
        window.open_article(slug)
        app.processEvents()
        window.go_home()
        # What the running kiosk's event loop does after each event: delete the widgets handed
        # to deleteLater (the last article's statistic cards). processEvents alone does not.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if index == 49:
            app.processEvents()
            growth_from = rss_mb()
    app.processEvents()
    opened_growth = rss_mb() - growth_from
    kiosk.shut_down()
    return {
        "topic_median_ms": statistics.median(topic_ms), "topic_worst_ms": max(topic_ms),
        "key_median_ms": statistics.median(key_ms), "key_worst_ms": max(key_ms),
        "opened": len(slugs), "opened_growth_mb": opened_growth,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups per pack (median)")
    json_flag(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-library-") as folder:
        scratch = Path(folder)
        packs = {size: generate(scratch / f"pack-{size}", size).root for size in SIZES}
        data = {size: scratch / f"data-{size}" for size in SIZES}
        compiled = {size: compile_time(packs[size], data[size]) for size in SIZES}
        validated = validate_time(packs[1000])
        floor = [sys.executable, "-c", FLOOR_PROGRAM]
        for size in SIZES:
            run_child(kiosk_command(packs[size], data[size]))  # warm the file cache
        starts: dict[object, list[float]] = {size: [] for size in SIZES}
        starts["floor"] = []
        peaks: dict[object, float] = {}
        for _ in range(args.runs):  # in turns: a busy moment weighs on every figure alike
            for size in SIZES:
                seconds, peak = run_child(kiosk_command(packs[size], data[size]))
                starts[size].append(seconds)
                peaks[size] = max(peaks.get(size, 0.0), peak)
            starts["floor"].append(run_child(floor)[0])
        median = {key: statistics.median(values) * 1000 for key, values in starts.items()}
        window = in_window(packs[1000], data[1000])
    ratio_sizes = median[1000] / median[10]
    ratio_floor = max(median[size] for size in SIZES) / median["floor"]
    rss_growth = peaks[1000] - peaks[10]
    rows = [
        *(Row(f"library: start-up to home painted, {size:,} articles (median of {args.runs})",
              f"{median[size]:.0f} ms") for size in SIZES),
        Row("library: bare PySide6 window, the floor (median, in turns)", f"{median['floor']:.0f} ms"),
        Row("library: start-up, 1,000 articles / 10 articles", f"{ratio_sizes:.2f}x", "<= 1.1x"),
        Row("library: start-up, the largest / the floor", f"{ratio_floor:.2f}x", "<= 2x"),
        Row("library: peak RSS at 1,000 articles minus at 10",
            f"{rss_growth:+.1f} MB ({peaks[10]:.0f} to {peaks[1000]:.0f})", "<= 10 MB"),
        Row("library: tap on a topic to the topic page painted, 1,000 articles (median / worst)",
            f"{window['topic_median_ms']:.1f} / {window['topic_worst_ms']:.1f} ms", "<= 50 ms"),
        Row("library: key on the on-screen keyboard to results painted, 1,000 (median / worst)",
            f"{window['key_median_ms']:.1f} / {window['key_worst_ms']:.1f} ms", "<= 16 / 50 ms"),
        *(Row(f"library: building the compiled form, {size:,} articles (reading the pack too)",
              f"{compiled[size]:.1f} s", "<= 10 s" if size == 1000 else "") for size in SIZES),
        Row("library: kiosk validate, 1,000 articles", f"{validated:.1f} s", "<= 3 s"),
        Row(f"library: opening all {window['opened']:.0f} articles: RSS growth after the first 50",
            f"{window['opened_growth_mb']:+.1f} MB", "<= 5 MB"),
    ]
    for row in rows:
        print(f"{row.figure}: {row.value}" + (f" (target {row.target})" if row.target else ""))
    if args.json:
        figures: dict[str, float] = {f"startup_{k}_ms": round(v) for k, v in median.items()}
        figures |= {"ratio_sizes": round(ratio_sizes, 2), "ratio_floor": round(ratio_floor, 2),
                    "rss_growth_mb": round(rss_growth, 1), "validate_s": round(validated, 2)}
        figures |= {key: round(value, 1) for key, value in window.items()}
        figures |= {f"compile_{size}_s": round(seconds, 2) for size, seconds in compiled.items()}
        emit_json("library", figures, rows)


if __name__ == "__main__":
    main()
