"""Making a .kioskpack: the pack folder zipped with its manifest, signed when a key is given,
and opened again as a kiosk would open it before it replaces the target file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.packs.folder_source import open_without_links, walk_folder
from kiosk.packs.keys import load_private_key, signature_text
from kiosk.packs.limits import CHUNK, DEFAULT_LIMITS, Limits, PackRejected, reason, refused, shown
from kiosk.packs.manifest import manifest_text
from kiosk.packs.names import (
    MANIFEST_FILES,
    MANIFEST_NAME,
    PACK_FILE,
    SIGNATURE_NAME,
    check_collisions,
    pack_label,
)
from kiosk.packs.zip_source import UNIX_SYSTEM, open_zip

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
    )

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same pack always builds into the same bytes


def build_pack(
    directory: Path, out: Path, *, key: Path | None = None, limits: Limits = DEFAULT_LIMITS
) -> Path:
    """Zip the pack folder `directory` into `out` with its manifest, signed when `key` is given.

    The folder is read as the kiosk reads a stick (links, devices and junk are refused or
    skipped; a manifest or signature already there is replaced), and the finished file is
    opened as the kiosk would open it before it replaces `out`, so what is built is accepted.
    Raises PackRejected or KeyProblem with a plain sentence.
    """
    private_key = load_private_key(key) if key is not None else None
    if not directory.is_dir():
        raise PackRejected(f"{directory} is not a folder; give the folder that holds {PACK_FILE}.")
    label = pack_label(directory)
    if out.resolve().is_relative_to(directory.resolve()):
        raise PackRejected(f"Write the pack file outside the folder it is made from ({directory}).")
    sizes = walk_folder(directory, label, limits)
    check_collisions(sizes, label)
    if PACK_FILE not in sizes:
        raise refused(label, f"it holds no {PACK_FILE}, so it is not a content pack")
    names = sorted(name for name in sizes if name not in MANIFEST_FILES)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        _write_pack_zip(directory, names, temporary, private_key)
        open_zip(temporary, out.name, limits, ()).close()  # refuses what a kiosk would
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out


def _write_pack_zip(
    directory: Path, names: Sequence[str], target: Path, key: Ed25519PrivateKey | None
) -> None:
    hashes: dict[str, str] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            hashes[name] = _copy_into(archive, directory, name)
        manifest = manifest_text(hashes).encode("utf-8")
        archive.writestr(_zip_info(MANIFEST_NAME), manifest)
        if key is not None:
            archive.writestr(_zip_info(SIGNATURE_NAME), signature_text(manifest, key))
    with target.open("rb+") as stream:
        os.fsync(stream.fileno())


def _copy_into(archive: zipfile.ZipFile, directory: Path, name: str) -> str:
    digest = hashlib.sha256()
    try:
        source = os.fdopen(open_without_links(directory, name), "rb")
    except OSError as exc:
        raise PackRejected(f"'{shown(name)}' in {directory} cannot be read ({reason(exc)}).") from exc
    with source, archive.open(_zip_info(name), "w") as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            target.write(chunk)
    return digest.hexdigest()


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = UNIX_SYSTEM
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info
