"""Search, for touch only: the words typed on the screen's own keyboard, and the articles that
match, updated with every key: each with its title, summary and topic, the matching words in
bold. When nothing matches, a way to the topics and to A to Z, never an empty screen.

What a visitor types lives in this page only: it is never logged, stored or counted, and the
idle reset clears it with everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.content.catalogue import Entry
from kiosk.content.model import Pack
from kiosk.library.search import Results
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.visitor.library_pages import ListingPage
from kiosk.ui.widgets.entry_list import EntryList
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.onscreen_keyboard import OnScreenKeyboard

Search = Callable[[str], Results]
MAX_QUERY = 60  # letters: a search, not a letter to the clinic
QUOTED_LETTERS = 24  # of the words typed, in "No articles match ..." (a long word cannot wrap)
COMPACT_BELOW_PX = 1000
KEYBOARD_SHARE = 0.36  # of the screen's height at most: the words and results need the rest


class SearchPage(ListingPage):
    topics_requested = Signal()
    a_to_z_requested = Signal()
    searched = Signal()  # results shown for a new query (for tests and measurements)

    def __init__(
        self, pack: Pack, theme: Theme, *, width: int, height: int, search: Search,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pack, theme, width=width, parent=parent)
        self.search = search
        self.query = ""
        self.results: Results | None = None
        self.heading.setText(translate("Search", "Search the articles"))
        self.setAccessibleName(self.heading.text())
        # A short screen (1280x800, or 1080 high with the largest text) gives the heading's room,
        # and some of the gaps', to the words and the keyboard: the box's hint says what it is for.
        compact = height < COMPACT_BELOW_PX or (theme.text_scale >= 1.5 and height < 1.4 * COMPACT_BELOW_PX)
        self.heading.setVisible(not compact)
        if compact:
            self.body.setSpacing(theme.px(0.4))
        self.count.hide()
        self.box = QLabel()
        self.box.setObjectName("SearchBox")
        self.box.setTextFormat(Qt.TextFormat.PlainText)
        self.box.setAccessibleName(translate("Search", "Words to search for"))
        # The hint wraps at large text; what is typed stays on one line, its end in view.
        self.box.setWordWrap(True)
        self.box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.body.addWidget(self.box)
        self.message = make_label("", "section")
        self.body.addWidget(self.message)
        self.ways_out = QWidget()
        ways = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.ways_out)
        ways.setContentsMargins(0, 0, 0, 0)
        topics = QPushButton(translate("Search", "Browse the topics"))
        topics.setObjectName("LibraryButton")
        topics.clicked.connect(self.topics_requested)
        a_to_z = QPushButton(translate("Library", "All articles A to Z"))
        a_to_z.setObjectName("LibraryButton")
        a_to_z.clicked.connect(self.a_to_z_requested)
        ways.addWidget(topics)
        ways.addWidget(a_to_z)
        ways.addStretch(1)
        needed = sum(button.sizeHint().width() for button in (topics, a_to_z)) + ways.spacing()
        if needed > self.content_width:
            ways.setDirection(QBoxLayout.Direction.TopToBottom)  # large text: one above the other
        self.body.addWidget(self.ways_out)
        self.rows = EntryList(theme, tiles=False, width=self.content_width, marked=self._marked)
        self.rows.setAccessibleName(translate("Search", "Search results"))
        self.rows.activated_slug.connect(self.article_requested)
        self.body.addWidget(self.rows, 1)
        self.space = QWidget()  # keeps the keyboard at the bottom while nothing is listed
        self.body.addWidget(self.space, 1)
        self.keyboard = OnScreenKeyboard(theme, pack.language, width=self.content_width,
                                         height=round(height * KEYBOARD_SHARE))
        self.keyboard.key_pressed.connect(self.type)
        self.keyboard.backspace.connect(self.delete_last)
        self.keyboard.cleared.connect(self.clear)
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addSpacing(theme.px(0.3 if compact else 0.8))
        self._topic_titles = {topic.id: topic.title for topic in pack.topics}
        self._show()

    # --- typing ------------------------------------------------------------------------------

    def type(self, text: str) -> None:
        if len(self.query) + len(text) <= MAX_QUERY and not (text == " " and self.query.endswith(" ")):
            self.query += text
            self._show()

    def delete_last(self) -> None:
        if self.query:
            self.query = self.query[:-1]
            self._show()

    def clear(self) -> None:
        """The search as first shown: nothing typed, nothing found (the idle reset too)."""
        self.query = ""
        self._show()

    def set_day(self, day: date) -> None:
        self._show()

    # --- what is shown -----------------------------------------------------------------------

    def _show(self) -> None:
        shown_query = self.query.strip()
        self.box.setProperty("empty", not self.query)
        self.box.style().unpolish(self.box)
        self.box.style().polish(self.box)
        # A screen reader says the box's name: the words typed are part of it.
        words_name = translate("Search", "Words to search for")
        self.box.setAccessibleName(f"{words_name}: {self.query}" if self.query.strip() else words_name)
        if self.query:
            self.box.setText(self._fitted(self.query + "|"))
        else:
            self.box.setText(translate("Search", "Type a word, like \u201cheart\u201d or \u201csleep\u201d"))
        self.results = self.search(shown_query) if shown_query else None
        found = self.results.found if self.results is not None else []
        self.rows.set_items([Entry(r.slug, r.title, r.summary, None, "", r.topics) for r in found],
                            extra=self._topic_line)
        self.rows.setVisible(bool(found))
        self.space.setVisible(not found)
        self.ways_out.setVisible(bool(shown_query) and not found)
        self.message.setText(self._message(shown_query, len(found)))
        self.message.setVisible(bool(shown_query))
        self._paint_pending = True
        self.searched.emit()

    def _fitted(self, typed: str) -> str:
        """What was typed, on one line: when it is longer than the box, its beginning gives way
        to "…" so the letters just pressed stay in view."""
        inside = self.content_width - 2 * self.theme.px(0.8) - 2 * self.theme.palette.border_px - 4
        return self.box.fontMetrics().elidedText(typed, Qt.TextElideMode.ElideLeft, inside)

    def _message(self, shown_query: str, count: int) -> str:
        if not shown_query:
            return ""
        if count == 0:
            quoted = shown_query[:QUOTED_LETTERS] + ("\u2026" if len(shown_query) > QUOTED_LETTERS else "")
            return translate("Search", "No articles match \u201c%1\u201d. Try other words, or "
                             "browse the topics or all articles from A to Z.").replace("%1", quoted)
        if self.results is not None and not self.results.every_word:
            return translate("Search", "No article has every word; these have some of them.")
        if count == 1:
            return translate("Search", "1 article found")
        return translate("Search", "%1 articles found").replace("%1", str(count))

    def _marked(self, text: str) -> str:
        return self.results.marked(text) if self.results is not None else text

    def _topic_line(self, entry: Entry) -> str:
        return ", ".join(self._topic_titles[t] for t in entry.topics if t in self._topic_titles)

    def is_at_rest(self) -> bool:
        return not self.query
