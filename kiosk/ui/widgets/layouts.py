"""Emptying a layout the way Qt asks: every item taken out is the caller's to delete."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLayout, QWidget


def take_all(layout: QLayout) -> list[QWidget]:
    """Take every item out of `layout` and return the widgets they held, still alive.

    Qt leaves a taken item to its caller, and PySide6 does not take it over: without this it
    leaks. Deleting it through shiboken frees it and marks its Python wrapper, if any, dead.
    """
    widgets: list[QWidget] = []
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widgets.append(widget)
        shiboken6.delete(item)
    return widgets
