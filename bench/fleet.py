"""Fleet figures: what the office's inbox and the usage counts cost a kiosk.

- one inbox pass with nothing to do (an inbox holding three packs already dealt with, and an
  empty one), the median of many: the kiosk looks every minute, and it must cost nothing
  (target <= 5 ms);
- a signed pack complete in the inbox (settled) to installed and shown: the inbox watcher's
  pass on its thread (read whole, copied, checked, switched) and the kiosk showing it from the
  home screen, on the bundled pack made 40 times larger (160 articles), and how much of it is
  the UI thread's (loading the pack and building its pages: the rest runs on the pass's
  thread). The settle time (30 s by default) comes before this by design;
- counting one article view: one `count()`, a transaction of its own in WAL mode (target <= 1 ms).

The RSS growth of the 72-hour soak with counting and the outbox on is bench/soak.py's row.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/fleet.py [--json]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from _common import Row, emit_json, json_flag, settle  # noqa: E402 (after the path to the kiosk)

PASSES = 2000
COUNTS = 2000
INSTALLS = 5
SETTLED_AGO_S = 120.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    json_flag(parser)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-fleet-", dir="/var/tmp") as scratch:
        work = Path(scratch)
        key = make_key(work)
        idle_pass, empty_pass = nothing_to_do(work / "idle", key)
        install_ms, ui_ms = pack_to_shown(work / "install", key)
        count_ms = one_count(work / "count")
    print(f"inbox pass, nothing to do (3 packs dealt with / empty inbox; median of {PASSES}): "
          f"{idle_pass:.3f} ms / {empty_pass:.3f} ms (target <= 5 ms)")
    print(f"signed pack settled in the inbox -> installed and shown (median of {INSTALLS}): "
          f"{install_ms:.0f} ms, of which {ui_ms:.0f} ms on the UI thread")
    print(f"counting one article view (median of {COUNTS}): {count_ms:.3f} ms (target <= 1 ms)")
    if args.json:
        emit_json("fleet", {
            "inbox_pass_ms": round(idle_pass, 3), "inbox_pass_empty_ms": round(empty_pass, 3),
            "inbox_to_shown_ms": round(install_ms), "inbox_show_on_ui_ms": round(ui_ms),
            "count_ms": round(count_ms, 4),
        }, [
            Row("one inbox pass with nothing to do (3 packs dealt with / empty)",
                f"{idle_pass:.2f} ms / {empty_pass:.2f} ms", "<= 5 ms"),
            Row("signed pack (160 articles) settled in the inbox to installed and shown "
                "(+ the 30 s settle) / of it on the UI thread", f"{install_ms:.0f} ms / {ui_ms:.0f} ms"),
            Row("counting one article view", f"{count_ms:.3f} ms", "<= 1 ms"),
        ])


def make_key(work: Path) -> tuple[Path, str]:
    from kiosk.packs.keys import generate_key_pair

    work.mkdir(parents=True, exist_ok=True)
    private, public = generate_key_pair(work / "office")
    return private, public.read_text().strip()


def signed_pack(work: Path, key: tuple[Path, str], version: str, copies: int = 1) -> Path:
    """The bundled pack, `copies` times its articles, as version `version`, signed."""
    from kiosk.packs.build import build_pack

    folder = work / f"pack-{version}"
    shutil.copytree(REPO / "content", folder)
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    (folder / "pack.yaml").write_text(
        "\n".join(f'version: "{version}"' if line.startswith("version:") else line
                  for line in text.splitlines()) + "\n", encoding="utf-8")
    articles = folder / "articles"
    for copy in range(1, copies):
        for article in sorted(articles.glob("*.md")):
            if article.name.count(".") == 1 and "-copy" not in article.name:
                shutil.copyfile(article, articles / f"{article.stem}-copy{copy}.md")
    out = build_pack(folder, work / f"clinic-{version}.kioskpack", key=key[0])
    shutil.rmtree(folder)
    return out


def settled(path: Path) -> Path:
    moment = time.time() - SETTLED_AGO_S
    os.utime(path, (moment, moment))
    return path


def nothing_to_do(work: Path, key: tuple[Path, str]) -> tuple[float, float]:
    from kiosk.fleet.inbox_state import read_state
    from kiosk.fleet.intake import Intake
    from kiosk.packs.store import PackStore

    inbox = work / "inbox"
    inbox.mkdir(parents=True)
    for version in ("2026.10.1", "2026.11.1", "2026.12.1"):
        pack = signed_pack(work, key, version)
        settled(Path(shutil.move(pack, inbox / pack.name)))
    store = PackStore(work / "data")
    intake = Intake(inbox, store, [key[1]], state=read_state(store.data_dir))
    intake.run_pass()  # installs the newest
    intake.run_pass()  # notes the others: "already have"
    busy = _median_ms(intake.run_pass, PASSES)
    empty = work / "empty"
    empty.mkdir()
    quiet = Intake(empty, store, [key[1]], state=read_state(work / "data2"))
    return busy, _median_ms(quiet.run_pass, PASSES)


def _median_ms(work: object, times: int) -> float:
    assert callable(work)
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def pack_to_shown(work: Path, key: tuple[Path, str]) -> tuple[float, float]:
    from _common import assemble_kiosk, qt_application
    from PySide6.QtWidgets import QApplication

    from kiosk.fleet.intake import PassResult
    from kiosk.rules.clock import ManualClock
    from kiosk.settings.declared import Settings

    app, _family = qt_application()
    inbox = work / "inbox"
    inbox.mkdir(parents=True)
    clock = ManualClock()
    kiosk = assemble_kiosk(work, clock, settings=Settings(fleet_inbox=str(inbox), trusted_keys=(key[1],)))
    kiosk.window.show()
    settle()
    kiosk.idle.reset()  # nobody there: the kiosk is at rest
    assert kiosk.fleet is not None and kiosk.fleet.inbox is not None
    watcher = kiosk.fleet.inbox
    runs: list[int] = []
    on_ui: list[int] = []
    shown: list[float] = []
    passed: list[float] = []

    def painted() -> None:
        shown.append(time.perf_counter())

    def finished(result: PassResult) -> None:
        if result.installed is not None:  # not a look that found nothing new meanwhile
            passed.append(time.perf_counter())

    kiosk.window.home_painted.connect(painted)
    watcher.finished.connect(finished)
    for number in range(INSTALLS):
        version = f"2026.12.{number + 1}"
        pack = settled(signed_pack(work, key, version, copies=40))
        target = inbox / pack.name
        shown.clear()
        passed.clear()
        start = time.perf_counter()
        os.replace(pack, target)  # the sync tool's final rename: the pack is complete
        watcher.poke()
        while not shown or kiosk.window.pack.version != version:
            app.processEvents()
            if time.perf_counter() - start > 120:
                raise RuntimeError(f"the pack {version} was not shown within 120 s: {watcher.last}")
        runs.append(round((shown[-1] - start) * 1000))
        on_ui.append(round((shown[-1] - passed[0]) * 1000))
        print(f"  {version}: {runs[-1]} ms, of which {on_ui[-1]} ms on the UI thread "
              f"({len(kiosk.window.pack.articles)} articles)", flush=True)
    kiosk.shut_down()
    kiosk.window.close()
    QApplication.processEvents()
    return statistics.median(runs), statistics.median(on_ui)


def one_count(work: Path) -> float:
    from kiosk.usage.counter import UsageCounter
    from kiosk.usage.measures import ARTICLE_OPENED

    counter = UsageCounter(work / "usage.sqlite", local_time=lambda: datetime(2026, 12, 3, 14, 5))
    counter.pack_id = "clinic"
    counter.count(ARTICLE_OPENED, article="warm-up")
    slugs = [f"article-{number:02d}" for number in range(20)]
    index = [0]

    def count() -> None:
        index[0] += 1
        counter.count(ARTICLE_OPENED, article=slugs[index[0] % len(slugs)])

    median = _median_ms(count, COUNTS)
    counter.close()
    return median


if __name__ == "__main__":
    main()
