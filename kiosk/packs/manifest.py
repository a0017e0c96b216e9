"""A pack file's manifest (MANIFEST.sha256: the SHA-256 of every other file, in `sha256sum`
format) and its signature (MANIFEST.sig: an Ed25519 signature of the manifest's bytes).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.packs.keys import parse_trusted_keys, verifies
from kiosk.packs.limits import refused, shown
from kiosk.packs.names import MANIFEST_NAME, SIGNATURE_NAME, name_problem

MAX_MANIFEST_BYTES = 8 * 1024**2
MAX_SIGNATURE_BYTES = 1024
UNSIGNED_REFUSAL = (
    "This pack is not signed, and this kiosk only installs packs signed with its trusted keys."
)
BAD_SIGNATURE = (
    "The signature does not match the pack's contents: it may have been changed after it was "
    "signed."
)
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class SignatureInfo:
    """Whether the manifest is signed, by which key id, and whether that was checked.

    `valid` is True only when the signature was checked against one of the trusted keys given
    to `open_source` and matches; an unchecked signature (no such key given) is not valid.
    """

    signed: bool
    key_id: str  # "" when unsigned
    valid: bool


UNSIGNED = SignatureInfo(signed=False, key_id="", valid=False)


def untrusted_key_message(key_id: str, keys: Mapping[str, object], problems: list[str]) -> str:
    trusted = ", ".join(sorted(keys))
    unreadable = f" (and correct the entry that cannot be read: {problems[0]})" if problems else ""
    return (
        f"This pack is signed with key {key_id}, which is not one of this kiosk's trusted keys "
        f"({trusted}); ask for the pack signed with a trusted key, or add its public key to the "
        f"trusted keys ([content] trusted_keys in the kiosk's settings file){unreadable}."
    )


def parse_manifest(data: bytes, label: str = MANIFEST_NAME) -> dict[str, str]:
    """The manifest's `path -> sha256` lines (`sha256sum` format); PackRejected when malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refused(label, f"its {MANIFEST_NAME} is damaged (it is not text)") from exc
    manifest: dict[str, str] = {}
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        match = _MANIFEST_LINE.match(line)
        if not match:
            raise refused(
                label, f"line {number} of its {MANIFEST_NAME} is not a checksum and a file name; "
                "make the pack again with kiosk pack build",
            )
        digest, name = match.groups()
        problem = name_problem(name)
        if problem:
            raise refused(label, f"its {MANIFEST_NAME} lists a bad path: {problem}")
        if name in manifest:
            raise refused(label, f"its {MANIFEST_NAME} lists '{shown(name)}' twice")
        manifest[name] = digest
    return manifest


def check_manifest_matches(manifest: Mapping[str, str], files: Mapping[str, int], label: str) -> None:
    missing = sorted(set(manifest) - set(files))
    if missing:
        raise refused(
            label, f"{_names(missing)} {_is_are(missing)} listed in its {MANIFEST_NAME} but "
            f"missing from the pack; the pack is incomplete, copy it again",
        )
    extra = sorted(set(files) - set(manifest))
    if extra:
        raise refused(
            label, f"{_names(extra)} {_is_are(extra)} in the pack but not listed in its "
            f"{MANIFEST_NAME}; files were added after it was made, make it again",
        )


def _names(names: Sequence[str], at_most: int = 3) -> str:
    quoted = [f"'{shown(name)}'" for name in names[:at_most]]
    if len(names) > at_most:
        return ", ".join(quoted) + f" and {len(names) - at_most} more"
    return " and ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]


def _is_are(names: Sequence[str]) -> str:
    return "is" if len(names) == 1 else "are"


def read_signature(
    data: bytes | None, manifest: bytes | None, trusted_keys: Sequence[str], label: str
) -> tuple[SignatureInfo, bytes | None]:
    if data is None:
        return UNSIGNED, None
    key_id, raw = parse_signature(data, label)
    keys, _problems = parse_trusted_keys(trusted_keys)
    key = keys.get(key_id)
    valid = key is not None and manifest is not None and verifies(key, raw, manifest)
    return SignatureInfo(signed=True, key_id=key_id, valid=valid), raw


def parse_signature(data: bytes, label: str = SIGNATURE_NAME) -> tuple[str, bytes]:
    """The key id and the 64 signature bytes of a MANIFEST.sig; PackRejected when malformed."""
    damaged = refused(
        label, f"its {SIGNATURE_NAME} is damaged; sign the pack again with kiosk pack build --sign"
    )
    try:
        key_id, encoded = data.decode("ascii").split()
        raw = base64.b64decode(encoded, validate=True)
    except (UnicodeDecodeError, ValueError, binascii.Error) as exc:
        raise damaged from exc
    if not _KEY_ID.match(key_id) or len(raw) != 64:
        raise damaged
    return key_id, raw


def manifest_text(hashes: Mapping[str, str]) -> str:
    """The manifest for `path -> sha256`: sorted lines `<hex>  <path>`, as sha256sum writes."""
    return "".join(f"{hashes[path]}  {path}\n" for path in sorted(hashes))
