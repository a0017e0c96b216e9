"""The preview's frame: the kiosk's window scaled to fit (a 1920x1080 kiosk on a laptop's
screen), buttons that switch what visitors may see (the screen's size and shape, the text size,
the contrast, the language), and the problem list beside it."""

from __future__ import annotations

from PySide6.QtCore import QSize, QSizeF, Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.preview.problem_panel import ProblemPanel
from kiosk.ui.shell.languages import native_name
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.theme import TEXT_SCALES

SCREEN_SIZES = (
    ("Landscape 1920x1080", QSize(1920, 1080)),
    ("Portrait 1080x1920", QSize(1080, 1920)),
    ("1280x800", QSize(1280, 800)),
)


class _FittedView(QGraphicsView):
    """Shows the whole kiosk screen, as large as the room allows (never larger than life)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        scene = self.scene()
        if scene is None or not scene.items():
            return
        rect = scene.items()[-1].sceneBoundingRect()
        self.setSceneRect(rect)
        self.resetTransform()
        scale = min(1.0, self.viewport().width() / rect.width(), self.viewport().height() / rect.height())
        self.scale(scale, scale)
        self.centerOn(rect.center())


class PreviewWindow(QMainWindow):
    def __init__(self, kiosk_window: MainWindow, title: str) -> None:
        super().__init__()
        self.kiosk_window = kiosk_window
        self.setWindowTitle(title)
        self.scene = QGraphicsScene(self)
        self.proxy = self.scene.addWidget(kiosk_window)
        self.view = _FittedView(self.scene)
        self.view.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel = ProblemPanel()
        self.panel.article_requested.connect(kiosk_window.open_article)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(self._buttons())
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        kiosk_window.display_changed.connect(self._show_choices)
        kiosk_window.pages_rebuilt.connect(self._show_choices)
        self.resize(1440, 900)
        self._show_choices()

    # The buttons ---------------------------------------------------------------------------

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.size_buttons = self._group(row, "Screen", [
            (label, lambda _checked=False, s=size: self.set_screen_size(s)) for label, size in SCREEN_SIZES
        ])
        self.text_buttons = self._group(row, "Text", [
            (f"{round(scale * 100)} %", lambda _checked=False, s=scale: self._set_text(s))
            for scale in TEXT_SCALES
        ])
        self.contrast_buttons = self._group(row, "Contrast", [
            ("Normal", lambda _checked=False: self._set_contrast(False)),
            ("High", lambda _checked=False: self._set_contrast(True)),
        ])
        languages = self.kiosk_window.base_pack.languages
        self.language_buttons = self._group(row, "Language", [
            (native_name(lang), lambda _checked=False, code=lang: self.kiosk_window.set_language(code))
            for lang in languages
        ])
        row.addStretch(1)
        return row

    def _group(self, row: QHBoxLayout, name: str, choices: list[tuple[str, object]]) -> QButtonGroup:
        row.addWidget(QLabel(f"{name}:"))
        group = QButtonGroup(self)
        group.setExclusive(True)
        for label, action in choices:
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.clicked.connect(action)
            group.addButton(button)
            row.addWidget(button)
        row.addSpacing(16)
        return group

    def set_screen_size(self, size: QSize) -> None:
        # Fixed: the pages laid out for the old size must not hold the window at their size.
        self.kiosk_window.setFixedSize(size)
        self.proxy.resize(QSizeF(size))
        self.view.fit()
        self._show_choices()

    def _set_text(self, scale: float) -> None:
        self.kiosk_window.set_display(scale, self.kiosk_window.high_contrast)

    def _set_contrast(self, high: bool) -> None:
        self.kiosk_window.set_display(self.kiosk_window.text_scale, high)

    def _show_choices(self) -> None:
        """The buttons show what the kiosk shows (its own "Aa" and contrast buttons change it too)."""
        window = self.kiosk_window
        size = window.size()
        for button, (_label, choice) in zip(self.size_buttons.buttons(), SCREEN_SIZES, strict=True):
            button.setChecked(choice == size)
        for button, scale in zip(self.text_buttons.buttons(), TEXT_SCALES, strict=True):
            button.setChecked(scale == window.text_scale)
        for button, high in zip(self.contrast_buttons.buttons(), (False, True), strict=True):
            button.setChecked(high == window.high_contrast)
        languages = window.base_pack.languages
        buttons = self.language_buttons.buttons()
        for button, lang in zip(buttons, languages, strict=False):
            button.setChecked(lang == window.pack.language)
            button.setVisible(len(languages) > 1 and len(buttons) == len(languages))
