"""The packs at the top of a stick: its kiosk-content folder, then its *.kioskpack files. Light
on purpose: the kiosk looks at every stick that appears, and opens a pack only for staff."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.packs.names import CONTENT_FOLDER, PACK_FILE, PACK_SUFFIX


def find_packs(root: Path) -> list[Path]:
    """The packs at the top of a stick: its kiosk-content folder, then its *.kioskpack files.

    Names are matched ignoring case (FAT sticks). A kiosk-content that is a link is listed so
    that opening it refuses it plainly; hidden files (macOS's `._spring.kioskpack`) are not.
    Raises OSError when the stick cannot be read.
    """
    folders: list[Path] = []
    packs: list[Path] = []
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name = entry.name.casefold()
            if name == CONTENT_FOLDER and _looks_like_content_folder(entry):
                folders.append(Path(entry.path))
            elif name.endswith(PACK_SUFFIX) and not name.startswith(".") and not entry.is_dir():
                packs.append(Path(entry.path))
    return folders + packs


def _looks_like_content_folder(entry: os.DirEntry[str]) -> bool:
    if entry.is_symlink():
        return True
    return entry.is_dir(follow_symlinks=False) and (Path(entry.path) / PACK_FILE).exists()
