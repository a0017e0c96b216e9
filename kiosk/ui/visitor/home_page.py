"""The home screen: the clinic, the headline, the featured article, every other article,
statistics from the articles, and the help panel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.content.model import Pack
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.languages import native_name, next_language
from kiosk.ui.shell.theme import Theme
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.widgets.help_panel import HelpPanel
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.page_scroll import kinetic_scroll_area
from kiosk.ui.widgets.stat_card import StatCard
from kiosk.ui.widgets.tiles import ArticleTile
from kiosk.ui.widgets.touch import scroll_to_top

MAX_HOME_STATS = 4


class HomePage(QWidget):
    article_requested = Signal(str)
    painted = Signal()

    def __init__(
        self, pack: Pack, theme: Theme, *, width: int, portrait: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.pack = pack
        self.theme = theme
        self.tiles: list[ArticleTile] = []
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

    def _landscape(self, column: QVBoxLayout, content_width: int) -> None:
        gap = self.theme.px(0.8)
        help_width = max(self.theme.px(15), round(content_width * 0.23))
        main_width = content_width - help_width - gap
        grid = QGridLayout()
        grid.setSpacing(gap)
        featured_width = round(main_width * 0.46)
        inner_pad = 2 * self.theme.px(0.8) + 4
        # With large text the featured column gets too narrow for its title's longest words:
        # the featured article then spans the main area, the other articles below it.
        wide = featured_width < self.theme.px(16)
        if wide:
            # Across the main area: the picture beside the words, so it never sits small in a
            # card twice its width.
            picture = round(main_width * 0.4)
            grid.addWidget(self._featured(picture, crop=False, horizontal=True), 0, 0, 1, 2)
        else:
            grid.addWidget(self._featured(featured_width - inner_pad, crop=True), 0, 0)
        others = QVBoxLayout()
        others.setSpacing(self.theme.px(0.6))
        for slug in self._other_slugs():
            others.addWidget(self._tile(slug, round(main_width * 0.11), horizontal=True))
        others.addStretch(1)
        if wide:
            grid.addLayout(others, 1, 0, 1, 2)
        else:
            grid.addLayout(others, 0, 1)
        stats_row = 2 if wide else 1
        grid.addLayout(self._stats_grid(columns=2 if wide else MAX_HOME_STATS), stats_row, 0, 1, 2)
        help_panel = HelpPanel(self.pack.help, self.theme)
        help_panel.setFixedWidth(help_width)
        grid.addWidget(help_panel, 0, 2, stats_row + 1, 1)
        grid.setColumnStretch(0, 46)
        grid.setColumnStretch(1, 54)
        column.addLayout(grid)

    def _portrait(self, column: QVBoxLayout, content_width: int) -> None:
        column.addWidget(self._featured(content_width - 2 * self.theme.px(0.8) - 4, crop=True))
        # The help panel straight after the featured article: on the first screen at every
        # text size, where a visitor in crisis finds it without scrolling.
        column.addWidget(HelpPanel(self.pack.help, self.theme))
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(0.8))
        slugs = self._other_slugs()
        columns = max(1, min(3, len(slugs), content_width // self.theme.px(10)))  # fewer when large
        tile_width = (content_width - (columns - 1) * self.theme.px(0.8)) // columns
        for index, slug in enumerate(slugs):
            tile = self._tile(slug, tile_width - 2 * self.theme.px(0.8) - 4, horizontal=False)
            tile.setFixedWidth(tile_width)  # equal columns, whatever each title's length
            grid.addWidget(tile, index // columns, index % columns)
        column.addLayout(grid)
        column.addLayout(self._stats_grid(columns=2))

    def _featured(
        self, image_width: int, crop: bool = False, horizontal: bool = False
    ) -> ArticleTile:
        article = self.pack.featured_article()
        image_height = round(image_width * (7 / 16 if crop else 9 / 16))
        tile = ArticleTile(
            article, self.theme, image_width=image_width, image_height=image_height,
            object_name="FeaturedTile", title_role="featured-title", show_read_more=True,
            horizontal=horizontal,
        )
        return self._connect(tile)

    def _tile(self, slug: str, image_width: int, *, horizontal: bool) -> ArticleTile:
        tile = ArticleTile(
            self.pack.articles[slug], self.theme, image_width=image_width, horizontal=horizontal
        )
        return self._connect(tile)

    def _connect(self, tile: ArticleTile) -> ArticleTile:
        tile.activated.connect(self.article_requested)
        self.tiles.append(tile)
        return tile

    def _other_slugs(self) -> list[str]:
        return [a.slug for a in self.pack.ordered_articles() if a.slug != self.pack.featured_article().slug]

    def _stats_grid(self, columns: int) -> QGridLayout:
        """One statistic from each article first, so the strip covers every topic."""
        firsts = [a.stats[0] for a in self.pack.ordered_articles() if a.stats]
        rest = [s for s, _a in self.pack.all_stats() if s not in firsts]
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(0.8))
        for index, stat in enumerate((firsts + rest)[:MAX_HOME_STATS]):
            grid.addWidget(StatCard(stat, self.theme), index // columns, index % columns)
        for index in range(columns):
            grid.setColumnStretch(index, 1)
        return grid

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def scroll_to_top(self) -> None:
        scroll_to_top(self.scroll_area)

    def reset(self) -> None:
        """As first shown: at the top, no tile held down."""
        for tile in self.tiles:
            tile.setDown(False)
        self.scroll_to_top()

    def is_at_rest(self) -> bool:
        return self.scroll_area.verticalScrollBar().value() == 0
