"""Notices removable volumes (USB sticks) coming and going, and the content packs on them.

The one platform-specific module of content loading. It polls every 2 s: Qt's list of mounted
volumes, plus the usual mount folders (`/media/*`, `/media/USER/*`, `/run/media/USER/*`, `/mnt/*`)
on Linux and drive letters other than the system's on Windows. Tests hand it folders of their own
as extra roots. Polling a few folders is cheap and needs no udev or D-Bus, which a bare kiosk
PC may not run.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStorageInfo, QTimer, Signal

log = logging.getLogger(__name__)
POLL_MS = 2000
LINUX_MOUNT_FOLDERS = (Path("/media"), Path("/run/media"), Path("/mnt"))


@dataclass(frozen=True)
class FoundPack:
    path: Path  # the kiosk-content folder or the .kioskpack file
    volume: Path  # the stick it is on

    @property
    def label(self) -> str:
        return f"{self.path.name} on {self.volume}"


def removable_roots(extra_roots: Sequence[Path] = ()) -> list[Path]:
    """Every place a stick may be mounted now, without duplicates, existing ones only."""
    candidates: list[Path] = [*extra_roots]
    for volume in QStorageInfo.mountedVolumes():
        if volume.isValid() and volume.isReady() and _looks_removable(Path(volume.rootPath())):
            candidates.append(Path(volume.rootPath()))
    if sys.platform.startswith("linux"):
        candidates.extend(_linux_mount_points())
    seen: set[Path] = set()
    roots = []
    for root in candidates:
        if root not in seen and root.is_dir():
            seen.add(root)
            roots.append(root)
    return roots


def _looks_removable(root: Path) -> bool:
    if sys.platform == "win32":
        system_drive = Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\")
        return root.anchor != system_drive.anchor
    return any(root.is_relative_to(folder) and root != folder for folder in LINUX_MOUNT_FOLDERS)


def _linux_mount_points() -> list[Path]:
    """/media/STICK, /media/USER/STICK, /run/media/USER/STICK and /mnt/STICK."""
    points: list[Path] = []
    for folder in LINUX_MOUNT_FOLDERS:
        for child in _subfolders(folder):
            if os.path.ismount(child):
                points.append(child)
            else:  # a per-user folder holding the mounts
                points.extend(grandchild for grandchild in _subfolders(child) if os.path.ismount(grandchild))
    return points


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_dir())
    except OSError:  # absent, or not ours to read
        return []


def scan(extra_roots: Sequence[Path] = ()) -> list[FoundPack]:
    found: list[FoundPack] = []
    for root in removable_roots(extra_roots):
        try:
            from kiosk.packs.finding import find_packs  # loaded at the first look at a stick

            found.extend(FoundPack(path, root) for path in find_packs(root))
        except OSError as error:  # a stick pulled while we looked
            log.info("could not look for content on %s: %s", root, error)
    return found


class VolumeWatcher(QObject):
    """Emits `changed` whenever the packs found on removable volumes change."""

    changed = Signal()

    def __init__(
        self, *, extra_roots: Sequence[Path] = (), interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.extra_roots = list(extra_roots)
        self._found: list[FoundPack] = []
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def packs(self) -> list[FoundPack]:
        return list(self._found)

    def poll(self) -> None:
        found = scan(self.extra_roots)
        if found != self._found:
            added = [p for p in found if p not in self._found]
            self._found = found
            for pack in added:
                log.info("content pack found: %s", pack.label)
            self.changed.emit()
