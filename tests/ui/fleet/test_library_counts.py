"""A library's screens are counted as the issue asks: a topic page opened, the search screen
opened, the article found; and what was typed is never counted, logged or written anywhere."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.usage.summary import rows
from tests.helpers.library import write_library
from tests.helpers.touch import tap
from tests.ui.visitor.test_library_screens import tap_item, type_on_screen

TYPED = "kidney qwzx"  # found by its first word; the second is in no article, so in no file
MARK = "qwzx"


def counts(kiosk: Kiosk) -> dict[tuple[str, str], int]:
    assert kiosk.fleet is not None
    return {(r.article, r.measure): r.count for r in rows(kiosk.fleet.counter.path)}


def files_holding(folder: Path, word: str) -> list[Path]:
    return [path for path in folder.rglob("*")
            if path.is_file() and word.encode() in path.read_bytes().lower()]


def test_topics_and_search_are_counted_and_the_words_typed_are_not(
    make_kiosk, tmp_path, data_dir, settings_file, caplog,
) -> None:
    caplog.set_level(logging.DEBUG)
    log_file = tmp_path / "log" / "kiosk.log"
    kiosk = make_kiosk(content=write_library(tmp_path / "pack"), log_file=log_file)
    window = kiosk.window
    tap(window.home_page.topic_tiles[0])
    assert window.current_screen.startswith("topic/")
    tap(window.topic_page.top_bar.home_button)
    assert window.home_page.search_button is not None
    tap(window.home_page.search_button)
    assert window.current_screen == "search"
    type_on_screen(window, TYPED)
    tap_item(window.search_page.rows, 0)
    assert window.current_screen == "article/kidney-care"
    kiosk.idle.reset()
    QApplication.processEvents()

    found = counts(kiosk)
    assert found[("", "topic_opened")] == 1
    assert found[("", "search_opened")] == 1
    assert found[("kidney-care", "article_opened")] == 1
    assert found[("", "visit")] == 1
    assert not any(MARK in article or MARK in measure for article, measure in found)
    assert MARK not in caplog.text.lower()
    for folder in (data_dir, log_file.parent, settings_file.parent):
        if folder.exists():
            assert files_holding(folder, MARK) == [], f"{MARK!r} was written under {folder}"
