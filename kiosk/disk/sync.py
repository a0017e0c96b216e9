"""Getting files onto the disk for good, and the small file-system steps around it: syncing a
file, a folder or a whole file system, holding a lock, removing a tree.

Qt-free: imports no PySide6 and nothing else of the kiosk.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path


def write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _find_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(fd): every file of one file system to disk, in one journal commit."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function: Callable[[int], int] = libc.syncfs
    except (OSError, AttributeError):
        return None
    return function


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    return _find_syncfs()  # looked up once, when first needed (ctypes is not loaded at start-up)


def can_sync_file_system() -> bool:
    return _syncfs() is not None


def sync_file_system(folder: Path) -> None:
    """Force everything written to the file system holding `folder` to disk (Linux only)."""
    import ctypes

    syncfs = _syncfs()
    assert syncfs is not None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        os.close(descriptor)


def sync_file(path: Path) -> None:
    """Force one file already written and closed to disk (opened for writing: Windows needs it)."""
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def sync_folder(folder: Path) -> None:
    """Force a folder's entries to disk; Windows cannot open a folder for this, so it skips."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # some file systems cannot sync folders
            raise
    finally:
        os.close(descriptor)


def hold_lock(path: Path, *, wait: bool = True) -> int | None:
    """An open descriptor holding an exclusive lock on `path`; None if `wait` is off and it is taken.

    The lock goes away with the descriptor, and with the process however it ends (even SIGKILL).
    """
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if sys.platform == "win32":
        return descriptor
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return path.resolve() != folder.resolve()


def path_exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False
