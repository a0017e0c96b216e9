"""The staff panel's section for content on a USB stick: the packs found, and undoing an update."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.packs.store import PackStore
from kiosk.system.usb_watch import FoundPack
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.panel import StaffSection
from kiosk.ui.widgets.labels import make_label


class UsbSection(StaffSection):
    title = "Load content from USB"

    def __init__(
        self, theme: Theme, *, store: PackStore, found: Callable[[], list[FoundPack]],
        review: Callable[[FoundPack], None], undo: Callable[[], None],
    ) -> None:
        super().__init__(theme)
        self.store = store
        self.found = found
        self.review = review
        self.undo = undo
        self.intro = make_label("", "summary")
        self.body.addWidget(self.intro)
        self.pack_buttons: list[QPushButton] = []
        self.versions = make_label("", "staff-log")
        self.body.addWidget(self.versions)
        self.undo_button = self.button("Undo last update")
        self.undo_button.clicked.connect(self._undo_tapped)
        self.body.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.armed = False

    def refresh(self) -> None:
        for button in self.pack_buttons:
            self.body.removeWidget(button)
            button.deleteLater()
        self.pack_buttons = []
        packs = self.found()
        self.intro.setText(
            "Content found on a USB stick. Tap one to see what it would change before installing."
            if packs else
            "Plug in a USB stick with a kiosk-content folder or a .kioskpack file; it shows up here."
        )
        for index, pack in enumerate(packs):
            button = self.button(f"Review {pack.label}")
            button.clicked.connect(lambda _=False, p=pack: self.review(p))
            self.body.insertWidget(1 + index, button, 0, Qt.AlignmentFlag.AlignLeft)
            self.pack_buttons.append(button)
        self._show_versions()

    def _show_versions(self) -> None:
        versions = self.store.versions()
        lines = [
            f"{'Showing now: ' if v.active else 'Kept: '}{v.title}, version {v.version} "
            f"(installed {v.installed_at:%Y-%m-%d %H:%M})"
            for v in versions
        ]
        self.versions.setText("\n".join(lines) or "Showing the content that came with the kiosk.")
        older = [v for v in versions if not v.active]
        self.undo_button.setVisible(any(v.active for v in versions) and bool(older))
        self.armed = False
        self.undo_button.setText("Undo last update")

    def _undo_tapped(self) -> None:
        if not self.armed:  # two taps: going back is easy to do, so it must be meant
            self.armed = True
            self.undo_button.setText("Tap again to go back to the previous content")
            return
        self.armed = False
        self.undo_button.setText("Undo last update")
        self.undo()
