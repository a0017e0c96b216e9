"""A .kioskpack (a zip of a pack folder made by `kiosk pack build`), checked before anything is
unpacked: unsafe names, links, devices, encryption, compression other than stored or deflated
(bzip2 and LZMA decompress without a bound on memory in Python's zipfile), too many files or
bytes as the zip's headers declare them, and zip bombs (a file or a whole archive that unpacks
to more than `Limits.max_ratio` times its packed size). A manifest is required.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

from kiosk.packs.limits import (
    Limits,
    PackRejected,
    bomb,
    reason,
    refused,
    shown,
    size_text,
    too_big,
    too_many,
)
from kiosk.packs.names import PACK_FILE, check_collisions, is_junk, name_problem
from kiosk.packs.source import PackSource, assemble

_MAX_ENTRY_BYTES = 600  # a central directory entry: 46 bytes, its name, its extra fields
_END_RECORD = 22
_ALLOWED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
UNIX_SYSTEM = 3  # ZipInfo.create_system for Unix, whose external_attr carries the file's mode


def open_zip(path: Path, label: str, limits: Limits, trusted_keys: Sequence[str]) -> PackSource:
    _check_central_directory(path, label, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise refused(
            label, "it is damaged or is not a pack file; make it again with kiosk pack build"
        ) from exc
    except OSError as exc:
        raise PackRejected(f"{label} cannot be opened ({reason(exc)}).") from exc
    try:
        members = _zip_pack_members(archive.infolist(), label, limits)
        reader = _ZipReader(archive, members)
        sizes = {name: info.file_size for name, info in members.items()}
        return assemble(path, label, sizes, reader, trusted_keys, manifest_required=True)
    except BaseException:
        archive.close()
        raise


def _zip_pack_members(
    infos: list[zipfile.ZipInfo], label: str, limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """Check every member before anything is read; the pack's files by path from its root."""
    files = check_zip_members(infos, label, limits)
    kept = {name: info for name, info in files.items() if not is_junk(name)}
    check_collisions(kept, label)
    prefix = _pack_prefix(kept, label)
    return {name[len(prefix):]: info for name, info in kept.items()}


def check_zip_members(
    infos: Iterable[zipfile.ZipInfo], label: str, limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """Refuse unsafe names, links, devices, encryption, too much and zip bombs; the files by name."""
    files: dict[str, zipfile.ZipInfo] = {}
    total = packed = 0
    for info in infos:
        name, is_folder = _member_name(info, label)
        if name:
            _check_type(info, name, label)
        if is_folder or not name:
            continue
        _check_member(info, name, label, limits)
        if name in files:
            raise refused(label, f"'{shown(name)}' is in it twice")
        files[name] = info
        total += info.file_size
        packed += info.compress_size
        if len(files) > limits.max_files:
            raise too_many(label, limits)
    if total > limits.max_total_bytes:
        raise too_big(label, limits, total)
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * max(packed, 1):
        raise bomb(label, "the pack", total / max(packed, 1))
    return files


def _member_name(info: zipfile.ZipInfo, label: str) -> tuple[str, bool]:
    """The member's path with '.' parts dropped ('./pack.yaml' is common), and if it is a folder."""
    raw = info.orig_filename
    mode = info.external_attr >> 16 if info.create_system == UNIX_SYSTEM else 0
    is_folder = raw.endswith("/") or stat.S_ISDIR(mode)
    name = "/".join(part for part in raw.removesuffix("/").split("/") if part != ".")
    if not name:  # the pack's own top folder
        return "", True
    problem = name_problem(name)
    if problem:
        raise refused(label, problem)
    return name, is_folder


def _check_type(info: zipfile.ZipInfo, name: str, label: str) -> None:
    """Links and devices are refused, files and folders alike (a Windows zip has no types)."""
    mode = info.external_attr >> 16 if info.create_system == UNIX_SYSTEM else 0
    if stat.S_ISLNK(mode):
        raise refused(
            label, f"'{shown(name)}' is a link (symlink); a pack may only hold ordinary files"
        )
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise refused(
            label, f"'{shown(name)}' is a device, pipe or socket, not an ordinary file"
        )


def _check_member(info: zipfile.ZipInfo, name: str, label: str, limits: Limits) -> None:
    if info.flag_bits & 0x1:
        raise refused(label, f"'{shown(name)}' is protected by a password")
    if info.compress_type not in _ALLOWED_COMPRESSION:
        raise refused(
            label, f"'{shown(name)}' is compressed in a way the kiosk does not read; "
            "make the pack with kiosk pack build",
        )
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > limits.ratio_floor_bytes and size > limits.max_ratio * packed:
        raise bomb(label, f"'{shown(name)}'", size / packed)


def _pack_prefix(files: Mapping[str, object], label: str) -> str:
    """'' when pack.yaml is at the zip's top, 'NAME/' when everything is in one folder NAME."""
    if PACK_FILE in files:
        return ""
    tops = {name.split("/")[0] + "/" for name in files}
    if len(tops) == 1:
        (top,) = tops
        if all(name.startswith(top) for name in files) and top + PACK_FILE in files:
            return top
    raise refused(
        label, f"it holds no {PACK_FILE}, at its top or in one top folder, so it is not a content "
        "pack",
    )


def _check_central_directory(path: Path, label: str, limits: Limits) -> None:
    """Refuse a zip whose end record declares far too many entries, before it is parsed.

    Python's zipfile builds an object for every entry of the central directory, reading it to
    its declared size whatever the declared count: both are bounded here, so a zip of millions
    of entries costs a few bytes read, not the kiosk's memory.
    """
    declared = _declared_directory(path)
    if declared is None:
        return  # no end record: zipfile reports the zip as damaged
    entries, directory_size = declared
    if entries > 2 * limits.max_files:  # files, and as many folders
        raise too_many(label, limits, entries)
    if directory_size > 2 * limits.max_files * _MAX_ENTRY_BYTES:
        raise refused(
            label, f"its list of contents takes {size_text(directory_size)}, far more than a pack of "
            f"at most {limits.max_files:,} files needs",
        )


def _declared_directory(path: Path) -> tuple[int, int] | None:
    """The entry count and central directory size the zip's end record declares, or None."""
    try:
        with path.open("rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            tail_size = min(size, _END_RECORD + 0xFFFF)
            stream.seek(size - tail_size)
            tail = stream.read(tail_size)
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or at + _END_RECORD > len(tail):
                return None
            entries, directory_size = struct.unpack_from("<HI", tail, at + 10)
            if entries != 0xFFFF and directory_size != 0xFFFFFFFF:
                return int(entries), int(directory_size)
            return _zip64_directory(stream, tail, at)
    except OSError:
        return None


def _zip64_directory(stream: IO[bytes], tail: bytes, end_at: int) -> tuple[int, int] | None:
    locator = end_at - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        return None
    (record_offset,) = struct.unpack_from("<Q", tail, locator + 8)
    stream.seek(record_offset)
    record = stream.read(56)
    if len(record) < 56 or record[:4] != b"PK\x06\x06":
        return None
    entries, directory_size = struct.unpack_from("<QQ", record, 32)
    return int(entries), int(directory_size)


class _ZipReader:
    def __init__(self, archive: zipfile.ZipFile, members: Mapping[str, zipfile.ZipInfo]) -> None:
        self._archive = archive
        self._members = dict(members)

    def open_raw(self, path: str) -> IO[bytes]:
        try:
            return self._archive.open(self._members[path])
        except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
            raise OSError(errno.EIO, "the file is damaged inside the pack", path) from exc

    def close(self) -> None:
        self._archive.close()
