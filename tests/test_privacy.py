"""Privacy and lock-down: the kiosk never reaches the network, and never writes the staff PIN.

The network guard (tests/helpers/network_guard.py, autouse in tests/conftest.py) fails any test that
reaches past a local Unix socket; here it is shown to work, the kiosk's source is checked for
anything that could reach the network, and a whole visit is walked with QtNetwork never loaded.
Then the staff PIN is set (kiosk pin set), mistyped, typed right and changed through the real PIN pad with the
log going to a real file, and no file the kiosk wrote holds a PIN, its hash or its salt.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import logging
import re
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

import kiosk
from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from kiosk.rules.pin import hash_pin
from kiosk.settings.declared import Settings
from kiosk.system.health import HealthWriter, health_path
from kiosk.system.logs import setup_logging
from kiosk.ui.staff.sections import PinSection
from tests.cli.test_content_commands import kiosk as run_kiosk_command
from tests.helpers.network_guard import NetworkGuard, NetworkUseError
from tests.helpers.touch import tap, tap_window_at
from tests.ui.shell.test_idle_controller import open_article_by_touch, wait
from tests.ui.test_reset_leaves_no_trace import walk

KIOSK_SOURCE = Path(kiosk.__file__).resolve().parent
CORNER = QPoint(20, 20)


# The network guard ----------------------------------------------------------------------------


def test_the_guard_stops_a_tcp_connection_even_to_this_machine(network_guard: NetworkGuard) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkUseError):
        sock.connect(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkUseError):
        sock.connect_ex(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(NetworkUseError):
        sock.sendto(b"ping", ("127.0.0.1", 9))
    with pytest.raises(NetworkUseError):
        socket.create_connection(("localhost", 80), timeout=1)
    with pytest.raises(NetworkUseError):
        socket.getaddrinfo("example.org", 443)
    assert len(network_guard.attempts) == 5
    network_guard.attempts.clear()  # these were on purpose: the fixture must not fail the test


def test_the_guard_fails_a_test_even_when_the_error_is_caught() -> None:
    """As `except OSError` in the kiosk would: the attempt is still on the record."""
    guard = NetworkGuard()
    with pytest.MonkeyPatch.context() as patch:
        guard.install(patch)
        with contextlib.suppress(OSError):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert guard.attempts == ["socket.create_connection(('192.0.2.1', 80))"]


def test_the_guard_lets_local_unix_sockets_and_localhost_lookups_through(network_guard) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ready")
        assert right.recv(5) == b"ready"
    assert socket.getaddrinfo("localhost", None)
    assert network_guard.attempts == []


# Nothing in the kiosk could reach the network -------------------------------------------------

# Modules that talk to the network, and the Qt modules that can. `socket` is checked apart:
# the kiosk uses Unix sockets (systemd's notify socket, the signal wake-up), never others.
NETWORK_MODULES = (
    "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
    "poplib", "imaplib", "telnetlib", "xmlrpc", "websocket", "websockets", "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets",
)
NETWORK_NAMES = ("QNetworkAccessManager", "QTcpSocket", "QUdpSocket", "QSslSocket", "QWebEngineView")


def kiosk_sources() -> list[tuple[str, str, ast.Module]]:
    sources = sorted(KIOSK_SOURCE.rglob("*.py"))
    assert len(sources) > 30
    found = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        found.append((str(path.relative_to(KIOSK_SOURCE)), text, ast.parse(text, filename=str(path))))
    return found


def imported_modules(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def reaches_network(module: str) -> bool:
    return any(module == bad or module.startswith(f"{bad}.") for bad in NETWORK_MODULES)


def test_the_kiosk_imports_nothing_that_reaches_the_network() -> None:
    found = []
    for name, text, tree in kiosk_sources():
        found += [f"{name}: imports {m}" for m in imported_modules(tree) if reaches_network(m)]
        found += [f"{name}: {word}" for word in NETWORK_NAMES if word in text]
        if "from socket import" in text:
            found.append(f"{name}: from socket import (use socket.NAME, so this test sees it)")
    assert found == []


def non_unix_socket_calls(tree: ast.AST) -> Iterator[str]:
    """Each `socket.X(...)` call that could make anything but a Unix socket."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "socket"):
            continue
        family = node.args[0] if node.args else next(
            (k.value for k in node.keywords if k.arg == "family"), None
        )
        unix = isinstance(family, ast.Attribute) and family.attr == "AF_UNIX"
        # socketpair() is AF_UNIX unless told otherwise; socket() is AF_INET unless told.
        if node.func.attr == "socketpair" and (family is None or unix):
            continue
        if node.func.attr == "socket" and unix:
            continue
        yield f"line {node.lineno}: {ast.unparse(node)}"


def test_every_socket_the_kiosk_makes_is_a_unix_socket() -> None:
    users = {name: list(non_unix_socket_calls(tree))
             for name, _text, tree in kiosk_sources() if "socket" in set(imported_modules(tree))}
    assert "system/service_notify.py" in users  # the check is not empty
    assert users == {name: [] for name in users}


# A whole visit, without the network -----------------------------------------------------------

PIN = "2580"
PIN_HASH = hash_pin(PIN)  # once: scrypt is slow on purpose


def manual_clock(kiosk: Kiosk) -> ManualClock:
    assert isinstance(kiosk.clock, ManualClock)
    return kiosk.clock


def corner_taps(kiosk: Kiosk) -> None:
    for index in range(5):
        if index:
            manual_clock(kiosk).advance(0.4)
        tap_window_at(kiosk.window, CORNER)
    assert kiosk.staff.pad.isVisible()


def type_on_pad(kiosk: Kiosk, digits: str) -> None:
    pad = kiosk.staff.pad
    for digit in digits:
        tap(pad.digit_buttons[digit])
    tap(pad.ok_button)


def close_panel(kiosk: Kiosk, qtbot) -> None:
    tap(kiosk.staff.panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)


def test_a_whole_visit_never_loads_qt_networking(make_kiosk, qtbot, network_guard) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    print_button = kiosk.window.article_page.top_bar.print_button
    assert print_button is not None
    tap(print_button)
    qtbot.waitUntil(kiosk.printing.confirm.isVisible)
    tap(kiosk.printing.confirm.cancel_button)
    corner_taps(kiosk)
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    wait(kiosk, 120 + 15 + 1)  # the staff timeout, the countdown, then the reset
    assert kiosk.idle.resets == 1
    assert kiosk.window.current_screen == HOME
    assert not kiosk.staff.is_open
    assert network_guard.attempts == []
    assert "PySide6.QtNetwork" not in sys.modules


# The staff PIN is never written down ----------------------------------------------------------

NEW_PIN = "864209"
WRONG_PINS = ["1379", "5173", "99182", "404404", "7310"]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The kiosk's own logging to a real file, as `kiosk run` sets it up; undone afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = setup_logging(tmp_path / "logs")
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def hash_pieces(stored: str) -> list[str]:
    """The stored hash and its salt and digest, as stored and as hex."""
    _scheme, _n, _r, _p, salt, digest = stored.split("$")
    return [stored, salt, digest, *(base64.b64decode(part).hex() for part in (salt, digest))]


def leaks(text: str, pins: list[str], hashes: list[str]) -> list[str]:
    found = [pin for pin in pins if re.search(rf"(?<!\d){pin}(?!\d)", text)]
    return found + [piece for stored in hashes for piece in hash_pieces(stored) if piece in text]


def written_files(tmp_path: Path, settings_file: Path) -> dict[Path, str]:
    """Every file the kiosk wrote but the settings, with the test's folder taken out of the
    text (its name has digits that could look like a PIN)."""
    return {
        path: path.read_text(encoding="utf-8", errors="replace").replace(str(tmp_path), "<tmp>")
        for path in sorted(tmp_path.rglob("*"))
        if path.is_file() and path != settings_file
    }


def test_no_file_holds_the_pin_or_its_hash(
    make_kiosk, qtbot, log_file, tmp_path, settings_file, data_dir
) -> None:
    kiosk = make_kiosk(log_file=log_file)
    pad = kiosk.staff.pad
    # The first PIN, set by IT with `kiosk pin set` (from a file outside the kiosk's folders,
    # deleted at once), then typed on the pad.
    with tempfile.TemporaryDirectory() as elsewhere:
        pin_file = Path(elsewhere) / "pin"
        pin_file.write_text(PIN, encoding="utf-8")
        done = run_kiosk_command("pin", "set", "--from-file", str(pin_file), "--config", str(settings_file))
    assert done.returncode == 0 and PIN not in done.stdout + done.stderr, done.stderr
    corner_taps(kiosk)
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    first_hash = kiosk.settings.settings.pin_hash
    close_panel(kiosk, qtbot)
    # A wrong PIN, then the right one.
    corner_taps(kiosk)
    type_on_pad(kiosk, WRONG_PINS[0])
    assert "not right" in pad.message.text()
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    # A new PIN from the panel.
    section = kiosk.staff.panel.section(PinSection)
    assert isinstance(section, PinSection)
    kiosk.staff.panel.scroll_area.ensureWidgetVisible(section.change_button)
    tap(section.change_button)
    type_on_pad(kiosk, NEW_PIN)
    type_on_pad(kiosk, NEW_PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    second_hash = kiosk.settings.settings.pin_hash
    close_panel(kiosk, qtbot)
    # The old PIN and four more wrong ones lock the pad; after the lock the new PIN opens it.
    corner_taps(kiosk)
    for wrong in [PIN, *WRONG_PINS[1:]]:
        type_on_pad(kiosk, wrong)
    assert pad.locked
    manual_clock(kiosk).advance(60)
    qtbot.waitUntil(lambda: not pad.locked, timeout=3000)
    type_on_pad(kiosk, NEW_PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)  # its log section shows the log's last lines
    shown = "\n".join(walk(kiosk.window))
    health = HealthWriter(kiosk.facts, printer_setting=lambda: "", data_dir=data_dir, log_file=log_file)
    writing = health.write_soon()
    assert writing is not None
    writing.join()

    pins, hashes = [PIN, NEW_PIN, *WRONG_PINS], [first_hash, second_hash]
    assert first_hash != second_hash
    log_text = log_file.read_text(encoding="utf-8")
    for event in ("staff PIN changed", "wrong staff PIN (5 of 5)", "PIN pad locked", "PIN accepted"):
        assert event in log_text  # the log did record the flow
    files = written_files(tmp_path, settings_file)
    assert log_file in files and health_path(data_dir) in files
    assert {str(path): leaks(text, pins, hashes) for path, text in files.items()} == {
        str(path): [] for path in files
    }
    assert leaks(shown, pins, hashes) == [], "the staff panel shows a PIN or its hash"
    # The settings file holds the hash (so the search above would have found it), not the PIN.
    stored = settings_file.read_text(encoding="utf-8")
    assert second_hash in stored
    assert leaks(stored, pins, [first_hash]) == []


def test_the_idle_reset_gives_a_guesser_no_fresh_tries(make_kiosk, qtbot) -> None:
    """Walking away and coming back does not open a locked pad (tests/rules/test_pin_bruteforce.py
    has the arithmetic of the lock-out)."""
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH, staff_timeout_seconds=30))
    corner_taps(kiosk)
    for wrong in WRONG_PINS:
        type_on_pad(kiosk, wrong)
    assert kiosk.staff.pad.locked
    wait(kiosk, 30 + 15 + 1)  # the staff timeout and the countdown: the kiosk resets
    assert kiosk.idle.resets == 1
    assert not kiosk.staff.is_open
    corner_taps(kiosk)
    assert kiosk.staff.pad.locked
    assert 0 < kiosk.staff.lockout.locked_for() < 60 - 46  # what is left of the same lock
    assert not kiosk.staff.pad.ok_button.isEnabled()
