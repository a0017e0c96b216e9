"""What an import tells staff: how far it is, and how it ended when it did not install.

Every message is a plain sentence that says whether anything changed and what to do next.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

NOTHING_CHANGED = "Nothing was changed."
STICK_REMOVED = "The USB stick was removed before the copy finished. Nothing was changed."
NO_EARLIER_VERSION = "There is no earlier version to go back to."
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


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


class StaffMessage(Exception):  # noqa: N818 (the contract names ImportFailed and ImportRefused)
    """An exception whose `message` is a plain sentence for staff, naming the file and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportFailed(StaffMessage):
    """The import could not finish (pulled stick, full disk, unreadable file); nothing was changed."""


class ImportRefused(StaffMessage):
    """The pack itself is not acceptable (errors, manifest mismatch, untrusted); nothing was changed."""


class ImportCancelled(Exception):  # noqa: N818 (the name is in the issue's contract)
    """Staff cancelled the import; the copy so far was deleted and nothing was changed."""

    def __init__(self, message: str = "The import was cancelled. Nothing was changed.") -> None:
        super().__init__(message)
        self.message = message


def write_failure(data_dir: Path, what: str, exc: OSError, *, copying: bool = False) -> ImportFailed:
    """What staff read when the kiosk cannot write to its own disk. `what` names the step for
    the log; staff read it only for a pack's file being copied (`copying`), where the name helps."""
    log.warning("an import could not write %s in %s: %s", what, data_dir, exc)
    if exc.errno in DISK_FULL:
        if copying:
            return ImportFailed(
                f"The kiosk's disk is full, so {what} could not be copied. {NOTHING_CHANGED} "
                "Free some space or ask IT, then try again."
            )
        return ImportFailed(f"The kiosk's disk is full. {NOTHING_CHANGED} Free some space or ask IT.")
    if exc.errno in NOT_ALLOWED:
        return ImportFailed(
            f"The kiosk may not write to its data folder {data_dir} ({os_reason(exc)}). Nothing was "
            "changed. Ask IT to let the kiosk's user write there."
        )
    if copying:
        return ImportFailed(
            f"{what} could not be written to the kiosk's data folder ({os_reason(exc)}). Nothing "
            "was changed. Try again; if it happens again, ask IT to check the kiosk's disk."
        )
    return ImportFailed(
        f"The kiosk could not write to its disk ({os_reason(exc)}). {NOTHING_CHANGED} Try again; "
        "if it happens again, ask IT to check the kiosk's disk."
    )


def os_reason(exc: OSError) -> str:
    return (exc.strerror or "the system gave no reason").lower()
