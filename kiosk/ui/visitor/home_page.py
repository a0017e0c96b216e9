"""The home screen: the clinic, the headline, the featured article, the articles or (in a
library) the topics with a way to search and to browse A to Z, statistics from the articles,
and the help panel.

Three shapes, by the pack: a few articles are all shown as today; a pack with topics shows its
topics; a pack with many articles and no topics shows the first few and "All articles (N)".
Nothing on the home screen grows with the number of articles, and only articles shown today
(by their dates) appear.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Pack
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.languages import native_name, next_language
from kiosk.ui.shell.theme import Theme
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.widgets.help_panel import HelpPanel
from kiosk.ui.widgets.icons import magnifier
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.page_scroll import kinetic_scroll_area
from kiosk.ui.widgets.stat_card import StatCard
from kiosk.ui.widgets.tiles import ArticleTile, TopicTile, article_count
from kiosk.ui.widgets.touch import scroll_to_top

MAX_HOME_STATS = 4
# Beyond this many articles, a pack without topics shows the first few and "All articles".
ALL_ON_HOME = 12
FIRST_FEW = 6
STAT_CARD_EM = 7.5  # the narrowest a statistic card's column may be, in units of the text size


class HomePage(QWidget):
    article_requested = Signal(str)
    topic_requested = Signal(str)
    search_requested = Signal()
    a_to_z_requested = Signal()
    painted = Signal()

    def __init__(
        self, pack: Pack, theme: Theme, *, width: int, portrait: bool, day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.pack = pack
        self.theme = theme
        self.day = day
        self.tiles: list[ArticleTile] = []
        self.topic_tiles: list[TopicTile] = []
        self.search_button: QPushButton | None = None
        self.a_to_z_button: QPushButton | None = None
        self.shown_count = pack.articles.shown_count(day)
        margin = theme.px(1.5)
        content_width = width - 2 * margin

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(margin, theme.px(0.6), margin, margin)
        column.setSpacing(theme.px(0.8))
        column.addWidget(make_label(pack.title, "headline"))
        if portrait:
            self._portrait(column, content_width)
        else:
            self._landscape(column, content_width)
        column.addStretch(1)

        self.scroll_area = kinetic_scroll_area(body)
        self.scroll_area.setAccessibleName(translate("HomePage", "Home screen"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        switch_to = next_language(pack)
        self.top_bar = TopBar(
            pack.organization, theme, navigation=False, width=width,
            language=native_name(switch_to) if switch_to else None,
        )
        layout.addWidget(self.top_bar)
        layout.addWidget(self.scroll_area, 1)

    @property
    def is_library(self) -> bool:
        """Topics, search and A to Z instead of a list of every article."""
        return self.pack.is_library

    @property
    def lists_first_few(self) -> bool:
        return not self.is_library and self.shown_count > ALL_ON_HOME

    # --- layouts -----------------------------------------------------------------------------

    def _landscape(self, column: QVBoxLayout, content_width: int) -> None:
        gap = self.theme.px(0.8)
        help_width = max(self.theme.px(15), round(content_width * 0.23))
        main_width = content_width - help_width - gap
        grid = QGridLayout()
        grid.setSpacing(gap)
        featured_width = round(main_width * 0.46)
        inner_pad = 2 * self.theme.px(0.8) + 4
        # With large text (or in a library, where topics fill the space below) the featured
        # article spans the main area, its picture beside its words.
        wide = featured_width < self.theme.px(16) or self.is_library
        if wide:
            picture = round(main_width * (0.3 if self.is_library else 0.4))
            grid.addWidget(self._featured(picture, crop=False, horizontal=True), 0, 0, 1, 2)
        else:
            grid.addWidget(self._featured(featured_width - inner_pad, crop=True), 0, 0)
        row = 1 if wide else 0
        if self.is_library:
            grid.addLayout(self._library_row(main_width), 1, 0, 1, 2)
            grid.addLayout(self._topic_grid(main_width, columns=4), 2, 0, 1, 2)
            row = 3
        else:
            others = QVBoxLayout()
            others.setSpacing(self.theme.px(0.6))
            for slug in self._other_slugs():
                others.addWidget(self._tile(slug, round(main_width * 0.11), horizontal=True))
            if self.lists_first_few:
                others.addWidget(self._all_articles_button())
            others.addStretch(1)
            if wide:
                grid.addLayout(others, 1, 0, 1, 2)
                row = 2
            else:
                grid.addLayout(others, 0, 1)
                row = 1
        columns = 2 if wide and not self.is_library else MAX_HOME_STATS
        grid.addLayout(self._stats_grid(main_width, columns=columns), row, 0, 1, 2)
        help_panel = HelpPanel(self.pack.help, self.theme)
        help_panel.setFixedWidth(help_width)
        grid.addWidget(help_panel, 0, 2, row + 1, 1)
        grid.setColumnStretch(0, 46)
        grid.setColumnStretch(1, 54)
        column.addLayout(grid)

    def _portrait(self, column: QVBoxLayout, content_width: int) -> None:
        column.addWidget(self._featured(content_width - 2 * self.theme.px(0.8) - 4, crop=True))
        # The help panel straight after the featured article: on the first screen at every
        # text size, where a visitor in crisis finds it without scrolling.
        column.addWidget(HelpPanel(self.pack.help, self.theme))
        if self.is_library:
            column.addLayout(self._library_row(content_width))
            column.addLayout(self._topic_grid(content_width, columns=3))
        else:
            grid = QGridLayout()
            grid.setSpacing(self.theme.px(0.8))
            slugs = self._other_slugs()
            columns = max(1, min(3, len(slugs), content_width // self.theme.px(10)))
            tile_width = (content_width - (columns - 1) * self.theme.px(0.8)) // columns
            for index, slug in enumerate(slugs):
                tile = self._tile(slug, tile_width - 2 * self.theme.px(0.8) - 4, horizontal=False)
                tile.setFixedWidth(tile_width)  # equal columns, whatever each title's length
                grid.addWidget(tile, index // columns, index % columns)
            column.addLayout(grid)
            if self.lists_first_few:
                column.addWidget(self._all_articles_button())
        column.addLayout(self._stats_grid(content_width, columns=2))

    # --- parts -------------------------------------------------------------------------------

    def _featured(self, image_width: int, crop: bool = False, horizontal: bool = False) -> ArticleTile:
        article = self.pack.featured_article(self.day)
        image_height = round(image_width * (7 / 16 if crop else 9 / 16))
        tile = ArticleTile(
            article, self.theme, image_width=image_width, image_height=image_height,
            object_name="FeaturedTile", title_role="featured-title", show_read_more=True,
            horizontal=horizontal,
        )
        return self._connect(tile)

    def _tile(self, slug: str, image_width: int, *, horizontal: bool) -> ArticleTile:
        [entry] = self.pack.articles.entries([slug])
        return self._connect(ArticleTile(entry, self.theme, image_width=image_width, horizontal=horizontal))

    def _connect(self, tile: ArticleTile) -> ArticleTile:
        tile.activated.connect(self.article_requested)
        self.tiles.append(tile)
        return tile

    def _other_slugs(self) -> list[str]:
        featured = self.pack.featured_article(self.day).slug
        count = FIRST_FEW if self.lists_first_few else ALL_ON_HOME
        return self.pack.articles.first_shown(self.day, count, exclude=(featured,))

    def _all_articles_button(self) -> QPushButton:
        text = translate("HomePage", "All articles (%1)").replace("%1", str(self.shown_count))
        button = QPushButton(f"{text}  \u2192")
        button.setObjectName("LibraryButton")
        button.setAccessibleName(text)
        button.clicked.connect(self.a_to_z_requested)
        self.a_to_z_button = button
        return button

    def _library_row(self, width: int) -> QBoxLayout:
        """The large Search control, and A to Z beside it (below it, when both do not fit)."""
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(self.theme.px(0.8))
        label = translate("HomePage", "Search the articles")
        search = QPushButton(label)
        search.setObjectName("SearchButton")
        icon_px = self.theme.px(1.6)
        search.setIcon(magnifier(icon_px, self.theme.palette.accent))
        search.setIconSize(QSize(icon_px, icon_px))
        search.setAccessibleName(label)
        search.clicked.connect(self.search_requested)
        self.search_button = search
        a_to_z = QPushButton(translate("Library", "All articles A to Z"))
        a_to_z.setObjectName("LibraryButton")
        a_to_z.clicked.connect(self.a_to_z_requested)
        # As tall as Search beside it: one row of two controls, not a large and a small one.
        a_to_z.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.a_to_z_button = a_to_z
        line = 2 * self.theme.palette.border_px
        search_needs = self._text_width(label, 1.3) + icon_px + self.theme.px(3) + line
        a_to_z_needs = self._text_width(a_to_z.text(), 1) + self.theme.px(2.5) + line
        if search_needs + a_to_z_needs + row.spacing() > width:
            row.setDirection(QBoxLayout.Direction.TopToBottom)
            search_needs = a_to_z_needs = 1
        row.addWidget(search, search_needs)  # each as wide as its words need, the rest shared
        row.addWidget(a_to_z, a_to_z_needs)
        return row

    def _text_width(self, text: str, factor: float) -> int:
        """How wide `text` is in the theme's bold type at `factor` times the base size."""
        font = QFont(self.theme.family)
        font.setPixelSize(self.theme.px(factor))
        font.setBold(True)
        return QFontMetrics(font).horizontalAdvance(text)

    def _topic_grid(self, width: int, *, columns: int) -> QGridLayout:
        """The topics as tiles, `columns` across at most: fewer when a title's longest word
        would not fit a tile (large text, long words)."""
        grid = QGridLayout()
        gap = self.theme.px(0.8)
        grid.setSpacing(gap)
        counts = self.pack.articles.topic_counts(self.day)
        shown = [topic for topic in self.pack.topics if counts.get(topic.id)]
        words = [(word, 1.2) for topic in shown for word in topic.title.split()]
        words += [(word, 1.0) for count in counts.values() for word in article_count(count).split()]
        padding = 2 * self.theme.px(0.8) + 2 * self.theme.palette.border_px + 8
        narrowest = max((self._text_width(word, size) for word, size in words), default=0) + padding
        while columns > 1 and (width - (columns - 1) * gap) // columns < narrowest:
            columns -= 1
        tile_width = (width - (columns - 1) * gap) // columns
        for index, topic in enumerate(shown):
            tile = TopicTile(topic, article_count(counts[topic.id]), self.theme,
                             image_width=tile_width - 2 * self.theme.px(0.8) - 4)
            tile.activated.connect(self.topic_requested)
            tile.setFixedWidth(tile_width)
            self.topic_tiles.append(tile)
            grid.addWidget(tile, index // columns, index % columns)
        for index in range(columns):
            grid.setColumnStretch(index, 1)
        return grid

    def _stats_grid(self, width: int, *, columns: int) -> QGridLayout:
        """One statistic from each article first, so the strip covers every topic; in fewer
        columns when large text leaves a card too narrow for its big number."""
        grid = QGridLayout()
        gap = self.theme.px(0.8)
        grid.setSpacing(gap)
        while columns > 1 and (width - (columns - 1) * gap) // columns < self.theme.px(STAT_CARD_EM):
            columns //= 2
        for index, stat in enumerate(self.pack.articles.stats_strip(self.day, MAX_HOME_STATS)):
            grid.addWidget(StatCard(stat, self.theme), index // columns, index % columns)
        for index in range(columns):
            grid.setColumnStretch(index, 1)
        return grid

    # --- state -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def scroll_to_top(self) -> None:
        scroll_to_top(self.scroll_area)

    def reset(self) -> None:
        """As first shown: at the top, no tile held down."""
        for tile in [*self.tiles, *self.topic_tiles]:
            tile.setDown(False)
        self.scroll_to_top()

    def is_at_rest(self) -> bool:
        return self.scroll_area.verticalScrollBar().value() == 0
