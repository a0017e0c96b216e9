"""The kiosk's one window: the home screen and the article screen, and the way between them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from kiosk.content.model import Pack
from kiosk.content.render import ArticleRenderer
from kiosk.rules.navigation import HOME, History
from kiosk.ui.shell.display_hints import CONTRAST, TEXT_SIZE, DisplayHints
from kiosk.ui.shell.language import use_ui_language
from kiosk.ui.shell.languages import next_language, not_translated_note
from kiosk.ui.shell.theme import TEXT_SCALES, Theme
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.visitor.article_page import ArticlePage
from kiosk.ui.visitor.home_page import HomePage
from kiosk.ui.widgets.images import IMAGE_CACHE

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    home_painted = Signal()
    article_painted = Signal()
    screen_changed = Signal(str)
    print_requested = Signal(str)  # a visitor asked for the handout of this article
    pages_rebuilt = Signal()  # new pages and a new theme: overlays follow
    display_changed = Signal()  # text size or contrast changed (after pages_rebuilt)

    def __init__(
        self, pack: Pack, font_family: str, size: QSize, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.base_pack = pack  # every language; `pack` is the one shown, in the visitor's language
        self.pack = pack
        self.renderer = ArticleRenderer(pack)
        self.font_family = font_family
        self.history = History()
        self.setWindowTitle(pack.organization.name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home_page: HomePage
        self.article_page: ArticlePage
        self.theme: Theme
        self._built_size = QSize()
        self.text_scale = TEXT_SCALES[0]
        self.high_contrast = False
        self.reduce_motion = False
        self.hints = DisplayHints(self)
        self.resize(size)
        self._build_pages(size)

    # Building ----------------------------------------------------------------------------

    def _build_pages(self, size: QSize) -> None:
        """Lay every page out for this window size (type and layout follow the screen)."""
        width, height = size.width(), size.height()
        use_ui_language(self.pack.language)  # the kiosk's own words, before any are made
        self.theme = Theme.for_screen(
            self.font_family, width, height, self.pack.accent,
            text_scale=self.text_scale, high_contrast=self.high_contrast,
            reduce_motion=self.reduce_motion,
        )
        focused_button = self._focused_top_bar_button()
        # The old pages go first: restyled for larger text they would push the window wider.
        old = [page for i in range(self.stack.count()) if (page := self.stack.widget(i)) is not None]
        for page in old:
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self.setStyleSheet(self.theme.stylesheet())
        portrait = height > width
        self.home_page = HomePage(self.pack, self.theme, width=width, portrait=portrait)
        self.home_page.article_requested.connect(self.open_article)
        self.home_page.painted.connect(self.home_painted)
        self.article_page = ArticlePage(
            self.pack, self.theme, width=width, height=height, portrait=portrait
        )
        self.article_page.article_requested.connect(self.open_article)
        self.article_page.home_requested.connect(self.go_home)
        self.article_page.back_requested.connect(self.go_back)
        self.article_page.print_requested.connect(self.print_requested)
        self.article_page.painted.connect(self.article_painted)
        self.hints.hide()  # its button is gone with the old pages
        for bar in (self.home_page.top_bar, self.article_page.top_bar):
            bar.text_size_requested.connect(lambda b=bar: self._display_tap(b, TEXT_SIZE))
            bar.contrast_requested.connect(lambda b=bar: self._display_tap(b, CONTRAST))
            bar.language_requested.connect(self.next_language)
        self.stack.addWidget(self.home_page)
        self.stack.addWidget(self.article_page)
        self._built_size = QSize(size)
        self._show_current()
        if focused_button is not None:
            self._focus_top_bar_button(focused_button)
        self.pages_rebuilt.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size() != self._built_size:
            self._build_pages(event.size())

    # Text size and contrast ------------------------------------------------------------

    def set_display(self, text_scale: float, high_contrast: bool) -> None:
        """Show every page at this text size (1.0, 1.25 or 1.5) and contrast; the screen and
        the article shown stay (for the "Aa" and contrast buttons, the idle reset, snapshots)."""
        if text_scale <= 0:
            raise ValueError(f"text scale must be positive, not {text_scale}")
        if text_scale == self.text_scale and high_contrast == self.high_contrast:
            return
        self.text_scale = text_scale
        self.high_contrast = high_contrast
        self._build_pages(self.size())
        self.display_changed.emit()

    def next_text_size(self) -> None:
        """100 %, 125 %, 150 %, and round again."""
        try:
            index = TEXT_SCALES.index(self.text_scale)
        except ValueError:
            index = -1
        self.set_display(TEXT_SCALES[(index + 1) % len(TEXT_SCALES)], self.high_contrast)

    def toggle_contrast(self) -> None:
        self.set_display(self.text_scale, not self.high_contrast)

    def _display_tap(self, bar: TopBar, which: str) -> None:
        """"Aa" or "◐" tapped: acts, unless the bar shows it as an icon alone and this visitor
        has not seen its word yet (then the word shows first)."""
        if self.hints.tap(bar, which):
            (self.next_text_size if which == TEXT_SIZE else self.toggle_contrast)()

    # Navigating --------------------------------------------------------------------------

    @property
    def current_screen(self) -> str:
        return self.history.current

    def open_article(self, slug: str) -> None:
        if slug not in self.pack.articles:
            log.warning("asked to open an unknown article %r", slug)
            return
        self.history.open(slug)
        self._show_current()

    def go_back(self) -> None:
        self.history.back()
        self._show_current()

    def go_home(self) -> None:
        self.history.home()
        self._show_current()

    def show_screen(self, screen: str) -> None:
        """Go to `home` or `article/SLUG` (for snapshots and tests)."""
        self.history.home()
        if screen != HOME:
            self.open_article(screen.removeprefix("article/"))
        self._show_current()

    def reset(self) -> None:
        """Forget the last visitor: home at the top, no trail back, no article left in memory,
        the usual text size and contrast."""
        self.history.home()
        self.hints.forget()
        self.set_language(self.base_pack.default_language)
        self.set_display(TEXT_SCALES[0], False)
        self.article_page.clear()
        self.home_page.reset()
        self._show_current()

    def is_at_rest(self) -> bool:
        """A clean home screen: nothing a visitor did is showing."""
        return self.history.current == HOME and self.home_page.is_at_rest()

    def visible_words(self) -> int:
        """Words of the article on screen; 0 on the home screen."""
        if self.history.current_slug is None:
            return 0
        return self.article_page.visible_words()

    def set_reduce_motion(self, on: bool) -> None:
        """The machine setting: no sliding or fading anywhere (the contrast toggle does it too)."""
        if on != self.reduce_motion:
            self.reduce_motion = on
            self._build_pages(self.size())

    # Language ----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Show the kiosk in `language`; the visitor stays where they are."""
        if language == self.pack.language or language not in self.base_pack.languages:
            return
        self.pack = self.base_pack.localized(language)
        self.renderer = ArticleRenderer(self.pack)
        self._build_pages(self.size())

    def next_language(self) -> None:
        switch_to = next_language(self.pack)
        if switch_to is not None:
            self.set_language(switch_to)

    def set_pack(self, pack: Pack) -> None:
        """Show another content pack (after a reload): every page is built again."""
        self.base_pack = pack
        self.pack = pack
        self.renderer = ArticleRenderer(pack)
        IMAGE_CACHE.clear()  # the old pack's pictures are never shown again
        self.setWindowTitle(pack.organization.name)
        self.history.home()
        self._build_pages(self.size())

    def _show_current(self) -> None:
        slug = self.history.current_slug
        if slug is None:
            self.article_page.clear()
            self.stack.setCurrentWidget(self.home_page)
            self.home_page.scroll_to_top()
        else:
            article = self.pack.articles[slug]
            note = ""
            if slug in self.base_pack.untranslated(self.pack.language):
                note = not_translated_note(self.base_pack.default_language)
            self.article_page.show_article(article, self.renderer.render(slug).html, note=note)
            self.stack.setCurrentWidget(self.article_page)
        # The page itself holds the focus: nothing on it looks chosen, and the next Tab starts
        # at its top (a keyboard user who opened an article is not left on a hidden tile).
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus(Qt.FocusReason.OtherFocusReason)
        self.screen_changed.emit(self.history.current)

    def _focused_top_bar_button(self) -> int | None:
        """Which top-bar button has the focus (its place, left to right), if one does."""
        page = self.stack.currentWidget()
        if not isinstance(page, HomePage | ArticlePage):
            return None
        buttons = page.top_bar.buttons_in_reading_order()
        focused = [i for i, button in enumerate(buttons) if button.hasFocus()]
        return focused[0] - len(buttons) if focused else None

    def _focus_top_bar_button(self, place_from_end: int) -> None:
        """After "Aa", contrast or language rebuilt the pages: the focus stays on that button,
        counted from the right, where those three sit on every screen."""
        page = self.stack.currentWidget()
        if isinstance(page, HomePage | ArticlePage):
            buttons = page.top_bar.buttons_in_reading_order()
            if -place_from_end <= len(buttons):
                buttons[place_from_end].setFocus(Qt.FocusReason.TabFocusReason)
