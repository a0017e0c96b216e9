"""One pass over the inbox: take the newest complete, signed pack and install it through the same
staged, verified, atomic path as a USB import (packs/opening, store.stage, review, store.commit).

A file is taken only when all of these hold, else it waits or is refused:

- its name is final and it has settled (inbox_files.py);
- its zip directory reads, every member matches its checksum in the manifest, and the file did
  not change while it was read: otherwise it is still arriving, and is tried again when it
  changes;
- it is signed with a key in `[content] trusted_keys`: unattended means signed, so with no
  trusted key at all every inbox pack is refused, saying why;
- it is newer than the installed pack of the same id ("already have 2026.12.01", logged once).

Of several, the newest version wins. What became of each file is remembered by its fingerprint
(inbox_state.py), so a refused file is not read again until it changes. The inbox itself is
only ever read: the sync tool owns it, and it may be read-only.
"""

from __future__ import annotations

import hashlib
import logging
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import yaml

from kiosk.fleet.inbox_files import DEFAULT_SETTLE_SECONDS, InboxFile, list_packs
from kiosk.fleet.inbox_state import (
    ALREADY_RESULT,
    FAILED,
    INCOMPLETE_RESULT,
    INSTALLED,
    NOTHING,
    REFUSED,
    UNAVAILABLE,
    UPDATE_RESULTS,
    WAITING,
    InboxState,
    now_text,
)
from kiosk.fleet.versions import is_newer, version_key
from kiosk.library.shelf import Shelf
from kiosk.packs.installed import InstalledVersion
from kiosk.packs.keys import parse_trusted_keys
from kiosk.packs.limits import PackRejected, reason
from kiosk.packs.names import PACK_FILE
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import ImportCancelled, ImportFailed, ImportRefused
from kiosk.packs.review import review_pack
from kiosk.packs.store import PackStore

log = logging.getLogger(__name__)
MAX_PACK_YAML_BYTES = 1024 * 1024
NO_TRUSTED_KEY = (
    "{name} in the inbox was not installed: packs from the inbox are installed only when signed "
    "with one of this kiosk's trusted keys, and it has none that can be read; add the office's "
    "public key to [content] trusted_keys in the kiosk's settings file."
)
# Precedence of what one pass reports when several things happened in it.
_RANK = {INSTALLED: 5, FAILED: 4, REFUSED: 3, WAITING: 2, NOTHING: 1}


@dataclass(frozen=True)
class PassResult:
    result: str  # one of inbox_state's results
    message: str  # a plain sentence for the log, `kiosk status` and the staff panel
    installed: InstalledVersion | None = None
    retry_in: float | None = None  # seconds until a waiting file has settled


@dataclass(frozen=True)
class _Candidate:
    file: InboxFile
    pack_id: str
    version: str


class Intake:
    """The inbox of one kiosk. `run_pass()` is safe to call often: with nothing new it only
    lists the folder."""

    def __init__(
        self, inbox: Path, store: PackStore, trusted_keys: Sequence[str], *, state: InboxState,
        settle_seconds: float = DEFAULT_SETTLE_SECONDS, wall_time: Callable[[], float] = time.time,
    ) -> None:
        self.inbox = inbox
        self.store = store
        self.trusted_keys = tuple(trusted_keys)
        self.state = state
        self.settle_seconds = settle_seconds
        self.wall_time = wall_time
        self._logged_unavailable = ""

    # --- the pass --------------------------------------------------------------------------------

    def run_pass(self) -> PassResult:
        try:
            files = list_packs(self.inbox)
        except OSError as error:
            return self._unavailable(error)
        if self._logged_unavailable:
            log.info("the inbox %s can be read again", self.inbox)
            self._logged_unavailable = ""
        self._forget_gone(files)
        new = [f for f in files if f.fingerprint not in self.state.seen]
        if not new:
            return self._finish(PassResult(NOTHING, "Nothing new in the inbox."))
        now = self.wall_time()
        ready = [f for f in new if f.settled(now, self.settle_seconds)]
        outcomes: list[PassResult] = []
        unsettled = [f for f in new if f not in ready]
        if unsettled:
            retry = min(self.settle_seconds - (now - f.mtime) for f in unsettled)
            names = ", ".join(f.name for f in unsettled)
            outcomes.append(PassResult(
                WAITING, f"Waiting for {names} to finish arriving in the inbox.", retry_in=max(0.0, retry)
            ))
        if ready:
            outcomes.append(self._take(ready))
        return self._finish(max(outcomes, key=lambda o: _RANK[o.result]))

    def _take(self, ready: list[InboxFile]) -> PassResult:
        keys, _problems = parse_trusted_keys(self.trusted_keys)
        if not keys:
            for file in ready:
                self._refuse(file, NO_TRUSTED_KEY.format(name=file.name))
            return PassResult(REFUSED, NO_TRUSTED_KEY.format(name=ready[0].name))
        outcomes: list[PassResult] = []
        candidates: list[_Candidate] = []
        for file in ready:
            checked = self._check(file)
            if isinstance(checked, _Candidate):
                candidates.append(checked)
            else:
                outcomes.append(checked)
        if candidates:
            newest = max(candidates, key=lambda c: (version_key(c.version), c.file.mtime_ns))
            outcomes.append(self._install(newest))
        return max(outcomes, key=lambda o: _RANK[o.result])

    def _check(self, file: InboxFile) -> _Candidate | PassResult:
        """Whether `file` is a complete, trusted pack newer than the installed one."""
        if not _zip_directory_reads(file.path):
            return self._incomplete(file, "its zip directory cannot be read yet")
        try:
            with open_source(file.path, trusted_keys=self.trusted_keys) as source:
                trust = source.trust_problem(self.trusted_keys)
                if trust is not None:
                    return self._refuse(file, f"{file.name} in the inbox was not installed: {trust}")
                damaged = source.verify_all()
                if damaged:
                    return self._incomplete(file, damaged[0])
                pack_id, version = _identity(source.open)
        except PackRejected as rejected:
            return self._refuse(file, rejected.message)
        except (OSError, ValueError, yaml.YAMLError) as error:
            return self._refuse(file, f"{file.name} in the inbox was not installed: its {PACK_FILE} "
                                      f"cannot be read ({error}).")
        if not file.still_the_same():
            return PassResult(WAITING, f"{file.name} changed while it was read; it is tried again.",
                              retry_in=self.settle_seconds)
        active = self.store.active_version()
        if active is not None and active.pack_id == pack_id and not is_newer(version, active.version):
            message = f"{file.name} in the inbox: already have {active.version}"
            self._remember(file, ALREADY_RESULT, message)
            log.info("inbox: %s", message)
            return PassResult(NOTHING, message)
        return _Candidate(file, pack_id, version)

    def _install(self, candidate: _Candidate) -> PassResult:
        file = candidate.file
        log.info("inbox: installing %s (%s version %s)", file.name, candidate.pack_id, candidate.version)
        try:
            with open_source(file.path, trusted_keys=self.trusted_keys) as source:
                trust = source.trust_problem(self.trusted_keys)
                staged = self.store.stage(source)
                signature = source.signature
        except PackRejected as rejected:
            return self._refuse(file, rejected.message)
        except ImportRefused as refused:
            return self._refuse(file, refused.message)
        except (ImportFailed, ImportCancelled) as failed:
            return self._failed(file, failed.message)
        committed = False
        try:
            if not file.still_the_same():
                return PassResult(WAITING, f"{file.name} changed while it was copied; it is tried again.",
                                  retry_in=self.settle_seconds)
            review = review_pack(
                staged.path, self.store.active_dir(), signature=signature, trust_problem=trust,
                trusted_keys_set=True,
            )
            if not review.can_install:
                why = review.trust_problem or (str(review.errors[0]) if review.errors else "it has errors")
                count = len(review.errors)
                return self._refuse(file, f"{file.name} in the inbox was not installed: {why}"
                                          + (f" ({count} problems in all)" if count > 1 else ""))
            installed = self.store.commit(staged)
            committed = True
        except ImportRefused as refused:
            return self._refuse(file, refused.message)
        except ImportFailed as failed:
            return self._failed(file, failed.message)
        finally:
            if not committed:
                self.store.discard(staged)
        Shelf(self.store.data_dir).prepare(installed.path)  # compiled here, off the screen's thread
        message = f"Installed {installed.title}, version {installed.version}, from {file.name} in the inbox."
        log.info("inbox: %s", message)
        return PassResult(INSTALLED, message, installed=installed)

    # --- outcomes ----------------------------------------------------------------------------

    def _refuse(self, file: InboxFile, message: str) -> PassResult:
        self._remember(file, REFUSED, message)
        log.warning("inbox: %s", message)
        return PassResult(REFUSED, message)

    def _incomplete(self, file: InboxFile, why: str) -> PassResult:
        message = (f"{file.name} in the inbox is not complete ({why}); it is tried again when it "
                   "changes.")
        self._remember(file, INCOMPLETE_RESULT, message)
        log.info("inbox: %s", message)
        return PassResult(WAITING, message)

    def _failed(self, file: InboxFile, message: str) -> PassResult:
        # Not remembered: a full disk is freed without the file changing; the next pass tries again.
        log.error("inbox: %s could not be installed: %s", file.name, message)
        return PassResult(FAILED, f"{file.name} in the inbox could not be installed: {message}")

    def _unavailable(self, error: OSError) -> PassResult:
        message = (f"The inbox {self.inbox} cannot be read ({reason(error)}); is its sync folder or "
                   "network share there? Nothing was changed.")
        if message != self._logged_unavailable:
            log.warning("inbox: %s", message)
            self._logged_unavailable = message
        return self._finish(PassResult(UNAVAILABLE, message))

    def _remember(self, file: InboxFile, result: str, message: str) -> None:
        self.state.seen[file.fingerprint] = {
            "file": file.name, "result": result, "message": message, "at": now_text(),
            "keys": self.keys_fingerprint(),
        }

    def _forget_gone(self, files: list[InboxFile]) -> None:
        """Forget files no longer there, and refusals made under other trusted keys."""
        present = {f.fingerprint for f in files}
        keys = self.keys_fingerprint()
        for fingerprint in list(self.state.seen):
            entry = self.state.seen[fingerprint]
            stale = entry.get("result") == REFUSED and entry.get("keys") != keys
            if fingerprint not in present or stale:
                del self.state.seen[fingerprint]

    def keys_fingerprint(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.trusted_keys)).encode()).hexdigest()[:16]

    def _finish(self, outcome: PassResult) -> PassResult:
        state = self.state
        last = (state.last_pass.get("result"), state.last_pass.get("message"))
        if last != (outcome.result, outcome.message):
            state.last_pass = {"result": outcome.result, "message": outcome.message, "since": now_text()}
        if outcome.result in UPDATE_RESULTS:
            state.last_update = {"result": outcome.result, "message": outcome.message, "at": now_text()}
            if outcome.installed is not None:
                state.last_update.update(pack_id=outcome.installed.pack_id,
                                         version=outcome.installed.version)
        state.save()
        return outcome


def _zip_directory_reads(path: Path) -> bool:
    """A file still being written (or cut short) has no readable zip directory at its end."""
    try:
        with zipfile.ZipFile(path):
            return True
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def _identity(open_file: Callable[[str], BinaryIO]) -> tuple[str, str]:
    """The pack's id and version from its pack.yaml (the full checks come with the review)."""
    with open_file(PACK_FILE) as stream:
        data = yaml.safe_load(stream.read(MAX_PACK_YAML_BYTES))
    if not isinstance(data, dict):
        raise ValueError(f"{PACK_FILE} is not a table of keys")
    return str(data.get("id", "")), str(data.get("version", ""))
