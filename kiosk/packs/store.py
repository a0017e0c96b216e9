"""Installed content packs in the kiosk's data folder: copying in, switching, keeping, going back.

The data folder (`default_data_dir()`: the `KIOSK_DATA_DIR` environment variable, else the
platform's data folder for "kiosk") holds:

    active                        the pointer: one line naming the active folder under packs/
    packs/0007-clinic-2026.3/     one installed version: `pack/` (the content) and `install.json`
    staging/import-xxxx/          an import being copied, or an old version being deleted
    .lock                         held while one process changes packs/ or the pointer

Why a power cut, a pulled stick or a full disk never leaves a mix of two packs:

- `stage()` first checks that the pack fits on the disk with room to spare (200 MB, or 5 % of a
  small disk, stay free for logs and settings), so a pack too big never fills the disk; then it
  copies every file from the source into a private folder under `staging/`, two at a time,
  reading each once and hashing it as it is written, comparing each with the pack's manifest
  (when the pack has one: a .kioskpack always does), then forces every
  file and folder to disk once all files are written: on Linux with one syncfs() of the data
  folder's file system (the same guarantee as an fsync of each file, and about twice as fast
  for 2,000 files, because the disk's journal commits once), elsewhere with one fsync pass over
  the files; then an fsync of each folder. Nothing outside `staging/` is touched, and on any
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
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from kiosk.disk.atomic_file import atomic_write_text
from kiosk.disk.sync import is_inside, remove_tree, sync_folder, write_synced
from kiosk.packs.copying import Copier, StagedPack
from kiosk.packs.installed import (
    CONTENT_FOLDER,
    RECORD_NAME,
    VERSION_NAME,
    InstalledVersion,
    choose_active,
    count_files,
    name_part,
    read_record,
    record_for,
    version_from,
    version_number,
)
from kiosk.packs.outcomes import (
    NO_EARLIER_VERSION,
    ImportFailed,
    Progress,
    ProgressCallback,
    os_reason,
    write_failure,
)
from kiosk.packs.space import check_room
from kiosk.packs.staging import LOCK_NAME, Staging, data_folder_lock, in_use, new_staging, release

if TYPE_CHECKING:
    from kiosk.packs.source import PackSource

log = logging.getLogger(__name__)

DATA_DIR_VARIABLE = "KIOSK_DATA_DIR"
KEEP_VERSIONS = 3
POINTER_NAME = "active"
PACKS_FOLDER = "packs"
STAGING_FOLDER = "staging"


def default_data_dir() -> Path:
    """`KIOSK_DATA_DIR` when set, else the platform's data folder for the kiosk."""
    configured = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("kiosk", appauthor=False)


class PackStore:
    """The installed packs in one data folder. See the module's docstring for the layout."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._packs = data_dir / PACKS_FOLDER
        self._staging = data_dir / STAGING_FOLDER
        self._pointer = data_dir / POINTER_NAME
        self._held: dict[Path, Staging] = {}  # staged content folder -> its staging folder

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
        active = choose_active(self._read_pointer(), complete)
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
        with data_folder_lock(self.data_dir, self._write_failure):
            for temporary in self.data_dir.glob(f".{POINTER_NAME}.*.tmp"):
                with contextlib.suppress(OSError):
                    temporary.unlink()
                    removed.append(temporary)
            pointer = self._read_pointer()
            pointer_number = version_number(pointer) if pointer else None
            for entry in self._entries(self._packs):
                record = read_record(entry)
                never_shown = record is not None and (
                    pointer is None or (pointer_number is not None
                                        and (version_number(entry.name) or 0) > pointer_number)
                )
                if record is None or never_shown:
                    try:
                        self._remove_version_folder(entry)
                    except OSError as exc:
                        log.error("could not delete %s, left by an import: %s", entry, exc)
                        continue
                    removed.append(entry)
            # A crash between the switch and the pruning after it left one version too many.
            active = choose_active(pointer, self._complete_versions())
            if active is not None:
                removed.extend(self._prune(keep=active))
            for entry in self._entries(self._staging):
                if in_use(entry, self._held.values()):
                    continue
                remove_tree(entry)
                removed.append(entry)

    # --- importing -----------------------------------------------------------------------------------

    def stage(
        self, source: PackSource, *, progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StagedPack:
        """Copy the pack into a private staging folder, checking each file against the manifest.

        First the pack's unpacked size is compared with the free space (packs/space.py): a pack
        that would leave the disk (nearly) full is refused before anything is written.
        Raises ImportFailed (pulled stick, full disk, unreadable file), ImportRefused (a file does
        not match the manifest, or an unsafe file name) or ImportCancelled; in every case the
        staging folder is deleted again and nothing else was touched. Whether the pack's signer
        is trusted is for the caller to ask (`source.trust_problem(keys)`, shown in the review).
        """
        report = progress or _ignore
        check_room(self.data_dir, ((item.path, item.size) for item in source.files))
        staging = new_staging(self._staging, self._write_failure)
        content = staging.folder / CONTENT_FOLDER
        try:
            copier = Copier(source, content, self.data_dir, report, cancelled)
            staging.files, staging.bytes = copier.copy_all()
        except BaseException:
            release(staging)
            remove_tree(staging.folder)
            raise
        self._held[content] = staging
        return StagedPack(path=content, label=source.label, signature=source.signature)

    def discard(self, staged: StagedPack) -> None:
        """Delete a staged copy that staff decided not to install."""
        staging = self._held.pop(staged.path, None)
        folder = staged.path.parent
        if staging is not None:
            release(staging)
        if is_inside(folder, self._staging):
            remove_tree(folder)

    def commit(self, staged: StagedPack, *, progress: ProgressCallback | None = None) -> InstalledVersion:
        """Validate the staged copy again, move it into `packs/` and make it the active pack.

        Raises ImportRefused if the staged pack has errors, ImportFailed if it cannot be moved
        in (full disk...); the staged copy is deleted in both cases and the active pack is unchanged.
        """
        report = progress or _ignore
        staging = self._held.get(staged.path)
        folder = staged.path.parent
        if not is_inside(folder, self._staging) or not staged.path.is_dir():
            raise ImportFailed(
                "The copy of this pack is no longer in the kiosk's staging folder (was the kiosk "
                "restarted?). Nothing was changed. Start the import again."
            )
        if staging is None:  # staged by another PackStore on the same folder: count the files
            try:
                staging = Staging(folder, None, *count_files(staged.path))
            except OSError as exc:
                raise self._write_failure("the staged copy", exc) from exc
        files, size = staging.files, staging.bytes
        try:
            report(Progress("checking", files, files, size, size))
            record = record_for(staged, files, size)
            report(Progress("checking", files, files, size, size))
            with data_folder_lock(self.data_dir, self._write_failure):
                installed = self._move_in_and_switch(staging, record, report)
        except BaseException:
            self._held.pop(staged.path, None)
            release(staging)
            remove_tree(folder)
            raise
        self._held.pop(staged.path, None)
        release(staging)
        self._report_after_switch(report, Progress("done", files, files, size, size))
        return installed

    def rollback(self) -> InstalledVersion:
        """Show the newest version older than the active one again, and delete the active one.

        Raises ImportFailed("There is no earlier version to go back to.") when there is none.
        """
        with data_folder_lock(self.data_dir, self._write_failure):
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
                    f"The kiosk could not switch back ({os_reason(exc)}). Nothing was changed. "
                    "Ask IT to check the kiosk's disk."
                ) from exc
            try:
                self._remove_version_folder(active.path.parent)
            except OSError as exc:  # shown no longer; start-up cleaning deletes it (it is newer)
                log.warning("could not delete %s after going back: %s", active.path.parent, exc)
        return replace(target, active=True)

    # --- the steps of commit ----------------------------------------------------------------------

    def _move_in_and_switch(
        self, staging: Staging, record: dict[str, Any], report: ProgressCallback,
    ) -> InstalledVersion:
        files, size = staging.files, staging.bytes
        number = self._next_number()
        name = f"{number:04d}-{name_part(record['pack_id'])}-{name_part(record['version'])}"
        target = self._packs / name
        report(Progress("switching", files, files, size, size))
        try:
            write_synced(staging.folder / RECORD_NAME, json.dumps(record, indent=2) + "\n")
            sync_folder(staging.folder)
            self._packs.mkdir(parents=True, exist_ok=True)
            os.rename(staging.folder, target)  # complete, in one step; not shown yet
        except OSError as exc:
            raise self._write_failure("the new version", exc) from exc
        try:
            sync_folder(self._packs)
            sync_folder(self._staging)
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
        return version_from(target, record, active=True)

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
            record = read_record(entry)
            if record is not None:
                found.append(version_from(entry, record, active=False))
        found.sort(key=lambda v: v.number, reverse=True)
        return found

    def _entries(self, folder: Path) -> list[Path]:
        try:
            return sorted(folder.iterdir())
        except OSError:
            return []

    def _next_number(self) -> int:
        numbers = [version_number(entry.name) or 0 for entry in self._entries(self._packs)]
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
        return text if VERSION_NAME.match(text) else ""

    def _write_pointer(self, name: str) -> None:
        atomic_write_text(self._pointer, name + "\n")

    def _remove_version_folder(self, folder: Path) -> None:
        """Take a version out of `packs/` in one step (rename into staging), then delete it."""
        self._staging.mkdir(parents=True, exist_ok=True)
        trash = self._staging / f"removing-{folder.name}-{secrets.token_hex(4)}"
        os.rename(folder, trash)
        sync_folder(self._packs)
        remove_tree(trash)

    def _write_failure(self, what: str, exc: OSError) -> ImportFailed:
        return write_failure(self.data_dir, what, exc)


def _ignore(_progress: Progress) -> None:
    return None
