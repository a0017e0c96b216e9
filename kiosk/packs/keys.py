"""Signing keys for packs: making a key pair, reading public and private keys, signing, checking.

`generate_key_pair` writes NAME.key (PKCS8 PEM, readable by its owner only) and NAME.pub, one
line `kiosk-ed25519:<base64 of the 32-byte public key>`, the text the kiosk's settings list as a
trusted key. A key's id is the first 16 hex digits of the SHA-256 of its 32 bytes.

cryptography is imported where a signature is made or checked: it takes 20-30 ms to load, and
the kiosk's start-up (which finds packs on sticks) needs none of it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.packs.limits import O_BINARY, reason, shown

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

PUBLIC_KEY_PREFIX = "kiosk-ed25519:"
KEY_SUFFIX = ".key"
PUBLIC_KEY_SUFFIX = ".pub"
MAX_KEY_FILE_BYTES = 64 * 1024


class KeyProblem(ValueError):  # noqa: N818 (a problem for people, like PackRejected)
    """A key that cannot be made, read or used; `message` is a plain sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def verifies(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def public_key_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def key_id(key: Ed25519PublicKey | str) -> str:
    """The first 16 hex digits of the SHA-256 of the public key's 32 bytes."""
    from cryptography.hazmat.primitives import serialization

    public = parse_public_key(key) if isinstance(key, str) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def parse_public_key(text: str) -> Ed25519PublicKey:
    """A public key from its one-line text; KeyProblem when the text is not one."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    cleaned = text.strip()
    problem = KeyProblem(
        f"'{shown(cleaned, 30)}' is not a kiosk public key; one looks like "
        f"'{PUBLIC_KEY_PREFIX}' followed by 44 letters and digits"
    )
    if not cleaned.startswith(PUBLIC_KEY_PREFIX):
        raise problem
    try:
        raw = base64.b64decode(cleaned[len(PUBLIC_KEY_PREFIX):], validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as exc:
        raise problem from exc


def parse_trusted_keys(entries: Sequence[str]) -> tuple[dict[str, Ed25519PublicKey], list[str]]:
    """The readable keys by key id, and a sentence for each entry that is not a public key."""
    keys: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for number, entry in enumerate(entries, 1):
        try:
            key = parse_public_key(entry)
        except KeyProblem as exc:
            problems.append(f"trusted key {number}: {exc.message}")
            continue
        keys[key_id(key)] = key
    return keys, problems


def read_public_key(text_or_path: str | Path) -> str:
    """The one-line public key text, from that text, a .pub file, or a private key file.

    Raises KeyProblem with a plain sentence when there is no key to be read.
    """
    if isinstance(text_or_path, str) and text_or_path.strip().startswith(PUBLIC_KEY_PREFIX):
        return public_key_text(parse_public_key(text_or_path))
    path = Path(text_or_path)
    data = _read_key_file(path)
    if data.lstrip().startswith(b"-----BEGIN"):
        return public_key_text(_private_key_from(data, path).public_key())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KeyProblem(f"{path} is not a key file from kiosk pack keygen.") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    return public_key_text(parse_public_key(lines[0] if lines else ""))


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The signing key in `path` (PKCS8 PEM from `generate_key_pair`); KeyProblem if not."""
    return _private_key_from(_read_key_file(path), path)


def _read_key_file(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise KeyProblem(f"The key file {path} cannot be read ({reason(exc)}).") from exc
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyProblem(f"{path} is far too large to be a key file from kiosk pack keygen.")
    return data


def _private_key_from(data: bytes, path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyProblem(
            f"{path} is not a private key the kiosk can use (an unprotected key from kiosk pack "
            "keygen is needed)."
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{path} is not an Ed25519 key; make one with kiosk pack keygen.")
    return key


def generate_key_pair(out_stem: Path) -> tuple[Path, Path]:
    """Write a new key pair: NAME.key (private, readable by its owner only) and NAME.pub.

    Never overwrites: raises KeyProblem when either file exists already.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path = out_stem.parent / (out_stem.name + KEY_SUFFIX)
    public_path = out_stem.parent / (out_stem.name + PUBLIC_KEY_SUFFIX)
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise KeyProblem(f"{path} exists already; choose another name or move it away.")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    out_stem.parent.mkdir(parents=True, exist_ok=True)
    _write_new_file(private_path, pem, 0o600)
    _write_new_file(public_path, (public_key_text(key.public_key()) + "\n").encode("ascii"), 0o644)
    return private_path, public_path


def _write_new_file(path: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_BINARY
    descriptor = os.open(path, flags, mode)
    try:
        os.chmod(path, mode)  # whatever the umask: a private key stays private
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def signature_text(manifest: bytes, key: Ed25519PrivateKey) -> bytes:
    """The MANIFEST.sig for `manifest`: one line `<key id> <base64 signature>`."""
    signed = base64.b64encode(key.sign(manifest)).decode("ascii")
    return f"{key_id(key.public_key())} {signed}\n".encode("ascii")
