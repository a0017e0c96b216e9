"""`kiosk preview DIR`: a windowed kiosk on a pack that follows its files, beside its problems.

As `kiosk snapshot` does, it assembles the kiosk with kiosk.app.assemble, but never locked down,
with no idle reset (it is for authors), no content updates from sticks, and a printer that does
not exist (Print shows the handout and then that the printer is not available: nothing prints).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import add_data_dir

if TYPE_CHECKING:
    import tempfile

    from kiosk.app import Kiosk
    from kiosk.ui.preview.live_preview import LivePreview
    from kiosk.ui.preview.pack_watcher import PackWatcher
    from kiosk.ui.preview.preview_window import PreviewWindow

NO_PRINTER = "kiosk-preview-prints-nothing"


def add_commands(commands: Any) -> None:
    """`preview`."""
    preview = commands.add_parser("preview", help="see a pack as visitors will, while you write it")
    preview.add_argument("directory", type=Path, help="the pack's folder")
    preview.add_argument(
        "--quit-after-paint", action="store_true",
        help="open the preview, print its problems once it is shown and following the files, and exit",
    )
    add_data_dir(preview, "not used")
    preview.set_defaults(handler=command_preview)


@dataclass
class Preview:
    kiosk: Kiosk
    frame: PreviewWindow
    watcher: PackWatcher
    live: LivePreview
    scratch: tempfile.TemporaryDirectory[str]

    def close(self) -> None:
        self.watcher.stop()
        self.kiosk.shut_down()
        self.frame.close()
        self.scratch.cleanup()


def open_preview(root: Path) -> Preview:
    """The preview of the pack in `root`, shown, following its files."""
    import tempfile

    from PySide6.QtCore import QSize

    from kiosk.app import assemble, create_application
    from kiosk.authoring.live_pack import LivePack
    from kiosk.rules.clock import MonotonicClock
    from kiosk.settings.declared import Settings
    from kiosk.settings.store import SettingsStore
    from kiosk.ui.preview.live_preview import LivePreview
    from kiosk.ui.preview.pack_watcher import PackWatcher
    from kiosk.ui.preview.preview_window import PreviewWindow

    app, family = create_application()
    live = LivePack(root)
    scratch = tempfile.TemporaryDirectory(prefix="kiosk-preview-")
    settings = SettingsStore(Settings(printer=NO_PRINTER), Path(scratch.name) / "settings.toml")
    kiosk = assemble(
        app, live.pack, family, QSize(1920, 1080), settings=settings, clock=MonotonicClock(),
        content_source=root,
    )  # not locked down; kiosk.idle is never started: no idle reset while an author reads
    frame = PreviewWindow(kiosk.window, f"kiosk preview: {root.resolve()}")
    watcher = PackWatcher(root, parent=frame)
    link = LivePreview(live, frame, watcher)
    watcher.start()
    frame.show()
    frame.set_screen_size(QSize(1920, 1080))
    return Preview(kiosk, frame, watcher, link, scratch)


def command_preview(args: argparse.Namespace) -> int:
    root: Path = args.directory
    if not root.is_dir():
        print(f"kiosk preview: {root} is not a folder; make a pack with: kiosk new {root}", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    preview = open_preview(root)
    if args.quit_after_paint:
        preview.watcher.wait_until_watching()
        QApplication.processEvents()
        for line in preview.frame.panel.lines():
            print(line)
        print(f"previewed {len(preview.live.live.pack.articles)} articles, following {root}")
        preview.close()
        return 0
    print(f"Previewing {root}: save a file and the kiosk follows. Close the window to stop.")
    status = QApplication.exec()
    preview.close()
    return status
