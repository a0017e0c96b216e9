"""Changing settings: checked first, written to disk, then applied and announced."""

from __future__ import annotations

from pathlib import Path

from kiosk.settings.declared import Settings
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore


def test_a_good_change_is_saved_applied_and_announced(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    store = SettingsStore(Settings(), path)
    heard: list[Settings] = []
    store.listeners.append(heard.append)
    assert store.update(idle_seconds=120) is None
    assert store.settings.idle_seconds == 120
    assert load_settings(path).settings.idle_seconds == 120
    assert heard == [store.settings]


def test_a_value_out_of_range_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    store = SettingsStore(Settings(), path)
    problem = store.update(idle_seconds=5)
    assert problem is not None and "15" in problem and "3600" in problem
    assert store.settings.idle_seconds == 90
    assert not path.exists()


def test_a_change_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "settings.toml"
    blocked.mkdir()  # a folder where the file should be: the write fails even as root
    store = SettingsStore(Settings(), blocked)
    problem = store.update(idle_seconds=120)
    assert problem is not None and "could not be saved" in problem and "Nothing was changed" in problem
    assert store.settings.idle_seconds == 90
