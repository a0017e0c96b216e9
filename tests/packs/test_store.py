"""The installed packs in the data folder: staging, switching, keeping three, going back, cleaning.

Real folders, real zips and (as root) real loop-mounted file systems; nothing is mocked. The
helpers at the top (`make_pack`, `tree`, `install`) are shared with the import tests.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.validation import validate_pack
from kiosk.packs.build import build_pack
from kiosk.packs.installed import InstalledVersion
from kiosk.packs.keys import generate_key_pair
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import (
    NO_EARLIER_VERSION,
    STICK_REMOVED,
    ImportCancelled,
    ImportFailed,
    ImportRefused,
    Progress,
)
from kiosk.packs.store import KEEP_VERSIONS, PackStore, default_data_dir
from tests.helpers.hostile_packs import pack_files, write_zip
from tests.helpers.packs import assert_plain_sentence
from tests.helpers.usb_mount import pull_out, usb_stick

# --- helpers shared with tests/cli/test_install_commands.py and tests/packs/test_import_interrupted.py


def noise_png(side: int) -> bytes:
    """A valid RGB PNG of random pixels, about 3 x side x side bytes (noise does not compress)."""
    rows = b"".join(b"\x00" + os.urandom(side * 3) for _ in range(side))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + \
        chunk(b"IEND", b"")


def make_pack(
    root: Path, *, version: str = "1", articles: int = 2, image_side: int = 0, title: str = "Test pack",
) -> Path:
    """A valid pack: `articles` articles (each with a noise image when `image_side` > 0)."""
    slugs = [f"article-{number:02d}" for number in range(articles)]
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    order = "".join(f"    - {slug}\n" for slug in slugs)
    (root / "pack.yaml").write_text(
        f'format: 1\nid: test-pack\nversion: "{version}"\ntitle: {title}\n'
        'organization:\n  name: Test Clinic\n  phone: "555-0100"\n'
        'help:\n  heading: Need help?\n  lines:\n    - label: Front desk\n      number: "555-0100"\n'
        f"home:\n  featured: {slugs[0]}\n  order:\n{order}",
        encoding="utf-8",
    )
    for number, slug in enumerate(slugs):
        image = ""
        if image_side:
            (root / "media" / f"{slug}.png").write_bytes(noise_png(image_side))
            image = f"image: media/{slug}.png\nimage_alt: Coloured dots\n"
        (root / "articles" / f"{slug}.md").write_text(
            f"---\ntitle: Article {number} of version {version}\nsummary: A summary.\n{image}---\n"
            f"Body of article {number}, version {version}.\n",
            encoding="utf-8",
        )
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by its posix path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def install(
    store: PackStore, source: Path, progress: Callable[[Progress], None] | None = None,
) -> InstalledVersion:
    with open_source(source) as pack_source:
        staged = store.stage(pack_source, progress=progress)
    return store.commit(staged, progress=progress)


def assert_nothing_changed(store: PackStore, before: dict[str, bytes] | None) -> None:
    """The active pack is byte for byte what it was (or still none), and no copy is left over."""
    active = store.active_dir()
    assert (tree(active) if active is not None else None) == before
    staging = store.data_dir / "staging"
    assert not staging.exists() or list(staging.iterdir()) == []


def active_tree(store: PackStore) -> dict[str, bytes] | None:
    active = store.active_dir()
    return tree(active) if active is not None else None


# --- nothing installed -------------------------------------------------------------------------


def test_a_new_data_folder_has_nothing_installed(tmp_path: Path) -> None:
    store = PackStore(tmp_path / "data")
    assert store.active_dir() is None
    assert store.versions() == []
    assert store.clean_leftovers() == []
    assert not (tmp_path / "data").exists(), "looking must not create the data folder"


def test_the_data_folder_comes_from_the_environment_variable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("KIOSK_DATA_DIR")
    assert default_data_dir().name == "kiosk"


# --- installing ----------------------------------------------------------------------------------


def test_install_copies_the_pack_exactly_and_makes_it_active(tmp_path: Path) -> None:
    source = make_pack(tmp_path / "source", articles=3, image_side=16)
    store = PackStore(tmp_path / "data")
    steps: list[Progress] = []
    with open_source(source) as pack_source:
        staged = store.stage(pack_source, progress=steps.append)
        assert staged.label == pack_source.label
        assert staged.path.parent.parent == tmp_path / "data" / "staging"
        assert store.active_dir() is None, "staging alone changes nothing"
    installed = store.commit(staged, progress=steps.append)

    assert installed.active and installed.name == "0001-test-pack-1"
    assert (installed.pack_id, installed.version, installed.title) == ("test-pack", "1", "Test pack")
    assert installed.installed_at.tzinfo is not None
    assert store.active_dir() == installed.path
    assert tree(installed.path) == tree(source)
    assert validate_pack(installed.path).pack is not None
    assert list((tmp_path / "data" / "staging").iterdir()) == []
    assert (tmp_path / "data" / "active").read_text() == "0001-test-pack-1\n"

    phases = [step.phase for step in steps]
    assert phases[0] == "copying" and phases[-1] == "done"
    assert phases == sorted(phases, key=["copying", "checking", "switching", "done"].index)
    copying = [step for step in steps if step.phase == "copying"]
    assert len(copying) >= len(tree(source)) + 1, "at least one report per file"
    last = steps[-1]
    assert (last.files_done, last.bytes_done) == (last.files_total, last.bytes_total)
    assert last.bytes_total == sum(len(data) for data in tree(source).values())
    assert phases.count("switching") >= 3


def test_a_large_file_reports_its_megabytes_as_they_are_copied(tmp_path: Path) -> None:
    source = make_pack(tmp_path / "source", articles=1)
    (source / "media" / "film.bin").write_bytes(os.urandom(3 * 1024 * 1024 + 5))
    store = PackStore(tmp_path / "data")
    steps: list[Progress] = []
    install(store, source, progress=steps.append)
    inside = [s for s in steps if s.phase == "copying" and 0 < s.bytes_done < s.bytes_total]
    assert len({s.bytes_done for s in inside}) >= 3
    assert all(0.0 <= s.fraction <= 1.0 for s in steps)


def test_a_signed_kioskpack_installs_with_its_signature_recorded(tmp_path: Path) -> None:
    private, public = generate_key_pair(tmp_path / "clinic")
    source = build_pack(make_pack(tmp_path / "source"), tmp_path / "spring.kioskpack", key=private)
    store = PackStore(tmp_path / "data")
    with open_source(source, trusted_keys=[public.read_text()]) as pack_source:
        assert pack_source.trust_problem([public.read_text()]) is None
        staged = store.stage(pack_source)
    assert staged.signature.signed and staged.signature.valid
    installed = store.commit(staged)
    assert installed.signed and installed.key_id == staged.signature.key_id
    assert installed.source == "spring.kioskpack"
    assert tree(installed.path) == tree(tmp_path / "source")


def test_the_newest_three_versions_are_kept(tmp_path: Path) -> None:
    store = PackStore(tmp_path / "data")
    for number in range(1, 6):
        installed = install(store, make_pack(tmp_path / f"v{number}", version=str(number)))
        assert installed.version == str(number)
    versions = store.versions()
    assert [v.version for v in versions] == ["5", "4", "3"]
    assert [v.active for v in versions] == [True, False, False]
    assert len(list((tmp_path / "data" / "packs").iterdir())) == KEEP_VERSIONS
    assert [v.name[:4] for v in versions] == ["0005", "0004", "0003"]


def test_discard_deletes_the_staged_copy(tmp_path: Path) -> None:
    store = PackStore(tmp_path / "data")
    with open_source(make_pack(tmp_path / "source")) as pack_source:
        staged = store.stage(pack_source)
    assert staged.path.is_dir()
    store.discard(staged)
    assert not staged.path.parent.exists()
    assert store.active_dir() is None
    with pytest.raises(ImportFailed) as failed:
        store.commit(staged)
    assert "Start the import again" in failed.value.message


# --- going back ---------------------------------------------------------------------------------


def test_rollback_goes_back_one_version_at_a_time_and_deletes_the_one_it_left(tmp_path: Path) -> None:
    store = PackStore(tmp_path / "data")
    for number in (1, 2, 3):
        install(store, make_pack(tmp_path / f"v{number}", version=str(number)))
    back = store.rollback()
    assert back.active and back.version == "2"
    assert store.active_dir() == back.path
    assert tree(back.path) == tree(tmp_path / "v2")
    assert [v.version for v in store.versions()] == ["2", "1"]
    assert store.rollback().version == "1"
    with pytest.raises(ImportFailed) as failed:
        store.rollback()
    assert failed.value.message == NO_EARLIER_VERSION
    assert tree(store.active_dir() or tmp_path) == tree(tmp_path / "v1")
    # The next import is numbered after what is kept, and is shown.
    installed = install(store, make_pack(tmp_path / "v4", version="4"))
    assert installed.name.startswith("0002-") and store.active_dir() == installed.path


def test_rollback_with_nothing_installed_says_so(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as failed:
        PackStore(tmp_path / "data").rollback()
    assert failed.value.message == NO_EARLIER_VERSION


# --- the pointer and leftovers ------------------------------------------------------------------


def test_a_pointer_to_a_missing_version_falls_back_to_the_one_before(tmp_path: Path) -> None:
    store = PackStore(tmp_path / "data")
    for number in (1, 2):
        install(store, make_pack(tmp_path / f"v{number}", version=str(number)))
    (tmp_path / "data" / "active").write_text("0007-test-pack-7\n")
    assert store.active_dir() is not None and tree(store.active_dir()) == tree(tmp_path / "v2")
    (tmp_path / "data" / "active").write_text("0002-test-pack-2\n")
    (tmp_path / "data" / "packs" / "0002-test-pack-2" / "install.json").unlink()  # incomplete
    assert tree(store.active_dir() or tmp_path) == tree(tmp_path / "v1")
    (tmp_path / "data" / "active").write_text("0001-test-pack-1\n")
    os.rename(tmp_path / "data" / "packs" / "0001-test-pack-1", tmp_path / "gone")
    assert store.active_dir() is None, "nothing complete at or before the pointer: the bundled pack"


def test_clean_leftovers_removes_what_a_crash_left(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = PackStore(data)
    install(store, make_pack(tmp_path / "v1", version="1"))
    (data / "staging" / "import-deadbeef" / "pack").mkdir(parents=True)
    (data / "staging" / "import-deadbeef" / "pack" / "half.md").write_text("half")
    (data / "packs" / "0002-test-pack-2" / "pack").mkdir(parents=True)  # no install.json
    (data / ".active.x1y2.tmp").write_text("0002-test-pack-2")
    removed = store.clean_leftovers()
    assert sorted(p.name for p in removed) == [".active.x1y2.tmp", "0002-test-pack-2", "import-deadbeef"]
    assert list((data / "staging").iterdir()) == []
    assert [v.name for v in store.versions()] == ["0001-test-pack-1"]
    assert tree(store.active_dir() or tmp_path) == tree(tmp_path / "v1")


def test_clean_leftovers_removes_a_version_moved_in_but_never_switched_to(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = PackStore(data)
    install(store, make_pack(tmp_path / "v1", version="1"))
    install(store, make_pack(tmp_path / "v2", version="2"))
    (data / "active").write_text("0001-test-pack-1\n")  # as if the switch to 0002 never happened
    assert store.clean_leftovers() == [data / "packs" / "0002-test-pack-2"]
    assert [v.version for v in store.versions()] == ["1"]


def test_clean_leftovers_leaves_an_import_that_is_still_running(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = PackStore(data)
    with open_source(make_pack(tmp_path / "source")) as pack_source:
        staged = store.stage(pack_source)
    assert PackStore(data).clean_leftovers() == [], "its lock is held: the import is running"
    assert staged.path.is_dir()
    # Another process, holding a staging folder's lock, is alive; then killed (its lock goes).
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import fcntl, os, sys, time\n"
            "os.makedirs(sys.argv[1])\n"
            "fd = os.open(os.path.join(sys.argv[1], '.lock'), os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n"
        ), str(data / "staging" / "import-other")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert PackStore(data).clean_leftovers() == []
    finally:
        holder.kill()
        holder.wait()
    assert PackStore(data).clean_leftovers() == [data / "staging" / "import-other"]
    assert store.commit(staged).active


# --- refusals and failures: nothing changes -------------------------------------------------------


def installed_store(tmp_path: Path) -> tuple[PackStore, dict[str, bytes]]:
    store = PackStore(tmp_path / "data")
    install(store, make_pack(tmp_path / "old", version="old"))
    return store, tree(tmp_path / "old")


def test_a_file_that_does_not_match_the_manifest_is_refused_by_name(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    files = pack_files()
    tampered = dict(files, **{"articles/second.md": files["articles/second.md"] + b"\nAdded later.\n"})
    source = write_zip(tmp_path / "tampered.kioskpack", tampered, manifest=files)
    with open_source(source) as pack_source, pytest.raises(ImportRefused) as refused:
        store.stage(pack_source)
    assert refused.value.message.startswith(
        "articles/second.md was damaged on the way: its contents do not match the pack's manifest."
    )
    assert "Nothing was changed." in refused.value.message
    assert_plain_sentence(refused.value.message)
    assert_nothing_changed(store, before)


def test_a_pack_with_errors_is_refused_at_commit_with_file_and_line(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    source = make_pack(tmp_path / "broken", version="2")
    (source / "pack.yaml").write_text((source / "pack.yaml").read_text().replace("format: 1", "format: 9"))
    with open_source(source) as pack_source:
        staged = store.stage(pack_source)
    with pytest.raises(ImportRefused) as refused:
        store.commit(staged)
    assert "has 1 error and was not installed: pack.yaml:1: " in refused.value.message
    assert refused.value.message.endswith(
        "Fix the pack (`kiosk validate` lists every problem) and try again."
    )
    assert not staged.path.exists()
    assert_nothing_changed(store, before)


def test_files_removed_from_the_source_mid_copy_read_as_a_pulled_stick(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    source = make_pack(tmp_path / "stick" / "kiosk-content", version="2", articles=6)

    def pull(step: Progress) -> None:
        if step.files_done == 2:
            for path in (source / "articles").iterdir():
                path.unlink()

    with open_source(source) as pack_source, pytest.raises(ImportFailed) as failed:
        store.stage(pack_source, progress=pull)
    assert failed.value.message == STICK_REMOVED
    assert_nothing_changed(store, before)


def test_a_stick_unmounted_mid_copy_reads_as_pulled(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    with usb_stick(16) as stick:
        source = make_pack(stick / "kiosk-content", version="2", articles=8, image_side=64)
        pulled = []

        def pull(step: Progress) -> None:
            if step.files_done == 3 and not pulled:
                pull_out(stick)
                pulled.append(True)

        with open_source(source) as pack_source, pytest.raises(ImportFailed) as failed:
            store.stage(pack_source, progress=pull)
    assert pulled and failed.value.message == STICK_REMOVED
    assert_nothing_changed(store, before)


def test_a_file_that_grows_during_the_copy_is_not_installed(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    source = make_pack(tmp_path / "source", version="2", articles=4)
    last = source / "pack.yaml"  # sorted last: articles/, media/, pack.yaml

    def grow(step: Progress) -> None:
        if step.files_done == 1:
            with last.open("a") as stream:
                stream.write("# added during the copy\n")

    with open_source(source) as pack_source, pytest.raises(ImportFailed) as failed:
        store.stage(pack_source, progress=grow)
    assert "pack.yaml" in failed.value.message and "Nothing was changed." in failed.value.message
    assert_plain_sentence(failed.value.message)
    assert_nothing_changed(store, before)


def test_cancel_between_chunks_deletes_the_copy(tmp_path: Path) -> None:
    store, before = installed_store(tmp_path)
    source = make_pack(tmp_path / "source", version="2", articles=2)
    (source / "media" / "film.bin").write_bytes(os.urandom(4 * 1024 * 1024))
    steps: list[Progress] = []

    def cancel_after_a_megabyte() -> bool:
        return bool(steps) and steps[-1].bytes_done >= 1024 * 1024

    with open_source(source) as pack_source, pytest.raises(ImportCancelled) as cancelled:
        store.stage(pack_source, progress=steps.append, cancelled=cancel_after_a_megabyte)
    assert cancelled.value.message == "The import was cancelled. Nothing was changed."
    assert steps[-1].bytes_done < steps[-1].bytes_total
    assert_nothing_changed(store, before)


def test_a_pack_bigger_than_the_disk_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    with usb_stick(8) as small_disk:  # the kiosk's data folder on an 8 MB file system
        store = PackStore(small_disk / "data")
        install(store, make_pack(tmp_path / "old", version="old"))
        before = tree(tmp_path / "old")
        source = make_pack(tmp_path / "large", version="2", articles=3)
        (source / "media" / "film.bin").write_bytes(os.urandom(12 * 1024 * 1024))
        with open_source(source) as pack_source, pytest.raises(ImportFailed) as failed:
            store.stage(pack_source)
        assert failed.value.message.startswith("There is not enough space on the kiosk's disk")
        assert "Nothing was changed." in failed.value.message
        assert_plain_sentence(failed.value.message)
        assert_nothing_changed(store, before)
        assert [v.version for v in store.versions()] == ["old"]
        # The space is free again: a pack that fits installs.
        assert install(store, make_pack(tmp_path / "small", version="3")).active


def test_a_pack_file_named_like_the_stores_own_files_stays_inside_the_pack(tmp_path: Path) -> None:
    store, _before = installed_store(tmp_path)
    files = dict(pack_files(), **{"install.json": b"{}", ".lock": b""})
    with open_source(write_zip(tmp_path / "x.kioskpack", files)) as pack_source:
        staged = store.stage(pack_source)
    installed = store.commit(staged)
    assert (installed.path / "install.json").read_bytes() == b"{}"
    assert installed.version == "1" and installed.pack_id == "test-pack"
