"""Logs: one line per event, at most five files of 1 MB, and the tail for the staff panel."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.system.logs import LOG_FILES_KEPT, MAX_LOG_BYTES, last_lines, setup_logging


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "logs"
    yield folder
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "").startswith(str(folder)):
            root.removeHandler(handler)
            handler.close()


def test_each_event_is_one_line_with_a_timestamp(log_dir: Path) -> None:
    log_file = setup_logging(log_dir)
    log = logging.getLogger("kiosk.test")
    try:
        raise ValueError("something broke\nacross two lines")
    except ValueError:
        log.exception("an error with a traceback")
    log.info("after it")
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert "an error with a traceback" in lines[0] and "Traceback" in lines[0]
    assert "ValueError: something broke | across two lines" in lines[0]
    assert lines[1].endswith("INFO kiosk.test: after it")
    assert lines[1][:4].isdigit() and lines[1][4] == "-"  # 2026-11-27 ...


def test_the_logs_rotate_and_never_exceed_five_files_of_a_megabyte(log_dir: Path) -> None:
    setup_logging(log_dir)
    log = logging.getLogger("kiosk.test")
    line = "x" * 500
    for index in range(14_000):  # about 7 MB
        log.info("%05d %s", index, line)
    files = sorted(log_dir.glob("kiosk.log*"))
    assert len(files) == LOG_FILES_KEPT
    assert all(f.stat().st_size <= MAX_LOG_BYTES for f in files)
    assert "13999" in (log_dir / "kiosk.log").read_text(encoding="utf-8")


def test_last_lines_reads_the_end_of_the_log(log_dir: Path) -> None:
    log_file = setup_logging(log_dir)
    log = logging.getLogger("kiosk.test")
    for index in range(100):
        log.info("event %d", index)
    tail = last_lines(log_file, 3)
    assert [t.rsplit(" ", 1)[1] for t in tail] == ["97", "98", "99"]


def test_last_lines_of_a_missing_log_is_empty(tmp_path: Path) -> None:
    assert last_lines(tmp_path / "none.log") == []


def test_a_hard_crash_leaves_its_stack_in_the_crash_log(tmp_path: Path) -> None:
    script = (
        "import ctypes, pathlib; from kiosk.system.logs import enable_crash_log; "
        f"enable_crash_log(pathlib.Path({str(tmp_path)!r})); ctypes.string_at(0)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode != 0
    crash = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Segmentation fault" in crash or "Fatal Python error" in crash
