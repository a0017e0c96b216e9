"""The settings the kiosk runs with, and the one way to change them: check, save, then tell."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.settings.declared import Settings, validate_value
from kiosk.settings.file import load_settings, save_settings

log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self, settings: Settings, path: Path, *, damaged: bool = False) -> None:
        self.settings = settings
        self.path = path
        self.damaged = damaged  # the file could not be read (see SettingsResult.damaged)
        self.listeners: list[Callable[[Settings], None]] = []

    def reread_pin(self) -> None:
        """Take the staff PIN the file holds now: IT may have set or replaced it with
        `kiosk pin set` while the kiosk ran. A file that cannot be read, or holds no PIN, changes
        nothing (a PIN in use is never dropped behind staff's back)."""
        result = load_settings(self.path)
        found = result.settings.pin_hash
        if result.damaged or not found or found == self.settings.pin_hash:
            return
        self.settings = self.settings.replace(pin_hash=result.settings.pin_hash)
        self.damaged = False
        log.info("the staff PIN in %s was set outside the kiosk; using it", self.path)

    def update(self, **changes: Any) -> str | None:
        """Apply and save `changes`; a sentence saying what went wrong, or None when saved.

        Nothing changes unless the new settings reached the disk.
        """
        for attribute, value in changes.items():
            reason = validate_value(attribute, value)
            if reason is not None:
                return reason
        updated = self.settings.replace(**changes)
        try:
            save_settings(updated, self.path)
        except (OSError, ValueError) as error:
            log.error("could not save the settings to %s: %s", self.path, error)
            return f"The settings could not be saved to {self.path} ({error}). Nothing was changed."
        self.settings = updated
        self.damaged = False
        log.info("settings saved to %s: %s changed", self.path, ", ".join(sorted(changes)))
        for listener in self.listeners:
            listener(updated)
        return None
