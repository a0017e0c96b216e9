"""A library's screens, touched as a visitor touches them: home with topics, a topic page, A to
Z and search through the on-screen keyboard; the way back; and the reset that forgets it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk.app import Kiosk
from kiosk.ui.widgets.entry_list import ENTRY_ROLE, EntryList, Header
from tests.helpers.library import generated, write_library
from tests.helpers.packs import PACK_YAML, article, write_pack
from tests.helpers.touch import tap


@pytest.fixture(scope="module")
def library_120(tmp_path_factory) -> Path:
    return generated(tmp_path_factory.mktemp("lib") / "pack", 120)


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> Path:
    return write_library(tmp_path_factory.mktemp("small") / "pack")


def tap_item(view: EntryList, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    QApplication.processEvents()
    tap(view.viewport(), view.visualRect(index).center())


def test_a_pack_of_a_few_articles_keeps_its_home_screen(make_kiosk) -> None:
    home = make_kiosk().window.home_page
    assert not home.is_library and not home.lists_first_few
    assert len(home.tiles) == 4 and home.topic_tiles == [] and home.search_button is None


def test_a_long_pack_without_topics_shows_the_first_few_and_all_articles(make_kiosk, tmp_path) -> None:
    articles = {f"a{n:02d}": article(title=f"Article {n:02d}", related="a00" if n else "a01")
                for n in range(20)}
    yaml = PACK_YAML.replace("featured: first", "featured: a00").split("  order:")[0]
    root = write_pack(tmp_path / "pack", pack_yaml=yaml, articles=dict(articles))
    kiosk = make_kiosk(content=root)
    home = kiosk.window.home_page
    assert home.lists_first_few and len(home.tiles) == 1 + 6
    assert home.a_to_z_button is not None and "All articles (20)" in home.a_to_z_button.text()
    tap(home.a_to_z_button)
    assert kiosk.window.current_screen == "a-z"
    assert kiosk.window.a_to_z_page is not None
    assert kiosk.window.a_to_z_page.rows.model().rowCount() == 20 + 1  # one letter: "A"


def test_a_library_home_offers_topics_search_and_a_to_z(make_kiosk, library_120) -> None:
    home = make_kiosk(content=library_120).window.home_page
    assert home.is_library
    assert [t.topic_id for t in home.topic_tiles] == [
        "heart", "diabetes", "pregnancy", "children", "mental-health", "substance-use",
        "older-adults", "everyday-health"]
    assert all("articles" in t.accessibleName() for t in home.topic_tiles)
    assert home.search_button is not None and home.a_to_z_button is not None
    assert len(home.tiles) == 1, "the featured article; the rest are in their topics"


def test_a_topic_then_an_article_and_back_to_the_topic(make_kiosk, library_120) -> None:
    kiosk = make_kiosk(content=library_120)
    window = kiosk.window
    heart = next(t for t in window.home_page.topic_tiles if t.topic_id == "heart")
    tap(heart)
    assert window.current_screen == "topic/heart"
    page = window.topic_page
    assert page is not None and page.heading.text() == "Heart and blood pressure"
    expected = [e.slug for e in window.pack.articles.in_topic("heart", window.day)]
    shown = [page.tiles.model().index(r, 0).data(ENTRY_ROLE).slug
             for r in range(page.tiles.model().rowCount())]
    assert shown == expected and page.count.text() == f"{len(expected)} articles"
    tap_item(page.tiles, 2)
    assert window.current_screen == f"article/{expected[2]}"
    tap(window.article_page.top_bar.back_button)
    assert window.current_screen == "topic/heart"
    tap(page.top_bar.back_button)
    assert window.current_screen == "home"


def test_a_to_z_lists_every_article_under_its_letter(make_kiosk, library_120) -> None:
    kiosk = make_kiosk(content=library_120)
    window = kiosk.window
    assert window.home_page.a_to_z_button is not None
    tap(window.home_page.a_to_z_button)
    page = window.a_to_z_page
    assert page is not None and window.current_screen == "a-z"
    items = page.rows.entry_model().items
    entries = [i for i in items if not isinstance(i, Header)]
    assert len(entries) == 120
    letters = [i.letter for i in items if isinstance(i, Header)]
    assert letters == sorted(letters)
    for letter, button in page.letter_buttons.items():
        assert button.isEnabled() == (letter in letters), letter
    for letter in (letters[len(letters) // 2], letters[-1], letters[0]):
        tap(page.letter_buttons[letter])
        QApplication.processEvents()
        row = page.rows.row_of(lambda item, letter=letter: isinstance(item, Header) and item.letter == letter)
        header = page.rows.visualRect(page.rows.model().index(row, 0))
        assert page.rows.viewport().rect().contains(header), f"{letter} is not in view"


def type_on_screen(window, text: str) -> None:
    page = window.search_page
    for letter in text:
        tap(page.keyboard.key_for(letter))


def test_search_through_the_on_screen_keyboard(make_kiosk, small_library) -> None:
    kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.open_search()
    page = window.search_page
    assert page is not None
    assert all(key.height() >= 60 and key.width() >= 60 for key in page.keyboard.all_keys())
    type_on_screen(window, "diab")
    assert page.query == "diab"
    assert page.results is not None and page.results.found[0].slug == "diabetes-basics"
    assert page.message.text() == "2 articles found"  # and the kidneys, filed under diabetes
    tap_item(page.rows, 0)
    assert window.current_screen == "article/diabetes-basics"
    tap(window.article_page.top_bar.back_button)
    assert window.current_screen == "search" and page.query == "diab", "Back keeps the words"
    tap(page.keyboard.key_for("\u232b"))
    assert page.query == "dia"
    tap(page.keyboard.key_for("clear"))
    assert page.query == "" and not page.rows.isVisible()


def test_no_match_is_said_with_a_way_out(make_kiosk, small_library) -> None:
    kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.open_search()
    type_on_screen(window, "xyzzy")
    page = window.search_page
    assert page is not None
    assert "No articles match \u201cxyzzy\u201d" in page.message.text()
    assert page.ways_out.isVisible()
    topics = next(b for b in page.ways_out.findChildren(QPushButton) if "topics" in b.text())
    tap(topics)
    assert window.current_screen == "home"


def test_spanish_has_its_letters_on_the_keyboard(make_kiosk, small_library) -> None:
    kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.set_language("es")
    window.open_search()
    type_on_screen(window, "corazón")
    page = window.search_page
    assert page is not None and page.query == "corazón"
    assert page.results is not None and page.results.found[0].slug == "heart-health"
    assert page.results.found[0].title == "Su corazón y la presión arterial"


def test_the_reset_forgets_what_was_typed(make_kiosk, small_library) -> None:
    kiosk: Kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.open_search()
    type_on_screen(window, "kidneys")
    kiosk.idle.reset()
    QApplication.processEvents()
    assert window.current_screen == "home"
    page = window.search_page
    assert page is None or page.query == ""
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert not any("kidneys" in text.lower() for text in texts)
    if page is not None:
        assert page.rows.model().rowCount() == 0


def test_larger_text_or_another_language_keeps_the_words_typed(make_kiosk, small_library) -> None:
    kiosk: Kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.open_search()
    type_on_screen(window, "diab")
    old_page = window.search_page
    tap(window.search_page.top_bar.text_size_button)  # the pages are built again, larger
    QApplication.processEvents()
    page = window.search_page
    assert page is not None and page is not old_page
    assert window.current_screen == "search" and page.query == "diab"
    assert page.results is not None and page.results.found[0].slug == "diabetes-basics"
    assert old_page.query == "", "the page that went holds nothing typed"
    window.set_language("es")
    assert window.search_page is not None and window.search_page.query == "diab"


def test_keys_move_through_the_keyboard_and_enter_types(make_kiosk, small_library, qtbot) -> None:
    from PySide6.QtCore import Qt

    kiosk = make_kiosk(content=small_library)
    window = kiosk.window
    window.open_search()
    page = window.search_page
    assert page is not None
    first = page.keyboard.key_for("q")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    assert page.keyboard.focusWidget() is page.keyboard.key_for("w")
    qtbot.keyClick(page.keyboard.focusWidget(), Qt.Key.Key_Down)
    assert page.keyboard.focusWidget() is page.keyboard.key_for("s")
    qtbot.keyClick(page.keyboard.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.query == "s")


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920), QSize(1280, 800)],
                         ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_topic_tile_and_a_list_item_are_big_targets(make_kiosk, library_120, size) -> None:
    kiosk = make_kiosk(size, content=library_120)
    window = kiosk.window
    assert all(t.height() >= 48 and t.width() >= 48 for t in window.home_page.topic_tiles)
    window.open_topic("diabetes")
    page = window.topic_page
    assert page is not None
    rect = page.tiles.visualRect(page.tiles.model().index(0, 0))
    assert rect.height() >= 48 and rect.width() >= 48
    assert rect.right() <= page.tiles.viewport().width(), "tiles fit the width"
