"""The help panel: always a way to reach a person (the clinic, a crisis line)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.content.model import HelpInfo
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label, spoken


class HelpPanel(QFrame):
    def __init__(self, help_info: HelpInfo, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelpPanel")
        layout = QVBoxLayout(self)
        pad = theme.px(1.1)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(0.25))
        layout.addWidget(make_label(help_info.heading, "help-heading"))
        if help_info.text:
            layout.addWidget(make_label(help_info.text, "help-label"))
        said = [help_info.heading, help_info.text or ""]  # what the panel shows, in its order
        for line in help_info.lines:
            layout.addSpacing(theme.px(0.45))
            layout.addWidget(make_label(line.label, "help-label"))
            layout.addWidget(make_label(line.number, "help-number"))
            said.append(f"{line.label}: {line.number}")
        layout.addStretch(1)
        self.setAccessibleName(spoken(said))
