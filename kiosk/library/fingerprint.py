"""A pack folder's fingerprint: what ties a compiled form to exactly the pack it was made from.

It is read from the folder's listing (every file's path, size and modification time), not its
bytes, so checking it at start-up costs a directory walk, not a read of every picture: a file
saved again, added, removed or renamed changes it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kiosk.library.schema import SCHEMA_VERSION


def pack_fingerprint(root: Path) -> str:
    """32 hex digits; OSError when the folder cannot be read."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"kiosk-library-{SCHEMA_VERSION}\0{root.resolve()}\0".encode())
    for relative, size, mtime in sorted(_files(root)):
        digest.update(f"{relative}\0{size}\0{mtime}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _files(root: Path) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), relative + "/"))
                else:
                    info = entry.stat(follow_symlinks=True) if entry.is_file() else entry.stat(
                        follow_symlinks=False)
                    found.append((relative, info.st_size, info.st_mtime_ns))
    return found
