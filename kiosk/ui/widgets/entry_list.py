"""A long list of articles that costs what the screen shows: a grid of tiles (a topic page) or
rows (A to Z, search results), painted from a model, whatever the number of articles.

A library's topic may hold a hundred articles and its A to Z a thousand: widgets for each would
take seconds to build and a picture each in memory. Here only the tiles in sight are painted,
their pictures from the shared cache of scaled pictures, and scrolling follows the finger.
Every item has an accessible name (its title and summary, as a tile's), the arrow keys move
through the items and Enter opens one; a tap opens it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.content.catalogue import Entry
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.images import scaled_image
from kiosk.ui.widgets.labels import spoken
from kiosk.ui.widgets.touch import make_kinetic, scroll_to_top

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_LINES, SUMMARY_LINES = 4, 3  # long Spanish titles in a narrow tile take four
IndexLike = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Header:
    """A letter that heads its articles in A to Z."""

    letter: str


Item = Entry | Header


class EntryModel(QAbstractListModel):
    def __init__(self, items: list[Item], extra: Callable[[Entry], str] | None = None) -> None:
        super().__init__()
        self.items = items
        self.extra = extra  # a line under the summary (a search result's topic)

    def rowCount(self, parent: IndexLike = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: IndexLike, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if isinstance(item, Header):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return item.letter
            return item if role == HEADER_ROLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken([item.title, item.summary, self.extra(item) if self.extra else ""])
        if role == ENTRY_ROLE:
            return item
        return None

    def flags(self, index: IndexLike) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.items[index.row()], Header):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class EntryDelegate(QStyledItemDelegate):
    """Paints an article as a tile (picture above the words) or a row (words only), in the
    theme's type and colours; titles wrap, summaries end in "…" after a few lines."""

    def __init__(self, view: EntryList) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: IndexLike) -> QSize:
        return self.view.item_size(index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: IndexLike) -> None:
        view = self.view
        theme = view.theme
        palette = theme.palette
        rect = option.rect.adjusted(view.gap // 2, view.gap // 2, -(view.gap // 2), -(view.gap // 2))
        header = index.data(HEADER_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if isinstance(header, Header):
            painter.setFont(view.font_for(2.0, bold=True))
            painter.setPen(QColor(palette.accent))
            painter.drawText(rect.adjusted(theme.px(0.4), 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, header.letter)
            painter.restore()
            return
        entry = index.data(ENTRY_ROLE)
        assert isinstance(entry, Entry)
        pressed = view.pressed_row == index.row()
        painter.setPen(QPen(QColor(palette.accent if pressed else palette.border), palette.border_px))
        painter.setBrush(QColor(palette.pressed if pressed else palette.surface))
        inset = palette.border_px / 2
        painter.drawRoundedRect(rect.toRectF().adjusted(inset, inset, -inset, -inset),
                                theme.px(0.8), theme.px(0.8))
        pad = theme.px(0.8)
        inner = rect.adjusted(pad, pad, -pad, -pad)
        if view.tiles:
            picture_height = view.picture_height
            image = scaled_image(entry.image, inner.width(), picture_height) if entry.image else None
            if image is not None:
                painter.drawImage(QRect(inner.topLeft(), QSize(inner.width(), picture_height)), image)
            inner.setTop(inner.top() + picture_height + pad)
        view.paint_words(painter, inner, entry)
        painter.restore()


class EntryList(QListView):
    """Articles as tiles or rows. `activated_slug` when one is tapped or chosen with Enter."""

    activated_slug = Signal(str)

    def __init__(
        self, theme: Theme, *, tiles: bool, columns: int = 1, width: int,
        marked: Callable[[str], str] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.tiles = tiles
        self.columns = max(1, columns)
        self.gap = theme.px(0.8)
        self.marked = marked  # rich text with the matched words in bold (search results)
        self.pressed_row = -1
        self.setObjectName("EntryList")
        self.setViewMode(QListView.ViewMode.IconMode if tiles else QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight if tiles else QListView.Flow.TopToBottom)
        self.setWrapping(tiles)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(tiles)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setSpacing(0)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        make_kinetic(self)
        self.item_width = (width - 2) // self.columns if tiles else width - 2
        self.picture_height = round((self.item_width - 2 * self.gap) * 9 / 16) if tiles else 0
        self._height = 0
        self.setItemDelegate(EntryDelegate(self))
        self.setModel(EntryModel([]))
        self.clicked.connect(self._open)
        self.activated.connect(self._open)

    # --- what is shown -----------------------------------------------------------------------

    def set_items(self, items: list[Item], extra: Callable[[Entry], str] | None = None) -> None:
        self._height = self._tile_height([i for i in items if isinstance(i, Entry)]) if self.tiles else 0
        old = self.model()
        self.setModel(EntryModel(items, extra))
        if old is not None:
            old.deleteLater()
        self.pressed_row = -1
        scroll_to_top(self)

    def entry_model(self) -> EntryModel:
        model = self.model()
        assert isinstance(model, EntryModel)
        return model

    def row_of(self, predicate: Callable[[Item], bool]) -> int:
        return next((row for row, item in enumerate(self.entry_model().items) if predicate(item)), -1)

    def scroll_to_row(self, row: int) -> None:
        if row >= 0:
            self.scrollTo(self.model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    # --- sizes and words ---------------------------------------------------------------------

    def font_for(self, factor: float, *, bold: bool = False) -> QFont:
        font = QFont(self.theme.family)
        font.setPixelSize(self.theme.px(factor))
        font.setBold(bold)
        return font

    def item_size(self, index: IndexLike) -> QSize:
        if self.tiles:
            return QSize(self.item_width, self._height)
        header = index.data(HEADER_ROLE)
        if isinstance(header, Header):
            return QSize(self.item_width, self.theme.px(3.2))
        entry = index.data(ENTRY_ROLE)
        assert isinstance(entry, Entry)
        return QSize(self.item_width, self._row_height(entry))

    def _text_width(self) -> int:
        return self.item_width - self.gap - 2 * self.theme.px(0.8)

    def _tile_height(self, entries: list[Entry]) -> int:
        """One height for every tile of the page: room for the longest title it shows."""
        title_lines = max((self._lines(e.title, self.font_for(1.2, bold=True), TITLE_LINES)
                           for e in entries), default=1)
        return (self.gap + 2 * self.theme.px(0.8) + self.picture_height + self.theme.px(0.8)
                + title_lines * QFontMetrics(self.font_for(1.2, bold=True)).lineSpacing()
                + self.theme.px(0.4) + SUMMARY_LINES * QFontMetrics(self.font_for(1)).lineSpacing())

    def _row_height(self, entry: Entry) -> int:
        title = self._lines(entry.title, self.font_for(1.2, bold=True), TITLE_LINES)
        summary = self._lines(entry.summary, self.font_for(1), 2)
        extra = 1 if self.entry_model().extra else 0
        return max(self.theme.target_px, self.gap + 2 * self.theme.px(0.8)
                   + title * QFontMetrics(self.font_for(1.2, bold=True)).lineSpacing()
                   + self.theme.px(0.3)
                   + (summary + extra) * QFontMetrics(self.font_for(1)).lineSpacing())

    def _lines(self, text: str, font: QFont, most: int) -> int:
        flags = Qt.TextFlag.TextWordWrap
        bound = QFontMetrics(font).boundingRect(QRect(0, 0, self._text_width(), 100_000), flags, text)
        return max(1, min(most, round(bound.height() / QFontMetrics(font).lineSpacing())))

    def paint_words(self, painter: QPainter, box: QRect, entry: Entry) -> None:
        palette = self.theme.palette
        title_font, summary_font = self.font_for(1.2, bold=True), self.font_for(1)
        title_lines = self._lines(entry.title, title_font, TITLE_LINES)
        title_height = title_lines * QFontMetrics(title_font).lineSpacing()
        # A row is as tall as its summary needs (up to two lines); the topic line goes below it.
        summary_lines = SUMMARY_LINES if self.tiles else self._lines(entry.summary, summary_font, 2)
        summary_top = box.top() + title_height + self.theme.px(0.3)
        summary_box = QRect(box.left(), summary_top, box.width(),
                            summary_lines * QFontMetrics(summary_font).lineSpacing())
        extra = self.entry_model().extra
        if self.marked is not None:
            self._rich(painter, QRect(box.left(), box.top(), box.width(), title_height),
                       self.marked(entry.title), title_font, palette.text)
            self._rich(painter, summary_box, self.marked(entry.summary), summary_font, palette.muted_text)
        else:
            painter.setFont(title_font)
            painter.setPen(QColor(palette.text))
            painter.drawText(QRect(box.left(), box.top(), box.width(), title_height),
                             int(Qt.TextFlag.TextWordWrap), entry.title)
            painter.setFont(summary_font)
            painter.setPen(QColor(palette.muted_text))
            painter.drawText(summary_box, int(Qt.TextFlag.TextWordWrap),
                             _fitted(entry.summary, summary_font, summary_box))
        if extra is not None:
            painter.setFont(self.font_for(1, bold=True))
            painter.setPen(QColor(palette.accent))
            line = QFontMetrics(summary_font).lineSpacing()
            painter.drawText(QRect(box.left(), summary_box.bottom() + 1, box.width(), line),
                             int(Qt.AlignmentFlag.AlignLeft), extra(entry))

    def _rich(self, painter: QPainter, box: QRect, html: str, font: QFont, colour: str) -> None:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setTextWidth(box.width())
        document.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        document.setHtml(f"<body>{html}</body>")
        painter.save()
        painter.translate(box.topLeft())
        document.drawContents(painter, QRect(0, 0, box.width(), box.height()).toRectF())
        painter.restore()

    # --- input -------------------------------------------------------------------------------

    def focus_rect(self) -> QRect:
        """Where the keyboard focus ring goes: around the current item (kiosk/ui/shell/keyboard.py)."""
        current = self.currentIndex()
        if not current.isValid():
            return self.rect()
        half = self.gap // 2
        item = self.visualRect(current).adjusted(half, half, -half, -half)
        return item.translated(self.viewport().pos())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        self.pressed_row = index.row() if index.isValid() and index.flags() else -1
        self.viewport().update()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.pressed_row = -1
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing in lands on the first article (a header row is skipped)."""
        super().focusInEvent(event)
        if not self.currentIndex().isValid():
            row = self.row_of(lambda item: isinstance(item, Entry))
            if row >= 0:
                self.setCurrentIndex(self.model().index(row, 0))

    def _open(self, index: IndexLike) -> None:
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        if isinstance(entry, Entry):
            self.activated_slug.emit(entry.slug)

    def reset_view(self) -> None:
        self.pressed_row = -1
        self.setCurrentIndex(QModelIndex())
        scroll_to_top(self)


def _fitted(text: str, font: QFont, box: QRect) -> str:
    """`text` cut with "…" so that it fits `box` when wrapped.

    Counted in lines, as the rows' heights are: a line's bounding box can be a pixel taller than
    the font's line spacing, and a box of whole lines would then hold no text at all."""
    metrics = QFontMetrics(font)
    flags = int(Qt.TextFlag.TextWordWrap)
    room = max(1, box.height() // metrics.lineSpacing())
    unbounded = QRect(0, 0, box.width(), 100_000)

    def fits(candidate: str) -> bool:
        height = metrics.boundingRect(unbounded, flags, candidate).height()
        return round(height / metrics.lineSpacing()) <= room

    if fits(text):
        return text
    words = text.split()
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(" ".join(words[:middle]) + "\u2026"):
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + "\u2026"

