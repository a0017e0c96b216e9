"""The room a pack needs on the disk, measured from its sizes alone, and how it is said."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kiosk.packs.space import KEEP_FREE_BYTES, OWN_BLOCKS, DiskRoom, amount, room_for
from tests.helpers.packs import assert_plain_sentence


def test_amounts_are_written_as_on_a_disk_label() -> None:
    assert amount(1_234_000_000) == "1.2 GB"
    assert amount(850_400_000) == "850 MB"
    assert amount(6_440_000) == "6.4 MB"
    assert amount(12_300) == "12 KB"
    assert amount(10) == "1 KB"


def test_each_file_takes_whole_blocks_and_each_folder_one(tmp_path: Path) -> None:
    files = [("pack.yaml", 1), ("articles/a.md", 4097), ("media/x/y.png", 0)]
    room = room_for(tmp_path / "not" / "made" / "yet", files)
    block = os.statvfs(tmp_path).f_frsize
    folders = 4  # the pack's own, articles, media, media/x
    assert room.needed == block * (OWN_BLOCKS + 1 + 2 + 0 + folders)
    usage = shutil.disk_usage(tmp_path)
    assert room.keep_free == min(KEEP_FREE_BYTES, round(usage.total * 0.05))
    assert abs(room.free - usage.free) < 50 * 1024**2  # other tests write meanwhile


def test_the_margin_decides_and_the_refusal_says_both_figures() -> None:
    assert DiskRoom(needed=100, free=400, keep_free=300).enough
    refused = DiskRoom(needed=1_234_000_000, free=1_300_000_000, keep_free=200_000_000)
    assert not refused.enough
    message = refused.refusal()
    assert "it needs 1.2 GB, and 1.3 GB is free" in message and "200 MB" in message
    assert "Nothing was changed." in message
    assert_plain_sentence(message)
