"""The staging folders an import copies into, and the data folder's lock: who may change
`packs/` and the pointer, and whether a staging folder belongs to an import still running (in
this process or another). Qt-free; used by store.py."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.disk.sync import hold_lock
from kiosk.packs.outcomes import ImportFailed

LOCK_NAME = ".lock"
WriteFailure = Callable[[str, OSError], ImportFailed]


@dataclass
class Staging:
    folder: Path
    lock: int | None
    files: int = 0
    bytes: int = 0


def new_staging(staging_dir: Path, failure: WriteFailure) -> Staging:
    """A private folder under `staging/`, locked while this import uses it."""
    try:
        staging_dir.mkdir(parents=True, exist_ok=True)
        folder = staging_dir / f"import-{secrets.token_hex(8)}"
        folder.mkdir(mode=0o700)
        lock = hold_lock(folder / LOCK_NAME)
    except OSError as exc:
        raise failure("the staging folder", exc) from exc
    return Staging(folder, lock)


def release(staging: Staging) -> None:
    if staging.lock is not None:
        with contextlib.suppress(OSError):
            os.close(staging.lock)
        staging.lock = None


def in_use(folder: Path, held: Iterable[Staging]) -> bool:
    """Whether a running import (this process's `held`, or another process) holds the folder's lock."""
    if any(staging.folder == folder for staging in held):
        return True
    lock = folder / LOCK_NAME
    if not lock.is_file():
        return False
    try:
        descriptor = hold_lock(lock, wait=False)
    except OSError:
        return False
    if descriptor is None:
        return True
    os.close(descriptor)
    return False


@contextlib.contextmanager
def data_folder_lock(data_dir: Path, failure: WriteFailure) -> Iterator[None]:
    """One process at a time moves folders in or out of `packs/` or changes the pointer."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = hold_lock(data_dir / LOCK_NAME, wait=True)
    except OSError as exc:
        raise failure("the data folder", exc) from exc
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)
