"""Each screen at each screen size: nothing outside the window, no text cut off, big targets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QWidget

from tests.helpers.kiosk_fixtures import SCREEN_SIZES
from tests.helpers.touch import cut_off_text

SCREENS = ["home", "article/dual-diagnosis-heroin-depression", "article/americas-opioid-crisis"]


def _visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.isVisible()]


def _inside_a_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport():
            return parent
        parent = parent.parentWidget()
    return None


def _show(make_window, size: QSize, screen: str):
    window = make_window(size)
    window.show_screen(screen)
    for _ in range(3):
        QApplication.processEvents()
    assert window.size() == size, "the window must not grow past the screen"
    return window


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("screen", SCREENS)
def test_no_widget_outside_the_window(make_window, size, screen):
    window = _show(make_window, size, screen)
    frame = QRect(0, 0, size.width(), size.height())
    stray = []
    for widget in _visible_widgets(window.stack.currentWidget()):
        if _in_carousel_strip(widget):
            continue
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        area = _inside_a_scroll_area(widget)
        if area is None:
            if not frame.contains(rect):
                stray.append((widget, rect))
        else:
            # Content may run below the fold (it scrolls) but never sideways out of the page.
            viewport = QRect(area.viewport().mapTo(window, area.viewport().rect().topLeft()),
                             area.viewport().size())
            if rect.left() < viewport.left() or rect.right() > viewport.right():
                stray.append((widget, rect))
    assert not stray, f"outside the window at {size}: {stray[:5]}"


def _in_carousel_strip(widget: QWidget) -> bool:
    """Carousel cards beyond the current one sit off to the side on purpose (clipped)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "CarouselViewport":
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("screen", SCREENS)
def test_no_text_is_cut_off(make_window, size, screen):
    window = _show(make_window, size, screen)
    cut = cut_off_text(window)
    assert not cut, f"text cut off at {size} on {screen}: {cut[:5]}"


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("screen", SCREENS)
def test_every_target_is_at_least_48_px(make_window, size, screen):
    window = _show(make_window, size, screen)
    small = [
        (button.objectName(), button.accessibleName(), button.size())
        for button in window.stack.currentWidget().findChildren(QPushButton)
        if button.isVisible() and (button.width() < 48 or button.height() < 48)
    ]
    assert not small, f"targets smaller than 48 px: {small}"


def test_the_article_body_keeps_a_readable_line_length(make_window):
    window = _show(make_window, QSize(1920, 1080), SCREENS[1])
    body = window.article_page.body
    average = body.fontMetrics().averageCharWidth()
    body_font = body.document().defaultFont()
    assert body_font.pixelSize() > 0 or body_font.pointSizeF() > 0
    characters_a_line = body.width() / average
    assert 55 <= characters_a_line <= 80, characters_a_line


def test_the_body_offers_no_text_selection_or_menus(make_window):
    window = _show(make_window, QSize(1920, 1080), SCREENS[1])
    from PySide6.QtCore import Qt

    body = window.article_page.body
    assert not body.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert body.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert not body.verticalScrollBar().isVisible()
