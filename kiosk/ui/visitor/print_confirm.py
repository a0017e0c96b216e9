"""The handout confirmation: a preview of the real sheet, Print or Cancel, then plain news."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.ui.shell.language import translate
from kiosk.ui.shell.overlay import DIMMED_BACKGROUND, Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label


class PrintConfirm(Overlay):
    """One card, four moments: asking (with the preview), printing, done, and could-not."""

    print_confirmed = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("PrintConfirm")
        p = theme.palette
        self.setStyleSheet(f"""
QWidget#PrintConfirm {{ background: {DIMMED_BACKGROUND}; }}
QFrame#PrintCard {{ background: {p.surface}; border-radius: {theme.px(1)}px; }}
QLabel#Preview {{ border: 1px solid {p.border}; background: #ffffff; }}
QPushButton#PrintNow {{ background: {p.accent}; color: {p.on_accent}; border: none; }}
""")
        self.preview_height = round(parent.height() * 0.45)
        layout = self.centred_card(
            "PrintCard", width=min(theme.px(30), parent.width() - 2 * theme.px(1)),
            padding=theme.px(1.5), spacing=theme.px(0.8),
        )
        self.heading = make_label("", "title")
        self.message = make_label("", "summary")
        self.preview = QLabel()
        self.preview.setObjectName("Preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(translate("PrintConfirm", "Print"))
        self.print_button.setObjectName("PrintNow")
        self.print_button.clicked.connect(self.print_confirmed)
        self.cancel_button = QPushButton(translate("PrintConfirm", "Cancel"))
        self.cancel_button.clicked.connect(self.close_card)
        self.ok_button = QPushButton(translate("PrintConfirm", "OK"))
        self.ok_button.clicked.connect(self.close_card)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.px(0.8))
        for button in (self.cancel_button, self.ok_button, self.print_button):
            buttons.addWidget(button, 1)
        for widget in (self.heading, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # The four moments --------------------------------------------------------------------

    def ask(self, preview: QImage) -> None:
        scaled = QPixmap.fromImage(preview).scaledToHeight(
            self.preview_height, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(scaled)
        self._show(
            translate("PrintConfirm", "Print this handout?"),
            translate("PrintConfirm", "One page, to read later or to share with someone you trust."),
            preview=True, buttons=("cancel", "print"),
        )

    def printing(self, message: str) -> None:
        self._show(translate("PrintConfirm", "Printing"), message, preview=False, buttons=())

    def done(self, message: str) -> None:
        self._show(translate("PrintConfirm", "Your handout"), message, preview=False, buttons=("ok",))

    def refused(self, heading: str, message: str) -> None:
        self._show(heading, message, preview=False, buttons=("ok",))

    def _show(self, heading: str, message: str, *, preview: bool, buttons: tuple[str, ...]) -> None:
        self.heading.setText(heading)
        self.message.setText(message)
        self.preview.setVisible(preview)
        if not preview:
            self.preview.clear()
        self.print_button.setVisible("print" in buttons)
        self.cancel_button.setVisible("cancel" in buttons)
        self.ok_button.setVisible("ok" in buttons)
        self.present()

    def close_card(self) -> None:
        self.preview.clear()  # the preview shows what the visitor read: never keep it
        self.dismiss()
        self.closed.emit()
