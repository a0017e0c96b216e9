"""Reduced motion: no sliding or fading, from the setting or the high-contrast toggle; the
attract screen still moves, in quiet jumps, so nothing burns into the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.rules.clock import ManualClock
from kiosk.settings.declared import Settings

DUAL = "dual-diagnosis-heroin-depression"


def test_the_carousel_jumps_instead_of_sliding_when_motion_is_reduced(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(reduce_motion=True))
    kiosk.window.open_article(DUAL)
    carousel = kiosk.window.article_page.carousel
    carousel.next()
    assert carousel.is_settled  # no animation running: it is already there
    assert carousel.current_index == 1
    assert carousel.strip.x() == -carousel.card_width


def test_the_carousel_slides_otherwise(make_kiosk) -> None:
    kiosk = make_kiosk()
    kiosk.window.open_article(DUAL)
    carousel = kiosk.window.article_page.carousel
    carousel.next()
    assert not carousel.is_settled


def test_high_contrast_calms_motion_too(make_kiosk) -> None:
    kiosk = make_kiosk()
    kiosk.window.set_display(1.0, True)
    assert kiosk.window.theme.still


def test_the_attract_screen_neither_fades_nor_glides_but_still_moves(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(reduce_motion=True))
    clock = kiosk.clock
    assert isinstance(clock, ManualClock)
    attract = kiosk.idle.attract
    attract.start()
    QApplication.processEvents()
    start = attract.content_geometry().topLeft()
    positions = set()
    for _ in range(50):  # 50 s: within one step
        clock.advance(1)
        attract.advance()
        assert attract.opacity_effect.opacity() == 1.0  # no fading in or out
        positions.add((attract.content_geometry().x(), attract.content_geometry().y()))
    assert positions == {(start.x(), start.y())}
    for _ in range(240):  # over the next minutes it has moved
        clock.advance(1)
        attract.advance()
    assert attract.content_geometry().topLeft() != start
    attract.hide()
