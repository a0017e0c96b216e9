"""The staff panel: a column of independent sections behind the PIN.

A section is a `StaffSection`; later features add theirs to the list the panel is built with,
without touching the others.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.shell.overlay import Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.page_scroll import kinetic_scroll_area


class StaffSection(QFrame):
    """One titled block of the panel. `refresh()` runs each time the panel opens."""

    title = "Section"

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("StaffSection")
        self.theme = theme
        self.body = QVBoxLayout(self)
        pad = theme.px(1)
        self.body.setContentsMargins(pad, pad, pad, pad)
        self.body.setSpacing(theme.px(0.6))
        self.body.addWidget(make_label(self.title, "section"))

    def refresh(self) -> None:
        """Bring what the section shows up to date."""

    def button(self, text: str, *, name: str = "") -> QPushButton:
        button = QPushButton(text)
        if name:
            button.setObjectName(name)
        return button

    def choice_button(self, text: str) -> QPushButton:
        """One of a few choices (a printer, a paper): `show_chosen` marks the one in use."""
        button = self.button(text, name="ChoiceButton")
        button.setCheckable(True)
        button.setProperty("choice", text)
        show_chosen(button, False)
        return button


CHOSEN_MARK = "\u2713 "  # a tick: the choice shows in its shape too, not only in its colour


def show_chosen(button: QPushButton, chosen: bool) -> None:
    """Mark a choice button as the one in use (filled, with a tick) or not, for screen readers too:
    its checked state and its name ("A4, chosen") say it."""
    text = str(button.property("choice"))
    button.setChecked(chosen)
    button.setText(CHOSEN_MARK + text if chosen else text)
    button.setAccessibleName(f"{text}, chosen" if chosen else text)
    button.setAccessibleDescription("In use" if chosen else "Tap to use this")


class StaffPanel(Overlay):
    closed = Signal()

    def __init__(self, parent: QWidget, theme: Theme, sections: Sequence[StaffSection]) -> None:
        super().__init__(parent)
        self.setObjectName("StaffPanel")
        self.sections = list(sections)
        p = theme.palette
        self.setStyleSheet(f"""
QWidget#StaffPanel {{ background: {p.background}; }}
QFrame#StaffSection {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {theme.px(0.6)}px;
}}
QFrame#StaffSection QLabel {{ background: transparent; }}
QLabel[role="staff-message"] {{ color: {p.accent}; font-weight: bold; }}
QLabel[role="staff-log"] {{ font-size: {theme.px(0.7)}px; color: {p.muted_text}; }}
QPushButton#DangerButton {{ background: #9b2226; color: #ffffff; border: none; }}
QPushButton#ChoiceButton:checked {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent};
}}
""")
        header = QWidget()
        header.setObjectName("TopBar")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        header_layout = QHBoxLayout(header)
        pad = theme.px(0.6)
        header_layout.setContentsMargins(theme.px(1.5), pad, theme.px(1.5), pad)
        header_layout.addWidget(make_label("Staff panel", "title", wrap=False))
        header_layout.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("NavButton")
        self.close_button.clicked.connect(self.close_panel)
        header_layout.addWidget(self.close_button)

        column = QWidget()
        column.setObjectName("PageBody")
        column_layout = QVBoxLayout(column)
        margin = theme.px(1.5)
        column_layout.setContentsMargins(margin, margin, margin, margin)
        column_layout.setSpacing(theme.px(1))
        for section in self.sections:
            column_layout.addWidget(section)
        column_layout.addStretch(1)
        self.scroll_area = kinetic_scroll_area(column)
        self.scroll_area.setAccessibleName("Staff panel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.scroll_area, 1)

    def open(self) -> None:
        for section in self.sections:
            section.refresh()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.present()

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def section(self, kind: type[StaffSection]) -> StaffSection:
        """The panel's section of this kind (for tests and for features that extend it)."""
        return next(s for s in self.sections if isinstance(s, kind))
