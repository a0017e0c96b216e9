"""No screen moves a widget from one layout into another once the first is in place.

Qt then deletes the widget's item in the old layout without a word to PySide6, which may still
hold a Python wrapper for it (it makes one for each item of a layout added to another); the
next Qt object at that address comes back to Python as that wrapper. A topic page did this
with its article count, and a scroll bar once came back as a QWidgetItem.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QBoxLayout, QGridLayout, QLayout, QWidget

from tests.ui.staff.test_panel_columns import open_panel, settle
from tests.ui.visitor.test_library_layout import library, screens, show  # noqa: F401 (a fixture)


def _holds(layout: QLayout | None, widget: QWidget) -> bool:
    if layout is None:
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and (item.widget() is widget or _holds(item.layout(), widget)):
            return True
    return False


@pytest.fixture
def moves(monkeypatch) -> Iterator[list[str]]:
    """Every widget added to a layout while its parent's layouts already hold it."""
    moved: list[str] = []
    for layout_class in (QBoxLayout, QGridLayout):
        original = layout_class.addWidget

        def add_widget(self, widget, *args, _original=original, **kwargs):
            parent = widget.parentWidget()
            if parent is not None and _holds(parent.layout(), widget):
                moved.append(f"{type(widget).__name__} '{widget.objectName()}' in {type(parent).__name__}")
            return _original(self, widget, *args, **kwargs)

        monkeypatch.setattr(layout_class, "addWidget", add_widget)
    yield moved


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_the_library_screens_move_no_widget(make_kiosk, library, moves, size: QSize) -> None:  # noqa: F811
    kiosk = make_kiosk(size, content=library)
    for language in kiosk.window.base_pack.languages:
        kiosk.window.set_language(language)
        for screen in screens(kiosk):
            show(kiosk, screen)
    slug = next(iter(kiosk.window.pack.articles))
    kiosk.window.open_article(slug)
    QApplication.processEvents()
    assert kiosk.window.current_screen == f"article/{slug}"
    assert moves == []


def test_the_staff_panel_moves_no_section_when_it_rearranges(make_kiosk, moves) -> None:
    kiosk, panel = open_panel(make_kiosk, QSize(1920, 1080))
    assert panel.two_columns
    kiosk.window.resize(QSize(1080, 1920))
    settle()
    kiosk.window.resize(QSize(1920, 1080))
    settle()
    assert kiosk.staff.panel.two_columns
    assert moves == []
