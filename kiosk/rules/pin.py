"""The staff PIN: stored only as a salted scrypt hash, and a PIN pad that locks after wrong guesses.

Nothing here ever logs or returns the digits typed, so a log file cannot give the PIN away.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import re
import secrets
from datetime import datetime
from pathlib import Path

from kiosk.disk.atomic_file import atomic_write_text
from kiosk.rules.clock import Clock

log = logging.getLogger(__name__)

_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1  # about 16 MB and a few tens of milliseconds per try
_SALT_BYTES = 16
_HASH_BYTES = 32
# Limits on what a stored hash may ask for, so an edited settings file cannot hang the kiosk.
_MAX_N, _MAX_R, _MAX_P = 2**16, 8, 4
_MIN_PIN, _MAX_PIN = 4, 8


def hash_pin(pin: str) -> str:
    """The text to store for `pin`: `scrypt$16384$8$1$<salt>$<hash>` with base64 parts."""
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(pin, salt, _N, _R, _P, _HASH_BYTES)
    return "$".join([_SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` matches the stored hash; False for a wrong PIN or a damaged stored hash."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        digest = _scrypt(pin, salt, n, r, p, _HASH_BYTES)
    except (ValueError, MemoryError):  # a PIN that is not text, or parameters scrypt refuses
        return False
    return hmac.compare_digest(digest, expected)


def is_valid_new_pin(pin: str) -> str | None:
    """Why `pin` cannot be the new staff PIN, in plain words; None if it can."""
    if re.fullmatch(r"[0-9]*", pin) is None:
        return "The PIN may contain only the digits 0 to 9."
    if not _MIN_PIN <= len(pin) <= _MAX_PIN:
        return f"The PIN must be {_MIN_PIN} to {_MAX_PIN} digits long; this one has {len(pin)}."
    return None


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    memory = 128 * r * (n + p + 2)  # what scrypt needs, plus room, so the default cap never bites
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=2 * memory)


def is_pin_hash(stored: str) -> bool:
    """Whether `stored` is a PIN hash this kiosk could have written (not damaged by an edit)."""
    return _parse(stored) is not None


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """The parameters, salt and hash of a stored PIN hash, or None if it is not one we made."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return None
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt, expected = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return None
    sane = 2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    # Exact lengths: a hash cut short would still match, since scrypt's output is a prefix family.
    if not sane or len(salt) != _SALT_BYTES or len(expected) != _HASH_BYTES:
        return None
    return n, r, p, salt, expected


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class PinLockout:
    """Counts wrong PINs; after `attempts` in a row the pad locks, each lock twice as long.

    A lock ends by itself and gives `attempts` more tries; a right PIN forgets everything.
    With a `state_file` the count and the lock outlive a restart, so pulling the plug does not
    give a guesser fresh tries; the file holds counts and times only, never a PIN.
    """

    def __init__(
        self, clock: Clock, attempts: int = 5, first_lock_seconds: float = 60.0,
        state_file: Path | None = None,
    ) -> None:
        if attempts < 1 or first_lock_seconds <= 0:
            raise ValueError("attempts must be at least 1 and first_lock_seconds more than 0")
        self._clock = clock
        self._attempts = attempts
        self._first_lock_seconds = first_lock_seconds
        self._failures = 0
        self._locks = 0  # locks since the last right PIN: each one doubles the next
        self._locked_until: float | None = None
        self._state_file = state_file
        if state_file is not None:
            self._restore(state_file)

    @property
    def failures(self) -> int:
        """Wrong PINs in a row since the last right PIN or the end of the last lock."""
        self._end_finished_lock()
        return self._failures

    @property
    def attempts(self) -> int:
        return self._attempts

    def locked_for(self) -> float:
        """Seconds until the pad opens again; 0 when it is open."""
        self._end_finished_lock()
        if self._locked_until is None:
            return 0.0
        return self._locked_until - self._clock.now()

    def record_failure(self) -> None:
        if self.locked_for() > 0:
            return  # the pad ignores input while locked; a stray call must not lengthen the lock
        self._failures += 1
        log.warning("wrong staff PIN (%d of %d)", self._failures, self._attempts)
        if self._failures >= self._attempts:
            self._lock()
        self._save()

    def record_success(self) -> None:
        self._failures = 0
        self._locks = 0
        self._locked_until = None
        self._save()

    def _lock(self) -> None:
        seconds = self._first_lock_seconds * 2**self._locks
        self._locks += 1
        self._locked_until = self._clock.now() + seconds
        log.warning("PIN pad locked for %g s", seconds)

    def _end_finished_lock(self) -> None:
        if self._locked_until is not None and self._clock.now() >= self._locked_until:
            self._locked_until = None
            self._failures = 0
            self._save()

    # Surviving a restart -----------------------------------------------------------------

    def _save(self) -> None:
        if self._state_file is None:
            return
        remaining = 0.0 if self._locked_until is None else self._locked_until - self._clock.now()
        state = {"failures": self._failures, "locks": self._locks,
                 "locked_for_seconds": max(0.0, remaining),
                 "saved_at": self._clock.local_time().isoformat(timespec="seconds")}
        try:
            atomic_write_text(self._state_file, json.dumps(state) + "\n")
        except OSError as error:
            log.error("could not save the PIN lock-out to %s: %s", self._state_file, error)

    def _restore(self, path: Path) -> None:
        """The lock goes on from where it was: the time the kiosk was off counts, but never
        more than the lock had left (a clock set back cannot lengthen it, nor forward end it
        early beyond that)."""
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            failures, locks = int(state["failures"]), int(state["locks"])
            left = float(state["locked_for_seconds"])
            saved_at = datetime.fromisoformat(str(state["saved_at"]))
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.error("the PIN lock-out in %s could not be read (%s); starting a new count",
                      path, error)
            return
        off_for = max(0.0, (self._clock.local_time() - saved_at).total_seconds())
        self._failures = max(0, min(failures, self._attempts))
        self._locks = max(0, min(locks, 64))
        if left > 0 and off_for < left:
            self._locked_until = self._clock.now() + (left - off_for)
        elif left > 0:
            self._failures = 0  # the lock ran out while the kiosk was off
