"""Handout figures: how long one printable PDF takes to make, and how large it is.

Prints the median time to produce one handout PDF in a running kiosk process (fonts already
registered, as when a visitor taps Print), over 10 rounds of every article of the bundled pack
on letter paper, with the first article's first call (which registers the fonts) shown apart; the
median and largest PDF size; and the median wall time of `kiosk handout` as a fresh process.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/handout.py [--json]
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

from _common import Row, emit_json, json_flag

ROUNDS = 10
CLI_RUNS = 5
REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    json_flag(parser)
    as_json = parser.parse_args().json
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.content.loader import load_pack
    from kiosk.handout.pdf import handout_pdf_bytes

    _app = QGuiApplication(sys.argv[:1])
    pack = load_pack(REPO / "content").pack
    assert pack is not None
    slugs = [article.slug for article in pack.ordered_articles()]

    start = time.perf_counter()
    handout_pdf_bytes(pack, slugs[0])
    first_call = time.perf_counter() - start

    times: list[float] = []
    sizes: list[int] = []
    for _ in range(ROUNDS):
        for slug in slugs:
            start = time.perf_counter()
            data = handout_pdf_bytes(pack, slug)
            times.append(time.perf_counter() - start)
            sizes.append(len(data))

    cli = [cli_seconds(slugs[0]) for _ in range(CLI_RUNS)]
    print(f"one handout PDF, in process (median of {len(times)}): "
          f"{statistics.median(times) * 1000:.1f} ms (target < 200 ms)")
    print(f"first handout in a process (registers the fonts): {first_call * 1000:.1f} ms")
    print(f"PDF size: median {statistics.median(sizes) / 1024:.1f} KB, "
          f"largest {max(sizes) / 1024:.1f} KB (target < 300 KB)")
    print(f"`kiosk handout SLUG --out FILE` as a new process (median of {CLI_RUNS}): "
          f"{statistics.median(cli) * 1000:.0f} ms")
    if as_json:
        median_ms = statistics.median(times) * 1000
        size_kb, largest_kb = statistics.median(sizes) / 1024, max(sizes) / 1024
        emit_json("handout", {
            "median_ms": round(median_ms, 1), "first_ms": round(first_call * 1000, 1),
            "median_kb": round(size_kb, 1), "largest_kb": round(largest_kb, 1),
            "cli_ms": round(statistics.median(cli) * 1000),
        }, [
            Row(f"handout PDF, in process (median of {len(times)})", f"{median_ms:.1f} ms", "< 200 ms"),
            Row("handout PDF size, median / largest", f"{size_kb:.1f} KB / {largest_kb:.1f} KB", "< 300 KB"),
            Row(f"`kiosk handout SLUG --out FILE` as a new process (median of {CLI_RUNS})",
                f"{statistics.median(cli) * 1000:.0f} ms"),
        ])


def cli_seconds(slug: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "kiosk", "handout", slug, "--out", str(Path(folder) / "h.pdf")]
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=REPO, capture_output=True)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
