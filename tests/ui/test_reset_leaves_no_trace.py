"""After the idle reset nothing of the last visitor's article is left anywhere in the window.

A visitor reads an article by touch: scrolls it, swipes the related articles, asks for the
handout preview, changes the text size, contrast and language. Then they walk away, and the
reset comes the real way: the kiosk's clock runs until "Still reading?" has counted down. A walk
of every text a widget holds (shown or not, page or overlay: labels, buttons, rich text,
accessible names, tooltips, items) must then match the fresh start, and hold none of the
sentences that only that article has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from kiosk.app import Kiosk
from kiosk.content.render import ArticleRenderer
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from kiosk.ui.shell.theme import TEXT_SCALES
from tests.helpers.touch import swipe, tap
from tests.ui.shell.test_idle_controller import open_article_by_touch

# Not the featured article: its opening lines are not on the home screen. It has a picture,
# statistics and related articles, so each of those has to be forgotten too.
ARTICLE = "symptoms-of-opioid-withdrawal"
SIZE = QSize(1920, 1080)
MIN_PHRASE = 24  # shorter lines ("Call 988") may well be on the home screen for other reasons


# The walk -------------------------------------------------------------------------------------


def widget_texts(widget: QWidget) -> Iterator[str]:
    """Every piece of text `widget` itself holds, each tagged with where it was found."""
    kind = type(widget).__name__
    for name, value in (
        ("windowTitle", widget.windowTitle()), ("toolTip", widget.toolTip()),
        ("statusTip", widget.statusTip()), ("whatsThis", widget.whatsThis()),
        ("accessibleName", widget.accessibleName()),
        ("accessibleDescription", widget.accessibleDescription()),
    ):
        if value:
            yield f"{kind}.{name}: {value}"
    if isinstance(widget, QLabel):
        yield f"{kind}.text: {widget.text()}"
        if not widget.pixmap().isNull():  # a picture of the article is a trace too
            yield f"{kind}.pixmap: {widget.pixmap().width()}x{widget.pixmap().height()}"
    elif isinstance(widget, QAbstractButton):
        yield f"{kind}.text: {widget.text()}"
    elif isinstance(widget, QTextEdit):
        yield f"{kind}.plain: {widget.toPlainText()}"
        yield f"{kind}.html: {widget.toHtml()}"
    elif isinstance(widget, QPlainTextEdit):
        yield f"{kind}.plain: {widget.toPlainText()}"
    elif isinstance(widget, QLineEdit):
        yield f"{kind}.text: {widget.text()} / {widget.placeholderText()}"
    elif isinstance(widget, QAbstractSpinBox):
        yield f"{kind}.text: {widget.text()}"
    if isinstance(widget, QComboBox):
        yield from (f"{kind}.item: {widget.itemText(i)}" for i in range(widget.count()))
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from (f"{kind}.item: {text}" for text in model_texts(widget.model()))
    if isinstance(widget, QStackedWidget):
        yield f"{kind}.pages: {widget.count()}, showing {widget.currentIndex()}"


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield str(model.data(index, Qt.ItemDataRole.DisplayRole))
            yield from model_texts(model, index)


def walk(root: QWidget, *, visible_only: bool = False) -> list[str]:
    """The texts of `root` and of every widget under it, in a stable order."""
    widgets = [root, *root.findChildren(QWidget)]
    if visible_only:
        widgets = [w for w in widgets if w.isVisible()]
    return sorted(text for w in widgets for text in widget_texts(w))


def pages(kiosk: Kiosk) -> list[str]:
    """Every page of the window's stack, the one shown and the ones behind it."""
    return walk(kiosk.window.stack)


def blob(texts: list[str]) -> str:
    return "\n".join(texts)


# The article's own words ----------------------------------------------------------------------


def article_phrases(kiosk: Kiosk, fresh_walk: list[str]) -> list[str]:
    """Lines of the article, in every language, that a fresh kiosk holds nowhere."""
    base = kiosk.window.base_pack
    fresh = blob(fresh_walk)
    phrases: list[str] = []
    for language in base.languages:
        pack = base.localized(language)
        article = pack.articles[ARTICLE]
        html = ArticleRenderer(pack).render(ARTICLE).html
        lines = [article.image_alt, *unescape(re.sub(r"<[^>]+>", "\n", html)).splitlines()]
        phrases += [line.strip() for line in lines if len(line.strip()) >= MIN_PHRASE]
    distinctive = [phrase for phrase in phrases if phrase not in fresh]
    assert len(distinctive) >= 10, "too few lines of the article to look for"
    return distinctive


# The visitor ----------------------------------------------------------------------------------


def settle() -> None:
    """Run what the event loop would: layouts, and the deletion of widgets let go of."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_for_the_reset(kiosk: Kiosk) -> None:
    """The kiosk's clock runs, ticking as its timer would, until the idle reset has come."""
    clock = kiosk.clock
    assert isinstance(clock, ManualClock)
    for _ in range(4 * 3600):  # even a long article is reset within the hour
        clock.advance(0.25)
        kiosk.idle.tick()
        if kiosk.idle.resets:
            break
    assert kiosk.idle.resets == 1
    settle()


def read_the_article(kiosk: Kiosk, qtbot) -> None:
    open_article_by_touch(kiosk, qtbot, ARTICLE)
    page = kiosk.window.article_page
    swipe(page.scroll_area.viewport(), 0, -400)
    swipe(page.carousel.viewport, -250)
    qtbot.waitUntil(lambda: page.carousel.current_index == 1)


def ask_for_the_handout(kiosk: Kiosk, qtbot) -> None:
    print_button = kiosk.window.article_page.top_bar.print_button
    assert print_button is not None
    tap(print_button)
    qtbot.waitUntil(kiosk.printing.confirm.isVisible)
    assert not kiosk.printing.confirm.preview.pixmap().isNull()


def press(kiosk: Kiosk, button: str, times: int) -> None:
    """A top-bar button on the article page, `times` times (each press builds the pages again)."""
    for _ in range(times):
        bar = kiosk.window.article_page.top_bar
        target = getattr(bar, button)
        assert target is not None
        tap(target)
        settle()


# With the text size, contrast and language left changed, the reset builds every page afresh;
# changed back (as when a visitor changes none of them), it has to clear the pages it keeps.
@pytest.mark.parametrize("display", ["left changed", "changed back"])
def test_the_idle_reset_leaves_nothing_of_the_article(make_kiosk, qtbot, display: str) -> None:
    kiosk = make_kiosk(SIZE)
    fresh_all, fresh_pages = walk(kiosk.window), pages(kiosk)
    fresh_visible = walk(kiosk.window, visible_only=True)
    phrases = article_phrases(kiosk, fresh_all)

    read_the_article(kiosk, qtbot)
    assert any(phrase in blob(walk(kiosk.window)) for phrase in phrases)  # the walk sees it
    ask_for_the_handout(kiosk, qtbot)
    tap(kiosk.printing.confirm.cancel_button)
    full_rounds = display == "changed back"
    press(kiosk, "text_size_button", len(TEXT_SCALES) if full_rounds else 1)
    press(kiosk, "contrast_button", 2 if full_rounds else 1)
    press(kiosk, "language_button", len(kiosk.window.base_pack.languages) if full_rounds else 1)
    assert kiosk.window.current_screen == f"article/{ARTICLE}"
    swipe(kiosk.window.article_page.scroll_area.viewport(), 0, -300)
    ask_for_the_handout(kiosk, qtbot)  # left open when the visitor goes

    wait_for_the_reset(kiosk)

    window = kiosk.window
    assert window.current_screen == HOME
    assert window.history.depth == 0
    left = [phrase for phrase in phrases if phrase in blob(walk(window))]
    assert left == [], f"the article is still in the window: {left}"
    assert window.stack.count() == 1, "the article page goes with the visitor: only home is left"
    assert kiosk.printing.confirm.preview.pixmap().isNull()
    window.go_back()  # and no way back to it
    assert window.current_screen == HOME
    assert (window.text_scale, window.high_contrast) == (TEXT_SCALES[0], False)
    assert walk(window, visible_only=True) == fresh_visible
    # The pages behind the home screen hold what a fresh one does. (This found the picture's
    # description, its accessible name, kept by ArticlePage.clear().)
    assert pages(kiosk) == fresh_pages
