"""The kiosk's one window: the home screen, articles, and in a library its topics, A to Z and
search; the way between them, and the day that decides which articles are shown."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLayout, QMainWindow, QStackedWidget, QWidget

from kiosk.content.model import Pack
from kiosk.rules.navigation import A_TO_Z, HOME, SEARCH, TOPIC, History, is_place, topic_place
from kiosk.ui.shell.article_source import ArticleSource
from kiosk.ui.shell.display_hints import CONTRAST, TEXT_SIZE, DisplayHints
from kiosk.ui.shell.language import use_ui_language
from kiosk.ui.shell.languages import next_language, not_translated_note
from kiosk.ui.shell.theme import TEXT_SCALES, Theme
from kiosk.ui.shell.top_bar import TopBar, focus_place, focused_place
from kiosk.ui.visitor.home_page import HomePage
from kiosk.ui.widgets.images import IMAGE_CACHE

if TYPE_CHECKING:  # the article and library pages are built (their modules loaded) when first opened
    from kiosk.ui.visitor.article_page import ArticlePage
    from kiosk.ui.visitor.library_pages import AtoZPage, TopicPage
    from kiosk.ui.visitor.search_page import SearchPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    home_painted = Signal()
    article_painted = Signal()
    page_painted = Signal()  # a topic, A to Z or search page
    screen_changed = Signal(str)
    print_requested = Signal(str)  # a visitor asked for the handout of this article
    pages_rebuilt = Signal()  # new pages and a new theme: overlays follow
    display_changed = Signal()  # text size or contrast changed (after pages_rebuilt)
    switch_requested = Signal(str)  # "text_size", "contrast" or "language": a visitor's switch

    def __init__(
        self, pack: Pack, font_family: str, size: QSize, parent: QWidget | None = None, *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.base_pack = pack  # every language; `pack` is the one shown, in the visitor's language
        self.pack = pack
        self.source = ArticleSource(pack)
        self.today = today
        self.day = today()  # which articles are shown: re-checked at midnight (set_day)
        self.font_family = font_family
        self.history = History()
        self.setWindowTitle(pack.organization.name)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # The window is the screen's size, never its pages': a page that needs more room (its
        # wrapped labels measured at their narrowest, say) is laid out in the room there is,
        # and must not push the window past the screen (tests/ui/visitor/test_library_layout.py).
        window_layout = self.layout()
        if window_layout is not None:
            window_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.home_page: HomePage
        self._article_page: ArticlePage | None = None  # built when the first article opens
        self.topic_page: TopicPage | None = None  # the library's pages, built when first opened
        self.a_to_z_page: AtoZPage | None = None
        self.search_page: SearchPage | None = None
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
        focused_button = focused_place(self.stack.currentWidget())
        typed = self.search_page.query if self.search_page is not None else ""
        # The old pages go first: restyled for larger text they would push the window wider.
        old = [page for i in range(self.stack.count()) if (page := self.stack.widget(i)) is not None]
        for page in old:
            if page is not self.home_page and hasattr(page, "clear"):
                page.clear()  # nothing of the visitor's waits for deletion
            self.stack.removeWidget(page)
            page.hide()
            page.setParent(None)
            page.deleteLater()
        self.setStyleSheet(self.theme.stylesheet())
        portrait = height > width
        self.topic_page = self.a_to_z_page = self.search_page = None
        self.home_page = HomePage(self.pack, self.theme, width=width, portrait=portrait, day=self.day)
        self.home_page.article_requested.connect(self.open_article)
        self.home_page.topic_requested.connect(self.open_topic)
        self.home_page.search_requested.connect(self.open_search)
        self.home_page.a_to_z_requested.connect(self.open_a_to_z)
        self.home_page.painted.connect(self.home_painted)
        self._article_page = None
        self.hints.hide()  # its button is gone with the old pages
        self._connect_bar(self.home_page.top_bar)
        self.stack.addWidget(self.home_page)
        self._built_size = QSize(size)
        if typed:  # larger text or another language keeps what the visitor typed
            self._search_page().type(typed)
        self._show_current()
        if focused_button is not None:
            focus_place(self.stack.currentWidget(), focused_button)
        self.pages_rebuilt.emit()

    @property
    def article_page(self) -> ArticlePage:
        """The article screen, built the first time it is needed: the home screen paints first."""
        if self._article_page is None:
            from kiosk.ui.visitor.article_page import ArticlePage

            size = self._built_size
            page = ArticlePage(self.pack, self.theme, width=size.width(), height=size.height(),
                               portrait=size.height() > size.width())
            page.day = self.day
            page.article_requested.connect(self.open_article)
            page.home_requested.connect(self.go_home)
            page.back_requested.connect(self.go_back)
            page.print_requested.connect(self.print_requested)
            page.painted.connect(self.article_painted)
            self._connect_bar(page.top_bar)
            self.stack.addWidget(page)
            self._article_page = page
        return self._article_page

    @property
    def built_article_page(self) -> ArticlePage | None:
        """The article page if one is built (asking never builds one)."""
        return self._article_page

    def _connect_bar(self, bar: TopBar) -> None:
        bar.text_size_requested.connect(lambda: self._display_tap(bar, TEXT_SIZE))
        bar.contrast_requested.connect(lambda: self._display_tap(bar, CONTRAST))
        bar.language_requested.connect(self.next_language)
        bar.language_requested.connect(lambda: self.switch_requested.emit("language"))

    def _topic_page(self) -> TopicPage:
        """The library's pages are built the first time they are needed (a pack of a few
        articles never builds them) and kept until the pages are built again."""
        if self.topic_page is None:
            from kiosk.ui.visitor.library_pages import TopicPage

            self.topic_page = TopicPage(self.pack, self.theme, width=self._built_size.width())
            self.topic_page.a_to_z_requested.connect(self.open_a_to_z)
            self._add_library_page(self.topic_page)
        return self.topic_page

    def _a_to_z_page(self) -> AtoZPage:
        if self.a_to_z_page is None:
            from kiosk.ui.visitor.library_pages import AtoZPage

            self.a_to_z_page = AtoZPage(self.pack, self.theme, width=self._built_size.width())
            self._add_library_page(self.a_to_z_page)
        return self.a_to_z_page

    def _search_page(self) -> SearchPage:
        if self.search_page is None:
            from kiosk.ui.visitor.search_page import SearchPage

            size = self._built_size
            self.search_page = SearchPage(
                self.pack, self.theme, width=size.width(), height=size.height(),
                search=lambda query: self.source.search(query, self.pack.language, self.day),
            )
            self.search_page.topics_requested.connect(self.go_home)
            self.search_page.a_to_z_requested.connect(self.open_a_to_z)
            self._add_library_page(self.search_page)
        return self.search_page

    def _add_library_page(self, page: TopicPage | AtoZPage | SearchPage) -> None:
        page.article_requested.connect(self.open_article)
        page.home_requested.connect(self.go_home)
        page.back_requested.connect(self.go_back)
        page.painted.connect(self.page_painted)
        self._connect_bar(page.top_bar)
        self.stack.addWidget(page)

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
            self.switch_requested.emit("text_size" if which == TEXT_SIZE else "contrast")

    # Navigating --------------------------------------------------------------------------

    @property
    def current_screen(self) -> str:
        return self.history.current

    def open_article(self, slug: str) -> None:
        if not self.pack.articles.is_shown(slug, self.day):
            log.warning("asked to open an article that is not shown today: %r", slug)
            return
        self.history.open(slug)
        self._show_current()

    def open_topic(self, topic_id: str) -> None:
        if self.pack.topic(topic_id) is None:
            log.warning("asked to open an unknown topic %r", topic_id)
            return
        self.history.go(topic_place(topic_id))
        self._show_current()

    def open_a_to_z(self) -> None:
        self.history.go(A_TO_Z)
        self._show_current()

    def open_search(self) -> None:
        self.history.go(SEARCH)
        self._show_current()

    def go_back(self) -> None:
        self.history.back()
        self._show_current()

    def go_home(self) -> None:
        self.history.home()
        self._show_current()

    def show_screen(self, screen: str) -> None:
        """Go to `home`, `article/SLUG`, `topic/ID`, `a-z` or `search` (snapshots and tests)."""
        self.history.home()
        if not is_place(screen):
            log.warning("there is no screen %r", screen)
        elif screen.startswith("article/"):
            self.open_article(screen.removeprefix("article/"))
        elif screen.startswith(TOPIC):
            self.open_topic(screen.removeprefix(TOPIC))
        elif screen != HOME:
            self.history.go(screen)
        self._show_current()

    def set_day(self, day: date) -> None:
        """A new day (midnight, or a date set by hand): the articles shown follow their dates
        everywhere; a visitor on a page stays there unless its article is no longer shown."""
        if day == self.day:
            return
        self.day = day
        slug = self.history.current_slug
        if slug is not None and not self.pack.articles.is_shown(slug, day):
            self.history.home()
        self._build_pages(self.size())

    def reset(self) -> None:
        """Forget the last visitor: home at the top, no trail back, no article left in memory,
        nothing typed in search, the usual text size and contrast."""
        self.history.home()
        self.hints.forget()
        self.set_language(self.base_pack.default_language)
        self.set_display(TEXT_SCALES[0], False)
        self._drop_pages_built_on_the_way()
        self.home_page.reset()
        self._show_current()

    def _drop_pages_built_on_the_way(self) -> None:
        """The article, topic, A to Z and search pages a visitor caused to be built go with the
        visitor (cleared first: nothing of theirs waits for deletion); the next visitor gets
        the window as it was at start-up."""
        pages = [self._article_page, self.topic_page, self.a_to_z_page, self.search_page]
        for page in pages:
            if page is not None:
                page.clear()
                self.stack.removeWidget(page)
                page.hide()
                page.setParent(None)
                page.deleteLater()
        self._article_page = self.topic_page = self.a_to_z_page = self.search_page = None

    def is_at_rest(self) -> bool:
        """A clean home screen: nothing a visitor did is showing."""
        return self.history.current == HOME and self.home_page.is_at_rest()

    def visible_words(self) -> int:
        """Words of the article on screen; 0 on any other screen."""
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
        self._build_pages(self.size())

    def next_language(self) -> None:
        switch_to = next_language(self.pack)
        if switch_to is not None:
            self.set_language(switch_to)

    def set_pack(self, pack: Pack) -> None:
        """Show another content pack (after a reload): every page is built again."""
        self.base_pack = pack
        self.pack = pack
        self.source = ArticleSource(pack)
        IMAGE_CACHE.clear()  # the old pack's pictures are never shown again
        self.setWindowTitle(pack.organization.name)
        self.history.home()
        self._build_pages(self.size())

    def show_new_version(self, pack: Pack) -> None:
        """The same pack after an author saved a file (`kiosk preview`): the reader stays on the
        screen they were on, in the same language, text size and contrast; an article that is
        gone takes them back to the one before it, or home."""
        language = self.pack.language
        self.history.keep_only(pack.articles.keys())
        self.base_pack = pack
        self.pack = pack.localized(language)
        self.source = ArticleSource(pack)  # the new text is rendered afresh
        IMAGE_CACHE.clear()  # a picture may have changed under the same name
        self.setWindowTitle(pack.organization.name)
        self._build_pages(self.size())

    def _show_current(self) -> None:
        slug = self.history.current_slug
        place = self.history.current
        if slug is None and self._article_page is not None:
            self._article_page.clear()
        if slug is not None:
            article = self.pack.articles[slug]
            note = ""
            if not self.base_pack.is_translated(slug, self.pack.language):
                note = not_translated_note(self.base_pack.default_language)
            html = self.source.html(self.pack, slug, self.day)
            self.article_page.show_article(article, html, note=note)
            self.stack.setCurrentWidget(self.article_page)
        elif place.startswith(TOPIC):
            topic = self.pack.topic(place.removeprefix(TOPIC))
            page = self._topic_page()
            if topic is not None and (topic != page.topic or not page.isVisible()):
                page.show_topic(topic, self.pack.articles.in_topic(topic.id, self.day))
            self.stack.setCurrentWidget(page)
        elif place == A_TO_Z:
            a_to_z = self._a_to_z_page()
            a_to_z.show_entries(self.pack.articles.a_to_z(self.day))
            self.stack.setCurrentWidget(a_to_z)
        elif place == SEARCH:
            self.stack.setCurrentWidget(self._search_page())
        else:
            self.stack.setCurrentWidget(self.home_page)
            self.home_page.scroll_to_top()
        # The page itself holds the focus: nothing on it looks chosen, and the next Tab starts
        # at its top (a keyboard user who opened an article is not left on a hidden tile).
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus(Qt.FocusReason.OtherFocusReason)
        self.screen_changed.emit(self.history.current)
