"""Copying a pack from its source into a private staging folder: two files at a time, each read
once and hashed as it is written (SHA-256, compared with the manifest), then everything forced to
disk at once (one syncfs on Linux, else one fsync pass at the end), with progress, cancelling,
and a plain reason when the stick is pulled, the disk fills or a file changes under the copy.

Why two at a time: hashing costs about as much CPU as the copy's reads and writes, and all three
let go of Python's interpreter lock, so on two cores two files copied and hashed side by side
take little more than a plain copy (bench/import.py). The thread that called `copy_all` makes
the folders, starts the two workers and waits for them; the workers report progress and poll
`cancelled` themselves, one at a time (after each file, before starting another, and after
each megabyte of a large one), and the first failure stops them all and is raised by
`copy_all`. No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from kiosk.disk.sync import can_sync_file_system, path_exists, sync_file, sync_file_system, sync_folder
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
COPY_WORKERS = 2  # files copied (and hashed) at once
# Errors that mean the source went away under us: a pulled stick, an unplugged network share.
# (A plain EIO from the system means it too; see Copier._read_failure.)
_SOURCE_GONE = {
    errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTCONN,
    errno.ESHUTDOWN, errno.ENOMEDIUM,
}


class _Stopped(Exception):  # noqa: N818 (not an error: another worker failed or staff cancelled)
    """A worker leaves its file half copied because the copy as a whole has ended."""


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
        self._stop = threading.Event()
        self._lock = threading.Lock()  # around the counts, the reports and `cancelled`
        self._failure: BaseException | None = None

    def copy_all(self) -> tuple[int, int]:
        self._make_folder(self.content)
        jobs = [(item, self._target(item.path)) for item in self.source.files]
        self._progress()
        self._copy_with_workers(jobs)
        self._sync_all()
        return self.files_done, self.bytes_done

    # The workers ---------------------------------------------------------------------------

    def _copy_with_workers(self, jobs: list[tuple[SourceFile, Path]]) -> None:
        todo: queue.SimpleQueue[tuple[SourceFile, Path]] = queue.SimpleQueue()
        for job in jobs:
            todo.put(job)
        workers = [
            threading.Thread(target=self._work, args=(todo,), name="import-copy", daemon=True)
            for _ in range(min(COPY_WORKERS, len(jobs)))
        ]
        for worker in workers:
            worker.start()
        for worker in workers:  # every worker has stopped writing before the caller deletes the copy
            worker.join()
        if self._failure is not None:
            raise self._failure

    def _work(self, todo: queue.SimpleQueue[tuple[SourceFile, Path]]) -> None:
        buffer = bytearray(CHUNK_BYTES)
        while not self._stop.is_set():
            try:
                item, target = todo.get_nowait()
            except queue.Empty:
                return
            try:
                self._copy_file(item, target, buffer)
                self._file_done(target)
            except _Stopped:
                return
            except BaseException as error:  # the first one is raised by `copy_all`
                with self._lock:
                    self._failure = self._failure or error
                self._stop.set()
                return

    def _file_done(self, target: Path) -> None:
        """Counted and reported before this worker starts another file, so that whoever follows
        the progress sees the copy as it is (a stick pulled after the 3rd file fails the 5th)."""
        with self._lock:
            self.files_done += 1
            self.written.append(target)
            self._progress()
            self._check_cancelled()

    def _bytes_done(self, count: int, *, show: bool) -> None:
        with self._lock:
            self.bytes_done += count
            if show:  # a megabyte more of a large file
                self._progress()
                self._check_cancelled()

    # One file -----------------------------------------------------------------------------

    def _copy_file(self, item: SourceFile, target: Path, buffer: bytearray) -> None:
        """Copy one file, hashing it as it goes when the pack has a manifest to compare with."""
        digest = hashlib.sha256() if self.source.manifest is not None else None
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
                copied = self._pump(item, reader, writer, buffer, digest)
                writer.close()
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            finally:
                # After a failed write, closing tries the buffered rest again (a full disk
                # refuses it again): the first reason is the one staff read.
                with contextlib.suppress(OSError):
                    writer.close()
        if copied != item.size:
            if not path_exists(self.source.origin):
                raise ImportFailed(STICK_REMOVED)
            raise self._changed(item.path)
        manifest = self.source.manifest
        if digest is not None and manifest is not None and \
                digest.hexdigest() != manifest.get(item.path, "").lower():
            raise ImportRefused(
                f"{item.path} was damaged on the way: its contents do not match the pack's "
                "manifest. Nothing was changed. Copy the pack onto the stick again."
            )

    def _pump(
        self, item: SourceFile, reader: io.BufferedReader, writer: IO[bytes], buffer: bytearray,
        digest: Any | None,
    ) -> int:
        """Read the file in large blocks into `buffer`, hash and write each; returns the bytes
        copied (fewer than the size if the file ended early)."""
        copied = 0
        with memoryview(buffer) as whole:
            while copied < item.size:
                if self._stop.is_set():
                    raise _Stopped()
                try:
                    count = reader.readinto(whole[:min(len(buffer), item.size - copied)])
                except OSError as exc:
                    raise self._read_failure(item.path, exc) from exc
                if not count:
                    return copied
                if digest is not None:
                    digest.update(whole[:count])
                try:
                    _write_all(writer, whole[:count])
                except OSError as exc:
                    raise self._write_failure(item.path, exc) from exc
                copied += count
                self._bytes_done(count, show=copied < item.size)
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
            if can_sync_file_system():
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
