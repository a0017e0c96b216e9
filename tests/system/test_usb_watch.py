"""Noticing a USB stick with content on it: folders handed in by tests, and a real mounted volume."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.system.usb_watch import FoundPack, VolumeWatcher, removable_roots, scan
from tests.conftest import BUNDLED_CONTENT


def put_pack_folder(stick: Path) -> Path:
    target = stick / "kiosk-content"
    shutil.copytree(BUNDLED_CONTENT, target)
    return target


def test_a_kiosk_content_folder_on_a_stick_is_found(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert scan([stick]) == []
    folder = put_pack_folder(stick)
    assert scan([stick]) == [FoundPack(folder, stick)]
    assert scan([stick])[0].label == f"kiosk-content on {stick}"


def test_a_folder_without_a_pack_is_not_content(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    (stick / "kiosk-content").mkdir(parents=True)
    (stick / "holiday-photos").mkdir()
    assert scan([stick]) == []


def test_the_watcher_notices_a_pack_arriving_and_leaving(qtbot, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    watcher = VolumeWatcher(extra_roots=[stick])
    watcher.poll()
    assert watcher.packs == []
    folder = put_pack_folder(stick)
    with qtbot.waitSignal(watcher.changed, timeout=1000):
        watcher.poll()
    assert [p.path for p in watcher.packs] == [folder]
    with qtbot.assertNotEmitted(watcher.changed):
        watcher.poll()  # nothing new: no news
    shutil.rmtree(stick)  # the stick is pulled out
    with qtbot.waitSignal(watcher.changed, timeout=1000):
        watcher.poll()
    assert watcher.packs == []


def test_the_watcher_polls_on_its_own(qtbot, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    watcher = VolumeWatcher(extra_roots=[stick], interval_ms=50)
    watcher.start()
    put_pack_folder(stick)
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        pass
    watcher.stop()
    assert len(watcher.packs) == 1


def test_a_real_mounted_stick_under_media_is_seen_without_being_told(qtbot, mounted_stick) -> None:
    """An ext4 image loop-mounted under /media, as a desktop mounts a USB stick."""
    assert mounted_stick in removable_roots()
    folder = put_pack_folder(mounted_stick)
    assert FoundPack(folder, mounted_stick) in scan()
