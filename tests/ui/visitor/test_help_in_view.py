"""Always a way to get help: on a landscape article the help panel's phone numbers are in view
at every text size and in every language (that column does not scroll under a finger); the
related articles below them are in view too, or else follow the article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.theme import TEXT_SCALES
from tests.helpers.kiosk_fixtures import settle_layout

LANDSCAPE = [QSize(1920, 1080), QSize(1280, 800)]
ARTICLES = ["dual-diagnosis-heroin-depression", "what-is-synthetic-fentanyl"]


def in_window(window: MainWindow, widget: QWidget) -> bool:
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(where)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scale", TEXT_SCALES)
@pytest.mark.parametrize("size", LANDSCAPE, ids=lambda s: f"{s.width()}x{s.height()}")
def test_help_numbers_and_carousel_arrows_are_in_view(
    make_window, qtbot, size: QSize, scale: float, language: str
) -> None:
    window = make_window(size)
    window.set_display(scale, False)
    window.set_language(language)
    for slug in ARTICLES:
        window.show_screen(f"article/{slug}")
        settle_layout(qtbot)
        page = window.article_page
        numbers = [label for label in page.findChildren(QLabel)
                   if label.property("role") == "help-number" and label.isVisible()]
        assert len(numbers) == len(window.pack.help.lines) >= 1
        assert all(in_window(window, label) for label in numbers), [n.text() for n in numbers]
        if page.scroll_area.isAncestorOf(page.carousel):
            continue  # after the article, where the visitor scrolls to them
        for arrow in (page.carousel.previous_button, page.carousel.next_button):
            assert in_window(window, arrow), (slug, arrow.accessibleName())


def test_with_large_text_the_related_articles_follow_the_article(make_window, qtbot) -> None:
    window = make_window(QSize(1920, 1080))
    window.set_display(TEXT_SCALES[-1], False)
    window.show_screen(f"article/{ARTICLES[0]}")
    settle_layout(qtbot)
    page = window.article_page
    assert page.scroll_area.isAncestorOf(page.carousel)
    assert not page.carousel.compact  # room for the summaries again
    assert not page.scroll_area.isAncestorOf(page.help_panel)


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_the_related_articles_after_the_article_still_swipe(make_window, qtbot, size: QSize) -> None:
    """In the article's own scrolling column, a sideways swipe turns the carousel (the page's
    finger scrolling must not take it) and a tap on an arrow does too."""
    from tests.helpers.touch import swipe, tap

    window = make_window(size)
    window.set_display(TEXT_SCALES[-1], False)
    window.show_screen(f"article/{ARTICLES[0]}")
    settle_layout(qtbot)
    page = window.article_page
    carousel = page.carousel
    assert page.scroll_area.isAncestorOf(carousel)
    page.scroll_area.ensureWidgetVisible(carousel)
    settle_layout(qtbot)
    swipe(carousel.viewport, -round(carousel.card_width * 0.45))
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 1
    tap(carousel.next_button)
    qtbot.waitUntil(lambda: carousel.is_settled)
    assert carousel.current_index == 2


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_on_a_portrait_home_screen_the_clinic_number_is_in_view(
    make_window, qtbot, scale: float, language: str
) -> None:
    """Without scrolling: the help panel follows the featured article."""
    window = make_window(QSize(1080, 1920))
    window.set_display(scale, False)
    window.set_language(language)
    window.show_screen("home")
    settle_layout(qtbot)
    numbers = [label for label in window.home_page.findChildren(QLabel)
               if label.property("role") == "help-number" and label.isVisible()]
    assert numbers and in_window(window, numbers[0]), numbers[0].text()
