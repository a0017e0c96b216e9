"""The staff panel's first sections: this kiosk, content, idle times, PIN, log, exit."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton

from kiosk import __version__
from kiosk.content.model import Pack
from kiosk.rules.clock import Clock
from kiosk.settings.declared import describe_settings
from kiosk.settings.store import SettingsStore
from kiosk.system.logs import last_lines
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.panel import StaffSection
from kiosk.ui.widgets.labels import make_label


@dataclass
class StaffContext:
    """What the sections may read and do; the composition root fills it in."""

    pack: Callable[[], Pack]
    content_source: Callable[[], Path]
    settings: SettingsStore
    clock: Clock
    started_at: float
    log_file: Path | None
    reload_content: Callable[[], str]  # returns a sentence saying what happened
    change_pin: Callable[[], None]
    exit_kiosk: Callable[[], None]
    take_notice: Callable[[], str] = lambda: ""  # news to show once, e.g. after a reload
    today: Callable[[], date] = date.today  # the day the window shows the pack for


def human_duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h {minutes} min"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def say(label: QLabel, text: str) -> None:
    """Show a section's message; an empty one takes no room, so no gap looks like text missing."""
    label.setText(text)
    label.setVisible(bool(text))


def duration_text(seconds: int) -> str:
    """90 -> "1 min 30 s": staff think in minutes."""
    minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else "",
             f"{rest} s" if rest else ""]
    return " ".join(p for p in parts if p) or "0 s"


def free_space_text(folder: Path) -> str:
    existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("/"))
    usage = shutil.disk_usage(existing)
    return f"{usage.free / 1e9:.1f} GB free of {usage.total / 1e9:.0f} GB"


class AboutSection(StaffSection):
    title = "This kiosk"

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.context = context
        self.facts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.px(1))
        names = ["Pack title", "Pack id", "Pack version", "Articles", "Content folder",
                 "App version", "Running for", "Disk"]
        for row, name in enumerate(names):
            grid.addWidget(make_label(name, "summary", wrap=False), row, 0, Qt.AlignmentFlag.AlignTop)
            value = make_label("", "")
            grid.addWidget(value, row, 1)
            self.facts[name] = value
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

    def refresh(self) -> None:
        pack = self.context.pack()
        source = self.context.content_source()
        values = {
            "Pack title": pack.title,
            "Pack id": pack.id,
            "Pack version": pack.version,
            "Articles": str(len(pack.articles)),
            "Content folder": str(source),
            "App version": __version__,
            "Running for": human_duration(self.context.clock.now() - self.context.started_at),
            "Disk": free_space_text(source),
        }
        for name, value in values.items():
            self.facts[name].setText(value)


class ContentSection(StaffSection):
    title = "Content"

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.context = context
        self.reload_button = self.button("Reload content")
        self.reload_button.clicked.connect(self._reload)
        self.message = make_label("", "staff-message")
        self.body.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.message)
        self.message.hide()
        self.hidden = make_label("", "summary")
        self.body.addWidget(self.hidden)

    def refresh(self) -> None:
        say(self.message, self.context.take_notice())
        self.hidden.setText(hidden_today_text(self.context.pack(), self.context.today()))

    def _reload(self) -> None:
        say(self.message, self.context.reload_content())


def long_day(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def hidden_today_text(pack: Pack, today: date) -> str:
    """Which articles their dates hide today, and when each returns (for the front desk)."""
    hidden = pack.articles.hidden(today)
    if not hidden:
        return "Every article is shown today."
    lines = [f"Hidden today by their dates ({len(hidden)}):"]
    for article in hidden[:12]:
        if article.returns_on is not None:
            when = f"shown again from {long_day(article.returns_on)}"
        elif article.show_until is not None:
            when = f"ended on {long_day(article.show_until)}"
        else:
            when = "not shown"
        lines.append(f"\u2022 {article.title}: {when}")
    if len(hidden) > 12:
        lines.append(f"\u2022 and {len(hidden) - 12} more")
    return "\n".join(lines)


class IdleTimesSection(StaffSection):
    """Steppers for the idle times: +/- buttons, no keyboard."""

    title = "Idle times"
    ATTRIBUTES = ("idle_seconds", "countdown_seconds", "attract_seconds", "staff_timeout_seconds")
    # In the words of the front desk; the settings file keeps the technical descriptions.
    LABELS: ClassVar[dict[str, str]] = {
        "idle_seconds": "Time without a touch before the screen asks \u201cStill reading?\u201d",
        "countdown_seconds": "How long that question waits before the screen starts over",
        "attract_seconds": "Then, on the home screen, time before the slideshow starts",
        "staff_timeout_seconds": "This staff panel closes itself after",
    }
    STEPS: ClassVar[dict[str, int]] = {"idle_seconds": 15, "countdown_seconds": 5, "attract_seconds": 60,
             "staff_timeout_seconds": 30}
    UNSAVED = "Not saved yet: tap \u201cSave idle times\u201d to use these times."

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.context = context
        self.specs = {s.attribute: s for s in describe_settings() if s.attribute in self.ATTRIBUTES}
        self.values: dict[str, int] = {}
        self.value_labels: dict[str, QLabel] = {}
        self.minus_buttons: dict[str, QPushButton] = {}
        self.plus_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.px(0.8))
        for row, attribute in enumerate(self.ATTRIBUTES):
            grid.addWidget(make_label(self.LABELS[attribute], "summary"), row, 0)
            minus, value, plus = self.button("\u2212"), make_label("", "", wrap=False), self.button("+")
            minus.setAccessibleName(f"Shorter: {self.LABELS[attribute]}")
            plus.setAccessibleName(f"Longer: {self.LABELS[attribute]}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setMinimumWidth(theme.px(5))
            minus.clicked.connect(lambda _=False, a=attribute: self._step(a, -1))
            plus.clicked.connect(lambda _=False, a=attribute: self._step(a, +1))
            grid.addWidget(minus, row, 1)
            grid.addWidget(value, row, 2)
            grid.addWidget(plus, row, 3)
            self.value_labels[attribute] = value
            self.minus_buttons[attribute] = minus
            self.plus_buttons[attribute] = plus
        grid.setColumnStretch(0, 1)
        self.body.addLayout(grid)
        row_layout = QHBoxLayout()
        self.save_button = self.button("Save idle times")
        self.save_button.clicked.connect(self.save)
        row_layout.addWidget(self.save_button)
        row_layout.addStretch(1)
        self.body.addLayout(row_layout)
        self.message = make_label("", "staff-message")
        self.body.addWidget(self.message)
        self.message.hide()

    def refresh(self) -> None:
        settings = self.context.settings.settings
        self.values = {a: int(getattr(settings, a)) for a in self.ATTRIBUTES}
        say(self.message, "")
        self._show()

    def _step(self, attribute: str, direction: int) -> None:
        spec = self.specs[attribute]
        value = self.values[attribute] + direction * self.STEPS[attribute]
        low = int(spec.minimum) if spec.minimum is not None else value
        high = int(spec.maximum) if spec.maximum is not None else value
        self.values[attribute] = max(low, min(high, value))
        saved = {a: int(getattr(self.context.settings.settings, a)) for a in self.ATTRIBUTES}
        # Closing the panel forgets unsaved times, so say that they are not in use yet.
        say(self.message, "" if self.values == saved else self.UNSAVED)
        self._show()

    def _show(self) -> None:
        for attribute, label in self.value_labels.items():
            label.setText(duration_text(self.values[attribute]))

    def save(self) -> None:
        problem = self.context.settings.update(**self.values)
        say(self.message, problem or "Saved. The new idle times apply now.")


class PinSection(StaffSection):
    title = "Staff PIN"

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.change_button = self.button("Change the staff PIN")
        self.change_button.clicked.connect(context.change_pin)
        self.body.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)


class LogSection(StaffSection):
    title = "Recent log"
    LINES = 12

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.context = context
        self.lines = make_label("", "staff-log")
        self.body.addWidget(self.lines)

    def refresh(self) -> None:
        log_file = self.context.log_file
        lines = last_lines(log_file, self.LINES) if log_file is not None else []
        where = f"The full log is in {log_file}." if log_file is not None else "Logging to the console."
        self.lines.setText("\n".join([*lines, "", where]) if lines else where)


class ExitSection(StaffSection):
    """Leaving kiosk mode takes two taps, so it never happens by accident."""

    title = "Exit"

    def __init__(self, theme: Theme, context: StaffContext) -> None:
        super().__init__(theme)
        self.context = context
        self.exit_button = self.button("Exit the kiosk", name="DangerButton")
        self.exit_button.clicked.connect(self._exit_tapped)
        self.body.addWidget(self.exit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.armed = False

    def refresh(self) -> None:
        self.armed = False
        self.exit_button.setText("Exit the kiosk")

    def _exit_tapped(self) -> None:
        if not self.armed:
            self.armed = True
            self.exit_button.setText("Tap again to exit the kiosk")
            return
        self.context.exit_kiosk()


def default_sections(theme: Theme, context: StaffContext) -> list[StaffSection]:
    return [
        AboutSection(theme, context),
        ContentSection(theme, context),
        IdleTimesSection(theme, context),
        PinSection(theme, context),
        LogSection(theme, context),
        ExitSection(theme, context),
    ]
