"""Staff load a pack bigger than the kiosk's free disk space: the import screen says so before
anything is copied, how much is needed and how much is free, and the shown pack stays.

The data folder is a real, small loop-mounted disk (root only; otherwise the test skips, saying why).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.packs import assert_plain_sentence
from tests.helpers.usb_mount import usb_stick as small_disk
from tests.packs.test_disk_full import free_bytes
from tests.ui.staff.test_content_updates import poll, review_first_pack, screen_text, stick_with_new_content


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """The kiosk's data folder on an 8 MB disk (overrides the fixture make_kiosk uses)."""
    with small_disk(8) as mount:
        yield mount / "data"


def test_a_pack_bigger_than_the_free_space_is_refused_on_the_import_screen(
    make_kiosk, usb_stick, data_dir, qtbot
) -> None:
    folder = stick_with_new_content(usb_stick)
    free = free_bytes(data_dir.parent)
    (folder / "media" / "film.bin").write_bytes(os.urandom(free))
    kiosk = make_kiosk()
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    assert kiosk.updates is not None
    screen = kiosk.updates.screen
    assert screen.heading.text() == "The content was not loaded"
    message = screen.message.text()
    assert message.startswith("There is not enough space on the kiosk's disk for this pack: it needs ")
    assert " MB is free" in message and "Nothing was changed." in message
    assert_plain_sentence(message)
    assert screen.ok_button.isVisible() and not screen.install_button.isVisible()
    assert "film.bin" not in screen_text(kiosk)
    assert not (data_dir / "staging").exists() or list((data_dir / "staging").iterdir()) == []
    assert abs(free_bytes(data_dir.parent) - free) < 64 * 1024
    assert kiosk.window.pack.title == "We're here to help"
