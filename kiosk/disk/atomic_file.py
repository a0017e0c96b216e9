"""Write a file so that a power cut leaves either the old file or the new one, never half of each."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

# A temporary file this old was left by a writer that was killed (or lost power) mid-write: a
# live writer renames its own within milliseconds.
STALE_AFTER_S = 60.0


def atomic_write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, line endings written exactly as given).

    The text goes to a temporary file in the same folder, is forced to disk, and is then renamed
    over the target, which the operating system does in one step. On any failure the temporary
    file is removed, the old file is left as it was, and the exception is raised again.
    Temporary files of the same target that a killed writer left behind are removed afterwards.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # Same folder as the target: a rename is only atomic within one file system.
    handle, temporary_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(temporary_name)
    try:
        _write_and_sync(handle, text)
        _keep_permissions(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Without this every SIGKILL or power cut during a write would leave one more hidden file."""
    pattern = f".{glob.escape(path.name)}.*.tmp"
    for leftover in path.parent.glob(pattern):
        with contextlib.suppress(OSError):  # gone already, or not ours to delete: not worth failing
            if time.time() - leftover.stat().st_mtime > STALE_AFTER_S:
                leftover.unlink()


def _write_and_sync(handle: int, text: str) -> None:
    try:
        stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
    except BaseException:
        os.close(handle)
        raise
    with stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _keep_permissions(target: Path, temporary: Path) -> None:
    """A replaced file keeps its permissions; a new one stays private to the kiosk's user."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems (Windows) cannot open a folder for this."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
