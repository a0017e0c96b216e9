"""A statistic card: the number large, what it means, and who says so."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.content.model import Stat
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label, spoken


def source_line(source: str) -> str:
    return translate("StatCard", "Source: %1").replace("%1", source)


def spoken_stat(stat: Stat) -> str:
    """The card as one sentence a screen reader says well: "23 percent: of people who ..."."""
    percent = translate("StatCard", "percent")
    value = re.sub(r"(\d)\s*%", lambda match: f"{match.group(1)} {percent}", stat.value)
    return spoken([f"{value}: {stat.label}", source_line(stat.source)])


class StatCard(QFrame):
    def __init__(self, stat: Stat, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stat = stat
        self.setObjectName("StatCard")
        layout = QVBoxLayout(self)
        pad = theme.px(0.7)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(0.2))
        layout.addWidget(make_label(stat.value, "stat-value"))
        layout.addWidget(make_label(stat.label, "stat-label"))
        layout.addStretch(1)
        layout.addWidget(make_label(source_line(stat.source), "stat-source"))
        self.setAccessibleName(spoken_stat(stat))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)


