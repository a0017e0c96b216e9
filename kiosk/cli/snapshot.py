"""One screen of the kiosk rendered offscreen to a PNG (`kiosk snapshot`): with default settings,
a still clock and no files written, so the same pack gives the same picture every time.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize

from kiosk.app import (
    ContentUnavailableError,
    Kiosk,
    assemble,
    create_application,
    load_content,
)
from kiosk.launch import fixed_day
from kiosk.rules.clock import ManualClock
from kiosk.settings.declared import Settings
from kiosk.settings.store import SettingsStore
from kiosk.system.paths import bundled_content_dir

OVERLAY_SCREENS = ("still-here", "attract", "pin", "staff", "print")


def snapshot(
    content: Path | None, screen_name: str, size: QSize, out: Path, *, text_scale: float = 1.0,
    high_contrast: bool = False, language: str | None = None, query: str = "",
    today: date | None = None,
) -> None:
    """Render one screen offscreen to a PNG (with default settings and no files written)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app, family = create_application()
    pack = load_content(content)
    with tempfile.TemporaryDirectory() as scratch:
        settings = SettingsStore(Settings(), Path(scratch) / "settings.toml")
        kiosk = assemble(  # a still clock: the same picture every time
            app, pack, family, size, settings=settings, clock=ManualClock(),
            content_source=content or bundled_content_dir(), today=fixed_day(today or date.today()),
        )
        window = kiosk.window
        window.show()
        if text_scale != 1.0 or high_contrast:
            window.set_display(text_scale, high_contrast)
        if language is not None:
            if language not in pack.languages:
                raise ContentUnavailableError(
                    f"the pack has no '{language}' (its languages: {', '.join(pack.languages)})"
                )
            window.set_language(language)
        if screen_name in OVERLAY_SCREENS:
            _show_overlay(kiosk, screen_name)
        else:
            window.show_screen(screen_name)
            if query and window.search_page is not None and window.current_screen == "search":
                window.search_page.type(query)
        for _ in range(3):
            app.processEvents()
        image = window.grab().toImage()
        kiosk.shut_down()
        window.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")


def _show_overlay(kiosk: Kiosk, name: str) -> None:
    first = kiosk.window.pack.ordered_articles()[0].slug
    if name == "still-here":
        kiosk.window.open_article(first)
        kiosk.idle.still_here.set_remaining(kiosk.settings.settings.countdown_seconds)
        kiosk.idle.still_here.present()
    elif name == "attract":
        from kiosk.ui.visitor.attract_screen import ROTATE_SECONDS

        kiosk.idle.attract.start()
        assert isinstance(kiosk.clock, ManualClock)
        kiosk.clock.advance(ROTATE_SECONDS / 2)  # mid-slot: the card fully faded in
        kiosk.idle.attract.advance()
    elif name == "print":
        kiosk.window.open_article(first)
        kiosk.printing.request(first)
    elif name == "pin":
        kiosk.staff.ask_for_pin()
    else:
        kiosk.staff.open_panel()
