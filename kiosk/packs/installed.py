"""The installed versions in the data folder's `packs/`: each folder's install.json record, which
version the pointer makes active, and the names and numbers of version folders.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.packs.outcomes import ImportRefused

if TYPE_CHECKING:
    from kiosk.packs.copying import StagedPack

CONTENT_FOLDER = "pack"
RECORD_NAME = "install.json"
VERSION_NAME = re.compile(r"^(\d{4,})-[A-Za-z0-9._-]+$")


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
        return version_number(self.name) or 0



def read_record(folder: Path) -> dict[str, Any] | None:
    """The install.json of a complete version folder; None if the folder is not one."""
    if not VERSION_NAME.match(folder.name) or not (folder / CONTENT_FOLDER).is_dir():
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


def version_from(folder: Path, record: dict[str, Any], *, active: bool) -> InstalledVersion:
    return InstalledVersion(
        name=folder.name, path=folder / CONTENT_FOLDER, pack_id=record["pack_id"],
        version=record["version"], title=record["title"],
        installed_at=datetime.fromisoformat(record["installed_at"]), active=active,
        source=str(record.get("source", "")), signed=bool(record.get("signed", False)),
        key_id=str(record.get("key_id", "")), files=int(record.get("files", 0)),
        bytes=int(record.get("bytes", 0)),
    )


def choose_active(pointer: str | None, complete: list[InstalledVersion]) -> str | None:
    """The pointer's version when complete; else the newest complete one older than it."""
    if pointer is None:
        return None
    names = {v.name for v in complete}
    if pointer in names:
        return pointer
    limit = version_number(pointer)
    for version in complete:  # newest first
        if limit is None or version.number < limit:
            return version.name
    return None


def version_number(name: str | None) -> int | None:
    match = VERSION_NAME.match(name or "")
    return int(match.group(1)) if match else None


def name_part(text: str) -> str:
    """A pack id or version as part of a folder name: letters, digits, dots, dashes."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")[:40]
    return cleaned or "pack"


def count_files(root: Path) -> tuple[int, int]:
    files = size = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size



def record_for(staged: StagedPack, files: int, size: int) -> dict[str, Any]:
    """Validate the staged copy; the facts install.json keeps about it. ImportRefused on errors."""
    from kiosk.content.loader import load_pack  # not on the way to the kiosk's first paint

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
