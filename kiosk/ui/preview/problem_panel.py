"""The list beside the preview: every problem of the pack as `file:line: message`, errors first,
then warnings, and each article's reading level. Activating a line opens its article."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.authoring.reading_level import ReadingLevel
from kiosk.content.problems import Problem

ERROR_COLOUR = QColor("#a4161a")
WARNING_COLOUR = QColor("#7a4b00")
_ARTICLE_FILE = re.compile(r"^articles/([a-z0-9][a-z0-9-]*)(?:\.[a-z]{2,3})?\.md$")


class ProblemPanel(QWidget):
    article_requested = Signal(str)  # the slug of the article a line is about

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._open)
        self.levels_heading = QLabel("Reading level (patient materials read best at grade 6 to 8)")
        self.levels_heading.setWordWrap(True)
        self.levels = QListWidget()
        self.levels.setWordWrap(True)
        self.levels.itemActivated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 3)
        layout.addWidget(self.levels_heading)
        layout.addWidget(self.levels, 1)
        self.setMinimumWidth(360)

    def show_problems(self, problems: list[Problem], levels: dict[str, ReadingLevel]) -> None:
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText("No problems: the pack is ready to check with kiosk validate.")
        else:
            self.summary.setText(
                f"{errors} error{'s' if errors != 1 else ''} (a kiosk would not show the pack until "
                f"they are fixed), {warnings} warning{'s' if warnings != 1 else ''}"
            )
        self.list.clear()
        for problem in problems:
            item = QListWidgetItem(str(problem))
            item.setData(Qt.ItemDataRole.UserRole, problem.path)
            item.setForeground(QBrush(ERROR_COLOUR if problem.is_error else WARNING_COLOUR))
            self.list.addItem(item)
        self.levels.clear()
        for path, level in sorted(levels.items()):
            item = QListWidgetItem(f"{path}: {level.describe()}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.levels.addItem(item)

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _open(self, item: QListWidgetItem) -> None:
        match = _ARTICLE_FILE.match(str(item.data(Qt.ItemDataRole.UserRole)))
        if match:
            self.article_requested.emit(match.group(1))
