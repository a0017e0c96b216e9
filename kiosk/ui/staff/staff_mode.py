"""Staff mode: the hidden corner gesture, the PIN pad, and the staff panel behind it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from kiosk.rules.clock import Clock
from kiosk.rules.idle import CornerTaps
from kiosk.rules.pin import PinLockout, hash_pin, is_pin_hash, is_valid_new_pin, verify_pin
from kiosk.settings.store import SettingsStore
from kiosk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from kiosk.ui.staff.panel import StaffPanel, StaffSection
    from kiosk.ui.staff.pin_pad import PinPad

log = logging.getLogger(__name__)


NO_PIN_YET = ("Clinic IT sets the first staff PIN on the kiosk computer, with the command "
              "kiosk pin set (see the kiosk's deployment guide).")


class PadStep(Enum):
    CHECK = "check"  # staff type the PIN to get in
    CHOOSE = "choose"  # a new PIN, from the staff panel
    CONFIRM = "confirm"  # the new PIN again


class StaffMode(QObject):
    def __init__(
        self, window: MainWindow, clock: Clock, settings: SettingsStore,
        build_sections: Callable[[], list[StaffSection]], *, lockout_file: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.settings = settings
        self.build_sections = build_sections
        self.corner = CornerTaps(count=5, within=3.0)
        self.lockout = PinLockout(clock, state_file=lockout_file)
        self.step = PadStep.CHECK
        self._new_pin = ""
        self._after_new_pin: Callable[[], None] = self.open_panel
        self._cancel_to_panel = False  # Cancel on the pad goes back to the panel, not out
        self.notice = ""  # shown once in the panel, e.g. after the content was reloaded
        self.focus: str | None = None  # the kind of section to show first when the panel opens
        # Built on first use: nothing of staff mode is on the way to the first paint.
        self._pad: PinPad | None = None
        self._panel: StaffPanel | None = None
        window.pages_rebuilt.connect(self._drop)
        # While the pad is up, counts the lock down on it and opens it when the lock ends.
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(1000)
        self.lock_timer.timeout.connect(self._show_lock)

    @property
    def pad(self) -> PinPad:
        if self._pad is None:
            from kiosk.ui.staff.pin_pad import PinPad  # staff mode stays off the start-up path

            self._pad = PinPad(self.window, self.window.theme)
            self._pad.submitted.connect(self._on_pin)
            self._pad.cancelled.connect(self._on_pad_cancelled)
        return self._pad

    @property
    def panel(self) -> StaffPanel:
        if self._panel is None:
            from kiosk.ui.staff.panel import StaffPanel

            self._panel = StaffPanel(self.window, self.window.theme, self.build_sections())
            self._panel.closed.connect(self.close)
        return self._panel

    def _drop(self) -> None:
        """The window has a new theme (or pack): build again on next use; an open panel stays."""
        panel_was_open = self._panel is not None and self._panel.isVisible()
        for overlay in (self._pad, self._panel):
            if overlay is not None:
                overlay.hide()
                overlay.deleteLater()
        self._pad = None
        self._panel = None
        if panel_was_open:
            self.panel.open()

    def take_notice(self) -> str:
        notice, self.notice = self.notice, ""
        return notice

    @property
    def is_panel_open(self) -> bool:
        return self._panel is not None and self._panel.isVisible()

    def refresh_panel(self) -> None:
        if self._panel is not None:
            for section in self._panel.sections:
                section.refresh()

    @property
    def is_open(self) -> bool:
        return any(o is not None and o.isVisible() for o in (self._pad, self._panel))

    # The gesture -------------------------------------------------------------------------

    def on_corner_tap(self) -> None:
        if self.corner.tap(self.clock.now()) and not self.is_open:
            log.info("staff gesture")
            self.ask_for_pin()

    def on_tap_elsewhere(self) -> None:
        self.corner.forget()

    # The PIN -----------------------------------------------------------------------------

    def ask_for_pin(self) -> None:
        self._cancel_to_panel = False
        if not self.settings.damaged:
            self.settings.reread_pin()  # set or replaced with `kiosk pin set` since the start?
        if not self.settings.settings.pin_hash and not self.settings.damaged:
            self._no_pin_yet()
            return
        self.step = PadStep.CHECK
        self.pad.ask("Staff PIN", "Type the staff PIN.")
        self._show_lock()
        if not is_pin_hash(self.settings.settings.pin_hash):
            log.error("the staff PIN saved in %s is damaged or unreadable", self.settings.path)
            self._explain_damaged_pin()
        self.lock_timer.start()

    def _no_pin_yet(self) -> None:
        """A new kiosk, left in the waiting room before staff get to it: whoever found the corner
        must not choose the PIN. The pad says who sets it and offers nothing but Cancel."""
        log.warning("the staff corner was tapped, but this kiosk has no staff PIN yet: clinic IT "
                    "sets it on the kiosk computer with `kiosk pin set`")
        self.step = PadStep.CHECK
        self.pad.ask("Staff mode is not set up yet", NO_PIN_YET)
        self.pad.set_unavailable(
            "No staff PIN has been set on this kiosk, so staff mode stays closed."
        )

    def change_pin(self) -> None:
        """From the panel: staff are already in, so Cancel takes them back to it."""
        self.panel.hide()
        self._choose_pin(then=self.open_panel, reason="")
        self._cancel_to_panel = True

    def _on_pad_cancelled(self) -> None:
        if self._cancel_to_panel:
            self._new_pin = ""
            self.open_panel()
        else:
            self.close()

    def _choose_pin(self, *, then: Callable[[], None], reason: str) -> None:
        self.step = PadStep.CHOOSE
        self._after_new_pin = then
        self.pad.ask("Choose a new staff PIN", f"{reason} Choose 4 to 8 digits.".strip())

    def _on_pin(self, digits: str) -> None:
        if self.step is PadStep.CHECK:
            self._check(digits)
        elif self.step is PadStep.CHOOSE:
            problem = is_valid_new_pin(digits)
            if problem is not None:
                self.pad.show_message(problem)
                return
            self._new_pin = digits
            self.step = PadStep.CONFIRM
            self.pad.ask("Type the new PIN again", "To be sure it is the one you meant.")
        else:
            self._confirm(digits)

    def _check(self, digits: str) -> None:
        if not self.settings.settings.pin_hash and not self.settings.damaged:
            return  # no PIN set: nothing typed can open anything (the keys are off anyway)
        if self.lockout.locked_for() > 0:
            self._show_lock()
            return
        if not is_pin_hash(self.settings.settings.pin_hash):
            self._explain_damaged_pin()  # not a wrong try: no PIN could be right
            return
        if verify_pin(digits, self.settings.settings.pin_hash):
            self.lockout.record_success()
            log.info("staff PIN accepted")
            self.open_panel()
            return
        self.lockout.record_failure()
        if self.lockout.locked_for() > 0:
            self._show_lock()
        else:
            left = self.lockout.attempts - self.lockout.failures
            self.pad.show_message(
                f"That PIN is not right. {left} {'try' if left == 1 else 'tries'} left."
            )

    def _confirm(self, digits: str) -> None:
        matches = digits == self._new_pin
        self._new_pin = ""
        if not matches:
            self.step = PadStep.CHOOSE
            self.pad.ask("Choose a new staff PIN", "The two PINs were different. Choose 4 to 8 digits.")
            return
        problem = self.settings.update(pin_hash=hash_pin(digits))
        if problem is not None:
            self.pad.show_message(problem)
            return
        log.info("staff PIN changed")
        self._after_new_pin()

    def _explain_damaged_pin(self) -> None:
        """Refusing every PIN without a word would lock staff out with no way to know why."""
        if self.settings.damaged:
            # Offering a new PIN here would let anyone who taps the corner become staff.
            self.pad.show_message(
                f"The settings file {self.settings.path} is damaged, so the staff PIN in it "
                "cannot be read. Ask IT to restore that file, or to delete it and set a new PIN "
                "with kiosk pin set."
            )
            return
        self.pad.show_message(
            "The saved staff PIN is damaged, so no PIN can be checked. Ask IT to set a new PIN "
            "on the kiosk computer with kiosk pin set."
        )

    def _show_lock(self) -> None:
        if not self.pad.isVisible():
            self.lock_timer.stop()
            return
        self.pad.set_locked(self.lockout.locked_for())

    # The panel ---------------------------------------------------------------------------

    def open_panel(self) -> None:
        self.lock_timer.stop()
        self._cancel_to_panel = False
        self.pad.hide()
        self.panel.open()
        focus, self.focus = self.focus, None
        section = next((s for s in self.panel.sections if type(s).__name__ == focus), None)
        if section is not None:
            self.panel.scroll_area.ensureWidgetVisible(section)
        log.info("staff panel opened")

    def close(self) -> None:
        """Close the pad and the panel (Cancel, Close, or the kiosk resetting)."""
        self.lock_timer.stop()
        self._new_pin = ""
        self._cancel_to_panel = False
        was_open = self._panel is not None and self._panel.isVisible()
        for overlay in (self._pad, self._panel):
            if overlay is not None:
                overlay.hide()
        if was_open:
            log.info("staff panel closed")

    def idle_limit(self) -> float | None:
        """While staff mode is open it closes after the staff timeout."""
        return float(self.settings.settings.staff_timeout_seconds) if self.is_open else None
