"""Reading a content pack from a USB stick, which is never trusted: a folder or a .kioskpack.

A stick holds either a folder `kiosk-content/` with a pack in it, or pack files `*.kioskpack`: a
zip of a pack folder, made by `kiosk pack build`, with `MANIFEST.sha256` inside (the SHA-256 of
every other file, in `sha256sum` format) and, when signed, `MANIFEST.sig` (an Ed25519 signature
of the manifest's bytes). `open_source` checks everything it can without unpacking anything and
refuses a hostile or damaged pack with `PackRejected`, whose message is a plain sentence that
names the file. What it refuses, in a zip or a folder alike:

- paths that would leave the pack: absolute (`/etc/x`, `\\\\server\\x`), a drive (`C:`), `..`, a
  backslash, an empty part (`a//b`), a ':' or a control character, a name over 255 bytes;
- links (symlinks), devices, pipes and sockets: a pack holds ordinary files and folders only;
- two names that differ only in upper and lower case (or in how an accent is encoded), and a
  name that is both a file and a folder: some computers would treat them as one;
- more than `Limits.max_files` files or `Limits.max_total_bytes` bytes in all, as the zip's
  headers declare them (and reading never yields more than declared: see `PackSource.open`);
- in a zip, a file above `Limits.ratio_floor_bytes` that unpacks to more than `Limits.max_ratio`
  times its packed size, or a whole archive that does (how a zip bomb looks: 200 MB of zeros
  packs into 200 KB), a password-protected file, and compression other than stored or deflated
  (bzip2 and LZMA decompress without a bound on memory in Python's zipfile);
- a .kioskpack without a manifest, or whose files are not exactly those its manifest lists.

What it skips without complaint: the hidden files computers leave on sticks and in zips, which
are never part of a pack (`.DS_Store`, `._*`, `Thumbs.db`, `desktop.ini`, and the folders
`__MACOSX`, `System Volume Information`, `.Spotlight-V100`, `.Trashes`, `.fseventsd`,
`$RECYCLE.BIN`). A folder's walk never follows a link, and never descends into those folders.

A pack zip may hold the pack at its top (`pack.yaml`) or inside one top folder
(`spring/pack.yaml`). Keys: `generate_key_pair` writes NAME.key (PKCS8 PEM, readable by its owner
only) and NAME.pub, one line `kiosk-ed25519:<base64 of the 32-byte public key>`, the text the
kiosk's settings list as a trusted key. A key's id is the first 16 hex digits of the SHA-256 of
its 32 bytes. No Qt here.
"""

from __future__ import annotations

import base64
import binascii
import errno
import hashlib
import io
import os
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, BinaryIO, Protocol

# cryptography is imported where a signature is made or checked: it takes 20-30 ms to load, and
# the kiosk's start-up (which finds packs on sticks through this module) needs none of it.
if TYPE_CHECKING:
    from _typeshed import WriteableBuffer
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

MANIFEST_NAME = "MANIFEST.sha256"
SIGNATURE_NAME = "MANIFEST.sig"
PACK_SUFFIX = ".kioskpack"
CONTENT_FOLDER = "kiosk-content"
PACK_FILE = "pack.yaml"
PUBLIC_KEY_PREFIX = "kiosk-ed25519:"
KEY_SUFFIX = ".key"
PUBLIC_KEY_SUFFIX = ".pub"

MAX_MANIFEST_BYTES = 8 * 1024**2
MAX_SIGNATURE_BYTES = 1024
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_NAME_BYTES = 255
_MAX_ENTRY_BYTES = 600  # a central directory entry: 46 bytes, its name, its extra fields
_END_RECORD = 22
_BINARY = getattr(os, "O_BINARY", 0)
CHUNK = 1024 * 1024

# Never part of a pack; left on sticks and in zips by macOS, Windows and their file managers.
JUNK_FILES = frozenset(name.casefold() for name in (".DS_Store", "Thumbs.db", "desktop.ini"))
JUNK_FOLDERS = frozenset(
    name.casefold()
    for name in (
        "__MACOSX", "System Volume Information", ".Spotlight-V100", ".Trashes", ".fseventsd",
        ".TemporaryItems", "$RECYCLE.BIN",
    )
)

UNSIGNED_REFUSAL = (
    "This pack is not signed, and this kiosk only installs packs signed with its trusted keys."
)
BAD_SIGNATURE = (
    "The signature does not match the pack's contents: it may have been changed after it was "
    "signed."
)

_MANIFEST_FILES = (MANIFEST_NAME, SIGNATURE_NAME)
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_ALLOWED_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same pack always builds into the same bytes
_UNIX = 3  # ZipInfo.create_system for Unix, whose external_attr carries the file's mode


@dataclass(frozen=True)
class Limits:
    """What a pack may hold at most. The ratio applies to files above `ratio_floor_bytes`."""

    max_total_bytes: int = 500 * 1024**2
    max_files: int = 5000
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1024**2


class PackRejected(Exception):  # noqa: N818 (the name is in the issue's contract)
    """A pack the kiosk refuses; `message` is a sentence for staff that names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KeyProblem(ValueError):  # noqa: N818 (a problem for people, like PackRejected)
    """A key that cannot be made, read or used; `message` is a plain sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SourceFile:
    path: str  # posix, relative to the pack's root, e.g. "articles/a.md"
    size: int  # bytes, as declared (a zip's header; a folder's file size)


@dataclass(frozen=True)
class SignatureInfo:
    """Whether the manifest is signed, by which key id, and whether that was checked.

    `valid` is True only when the signature was checked against one of the trusted keys given
    to `open_source` and matches; an unchecked signature (no such key given) is not valid.
    """

    signed: bool
    key_id: str  # "" when unsigned
    valid: bool


UNSIGNED = SignatureInfo(signed=False, key_id="", valid=False)


# --- the pack source -------------------------------------------------------------------------


class _Reader(Protocol):
    def open_raw(self, path: str) -> IO[bytes]: ...

    def close(self) -> None: ...


class PackSource:
    """The files of one pack on a stick, checked but not yet copied. Close it when done."""

    def __init__(
        self,
        *,
        origin: Path,
        label: str,
        sizes: Mapping[str, int],
        reader: _Reader,
        manifest: dict[str, str] | None,
        manifest_bytes: bytes | None,
        signature: SignatureInfo,
        signature_raw: bytes | None,
    ) -> None:
        self.origin = origin
        self.label = label
        self.files = [SourceFile(path, sizes[path]) for path in sorted(sizes)]
        self.manifest = manifest
        self.manifest_bytes = manifest_bytes  # exactly as in the pack, for a copy of it
        self.signature = signature
        self.total_bytes = sum(sizes.values())
        self._sizes = dict(sizes)
        self._reader = reader
        self._signature_raw = signature_raw

    def __enter__(self) -> PackSource:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._reader.close()

    def open(self, path: str) -> BinaryIO:
        """A file's bytes, never more than its declared size; OSError when it cannot be read.

        Reading raises OSError too when the file turns out damaged (a zip's checksum), shorter
        than declared (a pulled stick) or longer (changed since the pack was opened).
        """
        size = self._sizes.get(path)
        if size is None:
            raise FileNotFoundError(errno.ENOENT, f"it is not a file of {self.label}", path)
        raw = self._reader.open_raw(path)
        return io.BufferedReader(_SizedReader(raw, size, path))

    def expected_hash(self, path: str) -> str | None:
        """The SHA-256 the manifest lists for `path` (lower-case hex), or None without one."""
        return None if self.manifest is None else self.manifest.get(path)

    def hash_file(self, path: str) -> str:
        """The SHA-256 of a file's bytes as read now (OSError when it cannot be read)."""
        digest = hashlib.sha256()
        with self.open(path) as stream:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def verify_all(self) -> list[str]:
        """Read every file and compare it with the manifest: a sentence per problem, or [].

        Without a manifest (a plain folder) every file is still read in full, at its size.
        """
        problems = []
        for source_file in self.files:
            where = f"'{_shown(source_file.path)}' in {self.label}"
            try:
                actual = self.hash_file(source_file.path)
            except OSError as exc:
                problems.append(f"{where} cannot be read ({_reason(exc)}).")
                continue
            expected = self.expected_hash(source_file.path)
            if self.manifest is not None and actual != expected:
                problems.append(
                    f"{where} does not match its checksum in {MANIFEST_NAME}: the copy is damaged."
                )
        return problems

    def trust_problem(self, trusted_keys: Sequence[str]) -> str | None:
        """Why this kiosk must refuse the pack given its trusted keys; None when it may install it.

        No trusted keys: any pack may be installed. Entries that are not public keys are skipped
        (and named when the pack is refused); when no entry can be read at all, every pack is
        refused, so a typing mistake never turns signing off.
        """
        if not trusted_keys:
            return None
        keys, problems = parse_trusted_keys(trusted_keys)
        if not keys:
            return (
                f"No entry in this kiosk's trusted keys can be read ({problems[0]}), so no pack "
                "can be checked; correct the trusted keys "
                "([content] trusted_keys in the kiosk's settings file)."
            )
        if not self.signature.signed:
            return UNSIGNED_REFUSAL
        key = keys.get(self.signature.key_id)
        if key is None:
            return _untrusted_key_message(self.signature.key_id, keys, problems)
        if self._signature_raw is None or self.manifest_bytes is None:
            return BAD_SIGNATURE
        if not _verifies(key, self._signature_raw, self.manifest_bytes):
            return BAD_SIGNATURE
        return None


def _untrusted_key_message(key_id: str, keys: Mapping[str, object], problems: list[str]) -> str:
    trusted = ", ".join(sorted(keys))
    unreadable = f" (and correct the entry that cannot be read: {problems[0]})" if problems else ""
    return (
        f"This pack is signed with key {key_id}, which is not one of this kiosk's trusted keys "
        f"({trusted}); ask for the pack signed with a trusted key, or add its public key to the "
        f"trusted keys ([content] trusted_keys in the kiosk's settings file){unreadable}."
    )


class _SizedReader(io.RawIOBase):
    """A file's stream that yields exactly `size` bytes, or raises OSError saying why not.

    The OSError's `filename` is the file's path in the pack and its `strerror` the reason.
    """

    def __init__(self, raw: IO[bytes], size: int, path: str) -> None:
        super().__init__()
        self._raw = raw
        self._left = size
        self._path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if not len(view):
            return 0
        if self._left == 0:
            if self._read_raw(1):
                raise OSError(errno.EIO, "the file is larger than the pack says", self._path)
            return 0
        data = self._read_raw(min(len(view), self._left))
        if not data:
            raise OSError(errno.EIO, "the file ended early; was the USB stick removed?", self._path)
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)

    def _read_raw(self, count: int) -> bytes:
        try:
            return self._raw.read(count)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise OSError(errno.EIO, "the file is damaged inside the pack", self._path) from exc

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


# --- opening ---------------------------------------------------------------------------------


def open_source(
    path: Path, *, limits: Limits = Limits(), trusted_keys: Sequence[str] = ()
) -> PackSource:
    """Check the pack at `path` (a pack folder or a .kioskpack) and open it for reading.

    Raises PackRejected, with a sentence for staff, when the pack is hostile, damaged, or not a
    pack. `trusted_keys` only decide `signature.valid`; refusing is `trust_problem`'s job.
    """
    label = _label(path)
    try:
        info = path.lstat()
    except OSError as exc:
        raise PackRejected(f"{label} cannot be opened ({_reason(exc)}).") from exc
    if stat.S_ISLNK(info.st_mode):
        raise _refused(label, "it is a link (symlink) to somewhere else, not the pack itself")
    if stat.S_ISDIR(info.st_mode):
        return _open_folder(path, label, limits, trusted_keys)
    if stat.S_ISREG(info.st_mode):
        return _open_zip(path, label, limits, trusted_keys)
    raise _refused(label, "it is neither a folder nor a pack file")


def find_packs(root: Path) -> list[Path]:
    """The packs at the top of a stick: its kiosk-content folder, then its *.kioskpack files.

    Names are matched ignoring case (FAT sticks). A kiosk-content that is a link is listed so
    that opening it refuses it plainly; hidden files (macOS's `._spring.kioskpack`) are not.
    Raises OSError when the stick cannot be read.
    """
    folders: list[Path] = []
    packs: list[Path] = []
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name = entry.name.casefold()
            if name == CONTENT_FOLDER and _looks_like_content_folder(entry):
                folders.append(Path(entry.path))
            elif name.endswith(PACK_SUFFIX) and not name.startswith(".") and not entry.is_dir():
                packs.append(Path(entry.path))
    return folders + packs


def _looks_like_content_folder(entry: os.DirEntry[str]) -> bool:
    if entry.is_symlink():
        return True
    return entry.is_dir(follow_symlinks=False) and (Path(entry.path) / PACK_FILE).exists()


def _label(path: Path) -> str:
    if path.suffix.casefold() == PACK_SUFFIX:
        return path.name
    return f"{path.name} on {path.parent}"


def _refused(label: str, reason: str) -> PackRejected:
    return PackRejected(f"{label} was refused: {reason}.")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or "it cannot be read"


def _shown(name: str, limit: int = 80) -> str:
    """A name made safe to show in one line: control characters as '?', long names cut."""
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return printable if len(printable) <= limit else printable[: limit - 3] + "..."


# --- names ---------------------------------------------------------------------------------


def _name_problem(name: str) -> str | None:
    """Why a path written in a pack is not a plain relative path inside it, or None."""
    if name.startswith(("/", "\\")):
        return f"'{_shown(name)}' is an absolute path; a pack may only hold paths inside itself"
    if _DRIVE.match(name):
        return f"'{_shown(name)}' names a Windows drive; a pack may only hold paths inside itself"
    for part in name.split("/"):
        problem = _part_problem(part)
        if problem:
            return f"'{_shown(name)}' {problem}"
    return None


def _part_problem(part: str) -> str | None:
    if part == "..":
        return "points outside the pack (it contains '..')"
    if part in ("", "."):
        return "has an empty part in its path (like 'a//b' or 'a/./b')"
    if "\\" in part:
        return "contains a backslash; paths in a pack use forward slashes"
    if ":" in part:
        return "contains ':', which some computers read as a drive or a hidden stream"
    if any(ord(c) < 32 or ord(c) == 127 for c in part):
        return "contains a control character"
    if any("\udc80" <= c <= "\udcff" for c in part):  # bytes that are not UTF-8, from a folder
        return "has a name that is not valid text (UTF-8); rename it"
    if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        return f"has a name longer than {MAX_NAME_BYTES} bytes"
    return None


def is_junk(path: str) -> bool:
    """True for the hidden files and folders computers leave behind; never part of a pack."""
    parts = path.split("/")
    if any(part.casefold() in JUNK_FOLDERS for part in parts[:-1]):
        return True
    last = parts[-1]
    return last.startswith("._") or last.casefold() in JUNK_FILES or last.casefold() in JUNK_FOLDERS


def _folded(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def _check_collisions(files: Iterable[str], label: str) -> None:
    """Refuse names that differ only by case or accent encoding, and file-and-folder clashes."""
    files = list(files)
    folders = {"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)}
    clashes = sorted(folders.intersection(files))
    if clashes:
        raise _refused(label, f"'{_shown(clashes[0])}' is both a file and a folder")
    seen: dict[str, str] = {}
    for name in sorted(folders.union(files)):
        other = seen.setdefault(_folded(name), name)
        if other != name:
            raise _refused(
                label,
                f"'{_shown(other)}' and '{_shown(name)}' differ only in upper and lower case "
                "(or in accents), which some computers treat as the same name",
            )


# --- zips ------------------------------------------------------------------------------------


def _open_zip(path: Path, label: str, limits: Limits, trusted_keys: Sequence[str]) -> PackSource:
    _check_central_directory(path, label, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _refused(
            label, "it is damaged or is not a pack file; make it again with kiosk pack build"
        ) from exc
    except OSError as exc:
        raise PackRejected(f"{label} cannot be opened ({_reason(exc)}).") from exc
    try:
        members = _zip_pack_members(archive.infolist(), label, limits)
        reader = _ZipReader(archive, members)
        sizes = {name: info.file_size for name, info in members.items()}
        return _assemble(path, label, sizes, reader, trusted_keys, manifest_required=True)
    except BaseException:
        archive.close()
        raise


def _zip_pack_members(
    infos: list[zipfile.ZipInfo], label: str, limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """Check every member before anything is read; the pack's files by path from its root."""
    files = check_zip_members(infos, label, limits)
    kept = {name: info for name, info in files.items() if not is_junk(name)}
    _check_collisions(kept, label)
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
            raise _refused(label, f"'{_shown(name)}' is in it twice")
        files[name] = info
        total += info.file_size
        packed += info.compress_size
        if len(files) > limits.max_files:
            raise _too_many(label, limits)
    if total > limits.max_total_bytes:
        raise _too_big(label, limits, total)
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * max(packed, 1):
        raise _bomb(label, "the pack", total / max(packed, 1))
    return files


def _member_name(info: zipfile.ZipInfo, label: str) -> tuple[str, bool]:
    """The member's path with '.' parts dropped ('./pack.yaml' is common), and if it is a folder."""
    raw = info.orig_filename
    mode = info.external_attr >> 16 if info.create_system == _UNIX else 0
    is_folder = raw.endswith("/") or stat.S_ISDIR(mode)
    name = "/".join(part for part in raw.removesuffix("/").split("/") if part != ".")
    if not name:  # the pack's own top folder
        return "", True
    problem = _name_problem(name)
    if problem:
        raise _refused(label, problem)
    return name, is_folder


def _check_type(info: zipfile.ZipInfo, name: str, label: str) -> None:
    """Links and devices are refused, files and folders alike (a Windows zip has no types)."""
    mode = info.external_attr >> 16 if info.create_system == _UNIX else 0
    if stat.S_ISLNK(mode):
        raise _refused(
            label, f"'{_shown(name)}' is a link (symlink); a pack may only hold ordinary files"
        )
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise _refused(
            label, f"'{_shown(name)}' is a device, pipe or socket, not an ordinary file"
        )


def _check_member(info: zipfile.ZipInfo, name: str, label: str, limits: Limits) -> None:
    if info.flag_bits & 0x1:
        raise _refused(label, f"'{_shown(name)}' is protected by a password")
    if info.compress_type not in _ALLOWED_COMPRESSION:
        raise _refused(
            label, f"'{_shown(name)}' is compressed in a way the kiosk does not read; "
            "make the pack with kiosk pack build",
        )
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > limits.ratio_floor_bytes and size > limits.max_ratio * packed:
        raise _bomb(label, f"'{_shown(name)}'", size / packed)


def _too_many(label: str, limits: Limits, declared: int | None = None) -> PackRejected:
    if declared is not None:
        return _refused(
            label, f"it holds {declared:,} files and folders, more than the limit of "
            f"{limits.max_files:,} files",
        )
    return _refused(label, f"it holds more than {limits.max_files:,} files, which is the limit")


def _too_big(label: str, limits: Limits, total: int | None = None) -> PackRejected:
    """`total` when it is known (a zip's headers); a folder's walk stops at the limit."""
    if total is None:
        return _refused(
            label, f"it holds more than {_size(limits.max_total_bytes)} of files, which is the limit"
        )
    return _refused(
        label, f"it unpacks to {_size(total)}, more than the limit of "
        f"{_size(limits.max_total_bytes)}",
    )


def _bomb(label: str, what: str, ratio: float) -> PackRejected:
    return _refused(
        label, f"{what} unpacks to {ratio:,.0f} times its packed size, which is how a zip bomb "
        "(a file made to fill the disk) looks",
    )


def _size(count: int) -> str:
    if count >= 1024**2:
        return f"{count / 1024**2:,.0f} MB"
    return f"{count / 1024:,.0f} KB" if count >= 1024 else f"{count} bytes"


def _pack_prefix(files: Mapping[str, object], label: str) -> str:
    """'' when pack.yaml is at the zip's top, 'NAME/' when everything is in one folder NAME."""
    if PACK_FILE in files:
        return ""
    tops = {name.split("/")[0] + "/" for name in files}
    if len(tops) == 1:
        (top,) = tops
        if all(name.startswith(top) for name in files) and top + PACK_FILE in files:
            return top
    raise _refused(
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
        raise _too_many(label, limits, entries)
    if directory_size > 2 * limits.max_files * _MAX_ENTRY_BYTES:
        raise _refused(
            label, f"its list of contents takes {_size(directory_size)}, far more than a pack of "
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


# --- folders ---------------------------------------------------------------------------------


def _open_folder(
    path: Path, label: str, limits: Limits, trusted_keys: Sequence[str]
) -> PackSource:
    sizes = walk_folder(path, label, limits)
    _check_collisions(sizes, label)
    if PACK_FILE not in sizes:
        raise _refused(label, f"it holds no {PACK_FILE}, so it is not a content pack")
    return _assemble(
        path, label, sizes, _FolderReader(path), trusted_keys, manifest_required=False
    )


def walk_folder(root: Path, label: str, limits: Limits) -> dict[str, int]:
    """Every ordinary file under `root` with its size, never following a link; junk skipped.

    Refuses links, devices, pipes, sockets, unsafe names and more than the limits allow (the
    walk stops as soon as a limit is passed). Raises PackRejected, also when reading fails.
    """
    sizes: dict[str, int] = {}
    total = 0
    try:
        for relative, entry in _walk(root, label):
            size = entry.stat(follow_symlinks=False).st_size
            sizes[relative] = size
            total += size
            if len(sizes) > limits.max_files:
                raise _too_many(label, limits)
            if total > limits.max_total_bytes:
                raise _too_big(label, limits)
    except OSError as exc:
        raise PackRejected(
            f"{label} cannot be read ({_reason(exc)}); was the USB stick removed?"
        ) from exc
    return sizes


def _walk(root: Path, label: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            relative = prefix + entry.name
            if is_junk(relative):
                continue
            problem = _name_problem(relative)
            if problem:
                raise _refused(label, problem)
            if entry.is_symlink():
                raise _refused(
                    label, f"'{_shown(relative)}' is a link (symlink); a pack may only hold "
                    "ordinary files and folders",
                )
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), relative + "/"))
            elif entry.is_file(follow_symlinks=False):
                yield relative, entry
            else:
                raise _refused(
                    label, f"'{_shown(relative)}' is a device, pipe or socket, not an ordinary file"
                )


class _FolderReader:
    def __init__(self, root: Path) -> None:
        self._root = root

    def open_raw(self, path: str) -> IO[bytes]:
        return os.fdopen(_open_without_links(self._root, path), "rb", buffering=0)

    def close(self) -> None:
        pass


def _open_without_links(root: Path, relative: str) -> int:
    """Open root/relative for reading, refusing a link at any step (one swapped in later too)."""
    parts = relative.split("/")
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    if os.open not in os.supports_dir_fd or not no_follow:
        return _open_checked(os.open(root.joinpath(*parts), os.O_RDONLY | _BINARY), relative)
    folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | no_follow, dir_fd=folder)
            os.close(folder)
            folder = inner
        # O_NONBLOCK: a pipe swapped in must not hang the kiosk waiting for a writer.
        flags = os.O_RDONLY | no_follow | getattr(os, "O_NONBLOCK", 0)
        return _open_checked(os.open(parts[-1], flags, dir_fd=folder), relative)
    finally:
        os.close(folder)



def _open_checked(descriptor: int, relative: str) -> int:
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "it is no longer an ordinary file", relative)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


# --- the manifest and the signature ----------------------------------------------------------


def _assemble(
    origin: Path,
    label: str,
    sizes: Mapping[str, int],
    reader: _Reader,
    trusted_keys: Sequence[str],
    *,
    manifest_required: bool,
) -> PackSource:
    files = {name: size for name, size in sizes.items() if name not in _MANIFEST_FILES}
    manifest_bytes = _read_small(reader, sizes, MANIFEST_NAME, MAX_MANIFEST_BYTES, label)
    signature_bytes = _read_small(reader, sizes, SIGNATURE_NAME, MAX_SIGNATURE_BYTES, label)
    manifest = None
    if manifest_bytes is None:
        if manifest_required:
            raise _refused(
                label, f"it has no {MANIFEST_NAME} (the list of its files and their checksums); "
                "make it with kiosk pack build",
            )
        if signature_bytes is not None:
            raise _refused(label, f"it has a {SIGNATURE_NAME} but no {MANIFEST_NAME} to go with it")
    else:
        manifest = parse_manifest(manifest_bytes, label)
        _check_manifest_matches(manifest, files, label)
    signature, raw_signature = _read_signature(signature_bytes, manifest_bytes, trusted_keys, label)
    return PackSource(
        origin=origin, label=label, sizes=files, reader=reader, manifest=manifest,
        manifest_bytes=manifest_bytes, signature=signature, signature_raw=raw_signature,
    )


def _read_small(
    reader: _Reader, sizes: Mapping[str, int], name: str, limit: int, label: str
) -> bytes | None:
    size = sizes.get(name)
    if size is None:
        return None
    if size > limit:
        raise _refused(label, f"its {name} is {_size(size)}, far larger than any pack needs")
    try:
        with reader.open_raw(name) as raw, io.BufferedReader(_SizedReader(raw, size, name)) as stream:
            return stream.read()
    except OSError as exc:
        raise PackRejected(f"{label} is damaged: its {name} cannot be read ({_reason(exc)}).") from exc


def parse_manifest(data: bytes, label: str = MANIFEST_NAME) -> dict[str, str]:
    """The manifest's `path -> sha256` lines (`sha256sum` format); PackRejected when malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refused(label, f"its {MANIFEST_NAME} is damaged (it is not text)") from exc
    manifest: dict[str, str] = {}
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        match = _MANIFEST_LINE.match(line)
        if not match:
            raise _refused(
                label, f"line {number} of its {MANIFEST_NAME} is not a checksum and a file name; "
                "make the pack again with kiosk pack build",
            )
        digest, name = match.groups()
        problem = _name_problem(name)
        if problem:
            raise _refused(label, f"its {MANIFEST_NAME} lists a bad path: {problem}")
        if name in manifest:
            raise _refused(label, f"its {MANIFEST_NAME} lists '{_shown(name)}' twice")
        manifest[name] = digest
    return manifest


def _check_manifest_matches(manifest: Mapping[str, str], files: Mapping[str, int], label: str) -> None:
    missing = sorted(set(manifest) - set(files))
    if missing:
        raise _refused(
            label, f"{_names(missing)} {_is_are(missing)} listed in its {MANIFEST_NAME} but "
            f"missing from the pack; the pack is incomplete, copy it again",
        )
    extra = sorted(set(files) - set(manifest))
    if extra:
        raise _refused(
            label, f"{_names(extra)} {_is_are(extra)} in the pack but not listed in its "
            f"{MANIFEST_NAME}; files were added after it was made, make it again",
        )


def _names(names: Sequence[str], shown: int = 3) -> str:
    quoted = [f"'{_shown(name)}'" for name in names[:shown]]
    if len(names) > shown:
        return ", ".join(quoted) + f" and {len(names) - shown} more"
    return " and ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]


def _is_are(names: Sequence[str]) -> str:
    return "is" if len(names) == 1 else "are"


def _read_signature(
    data: bytes | None, manifest: bytes | None, trusted_keys: Sequence[str], label: str
) -> tuple[SignatureInfo, bytes | None]:
    if data is None:
        return UNSIGNED, None
    key_id, raw = parse_signature(data, label)
    keys, _problems = parse_trusted_keys(trusted_keys)
    key = keys.get(key_id)
    valid = key is not None and manifest is not None and _verifies(key, raw, manifest)
    return SignatureInfo(signed=True, key_id=key_id, valid=valid), raw


def parse_signature(data: bytes, label: str = SIGNATURE_NAME) -> tuple[str, bytes]:
    """The key id and the 64 signature bytes of a MANIFEST.sig; PackRejected when malformed."""
    damaged = _refused(
        label, f"its {SIGNATURE_NAME} is damaged; sign the pack again with kiosk pack build --sign"
    )
    try:
        key_id, encoded = data.decode("ascii").split()
        raw = base64.b64decode(encoded, validate=True)
    except (UnicodeDecodeError, ValueError, binascii.Error) as exc:
        raise damaged from exc
    if not _KEY_ID.match(key_id) or len(raw) != 64:
        raise damaged
    return key_id, raw


def _verifies(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def manifest_text(hashes: Mapping[str, str]) -> str:
    """The manifest for `path -> sha256`: sorted lines `<hex>  <path>`, as sha256sum writes."""
    return "".join(f"{hashes[path]}  {path}\n" for path in sorted(hashes))


# --- keys ------------------------------------------------------------------------------------


def public_key_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def key_id(key: Ed25519PublicKey | str) -> str:
    """The first 16 hex digits of the SHA-256 of the public key's 32 bytes."""
    from cryptography.hazmat.primitives import serialization

    public = parse_public_key(key) if isinstance(key, str) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def parse_public_key(text: str) -> Ed25519PublicKey:
    """A public key from its one-line text; KeyProblem when the text is not one."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    cleaned = text.strip()
    problem = KeyProblem(
        f"'{_shown(cleaned, 30)}' is not a kiosk public key; one looks like "
        f"'{PUBLIC_KEY_PREFIX}' followed by 44 letters and digits"
    )
    if not cleaned.startswith(PUBLIC_KEY_PREFIX):
        raise problem
    try:
        raw = base64.b64decode(cleaned[len(PUBLIC_KEY_PREFIX):], validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as exc:
        raise problem from exc


def parse_trusted_keys(entries: Sequence[str]) -> tuple[dict[str, Ed25519PublicKey], list[str]]:
    """The readable keys by key id, and a sentence for each entry that is not a public key."""
    keys: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for number, entry in enumerate(entries, 1):
        try:
            key = parse_public_key(entry)
        except KeyProblem as exc:
            problems.append(f"trusted key {number}: {exc.message}")
            continue
        keys[key_id(key)] = key
    return keys, problems


def read_public_key(text_or_path: str | Path) -> str:
    """The one-line public key text, from that text, a .pub file, or a private key file.

    Raises KeyProblem with a plain sentence when there is no key to be read.
    """
    if isinstance(text_or_path, str) and text_or_path.strip().startswith(PUBLIC_KEY_PREFIX):
        return public_key_text(parse_public_key(text_or_path))
    path = Path(text_or_path)
    data = _read_key_file(path)
    if data.lstrip().startswith(b"-----BEGIN"):
        return public_key_text(_private_key_from(data, path).public_key())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KeyProblem(f"{path} is not a key file from kiosk pack keygen.") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    return public_key_text(parse_public_key(lines[0] if lines else ""))


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The signing key in `path` (PKCS8 PEM from `generate_key_pair`); KeyProblem if not."""
    return _private_key_from(_read_key_file(path), path)


def _read_key_file(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise KeyProblem(f"The key file {path} cannot be read ({_reason(exc)}).") from exc
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyProblem(f"{path} is far too large to be a key file from kiosk pack keygen.")
    return data


def _private_key_from(data: bytes, path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyProblem(
            f"{path} is not a private key the kiosk can use (an unprotected key from kiosk pack "
            "keygen is needed)."
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{path} is not an Ed25519 key; make one with kiosk pack keygen.")
    return key


def generate_key_pair(out_stem: Path) -> tuple[Path, Path]:
    """Write a new key pair: NAME.key (private, readable by its owner only) and NAME.pub.

    Never overwrites: raises KeyProblem when either file exists already.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path = out_stem.parent / (out_stem.name + KEY_SUFFIX)
    public_path = out_stem.parent / (out_stem.name + PUBLIC_KEY_SUFFIX)
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise KeyProblem(f"{path} exists already; choose another name or move it away.")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    out_stem.parent.mkdir(parents=True, exist_ok=True)
    _write_new_file(private_path, pem, 0o600)
    _write_new_file(public_path, (public_key_text(key.public_key()) + "\n").encode("ascii"), 0o644)
    return private_path, public_path


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    descriptor = os.open(path, flags, mode)
    try:
        os.chmod(path, mode)  # whatever the umask: a private key stays private
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def signature_text(manifest: bytes, key: Ed25519PrivateKey) -> bytes:
    """The MANIFEST.sig for `manifest`: one line `<key id> <base64 signature>`."""
    signed = base64.b64encode(key.sign(manifest)).decode("ascii")
    return f"{key_id(key.public_key())} {signed}\n".encode("ascii")


# --- building --------------------------------------------------------------------------------


def build_pack(
    directory: Path, out: Path, *, key: Path | None = None, limits: Limits = Limits()
) -> Path:
    """Zip the pack folder `directory` into `out` with its manifest, signed when `key` is given.

    The folder is read as the kiosk reads a stick (links, devices and junk are refused or
    skipped; a manifest or signature already there is replaced), and the finished file is
    opened as the kiosk would open it before it replaces `out`, so what is built is accepted.
    Raises PackRejected or KeyProblem with a plain sentence.
    """
    private_key = load_private_key(key) if key is not None else None
    if not directory.is_dir():
        raise PackRejected(f"{directory} is not a folder; give the folder that holds {PACK_FILE}.")
    label = _label(directory)
    if out.resolve().is_relative_to(directory.resolve()):
        raise PackRejected(f"Write the pack file outside the folder it is made from ({directory}).")
    sizes = walk_folder(directory, label, limits)
    _check_collisions(sizes, label)
    if PACK_FILE not in sizes:
        raise _refused(label, f"it holds no {PACK_FILE}, so it is not a content pack")
    names = sorted(name for name in sizes if name not in _MANIFEST_FILES)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        _write_pack_zip(directory, names, temporary, private_key)
        _open_zip(temporary, out.name, limits, ()).close()  # refuses what a kiosk would
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out


def _write_pack_zip(
    directory: Path, names: Sequence[str], target: Path, key: Ed25519PrivateKey | None
) -> None:
    hashes: dict[str, str] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            hashes[name] = _copy_into(archive, directory, name)
        manifest = manifest_text(hashes).encode("utf-8")
        archive.writestr(_zip_info(MANIFEST_NAME), manifest)
        if key is not None:
            archive.writestr(_zip_info(SIGNATURE_NAME), signature_text(manifest, key))
    with target.open("rb+") as stream:
        os.fsync(stream.fileno())


def _copy_into(archive: zipfile.ZipFile, directory: Path, name: str) -> str:
    digest = hashlib.sha256()
    try:
        source = os.fdopen(_open_without_links(directory, name), "rb")
    except OSError as exc:
        raise PackRejected(f"'{_shown(name)}' in {directory} cannot be read ({_reason(exc)}).") from exc
    with source, archive.open(_zip_info(name), "w") as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            target.write(chunk)
    return digest.hexdigest()


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info
