"""A library's browsing screens: a topic's articles as tiles, and every article from A to Z with
a strip of letters to jump to. Back and Home at the top, as on every screen; both lists cost
what the screen shows, whatever the library's size (kiosk/ui/widgets/entry_list.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.content.catalogue import Entry, first_letter
from kiosk.content.model import Pack, Topic
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.languages import native_name, next_language
from kiosk.ui.shell.theme import Theme
from kiosk.ui.shell.top_bar import TopBar
from kiosk.ui.widgets.entry_list import EntryList, Header, Item
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.tiles import article_count

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ#"


def tile_columns(theme: Theme, width: int) -> int:
    """As many columns of tiles as the screen and the text size fit (at least one)."""
    return max(1, min(4, width // theme.px(14)))


class ListingPage(QWidget):
    """A heading over a list of articles, with Back and Home in the top bar."""

    article_requested = Signal(str)
    home_requested = Signal()
    back_requested = Signal()
    painted = Signal()

    def __init__(self, pack: Pack, theme: Theme, *, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        self.pack = pack
        self.theme = theme
        self.margin = theme.px(1.5)
        self.content_width = width - 2 * self.margin
        switch_to = next_language(pack)
        self.top_bar = TopBar(
            pack.organization, theme, navigation=True, width=width, printable=False,
            language=native_name(switch_to) if switch_to else None,
        )
        self.top_bar.home_requested.connect(self.home_requested)
        self.top_bar.back_requested.connect(self.back_requested)
        self.heading = make_label("", "title")
        self.count = make_label("", "section")
        self.body = QVBoxLayout()
        self.body.setContentsMargins(self.margin, theme.px(0.8), self.margin, 0)
        self.body.setSpacing(theme.px(0.6))
        self.body.addWidget(self.heading)
        # The count has a row of its own (a topic page puts a button beside it): moved into a
        # row later, it would leave PySide6 holding a wrapper for the layout item Qt deletes.
        self.count_row = QHBoxLayout()
        self.count_row.addWidget(self.count, 1)
        self.body.addLayout(self.count_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addLayout(self.body, 1)
        self._paint_pending = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._paint_pending:
            self._paint_pending = False
            self.painted.emit()


class TopicPage(ListingPage):
    """One topic: its articles as tiles in as many columns as fit."""

    a_to_z_requested = Signal()

    def __init__(self, pack: Pack, theme: Theme, *, width: int, parent: QWidget | None = None) -> None:
        super().__init__(pack, theme, width=width, parent=parent)
        self.topic: Topic | None = None
        self.a_to_z_button = QPushButton(translate("Library", "All articles A to Z"))
        self.a_to_z_button.setObjectName("LibraryButton")
        self.a_to_z_button.clicked.connect(self.a_to_z_requested)
        self.count_row.addWidget(self.a_to_z_button)
        self.tiles = EntryList(theme, tiles=True, columns=tile_columns(theme, self.content_width),
                               width=self.content_width)
        self.tiles.activated_slug.connect(self.article_requested)
        self.body.addWidget(self.tiles, 1)

    def show_topic(self, topic: Topic, entries: list[Entry]) -> None:
        self.topic = topic
        self.heading.setText(topic.title)
        self.count.setText(article_count(len(entries)))
        self.tiles.setAccessibleName(
            translate("Library", "Articles about %1").replace("%1", topic.title))
        self.tiles.set_items(list(entries))
        self._paint_pending = True

    def clear(self) -> None:
        self.topic = None
        self.tiles.set_items([])

    def is_at_rest(self) -> bool:
        return self.tiles.verticalScrollBar().value() == 0


class AtoZPage(ListingPage):
    """Every article shown today by title, under its letter; a strip of letters jumps to one
    (only the letters that have articles can be pressed)."""

    def __init__(self, pack: Pack, theme: Theme, *, width: int, parent: QWidget | None = None) -> None:
        super().__init__(pack, theme, width=width, parent=parent)
        self.heading.setText(translate("Library", "All articles, A to Z"))
        strip = QGridLayout()
        strip.setSpacing(theme.px(0.25))
        per_row = max(1, min(len(LETTERS), self.content_width // (theme.target_px + theme.px(0.25))))
        self.letter_buttons: dict[str, QPushButton] = {}
        for index, letter in enumerate(LETTERS):
            button = QPushButton(letter)
            button.setObjectName("LetterButton")
            button.setAccessibleName(
                translate("Library", "Articles starting with %1").replace("%1", letter)
                if letter != "#" else translate("Library", "Articles starting with a number"))
            button.clicked.connect(lambda _checked=False, chosen=letter: self.jump_to(chosen))
            strip.addWidget(button, index // per_row, index % per_row)
            self.letter_buttons[letter] = button
        self.body.addLayout(strip)
        self.rows = EntryList(theme, tiles=False, width=self.content_width)
        self.rows.setAccessibleName(translate("Library", "All articles"))
        self.rows.activated_slug.connect(self.article_requested)
        self.body.addWidget(self.rows, 1)

    def show_entries(self, entries: list[Entry]) -> None:
        items: list[Item] = []
        letters: set[str] = set()
        for entry in entries:
            letter = first_letter(entry.title)
            if letter not in letters:
                letters.add(letter)
                items.append(Header(letter))
            items.append(entry)
        for letter, button in self.letter_buttons.items():
            button.setEnabled(letter in letters)
        self.count.setText(article_count(len(entries)))
        self.rows.set_items(items)
        self._paint_pending = True

    def jump_to(self, letter: str) -> None:
        row = self.rows.row_of(lambda item: isinstance(item, Header) and item.letter == letter)
        self.rows.scroll_to_row(row)

    def clear(self) -> None:
        self.rows.set_items([])

    def is_at_rest(self) -> bool:
        return self.rows.verticalScrollBar().value() == 0
