"""take_all: a layout emptied as Qt asks, its items freed and their wrappers gone with them."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.widgets.layouts import take_all


def test_the_widgets_come_back_alive_and_the_items_are_freed(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    grid = QGridLayout(holder)
    labels = [QLabel(f"card {index}") for index in range(3)]
    for index, label in enumerate(labels):
        grid.addWidget(label, index // 2, index % 2)
    items = [grid.itemAt(index) for index in range(grid.count())]

    taken = take_all(grid)

    assert grid.count() == 0
    assert taken == labels
    assert all(shiboken6.isValid(label) and label.parent() is holder for label in labels)
    # The items were the caller's to delete: freed, and their wrappers marked dead.
    assert not any(shiboken6.isValid(item) for item in items)


def test_a_stretch_is_freed_too_and_the_widgets_can_be_placed_again(qtbot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    column = QVBoxLayout(holder)
    section = QLabel("section")
    column.addWidget(section)
    column.addStretch(1)
    stretch = column.itemAt(1)
    assert stretch is not None and stretch.spacerItem() is not None

    assert take_all(column) == [section]
    assert not shiboken6.isValid(stretch)
    column.addWidget(section)
    assert column.indexOf(section) == 0
