"""Tapping, swiping and the way back: the visitor's paths through the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from kiosk.ui.widgets.carousel import Carousel
from tests.helpers.touch import swipe, tap

FEATURED = "dual-diagnosis-heroin-depression"


def test_tapping_a_tile_opens_its_article(make_window, qtbot):
    window = make_window()
    tile = next(t for t in window.home_page.tiles if t.slug == "americas-opioid-crisis")
    tap(tile)
    qtbot.waitUntil(lambda: window.current_screen == "article/americas-opioid-crisis")
    assert window.stack.currentWidget() is window.article_page
    assert window.article_page.title.text() == "America's opioid crisis"


def test_back_returns_along_the_trail_and_home_forgets_it(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    window.open_article("symptoms-of-opioid-withdrawal")
    back = window.article_page.top_bar.back_button
    assert back is not None
    tap(back)
    qtbot.waitUntil(lambda: window.current_screen == f"article/{FEATURED}")
    window.open_article("americas-opioid-crisis")
    home = window.article_page.top_bar.home_button
    assert home is not None
    tap(home)
    qtbot.waitUntil(lambda: window.current_screen == "home")
    assert window.history.depth == 0
    assert window.article_page.title.text() == ""


def test_back_from_the_first_article_goes_home(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    window.go_back()
    assert window.current_screen == "home"
    assert window.stack.currentWidget() is window.home_page


def _carousel(window) -> Carousel:
    return window.article_page.carousel


def test_swiping_the_carousel_moves_one_card_each_way(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    carousel = _carousel(window)
    assert len(carousel.cards) == 3
    first_card = carousel.cards[0]
    start_x = first_card.mapTo(window, first_card.rect().topLeft()).x()

    swipe(first_card, dx=-carousel.viewport.width() // 2)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 1
    second = carousel.cards[1]
    assert second.mapTo(window, second.rect().topLeft()).x() == start_x
    assert window.current_screen == f"article/{FEATURED}", "a swipe must not open the card"

    swipe(second, dx=carousel.viewport.width() // 2)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 0


def test_a_short_swipe_snaps_back(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    carousel = _carousel(window)
    swipe(carousel.cards[0], dx=-carousel.viewport.width() // 10)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 0
    assert carousel.strip.x() == 0


def test_the_carousel_arrows_and_dots(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    carousel = _carousel(window)
    assert not carousel.previous_button.isEnabled()
    qtbot.mouseClick(carousel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(carousel.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 2
    assert not carousel.next_button.isEnabled()
    assert carousel.dots.accessibleName() == "Card 3 of 3"


def test_tapping_a_carousel_card_opens_that_article(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    card = _carousel(window).cards[0]
    tap(card)
    qtbot.waitUntil(lambda: window.current_screen == f"article/{card.slug}")
    assert window.history.depth == 2


def test_tapping_a_link_in_the_body_opens_the_other_article(make_window, qtbot):
    window = make_window()
    window.open_article(FEATURED)
    body = window.article_page.body
    cursor = body.document().find("What is synthetic fentanyl made of?")
    assert not cursor.isNull(), "the featured article links to the fentanyl article"
    cursor.setPosition(cursor.selectionStart() + 3)
    point = body.cursorRect(cursor).center()
    in_column = body.mapTo(body.parentWidget(), point)
    area = window.article_page.scroll_area
    area.verticalScrollBar().setValue(in_column.y() - area.viewport().height() // 2)
    QApplication.processEvents()
    tap(body.viewport(), point)
    qtbot.waitUntil(lambda: window.current_screen == "article/what-is-synthetic-fentanyl")


def test_a_quick_tap_on_every_tile_opens_it_at_once(make_window, qtbot):
    """A press is never held back by kinetic scrolling: each tap opens its tile."""
    window = make_window()
    for index, tile in enumerate(window.home_page.tiles):
        window.go_home()
        window.home_page.scroll_area.ensureWidgetVisible(window.home_page.tiles[index])
        tap(window.home_page.tiles[index])
        assert window.current_screen == f"article/{tile.slug}"


def test_dragging_the_home_screen_from_a_tile_does_not_open_it(make_window, qtbot):
    window = make_window(QSize(1280, 800))
    opened: list[str] = []
    tile = window.home_page.tiles[1]
    tile.activated.connect(opened.append)
    swipe(tile, 0, -300)
    bar = window.home_page.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert opened == []
    assert window.current_screen == "home"
