"""The kiosk from a keyboard or a switch device: Tab in reading order, Enter and Space press,
arrows turn the carousel, a ring shows the focus while keys are in use, overlays keep it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import Kiosk
from kiosk.rules.navigation import HOME
from kiosk.ui.shell.keyboard import GAP_PX
from kiosk.ui.widgets.tiles import ArticleTile
from tests.helpers.kiosk_fixtures import SCREEN_SIZES, settle_layout
from tests.helpers.touch import tap

DUAL = "dual-diagnosis-heroin-depression"


def press(kiosk: Kiosk, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as a keyboard sends it: to the widget with the focus (the window when none has)."""
    target = QApplication.focusWidget() or kiosk.window
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_stops(kiosk: Kiosk, count: int) -> list[QWidget]:
    stops = []
    for _ in range(count):
        press(kiosk, Qt.Key.Key_Tab)
        stops.append(focused())
    return stops


def test_at_rest_the_page_holds_the_focus_and_no_ring_shows(make_kiosk) -> None:
    kiosk = make_kiosk()
    assert focused() is kiosk.window.home_page
    assert kiosk.keyboard is not None and not kiosk.keyboard.ring.isVisible()


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_tab_on_an_article_goes_through_the_top_bar_left_to_right_then_the_article(
    make_kiosk, size: QSize
) -> None:
    kiosk = make_kiosk(size)
    kiosk.window.show_screen(f"article/{DUAL}")
    bar = kiosk.window.article_page.top_bar
    expected = bar.buttons_in_reading_order()
    assert tab_stops(kiosk, len(expected)) == expected
    xs = [button.mapToGlobal(QPoint(0, 0)).x() for button in expected]
    assert xs == sorted(xs)  # left to right, as laid out
    rest = tab_stops(kiosk, 4)
    page = kiosk.window.article_page
    assert rest[0] is page.scroll_area  # then the article, which the arrow keys scroll
    assert all(page.isAncestorOf(widget) for widget in rest)


def test_tab_on_the_home_screen_reaches_every_tile_top_to_bottom(make_kiosk) -> None:
    kiosk = make_kiosk()
    home = kiosk.window.home_page
    tiles = [tile for tile in home.findChildren(ArticleTile) if tile.isVisible()]
    stops = tab_stops(kiosk, 3 + 1 + len(tiles))
    assert stops[:3] == home.top_bar.buttons_in_reading_order()
    reached = [stop for stop in stops if isinstance(stop, ArticleTile)]
    assert set(reached) == set(tiles)
    positions = [(t.mapToGlobal(QPoint(0, 0)).y(), t.mapToGlobal(QPoint(0, 0)).x()) for t in reached]
    assert positions == sorted(positions)


def test_enter_opens_a_tile_and_space_presses_back(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    while not isinstance(focused(), ArticleTile):
        press(kiosk, Qt.Key.Key_Tab)
    featured = focused()
    assert isinstance(featured, ArticleTile)
    press(kiosk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == f"article/{featured.slug}")
    assert focused() is kiosk.window.article_page  # not left on a tile nobody can see
    back = tab_stops(kiosk, 1)[0]
    assert back is kiosk.window.article_page.top_bar.back_button
    press(kiosk, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == HOME)


def test_arrow_keys_turn_the_carousel_and_the_focus_follows_the_card(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.window.show_screen(f"article/{DUAL}")
    carousel = kiosk.window.article_page.carousel
    assert len(carousel.cards) >= 2
    first = carousel.cards[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    press(kiosk, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 1 and focused() is carousel.cards[1]
    # Only the card in sight is a Tab stop; the others wait off to the side.
    assert first.focusPolicy() == Qt.FocusPolicy.NoFocus
    press(kiosk, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 0 and focused() is first
    press(kiosk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == f"article/{first.slug}")


def ring_colour_around(kiosk: Kiosk, widget: QWidget) -> QColor:
    """The colour just outside the widget's top-left corner, where the ring is drawn."""
    image = kiosk.window.grab().toImage()
    corner = widget.mapTo(kiosk.window, QPoint(0, 0))
    line = kiosk.window.theme.palette.focus_px
    return image.pixelColor(corner.x() + widget.width() // 2, corner.y() - GAP_PX - line // 2 - 1)


def test_the_ring_shows_while_keys_are_in_use_and_a_touch_hides_it(make_kiosk) -> None:
    kiosk = make_kiosk()
    assert kiosk.keyboard is not None
    ring = kiosk.keyboard.ring
    button = tab_stops(kiosk, 1)[0]
    assert ring.isVisible()
    in_window = button.rect().translated(button.mapTo(kiosk.window, QPoint(0, 0)))
    assert ring.geometry().contains(in_window)
    assert ring_colour_around(kiosk, button) == QColor(kiosk.window.theme.palette.focus)
    tap_somewhere_quiet(kiosk)
    assert not ring.isVisible()
    press(kiosk, Qt.Key.Key_Tab)
    assert ring.isVisible()


def tap_somewhere_quiet(kiosk: Kiosk) -> None:
    headline = kiosk.window.home_page.scroll_area
    QTest.mouseClick(headline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    QApplication.processEvents()


def test_the_ring_is_thicker_in_high_contrast(make_kiosk) -> None:
    kiosk = make_kiosk()
    normal = kiosk.window.theme.palette.focus_px
    kiosk.window.set_display(1.0, True)
    assert kiosk.window.theme.palette.focus_px > normal >= 3


@pytest.mark.parametrize("button_name", ["language_button", "text_size_button", "contrast_button"])
def test_a_display_button_pressed_by_keyboard_keeps_the_focus(make_kiosk, button_name: str) -> None:
    kiosk = make_kiosk()
    kiosk.window.show_screen(f"article/{DUAL}")
    getattr(kiosk.window.article_page.top_bar, button_name).setFocus(Qt.FocusReason.TabFocusReason)
    press(kiosk, Qt.Key.Key_Return)
    settle_layout_now()
    # The pages were built again; the focus is on the same button of the new top bar.
    assert focused() is getattr(kiosk.window.article_page.top_bar, button_name)
    assert kiosk.window.current_screen == f"article/{DUAL}"


def settle_layout_now() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_the_print_card_keeps_the_focus_and_gives_it_back(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    kiosk.window.show_screen(f"article/{DUAL}")
    print_button = kiosk.window.article_page.top_bar.print_button
    assert print_button is not None
    print_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(kiosk, Qt.Key.Key_Return)
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(confirm.isVisible)
    stops = confirm.focus_stops()
    assert stops == [confirm.cancel_button, confirm.print_button]
    assert focused() is confirm.cancel_button
    # Tab goes round the card's own buttons, never to the page beneath.
    assert tab_stops(kiosk, 4) == [confirm.print_button, confirm.cancel_button] * 2
    press(kiosk, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is confirm.print_button
    confirm.cancel_button.setFocus()
    press(kiosk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not confirm.isVisible())
    assert focused() is print_button


def test_the_idle_reset_leaves_the_focus_on_the_home_page(make_kiosk) -> None:
    kiosk = make_kiosk()
    kiosk.window.show_screen(f"article/{DUAL}")
    tab_stops(kiosk, 3)
    kiosk.idle.reset()
    assert focused() is kiosk.window.home_page
    assert kiosk.keyboard is not None and not kiosk.keyboard.ring.isVisible()


def test_a_tap_still_works_as_before(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    tile = next(t for t in kiosk.window.home_page.findChildren(ArticleTile) if t.isVisible())
    settle_layout(qtbot)
    tap(tile)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == f"article/{tile.slug}")
    assert kiosk.keyboard is not None and not kiosk.keyboard.ring.isVisible()
