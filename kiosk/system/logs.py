"""Where the kiosk writes what happened: a rotating file that IT can read, one line per event."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import TextIO

import platformdirs

LOG_FILE_NAME = "kiosk.log"
CRASH_FILE_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000
LOG_FILES_KEPT = 5  # the current file and four older ones
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_crash_file: TextIO | None = None


def default_log_dir() -> Path:
    return platformdirs.user_log_path("kiosk", appauthor=False)


class OneLineFormatter(logging.Formatter):
    """Keeps each event, traceback included, on one line so that `grep` and `tail` stay useful."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", " | ")


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file in `log_dir` (and to stderr); return the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_LOG_BYTES, backupCount=LOG_FILES_KEPT - 1, encoding="utf-8"
    )
    file_handler.setFormatter(OneLineFormatter(LINE_FORMAT))
    console = logging.StreamHandler()
    console.setFormatter(OneLineFormatter(LINE_FORMAT))
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    root.addHandler(file_handler)
    if not any(type(h) is logging.StreamHandler for h in root.handlers):
        root.addHandler(console)
    root.setLevel(level)
    return log_file


def enable_crash_log(log_dir: Path) -> Path:
    """Hard crashes (a segfault in Qt, say) write their Python stacks here."""
    global _crash_file
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / CRASH_FILE_NAME
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = path.open("a", encoding="utf-8")
    faulthandler.enable(file=_crash_file, all_threads=True)
    return path


def last_lines(path: Path, count: int = 20) -> list[str]:
    """The end of a log file, for the staff panel; empty when there is no log yet."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 64_000))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    return text.splitlines()[-count:]
