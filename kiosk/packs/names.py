"""The names in a pack: where its files are, which paths are safe, and the junk sticks carry.

A path in a pack is a plain relative path inside it: never absolute, never a drive, never `..`,
no backslash, no ':' or control character, no name over 255 bytes. Two names that differ only
in case or accent encoding, and a name that is both a file and a folder, are refused. The hidden
files computers leave on sticks and in zips are skipped, never part of a pack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kiosk.packs.limits import refused, shown

MANIFEST_NAME = "MANIFEST.sha256"
SIGNATURE_NAME = "MANIFEST.sig"
PACK_SUFFIX = ".kioskpack"
CONTENT_FOLDER = "kiosk-content"
PACK_FILE = "pack.yaml"
MAX_NAME_BYTES = 255
# Never part of a pack; left on sticks and in zips by macOS, Windows and their file managers.
JUNK_FILES = frozenset(name.casefold() for name in (".DS_Store", "Thumbs.db", "desktop.ini"))
JUNK_FOLDERS = frozenset(
    name.casefold()
    for name in (
        "__MACOSX", "System Volume Information", ".Spotlight-V100", ".Trashes", ".fseventsd",
        ".TemporaryItems", "$RECYCLE.BIN",
    )
)
MANIFEST_FILES = (MANIFEST_NAME, SIGNATURE_NAME)
_DRIVE = re.compile(r"^[A-Za-z]:")


def pack_label(path: Path) -> str:
    if path.suffix.casefold() == PACK_SUFFIX:
        return path.name
    return f"{path.name} on {path.parent}"


def name_problem(name: str) -> str | None:
    """Why a path written in a pack is not a plain relative path inside it, or None."""
    if name.startswith(("/", "\\")):
        return f"'{shown(name)}' is an absolute path; a pack may only hold paths inside itself"
    if _DRIVE.match(name):
        return f"'{shown(name)}' names a Windows drive; a pack may only hold paths inside itself"
    for part in name.split("/"):
        problem = _part_problem(part)
        if problem:
            return f"'{shown(name)}' {problem}"
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


def check_collisions(files: Iterable[str], label: str) -> None:
    """Refuse names that differ only by case or accent encoding, and file-and-folder clashes."""
    files = list(files)
    folders = {"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)}
    clashes = sorted(folders.intersection(files))
    if clashes:
        raise refused(label, f"'{shown(clashes[0])}' is both a file and a folder")
    seen: dict[str, str] = {}
    for name in sorted(folders.union(files)):
        other = seen.setdefault(_folded(name), name)
        if other != name:
            raise refused(
                label,
                f"'{shown(other)}' and '{shown(name)}' differ only in upper and lower case "
                "(or in accents), which some computers treat as the same name",
            )
