"""`kiosk preview` on a 300-article pack: what one saved article costs against reading the whole pack.

Writes a pack of 300 articles (the bundled pack and 296 copies of its longest article) into a
temporary folder, then prints: the whole pack read and checked as the preview opens it
(LivePack: every article read, rendered and measured) and as `kiosk run` reads it (load_pack);
one article saved and read again (LivePack.apply, median of 20, the file really rewritten); and
the kiosk's window shown anew on the new version (MainWindow.show_new_version, on the article).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/preview.py [--json]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import REPO, Row, emit_json, json_flag, settle

ARTICLES = 300
ROUNDS = 20


def make_pack(root: Path) -> Path:
    shutil.copytree(REPO / "content", root)
    source = (root / "articles" / "dual-diagnosis-heroin-depression.md").read_text(encoding="utf-8")
    source = re.sub(r"related: \[.*\]", "related: [americas-opioid-crisis]", source)
    for index in range(ARTICLES - 4):
        text = source.replace('title: "Understanding', f'title: "Copy {index}: Understanding', 1)
        (root / "articles" / f"generated-{index:03d}.md").write_text(text, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    json_flag(parser)
    as_json = parser.parse_args().json
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from _common import qt_application
    from PySide6.QtCore import QSize

    from kiosk.authoring.live_pack import LivePack
    from kiosk.content.loader import load_pack
    from kiosk.content.problems import Severity
    from kiosk.ui.shell.main_window import MainWindow

    with tempfile.TemporaryDirectory() as scratch:
        root = make_pack(Path(scratch) / "pack")
        started = time.perf_counter()
        live = LivePack(root)
        whole_live = time.perf_counter() - started
        started = time.perf_counter()
        assert load_pack(root).pack is not None
        whole_loader = time.perf_counter() - started
        # Its only warning: 300 articles and no topics (a pack for timing, not for visitors).
        errors = [problem for problem in live.problems if problem.severity is Severity.ERROR]
        assert len(live.pack.articles) == ARTICLES and errors == []

        saved = root / "articles" / "generated-150.md"
        original = saved.read_text(encoding="utf-8")
        one: list[float] = []
        for round_number in range(ROUNDS):
            edited = original.replace("Copy 150:", f"Copy 150 (edit {round_number}):")
            saved.write_text(edited, encoding="utf-8")
            started = time.perf_counter()
            reload = live.apply([saved])
            one.append(time.perf_counter() - started)
            assert reload.files_read == ["articles/generated-150.md"]

        app, family = qt_application()
        window = MainWindow(live.pack, family, QSize(1920, 1080))
        window.show()
        window.open_article("generated-150")
        settle()
        shown: list[float] = []
        for _ in range(5):
            started = time.perf_counter()
            window.show_new_version(live.pack)
            app.processEvents()
            shown.append(time.perf_counter() - started)
        window.close()

    one_ms = statistics.median(one) * 1000
    shown_ms = statistics.median(shown) * 1000
    print(f"{ARTICLES} articles read and checked as the preview opens them: {whole_live * 1000:.0f} ms")
    print(f"{ARTICLES} articles read as `kiosk run` reads them (load_pack): {whole_loader * 1000:.0f} ms")
    print(f"one saved article read again and checked (median of {ROUNDS}): {one_ms:.1f} ms")
    print(f"the kiosk's window shown anew, {ARTICLES} tiles (median of 5): {shown_ms:.0f} ms")
    if as_json:
        emit_json("preview", {
            "open_ms": round(whole_live * 1000), "load_pack_ms": round(whole_loader * 1000),
            "one_article_ms": round(one_ms, 1), "window_ms": round(shown_ms),
        }, [
            Row(f"preview: {ARTICLES}-article pack opened (read, rendered, measured)",
                f"{whole_live * 1000:.0f} ms"),
            Row(f"preview: one saved article of {ARTICLES} read again (median of {ROUNDS})",
                f"{one_ms:.1f} ms", "< 50 ms"),
            Row(f"preview: window shown anew, {ARTICLES} articles (median of 5)", f"{shown_ms:.0f} ms"),
        ])


if __name__ == "__main__":
    main()
