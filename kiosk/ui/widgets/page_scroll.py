"""A page body that scrolls with a finger and keeps its content in a centred column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.widgets.touch import make_kinetic


def plain_scroll_area(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # no bars to aim at
    content.setObjectName("PageBody")
    area.setWidget(content)
    return area


def kinetic_scroll_area(content: QWidget) -> QScrollArea:
    area = plain_scroll_area(content)
    make_kinetic(area)
    return area


def centred_column(inner: QWidget, max_width: int) -> QWidget:
    """`inner` no wider than `max_width`, centred in the space it is given."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    inner.setMaximumWidth(max_width)
    layout.addWidget(inner, 0, Qt.AlignmentFlag.AlignHCenter)
    return holder
