"""The copy into staging: two files at a time, each read once and hashed as it is written, every
file checked against the manifest before the copy counts as done, one sync at the end (also
where there is no syncfs), and no copying thread left behind however the copy ends."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kiosk.packs import copying
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import ImportCancelled, ImportRefused
from kiosk.packs.store import PackStore
from tests.helpers.hostile_packs import pack_files, write_zip
from tests.packs.test_store import install, make_pack, tree


def copy_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "import-copy"]


def test_a_large_file_in_many_blocks_is_copied_and_verified_whole(tmp_path: Path) -> None:
    source = make_pack(tmp_path / "source", version="2")
    film = os.urandom(5 * copying.CHUNK_BYTES + 12345)  # many blocks, the last one short
    (source / "media" / "film.bin").write_bytes(film)
    zipped = write_zip(tmp_path / "big.kioskpack", {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in source.rglob("*") if path.is_file()
    })
    installed = install(PackStore(tmp_path / "data"), zipped)
    assert (installed.path / "media" / "film.bin").read_bytes() == film
    assert copy_threads() == []


def test_the_last_file_damaged_is_still_refused(tmp_path: Path) -> None:
    """The last file is compared too before the copy counts as done."""
    files = pack_files()
    last = sorted(files)[-1]
    tampered = dict(files, **{last: files[last] + b"\n# changed\n"})
    source = write_zip(tmp_path / "tampered.kioskpack", tampered, manifest=files)
    store = PackStore(tmp_path / "data")
    with open_source(source) as pack_source, pytest.raises(ImportRefused) as refused:
        store.stage(pack_source)
    assert refused.value.message.startswith(f"{last} was damaged on the way")
    assert list((tmp_path / "data" / "staging").iterdir()) == []
    assert copy_threads() == []


def test_a_cancelled_copy_leaves_no_hashing_thread(tmp_path: Path) -> None:
    source = make_pack(tmp_path / "source", version="2", articles=2)
    (source / "media" / "film.bin").write_bytes(os.urandom(4 * copying.CHUNK_BYTES))
    zipped = write_zip(tmp_path / "p.kioskpack", {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in source.rglob("*") if path.is_file()
    })
    reports: list[int] = []
    with open_source(zipped) as pack_source, pytest.raises(ImportCancelled):
        PackStore(tmp_path / "data").stage(
            pack_source, progress=lambda step: reports.append(step.bytes_done),
            cancelled=lambda: bool(reports) and reports[-1] > copying.CHUNK_BYTES,
        )
    assert copy_threads() == []


def test_without_syncfs_every_file_is_synced_once_at_the_end(tmp_path: Path, monkeypatch) -> None:
    """The other systems' way (one fsync pass over the files before the folders) installs too."""
    monkeypatch.setattr(copying, "can_sync_file_system", lambda: False)
    synced: list[Path] = []
    real_sync_file = copying.sync_file

    def sync_and_note(path: Path) -> None:
        assert path.stat().st_size == (source / path.relative_to(staged_root())).stat().st_size
        real_sync_file(path)
        synced.append(path)

    def staged_root() -> Path:
        return next((tmp_path / "data" / "staging").iterdir()) / "pack"

    monkeypatch.setattr(copying, "sync_file", sync_and_note)
    source = make_pack(tmp_path / "source", version="2", articles=3)
    installed = install(PackStore(tmp_path / "data"), source)
    assert tree(installed.path) == tree(source)
    assert len(synced) == len(tree(source))  # each file once, after all were written
