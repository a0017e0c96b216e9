"""The kiosk's disk fills up during an install: refused plainly, the shown pack untouched, space freed.

The data folder is a real, small ext4 file system, loop-mounted (as root; otherwise these tests
skip and say why), with a pack installed and active. The disk then runs out at each step that
writes: a pack too big for it is refused before the copy starts (through `kiosk import`, as IT
runs it), the disk filling up during a copy that fitted, the record
written when the copy is moved in, and the switch of the active-pack pointer. After each the
pointer file holds the same bytes, the active pack is byte for byte what it was and loads,
nothing is left in staging, and the free space is what it was before the attempt. A settings
save on the full disk keeps the old file, too.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.loader import load_pack
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import ImportFailed, Progress
from kiosk.packs.space import KEEP_FREE_SHARE, room_for
from kiosk.packs.store import PackStore
from kiosk.settings.declared import Settings
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore
from tests.cli.test_install_commands import FAILED, INSTALLED, Kiosk
from tests.helpers.packs import assert_plain_sentence
from tests.helpers.usb_mount import usb_stick
from tests.packs.test_store import install, make_pack, tree

DISK_MB = 8
DISK_FULL_MESSAGE = "The kiosk's disk is full. Nothing was changed. Free some space or ask IT."
# Folders made during an attempt (staging/) may keep a block or two: "the same" within 64 KiB.
SLACK_BYTES = 64 * 1024


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def fill_up(folder: Path) -> Path:
    """Write a file until the file system refuses one more byte; returns it, to delete later."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as stream:
        for size in (1 << 20, 1 << 14, 1 << 10, 1):  # large steps first, then down to a byte
            block = b"\xa5" * size
            while True:
                try:
                    stream.write(block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
        os.fsync(stream.fileno())
    return filler


class DataDisk:
    """A small file system holding the kiosk's data folder, with version "old" active."""

    def __init__(self, mount: Path, old_pack: Path) -> None:
        self.mount = mount
        self.data = mount / "data"
        self.old = tree(old_pack)

    def pointer(self) -> bytes:
        return (self.data / "active").read_bytes()

    def assert_unchanged(self, pointer: bytes, free: int) -> None:
        """The same pointer, the same files, a pack that loads, no copy left, the space back."""
        store = PackStore(self.data)  # a fresh start, as after a restart
        store.clean_leftovers()
        assert self.pointer() == pointer
        active = store.active_dir()
        assert active is not None and tree(active) == self.old
        assert load_pack(active).pack is not None
        assert [v.version for v in store.versions()] == ["old"]
        assert list((self.data / "staging").iterdir()) == []
        assert [p.name for p in self.data.iterdir() if p.name.endswith(".tmp")] == []
        assert abs(free_bytes(self.mount) - free) <= SLACK_BYTES, (free, free_bytes(self.mount))


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[DataDisk]:
    with usb_stick(DISK_MB) as mount:
        old_pack = make_pack(tmp_path / "old", version="old")
        install(PackStore(mount / "data"), old_pack)
        yield DataDisk(mount, old_pack)


def test_kiosk_import_of_a_pack_bigger_than_the_free_space_is_refused_before_copying(
    disk: DataDisk, tmp_path: Path,
) -> None:
    kiosk = Kiosk(tmp_path / "kiosk")
    kiosk.data = disk.data
    pointer, free = disk.pointer(), free_bytes(disk.mount)
    source = make_pack(tmp_path / "big", version="2")
    (source / "media" / "film.bin").write_bytes(os.urandom(free + 512 * 1024))
    result = kiosk("import", str(source), "--yes")
    assert result.returncode == FAILED, result.stdout + result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("There is not enough space on the kiosk's disk for this pack: it needs ")
    needed, shown_free = re.findall(r"(\d+(?:\.\d)?) MB", message)[:2]
    assert float(needed) * 1e6 >= free + 512 * 1024 - 50_000
    assert abs(float(shown_free) * 1e6 - free) <= 50_000
    assert "Nothing was changed." in message and "ask IT" in message
    assert_plain_sentence(message)
    disk.assert_unchanged(pointer, free)
    # Nothing stays in the way: a pack that fits installs at once.
    assert kiosk("import", str(make_pack(tmp_path / "small", version="3")), "--yes").returncode == INSTALLED


def test_the_space_is_checked_before_anything_is_written(disk: DataDisk, tmp_path: Path) -> None:
    """Refused from the sizes alone: no progress, no staging folder, the disk never fuller."""
    store = PackStore(disk.data)
    free = free_bytes(disk.mount)
    source_folder = make_pack(tmp_path / "big", version="2")
    (source_folder / "media" / "film.bin").write_bytes(os.urandom(free + 512 * 1024))
    reports: list[Progress] = []
    with open_source(source_folder) as source, pytest.raises(ImportFailed) as failed:
        store.stage(source, progress=reports.append)
    assert failed.value.message.startswith("There is not enough space")
    assert reports == [] and list((disk.data / "staging").iterdir()) == []


def test_a_pack_that_would_leave_less_than_the_margin_free_is_refused(
    disk: DataDisk, tmp_path: Path,
) -> None:
    """The kiosk keeps 5 % of a small disk free (200 MB of a large one) for its logs and settings."""
    store = PackStore(disk.data)
    room = room_for(disk.data, [])
    assert room.keep_free == round(disk_total(disk.mount) * KEEP_FREE_SHARE)
    pointer, free = disk.pointer(), free_bytes(disk.mount)
    overhead = room_for(disk.data, make_files(make_pack(tmp_path / "shape"))).needed
    # Fits in the free space, but would leave only half the margin.
    tight = make_pack(tmp_path / "tight", version="2")
    (tight / "media" / "film.bin").write_bytes(os.urandom(free - overhead - room.keep_free // 2))
    with open_source(tight) as source, pytest.raises(ImportFailed) as failed:
        store.stage(source)
    assert failed.value.message.startswith("There is not enough space")
    disk.assert_unchanged(pointer, free)
    # Leaves twice the margin: installed.
    roomy = make_pack(tmp_path / "roomy", version="3")
    (roomy / "media" / "film.bin").write_bytes(os.urandom(free - overhead - 2 * room.keep_free))
    install(store, roomy)
    assert [v.version for v in store.versions() if v.active] == ["3"]


def test_a_disk_that_fills_during_the_copy_is_refused_and_frees_it(
    disk: DataDisk, tmp_path: Path,
) -> None:
    """The pack fits when the copy starts; something else (a log, say) fills the disk meanwhile."""
    store = PackStore(disk.data)
    pointer, free = disk.pointer(), free_bytes(disk.mount)
    source_folder = make_pack(tmp_path / "new", version="2")
    (source_folder / "media" / "film.bin").write_bytes(os.urandom(free // 3))
    fillers: list[Path] = []

    def fill_once_copying(step: Progress) -> None:
        if step.phase == "copying" and step.files_done == 1 and not fillers:
            fillers.append(fill_up(disk.mount))

    with open_source(source_folder) as source, pytest.raises(ImportFailed) as failed:
        store.stage(source, progress=fill_once_copying)
    assert fillers, "the disk was never filled"
    fillers[0].unlink()
    assert failed.value.message.startswith("The kiosk's disk is full, so ")
    assert "could not be copied. Nothing was changed." in failed.value.message
    assert_plain_sentence(failed.value.message)
    disk.assert_unchanged(pointer, free)


def make_files(root: Path) -> list[tuple[str, int]]:
    return [(p.relative_to(root).as_posix(), p.stat().st_size) for p in root.rglob("*") if p.is_file()]


def disk_total(folder: Path) -> int:
    return shutil.disk_usage(folder).total


def test_a_disk_that_fills_before_the_copy_is_moved_in_changes_nothing(
    disk: DataDisk, tmp_path: Path,
) -> None:
    store = PackStore(disk.data)
    pointer, free = disk.pointer(), free_bytes(disk.mount)
    with open_source(make_pack(tmp_path / "new", version="new")) as source:
        staged = store.stage(source)
    filler = fill_up(disk.mount)  # something else (a log, say) takes the last byte
    with pytest.raises(ImportFailed) as failed:
        store.commit(staged)
    filler.unlink()
    assert failed.value.message == DISK_FULL_MESSAGE
    assert_plain_sentence(failed.value.message)
    disk.assert_unchanged(pointer, free)


def test_a_disk_that_fills_just_before_the_switch_keeps_the_old_pack(
    disk: DataDisk, tmp_path: Path,
) -> None:
    store = PackStore(disk.data)
    pointer, free = disk.pointer(), free_bytes(disk.mount)
    switching: list[Progress] = []
    fillers: list[Path] = []

    def fill_before_the_pointer(step: Progress) -> None:
        # The 2nd "switching" report comes once the copy is in packs/, before the pointer moves.
        switching.extend([step] if step.phase == "switching" else [])
        if len(switching) == 2 and not fillers:
            fillers.append(fill_up(disk.mount))

    with pytest.raises(ImportFailed) as failed:
        install(store, make_pack(tmp_path / "new", version="new"), fill_before_the_pointer)
    assert fillers, "the disk was never filled: the steps of commit() changed"
    fillers[0].unlink()
    # Taken out again at once, not only by the next start's cleaning.
    assert [p.name for p in (disk.data / "packs").iterdir()] == ["0001-test-pack-old"]
    # Said as staff understand it: nothing about a pointer that "could not be copied".
    assert failed.value.message == DISK_FULL_MESSAGE
    assert_plain_sentence(failed.value.message)
    disk.assert_unchanged(pointer, free)


def test_settings_saved_on_a_full_disk_keep_the_old_file(disk: DataDisk) -> None:
    path = disk.mount / "config" / "settings.toml"
    store = SettingsStore(Settings(), path)
    assert store.update(idle_seconds=120) is None
    before = path.read_bytes()
    filler = fill_up(disk.mount)
    try:
        problem = store.update(idle_seconds=300)
    finally:
        filler.unlink()
    assert problem is not None and problem.startswith(f"The settings could not be saved to {path}")
    assert "Nothing was changed." in problem
    assert path.read_bytes() == before and store.settings.idle_seconds == 120
    assert load_settings(path).settings.idle_seconds == 120
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]  # no temporary left
