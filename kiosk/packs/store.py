"""Installed content packs in the kiosk's data folder: copying in, switching, keeping, going back.

The data folder (`default_data_dir()`: the `KIOSK_DATA_DIR` environment variable, else the
platform's data folder for "kiosk") holds:

    active                        the pointer: one line naming the active folder under packs/
    packs/0007-clinic-2026.3/     one installed version: `pack/` (the content) and `install.json`
    staging/import-xxxx/          an import being copied, or an old version being deleted
    .lock                         held while one process changes packs/ or the pointer

Why a power cut, a pulled stick or a full disk never leaves a mix of two packs:

- `stage()` copies every file from the source into a private folder under `staging/`, hashing
  each file while it is written and comparing it with the pack's manifest (when the pack has
  one: a .kioskpack always does), then forces every
  file and folder to disk: on Linux with one syncfs() of the data folder's file system once all
  files are written (the same guarantee as an fsync of each file, and about twice as fast for
  2,000 files, because the disk's journal commits once), elsewhere with an fsync of each file as
  it is closed; then an fsync of each folder. Nothing outside `staging/` is touched, and on any
  failure or cancel the folder is deleted, so "Nothing was changed" is true.
- `commit()` validates the staged copy again (never the stick: it may have changed since), writes
  `install.json` last, forces it to disk, and moves the whole staging folder into `packs/` with
  one rename: a folder in `packs/` is therefore complete or absent. Then the pointer file is
  replaced with one atomic step (write a temporary file, fsync, rename over `active`, fsync the
  folder): the kiosk shows the old pack until that rename and the new one after it. A pointer
  file works the same on every system, where a symbolic link would not.
- Old versions are deleted by first renaming them into `staging/` (one atomic step), so a half
  deleted folder is never in `packs/`.
- `clean_leftovers()`, run at start-up, deletes what a crash left: folders in `staging/` (unless
  another process holds their lock: an import still running, e.g. `kiosk import` while the kiosk
  restarts), temporary pointer files, folders in `packs/` without a readable `install.json`, and
  versions newer than the pointer (moved in, but the switch never happened, so never shown).
- `active_dir()` never returns a folder that is not complete: if the pointer names a folder that
  is missing or incomplete, the newest complete version older than it is used; with no pointer
  (nothing installed), None, and the kiosk shows its bundled pack.

Versions are numbered (`0007-`) in the order they were installed; the newest three are kept
(never deleting the active one). `rollback()` ("Undo last update") points back at the newest
version older than the active one, then deletes the version it left, so a second undo goes one
further back and an import after it does not come back to the undone pack.

Whether the pack's signer is trusted is the caller's question (`source.trust_problem(keys)`, shown
in the review before `commit`); this module installs what it is given.

No Qt widgets here (validation reads image headers with QtGui): the kiosk runs `stage()` and
`commit()` on a worker thread. Progress is reported at the start of the copy, after each file and
after each megabyte of a large one ("copying"), before and after validating ("checking"), at
each step of the switch ("switching": before it, once moved into packs/, once the pointer is
replaced, once old versions are pruned) and at the end ("done"); `cancelled` is polled between chunks.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

import platformdirs

from kiosk.content.loader import load_pack
from kiosk.disk.atomic_file import atomic_write_text

if TYPE_CHECKING:
    from kiosk.packs.manifest import SignatureInfo
    from kiosk.packs.source import PackSource, SourceFile

log = logging.getLogger(__name__)

DATA_DIR_VARIABLE = "KIOSK_DATA_DIR"
KEEP_VERSIONS = 3
CHUNK_BYTES = 1024 * 1024
POINTER_NAME = "active"
PACKS_FOLDER = "packs"
STAGING_FOLDER = "staging"
CONTENT_FOLDER = "pack"
RECORD_NAME = "install.json"
LOCK_NAME = ".lock"
_VERSION_NAME = re.compile(r"^(\d{4,})-[A-Za-z0-9._-]+$")

NOTHING_CHANGED = "Nothing was changed."
STICK_REMOVED = "The USB stick was removed before the copy finished. Nothing was changed."
NO_EARLIER_VERSION = "There is no earlier version to go back to."
# Errors that mean the source went away under us: a pulled stick, an unplugged network share.
# (A plain EIO from the system means it too; see _Copier._read_failure.)
_SOURCE_GONE = {
    errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTCONN,
    errno.ESHUTDOWN, errno.ENOMEDIUM,
}
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


def default_data_dir() -> Path:
    """`KIOSK_DATA_DIR` when set, else the platform's data folder for the kiosk."""
    configured = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("kiosk", appauthor=False)


@dataclass(frozen=True)
class Progress:
    """How far an import is: `phase` is "copying", "checking", "switching" or "done"."""

    phase: str
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int

    @property
    def fraction(self) -> float:
        """0.0 to 1.0, by bytes (by files when the pack is empty), for a progress bar."""
        if self.bytes_total > 0:
            return min(1.0, self.bytes_done / self.bytes_total)
        return 1.0 if self.files_total == 0 else min(1.0, self.files_done / self.files_total)


ProgressCallback = Callable[[Progress], None]


class _StaffMessage(Exception):  # noqa: N818 (the contract names ImportFailed and ImportRefused)
    """An exception whose `message` is a plain sentence for staff, naming the file and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportFailed(_StaffMessage):
    """The import could not finish (pulled stick, full disk, unreadable file); nothing was changed."""


class ImportRefused(_StaffMessage):
    """The pack itself is not acceptable (errors, manifest mismatch, untrusted); nothing was changed."""


class ImportCancelled(Exception):  # noqa: N818 (the name is in the issue's contract)
    """Staff cancelled the import; the copy so far was deleted and nothing was changed."""

    def __init__(self, message: str = "The import was cancelled. Nothing was changed.") -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StagedPack:
    """A complete, checked copy of a pack in the private staging folder, ready to review."""

    path: Path
    label: str
    signature: SignatureInfo


@dataclass(frozen=True)
class InstalledVersion:
    """One installed version in `packs/`; `path` is its content folder (what the kiosk loads)."""

    name: str
    path: Path
    pack_id: str
    version: str
    title: str
    installed_at: datetime
    active: bool
    source: str = ""
    signed: bool = False
    key_id: str = ""
    files: int = 0
    bytes: int = 0

    @property
    def number(self) -> int:
        return _version_number(self.name) or 0


@dataclass
class _Staging:
    folder: Path
    lock: int | None
    files: int = 0
    bytes: int = 0


class PackStore:
    """The installed packs in one data folder. See the module's docstring for the layout."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._packs = data_dir / PACKS_FOLDER
        self._staging = data_dir / STAGING_FOLDER
        self._pointer = data_dir / POINTER_NAME
        self._held: dict[Path, _Staging] = {}  # staged content folder -> its staging folder

    # --- what is installed -----------------------------------------------------------------------

    def active_dir(self) -> Path | None:
        """The content folder the kiosk shows; None when nothing is installed (the bundled pack)."""
        active = next((v for v in self.versions() if v.active), None)
        return active.path if active is not None else None

    def active_version(self) -> InstalledVersion | None:
        return next((v for v in self.versions() if v.active), None)

    def versions(self) -> list[InstalledVersion]:
        """Every complete installed version, newest first; the one shown has `active` set."""
        complete = self._complete_versions()
        active = _choose_active(self._read_pointer(), complete)
        return [replace(v, active=v.name == active) for v in complete]

    # --- start-up ------------------------------------------------------------------------------------

    def clean_leftovers(self) -> list[Path]:
        """Delete what an interrupted import or removal left behind; returns what was deleted.

        Staging folders still locked by a running import (another process) are left alone.
        """
        removed: list[Path] = []
        if not self.data_dir.is_dir():
            return removed
        try:
            self._clean(removed)
        except ImportFailed as failed:  # a read-only data folder must not stop the kiosk starting
            log.error("could not clean the data folder: %s", failed.message)
        return removed

    def _clean(self, removed: list[Path]) -> None:
        with self._locked():
            for temporary in self.data_dir.glob(f".{POINTER_NAME}.*.tmp"):
                with contextlib.suppress(OSError):
                    temporary.unlink()
                    removed.append(temporary)
            pointer = self._read_pointer()
            pointer_number = _version_number(pointer) if pointer else None
            for entry in self._entries(self._packs):
                record = _read_record(entry)
                never_shown = record is not None and (
                    pointer is None or (pointer_number is not None
                                        and (_version_number(entry.name) or 0) > pointer_number)
                )
                if record is None or never_shown:
                    try:
                        self._remove_version_folder(entry)
                    except OSError as exc:
                        log.error("could not delete %s, left by an import: %s", entry, exc)
                        continue
                    removed.append(entry)
            # A crash between the switch and the pruning after it left one version too many.
            active = _choose_active(pointer, self._complete_versions())
            if active is not None:
                removed.extend(self._prune(keep=active))
            for entry in self._entries(self._staging):
                if self._is_in_use(entry):
                    continue
                _remove_tree(entry)
                removed.append(entry)

    # --- importing -----------------------------------------------------------------------------------

    def stage(
        self, source: PackSource, *, progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StagedPack:
        """Copy the pack into a private staging folder, checking each file against the manifest.

        Raises ImportFailed (pulled stick, full disk, unreadable file), ImportRefused (a file does
        not match the manifest, or an unsafe file name) or ImportCancelled; in every case the
        staging folder is deleted again and nothing else was touched. Whether the pack's signer
        is trusted is for the caller to ask (`source.trust_problem(keys)`, shown in the review).
        """
        report = progress or _ignore
        staging = self._new_staging()
        content = staging.folder / CONTENT_FOLDER
        try:
            copier = _Copier(source, content, self.data_dir, report, cancelled)
            staging.files, staging.bytes = copier.copy_all()
        except BaseException:
            self._release(staging)
            _remove_tree(staging.folder)
            raise
        self._held[content] = staging
        return StagedPack(path=content, label=source.label, signature=source.signature)

    def discard(self, staged: StagedPack) -> None:
        """Delete a staged copy that staff decided not to install."""
        staging = self._held.pop(staged.path, None)
        folder = staged.path.parent
        if staging is not None:
            self._release(staging)
        if _is_inside(folder, self._staging):
            _remove_tree(folder)

    def commit(self, staged: StagedPack, *, progress: ProgressCallback | None = None) -> InstalledVersion:
        """Validate the staged copy again, move it into `packs/` and make it the active pack.

        Raises ImportRefused if the staged pack has errors, ImportFailed if it cannot be moved
        in (full disk...); the staged copy is deleted in both cases and the active pack is unchanged.
        """
        report = progress or _ignore
        staging = self._held.get(staged.path)
        folder = staged.path.parent
        if not _is_inside(folder, self._staging) or not staged.path.is_dir():
            raise ImportFailed(
                "The copy of this pack is no longer in the kiosk's staging folder (was the kiosk "
                "restarted?). Nothing was changed. Start the import again."
            )
        if staging is None:  # staged by another PackStore on the same folder: count the files
            try:
                staging = _Staging(folder, None, *_count_files(staged.path))
            except OSError as exc:
                raise self._write_failure("the staged copy", exc) from exc
        files, size = staging.files, staging.bytes
        try:
            report(Progress("checking", files, files, size, size))
            record = _record_for(staged, files, size)
            report(Progress("checking", files, files, size, size))
            with self._locked():
                installed = self._move_in_and_switch(staging, record, report)
        except BaseException:
            self._held.pop(staged.path, None)
            self._release(staging)
            _remove_tree(folder)
            raise
        self._held.pop(staged.path, None)
        self._release(staging)
        self._report_after_switch(report, Progress("done", files, files, size, size))
        return installed

    def rollback(self) -> InstalledVersion:
        """Show the newest version older than the active one again, and delete the active one.

        Raises ImportFailed("There is no earlier version to go back to.") when there is none.
        """
        with self._locked():
            versions = self.versions()
            active = next((v for v in versions if v.active), None)
            if active is None:
                raise ImportFailed(NO_EARLIER_VERSION)
            older = [v for v in versions if v.number < active.number]
            if not older:
                raise ImportFailed(NO_EARLIER_VERSION)
            target = older[0]
            try:
                self._write_pointer(target.name)
            except OSError as exc:
                raise ImportFailed(
                    f"The kiosk could not switch back ({_reason(exc)}). Nothing was changed. "
                    "Ask IT to check the kiosk's disk."
                ) from exc
            try:
                self._remove_version_folder(active.path.parent)
            except OSError as exc:  # shown no longer; start-up cleaning deletes it (it is newer)
                log.warning("could not delete %s after going back: %s", active.path.parent, exc)
        return replace(target, active=True)

    # --- the steps of commit ----------------------------------------------------------------------

    def _move_in_and_switch(
        self, staging: _Staging, record: dict[str, Any], report: ProgressCallback,
    ) -> InstalledVersion:
        files, size = staging.files, staging.bytes
        number = self._next_number()
        name = f"{number:04d}-{_name_part(record['pack_id'])}-{_name_part(record['version'])}"
        target = self._packs / name
        report(Progress("switching", files, files, size, size))
        try:
            _write_synced(staging.folder / RECORD_NAME, json.dumps(record, indent=2) + "\n")
            _sync_folder(staging.folder)
            self._packs.mkdir(parents=True, exist_ok=True)
            os.rename(staging.folder, target)  # complete, in one step; not shown yet
        except OSError as exc:
            raise self._write_failure("the new version", exc) from exc
        try:
            _sync_folder(self._packs)
            _sync_folder(self._staging)
            with contextlib.suppress(OSError):
                (target / LOCK_NAME).unlink()
            report(Progress("switching", files, files, size, size))
            self._write_pointer(name)  # the switch: one atomic rename of the pointer file
        except BaseException as exc:
            with contextlib.suppress(OSError):  # else start-up cleaning deletes it: never shown
                self._remove_version_folder(target)
            if isinstance(exc, OSError):
                raise self._write_failure("the active-pack pointer", exc) from exc
            raise
        # Installed and shown from here on: what follows must not make it look as if it failed.
        self._report_after_switch(report, Progress("switching", files, files, size, size))
        self._prune(keep=name)
        self._report_after_switch(report, Progress("switching", files, files, size, size))
        return _version_from(target, record, active=True)

    @staticmethod
    def _report_after_switch(report: ProgressCallback, progress: Progress) -> None:
        try:
            report(progress)
        except Exception:
            log.exception("the progress display failed after the new pack was installed")

    def _prune(self, keep: str) -> list[Path]:
        """Delete all but the newest KEEP_VERSIONS versions; never `keep` (the active one)."""
        removed = []
        for old in self._complete_versions()[KEEP_VERSIONS:]:
            if old.name == keep:
                continue
            try:
                self._remove_version_folder(old.path.parent)
            except OSError as exc:
                log.warning("could not delete the old version %s: %s", old.path.parent, exc)
                continue
            removed.append(old.path.parent)
        return removed

    # --- folders and the pointer --------------------------------------------------------------------

    def _complete_versions(self) -> list[InstalledVersion]:
        found = []
        for entry in self._entries(self._packs):
            record = _read_record(entry)
            if record is not None:
                found.append(_version_from(entry, record, active=False))
        found.sort(key=lambda v: v.number, reverse=True)
        return found

    def _entries(self, folder: Path) -> list[Path]:
        try:
            return sorted(folder.iterdir())
        except OSError:
            return []

    def _next_number(self) -> int:
        numbers = [_version_number(entry.name) or 0 for entry in self._entries(self._packs)]
        return max(numbers, default=0) + 1

    def _read_pointer(self) -> str | None:
        """The folder name the pointer file names, or None when there is no pointer file."""
        try:
            text = self._pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.error("the active-pack pointer %s cannot be read: %s", self._pointer, exc)
            return ""
        return text if _VERSION_NAME.match(text) else ""

    def _write_pointer(self, name: str) -> None:
        atomic_write_text(self._pointer, name + "\n")

    def _remove_version_folder(self, folder: Path) -> None:
        """Take a version out of `packs/` in one step (rename into staging), then delete it."""
        self._staging.mkdir(parents=True, exist_ok=True)
        trash = self._staging / f"removing-{folder.name}-{secrets.token_hex(4)}"
        os.rename(folder, trash)
        _sync_folder(self._packs)
        _remove_tree(trash)

    def _new_staging(self) -> _Staging:
        try:
            self._staging.mkdir(parents=True, exist_ok=True)
            folder = self._staging / f"import-{secrets.token_hex(8)}"
            folder.mkdir(mode=0o700)
            lock = _hold_lock(folder / LOCK_NAME)
        except OSError as exc:
            raise self._write_failure("the staging folder", exc) from exc
        return _Staging(folder, lock)

    def _release(self, staging: _Staging) -> None:
        if staging.lock is not None:
            with contextlib.suppress(OSError):
                os.close(staging.lock)
            staging.lock = None

    def _is_in_use(self, folder: Path) -> bool:
        """Whether a running import (of any process) holds this staging folder's lock."""
        if any(held.folder == folder for held in self._held.values()):
            return True
        lock = folder / LOCK_NAME
        if not lock.is_file():
            return False
        try:
            descriptor = _hold_lock(lock, wait=False)
        except OSError:
            return False
        if descriptor is None:
            return True
        os.close(descriptor)
        return False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time moves folders in or out of `packs/` or changes the pointer."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            descriptor = _hold_lock(self.data_dir / LOCK_NAME, wait=True)
        except OSError as exc:
            raise self._write_failure("the data folder", exc) from exc
        try:
            yield
        finally:
            if descriptor is not None:
                os.close(descriptor)

    def _write_failure(self, what: str, exc: OSError) -> ImportFailed:
        return _write_failure(self.data_dir, what, exc)


# --- copying -------------------------------------------------------------------------------------


class _Copier:
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

    def copy_all(self) -> tuple[int, int]:
        self._make_folder(self.content)
        self._progress()
        for item in self.source.files:
            self._check_cancelled()
            target = self.content.joinpath(*_safe_parts(item.path))
            self._make_folder(target.parent)
            digest = self._copy_file(item, target)
            manifest = self.source.manifest
            if manifest is not None and digest != manifest.get(item.path, "").lower():
                raise ImportRefused(
                    f"{item.path} was damaged on the way: its contents do not match the pack's "
                    "manifest. Nothing was changed. Copy the pack onto the stick again."
                )
            self.files_done += 1
            self._progress()
        self._sync_folders()
        return self.files_done, self.bytes_done

    def _copy_file(self, item: SourceFile, target: Path) -> str | None:
        """Copy one file; its SHA-256 when the pack has a manifest to compare it with."""
        digest = hashlib.sha256() if self.source.manifest is not None else None
        try:
            reader = self.source.open(item.path)
        except OSError as exc:
            raise self._read_failure(item.path, exc) from exc
        with reader:
            try:
                writer = open(target, "xb")  # noqa: SIM115 (closed below, with its own errors)
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            with writer:
                copied = self._pump(item, reader, writer, digest)
                try:
                    writer.flush()
                    if not _CAN_SYNC_FILE_SYSTEM:
                        os.fsync(writer.fileno())
                except OSError as exc:
                    raise self._write_failure(item.path, exc) from exc
        if copied != item.size:
            if not _exists(self.source.origin):
                raise ImportFailed(STICK_REMOVED)
            raise self._changed(item.path)
        return digest.hexdigest() if digest is not None else None

    def _pump(self, item: SourceFile, reader: IO[bytes], writer: IO[bytes], digest: Any | None) -> int:
        copied = 0
        while True:
            try:
                chunk = reader.read(CHUNK_BYTES)
            except OSError as exc:
                raise self._read_failure(item.path, exc) from exc
            if not chunk:
                return copied
            copied += len(chunk)
            if copied > item.size:  # grew since it was listed: the limits were checked on sizes
                raise self._changed(item.path)
            if digest is not None:
                digest.update(chunk)
            try:
                writer.write(chunk)
            except OSError as exc:
                raise self._write_failure(item.path, exc) from exc
            self.bytes_done += len(chunk)
            if copied < item.size:  # a large file: show the megabytes moving
                self._progress()
                self._check_cancelled()

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

    def _sync_folders(self) -> None:
        """Force the files to disk (unless each was when written), then the folders naming them."""
        if _CAN_SYNC_FILE_SYSTEM:
            try:
                _sync_file_system(self.content)
            except OSError as exc:
                raise self._write_failure("the copied files", exc) from exc
        folders = sorted(self.folders, key=lambda f: len(f.parts), reverse=True)
        for folder in [*folders, self.content.parent]:
            try:
                _sync_folder(folder)
            except OSError as exc:
                raise self._write_failure("the copied folders", exc) from exc

    def _progress(self) -> None:
        self.report(Progress(
            "copying", self.files_done, self.files_total, self.bytes_done, self.bytes_total
        ))

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise ImportCancelled()

    def _read_failure(self, path: str, exc: OSError) -> ImportFailed:
        system_said = exc.errno is None or exc.strerror in (None, os.strerror(exc.errno))
        if exc.errno in _SOURCE_GONE or not _exists(self.source.origin):
            return ImportFailed(STICK_REMOVED)
        if exc.errno == errno.EIO and system_said:  # the device went away under the file system
            return ImportFailed(STICK_REMOVED)
        # The system's words ("permission denied") or the source's own ("the file is damaged
        # inside the pack"), in lower case, after the file's name.
        reason = _reason(exc) if system_said else str(exc.strerror).strip().rstrip(".")
        return ImportFailed(
            f"{path} could not be read from {self.source.label} ({reason}). Nothing was changed. "
            "Copy the pack onto the stick again, or try another stick."
        )

    def _write_failure(self, path: str, exc: OSError) -> ImportFailed:
        return _write_failure(self.data_dir, path, exc)

    def _changed(self, path: str) -> ImportFailed:
        return ImportFailed(
            f"{path} changed while it was being copied. Nothing was changed. Leave the stick "
            "alone until the copy is finished, then try again."
        )


def _write_failure(data_dir: Path, what: str, exc: OSError) -> ImportFailed:
    if exc.errno in _DISK_FULL:
        return ImportFailed(
            f"The kiosk's disk is full, so {what} could not be copied. Nothing was changed. Ask IT "
            "to free some space on the kiosk, then try again."
        )
    if exc.errno in _NOT_ALLOWED:
        return ImportFailed(
            f"The kiosk may not write to its data folder {data_dir} ({_reason(exc)}). Nothing was "
            "changed. Ask IT to let the kiosk's user write there."
        )
    return ImportFailed(
        f"{what} could not be written to the kiosk's data folder ({_reason(exc)}). Nothing was "
        "changed. Try again; if it happens again, ask IT to check the kiosk's disk."
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


# --- records -------------------------------------------------------------------------------------


def _record_for(staged: StagedPack, files: int, size: int) -> dict[str, Any]:
    """Validate the staged copy; the facts install.json keeps about it. ImportRefused on errors."""
    # Loading decides whether a pack can be shown; rendering (in the review) adds only warnings.
    result = load_pack(staged.path)
    if result.pack is None:
        errors = result.errors
        shown = "; ".join(str(problem) for problem in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        raise ImportRefused(
            f"The pack from {staged.label} has {count} and was not installed: {shown}{more}. "
            "Nothing was changed. Fix the pack (`kiosk validate` lists every problem) and try again."
        )
    pack = result.pack
    return {
        "pack_id": pack.id, "version": pack.version, "title": pack.title,
        "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": staged.label, "signed": staged.signature.signed,
        "key_id": staged.signature.key_id, "files": files, "bytes": size,
    }


def _read_record(folder: Path) -> dict[str, Any] | None:
    """The install.json of a complete version folder; None if the folder is not one."""
    if not _VERSION_NAME.match(folder.name) or not (folder / CONTENT_FOLDER).is_dir():
        return None
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
        datetime.fromisoformat(record["installed_at"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(record, dict) or not all(
        isinstance(record.get(key), str) for key in ("pack_id", "version", "title", "installed_at")
    ):
        return None
    return record


def _version_from(folder: Path, record: dict[str, Any], *, active: bool) -> InstalledVersion:
    return InstalledVersion(
        name=folder.name, path=folder / CONTENT_FOLDER, pack_id=record["pack_id"],
        version=record["version"], title=record["title"],
        installed_at=datetime.fromisoformat(record["installed_at"]), active=active,
        source=str(record.get("source", "")), signed=bool(record.get("signed", False)),
        key_id=str(record.get("key_id", "")), files=int(record.get("files", 0)),
        bytes=int(record.get("bytes", 0)),
    )


def _choose_active(pointer: str | None, complete: list[InstalledVersion]) -> str | None:
    """The pointer's version when complete; else the newest complete one older than it."""
    if pointer is None:
        return None
    names = {v.name for v in complete}
    if pointer in names:
        return pointer
    limit = _version_number(pointer)
    for version in complete:  # newest first
        if limit is None or version.number < limit:
            return version.name
    return None


def _version_number(name: str | None) -> int | None:
    match = _VERSION_NAME.match(name or "")
    return int(match.group(1)) if match else None


def _name_part(text: str) -> str:
    """A pack id or version as part of a folder name: letters, digits, dots, dashes."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")[:40]
    return cleaned or "pack"


def _count_files(root: Path) -> tuple[int, int]:
    files = size = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


# --- small file-system helpers --------------------------------------------------------------------


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def _find_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(fd): every file of one file system to disk, in one journal commit."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function: Callable[[int], int] = libc.syncfs
    except (OSError, AttributeError):
        return None
    return function


_SYNCFS = _find_syncfs()
_CAN_SYNC_FILE_SYSTEM = _SYNCFS is not None


def _sync_file_system(folder: Path) -> None:
    """Force everything written to the file system holding `folder` to disk (Linux only)."""
    import ctypes

    assert _SYNCFS is not None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if _SYNCFS(descriptor) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Force a folder's entries to disk; Windows cannot open a folder for this, so it skips."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # some file systems cannot sync folders
            raise
    finally:
        os.close(descriptor)


def _hold_lock(path: Path, *, wait: bool = True) -> int | None:
    """An open descriptor holding an exclusive lock on `path`; None if `wait` is off and it is taken.

    The lock goes away with the descriptor, and with the process however it ends (even SIGKILL).
    """
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if sys.platform == "win32":
        return descriptor
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def _remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return path.resolve() != folder.resolve()


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    return (exc.strerror or "the system gave no reason").lower()


def _ignore(_progress: Progress) -> None:
    return None


def _never() -> bool:
    return False
