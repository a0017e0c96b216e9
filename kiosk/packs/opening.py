"""Opening a pack wherever it is: a folder or a .kioskpack (`open_source`), and the packs at the
top of a stick (`find_packs`). A hostile or damaged pack is refused with `PackRejected`.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

from kiosk.packs.finding import find_packs
from kiosk.packs.folder_source import open_folder
from kiosk.packs.limits import DEFAULT_LIMITS, Limits, PackRejected, reason, refused
from kiosk.packs.names import pack_label
from kiosk.packs.source import PackSource
from kiosk.packs.zip_source import open_zip

__all__ = ["find_packs", "open_source"]


def open_source(
    path: Path, *, limits: Limits = DEFAULT_LIMITS, trusted_keys: Sequence[str] = ()
) -> PackSource:
    """Check the pack at `path` (a pack folder or a .kioskpack) and open it for reading.

    Raises PackRejected, with a sentence for staff, when the pack is hostile, damaged, or not a
    pack. `trusted_keys` only decide `signature.valid`; refusing is `trust_problem`'s job.
    """
    label = pack_label(path)
    try:
        info = path.lstat()
    except OSError as exc:
        raise PackRejected(f"{label} cannot be opened ({reason(exc)}).") from exc
    if stat.S_ISLNK(info.st_mode):
        raise refused(label, "it is a link (symlink) to somewhere else, not the pack itself")
    if stat.S_ISDIR(info.st_mode):
        return open_folder(path, label, limits, trusted_keys)
    if stat.S_ISREG(info.st_mode):
        return open_zip(path, label, limits, trusted_keys)
    raise refused(label, "it is neither a folder nor a pack file")
