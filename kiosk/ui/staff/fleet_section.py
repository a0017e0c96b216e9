"""The staff panel's "Updates from the office" section: the inbox a sync tool fills, what became
of the last pack there (installed, refused and why), and where the kiosk's status goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.panel import StaffSection
from kiosk.ui.widgets.labels import make_label


class FleetSection(StaffSection):
    title = "Updates from the office"

    def __init__(self, theme: Theme, *, inbox_report: Callable[[], dict[str, Any]],
                 outbox: Callable[[], Path | None]) -> None:
        super().__init__(theme)
        self.inbox_report = inbox_report
        self.outbox = outbox
        self.text = make_label("", "summary")
        self.body.addWidget(self.text)
        self.problem = make_label("", "staff-message")
        self.body.addWidget(self.problem)

    def refresh(self) -> None:
        inbox = self.inbox_report()
        lines = []
        if inbox["folder"]:
            lines.append(f"New content arrives by itself from {inbox['folder']} and is installed "
                         "when nobody is using the kiosk.")
            if inbox["last_update"]:
                lines.append(f"Last update: {inbox['last_update']['message']}")
            if inbox["last_pass"]:
                lines.append(f"Last look: {inbox['last_pass']['message']}")
        else:
            lines.append("No office inbox is set up: content comes from a USB stick only.")
        outbox = self.outbox()
        lines.append(f"This kiosk reports its status to {outbox}." if outbox else
                     "This kiosk does not report its status to an office.")
        self.text.setText("\n".join(lines))
        problems = ([inbox["problem"]] if inbox["problem"] else []) + [
            f"Refused: {entry['message']}" for entry in inbox["refused"]
        ]
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
