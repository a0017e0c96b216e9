"""The bar across the top: the clinic's name; Back, Home and Print on article pages."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.model import Organization
from kiosk.ui.images import pixmap
from kiosk.ui.input_watch import STAFF_CORNER_PX
from kiosk.ui.labels import make_label
from kiosk.ui.theme import Theme

PRINT_LABEL = "Print to take home"


class TopBar(QWidget):
    home_requested = Signal()
    back_requested = Signal()
    print_requested = Signal()

    def __init__(
        self, organization: Organization, theme: Theme, *, navigation: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QHBoxLayout(self)
        pad = theme.px(0.6)
        # Buttons stay clear of the staff corner, so that a visitor jabbing at Back five
        # times never opens the staff PIN pad.
        left = max(theme.px(1.5), STAFF_CORNER_PX + theme.px(0.4)) if navigation else theme.px(1.5)
        layout.setContentsMargins(left, pad, theme.px(1.5), pad)
        layout.setSpacing(theme.px(0.8))
        self.home_button: QPushButton | None = None
        self.back_button: QPushButton | None = None
        self.print_button: QPushButton | None = None
        if navigation:
            self.back_button = self._nav_button("\u2190  Back", "Back", theme)
            self.back_button.clicked.connect(self.back_requested)
            self.home_button = self._nav_button("\u2302  Home", "Home screen", theme)
            self.home_button.clicked.connect(self.home_requested)
            self.print_button = self._nav_button(PRINT_LABEL, "Print this page to take home", theme)
            self.print_button.setObjectName("PrintButton")
            self.print_button.clicked.connect(self.print_requested)
            layout.addWidget(self.back_button)
            layout.addWidget(self.home_button)
            layout.addWidget(self.print_button)
            layout.addStretch(1)
        if organization.logo is not None:
            logo = QLabel()
            side = theme.target_px
            logo.setPixmap(pixmap(organization.logo, side, side))
            logo.setAccessibleName(f"{organization.name} logo")
            layout.addWidget(logo)
        name = make_label(organization.name, "clinic", wrap=False)
        layout.addWidget(name)
        if not navigation:
            layout.addStretch(1)

    def _nav_button(self, text: str, name: str, theme: Theme) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("NavButton")
        button.setAccessibleName(name)
        button.setMinimumWidth(theme.px(6))
        return button
