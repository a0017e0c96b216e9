"""Guards for tests that feed the kiosk hostile content: time, file opens, sentinels, memory.

- `time_limit`: fails (AssertionError) when the block runs longer than allowed, so a hang is
  a failure with a message rather than a stuck test run. SIGALRM: the main thread only.
- `audited`: every file or folder Python opens (and every socket it connects) during the block,
  seen through `sys.addaudithook`. Audit hooks cannot be removed, so one is installed once and
  records only inside the block.
- `SentinelWatch`: inotify on files beside a pack. Qt opens files in C++, where no audit hook
  sees it; the kernel sees every open, whoever makes it.
- `rss_growth_mb`: how far the peak resident memory rose during the block (Linux's VmHWM,
  reset first through /proc/self/clear_refs).
- `validate_in_process`: `kiosk validate DIR` through the CLI's own function, output captured.
"""

from __future__ import annotations

import ctypes
import io
import os
import signal
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import kiosk
from kiosk.cli import build_parser

# --- time ------------------------------------------------------------------------------------


class _Overtime(BaseException):
    """Raised by the alarm; a BaseException, so no `except Exception` in the code under test
    can swallow it. Turned into an AssertionError when it leaves `time_limit`."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Overtime:
        raise AssertionError(f"{what} took longer than {seconds} s (a hang?)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- file opens, through the audit hook ------------------------------------------------------

_OPEN_EVENTS = {"open", "os.listdir", "os.scandir"}


@dataclass
class Audit:
    """What Python opened while recording: resolved paths, and socket addresses connected to."""

    paths: list[Path] = field(default_factory=list)
    connections: list[Any] = field(default_factory=list)

    def outside(self, *allowed: Path) -> list[Path]:
        """Opened paths under none of `allowed` nor Python's own folders (stdlib, site-packages)."""
        roots = [path.resolve() for path in (*allowed, *python_folders())]
        return [path for path in self.paths if not any(path.is_relative_to(r) for r in roots)]


_recording: list[Audit] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _recording:  # the common case, outside any `audited` block: as cheap as possible
        return
    if event in _OPEN_EVENTS and args and isinstance(args[0], str | bytes | os.PathLike):
        _recording[-1].paths.append(Path(os.path.realpath(os.fsdecode(args[0]))))
    elif event == "socket.connect":
        _recording[-1].connections.append(args[1] if len(args) > 1 else args)


_installed = False


@contextmanager
def audited() -> Iterator[Audit]:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    audit = Audit()
    _recording.append(audit)
    try:
        yield audit
    finally:
        _recording.remove(audit)


def python_folders() -> list[Path]:
    """Where Python and its packages live, and the import path (a lazy import opens files
    there, and importlib.metadata reads every entry's *.egg-info), and kiosk's code."""
    names = ("stdlib", "platstdlib", "purelib", "platlib")
    folders = {Path(sysconfig.get_paths()[name]) for name in names}
    folders |= {Path(sys.prefix), Path(sys.base_prefix), Path(kiosk.__file__).parent}
    folders |= {Path(entry or ".") for entry in sys.path}
    return sorted(folders)


# --- sentinels, through inotify --------------------------------------------------------------

IN_ACCESS = 0x1
IN_OPEN = 0x20


class SentinelWatch:
    """Watches files for any open or read by anyone (Python, Qt's C++, a child process)."""

    def __init__(self, *paths: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        for path in paths:
            if libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0:
                os.close(self.fd)
                raise OSError(ctypes.get_errno(), f"cannot watch {path}")

    def touched(self) -> bool:
        """True when a watched file was opened or read since the watch began (or last asked)."""
        try:
            return bool(os.read(self.fd, 64 * 1024))
        except BlockingIOError:
            return False

    def close(self) -> None:
        os.close(self.fd)

    def __enter__(self) -> SentinelWatch:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


# --- memory ----------------------------------------------------------------------------------


def _status_kb(field_name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    raise LookupError(field_name)


@dataclass
class MemoryGrowth:
    megabytes: float = 0.0


@contextmanager
def rss_growth_mb() -> Iterator[MemoryGrowth]:
    """The rise of the peak resident memory over the block, in MB (set when the block ends)."""
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    before = _status_kb("VmRSS")
    growth = MemoryGrowth()
    try:
        yield growth
    finally:
        growth.megabytes = (_status_kb("VmHWM") - before) / 1024


# --- the command line ------------------------------------------------------------------------


def validate_in_process(root: Path) -> tuple[int, str, str]:
    """`kiosk validate ROOT` through the CLI's own function: exit code, stdout, stderr. Output is
    encoded as a UTF-8 terminal would, strictly: a file name that is not UTF-8 must not crash
    the printing."""
    args = build_parser().parse_args(["validate", str(root)])
    buffers = (io.BytesIO(), io.BytesIO())
    out, err = (io.TextIOWrapper(buffer, encoding="utf-8", errors="strict") for buffer in buffers)
    with redirect_stdout(out), redirect_stderr(err):
        code: int = args.handler(args)
    out.flush()
    err.flush()
    return code, buffers[0].getvalue().decode("utf-8"), buffers[1].getvalue().decode("utf-8")
