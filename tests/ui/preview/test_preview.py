"""`kiosk preview`: real file writes reach the screen and the problem list within a second; a
broken save shows its problems in the article's place and a fix clears them; the author stays on
their screen and in their language; only the saved file is read again; no idle reset; and the
buttons switch what visitors would see."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.cli.preview import Preview, open_preview
from tests.helpers.touch import tap

ARTICLE = "americas-opioid-crisis"
ONE_SECOND_MS = 1000


@pytest.fixture
def preview(qapp, pack_copy: Path) -> Iterator[Preview]:
    opened = open_preview(pack_copy)
    assert opened.watcher.wait_until_watching()
    yield opened
    opened.close()


def save(path: Path, text: str) -> None:
    """As an editor saves: the whole file written, then flushed to the disk."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def article_file(preview: Preview, slug: str = ARTICLE, suffix: str = ".md") -> Path:
    return preview.live.live.root / "articles" / f"{slug}{suffix}"


def test_a_save_updates_the_screen_and_the_problem_list_within_a_second(preview, qtbot) -> None:
    window = preview.kiosk.window
    window.open_article(ARTICLE)
    path = article_file(preview)
    text = path.read_text(encoding="utf-8")
    save(path, text.replace("title: \"", "title: \"Edited: ", 1))
    qtbot.waitUntil(lambda: window.article_page.title.text().startswith("Edited: "), timeout=ONE_SECOND_MS)
    assert window.current_screen == f"article/{ARTICLE}"  # the author stays where they were
    assert preview.live.last_reload.files_read == [f"articles/{ARTICLE}.md", f"articles/{ARTICLE}.es.md"]
    assert preview.frame.panel.lines() == []


def test_a_broken_save_shows_its_problems_in_place_and_a_fix_clears_them(preview, qtbot) -> None:
    window = preview.kiosk.window
    window.open_article(ARTICLE)
    path = article_file(preview)
    good = path.read_text(encoding="utf-8")
    save(path, good.replace("related: [", "related: [no-such-article, ", 1))

    def problem_shown() -> bool:
        lines = preview.frame.panel.lines()
        return bool(lines) and "'related' names 'no-such-article'" in lines[0]

    qtbot.waitUntil(problem_shown, timeout=ONE_SECOND_MS)
    assert preview.frame.panel.lines()[0].startswith(f"articles/{ARTICLE}.md:")
    assert window.article_page.title.text() == f"articles/{ARTICLE}.md cannot be shown yet"
    assert "no-such-article" in window.article_page.body.toPlainText()
    assert window.current_screen == f"article/{ARTICLE}"
    save(path, good)
    qtbot.waitUntil(lambda: preview.frame.panel.lines() == [], timeout=ONE_SECOND_MS)
    assert window.article_page.title.text() == "America's opioid crisis"


def test_the_author_keeps_the_language_they_chose(preview, qtbot) -> None:
    window = preview.kiosk.window
    window.open_article(ARTICLE)
    window.set_language("es")
    spanish = article_file(preview, suffix=".es.md")
    save(spanish, spanish.read_text(encoding="utf-8").replace("title: \"", "title: \"Cambiado: ", 1))
    qtbot.waitUntil(lambda: window.article_page.title.text().startswith("Cambiado: "), timeout=ONE_SECOND_MS)
    assert window.pack.language == "es" and window.current_screen == f"article/{ARTICLE}"
    assert preview.live.last_reload.files_read == [f"articles/{ARTICLE}.es.md"]


def test_a_new_article_appears_and_a_deleted_one_takes_the_author_home(preview, qtbot) -> None:
    window = preview.kiosk.window
    new = article_file(preview, "new-article")
    save(new, "---\ntitle: A brand new article\nsummary: Just written.\n---\nHello there, reader.\n")
    qtbot.waitUntil(lambda: "new-article" in window.pack.articles, timeout=ONE_SECOND_MS)
    window.open_article("new-article")
    new.unlink()
    qtbot.waitUntil(lambda: "new-article" not in window.pack.articles, timeout=ONE_SECOND_MS)
    assert window.current_screen == "home"


def test_there_is_no_idle_reset_in_the_preview(preview, qtbot) -> None:
    kiosk = preview.kiosk
    kiosk.window.open_article(ARTICLE)
    assert not kiosk.idle.timer.isActive()  # started only by `kiosk run`
    assert kiosk.lockdown is None and kiosk.updates is None
    qtbot.wait(300)
    assert kiosk.idle.resets == 0 and kiosk.window.current_screen == f"article/{ARTICLE}"


def test_the_buttons_switch_the_screen_size_text_size_contrast_and_language(preview, qtbot) -> None:
    frame = preview.frame
    window = preview.kiosk.window
    portrait = frame.size_buttons.buttons()[1]
    tap(portrait)
    assert window.size() == QSize(1080, 1920) and portrait.isChecked()
    tap(frame.text_buttons.buttons()[2])
    assert window.text_scale == 1.5
    tap(frame.contrast_buttons.buttons()[1])
    assert window.high_contrast
    tap(frame.language_buttons.buttons()[1])
    assert window.pack.language == "es"
    assert frame.language_buttons.buttons()[1].isChecked()
    tap(frame.size_buttons.buttons()[2])
    assert window.size() == QSize(1280, 800)
