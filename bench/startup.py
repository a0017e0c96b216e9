"""Start-up and navigation figures: the kiosk against a bare PySide6 window (the floor).

Prints the median over 5 runs of (a) process start to the home screen's first paint with the
bundled pack (in a data folder of its own, the pack compiled as after a kiosk's first day; the
very first start, before it is, is printed too), (b) the same for a bare window with one
QTextBrowser, (c) their ratio, (d) peak memory (RSS) of the kiosk, and the median time from a
tap on a tile to the article painted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--json]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, emit_json, json_flag

RUNS = 5
REPO = Path(__file__).resolve().parent.parent

FLOOR_PROGRAM = """
import sys
from PySide6.QtWidgets import QApplication, QTextBrowser
app = QApplication(sys.argv[:1])
browser = QTextBrowser()
browser.setHtml("<h1>Floor</h1><p>One rich-text browser.</p>")
browser.resize(1920, 1080)
from PySide6.QtCore import QObject, QEvent
class Filter(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            app.quit()
        return False
f = Filter()
browser.viewport().installEventFilter(f)
browser.show()
app.exec()
"""

PREPARE_PROGRAM = """
import sys
from pathlib import Path
from kiosk.library.shelf import Shelf
from kiosk.system.paths import bundled_content_dir
assert Shelf(Path(sys.argv[1])).prepare(bundled_content_dir())
"""

TAP_PROGRAM = """
import statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from kiosk.app import build_window, create_application, load_content
app, family = create_application()
window = build_window(load_content(Path("content")), family, QSize(1920, 1080))
window.show()
app.processEvents()
times = []
painted = []
window.article_painted.connect(lambda: painted.append(time.perf_counter()))
for slug in list(window.pack.articles) * 5:
    window.go_home(); app.processEvents()
    tile = next(t for t in window.home_page.tiles if t.slug == slug)
    painted.clear()
    start = time.perf_counter()
    tile.click()
    while not painted:
        app.processEvents()
    times.append(painted[0] - start)
print(f"{statistics.median(times) * 1000:.1f}")
"""


def _child_env() -> dict[str, str]:
    from _common import child_env

    return child_env()


def time_to_first_paint(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, env=_child_env(), capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    json_flag(parser)
    as_json = parser.parse_args().json
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-startup-"))
    kiosk = [sys.executable, "-m", "kiosk", "run", "--windowed", "--size", "1920x1080", "--quit-after-paint",
             "--data-dir", str(scratch / "data"), "--log-dir", str(scratch / "log"),
             "--config", str(scratch / "settings.toml")]
    floor = [sys.executable, "-c", FLOOR_PROGRAM]
    # A kiosk's own data folder, nothing installed: the bundled pack, compiled as after its
    # first day (a first start reads it from its folder and compiles it once the home is up).
    first_start = time_to_first_paint(kiosk)
    subprocess.run([sys.executable, "-c", PREPARE_PROGRAM, str(scratch / "data")], check=True, cwd=REPO,
                   env=_child_env())
    kiosk_times = [time_to_first_paint(kiosk) for _ in range(RUNS)]
    floor_times = [time_to_first_paint(floor) for _ in range(RUNS)]
    shutil.rmtree(scratch, ignore_errors=True)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tap = subprocess.run(
        [sys.executable, "-c", TAP_PROGRAM], check=True, cwd=REPO, env=_child_env(),
        capture_output=True, text=True,
    )
    kiosk_median = statistics.median(kiosk_times)
    floor_median = statistics.median(floor_times)
    print(f"first start, the pack not compiled yet: {first_start * 1000:.0f} ms")
    print(f"start-up to home painted (median of {RUNS}): {kiosk_median * 1000:.0f} ms")
    print(f"bare PySide6 + QTextBrowser floor (median of {RUNS}): {floor_median * 1000:.0f} ms")
    print(f"ratio: {kiosk_median / floor_median:.2f}x (target <= 2x)")
    print(f"peak RSS of any child process: {peak_rss_mb:.0f} MB (target < 150 MB)")
    print(f"tap on a tile to article painted (median): {tap.stdout.strip()} ms (target < 50 ms)")
    if as_json:
        ratio = kiosk_median / floor_median
        emit_json("startup", {
            "kiosk_ms": round(kiosk_median * 1000), "floor_ms": round(floor_median * 1000),
            "first_start_ms": round(first_start * 1000), "ratio": round(ratio, 2),
            "peak_rss_mb": round(peak_rss_mb), "tap_ms": float(tap.stdout.strip()),
        }, [
            Row("start-up: the first, before the bundled pack is compiled", f"{first_start * 1000:.0f} ms"),
            Row(f"start-up: process start to home painted (median of {RUNS})",
                f"{kiosk_median * 1000:.0f} ms"),
            Row(f"start-up: bare PySide6 window with one QTextBrowser, the floor (median of {RUNS})",
                f"{floor_median * 1000:.0f} ms"),
            Row("start-up: ratio kiosk / floor", f"{ratio:.2f}x", "<= 2x"),
            Row("start-up: peak RSS of any child process", f"{peak_rss_mb:.0f} MB", "< 150 MB"),
            Row("tap on a tile to the article painted (median of 20)", f"{tap.stdout.strip()} ms", "< 50 ms"),
        ])


if __name__ == "__main__":
    main()
