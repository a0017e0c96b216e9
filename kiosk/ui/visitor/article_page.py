"""An article: title, picture, body in a readable column, its statistics, related articles,
and the help panel. Home and Back stay at the top."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Article, Pack
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.languages import native_name, next_language
from kiosk.ui.shell.theme import Theme
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.visitor.article_body import ArticleBody
from kiosk.ui.widgets.carousel import Carousel
from kiosk.ui.widgets.help_panel import HelpPanel
from kiosk.ui.widgets.images import pixmap
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.layouts import take_all
from kiosk.ui.widgets.page_scroll import kinetic_scroll_area, plain_scroll_area
from kiosk.ui.widgets.stat_card import StatCard
from kiosk.ui.widgets.touch import scroll_to_top


class ArticlePage(QWidget):
    article_requested = Signal(str)
    home_requested = Signal()
    back_requested = Signal()
    print_requested = Signal(str)  # the slug of the article shown
    painted = Signal()

    def __init__(
        self, pack: Pack, theme: Theme, *, width: int, height: int, portrait: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.pack = pack
        self.theme = theme
        self.day: date | None = None  # related articles not shown on this day are left out
        self.article: Article | None = None
        margin = theme.px(1.5)
        gap = theme.px(1.2)
        side_width = 0 if portrait else max(theme.px(16), round((width - 2 * margin) * 0.27))
        reading_space = width - 2 * margin - (0 if portrait else side_width + gap)
        self.column_width = min(theme.reading_width_px, reading_space)

        switch_to = next_language(pack)
        self.top_bar = TopBar(
            pack.organization, theme, navigation=True, width=width,
            language=native_name(switch_to) if switch_to else None,
        )
        self.top_bar.home_requested.connect(self.home_requested)
        self.top_bar.back_requested.connect(self.back_requested)
        self.top_bar.print_requested.connect(self._request_print)

        self.note = make_label("", "summary")  # e.g. "not translated yet"
        self.note.hide()
        self.title = make_label("", "title")
        self.image = QLabel()
        self.body = ArticleBody(pack.root, theme, self.column_width)
        self.body.article_link_tapped.connect(self.article_requested)
        self.stats_holder = QWidget()
        self.stats_grid = QGridLayout(self.stats_holder)
        self.stats_grid.setContentsMargins(0, 0, 0, 0)
        self.stats_grid.setSpacing(theme.px(0.8))
        self.stats_columns = 2 if self.column_width > theme.px(24) else 1

        column = QWidget()
        self.column = column
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, theme.px(1), 0, margin)
        column_layout.setSpacing(theme.px(1))
        for widget in (self.note, self.title, self.image, self.body, self.stats_holder):
            column_layout.addWidget(widget)
        column_layout.addStretch(1)
        column.setFixedWidth(self.column_width)
        self.scroll_area = kinetic_scroll_area(_centred(column))
        self.scroll_area.setAccessibleName(translate("ArticlePage", "Article"))

        related_width = (width - 2 * margin - gap) // 2 if portrait else side_width
        # In portrait the related articles and the help panel share a row below the article,
        # unless the help panel's longest word (a phone number, in large type) needs the whole
        # width: then the help panel has the row, and the related articles follow the article.
        related_in_column = portrait and _help_panel_needs(pack, theme) > related_width
        if related_in_column:
            related_width = self.column_width
        # Short screens, and larger text on any landscape screen, get compact related cards
        # (title only), so the help panel above them and the card itself stay in view.
        short_screen = not portrait and height < 1000 * theme.text_scale
        self._compact_by_screen = short_screen
        self.carousel = Carousel(
            theme, card_width=related_width,
            # A wide, low picture in landscape: the side column under the help panel is short.
            image_ratio=(7 if portrait else 3) / 16, compact=short_screen,
        )
        self.carousel.activated.connect(self.article_requested)
        self.related_heading = make_label(translate("ArticlePage", "Related articles"), "section")
        side = QWidget()
        side_layout = QBoxLayout(
            QBoxLayout.Direction.LeftToRight if portrait else QBoxLayout.Direction.TopToBottom, side
        )
        side_layout.setContentsMargins(0, theme.px(1), 0, margin)
        side_layout.setSpacing(gap)
        related = QVBoxLayout()
        related.setSpacing(theme.px(0.5))
        related.addWidget(self.related_heading)
        related.addWidget(self.carousel)
        help_panel = HelpPanel(pack.help, theme)
        self.help_panel = help_panel
        if not portrait:
            # Help first: the phone numbers must be in view at every text size, and this
            # column does not scroll under a finger (swipes belong to the carousel).
            side_layout.addWidget(help_panel, 0)
        self._related = related
        self._column_layout = column_layout
        self._side_layout = side_layout
        if related_in_column:
            column_layout.insertLayout(column_layout.count() - 1, related)
        else:
            side_layout.addLayout(related, 0)
        self._side_content: QWidget | None = None
        self._side_room = 0
        if portrait:
            side_layout.addWidget(help_panel, 1)
        else:
            side_layout.addStretch(1)
            self._side_content = side
            self._side_width = side_width
            self._side_room = height - self.top_bar.sizeHint().height()
            self._side_margins = theme.px(1) + margin
            self._side_gap = gap
            self._related_spacing = related.spacing()
            side = plain_scroll_area(side)  # a safety net on short screens; no kinetic grab
            side.setAccessibleName(translate("ArticlePage", "Related articles and help"))
            # so that swipes in the carousel reach it
            side.setFixedWidth(side_width)

        content = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        content.setContentsMargins(margin, 0, margin, 0)
        content.setSpacing(gap)
        content.addWidget(self.scroll_area, 1)
        content.addWidget(side, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addLayout(content, 1)
        self._paint_pending = False

    def show_article(self, article: Article, html: str, *, note: str = "") -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.article = article
        self.title.setText(article.title)
        if article.image is not None:
            width = self.column_width
            self.image.setPixmap(pixmap(article.image, width, round(width * 9 / 16)))
            self.image.setAccessibleName(article.image_alt)
            self.image.show()
        else:
            self.image.clear()
            self.image.hide()
        self.body.set_html(html)
        self._show_stats(article)
        related = [self.pack.articles[s] for s in article.related
                   if self.pack.articles.is_shown(s, self.day)]
        self.related_heading.setVisible(bool(related))
        self.carousel.setVisible(bool(related))
        self.carousel.compact = self._compact_by_screen
        self.carousel.set_articles(related)
        self._fit_side_column(related)
        scroll_to_top(self.scroll_area)
        self._paint_pending = True

    def _fit_side_column(self, related: list[Article]) -> None:
        """The landscape side column does not scroll under a finger (swipes belong to the
        carousel): when the related cards would run off the bottom, they show titles only;
        when even that is too tall (large text, a long help panel), the related articles
        follow the article instead, and the help panel has the column to itself."""
        if self._side_content is None or not related:
            return
        if not self.carousel.compact and self._side_needs() > self._side_room:
            self.carousel.compact = True
            self.carousel.set_articles(related)
        if self._side_needs() > self._side_room:
            self._side_layout.removeItem(self._related)
            self._column_layout.insertLayout(self._column_layout.count() - 1, self._related)
            self._side_content = None  # for good: the help panel and the screen stay as they are
            self._compact_by_screen = False
            self.carousel.compact = False
            self.carousel.set_articles(related)

    def _side_needs(self) -> int:
        """The side column's height, added up from its parts (its layout's own answer lags
        behind new cards until the next event-loop turn)."""
        width = self._side_width
        return (
            self._side_margins + self.help_panel.heightForWidth(width) + self._side_gap
            + self.related_heading.heightForWidth(width) + self._related_spacing
            + self.carousel.height_needed()
        )

    def _show_stats(self, article: Article) -> None:
        self._remove_stat_cards()
        for index, stat in enumerate(article.stats):
            card = StatCard(stat, self.theme)
            self.stats_grid.addWidget(
                card, index // self.stats_columns, index % self.stats_columns
            )
        self.stats_holder.setVisible(bool(article.stats))

    def clear(self) -> None:
        """Forget the article shown (after a visitor leaves)."""
        self.article = None
        self.title.clear()
        self.image.clear()
        self.image.setAccessibleName("")  # the picture's description names the article
        self.body.clear()
        self._remove_stat_cards()
        self.carousel.set_articles([])
        self.carousel.reset()
        scroll_to_top(self.scroll_area)

    def _request_print(self) -> None:
        if self.article is not None:
            self.print_requested.emit(self.article.slug)

    def visible_words(self) -> int:
        """How many words of the body are on screen now (for the reading-time rule)."""
        viewport = self.scroll_area.viewport()
        top_left = self.body.mapFrom(viewport, QPoint(0, 0))
        shown = QRect(top_left, viewport.size()).intersected(self.body.rect())
        if shown.isEmpty():
            return 0
        start = self.body.cursorForPosition(shown.topLeft()).position()
        end = self.body.cursorForPosition(shown.bottomRight()).position()
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(start)
        cursor.setPosition(max(start, end), QTextCursor.MoveMode.KeepAnchor)
        words = len(cursor.selectedText().split())
        if self.title.isVisible() and not self.title.visibleRegion().isEmpty():
            words += len(self.title.text().split())
        return words

    def _remove_stat_cards(self) -> None:
        for card in take_all(self.stats_grid):
            card.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._paint_pending:
            self._paint_pending = False
            self.painted.emit()


def _help_panel_needs(pack: Pack, theme: Theme) -> int:
    """The narrowest the help panel can be: its longest word in its largest type, plus padding."""
    widest = 0
    info = pack.help
    for text, factor, bold in [
        (info.heading, 1.35, True), (info.text or "", 0.95, False),
        *[(line.label, 0.95, False) for line in info.lines],
        *[(line.number, 1.6, True) for line in info.lines],
    ]:
        font = QFont(theme.family)
        font.setPixelSize(theme.px(factor))
        font.setBold(bold)
        metrics = QFontMetrics(font)
        for word in text.split():
            widest = max(widest, metrics.horizontalAdvance(word))
    return widest + 2 * theme.px(1.1) + 2


def _centred(column: QWidget) -> QWidget:
    """The fixed-width column centred between stretches. (An aligned item in a vertical layout
    asks its wrapped labels for their height at the wrong width, and the statistics then
    overlapped the end of the body.)"""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addStretch(1)
    layout.addWidget(column)
    layout.addStretch(1)
    return holder
