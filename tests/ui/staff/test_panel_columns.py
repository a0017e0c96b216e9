"""The staff panel in two columns on a screen wider than tall, so that staff see the kiosk's state,
its content and its printer without scrolling; in one on a portrait screen; never overlapping."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.staff.printing_section import PrintingSection
from kiosk.ui.staff.sections import AboutSection, ContentSection, ExitSection
from kiosk.ui.staff.usb_section import UsbSection

WIDE = [QSize(1920, 1080), QSize(1280, 800)]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def rect_in(panel: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())


def open_panel(make_kiosk, size: QSize):
    kiosk = make_kiosk(size)
    kiosk.staff.open_panel()
    settle()
    return kiosk, kiosk.staff.panel


def assert_no_overlap(panel) -> None:
    rects = [(type(s).__name__, rect_in(panel, s)) for s in panel.sections]
    for (one, first), (other, second) in itertools.combinations(rects, 2):
        assert not first.intersects(second), f"{one} overlaps {other}"


@pytest.mark.parametrize("size", WIDE, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_wide_screen_shows_the_kiosk_content_and_printer_without_scrolling(make_kiosk, size) -> None:
    _kiosk, panel = open_panel(make_kiosk, size)
    assert panel.two_columns
    viewport = rect_in(panel, panel.scroll_area.viewport())
    assert panel.scroll_area.verticalScrollBar().value() == 0
    left = rect_in(panel, panel.section(AboutSection)).left()
    for kind in (AboutSection, ContentSection, UsbSection, PrintingSection):
        section = panel.section(kind)
        assert viewport.contains(rect_in(panel, section).topLeft()), f"{kind.__name__} is below the fold"
    printing = panel.section(PrintingSection)
    assert isinstance(printing, PrintingSection)
    assert viewport.contains(rect_in(panel, printing.printer_state)), "the printer's state needs scrolling"
    assert rect_in(panel, panel.section(ExitSection)).left() > left + panel.width() // 3
    widths = {rect_in(panel, s).width() for s in panel.sections}
    assert len(widths) == 1 and widths.pop() < panel.width() // 2  # two even columns
    assert_no_overlap(panel)


def test_a_portrait_screen_has_one_column_in_order(make_kiosk) -> None:
    _kiosk, panel = open_panel(make_kiosk, QSize(1080, 1920))
    assert not panel.two_columns
    rects = [rect_in(panel, s) for s in panel.sections]
    assert len({r.left() for r in rects}) == 1
    assert [r.top() for r in rects] == sorted(r.top() for r in rects)  # the sections' order
    assert_no_overlap(panel)


def test_turning_the_screen_rearranges_an_open_panel(make_kiosk, qtbot) -> None:
    kiosk, panel = open_panel(make_kiosk, QSize(1920, 1080))
    assert panel.two_columns
    kiosk.window.resize(QSize(1080, 1920))  # the pages are built again, the panel too, open
    settle()
    panel = kiosk.staff.panel
    assert panel.isVisible() and not panel.two_columns and panel.size() == QSize(1080, 1920)
    assert_no_overlap(panel)
    kiosk.window.resize(QSize(1920, 1080))
    settle()
    panel = kiosk.staff.panel
    assert panel.isVisible() and panel.two_columns
    assert_no_overlap(panel)


def test_with_a_long_log_the_left_column_still_ends_on_the_first_screen(make_kiosk, tmp_path) -> None:
    log = tmp_path / "kiosk.log"
    log.write_text("".join(f"2026-11-28 10:{n:02d}:00 INFO kiosk: event {n}\n" for n in range(60)))
    kiosk = make_kiosk(QSize(1280, 800), log_file=log)
    kiosk.staff.open_panel()
    settle()
    panel = kiosk.staff.panel
    viewport = rect_in(panel, panel.scroll_area.viewport())
    left = rect_in(panel, panel.section(AboutSection)).left()
    in_left = [s for s in panel.sections if rect_in(panel, s).left() == left]
    assert in_left and all(viewport.contains(rect_in(panel, s)) for s in in_left)
    right_top = min((rect_in(panel, s) for s in panel.sections if s not in in_left), key=QRect.top)
    assert viewport.contains(right_top.topLeft())
