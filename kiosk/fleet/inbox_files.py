"""The files waiting in an inbox: which are packs, which are a sync tool's unfinished copies, and
which have stopped changing long enough to be read.

Sync tools write a file under a temporary name and rename it when done (Syncthing's
`.syncthing.NAME.tmp` and `~syncthing~NAME.tmp`, rsync's `.NAME.XXXXXX`, browsers' `.part`),
and set its modification time when they finish. A file is a candidate only under its final
name, ending in `.kioskpack`, and settled only once that time is `settle_seconds` in the past.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from kiosk.packs.names import PACK_SUFFIX

DEFAULT_SETTLE_SECONDS = 30.0
TEMPORARY_PREFIXES = (".", "~")
TEMPORARY_SUFFIXES = (".part", ".tmp", ".partial")


def is_sync_temporary(name: str) -> bool:
    """A name a sync tool or a copy in progress uses, never a finished pack's."""
    folded = name.casefold()
    return name.startswith(TEMPORARY_PREFIXES) or folded.endswith(TEMPORARY_SUFFIXES)


@dataclass(frozen=True)
class InboxFile:
    path: Path
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def fingerprint(self) -> str:
        """Changes whenever the file does: a file refused once is tried again only then."""
        return f"{self.name}|{self.size}|{self.mtime_ns}"

    @property
    def mtime(self) -> float:
        return self.mtime_ns / 1e9

    def settled(self, now: float, settle_seconds: float) -> bool:
        return now - self.mtime >= settle_seconds

    def still_the_same(self) -> bool:
        """Whether the file on disk is still this one (not changed or replaced meanwhile)."""
        try:
            info = self.path.stat()
        except OSError:
            return False
        return info.st_size == self.size and info.st_mtime_ns == self.mtime_ns


def list_packs(inbox: Path) -> list[InboxFile]:
    """The finished-looking .kioskpack files at the top of `inbox`, by name.

    Raises OSError when the folder cannot be read (a mount that vanished, no permission).
    Temporary names, folders, links and anything else are not listed.
    """
    found = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            name = entry.name
            if not name.casefold().endswith(PACK_SUFFIX) or is_sync_temporary(name):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # gone while we looked: the sync tool renamed it
                continue
            if stat.S_ISREG(info.st_mode):
                found.append(InboxFile(Path(entry.path), info.st_size, info.st_mtime_ns))
    found.sort(key=lambda f: f.name)
    return found
