"""`kiosk pin set`: the staff PIN set on the kiosk computer, asked twice on a terminal without
being shown, or read from a file for IT's provisioning scripts; only its hash is saved."""

from __future__ import annotations

import os
import pty
import select
import sys
import termios
import time
from pathlib import Path

from kiosk.rules.pin import verify_pin
from kiosk.settings.file import load_settings
from tests.cli.test_content_commands import kiosk
from tests.conftest import REPO

PIN = "4829"


def on_a_terminal(settings: Path, answers: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run `kiosk pin set` on a pseudo-terminal, typing each answer after each prompt; its exit
    code and everything the terminal showed."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the pseudo-terminal is its controlling terminal, as in a shell
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "kiosk", "pin", "set", "--config", str(settings)])
    shown, pending, deadline = b"", list(answers), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        prompts = shown.count(b"digits): ") + shown.count(b"again: ")
        if pending and prompts > len(answers) - len(pending) and echo_is_off(terminal):
            os.write(terminal, pending.pop(0).encode() + b"\n")
    else:  # waiting for an answer it will not get: end it, and show what it showed
        os.kill(pid, 9)
    _pid, status = os.waitpid(pid, 0)
    os.close(terminal)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def echo_is_off(terminal: int) -> bool:
    """Whether the program has turned echo off (getpass does, flushing what was typed before,
    so an answer typed earlier would be lost): the master side reads the terminal's modes."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not termios.tcgetattr(terminal)[3] & termios.ECHO:
            return True
        time.sleep(0.01)
    return False


def test_asked_twice_without_echo_and_saved_as_a_hash(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    code, shown = on_a_terminal(settings, [PIN, PIN])
    assert code == 0, shown
    assert "New staff PIN (4 to 8 digits):" in shown and "The same PIN again:" in shown
    assert PIN not in shown  # never echoed
    assert "The staff PIN is set" in shown
    stored = load_settings(settings).settings.pin_hash
    assert verify_pin(PIN, stored) and PIN not in settings.read_text(encoding="utf-8")


def test_two_different_pins_change_nothing(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    code, shown = on_a_terminal(settings, [PIN, "4828"])
    assert code == 1 and "The two PINs were different" in shown and "nothing was changed" in shown
    assert not settings.exists()


def test_from_a_file_for_provisioning_scripts(tmp_path: Path) -> None:
    settings, pin_file = tmp_path / "settings.toml", tmp_path / "pin"
    pin_file.write_text(f"{PIN}\n", encoding="utf-8")
    done = kiosk("pin", "set", "--from-file", str(pin_file), "--config", str(settings))
    assert done.returncode == 0, done.stderr
    assert verify_pin(PIN, load_settings(settings).settings.pin_hash)
    assert PIN not in done.stdout + done.stderr


def test_a_pin_that_is_not_4_to_8_digits_is_refused_plainly(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    for bad, said in (("12", "4 to 8 digits"), ("12ab", "only the digits"), ("", "4 to 8 digits")):
        pin_file = tmp_path / "pin"
        pin_file.write_text(bad, encoding="utf-8")
        done = kiosk("pin", "set", "--from-file", str(pin_file), "--config", str(settings))
        assert done.returncode == 1 and said in done.stderr, done.stderr
        assert "nothing was changed" in done.stderr and "Traceback" not in done.stderr
    assert not settings.exists()
    missing = kiosk("pin", "set", "--from-file", str(tmp_path / "nope"), "--config", str(settings))
    assert missing.returncode == 1 and "could not be read" in missing.stderr


def test_without_a_terminal_it_asks_for_a_file(tmp_path: Path) -> None:
    done = kiosk("pin", "set", "--config", str(tmp_path / "settings.toml"))  # stdin is not a tty
    assert done.returncode == 1 and "--from-file FILE" in done.stderr
    assert not (tmp_path / "settings.toml").exists()


def test_the_other_settings_stay_as_they_were(tmp_path: Path) -> None:
    settings, pin_file = tmp_path / "settings.toml", tmp_path / "pin"
    settings.write_text('[idle]\ntimeout_seconds = 120\n\n[printing]\npaper = "a4"\n', encoding="utf-8")
    pin_file.write_text(PIN, encoding="utf-8")
    assert kiosk("pin", "set", "--from-file", str(pin_file), "--config", str(settings)).returncode == 0
    loaded = load_settings(settings).settings
    assert (loaded.idle_seconds, loaded.paper) == (120, "a4") and verify_pin(PIN, loaded.pin_hash)
