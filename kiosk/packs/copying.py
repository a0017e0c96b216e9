"""Copying a pack from its source into a private staging folder: every file read once, its
chunks hashed on a second thread (packs/hashing.py) while they are written and compared with the
manifest, then everything forced to disk at once (one syncfs on Linux, else one fsync pass at the
end), with progress, cancelling, and a plain reason when the stick is pulled, the disk fills or
a file changes under the copy.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

from kiosk.disk.sync import CAN_SYNC_FILE_SYSTEM, path_exists, sync_file, sync_file_system, sync_folder
from kiosk.packs.hashing import BackgroundHasher, Buffers
from kiosk.packs.outcomes import (
    STICK_REMOVED,
    ImportCancelled,
    ImportFailed,
    ImportRefused,
    Progress,
    ProgressCallback,
    os_reason,
    write_failure,
)

if TYPE_CHECKING:
    from kiosk.packs.manifest import SignatureInfo
    from kiosk.packs.source import PackSource, SourceFile

CHUNK_BYTES = 1024 * 1024
BUFFERS = 8  # of CHUNK_BYTES, going round between the copy and the hasher
# Errors that mean the source went away under us: a pulled stick, an unplugged network share.
# (A plain EIO from the system means it too; see Copier._read_failure.)
_SOURCE_GONE = {
    errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTCONN,
    errno.ESHUTDOWN, errno.ENOMEDIUM,
}


class Copier:
    """Copies a source's files into `content`, hashing while writing; one instance per import."""

    def __init__(
        self, source: PackSource, content: Path, data_dir: Path, report: ProgressCallback,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.source = source
        self.content = content
        self.data_dir = data_dir
        self.report = report
        self.cancelled = cancelled or _never
        self.files_total = len(source.files)
        self.bytes_total = sum(item.size for item in source.files)
        self.files_done = 0
        self.bytes_done = 0
        self.folders: set[Path] = set()
        self.written: list[Path] = []
        self.hasher: BackgroundHasher | None = None
        self.buffers = Buffers(CHUNK_BYTES, BUFFERS)

    def copy_all(self) -> tuple[int, int]:
        manifest = self.source.manifest
        self.hasher = BackgroundHasher(manifest, self.buffers) if manifest is not None else None
        try:
            self._make_folder(self.content)
            self._progress()
            for item in self.source.files:
                self._check_cancelled()
                target = self._target(item.path)
                self._copy_file(item, target)
                self.written.append(target)
                self._refuse_damaged()
                self.files_done += 1
                self._progress()
            if self.hasher is not None:
                self.hasher.close()  # every file hashed and compared
                self._refuse_damaged()
            self._sync_all()
        finally:
            if self.hasher is not None:
                self.hasher.close(discard=True)
        return self.files_done, self.bytes_done

    def _refuse_damaged(self) -> None:
        damaged = self.hasher.first_mismatch if self.hasher is not None else None
        if damaged is not None:
            raise ImportRefused(
                f"{damaged} was damaged on the way: its contents do not match the pack's "
                "manifest. Nothing was changed. Copy the pack onto the stick again."
            )

    def _copy_file(self, item: SourceFile, target: Path) -> None:
        """Copy one file, handing its chunks to the hasher when the pack has a manifest."""
        try:
            reader = self.source.open(item.path)
        except OSError as exc:
            raise self._read_failure(item.path, exc) from exc
        with reader:
            try:
                writer = open(target, "xb", buffering=0)  # noqa: SIM115 (closed below, with its own errors)
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            try:
                copied = self._pump(item, reader, writer)
                writer.close()
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            finally:
                with contextlib.suppress(OSError):
                    writer.close()
        if copied != item.size:
            if not path_exists(self.source.origin):
                raise ImportFailed(STICK_REMOVED)
            raise self._changed(item.path)
        if self.hasher is not None:
            self.hasher.finish(item.path)

    def _pump(self, item: SourceFile, reader: io.BufferedReader, writer: IO[bytes]) -> int:
        """Read the file in large blocks into the going-round buffers, each handed to the hasher
        and written; returns the bytes copied (fewer than the size if the file ended early)."""
        copied = 0
        while copied < item.size:
            buffer = self.buffers.take()
            try:
                with memoryview(buffer) as whole:
                    count = reader.readinto(whole[:min(len(buffer), item.size - copied)])
            except OSError as exc:
                self.buffers.give_back(buffer)
                raise self._read_failure(item.path, exc) from exc
            if not count:
                self.buffers.give_back(buffer)
                return copied
            if self.hasher is not None:
                self.hasher.update(item.path, buffer, count)  # hashed on the other thread meanwhile
            try:
                with memoryview(buffer) as whole:
                    _write_all(writer, whole[:count])
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            finally:
                if self.hasher is None:
                    self.buffers.give_back(buffer)
            copied += count
            self.bytes_done += count
            if copied < item.size:  # a large file: show the megabytes moving
                self._progress()
                self._check_cancelled()
        try:
            reader.read(1)  # the source raises if the file grew since it was listed
        except OSError as exc:
            raise self._read_failure(item.path, exc) from exc
        return copied

    def _target(self, path: str) -> Path:
        """Where a pack file goes in the copy; its folders are made on the way."""
        parts = _safe_parts(path)
        folder = self.content
        for part in parts[:-1]:
            folder = folder / part
        self._make_folder(folder)
        return folder / parts[-1]

    def _make_folder(self, folder: Path) -> None:
        if folder in self.folders:
            return
        if folder != self.content:
            self._make_folder(folder.parent)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise self._write_failure(folder.relative_to(self.content).as_posix(), exc) from exc
        self.folders.add(folder)

    def _sync_all(self) -> None:
        """Force every file to disk at once (one syncfs on Linux, else one fsync pass now that
        all are written), then the folders naming them."""
        try:
            if CAN_SYNC_FILE_SYSTEM:
                sync_file_system(self.content)
            else:
                for path in self.written:
                    sync_file(path)
        except OSError as exc:
            raise write_failure(self.data_dir, "the copied files", exc) from exc
        folders = sorted(self.folders, key=lambda f: len(f.parts), reverse=True)
        for folder in [*folders, self.content.parent]:
            try:
                sync_folder(folder)
            except OSError as exc:
                raise write_failure(self.data_dir, "the copied folders", exc) from exc

    def _progress(self) -> None:
        self.report(Progress(
            "copying", self.files_done, self.files_total, self.bytes_done, self.bytes_total
        ))

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise ImportCancelled()

    def _read_failure(self, path: str, exc: OSError) -> ImportFailed:
        system_said = exc.errno is None or exc.strerror in (None, os.strerror(exc.errno))
        if exc.errno in _SOURCE_GONE or not path_exists(self.source.origin):
            return ImportFailed(STICK_REMOVED)
        if exc.errno == errno.EIO and system_said:  # the device went away under the file system
            return ImportFailed(STICK_REMOVED)
        # The system's words ("permission denied") or the source's own ("the file is damaged
        # inside the pack"), in lower case, after the file's name.
        reason = os_reason(exc) if system_said else str(exc.strerror).strip().rstrip(".")
        return ImportFailed(
            f"{path} could not be read from {self.source.label} ({reason}). Nothing was changed. "
            "Copy the pack onto the stick again, or try another stick."
        )

    def _write_failure(self, path: str, exc: OSError) -> ImportFailed:
        """A file or folder of the pack could not be written: its name helps staff."""
        return write_failure(self.data_dir, path, exc, copying=True)

    def _changed(self, path: str) -> ImportFailed:
        return ImportFailed(
            f"{path} changed while it was being copied. Nothing was changed. Leave the stick "
            "alone until the copy is finished, then try again."
        )


def _safe_parts(path: str) -> tuple[str, ...]:
    """The parts of a file's path inside the pack; refuses anything that could lead outside it."""
    pure = PurePosixPath(path)
    parts = pure.parts
    if (
        not parts or pure.is_absolute() or any(part in ("", ".", "..") for part in parts)
        or "\\" in path or "\x00" in path
    ):
        raise ImportRefused(
            f"The pack holds a file named '{path}', which is not a safe name inside a pack. "
            "Nothing was changed. Build the pack again with `kiosk pack build`."
        )
    return parts


def _write_all(writer: IO[bytes], data: memoryview) -> None:
    """An unbuffered file may take part of a chunk in one write: the rest follows."""
    while data:
        written = writer.write(data)
        if not written:
            raise OSError(errno.EIO, "the disk took none of the data")
        data = data[written:]


def _never() -> bool:
    return False



@dataclass(frozen=True)
class StagedPack:
    """A complete, checked copy of a pack in the private staging folder, ready to review."""

    path: Path
    label: str
    signature: SignatureInfo
