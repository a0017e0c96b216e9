"""One kiosk at a time: other kiosks are real processes, killed for real."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system.single_instance import (
    LOCK_FILE_NAME,
    AlreadyRunning,
    acquire_instance_lock,
    default_runtime_dir,
)

# Another kiosk: takes the lock in the folder given, says what happened, and holds it if asked.
OTHER_KIOSK = """
import subprocess, sys, time
from pathlib import Path
from kiosk.system.single_instance import AlreadyRunning, acquire_instance_lock
try:
    lock = acquire_instance_lock(Path(sys.argv[1]))
except AlreadyRunning as refused:
    print(refused, flush=True)
    sys.exit(3)
if "child" in sys.argv:  # a program the kiosk started, as printing does, outliving it
    subprocess.Popen(["sleep", "60"], close_fds=False)
print("locked", flush=True)
if "hold" in sys.argv:
    time.sleep(60)
"""


def other_kiosk(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", OTHER_KIOSK, str(folder)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A kiosk process holding the lock in tmp_path."""
    process = subprocess.Popen(
        [sys.executable, "-c", OTHER_KIOSK, str(tmp_path), "hold", "child"],
        stdout=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    yield process
    with contextlib.suppress(ProcessLookupError):  # the kiosk and the program it started
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()


def test_a_second_kiosk_is_refused_with_the_first_ones_process_id(tmp_path: Path) -> None:
    with acquire_instance_lock(tmp_path) as lock:
        assert lock.held
        result = other_kiosk(tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout.strip() == (
        f"The kiosk is already running (process {os.getpid()}). Close it first, or restart the "
        "service with `systemctl --user restart kiosk`."
    )


def test_the_same_process_cannot_take_the_lock_twice(tmp_path: Path) -> None:
    with acquire_instance_lock(tmp_path), pytest.raises(AlreadyRunning) as refused:
        acquire_instance_lock(tmp_path)
    assert refused.value.pid == os.getpid()
    assert refused.value.path == tmp_path / LOCK_FILE_NAME


def test_a_killed_kiosk_does_not_block_the_next_start(tmp_path: Path, holder) -> None:
    with pytest.raises(AlreadyRunning) as refused:
        acquire_instance_lock(tmp_path)
    assert refused.value.pid == holder.pid
    holder.send_signal(signal.SIGKILL)  # only the kiosk: the program it started lives on
    holder.wait()
    lock_file = tmp_path / LOCK_FILE_NAME
    assert lock_file.read_text().strip() == str(holder.pid)  # left behind, naming a dead process
    with acquire_instance_lock(tmp_path) as lock:
        assert lock.held
        assert lock_file.read_text().strip() == str(os.getpid())


def test_release_lets_another_kiosk_start(tmp_path: Path) -> None:
    lock = acquire_instance_lock(tmp_path)
    lock.release()
    lock.release()  # twice is harmless
    assert not lock.held
    result = other_kiosk(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "locked"


def test_the_lock_lives_in_the_users_runtime_folder(tmp_path: Path, monkeypatch) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert default_runtime_dir() == runtime / "kiosk"
    with acquire_instance_lock() as lock:
        assert lock.path == runtime / "kiosk" / LOCK_FILE_NAME
        assert lock.path.read_text().strip() == str(os.getpid())


def test_without_a_usable_folder_the_kiosk_starts_unprotected(tmp_path: Path, caplog) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with caplog.at_level(logging.WARNING, logger="kiosk.system.single_instance"):
        lock = acquire_instance_lock(not_a_folder / "kiosk")
    assert not lock.held
    assert "starting anyway" in caplog.text
    lock.release()
