"""One kiosk at a time: a lock on a file in the user's runtime folder.

Two copies would fight over the screen, the settings file and the installed packs. The lock is
`flock` (Linux, macOS) or `msvcrt.locking` (Windows): the kernel drops it when the process ends,
however it ends, so a lock file left behind by a killed kiosk never blocks the next start. The
file also holds the owner's process id, for the message.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path
from types import TracebackType

import platformdirs

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "kiosk.lock"
# Windows locks byte ranges, and a locked byte cannot be read by anyone else: lock one byte far
# past the process id so that a second copy can still read whose lock it is.
_WINDOWS_LOCK_OFFSET = 1 << 20


class AlreadyRunning(Exception):  # noqa: N818 (the name the app and the lead expect)
    """Another kiosk holds the lock."""

    def __init__(self, pid: int | None, path: Path) -> None:
        self.pid = pid
        self.path = path
        which = f" (process {pid})" if pid is not None else ""
        super().__init__(
            f"The kiosk is already running{which}. Close it first, or restart the service with "
            "`systemctl --user restart kiosk`."
        )

    @property
    def message(self) -> str:
        return str(self)


class InstanceLock:
    """Held until `release()` or the end of the process."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        """False when no lock file could be made: the kiosk runs, unprotected, rather than not at all."""
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # no process id of a kiosk that is gone
            _unlock(fd)
        except OSError as exc:
            log.warning("could not release the lock %s cleanly: %s", self.path, exc)
        finally:
            os.close(fd)  # closing drops the lock in any case

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()


def default_runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR/kiosk (/run/user/UID/kiosk) where there is one; else a private temp folder."""
    try:
        with warnings.catch_warnings():  # platformdirs warns on stderr when it falls back itself
            warnings.simplefilter("ignore")
            return platformdirs.user_runtime_path("kiosk", appauthor=False)
    except OSError:
        return _temp_runtime_dir()


def acquire_instance_lock(runtime_dir: Path | None = None) -> InstanceLock:
    """Take the kiosk's lock, or raise AlreadyRunning naming the process that has it."""
    folders = [runtime_dir] if runtime_dir is not None else [default_runtime_dir(), _temp_runtime_dir()]
    problems: list[str] = []
    for folder in dict.fromkeys(folders):
        path = folder / LOCK_FILE_NAME
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Not truncated on opening: until the lock is ours, the process id belongs to the owner.
            # Python's descriptors are not inherited, so a program the kiosk starts never holds it.
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            problems.append(f"{path}: {exc.strerror or exc}")
            continue
        try:
            locked = _try_lock(fd)
        except OSError as exc:  # e.g. a file system without locks
            os.close(fd)
            problems.append(f"{path}: {exc.strerror or exc}")
            continue
        if not locked:
            os.close(fd)
            raise AlreadyRunning(_read_pid(path), path)
        _write_pid(fd)
        return InstanceLock(path, fd)
    log.warning("cannot make sure only one kiosk runs, starting anyway: %s", "; ".join(problems))
    return InstanceLock(folders[0] / LOCK_FILE_NAME, None)


def _temp_runtime_dir() -> Path:
    owner = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"kiosk-runtime-{owner}"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLOCK):  # held by another process
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _write_pid(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except OSError as exc:  # the lock is what matters; the id only makes the message clearer
        log.warning("could not write the process id into %s: %s", LOCK_FILE_NAME, exc)


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):  # the owner may not have written it yet
        return None
