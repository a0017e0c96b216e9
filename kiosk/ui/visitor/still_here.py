"""The "Still reading?" question, with a countdown and a large button to stay."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.shell.language import translate
from kiosk.ui.shell.overlay import DIMMED_BACKGROUND, Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label


class StillHereOverlay(Overlay):
    """Dims the screen; touching anywhere, or the button, keeps the visitor where they were."""

    stay_requested = Signal()

    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        self.setObjectName("StillHere")
        p = theme.palette
        self.setStyleSheet(f"""
QWidget#StillHere {{ background: {DIMMED_BACKGROUND}; }}
QFrame#StillHereCard {{ background: {p.surface}; border-radius: {theme.px(1)}px; }}
QLabel#Countdown {{ font-size: {theme.px(4)}px; font-weight: bold; color: {p.accent}; }}
QPushButton#StayButton {{
    background: {p.accent}; color: {p.on_accent}; border: none; font-size: {theme.px(1.4)}px;
    min-height: {round(theme.target_px * 1.5)}px; padding: 0 {theme.px(2)}px;
}}
""")
        layout = self.centred_card(
            "StillHereCard", width=min(theme.px(26), parent.width() - 2 * theme.px(1)),
            padding=theme.px(2), spacing=theme.px(1),
        )
        self.heading = make_label(translate("StillHere", "Still reading?"), "title")
        self.countdown = make_label("", "", wrap=False)
        self.countdown.setObjectName("Countdown")
        self.explanation = make_label("", "summary")
        self.stay_button = QPushButton(translate("StillHere", "I'm still here"))
        self.stay_button.setObjectName("StayButton")
        self.stay_button.clicked.connect(self.stay_requested)
        for widget in (self.heading, self.countdown, self.explanation):
            widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(widget)
        layout.addWidget(self.stay_button)

    def set_remaining(self, seconds: float) -> None:
        whole = max(0, math.ceil(seconds))
        self.countdown.setText(str(whole))
        # Two sentences rather than Qt's %n plurals, which lupdate does not find in Python.
        explanation = translate(
            "StillHere",
            "To keep things private, this screen will go back to the start in 1 second. "
            "Touch anywhere to keep reading.",
        ) if whole == 1 else translate(
            "StillHere",
            "To keep things private, this screen will go back to the start in %1 seconds. "
            "Touch anywhere to keep reading.",
        ).replace("%1", str(whole))
        self.explanation.setText(explanation)
