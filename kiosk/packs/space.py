"""Room on the kiosk's disk for a pack, checked before anything is copied.

A copy that runs until the disk is full is refused in the end, but meanwhile the disk is full
for as long as the copy takes: the log and a settings save could fail to write. So the pack's
unpacked size (each file rounded up to whole blocks, one block per folder) is compared with the
free space first, keeping a margin free for the kiosk itself: 200 MB, or 5 % of the disk when
that is less (a small disk). No Qt here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.packs.outcomes import NOTHING_CHANGED, ImportFailed

KEEP_FREE_BYTES = 200 * 1000**2
KEEP_FREE_SHARE = 0.05
DEFAULT_BLOCK = 4096
# The staging folder, its lock and install.json, written beside the pack's own files.
OWN_BLOCKS = 4


@dataclass(frozen=True)
class DiskRoom:
    """What a pack needs on the disk, what is free, and what the kiosk keeps free for itself."""

    needed: int
    free: int
    keep_free: int

    @property
    def enough(self) -> bool:
        return self.free - self.needed >= self.keep_free

    def refusal(self) -> str:
        return (
            f"There is not enough space on the kiosk's disk for this pack: it needs "
            f"{amount(self.needed)}, and {amount(self.free)} is free (the kiosk also keeps "
            f"{amount(self.keep_free)} free for its logs and settings). {NOTHING_CHANGED} "
            "Free some space on the kiosk or ask IT, or use a smaller pack."
        )


def room_for(folder: Path, files: Iterable[tuple[str, int]]) -> DiskRoom:
    """The room `files` ((pack path, size) pairs) need in `folder`'s file system, which need
    not exist yet (the nearest existing folder above it is measured)."""
    existing = _nearest_existing(folder)
    usage = shutil.disk_usage(existing)
    block = _block_size(existing)
    folders = {""}  # the pack's own folder
    needed = OWN_BLOCKS * block
    for path, size in files:
        needed += -(-size // block) * block
        parent = path.rpartition("/")[0]
        while parent not in folders:  # each folder above it once (cheap for 5,000 files)
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    needed += len(folders) * block
    keep_free = min(KEEP_FREE_BYTES, round(usage.total * KEEP_FREE_SHARE))
    return DiskRoom(needed=needed, free=usage.free, keep_free=keep_free)


def check_room(folder: Path, files: Iterable[tuple[str, int]]) -> None:
    """Raise ImportFailed, saying how much is needed and how much is free, when the pack would
    leave less than the margin free."""
    try:
        room = room_for(folder, files)
    except OSError:  # the data folder cannot be measured: the copy itself will say why
        return
    if not room.enough:
        raise ImportFailed(room.refusal())


def amount(count: int) -> str:
    """Bytes in the units a disk's label uses: "1.2 GB", "850 MB", "6.4 MB", "12 KB"."""
    if count >= 1000**3:
        return f"{count / 1000**3:,.1f} GB"
    if count >= 10 * 1000**2:
        return f"{count / 1000**2:,.0f} MB"
    if count >= 1000**2:
        return f"{count / 1000**2:.1f} MB"
    return f"{max(1, round(count / 1000))} KB"


def _nearest_existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path(os.sep)


def _block_size(folder: Path) -> int:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return DEFAULT_BLOCK
    try:
        return statvfs(folder).f_frsize or DEFAULT_BLOCK
    except OSError:
        return DEFAULT_BLOCK
