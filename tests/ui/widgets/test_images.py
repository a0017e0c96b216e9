"""The cache of decoded pictures stays within its budget in bytes, and a new pack empties it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from kiosk.ui.widgets.images import IMAGE_CACHE, ImageCache


def image(width: int, height: int) -> QImage:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    return picture


def test_the_cache_keeps_within_its_budget_dropping_the_least_recently_shown(qapp) -> None:
    one_mb = image(512, 512)  # 512 x 512 x 4 bytes
    cache = ImageCache(budget_bytes=3 * one_mb.sizeInBytes())
    keys = [(Path(f"media/{n}.png"), 512, 0) for n in range(5)]
    for key in keys[:3]:
        cache.put(key, image(512, 512))
    assert cache.get(keys[0]) is not None  # shown again: now the most recent
    cache.put(keys[3], image(512, 512))
    assert cache.get(keys[1]) is None  # the least recently shown went first
    assert cache.get(keys[0]) is not None and cache.get(keys[3]) is not None
    assert cache.size_bytes <= cache.budget_bytes and len(cache) == 3
    cache.clear()
    assert len(cache) == 0 and cache.size_bytes == 0


def test_a_picture_larger_than_the_budget_is_still_shown(qapp) -> None:
    cache = ImageCache(budget_bytes=1000)
    cache.put((Path("media/big.png"), 800, 0), image(800, 450))
    assert len(cache) == 1  # kept alone until the next one pushes it out


def test_a_new_pack_empties_the_cache(make_window) -> None:
    window = make_window()
    old = (Path("/old/pack/media/sunrise.png"), 300, 0)  # a picture of the pack before
    IMAGE_CACHE.put(old, image(300, 169))
    window.set_pack(window.base_pack)
    assert IMAGE_CACHE.get(old) is None
    # The pages built again put only this pack's pictures back, within the budget.
    assert all(key[0].is_relative_to(window.pack.root) for key in IMAGE_CACHE._images)
    assert IMAGE_CACHE.size_bytes <= IMAGE_CACHE.budget_bytes
