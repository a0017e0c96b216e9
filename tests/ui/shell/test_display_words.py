""""Aa" and "◐" have words: "Aa  Text size" and "◐  Contrast" (in Spanish too) where the top bar
has room; where it has not, the icon alone, and the first tap on it shows its word instead of
acting (once per visitor: the idle reset forgets). Never any text cut off (tests/ui/
test_text_size.py and test_layout.py check every size)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from kiosk.ui.shell.language import use_ui_language
from kiosk.ui.shell.theme import TEXT_SCALES
from kiosk.ui.shell.top_bar import CONTRAST_LABEL, TEXT_SIZE_LABEL
from tests.helpers.kiosk_fixtures import SCREEN_SIZES, settle_layout
from tests.helpers.touch import cut_off_text, tap

ARTICLE = "article/dual-diagnosis-heroin-depression"


def bars(window):
    return [window.home_page.top_bar, window.article_page.top_bar]


def test_a_roomy_bar_says_what_the_buttons_do(make_window, qtbot) -> None:
    window = make_window(QSize(1920, 1080))
    for bar in bars(window):
        assert bar.display_words == (True, True)
        assert bar.text_size_button.text() == f"{TEXT_SIZE_LABEL}  Text size"
        assert bar.contrast_button.text() == f"{CONTRAST_LABEL}  Contrast"
    tap(window.home_page.top_bar.contrast_button)  # with its word: one tap acts
    settle_layout(qtbot)
    assert window.high_contrast and window.hints.bubble is None


def test_the_words_are_spanish_in_spanish(make_window) -> None:
    window = make_window(QSize(1920, 1080))
    window.set_language("es")
    bar = window.home_page.top_bar
    assert bar.text_size_button.text() == f"{TEXT_SIZE_LABEL}  Tamaño del texto"
    assert bar.contrast_button.text() == f"{CONTRAST_LABEL}  Contraste"


def test_in_a_crowded_bar_the_first_tap_shows_the_word_then_taps_act(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(QSize(1080, 1920))
    window = kiosk.window
    window.show_screen(ARTICLE)
    settle_layout(qtbot)
    bar = window.article_page.top_bar
    assert bar.display_words == (False, False)
    assert (bar.text_size_button.text(), bar.contrast_button.text()) == (TEXT_SIZE_LABEL, CONTRAST_LABEL)
    tap(bar.contrast_button)
    bubble = window.hints.bubble
    assert bubble is not None and bubble.isVisible()
    assert bubble.text() == "Contrast: tap again to change it"
    assert not window.high_contrast and not bar.contrast_button.isChecked()  # nothing changed
    button_bottom = bar.contrast_button.mapTo(window, bar.contrast_button.rect().bottomLeft()).y()
    assert bubble.geometry().top() > button_bottom and window.rect().contains(bubble.geometry())
    tap(bar.contrast_button)
    settle_layout(qtbot)
    assert window.high_contrast and window.hints.bubble is None
    tap(window.article_page.top_bar.contrast_button)  # seen once: acts at once from now on
    settle_layout(qtbot)
    assert not window.high_contrast
    # "Aa" has its own first tap.
    tap(window.article_page.top_bar.text_size_button)
    assert window.hints.bubble is not None and window.hints.bubble.text().startswith("Text size")
    assert window.text_scale == TEXT_SCALES[0]

    kiosk.idle.reset()  # the next visitor sees the words again
    settle_layout(qtbot)
    assert window.hints.bubble is None
    window.show_screen(ARTICLE)
    settle_layout(qtbot)
    tap(window.article_page.top_bar.contrast_button)
    assert window.hints.bubble is not None and not window.high_contrast


def test_the_word_shows_in_spanish_and_fits_the_window(make_window, qtbot) -> None:
    window = make_window(QSize(1080, 1920))
    window.set_language("es")
    window.set_display(1.5, False)
    window.show_screen(ARTICLE)
    settle_layout(qtbot)
    tap(window.article_page.top_bar.text_size_button)
    bubble = window.hints.bubble
    assert bubble is not None and bubble.text() == "Tamaño del texto: toque otra vez para cambiarlo"
    assert window.rect().contains(bubble.geometry())
    assert bubble.width() >= bubble.sizeHint().width()  # the whole sentence shows


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "es"])
def test_words_never_cut_off_at_any_text_size(make_window, qtbot, size: QSize, language: str) -> None:
    window = make_window(size)
    window.set_language(language)
    for scale in TEXT_SCALES:
        window.set_display(scale, False)
        for screen in ("home", ARTICLE):
            window.show_screen(screen)
            settle_layout(qtbot)
            assert not cut_off_text(window), (size, language, scale, screen)
            for bar in bars(window):
                for button in (bar.text_size_button, bar.contrast_button):
                    assert button.width() >= button.sizeHint().width(), (button.text(), scale)
    use_ui_language("en")
