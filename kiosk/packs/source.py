"""One pack on a stick, checked but not yet copied: its files, sizes, manifest and signature.

`PackSource.open` never yields more bytes than a file's declared size; `verify_all` reads every
file against the manifest; `trust_problem` says why this kiosk must refuse the pack. Opening a
pack (a folder or a .kioskpack) is `kiosk.packs.opening.open_source`. No Qt here.
"""

from __future__ import annotations

import errno
import hashlib
import io
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Protocol

from kiosk.packs.keys import parse_trusted_keys, verifies
from kiosk.packs.limits import CHUNK, PackRejected, reason, refused, shown, size_text
from kiosk.packs.manifest import (
    BAD_SIGNATURE,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    UNSIGNED_REFUSAL,
    SignatureInfo,
    check_manifest_matches,
    parse_manifest,
    read_signature,
    untrusted_key_message,
)
from kiosk.packs.names import MANIFEST_FILES, MANIFEST_NAME, SIGNATURE_NAME

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


@dataclass(frozen=True)
class SourceFile:
    path: str  # posix, relative to the pack's root, e.g. "articles/a.md"
    size: int  # bytes, as declared (a zip's header; a folder's file size)


class Reader(Protocol):
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
        reader: Reader,
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

    def open(self, path: str) -> io.BufferedReader:
        """A file's bytes, never more than its declared size; OSError when it cannot be read.

        Reading raises OSError too when the file turns out damaged (a zip's checksum), shorter
        than declared (a pulled stick) or longer (changed since the pack was opened).
        """
        size = self._sizes.get(path)
        if size is None:
            raise FileNotFoundError(errno.ENOENT, f"it is not a file of {self.label}", path)
        raw = self._reader.open_raw(path)
        return io.BufferedReader(SizedReader(raw, size, path))

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
            where = f"'{shown(source_file.path)}' in {self.label}"
            try:
                actual = self.hash_file(source_file.path)
            except OSError as exc:
                problems.append(f"{where} cannot be read ({reason(exc)}).")
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
            return untrusted_key_message(self.signature.key_id, keys, problems)
        if self._signature_raw is None or self.manifest_bytes is None:
            return BAD_SIGNATURE
        if not verifies(key, self._signature_raw, self.manifest_bytes):
            return BAD_SIGNATURE
        return None


class SizedReader(io.RawIOBase):
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
        count = self._readinto_raw(view[: min(len(view), self._left)])
        if not count:
            raise OSError(errno.EIO, "the file ended early; was the USB stick removed?", self._path)
        self._left -= count
        return count

    def _read_raw(self, count: int) -> bytes:
        try:
            return self._raw.read(count)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise OSError(errno.EIO, "the file is damaged inside the pack", self._path) from exc

    def _readinto_raw(self, view: memoryview) -> int:
        """Straight into the caller's buffer (a large block is not copied twice)."""
        try:
            return self._raw.readinto(view) or 0  # type: ignore[attr-defined]
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise OSError(errno.EIO, "the file is damaged inside the pack", self._path) from exc

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def assemble(
    origin: Path,
    label: str,
    sizes: Mapping[str, int],
    reader: Reader,
    trusted_keys: Sequence[str],
    *,
    manifest_required: bool,
) -> PackSource:
    files = {name: size for name, size in sizes.items() if name not in MANIFEST_FILES}
    manifest_bytes = _read_small(reader, sizes, MANIFEST_NAME, MAX_MANIFEST_BYTES, label)
    signature_bytes = _read_small(reader, sizes, SIGNATURE_NAME, MAX_SIGNATURE_BYTES, label)
    manifest = None
    if manifest_bytes is None:
        if manifest_required:
            raise refused(
                label, f"it has no {MANIFEST_NAME} (the list of its files and their checksums); "
                "make it with kiosk pack build",
            )
        if signature_bytes is not None:
            raise refused(label, f"it has a {SIGNATURE_NAME} but no {MANIFEST_NAME} to go with it")
    else:
        manifest = parse_manifest(manifest_bytes, label)
        check_manifest_matches(manifest, files, label)
    signature, raw_signature = read_signature(signature_bytes, manifest_bytes, trusted_keys, label)
    return PackSource(
        origin=origin, label=label, sizes=files, reader=reader, manifest=manifest,
        manifest_bytes=manifest_bytes, signature=signature, signature_raw=raw_signature,
    )


def _read_small(
    reader: Reader, sizes: Mapping[str, int], name: str, limit: int, label: str
) -> bytes | None:
    size = sizes.get(name)
    if size is None:
        return None
    if size > limit:
        raise refused(label, f"its {name} is {size_text(size)}, far larger than any pack needs")
    try:
        with reader.open_raw(name) as raw, io.BufferedReader(SizedReader(raw, size, name)) as stream:
            return stream.read()
    except OSError as exc:
        raise PackRejected(f"{label} is damaged: its {name} cannot be read ({reason(exc)}).") from exc
