"""A pack folder on a stick, walked without ever following a link: ordinary files and folders
only, safe names, within the limits; every file is opened refusing a link at any step.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from kiosk.packs.limits import O_BINARY, Limits, PackRejected, reason, refused, shown, too_big, too_many
from kiosk.packs.names import PACK_FILE, check_collisions, is_junk, name_problem
from kiosk.packs.source import PackSource, assemble


def open_folder(
    path: Path, label: str, limits: Limits, trusted_keys: Sequence[str]
) -> PackSource:
    sizes = walk_folder(path, label, limits)
    check_collisions(sizes, label)
    if PACK_FILE not in sizes:
        raise refused(label, f"it holds no {PACK_FILE}, so it is not a content pack")
    return assemble(
        path, label, sizes, _FolderReader(path), trusted_keys, manifest_required=False
    )


def walk_folder(root: Path, label: str, limits: Limits) -> dict[str, int]:
    """Every ordinary file under `root` with its size, never following a link; junk skipped.

    Refuses links, devices, pipes, sockets, unsafe names and more than the limits allow (the
    walk stops as soon as a limit is passed). Raises PackRejected, also when reading fails.
    """
    sizes: dict[str, int] = {}
    total = 0
    try:
        for relative, entry in _walk(root, label):
            size = entry.stat(follow_symlinks=False).st_size
            sizes[relative] = size
            total += size
            if len(sizes) > limits.max_files:
                raise too_many(label, limits)
            if total > limits.max_total_bytes:
                raise too_big(label, limits)
    except OSError as exc:
        raise PackRejected(
            f"{label} cannot be read ({reason(exc)}); was the USB stick removed?"
        ) from exc
    return sizes


def _walk(root: Path, label: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            relative = prefix + entry.name
            if is_junk(relative):
                continue
            problem = name_problem(relative)
            if problem:
                raise refused(label, problem)
            if entry.is_symlink():
                raise refused(
                    label, f"'{shown(relative)}' is a link (symlink); a pack may only hold "
                    "ordinary files and folders",
                )
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), relative + "/"))
            elif entry.is_file(follow_symlinks=False):
                yield relative, entry
            else:
                raise refused(
                    label, f"'{shown(relative)}' is a device, pipe or socket, not an ordinary file"
                )


class _FolderReader:
    def __init__(self, root: Path) -> None:
        self._root = root

    def open_raw(self, path: str) -> IO[bytes]:
        return os.fdopen(open_without_links(self._root, path), "rb", buffering=0)

    def close(self) -> None:
        pass


def open_without_links(root: Path, relative: str) -> int:
    """Open root/relative for reading, refusing a link at any step (one swapped in later too)."""
    parts = relative.split("/")
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    if os.open not in os.supports_dir_fd or not no_follow:
        return _open_checked(os.open(root.joinpath(*parts), os.O_RDONLY | O_BINARY), relative)
    folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | no_follow, dir_fd=folder)
            os.close(folder)
            folder = inner
        # O_NONBLOCK: a pipe swapped in must not hang the kiosk waiting for a writer.
        flags = os.O_RDONLY | no_follow | getattr(os, "O_NONBLOCK", 0)
        return _open_checked(os.open(parts[-1], flags, dir_fd=folder), relative)
    finally:
        os.close(folder)


def _open_checked(descriptor: int, relative: str) -> int:
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "it is no longer an ordinary file", relative)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor
