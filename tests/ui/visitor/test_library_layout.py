"""A library's screens at every screen size, text size, contrast and language: nothing cut off
or outside the window, every target at least 48 px, the help panel's numbers in view on home."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.app import Kiosk
from kiosk.ui.shell.theme import TEXT_SCALES
from kiosk.ui.widgets.entry_list import ENTRY_ROLE, TITLE_LINES, EntryList
from kiosk.ui.widgets.help_panel import HelpPanel
from tests.helpers.kiosk_fixtures import SCREEN_SIZES
from tests.helpers.library import generated
from tests.helpers.touch import cut_off_text


@pytest.fixture(scope="module", params=[4, 12, 120], ids=lambda n: f"{n}-articles")
def library(request, tmp_path_factory) -> Path:
    return generated(tmp_path_factory.mktemp("lib") / "pack", request.param)


def screens(kiosk: Kiosk) -> list[str]:
    first_topic = kiosk.window.pack.topics[0].id
    return ["home", f"topic/{first_topic}", "a-z", "search"]


def show(kiosk: Kiosk, screen: str) -> None:
    window = kiosk.window
    window.show_screen(screen)
    if screen == "search":
        assert window.search_page is not None
        window.search_page.type("heal")
    for _ in range(3):
        QApplication.processEvents()


def outside(window: QWidget) -> list[tuple[str, QRect]]:
    """Visible widgets that leave the window or their parent (clipped there); content below the
    fold of a scrolling page is fine, sideways never."""
    from tests.ui.test_layout import _inside_a_scroll_area, _visible_widgets

    frame = QRect(0, 0, window.width(), window.height())
    stray = []
    page = window.stack.currentWidget()  # type: ignore[attr-defined]
    for widget in _visible_widgets(page):
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        area = _inside_a_scroll_area(widget)
        parent = widget.parentWidget()
        if parent is not None and parent is not page and area is None:
            inside = QRect(0, 0, parent.width(), parent.height()).adjusted(-1, -1, 1, 1)
            if not inside.contains(widget.geometry()):  # drawn past its parent: clipped
                stray.append((f"{type(widget).__name__} in {type(parent).__name__}", rect))
        if area is None:
            if not frame.contains(rect):
                stray.append((type(widget).__name__, rect))
        else:
            viewport = QRect(area.viewport().mapTo(window, area.viewport().rect().topLeft()),
                             area.viewport().size())
            if rect.left() < viewport.left() - 1 or rect.right() > viewport.right() + 1:
                stray.append((type(widget).__name__, rect))
    return stray


def titles_cut_off(view: EntryList) -> list[str]:
    """Titles in a list that need more lines than a tile or row shows (summaries may end in
    "…" on purpose; titles never)."""
    font = QFont(view.theme.family)
    font.setPixelSize(view.theme.px(1.2))
    font.setBold(True)
    metrics = QFontMetrics(font)
    width = view._text_width()
    cut = []
    model = view.model()
    for row in range(min(model.rowCount(), 200)):
        entry = model.index(row, 0).data(ENTRY_ROLE)
        if entry is None:
            continue
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), 0x1000, entry.title).height()
        if round(needed / metrics.lineSpacing()) > TITLE_LINES:
            cut.append(entry.title)
    return cut


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_library_screen_fits(make_kiosk, library: Path, size: QSize) -> None:
    kiosk = make_kiosk(size, content=library)
    window = kiosk.window
    problems = []
    for language in window.base_pack.languages:
        window.set_language(language)
        for scale in TEXT_SCALES:
            for contrast in (False, True):
                window.set_display(scale, contrast)
                for screen in screens(kiosk):
                    show(kiosk, screen)
                    where = f"{screen} {language} {scale} {'high' if contrast else 'normal'}"
                    if window.size() != size:  # a page wider than the screen pushed it out
                        problems.append((where, "window grew", window.size()))
                    if cut := cut_off_text(window):
                        problems.append((where, "cut off", cut[:3]))
                    if stray := outside(window):
                        problems.append((where, "outside", stray[:3]))
                    page = window.stack.currentWidget()
                    small = [(b.text(), b.size()) for b in page.findChildren(QPushButton)
                             if b.isVisible() and (b.width() < 48 or b.height() < 48)]
                    if small:
                        problems.append((where, "small", small[:3]))
                    for view in page.findChildren(EntryList):
                        if view.isVisible() and (titles := titles_cut_off(view)):
                            problems.append((where, "titles", titles[:3]))
                    if screen == "home":
                        panel = page.findChild(HelpPanel)
                        bottom = panel.mapTo(window, panel.rect().bottomLeft()).y()
                        numbers = panel.findChildren(QWidget)
                        assert numbers
                        if size.height() > size.width() and bottom > size.height() * 2:
                            problems.append((where, "help far below", bottom))
    assert not problems, "\n".join(map(str, problems[:20]))
