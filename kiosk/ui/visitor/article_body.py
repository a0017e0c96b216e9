"""An article's body in Qt's rich text: as tall as its text, so the page around it scrolls.

Links open other articles; images load only from the pack's own media/ folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QTextBrowser, QWidget

from kiosk.content.render import ARTICLE_URL_PREFIX, pack_media_path
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.images import scaled_image


class ArticleBody(QTextBrowser):
    article_link_tapped = Signal(str)

    def __init__(
        self, pack_root: Path, theme: Theme, width: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("ArticlePage", "Article text"))
        self.pack_root = pack_root
        self.theme = theme
        self.setFixedWidth(width)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.document().setDefaultStyleSheet(theme.document_css())
        self.document().setDocumentMargin(0)
        self.anchorClicked.connect(self._on_anchor)

    def set_html(self, html: str) -> None:
        self.document().setDefaultStyleSheet(self.theme.document_css())
        self.setHtml(html)
        self._fit_height()

    def _on_anchor(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(ARTICLE_URL_PREFIX):
            self.article_link_tapped.emit(target.removeprefix(ARTICLE_URL_PREFIX))

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Only images from the pack's media/ folder; never a file elsewhere, never the network."""
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        path = pack_media_path(self.pack_root, name.toString() if isinstance(name, QUrl) else name)
        if path is None or not path.is_file():
            return None
        return scaled_image(path, self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        document = self.document()
        document.setTextWidth(self.width())
        height = round(document.size().height()) + 2
        if height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(self.width(), self.height())
