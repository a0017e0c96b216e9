"""A real, loop-mounted file system standing in for a USB stick (or a small disk) in tests.

`usb_stick()` makes an ext4 image with mkfs.ext4, mounts it with `mount -o loop` under a new
temporary folder, yields the mount point, and unmounts and deletes everything afterwards. This
machine's kernel has no FAT driver, so the stick is ext4; the kiosk reads it the same way.
Mounting needs root and a loop device: where it is not allowed the test is skipped, saying why.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@functools.cache
def why_no_mount() -> str | None:
    """Why loop-mounting an ext4 image is not possible here (a sentence), or None if it is."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a loop device needs root; run the tests as root (e.g. in CI) to include this"
    for tool in ("mkfs.ext4", "mount", "umount"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install e2fsprogs mount)"
    if not Path("/dev/loop-control").exists():
        return "this machine has no loop devices (/dev/loop-control is missing)"
    try:
        with _mounted_image(4):
            pass
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return f"mount -o loop is not allowed here ({str(detail).strip()})"
    return None


@contextlib.contextmanager
def usb_stick(size_mb: int = 32) -> Iterator[Path]:
    """A freshly formatted ext4 'stick' of `size_mb` MB, mounted; skips the test if it cannot be."""
    reason = why_no_mount()
    if reason is not None:
        pytest.skip(reason)
    with _mounted_image(size_mb) as mount_point:
        yield mount_point


def pull_out(mount_point: Path) -> None:
    """Take the 'stick' away at once, as when it is pulled: a lazy unmount (`umount -l`).

    Files already open stay readable (the kernel keeps the file system until they close); every
    new open under `mount_point` fails, because the folder is empty again.
    """
    subprocess.run(["umount", "-l", str(mount_point)], check=True, capture_output=True, text=True)


@contextlib.contextmanager
def _mounted_image(size_mb: int) -> Iterator[Path]:
    home = Path(tempfile.mkdtemp(prefix="kiosk-usb-"))
    image = home / "stick.img"
    mount_point = home / "mnt"
    mount_point.mkdir()
    try:
        with open(image, "wb") as handle:
            handle.truncate(size_mb * 1024 * 1024)
        # -m 0: no blocks reserved for root, so "disk full" means full for the kiosk too.
        _run("mkfs.ext4", "-q", "-F", "-m", "0", "-L", "KIOSKTEST", str(image))
        _run("mount", "-o", "loop", str(image), str(mount_point))
        try:
            mount_point.chmod(0o777)  # lost+found stays root's; the folder is for anyone
            yield mount_point
        finally:
            if os.path.ismount(mount_point):
                result = subprocess.run(["umount", str(mount_point)], capture_output=True, text=True)
                if result.returncode != 0:  # still busy: detach now, freed when files close
                    _run("umount", "-l", str(mount_point))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)
