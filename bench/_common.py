"""Helpers shared by the benchmark scripts: memory, JSON output, touch input, a kiosk to drive.

The kiosk is assembled as `tests/helpers/kiosk_fixtures.py` does it (a ManualClock, a private settings
file and data folder, the bundled pack), without importing the tests.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPointingDevice
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.app import Kiosk
    from kiosk.rules.clock import ManualClock
    from kiosk.settings.declared import Settings

FULL_HD = (1920, 1080)
JSON_MARK = "BENCH-JSON "  # the one machine-readable line a script prints with --json


# Memory ------------------------------------------------------------------------------------


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now, in MB (MiB), from /proc."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
        "keepcost",
    )]


def malloc_mb() -> tuple[float, float] | None:
    """The C allocator's (glibc's) bytes in use and bytes held free, in MB; None elsewhere.

    Free bytes are memory that was freed but that malloc keeps: still in RSS, not a leak.
    """
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


# Output ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the summary table."""

    figure: str
    value: str
    target: str = ""


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true",
        help=f"also print one machine-readable line of figures, starting with {JSON_MARK.strip()!r}",
    )


def emit_json(bench: str, figures: dict[str, Any], rows: Sequence[Row], *, ok: bool = True) -> None:
    """The line bench/run_all.py reads: raw figures, and the rows it puts in the table."""
    line = {
        "bench": bench, "ok": ok, "figures": figures,
        "rows": [{"figure": r.figure, "value": r.value, "target": r.target} for r in rows],
    }
    print(JSON_MARK + json.dumps(line), flush=True)


def child_env() -> dict[str, str]:
    """The environment for a measured kiosk: offscreen, and with Python's compiled bytecode
    written and used as in the bundle (a shell with PYTHONDONTWRITEBYTECODE set would otherwise
    compile every module again at every start, some 100 ms)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Touch -----------------------------------------------------------------------------------


class Finger:
    """Real touch input through Qt's event delivery, as the tests send it."""

    def __init__(self) -> None:
        from PySide6.QtTest import QTest

        self.device: QPointingDevice = QTest.createTouchDevice()
        self.next_id = 1

    def tap(self, widget: QWidget) -> None:
        self.tap_at(widget, widget.rect().center())

    def tap_at(self, widget: QWidget, point: QPoint) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        window = widget.window()
        at = widget.mapTo(window, point)
        self.next_id += 1
        QTest.touchEvent(window, self.device).press(self.next_id, at, window).commit()
        QTest.touchEvent(window, self.device).release(self.next_id, at, window).commit()
        QApplication.processEvents()

    def drag(self, widget: QWidget, dx: int, dy: int, *, steps: int = 6) -> None:
        """Press in the middle of `widget`, move by (dx, dy) in `steps` moves, lift."""
        from PySide6.QtCore import QPoint
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        window = widget.window()
        start = widget.mapTo(window, widget.rect().center())
        self.next_id += 1
        QTest.touchEvent(window, self.device).press(self.next_id, start, window).commit()
        QApplication.processEvents()
        at = start
        for step in range(1, steps + 1):
            at = start + QPoint(round(dx * step / steps), round(dy * step / steps))
            QTest.touchEvent(window, self.device).move(self.next_id, at, window).commit()
            QApplication.processEvents()
        QTest.touchEvent(window, self.device).release(self.next_id, at, window).commit()
        QApplication.processEvents()


# The kiosk ---------------------------------------------------------------------------------


def qt_application() -> tuple[QApplication, str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import create_application

    return create_application()


def assemble_kiosk(
    scratch: Path, clock: ManualClock, *, settings: Settings | None = None,
    size: tuple[int, int] = FULL_HD, with_store: bool = True,
) -> Kiosk:
    """The whole kiosk as `kiosk run` assembles it, on the bundled pack, with a hand-driven
    clock, a settings file and a data folder under `scratch` (as tests/helpers/kiosk_fixtures.py)."""
    from PySide6.QtCore import QSize

    from kiosk.app import assemble, load_content
    from kiosk.packs.store import PackStore
    from kiosk.settings.declared import Settings
    from kiosk.settings.store import SettingsStore
    from kiosk.system.paths import bundled_content_dir

    app, family = qt_application()
    store = SettingsStore(settings or Settings(), scratch / "config" / "settings.toml")
    stick = scratch / "stick"
    stick.mkdir(parents=True, exist_ok=True)
    return assemble(
        app, load_content(None), family, QSize(*size), settings=store, clock=clock,
        content_source=bundled_content_dir(),
        store=PackStore(scratch / "data") if with_store else None, usb_roots=[stick],
    )


def settle(rounds: int = 3, wait_ms: int = 5) -> None:
    """Let deferred layout requests run (wrapped text finding its height)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()
        QTest.qWait(wait_ms)
