"""The kiosk on one screen, left running for tests/helpers/atspi_probe.py to read through AT-SPI.

Run with the venv's Python, on an X display, with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 (the probe
sets all that up): builds the whole kiosk as `kiosk snapshot` does (default settings in a
temporary folder, a still clock, no files of the machine written), shows SCREEN (anything
`kiosk snapshot --screen` takes: home, article/SLUG, pin, staff, ...), prints "READY" once it
has painted, and runs until it is terminated.

    .venv/bin/python tests/helpers/atspi_kiosk.py --screen home --size 1280x800
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    from PySide6.QtCore import QSize, QTimer

    from kiosk.app import assemble, create_application, load_content
    from kiosk.cli.snapshot import OVERLAY_SCREENS, _show_overlay
    from kiosk.rules.clock import ManualClock
    from kiosk.settings.declared import Settings
    from kiosk.settings.store import SettingsStore

    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", default="home")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--query", default="", help="typed on the search screen")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    app, family = create_application()
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    with tempfile.TemporaryDirectory(prefix="kiosk-atspi-") as scratch:
        settings = SettingsStore(Settings(), Path(scratch) / "settings.toml")
        kiosk = assemble(
            app, load_content(args.content), family, QSize(width, height), settings=settings,
            clock=ManualClock(), content_source=args.content,
        )
        kiosk.window.show()
        if args.screen in OVERLAY_SCREENS:
            _show_overlay(kiosk, args.screen)
        else:
            kiosk.window.show_screen(args.screen)
            if args.query and kiosk.window.search_page is not None:
                kiosk.window.search_page.type(args.query)
        QTimer.singleShot(300, lambda: print("READY", flush=True))
        timer = QTimer()  # wakes Python now and then, so that SIGTERM is handled
        timer.start(200)
        app.exec()
        kiosk.shut_down()


if __name__ == "__main__":
    main()
