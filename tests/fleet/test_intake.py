"""One pass over the inbox: what is taken, what waits, what is refused, and what is never touched."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from kiosk.fleet.inbox_state import INSTALLED, NOTHING, REFUSED, UNAVAILABLE, WAITING, read_state
from kiosk.fleet.intake import Intake, PassResult
from kiosk.packs.store import PackStore
from tests.helpers.fleet import SETTLE, OfficeKey, office_key, pack_file, settle


@pytest.fixture
def key(tmp_path: Path) -> OfficeKey:
    return office_key(tmp_path / "keys")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def store(tmp_path: Path) -> PackStore:
    return PackStore(tmp_path / "data")


def intake(inbox: Path, store: PackStore, keys: list[str]) -> Intake:
    return Intake(inbox, store, keys, state=read_state(store.data_dir), settle_seconds=SETTLE)


def one_pass(inbox: Path, store: PackStore, key: OfficeKey | None) -> PassResult:
    return intake(inbox, store, [key.text] if key else []).run_pass()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_a_settled_signed_pack_is_installed_as_a_usb_import_would_be(inbox, store, key) -> None:
    settle(pack_file(inbox / "spring.kioskpack", key=key, version="2026.12.01"))
    result = one_pass(inbox, store, key)
    assert result.result == INSTALLED, result.message
    active = store.active_version()
    assert active is not None and active.version == "2026.12.01"
    assert active.signed and active.source.endswith("spring.kioskpack")
    assert result.installed == active
    assert one_pass(inbox, store, key).result == NOTHING


def test_a_pack_arriving_in_pieces_waits_until_it_is_whole_and_settled(inbox, store, key, tmp_path) -> None:
    whole = pack_file(tmp_path / "office" / "spring.kioskpack", key=key, version="2")
    data = whole.read_bytes()
    target = inbox / "spring.kioskpack"
    for part in (data[: len(data) // 3], data[: 2 * len(data) // 3]):
        target.write_bytes(part)  # the sync tool writing in place: mtime is now
        assert one_pass(inbox, store, key).result == WAITING
        assert store.active_version() is None
    target.write_bytes(data)
    waiting = one_pass(inbox, store, key)
    assert waiting.result == WAITING and waiting.retry_in is not None and 0 < waiting.retry_in <= SETTLE
    settle(target)
    assert one_pass(inbox, store, key).result == INSTALLED


def test_a_truncated_file_is_never_installed_and_is_tried_again_when_it_changes(
    inbox, store, key, tmp_path, caplog
) -> None:
    whole = pack_file(tmp_path / "office" / "spring.kioskpack", key=key)
    target = inbox / "spring.kioskpack"
    target.write_bytes(whole.read_bytes()[:-200])  # cut short, and not changing any more
    settle(target)
    caplog.set_level(logging.INFO)
    first = one_pass(inbox, store, key)
    assert first.result == WAITING and "not complete" in first.message
    assert store.active_version() is None
    assert one_pass(inbox, store, key).result == NOTHING  # the same file: not read again
    shutil.copyfile(whole, target)  # the sync tool finishes it
    settle(target, SETTLE + 1)
    assert one_pass(inbox, store, key).result == INSTALLED


def test_a_member_damaged_inside_the_archive_is_not_installed(inbox, store, key, tmp_path) -> None:
    import zipfile

    whole = pack_file(tmp_path / "office" / "spring.kioskpack", key=key)
    with zipfile.ZipFile(whole) as archive:
        member = next(i for i in archive.infolist() if i.filename.endswith("first.md"))
    data = bytearray(whole.read_bytes())
    name_length = int.from_bytes(data[member.header_offset + 26: member.header_offset + 28], "little")
    extra_length = int.from_bytes(data[member.header_offset + 28: member.header_offset + 30], "little")
    at = member.header_offset + 30 + name_length + extra_length + member.compress_size // 2
    data[at] ^= 0xFF  # one byte of the article's data: its CRC (or the manifest) no longer matches
    target = inbox / "spring.kioskpack"
    target.write_bytes(bytes(data))
    settle(target)
    result = one_pass(inbox, store, key)
    assert result.result in (WAITING, REFUSED), result.message
    assert store.active_version() is None


@pytest.mark.parametrize("name", [
    ".syncthing.spring.kioskpack.tmp", "~syncthing~spring.kioskpack.tmp", ".spring.kioskpack",
    "~spring.kioskpack", "spring.kioskpack.part", "spring.kioskpack.partial", "spring.kioskpack.tmp",
])
def test_a_sync_tools_temporary_name_is_never_taken_only_the_final_name(
    inbox, store, key, tmp_path, name
) -> None:
    source = pack_file(tmp_path / "office" / "spring.kioskpack", key=key)
    temporary = settle(Path(shutil.copyfile(source, inbox / name)))
    assert one_pass(inbox, store, key).result == NOTHING
    assert store.active_version() is None
    final = temporary.rename(inbox / "spring.kioskpack")  # the rename keeps the finished mtime
    assert one_pass(inbox, store, key).result == INSTALLED
    assert final.exists()


def test_an_unsigned_pack_is_refused_once_and_not_read_again_until_it_changes(
    inbox, store, key, caplog
) -> None:
    target = settle(pack_file(inbox / "spring.kioskpack", key=None))
    caplog.set_level(logging.INFO)
    refused = one_pass(inbox, store, key)
    assert refused.result == REFUSED
    assert "not signed" in refused.message and "spring.kioskpack" in refused.message
    assert store.active_version() is None
    caplog.clear()
    assert one_pass(inbox, store, key).result == NOTHING
    assert not [r for r in caplog.records if "refused" in r.getMessage() or "not signed" in r.getMessage()]
    state = read_state(store.data_dir)
    assert [e["result"] for e in state.seen.values()] == [REFUSED]
    assert state.last_update["result"] == REFUSED
    target.write_bytes(target.read_bytes())  # touched: a new file as far as the inbox knows
    settle(target, SETTLE + 2)
    assert one_pass(inbox, store, key).result == REFUSED


def test_a_pack_signed_with_another_key_is_refused(inbox, store, key, tmp_path) -> None:
    stranger = office_key(tmp_path / "stranger", "stranger")
    settle(pack_file(inbox / "spring.kioskpack", key=stranger))
    result = one_pass(inbox, store, key)
    assert result.result == REFUSED
    assert "not one of this kiosk's trusted keys" in result.message
    assert store.active_version() is None


def test_with_no_trusted_key_every_inbox_pack_is_refused_saying_why(inbox, store, key, caplog) -> None:
    settle(pack_file(inbox / "spring.kioskpack", key=key))
    caplog.set_level(logging.WARNING)
    result = one_pass(inbox, store, None)
    assert result.result == REFUSED
    assert "trusted keys" in result.message and "signed" in result.message
    assert any("trusted keys" in r.getMessage() for r in caplog.records)
    assert store.active_version() is None
    # Once IT lists the key, the same file is tried again.
    assert one_pass(inbox, store, key).result == INSTALLED


def test_an_older_or_equal_version_is_not_installed_and_logged_once(inbox, store, key, caplog) -> None:
    settle(pack_file(inbox / "b.kioskpack", key=key, version="2026.12.01"))
    assert one_pass(inbox, store, key).result == INSTALLED
    caplog.set_level(logging.INFO)
    settle(pack_file(inbox / "a.kioskpack", key=key, version="2026.9.30"))
    settle(pack_file(inbox / "c.kioskpack", key=key, version="2026.12.01"))
    result = one_pass(inbox, store, key)
    assert result.result == NOTHING
    assert store.active_version().version == "2026.12.01"
    already = [r.getMessage() for r in caplog.records if "already have 2026.12.01" in r.getMessage()]
    assert len(already) == 3  # b (installed), a and c, each once
    caplog.clear()
    one_pass(inbox, store, key)
    assert not [r for r in caplog.records if "already have" in r.getMessage()]


def test_of_two_packs_at_once_the_newest_version_wins(inbox, store, key) -> None:
    settle(pack_file(inbox / "z-older.kioskpack", key=key, version="2026.10.1"))
    settle(pack_file(inbox / "a-newer.kioskpack", key=key, version="2026.12.1"))
    assert one_pass(inbox, store, key).result == INSTALLED
    assert store.active_version().version == "2026.12.1"
    assert [v.version for v in store.versions()] == ["2026.12.1"]
    assert one_pass(inbox, store, key).result == NOTHING


def test_versions_compare_as_numbers_not_letters(inbox, store, key) -> None:
    settle(pack_file(inbox / "a.kioskpack", key=key, version="2026.9.1"))
    settle(pack_file(inbox / "b.kioskpack", key=key, version="2026.10.1"))
    one_pass(inbox, store, key)
    assert store.active_version().version == "2026.10.1"


def test_a_read_only_inbox_is_read_and_never_written(inbox, store, key) -> None:
    settle(pack_file(inbox / "spring.kioskpack", key=key))
    before = snapshot(inbox)
    inbox.chmod(stat.S_IRUSR | stat.S_IXUSR)
    (inbox / "spring.kioskpack").chmod(stat.S_IRUSR)
    try:
        assert one_pass(inbox, store, key).result == INSTALLED
        assert snapshot(inbox) == before
    finally:
        inbox.chmod(0o755)


def test_an_inbox_that_vanishes_changes_nothing_and_comes_back(inbox, store, key, tmp_path, caplog) -> None:
    settle(pack_file(inbox / "spring.kioskpack", key=key, version="1"))
    watcher = intake(inbox, store, [key.text])
    assert watcher.run_pass().result == INSTALLED
    away = tmp_path / "unmounted"
    inbox.rename(away)  # the share went away
    caplog.set_level(logging.WARNING)
    gone = watcher.run_pass()
    assert gone.result == UNAVAILABLE and str(inbox) in gone.message
    assert watcher.run_pass().result == UNAVAILABLE
    assert len([r for r in caplog.records if "cannot be read" in r.getMessage()]) == 1  # logged once
    assert store.active_version().version == "1"
    away.rename(inbox)
    settle(pack_file(inbox / "summer.kioskpack", key=key, version="2"))
    assert watcher.run_pass().result == INSTALLED


def test_a_pack_with_errors_is_refused_by_the_review(inbox, store, key, tmp_path) -> None:
    from kiosk.packs.build import build_pack
    from tests.helpers.fleet import pack_yaml
    from tests.helpers.packs import write_pack

    broken_yaml = pack_yaml(version="3").replace("featured: first", "featured: nowhere")
    folder = write_pack(tmp_path / "broken", broken_yaml)
    settle(build_pack(folder, inbox / "broken.kioskpack", key=key.private))
    result = one_pass(inbox, store, key)
    assert result.result == REFUSED and "nowhere" in result.message
    assert store.active_version() is None
    assert not list((store.data_dir / "staging").iterdir())


def test_nothing_is_left_in_staging_and_the_inbox_keeps_its_files(inbox, store, key) -> None:
    settle(pack_file(inbox / "spring.kioskpack", key=key))
    before = snapshot(inbox)
    one_pass(inbox, store, key)
    assert snapshot(inbox) == before
    assert not list((store.data_dir / "staging").iterdir())


def test_a_file_replaced_while_it_is_read_is_not_installed_half(
    inbox, store, key, tmp_path, monkeypatch
) -> None:
    target = settle(pack_file(inbox / "spring.kioskpack", key=key, version="5"))
    other = pack_file(tmp_path / "office" / "other.kioskpack", key=key, version="6")
    import kiosk.fleet.intake as intake_module

    real_open = intake_module.open_source
    swapped = []

    def open_then_replace(path, **kwargs):
        source = real_open(path, **kwargs)
        if not swapped:
            swapped.append(True)
            os.replace(other, target)  # the sync tool replaces the file under the reader
        return source

    monkeypatch.setattr(intake_module, "open_source", open_then_replace)
    result = one_pass(inbox, store, key)
    assert result.result == WAITING and "changed" in result.message
    assert store.active_version() is None


def test_an_inbox_on_a_real_mount_that_goes_away_changes_nothing(mounted_stick, store, key, tmp_path) -> None:
    import subprocess

    settle(pack_file(mounted_stick / "spring.kioskpack", key=key, version="1", scratch=tmp_path / "src"))
    watcher = intake(mounted_stick, store, [key.text])
    assert watcher.run_pass().result == INSTALLED
    subprocess.run(["umount", "-l", str(mounted_stick)], check=True, capture_output=True)
    # The share is gone: what is left is the empty folder it was mounted on.
    assert watcher.run_pass().result == NOTHING
    assert store.active_version().version == "1"
    assert [v.version for v in store.versions()] == ["1"]
