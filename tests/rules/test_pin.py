"""The staff PIN: hashed with a fresh salt, checked safely, and a pad that locks after wrong tries."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from datetime import timedelta

import pytest

from kiosk.rules.clock import ManualClock
from kiosk.rules.pin import PinLockout, hash_pin, is_valid_new_pin, verify_pin

PIN = "4071"


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin(PIN)  # one scrypt run shared by the module's tests


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- hashing and checking ------------------------------------------------------------------------


def test_the_stored_form_names_its_parameters_salt_and_hash(stored: str) -> None:
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert PIN not in stored


def test_the_right_pin_is_accepted_and_wrong_ones_are_not(stored: str) -> None:
    assert verify_pin(PIN, stored)
    for wrong in ("4072", "407", "40710", "", " 4071", "4071 "):
        assert not verify_pin(wrong, stored), wrong


def test_the_same_pin_gets_a_different_salt_each_time() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first.split("$")[4] != second.split("$")[4]
    assert first != second
    assert verify_pin(PIN, first) and verify_pin(PIN, second)


def test_a_hash_made_by_hand_to_the_documented_format_is_accepted() -> None:
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"123456", salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert verify_pin("123456", f"scrypt$16384$8$1${b64(salt)}${b64(digest)}")
    assert not verify_pin("123457", f"scrypt$16384$8$1${b64(salt)}${b64(digest)}")


def test_hashes_with_other_still_reasonable_parameters_are_accepted() -> None:
    salt = b"salt" * 4
    digest = hashlib.scrypt(b"0000", salt=salt, n=2**10, r=4, p=2, dklen=32)
    assert verify_pin("0000", f"scrypt$1024$4$2${b64(salt)}${b64(digest)}")


def malformed_variants(stored: str) -> list[str]:
    scheme, n, r, p, salt, digest = stored.split("$")
    return [
        "",
        "scrypt",
        PIN,
        stored + "$",
        stored.replace("scrypt", "bcrypt", 1),
        "$".join([scheme, "16383", r, p, salt, digest]),  # n not a power of two
        "$".join([scheme, "1", r, p, salt, digest]),
        "$".join([scheme, str(2**30), r, p, salt, digest]),  # would need gigabytes
        "$".join([scheme, n, "0", p, salt, digest]),
        "$".join([scheme, n, r, "99", salt, digest]),  # would take minutes
        "$".join([scheme, "lots", r, p, salt, digest]),
        "$".join([scheme, n, r, p, "not base64!", digest]),
        "$".join([scheme, n, r, p, "", digest]),
        "$".join([scheme, n, r, p, salt, digest[:-4]]),  # cut short, yet a prefix of the right hash
        "$".join([scheme, n, r, p, b64(b"salt"), digest]),
        "$".join([scheme, n, r, p, salt, b64(b"short")]),
        "$".join([scheme, n, r, p, salt, "é"]),
    ]


def test_a_damaged_stored_hash_is_never_accepted_and_never_raises(stored: str) -> None:
    for bad in malformed_variants(stored):
        assert verify_pin(PIN, bad) is False, bad


def test_a_pin_that_is_not_proper_text_is_refused_without_raising(stored: str) -> None:
    assert verify_pin("\udc80", stored) is False


# --- choosing a new PIN --------------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["0000", "4071", "12345678", "0012"])
def test_four_to_eight_digits_make_a_good_new_pin(pin: str) -> None:
    assert is_valid_new_pin(pin) is None


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("", "The PIN must be 4 to 8 digits long; this one has 0."),
        ("407", "The PIN must be 4 to 8 digits long; this one has 3."),
        ("123456789", "The PIN must be 4 to 8 digits long; this one has 9."),
        ("40a1", "The PIN may contain only the digits 0 to 9."),
        ("40 71", "The PIN may contain only the digits 0 to 9."),
        ("4071\n", "The PIN may contain only the digits 0 to 9."),
        ("\u0664\u0660\u0667\u0661", "The PIN may contain only the digits 0 to 9."),  # Arabic-Indic
        ("-4071", "The PIN may contain only the digits 0 to 9."),
    ],
)
def test_a_bad_new_pin_gets_a_plain_reason(pin: str, reason: str) -> None:
    assert is_valid_new_pin(pin) == reason


# --- locking the pad -----------------------------------------------------------------------------


def fail(lockout: PinLockout, times: int) -> None:
    for _ in range(times):
        lockout.record_failure()


def test_the_pad_locks_for_60_seconds_after_five_wrong_pins() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock)
    fail(lockout, 4)
    assert (lockout.failures, lockout.locked_for()) == (4, 0.0)
    fail(lockout, 1)
    assert lockout.locked_for() == 60.0
    clock.advance(59.5)
    assert lockout.locked_for() == 0.5
    clock.advance(0.5)
    assert lockout.locked_for() == 0.0


def test_after_a_lock_ends_there_are_five_more_tries() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock)
    fail(lockout, 5)
    assert lockout.failures == 5
    clock.advance(60)
    assert lockout.failures == 0
    fail(lockout, 4)
    assert lockout.locked_for() == 0.0
    fail(lockout, 1)
    assert lockout.locked_for() > 0


def test_each_later_lock_is_twice_as_long() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock)
    for expected in (60.0, 120.0, 240.0, 480.0):
        fail(lockout, 5)
        assert lockout.locked_for() == expected
        clock.advance(expected)


def test_a_failure_recorded_while_locked_changes_nothing() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock)
    fail(lockout, 5)
    clock.advance(10)
    fail(lockout, 7)
    assert (lockout.failures, lockout.locked_for()) == (5, 50.0)
    clock.advance(50)
    fail(lockout, 5)
    assert lockout.locked_for() == 120.0  # the stray calls did not count as a lock


def test_a_right_pin_resets_the_count_and_the_doubling() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock)
    fail(lockout, 5)
    clock.advance(60)
    fail(lockout, 5)
    assert lockout.locked_for() == 120.0
    clock.advance(120)
    fail(lockout, 3)
    lockout.record_success()
    assert lockout.failures == 0
    fail(lockout, 4)
    assert lockout.locked_for() == 0.0
    fail(lockout, 1)
    assert lockout.locked_for() == 60.0


def test_the_number_of_tries_and_the_first_lock_can_be_chosen() -> None:
    clock = ManualClock()
    lockout = PinLockout(clock, attempts=3, first_lock_seconds=10.0)
    assert lockout.attempts == 3
    fail(lockout, 3)
    assert lockout.locked_for() == 10.0
    clock.advance(10)
    fail(lockout, 3)
    assert lockout.locked_for() == 20.0


@pytest.mark.parametrize(("attempts", "seconds"), [(0, 60.0), (5, 0.0), (5, -1.0)])
def test_a_lockout_that_could_never_lock_is_refused(attempts: int, seconds: float) -> None:
    with pytest.raises(ValueError, match="attempts"):
        PinLockout(ManualClock(), attempts=attempts, first_lock_seconds=seconds)


# --- the log -------------------------------------------------------------------------------------


def test_the_log_counts_wrong_pins_and_never_shows_the_digits(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock = ManualClock()
    lockout = PinLockout(clock)
    tried = ["8352", "91827364", "27390", "55821", "603917"]
    for pin in tried:  # the way the PIN pad uses them
        if lockout.locked_for() == 0 and not verify_pin(pin, stored):
            lockout.record_failure()
    clock.advance(60)
    assert verify_pin(PIN, stored)
    lockout.record_success()
    tried.append(PIN)
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.rules.pin"] == [
        "wrong staff PIN (1 of 5)",
        "wrong staff PIN (2 of 5)",
        "wrong staff PIN (3 of 5)",
        "wrong staff PIN (4 of 5)",
        "wrong staff PIN (5 of 5)",
        "PIN pad locked for 60 s",
    ]
    everything = caplog.text + "".join(f"{r.msg} {r.args}" for r in caplog.records)
    for pin in tried:
        assert pin not in everything, pin


# The lock-out outlives a restart -------------------------------------------------------------


def restarted(clock: ManualClock, state_file, after_seconds: float) -> PinLockout:
    """The kiosk started again `after_seconds` of wall time later, with a new monotonic clock."""
    later = ManualClock(start=5.0, wall=clock.local_time() + timedelta(seconds=after_seconds))
    return PinLockout(later, state_file=state_file)


def test_a_lock_goes_on_after_a_restart(tmp_path) -> None:
    clock, state = ManualClock(), tmp_path / "pin-lockout.json"
    fail(PinLockout(clock, state_file=state), 5)
    again = restarted(clock, state, after_seconds=10)
    assert again.locked_for() == pytest.approx(50)
    again.record_failure()  # ignored while locked: the lock is not lengthened
    assert again.locked_for() == pytest.approx(50)


def test_wrong_pins_before_a_restart_still_count(tmp_path) -> None:
    clock, state = ManualClock(), tmp_path / "pin-lockout.json"
    fail(PinLockout(clock, state_file=state), 3)
    again = restarted(clock, state, after_seconds=1)
    assert again.failures == 3
    fail(again, 2)
    assert again.locked_for() == pytest.approx(60)


def test_a_lock_that_ran_out_while_off_leaves_the_next_one_doubled(tmp_path) -> None:
    clock, state = ManualClock(), tmp_path / "pin-lockout.json"
    fail(PinLockout(clock, state_file=state), 5)
    again = restarted(clock, state, after_seconds=3600)
    assert again.locked_for() == 0 and again.failures == 0
    fail(again, 5)
    assert again.locked_for() == pytest.approx(120)


def test_a_clock_set_back_cannot_lengthen_a_lock(tmp_path) -> None:
    clock, state = ManualClock(), tmp_path / "pin-lockout.json"
    fail(PinLockout(clock, state_file=state), 5)
    assert restarted(clock, state, after_seconds=-86_400).locked_for() == pytest.approx(60)


def test_a_right_pin_clears_the_saved_count_and_the_file_holds_no_pin(tmp_path) -> None:
    clock, state = ManualClock(), tmp_path / "pin-lockout.json"
    lockout = PinLockout(clock, state_file=state)
    fail(lockout, 4)
    lockout.record_success()
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert set(saved) == {"failures", "locks", "locked_for_seconds", "saved_at"}
    assert (saved["failures"], saved["locks"], saved["locked_for_seconds"]) == (0, 0, 0)
    assert restarted(clock, state, after_seconds=1).failures == 0


@pytest.mark.parametrize("junk", [b"", b"{", b"\x00\xff", b'{"failures": "many"}', b"[]"])
def test_a_damaged_lock_out_file_starts_a_new_count_and_says_so(tmp_path, caplog, junk) -> None:
    state = tmp_path / "pin-lockout.json"
    state.write_bytes(junk)
    with caplog.at_level(logging.ERROR):
        lockout = PinLockout(ManualClock(), state_file=state)
    assert lockout.failures == 0 and lockout.locked_for() == 0
    assert str(state) in caplog.text
