"""A damaged settings file (empty, cut off mid-line, binary junk): the kiosk starts on its defaults.

Each damage is checked twice, through the real start-up paths: `kiosk run` as a process, and
the whole kiosk assembled in this process and then used (an article, the print card, the staff
PIN pad, an idle reset). In both the defaults are used, one log line names the file, and the
file keeps its exact bytes (IT may want to see what broke it, or mend it) until staff save
settings, which writes a whole, valid file again.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import load_settings_store
from kiosk.rules.pin import hash_pin, is_pin_hash
from kiosk.settings.declared import Settings
from kiosk.settings.file import load_settings, save_settings
from tests.conftest import REPO
from tests.system.test_signals_and_kills import private_env
from tests.ui.shell.test_idle_controller import DUAL, open_article_by_touch

PIN = "2468"


def cut_mid_line(tmp_path: Path) -> bytes:
    """A saved file cut off in the middle of its PIN hash, as a crash of a careless editor leaves it."""
    whole = tmp_path / "whole.toml"
    save_settings(Settings(idle_seconds=120, pin_hash=hash_pin("1357")), whole)
    text = whole.read_bytes()
    return text[: text.index(b"pin_hash") + 30]


DAMAGE = {
    "empty": lambda _tmp: b"",
    "cut-mid-line": cut_mid_line,
    "binary-junk": lambda _tmp: bytes(range(256)) * 8 + os.urandom(512),
}


@pytest.fixture(params=list(DAMAGE))
def damaged(request: pytest.FixtureRequest, settings_file: Path, tmp_path: Path) -> tuple[str, bytes]:
    """The kiosk's settings file, damaged one way; returns the kind of damage and the bytes."""
    kind = request.param
    data = DAMAGE[kind](tmp_path)
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_bytes(data)
    return kind, data


def lines_naming(text: str, path: Path) -> list[str]:
    return [line for line in text.splitlines() if str(path) in line]


def test_kiosk_run_starts_on_the_defaults_and_leaves_the_file_alone(
    damaged: tuple[str, bytes], settings_file: Path, tmp_path: Path,
) -> None:
    _kind, data = damaged
    logs = tmp_path / "logs"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--quit-after-paint", "--config",
         str(settings_file), "--log-dir", str(logs), "--data-dir", str(tmp_path / "data")],
        cwd=REPO, env=private_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert settings_file.read_bytes() == data
    log_text = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert "showing " in log_text
    naming = lines_naming(log_text, settings_file)
    assert len(naming) == 1, naming


def test_one_log_line_names_the_damaged_file(
    damaged: tuple[str, bytes], settings_file: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        store = load_settings_store(settings_file)
    assert store.settings == Settings() and store.damaged
    [line] = lines_naming(caplog.text, settings_file)
    assert "using its default settings" in line, line


def test_using_the_kiosk_never_writes_the_file_and_no_one_can_choose_a_new_pin(
    damaged: tuple[str, bytes], settings_file: Path, make_kiosk, qtbot,
) -> None:
    """The damaged file may have held a PIN: offering to choose one would let anyone who taps
    the corner become staff. The pad says what is wrong, and the file stays as it was for IT."""
    _kind, data = damaged
    loaded = load_settings_store(settings_file)
    assert loaded.settings == Settings()
    kiosk = make_kiosk(settings=loaded.settings, damaged_settings=loaded.damaged)
    open_article_by_touch(kiosk, qtbot)
    kiosk.printing.request(DUAL)  # the print card, with its preview
    kiosk.staff.ask_for_pin()
    assert "is damaged" in kiosk.staff.pad.message.text()
    assert str(settings_file) in kiosk.staff.pad.message.text()
    for _ in range(2):  # choosing a PIN, were it offered: no panel, nothing saved
        kiosk.staff.pad.submitted.emit(PIN)
    assert not kiosk.staff.is_panel_open
    kiosk.staff.pad.cancelled.emit()
    kiosk.idle.reset()  # the visitor walks away
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home")
    assert settings_file.read_bytes() == data


def test_with_the_damaged_file_deleted_it_sets_a_new_pin(
    damaged: tuple[str, bytes], settings_file: Path, make_kiosk, tmp_path: Path,
) -> None:
    """What the pad tells IT to do: delete the file, set a PIN with `kiosk pin set`; the kiosk
    (started again, as after a fix) then asks for that PIN, and the file holds only its hash."""
    from tests.cli.test_content_commands import kiosk as run_kiosk_command

    refused = run_kiosk_command("pin", "set", "--from-file", "/dev/null", "--config", str(settings_file))
    assert refused.returncode == 1 and "cannot be read" in refused.stderr
    assert settings_file.read_bytes() == damaged[1]  # refused: the damaged file stays for IT
    settings_file.unlink()
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text(PIN + "\n", encoding="utf-8")
    done = run_kiosk_command("pin", "set", "--from-file", str(pin_file), "--config", str(settings_file))
    assert done.returncode == 0, done.stderr
    loaded = load_settings_store(settings_file)
    assert not loaded.damaged
    kiosk = make_kiosk(settings=loaded.settings)
    kiosk.staff.ask_for_pin()
    kiosk.staff.pad.submitted.emit(PIN)
    assert kiosk.staff.is_panel_open
    saved = load_settings(settings_file)
    assert saved.problems == [] and is_pin_hash(saved.settings.pin_hash)
    assert saved.settings.replace(pin_hash="") == Settings()
