"""Touch behaviour shared by every scrolling surface: kinetic scrolling, no menus, no bars."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties


def make_kinetic(area: QAbstractScrollArea) -> None:
    """Scroll with a finger (or a mouse drag): no scroll bars to aim at, no overshoot."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    no_overshoot = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, no_overshoot)
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, no_overshoot
    )
    # Deliver a press at once instead of holding it back 0.25 s to see whether a drag follows:
    # held back, a quick tap lost its press and was never a click. A drag that follows still
    # cancels the press, so a swipe never opens what it started on.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(properties)


def scroll_to_top(area: QAbstractScrollArea) -> None:
    QScroller.scroller(area.viewport()).stop()
    area.verticalScrollBar().setValue(0)
    area.horizontalScrollBar().setValue(0)
