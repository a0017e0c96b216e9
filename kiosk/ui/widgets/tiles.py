"""Article tiles: a tap target made of a picture, a title and a summary."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Article
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.images import pixmap
from kiosk.ui.widgets.labels import make_label, spoken


class ArticleTile(QPushButton):
    """A whole card that opens its article. Children ignore the mouse so the card gets the tap."""

    activated = Signal(str)

    def __init__(
        self,
        article: Article,
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
