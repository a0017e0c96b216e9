"""Article tiles: a tap target made of a picture, a title and a summary."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.catalogue import Entry
from kiosk.content.model import Article, Topic
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.images import pixmap
from kiosk.ui.widgets.labels import make_label, spoken


def article_count(count: int) -> str:
    """How many articles, in words: a topic's tile and page say it."""
    if count == 1:
        return translate("Library", "1 article")
    return translate("Library", "%1 articles").replace("%1", str(count))


class ArticleTile(QPushButton):
    """A whole card that opens its article. Children ignore the mouse so the card gets the tap."""

    activated = Signal(str)

    def __init__(
        self,
        article: Article | Entry,
        theme: Theme,
        *,
        image_width: int,
        image_height: int | None = None,
        object_name: str = "Tile",
        title_role: str = "tile-title",
        horizontal: bool = False,
        show_read_more: bool = False,
        show_summary: bool = True,
        show_image: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.slug = article.slug
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        direction = QBoxLayout.Direction.LeftToRight if horizontal else QBoxLayout.Direction.TopToBottom
        layout = QBoxLayout(direction, self)
        self._layout = layout
        pad = theme.px(0.8)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(0.8))
        if show_image:
            image = QLabel()
            height = image_height or round(image_width * 9 / 16)
            image.setPixmap(pixmap(article.image, image_width, height))
            image.setAccessibleName(article.image_alt)
            image.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(image, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(theme.px(0.4))
        text.addWidget(make_label(article.title, title_role))
        if show_summary:
            text.addWidget(make_label(article.summary, "summary"))
        if show_read_more:
            read_more = translate("Tile", "Read this article")
            text.addWidget(make_label(f"{read_more}  \u2192", "read-more"))
        text.addStretch(1)
        layout.addLayout(text, 1)
        for child in self.findChildren(QLabel):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(spoken([article.title, article.summary]))
        self.setAccessibleDescription(translate("Tile", "Opens the article"))
        self.clicked.connect(lambda: self.activated.emit(self.slug))

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.heightForWidth(width)


class TopicTile(QPushButton):
    """A topic on a library's home screen: its picture, its title and how many articles."""

    activated = Signal(str)

    def __init__(
        self, topic: Topic, count_text: str, theme: Theme, *, image_width: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.topic_id = topic.id
        self.setObjectName("Tile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        self._layout = layout
        pad = theme.px(0.8)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(0.5))
        if topic.image is not None:
            image = QLabel()
            image.setPixmap(pixmap(topic.image, image_width, round(image_width * 7 / 16)))
            image.setAccessibleName(topic.image_alt)
            layout.addWidget(image, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(make_label(topic.title, "tile-title"))
        layout.addWidget(make_label(count_text, "summary"))
        layout.addStretch(1)
        for child in self.findChildren(QLabel):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(spoken([topic.title, count_text]))
        self.setAccessibleDescription(translate("Tile", "Opens the topic's articles"))
        self.clicked.connect(lambda: self.activated.emit(self.topic_id))

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.heightForWidth(width)
