"""The staff panel: independent sections behind the PIN, in one column on a screen taller
than wide and in two on a wide one.

A section is a `StaffSection`; later features add theirs to the list the panel is built with,
without touching the others.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.shell.overlay import Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label
from kiosk.ui.widgets.layouts import take_all
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


def _height_at(section: QWidget, width: int) -> int:
    section.ensurePolished()  # measured in the stylesheet's type, not the default
    height = section.heightForWidth(width) if section.hasHeightForWidth() else -1
    return height if height > 0 else section.sizeHint().height()


def _split(heights: list[int], gap: int, first_screen: int) -> int:
    """How many sections (in order) go in the left column: where the taller column is as short
    as it can be (of equal splits, more on the left); but no more than fit on the first screen
    (at least one), so that what follows starts at the top of the right column."""
    if len(heights) < 2:
        return len(heights)

    def column(part: list[int]) -> int:
        return sum(part) + gap * (len(part) - 1)

    even = min(range(len(heights) - 1, 0, -1),
               key=lambda k: max(column(heights[:k]), column(heights[k:])))
    fitting = [k for k in range(1, len(heights)) if column(heights[:k]) <= first_screen]
    return min(even, max(fitting, default=1))


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
        header = self.header = QWidget()
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

        body = QWidget()
        body.setObjectName("PageBody")
        columns = QHBoxLayout(body)
        margin = theme.px(1.5)
        self._gap = theme.px(1)
        columns.setContentsMargins(margin, margin, margin, margin)
        columns.setSpacing(self._gap)
        self.columns: list[QWidget] = []
        for _ in range(2):
            holder = QWidget()
            holder.setObjectName("PageBody")
            stack = QVBoxLayout(holder)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(self._gap)
            columns.addWidget(holder, 1, Qt.AlignmentFlag.AlignTop)
            self.columns.append(holder)
        self._margin = margin
        self._wide: bool | None = None
        first = self.columns[0].layout()
        assert first is not None
        for section in self.sections:  # in the panel from the start: styled as it will be shown
            first.addWidget(section)
        self.scroll_area = kinetic_scroll_area(body)
        self.scroll_area.setAccessibleName("Staff panel")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.scroll_area, 1)

    def open(self) -> None:
        for section in self.sections:
            section.refresh()
        self.present()
        self.arrange()
        self.scroll_area.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.arrange()

    def arrange(self) -> None:
        """One column on a screen taller than wide; two on a wide one, the sections kept in
        order: split where the columns come out most even, unless the left one would then run
        below the first screen; then the left column holds what fits on it and the rest starts
        at the top of the right one. So the first sections, the state of the kiosk, its
        content and its printer, show without scrolling."""
        wide = self.width() > self.height()
        width = (self.width() - 2 * self._margin - (self._gap if wide else 0)) // (2 if wide else 1)
        heights = [_height_at(section, width) for section in self.sections]
        first_screen = self.height() - self.header.sizeHint().height() - 2 * self._margin
        split = _split(heights, self._gap, first_screen) if wide else len(self.sections)
        layouts = [holder.layout() for holder in self.columns]
        for layout in layouts:  # every column emptied first: no section moves layout to layout
            assert isinstance(layout, QVBoxLayout)
            take_all(layout)  # the sections stay alive, to be placed again below
        for index, (holder, layout) in enumerate(zip(self.columns, layouts, strict=True)):
            assert isinstance(layout, QVBoxLayout)
            for section in self.sections[split:] if index else self.sections[:split]:
                layout.addWidget(section)
            layout.addStretch(1)
            holder.setVisible(index == 0 or wide)
        self._wide = wide

    @property
    def two_columns(self) -> bool:
        return bool(self._wide)

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def section(self, kind: type[StaffSection]) -> StaffSection:
        """The panel's section of this kind (for tests and for features that extend it)."""
        return next(s for s in self.sections if isinstance(s, kind))
