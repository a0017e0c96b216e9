"""Hostile content packs, written for real into a test's folder: what a kiosk must refuse.

Every builder takes the folder to write into (a test's `tmp_path`) and returns the path of the
.kioskpack or pack folder it wrote. Apart from its one hostile trait, each is a small valid pack
(tests/helpers/packs.py's pack.yaml and two articles) with a correct MANIFEST.sha256, so a refusal
can only come from that trait: `valid_zip` and `valid_folder` are the same packs without it.

`HOSTILE_ZIPS` and `HOSTILE_FOLDERS` list the builders with words the refusal must contain, for
parametrised tests (tests/packs/test_source.py; the import tests reuse them to check that
staff see the same refusal). Zip bombs are real: 200 MB of zeros, streamed, packs into 200 KB.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.packs import PACK_YAML, default_articles

MANIFEST = "MANIFEST.sha256"
MB = 1024 * 1024


# --- the valid pack these are made from ------------------------------------------------------


def pack_files() -> dict[str, bytes]:
    """A small valid pack: pack.yaml and articles/first.md, articles/second.md."""
    files = {"pack.yaml": PACK_YAML.encode("utf-8")}
    for slug, text in default_articles().items():
        files[f"articles/{slug}.md"] = text.encode("utf-8")
    return files


def manifest_of(files: Mapping[str, bytes]) -> bytes:
    """MANIFEST.sha256 for `files`, as `sha256sum` writes it (sorted by path)."""
    lines = [f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def file_info(name: str, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    """A zip entry made on Unix with `mode` (the file type and permissions) and no cleaning."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_zip(
    path: Path,
    files: Mapping[str, bytes],
    *,
    manifest: Mapping[str, bytes] | None = None,
    entries: tuple[tuple[zipfile.ZipInfo, bytes], ...] = (),
) -> Path:
    """Zip `files` with a manifest of `manifest` (default: of `files`; {} for none), then `entries`.

    `entries` are written as given, after the files: links, devices, odd names, duplicates.
    """
    listed = files if manifest is None else manifest
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        for name, data in files.items():
            archive.writestr(file_info(name), data)
        if listed:
            archive.writestr(file_info(MANIFEST), manifest_of(listed))
        for info, data in entries:
            archive.writestr(info, data)
    return path


def write_folder(root: Path, files: Mapping[str, bytes]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def valid_zip(folder: Path) -> Path:
    """The valid pack the hostile zips start from: it must be accepted."""
    return write_zip(folder / "valid.kioskpack", pack_files())


def valid_folder(folder: Path) -> Path:
    """The valid pack the hostile folders start from, as kiosk-content/: it must be accepted."""
    return write_folder(folder / "kiosk-content", pack_files())


def _zip_with(folder: Path, file_name: str, *entries: tuple[zipfile.ZipInfo, bytes]) -> Path:
    """The valid pack plus `entries`, each also listed in the manifest."""
    files = pack_files()
    listed = dict(files)
    listed.update({info.orig_filename: data for info, data in entries})
    return write_zip(folder / file_name, files, manifest=listed, entries=entries)


# --- zips ------------------------------------------------------------------------------------


def zip_bomb(folder: Path, megabytes: int = 200) -> Path:
    """One file of `megabytes` MB of zeros, which deflates about 1000 to 1 (200 MB -> 200 KB)."""
    path = folder / "bomb.kioskpack"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in pack_files().items():
            archive.writestr(file_info(name), data)
        digest = hashlib.sha256()
        with archive.open(file_info("media/zeros.bin"), "w") as stream:
            for _ in range(megabytes):
                stream.write(bytes(MB))
                digest.update(bytes(MB))
        manifest = manifest_of(pack_files()).decode() + f"{digest.hexdigest()}  media/zeros.bin\n"
        archive.writestr(file_info(MANIFEST), "".join(sorted(manifest.splitlines(True))))
    return path


def zip_bomb_of_small_files(folder: Path, count: int = 300) -> Path:
    """`count` files of exactly 1 MB of zeros: none alone is above the ratio floor, all are."""
    return _zip_of_megabyte_files(folder / "small-bombs.kioskpack", count)


def zip_too_big(folder: Path, megabytes: int = 501) -> Path:
    """More than the 500 MB limit unpacked: `megabytes` files of 1 MB of zeros."""
    return _zip_of_megabyte_files(folder / "too-big.kioskpack", megabytes)


def _zip_of_megabyte_files(path: Path, count: int) -> Path:
    zeros = bytes(MB)
    files = pack_files()
    names = [f"media/zeros-{index:04d}.bin" for index in range(count)]
    listed = dict(files) | dict.fromkeys(names, zeros)
    return write_zip(path, files, manifest=listed, entries=tuple((file_info(n), zeros) for n in names))


def zip_too_many_files(folder: Path, count: int = 5001) -> Path:
    """`count` small files besides the pack's own (the limit is 5,000)."""
    files = pack_files() | {f"media/note-{index:05d}.txt": b"x" for index in range(count)}
    return write_zip(folder / "too-many.kioskpack", files)


def zip_too_many_entries(folder: Path, count: int = 10_001) -> Path:
    """`count` empty folder entries: refused from the zip's end record, before it is parsed."""
    entries = tuple((file_info(f"media/{index}/", stat.S_IFDIR | 0o755), b"") for index in range(count))
    return write_zip(folder / "many-entries.kioskpack", pack_files(), entries=entries)


def zip_lying_entry_count(folder: Path, count: int = 3000) -> Path:
    """`count` folder entries, while the end record declares only 3 entries in all.

    zipfile reads the central directory to its declared size whatever the count says, so the
    size must be bounded too: refused with Limits(max_files=100), accepted with the defaults.
    """
    path = zip_too_many_entries(folder, count).rename(folder / "lying-count.kioskpack")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 3, 3)
    path.write_bytes(bytes(data))
    return path


def zip_parent_path(folder: Path) -> Path:
    """A file named '../evil.md', which unpacked naively lands beside the pack."""
    return _zip_with(folder, "parent.kioskpack", (file_info("../evil.md"), b"evil"))


def zip_nested_parent_path(folder: Path) -> Path:
    """'articles/../../evil.md': the '..' is inside the path."""
    return _zip_with(folder, "nested-parent.kioskpack", (file_info("articles/../../evil.md"), b"evil"))


def zip_absolute_path(folder: Path) -> Path:
    """A file named '/etc/evil.conf'."""
    return _zip_with(folder, "absolute.kioskpack", (file_info("/etc/evil.conf"), b"evil"))


def zip_drive_letter(folder: Path) -> Path:
    """A file named 'C:/Windows/evil.dll'."""
    return _zip_with(folder, "drive.kioskpack", (file_info("C:/Windows/evil.dll"), b"evil"))


def zip_backslash_path(folder: Path) -> Path:
    """'articles\\..\\..\\evil.md': Windows separators hiding a '..'."""
    return _zip_with(folder, "backslash.kioskpack", (file_info("articles\\..\\..\\evil.md"), b"evil"))


def zip_symlink(folder: Path) -> Path:
    """A symlink entry 'articles/third.md' pointing at /etc/passwd (its data is the target)."""
    info = file_info("articles/third.md", stat.S_IFLNK | 0o777)
    return _zip_with(folder, "symlink.kioskpack", (info, b"/etc/passwd"))


def zip_symlinked_folder(folder: Path) -> Path:
    """A folder entry 'media/' that is a symlink to /etc."""
    info = file_info("media/", stat.S_IFLNK | 0o777)
    return _zip_with(folder, "symlinked-folder.kioskpack", (info, b"/etc"))


def zip_device(folder: Path) -> Path:
    """A character-device entry 'media/null'."""
    return _zip_with(folder, "device.kioskpack", (file_info("media/null", stat.S_IFCHR | 0o666), b""))


def zip_case_duplicates(folder: Path) -> Path:
    """'articles/first.md' and 'articles/FIRST.md': one file on Windows and macOS."""
    return _zip_with(folder, "case.kioskpack", (file_info("articles/FIRST.md"), b"other"))


def zip_folder_case_duplicates(folder: Path) -> Path:
    """'Articles/third.md' beside 'articles/': the folders differ only in case."""
    return _zip_with(folder, "folder-case.kioskpack", (file_info("Articles/third.md"), b"other"))


def zip_same_name_twice(folder: Path) -> Path:
    """'articles/first.md' twice: which copy is read would depend on the tool."""
    return _zip_with(folder, "twice.kioskpack", (file_info("articles/first.md"), b"other"))


def zip_manifest_missing_file(folder: Path) -> Path:
    """The manifest lists 'articles/third.md', which is not in the zip (an incomplete copy)."""
    files = pack_files()
    listed = files | {"articles/third.md": b"lost on the way"}
    return write_zip(folder / "missing.kioskpack", files, manifest=listed)


def zip_manifest_extra_file(folder: Path) -> Path:
    """'articles/extra.md' is in the zip but not in the manifest (added after the build)."""
    files = pack_files()
    listed = dict(files)
    files["articles/extra.md"] = b"slipped in"
    return write_zip(folder / "extra.kioskpack", files, manifest=listed)


def zip_without_manifest(folder: Path) -> Path:
    """A plain zip of a pack, not made by kiosk pack build."""
    return write_zip(folder / "no-manifest.kioskpack", pack_files(), manifest={})


def zip_encrypted(folder: Path) -> Path:
    """'articles/first.md' marked as protected by a password (the flag set in both headers)."""
    path = valid_zip(folder).rename(folder / "encrypted.kioskpack")
    _patch_headers(path, "articles/first.md", flags=0x1)
    return path


def zip_lying_size(folder: Path, declared: int = 100) -> Path:
    """'media/notes.txt' holds 100,000 bytes, but its headers declare `declared` bytes.

    Stored (not compressed), so the reader can see the extra bytes: reading must never yield
    more than declared, and the mismatch must surface as an error, not as data.
    """
    data = b"0123456789" * 10_000
    info = file_info("media/notes.txt")
    info.compress_type = zipfile.ZIP_STORED
    path = _zip_with(folder, "lying.kioskpack", (info, data))
    _patch_headers(path, "media/notes.txt", size=declared)
    return path


def zip_with_top_folder(folder: Path) -> Path:
    """A valid pack inside one top folder 'spring/' (how many zip tools pack a folder)."""
    files = {f"spring/{name}": data for name, data in pack_files().items()}
    entries = ((file_info("spring/", stat.S_IFDIR | 0o755), b""),
               (file_info("spring/" + MANIFEST), manifest_of(pack_files())))
    return write_zip(folder / "spring.kioskpack", files, manifest={}, entries=entries)


def zip_with_junk(folder: Path) -> Path:
    """A valid pack zipped by macOS Finder: __MACOSX/ AppleDouble files and a .DS_Store."""
    entries = (
        (file_info("__MACOSX/._pack.yaml"), b"\x00\x05\x16\x07apple"),
        (file_info("__MACOSX/articles/._first.md"), b"\x00\x05\x16\x07apple"),
        (file_info(".DS_Store"), b"Bud1"),
        (file_info("articles/._second.md"), b"\x00\x05\x16\x07apple"),
    )
    return write_zip(folder / "finder.kioskpack", pack_files(), entries=entries)


def _patch_headers(path: Path, name: str, *, flags: int = 0, size: int | None = None) -> None:
    """Rewrite one member's flag bits (OR) and declared size in its local and central headers."""
    data = bytearray(path.read_bytes())
    encoded = name.encode("utf-8")
    central = data.find(b"PK\x01\x02")  # the first central entry; walk on from there
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == encoded:
            local = struct.unpack_from("<I", data, central + 42)[0]
            _patch_one(data, central, 8, 24, flags, size)
            _patch_one(data, local, 6, 22, flags, size)
            path.write_bytes(bytes(data))
            return
        central = data.find(b"PK\x01\x02", central + 46)
    raise AssertionError(f"{name} is not in {path}")


def _patch_one(
    data: bytearray, at: int, flag_offset: int, size_offset: int, flags: int, size: int | None
) -> None:
    old_flags = struct.unpack_from("<H", data, at + flag_offset)[0]
    struct.pack_into("<H", data, at + flag_offset, old_flags | flags)
    if size is not None:
        struct.pack_into("<I", data, at + size_offset, size)


# --- folders (kiosk-content/ on a stick) -----------------------------------------------------


def folder_symlink(folder: Path) -> Path:
    """'articles/third.md' is a symlink to /etc/passwd."""
    root = valid_folder(folder)
    (root / "articles" / "third.md").symlink_to("/etc/passwd")
    return root


def folder_symlinked_folder(folder: Path) -> Path:
    """'media' is a symlink to /etc, a whole folder outside the pack."""
    root = write_folder(folder / "kiosk-content", pack_files())
    (root / "media").symlink_to("/etc", target_is_directory=True)
    return root


def folder_fifo(folder: Path) -> Path:
    """'articles/third.md' is a named pipe: reading it would wait for ever."""
    root = valid_folder(folder)
    os.mkfifo(root / "articles" / "third.md")
    return root


def folder_socket(folder: Path) -> Path:
    """'media/socket' is a Unix socket. A socket's path is limited to about 100 bytes, which a
    test's folder under pytest-xdist can pass (/tmp/pytest-of-root/pytest-128/popen-gw1/...):
    it is made in a short folder and moved in (a rename keeps it a socket)."""
    root = valid_folder(folder)
    (root / "media").mkdir()
    short = Path(tempfile.mkdtemp(prefix="kiosk-socket-"))  # the temporary folder, as tmp_path's
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(short / "socket"))
        os.rename(short / "socket", root / "media" / "socket")
    finally:
        shutil.rmtree(short, ignore_errors=True)
    return root


def folder_case_duplicates(folder: Path) -> Path:
    """'articles/first.md' and 'articles/First.md' (possible on Linux, one file elsewhere)."""
    root = valid_folder(folder)
    (root / "articles" / "First.md").write_bytes(b"other")
    return root


def folder_too_many_files(folder: Path, count: int = 5001) -> Path:
    """`count` small files besides the pack's own (the limit is 5,000)."""
    root = valid_folder(folder)
    (root / "media").mkdir()
    for index in range(count):
        (root / "media" / f"note-{index:05d}.txt").write_bytes(b"x")
    return root


def folder_too_big(folder: Path, megabytes: int = 501) -> Path:
    """A sparse file of `megabytes` MB: it takes no room on the test's disk, but its size counts."""
    root = valid_folder(folder)
    (root / "media").mkdir()
    with (root / "media" / "huge.bin").open("wb") as stream:
        stream.truncate(megabytes * MB)
    return root


def folder_with_junk(folder: Path) -> Path:
    """A valid pack with what macOS and Windows leave on sticks: all of it skipped."""
    root = valid_folder(folder)
    for name in (".DS_Store", "._pack.yaml", "articles/._first.md", "Thumbs.db", "desktop.ini"):
        (root / name).write_bytes(b"junk")
    (root / "System Volume Information").mkdir()
    (root / "System Volume Information" / "IndexerVolumeGuid").write_bytes(b"junk")
    (root / ".Spotlight-V100").mkdir()
    (root / ".Spotlight-V100" / "store").symlink_to("/etc/passwd")  # never looked into
    return root


# --- tables for parametrised tests -----------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """A builder and the words (lower case) its refusal must contain."""

    build: Callable[[Path], Path]
    words: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.build.__name__


HOSTILE_ZIPS = (
    Hostile(zip_bomb, ("media/zeros.bin", "zip bomb")),
    Hostile(zip_bomb_of_small_files, ("the pack unpacks to", "zip bomb")),
    Hostile(zip_too_big, ("501 mb", "limit of 500 mb")),
    Hostile(zip_too_many_files, ("more than 5,000 files",)),
    Hostile(zip_too_many_entries, ("10,00", "files and folders", "limit of 5,000")),
    Hostile(zip_parent_path, ("../evil.md", "outside the pack")),
    Hostile(zip_nested_parent_path, ("articles/../../evil.md", "outside the pack")),
    Hostile(zip_absolute_path, ("/etc/evil.conf", "absolute path")),
    Hostile(zip_drive_letter, ("c:/windows/evil.dll", "windows drive")),
    Hostile(zip_backslash_path, ("backslash",)),
    Hostile(zip_symlink, ("articles/third.md", "symlink")),
    Hostile(zip_symlinked_folder, ("'media'", "symlink")),
    Hostile(zip_device, ("media/null", "device")),
    Hostile(zip_case_duplicates, ("articles/first.md", "articles/first.md", "upper and lower case")),
    Hostile(zip_folder_case_duplicates, ("articles", "upper and lower case")),
    Hostile(zip_same_name_twice, ("articles/first.md", "twice")),
    Hostile(zip_manifest_missing_file, ("articles/third.md", "missing", "manifest.sha256")),
    Hostile(zip_manifest_extra_file, ("articles/extra.md", "not listed", "manifest.sha256")),
    Hostile(zip_without_manifest, ("no manifest.sha256", "kiosk pack build")),
    Hostile(zip_encrypted, ("articles/first.md", "password")),
)

HOSTILE_FOLDERS = (
    Hostile(folder_symlink, ("articles/third.md", "symlink")),
    Hostile(folder_symlinked_folder, ("media", "symlink")),
    Hostile(folder_fifo, ("articles/third.md", "pipe")),
    Hostile(folder_socket, ("media/socket", "socket")),
    Hostile(folder_case_duplicates, ("articles/first.md", "upper and lower case")),
    Hostile(folder_too_many_files, ("more than 5,000 files",)),
    Hostile(folder_too_big, ("more than 500 mb",)),
)
