"""Text size ("Aa": 100, 125, 150 %) and high contrast: every screen reflows at every size, on
every screen size; the buttons work; the idle reset puts both back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.ui.shell.theme import TEXT_SCALES
from tests.helpers.kiosk_fixtures import SCREEN_SIZES, settle_layout
from tests.helpers.touch import cut_off_text, tap
from tests.ui.test_layout import _in_carousel_strip, _inside_a_scroll_area, _visible_widgets

SCREENS = ["home", "article/dual-diagnosis-heroin-depression"]
DISPLAYS = [(scale, high) for high in (False, True) for scale in TEXT_SCALES]


def _settle() -> None:
    """Let layouts settle, and let widgets replaced by a rebuild really go (deleteLater waits
    for the event loop, which a test never returns to)."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QApplication.processEvents()


def _rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def _outside(window, size: QSize) -> list:
    frame = QRect(0, 0, size.width(), size.height())
    stray = []
    for widget in _visible_widgets(window.stack.currentWidget()):
        if _in_carousel_strip(widget):
            continue
        rect = _rect_in(window, widget)
        area = _inside_a_scroll_area(widget)
        if area is None:
            if not frame.contains(rect):
                stray.append((type(widget).__name__, widget.objectName(), rect))
        else:
            viewport = _rect_in(window, area.viewport())
            if rect.left() < viewport.left() or rect.right() > viewport.right():
                stray.append((type(widget).__name__, widget.objectName(), rect))
    return stray


def _overlapping_siblings(window) -> list:
    """Visible widgets with the same parent must not overlap (ignoring scroll-area plumbing
    and the carousel's strip, where cards sit side by side off screen on purpose)."""
    found = []
    for parent in [window.stack.currentWidget(), *_visible_widgets(window.stack.currentWidget())]:
        if _in_carousel_strip(parent) or parent.objectName() == "CarouselViewport":
            continue
        children = [
            child for child in parent.findChildren(QWidget, options=_direct())
            if child.isVisible() and not child.isWindow() and child.width() > 0
            and child.height() > 0 and not child.objectName().startswith("qt_")
        ]
        for i, first in enumerate(children):
            for second in children[i + 1:]:
                if first.geometry().intersects(second.geometry()):
                    found.append((parent.objectName() or type(parent).__name__,
                                  type(first).__name__, first.objectName(), first.geometry(),
                                  type(second).__name__, second.objectName(), second.geometry()))
    return found


def _direct():
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def _squeezed_buttons(window) -> list:
    """Buttons laid out larger than their style allows are drawn clipped (the carousel's
    arrows were, at 150 %)."""
    found = []
    for button in window.stack.currentWidget().findChildren(QPushButton):
        if not button.isVisible():
            continue
        size, high = button.size(), button.maximumSize()
        if size.width() > high.width() or size.height() > high.height():
            found.append((button.objectName(), button.text(), size, high))
    return found


def _small_targets(window) -> list:
    return [
        (button.objectName(), button.accessibleName(), button.size())
        for button in window.stack.currentWidget().findChildren(QPushButton)
        if button.isVisible() and (button.width() < 48 or button.height() < 48)
    ]


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_screen_reflows_at_every_text_size_and_contrast(make_window, size):
    window = make_window(size)
    problems: dict[str, list] = {}
    for scale, high in DISPLAYS:
        window.set_display(scale, high)
        for screen in SCREENS:
            window.show_screen(screen)
            _settle()
            assert window.size() == size, "the window must not grow past the screen"
            where = f"{screen} at {round(scale * 100)} %{' high contrast' if high else ''}"
            for check, found in (
                ("outside the window", _outside(window, size)),
                ("text cut off", cut_off_text(window)),
                ("overlapping", _overlapping_siblings(window)),
                ("targets under 48 px", _small_targets(window)),
                ("buttons drawn clipped", _squeezed_buttons(window)),
            ):
                if found:
                    problems[f"{check}: {where}"] = found[:4]
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def _headline(window) -> QLabel:
    return next(
        label for label in window.home_page.findChildren(QLabel)
        if label.property("role") == "headline"
    )


def test_aa_cycles_through_three_sizes_and_the_page_reflows(make_window, qtbot):
    window = make_window(QSize(1920, 1080))
    seen = []
    for expected in ("100 %", "125 %", "150 %", "100 %"):
        button = window.home_page.top_bar.text_size_button
        assert button.accessibleName() == f"Text size: {expected}"
        assert button.isVisible() and button.width() >= 48 and button.height() >= 48
        seen.append(_headline(window).fontInfo().pixelSize())
        tap(button)
        settle_layout(qtbot)
    assert seen[0] < seen[1] < seen[2] and seen[3] == seen[0], seen
    assert window.text_scale == 1.25  # four taps: 100 -> 125 -> 150 -> 100 -> 125


def test_the_article_stays_open_when_the_text_size_changes(make_window, qtbot):
    window = make_window(QSize(1080, 1920))
    window.show_screen(SCREENS[1])
    settle_layout(qtbot)
    before = window.article_page.body.height()
    title = window.article_page.title.text()
    bar = window.article_page.top_bar
    assert bar.display_words[0] is False  # a crowded bar: "Aa" alone, its first tap shows the word
    tap(bar.text_size_button)
    assert window.hints.bubble is not None and window.text_scale == 1.0
    tap(bar.text_size_button)
    settle_layout(qtbot)
    assert window.current_screen == SCREENS[1]
    assert window.article_page.title.text() == title
    assert window.article_page.body.height() > before, "larger text takes more room"
    assert window.article_page.top_bar.text_size_button.accessibleName() == "Text size: 125 %"


def test_the_contrast_toggle_changes_the_palette(make_window, qtbot):
    window = make_window(QSize(1280, 800))
    normal = window.theme.palette
    button = window.home_page.top_bar.contrast_button
    assert button.accessibleName() == "High contrast: off" and not button.isChecked()
    tap(button)
    settle_layout(qtbot)
    assert window.high_contrast
    palette = window.theme.palette
    assert palette != normal
    assert (palette.text, palette.background, palette.help_background) == ("#000000", "#ffffff", "#000000")
    assert palette.border_px > normal.border_px and palette.focus_px > normal.focus_px
    assert not window.theme.text_over_images
    button = window.home_page.top_bar.contrast_button
    assert button.accessibleName() == "High contrast: on" and button.isChecked()
    assert "#000000" in window.styleSheet()
    tap(button)
    settle_layout(qtbot)
    assert not window.high_contrast and window.theme.palette == normal


def test_the_window_reset_restores_the_usual_size_and_contrast(make_window, qtbot):
    window = make_window(QSize(1920, 1080))
    window.set_display(1.5, True)
    window.show_screen(SCREENS[1])
    window.reset()
    settle_layout(qtbot)
    assert (window.text_scale, window.high_contrast) == (1.0, False)
    assert window.theme.text_scale == 1.0 and not window.theme.high_contrast
    assert window.home_page.top_bar.text_size_button.accessibleName() == "Text size: 100 %"
    assert window.is_at_rest()


def test_the_idle_reset_restores_the_usual_size_and_contrast(make_kiosk, qtbot):
    kiosk = make_kiosk(QSize(1080, 1920))
    tap(kiosk.window.home_page.top_bar.text_size_button)
    settle_layout(qtbot)
    tap(kiosk.window.home_page.top_bar.contrast_button)
    settle_layout(qtbot)
    assert (kiosk.window.text_scale, kiosk.window.high_contrast) == (1.25, True)
    kiosk.idle.reset()
    settle_layout(qtbot)
    assert (kiosk.window.text_scale, kiosk.window.high_contrast) == (1.0, False)
    assert kiosk.window.home_page.top_bar.contrast_button.accessibleName() == "High contrast: off"


def test_back_stays_clear_of_the_staff_corner_at_the_largest_size(make_window, qtbot):
    from kiosk.ui.shell.input_watch import STAFF_CORNER_PX

    window = make_window(QSize(1080, 1920))
    window.set_display(1.5, True)
    window.show_screen(SCREENS[1])
    settle_layout(qtbot)
    back = window.article_page.top_bar.back_button
    assert back is not None
    corner = QRect(0, 0, STAFF_CORNER_PX, STAFF_CORNER_PX)
    assert not corner.intersects(_rect_in(window, back))


def test_the_clinic_name_is_whole_when_there_is_room(make_window):
    window = make_window(QSize(1920, 1080))
    name = window.home_page.top_bar.clinic_name
    assert name.text() == name.full_text == window.pack.organization.name


def test_jumping_straight_to_the_largest_text_keeps_the_window_size(make_window, qtbot):
    for size in SCREEN_SIZES:
        window = make_window(size)
        window.show_screen(SCREENS[1])
        window.set_display(1.5, True)
        settle_layout(qtbot)
        assert window.size() == size
        assert not cut_off_text(window) and not _outside(window, size)
