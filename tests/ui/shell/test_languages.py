"""Switching the kiosk's language: the button, the pages, the fallback note, the reset."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.rules.navigation import HOME
from tests.helpers.touch import tap

DUAL = "dual-diagnosis-heroin-depression"


def headline(window) -> str:
    from PySide6.QtWidgets import QLabel

    return next(label.text() for label in window.home_page.findChildren(QLabel)
                if label.property("role") == "headline")


def test_the_language_button_switches_the_whole_kiosk(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    button = window.home_page.top_bar.language_button
    assert button is not None and button.text() == "Español" and button.height() >= 48
    english_headline = headline(window)
    tap(button)
    qtbot.waitUntil(lambda: window.pack.language == "es")
    assert headline(window) != english_headline
    assert headline(window) == window.base_pack.localized("es").title
    back = window.home_page.top_bar.language_button
    assert back is not None and back.text() == "English"


def test_switching_on_an_article_keeps_the_visitor_there_in_the_new_language(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    window.open_article(DUAL)
    english_title = window.article_page.title.text()
    button = window.article_page.top_bar.language_button
    assert button is not None
    tap(button)
    qtbot.waitUntil(lambda: window.pack.language == "es")
    assert window.current_screen == f"article/{DUAL}"
    assert window.article_page.title.text() == window.base_pack.translations["es"][DUAL].title
    assert window.article_page.title.text() != english_title
    assert not window.article_page.note.isVisible()


def test_an_article_without_a_translation_says_so_in_the_visitors_language(make_kiosk, pack_copy) -> None:
    (pack_copy / "articles" / f"{DUAL}.es.md").unlink()
    kiosk = make_kiosk(content=pack_copy)
    window = kiosk.window
    window.set_language("es")
    window.open_article(DUAL)
    QApplication.processEvents()
    assert window.article_page.note.isVisible()
    assert "todavía no está traducido" in window.article_page.note.text()
    assert "English" in window.article_page.note.text()
    assert window.article_page.title.text() == window.base_pack.articles[DUAL].title


def test_the_idle_reset_goes_back_to_the_first_language(make_kiosk) -> None:
    kiosk = make_kiosk()
    kiosk.window.set_language("es")
    kiosk.window.open_article(DUAL)
    kiosk.idle.reset()
    assert kiosk.window.pack.language == "en"
    assert kiosk.window.current_screen == HOME


def test_a_pack_in_one_language_has_no_language_button(make_kiosk, pack_copy: Path) -> None:
    pack_yaml = pack_copy / "pack.yaml"
    lines = pack_yaml.read_text(encoding="utf-8").splitlines()
    lines = lines[: lines.index("translations:")]  # the Spanish texts close the file
    lines = [line for line in lines if not line.startswith("languages:")]
    pack_yaml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for translation in (pack_copy / "articles").glob("*.es.md"):
        translation.unlink()
    kiosk = make_kiosk(content=pack_copy)
    assert kiosk.window.home_page.top_bar.language_button is None
