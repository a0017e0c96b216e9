"""Signals: systemd's SIGTERM stops the kiosk cleanly and fast; SIGKILL at any moment corrupts nothing.

systemd stops or restarts the kiosk with SIGTERM and waits (then SIGKILLs it): the real
`kiosk run` process must end its event loop, idle or not, with exit status 0 and a log line,
within 2 s. SIGKILL (or a power cut) cannot be handled at all, so the files must be safe by
construction: a process that saves the settings and installs and rolls back packs without a
pause is killed at random moments, and after each kill the settings file parses without a
problem and the active pack is complete and loads, before and after start-up cleaning.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk.content.loader import load_pack
from kiosk.disk.atomic_file import STALE_AFTER_S
from kiosk.packs.store import KEEP_VERSIONS, PackStore
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore
from kiosk.system.quit_on_signal import QuitOnSignal
from tests.conftest import REPO
from tests.packs.test_store import install, make_pack, tree

STOP_WITHIN_S = 2.0
START_TIMEOUT_S = 60.0
KILLS = 25
LONGEST_LIFE_S = 0.25  # each worker lives a random 0 to 0.25 s, or 6 measured turns if longer

# --- SIGTERM and SIGINT -----------------------------------------------------------------------------


def private_env(home: Path) -> dict[str, str]:
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)  # the instance lock lives here
    return dict(
        os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "share"), XDG_CACHE_HOME=str(home / "cache"),
    )


def wait_for_line(log_file: Path, text: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if log_file.exists() and text in log_file.read_text(encoding="utf-8"):
            return
        assert process.poll() is None, f"the kiosk ended before logging {text!r}"
        time.sleep(0.05)
    raise AssertionError(f"the kiosk did not log {text!r} within {START_TIMEOUT_S:g} s")


def notify_socket(folder: Path) -> socket.socket:
    """Where a `Type=notify` service tells systemd it is ready and stopping (man sd_notify)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(folder / "notify.sock"))
    listener.setblocking(False)
    return listener


def datagrams(listener: socket.socket) -> list[str]:
    received = []
    with contextlib.suppress(BlockingIOError):
        while True:
            received.append(listener.recv(4096).decode())
    return received


@pytest.mark.parametrize(("stop", "mode"), [
    (signal.SIGTERM, "--windowed"), (signal.SIGTERM, "locked-down"), (signal.SIGINT, "--windowed"),
], ids=["SIGTERM-windowed", "SIGTERM-locked-down", "SIGINT-windowed"])
def test_the_running_kiosk_stops_cleanly_within_two_seconds(
    tmp_path: Path, stop: signal.Signals, mode: str,
) -> None:
    logs, config = tmp_path / "logs", tmp_path / "settings.toml"
    command = [
        sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path / "data"),
        "--log-dir", str(logs), "--config", str(config), *([mode] if mode.startswith("--") else []),
    ]
    systemd = notify_socket(tmp_path)
    env = dict(private_env(tmp_path), NOTIFY_SOCKET=str(tmp_path / "notify.sock"))
    kiosk = subprocess.Popen(
        command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for_line(logs / "kiosk.log", "showing ", kiosk)
        time.sleep(0.5)  # the event loop is running and idle: no Python code runs until woken
        sent = time.monotonic()
        kiosk.send_signal(stop)
        _out, err = kiosk.communicate(timeout=STOP_WITHIN_S + 8)
        took = time.monotonic() - sent
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.communicate()
        told = datagrams(systemd)
        systemd.close()
    print(f"{stop.name} ({mode}): the kiosk ended {took * 1000:.0f} ms after the signal")
    assert kiosk.returncode == 0, err
    assert took < STOP_WITHIN_S
    log_text = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert f"received {stop.name}: the kiosk is stopping" in log_text
    assert log_text.rstrip().endswith("the kiosk stopped (exit status 0)")
    assert "Traceback" not in err and "Traceback" not in log_text
    assert told[0].startswith("READY=1") and told[-1] == "STOPPING=1", told
    assert not config.exists()  # stopping saves nothing


@pytest.fixture
def stop_signals(qapp) -> Iterator[QuitOnSignal]:
    before = signal.getsignal(signal.SIGTERM)
    quitter = QuitOnSignal(qapp)
    quitter.install()
    yield quitter
    quitter.uninstall()
    assert signal.getsignal(signal.SIGTERM) is before


def run_event_loop(qapp) -> int:
    """qapp.exec(), ended with status 9 after 5 s if nothing else ends it (never hang the suite)."""
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: qapp.exit(9))
    safety.start(5000)
    try:
        return qapp.exec()
    finally:
        safety.stop()  # it must not end some later test's event loop


def test_a_sigterm_before_the_event_loop_runs_stops_it_as_soon_as_it_does(qapp, stop_signals) -> None:
    os.kill(os.getpid(), signal.SIGTERM)  # during start-up: Python runs the handler at once
    assert run_event_loop(qapp) == 0
    assert stop_signals.received == ["SIGTERM"]


def test_a_sigterm_wakes_an_idle_event_loop(qapp, stop_signals) -> None:
    # From another thread, as from another process: no Python code runs in the loop meanwhile.
    sender = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM))
    started = time.monotonic()
    sender.start()
    status = run_event_loop(qapp)
    sender.join()
    assert status == 0 and stop_signals.received == ["SIGTERM"]
    assert time.monotonic() - started < 1.0


# --- SIGKILL ---------------------------------------------------------------------------------------

# Forks a worker that saves the settings and installs or rolls back a pack, turn after turn,
# kills it with SIGKILL after a random time, and waits for the test to check the files.
SUPERVISOR = """
import itertools, os, random, signal, sys, time
from pathlib import Path
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import ImportFailed
from kiosk.packs.store import PackStore
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore

config, data, steps = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
kills, longest, seed = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
TURNS_A_LIFE = 6  # the longest life, in measured turns: a worker lives 0 to 6 turns
packs = [Path(p) for p in sys.argv[7:]]

def work():
    store, done = PackStore(data), os.open(steps, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    store.clean_leftovers()  # what the kiosk does when it starts again
    settings = SettingsStore(load_settings(config).settings, config)
    for turn in itertools.count(random.randrange(3000)):
        assert settings.update(idle_seconds=15 + turn % 3000, countdown_seconds=5 + turn % 100) is None
        os.write(done, b"s")
        if turn % 3 == 2:
            try:
                store.rollback()
                os.write(done, b"r")
            except ImportFailed:
                pass
        else:
            with open_source(packs[turn % len(packs)]) as source:
                store.commit(store.stage(source))
            os.write(done, b"i")

def one_turn_seconds():
    # How long a save and an install take here and now (a busy machine takes longer).
    scratch = PackStore(data.parent / "timing")
    settings = SettingsStore(load_settings(config).settings, data.parent / "timing.toml")
    started = time.monotonic()
    assert settings.update(idle_seconds=60) is None
    with open_source(packs[0]) as source:
        scratch.commit(scratch.stage(source))
    return time.monotonic() - started

one_turn_seconds()  # the first run imports and warms up
measured = max(one_turn_seconds(), one_turn_seconds())
longest = max(longest, TURNS_A_LIFE * measured)  # lives long enough to finish a few turns
print(f"turn {measured:.3f} {longest:.3f}", flush=True)
random.seed(seed)
for number in range(kills):
    life = random.uniform(0, longest)
    worker = os.fork()
    if worker == 0:
        random.seed(seed + number)
        try:
            work()
        finally:  # a worker that fails must not go on as a second supervisor
            os._exit(1)
    time.sleep(life)
    os.kill(worker, signal.SIGKILL)
    _pid, status = os.waitpid(worker, 0)
    print(f"killed {number} {life:.3f} {os.WIFSIGNALED(status) and os.WTERMSIG(status)}", flush=True)
    if sys.stdin.readline().strip() != "next":
        break
"""


# Killed once the pointer names the new version, before the oldest version is deleted.
KILLED_BEFORE_PRUNING = """
import os, signal, sys
from pathlib import Path
from kiosk.packs.opening import open_source
from kiosk.packs.store import PackStore

switching = 0

def progress(step):
    global switching
    switching += step.phase == "switching"
    if switching == 3:  # the 3rd report: switched, not yet pruned
        os.kill(os.getpid(), signal.SIGKILL)

store = PackStore(Path(sys.argv[1]))
with open_source(Path(sys.argv[2])) as source:
    store.commit(store.stage(source), progress=progress)
"""


def test_a_kill_between_the_switch_and_the_pruning_still_keeps_three_versions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for version in ("1", "2", "3"):
        install(PackStore(data), make_pack(tmp_path / version, version=version))
    script = tmp_path / "killed.py"
    script.write_text(KILLED_BEFORE_PRUNING, encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, str(script), str(data), str(make_pack(tmp_path / "4", version="4"))],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    store = PackStore(data)
    assert [v.version for v in store.versions()] == ["4", "3", "2", "1"]  # one too many
    removed = store.clean_leftovers()  # the next start
    assert [v.version for v in store.versions()] == ["4", "3", "2"]
    assert [path.name for path in removed] == ["0001-test-pack-1"]
    assert tree(store.active_dir() or tmp_path) == tree(tmp_path / "4")


def check_after_kill(config: Path, data: Path, packs: list[dict[str, bytes]]) -> str | None:
    """What the next start would find must be whole; returns the version shown (None: none yet)."""
    if config.exists():
        loaded = load_settings(config)
        assert loaded.problems == [], [str(p) for p in loaded.problems]
    store = PackStore(data)
    shown = store.active_dir()  # even before cleaning: never a half-copied or half-deleted pack
    assert shown is None or tree(shown) in packs
    store.clean_leftovers()
    active = store.active_version()
    assert (active.path if active is not None else None) == shown
    if active is None:
        return None
    assert load_pack(active.path).pack is not None
    assert len(store.versions()) <= KEEP_VERSIONS
    assert list((data / "staging").iterdir()) == []
    return active.version


def test_sigkill_at_random_moments_never_leaves_damaged_settings_or_packs(tmp_path: Path) -> None:
    config, data, steps = tmp_path / "config" / "settings.toml", tmp_path / "data", tmp_path / "steps"
    sources = [make_pack(tmp_path / name, version=name, articles=3) for name in ("a", "b")]
    packs = [tree(source) for source in sources]
    seed = random.randrange(1 << 30)
    script = tmp_path / "supervisor.py"
    script.write_text(SUPERVISOR, encoding="utf-8")
    supervisor = subprocess.Popen(
        [sys.executable, str(script), str(config), str(data), str(steps), str(KILLS),
         str(LONGEST_LIFE_S), str(seed), *map(str, sources)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert supervisor.stdin is not None and supervisor.stdout is not None
    shown: list[str | None] = []
    try:
        timing = supervisor.stdout.readline().split()
        assert timing[:1] == ["turn"], (timing, supervisor.stderr.read())
        for number in range(KILLS):
            line = supervisor.stdout.readline().split()
            assert line[:2] == ["killed", str(number)], (line, supervisor.stderr.read())
            assert line[3] == str(int(signal.SIGKILL)), f"the worker was not killed: {line}"
            shown.append(check_after_kill(config, data, packs))
            supervisor.stdin.write("next\n")
            supervisor.stdin.flush()
    finally:
        supervisor.stdin.close()
        assert supervisor.wait(timeout=30) == 0, supervisor.stderr.read()
    done = steps.read_bytes() if steps.exists() else b""
    print(f"seed {seed}: a save and an install took {timing[1]} s, lives up to {timing[2]} s; "
          f"{done.count(b's')} settings saves, {done.count(b'i')} installs and "
          f"{done.count(b'r')} rollbacks finished across {KILLS} kills; shown after each: {shown}")
    # Lives scale with the measured turn, so the kills fall in the middle of saves and installs
    # however busy the machine is (a worker lives 3 turns on average: about 1.5 installs).
    assert done.count(b"i") >= KILLS // 2, "the workers were killed before they did much"
    assert_killed_writers_leave_no_litter(config)


def assert_killed_writers_leave_no_litter(config: Path) -> None:
    """A kill mid-save leaves a hidden temporary file; the next save removes those over a minute old."""
    leftovers = [p for p in config.parent.iterdir() if p.name != config.name]
    print(f"{len(leftovers)} temporary settings files left by the kills")
    assert all(p.name.startswith(".settings.toml.") and p.suffix == ".tmp" for p in leftovers)
    for leftover in leftovers:
        old = time.time() - 2 * STALE_AFTER_S
        os.utime(leftover, (old, old))
    SettingsStore(load_settings(config).settings, config).update(idle_seconds=120)
    assert [p.name for p in config.parent.iterdir()] == [config.name]
