"""The staff PIN cannot be guessed at the kiosk in practice: the lock-out arithmetic.

Five wrong PINs lock the pad for 60 s, and each later lock is twice as long as the one before
(60, 120, 240 s ...) until a right PIN is typed. The doubling has no cap, so the waits grow
as 60 * (2**n - 1) seconds after n locks. These tests drive the real `PinLockout` on a
ManualClock as the fastest possible guesser would (every guess instantly, every lock waited
out to the second), and check the figures.
"""

from __future__ import annotations

import math

from kiosk.rules.clock import ManualClock
from kiosk.rules.pin import PinLockout

FOUR_DIGIT_PINS = 10_000
TRIES_PER_LOCK = 5
FIRST_LOCK_S = 60
DAY_S = 24 * 3600
THIRTY_DAYS_S = 30 * DAY_S


def guess_until(lockout: PinLockout, clock: ManualClock, *, pins: int, give_up_after: float) -> int:
    """How many PINs the fastest guesser tries before all are tried or the time is up."""
    start = clock.now()
    tried = 0
    while tried < pins:
        wait = lockout.locked_for()
        if clock.now() - start + wait > give_up_after:
            break
        clock.advance(wait)
        lockout.record_failure()
        tried += 1
    return tried


def lock_lengths(count: int) -> list[float]:
    """The length of each of the first `count` locks, as the real lock-out sets them."""
    clock = ManualClock()
    lockout = PinLockout(clock)
    lengths = []
    for _ in range(count):
        for _ in range(TRIES_PER_LOCK):
            lockout.record_failure()
        lengths.append(lockout.locked_for())
        clock.advance(lengths[-1])
    return lengths


def test_each_lock_is_twice_the_last_with_no_cap() -> None:
    lengths = lock_lengths(40)
    assert lengths == [FIRST_LOCK_S * 2.0**n for n in range(40)]
    assert lengths[-1] > 10**6 * 365 * DAY_S  # the 40th lock alone: over a million years


def test_in_thirty_days_the_fastest_guesser_tries_80_pins() -> None:
    """Whatever the schedule (a cap would show here): far from all 10,000 within a month."""
    clock = ManualClock()
    tried = guess_until(PinLockout(clock), clock, pins=FOUR_DIGIT_PINS, give_up_after=THIRTY_DAYS_S)
    # 16 rounds of 5: the waits after 15 locks add up to 60 * (2**15 - 1) s, under 23 days;
    # one more lock would make them 60 * (2**16 - 1) s, over 45 days.
    assert tried == 16 * TRIES_PER_LOCK
    assert tried / FOUR_DIGIT_PINS < 0.01  # under a 1 % chance of finding a 4-digit PIN


def test_trying_every_four_digit_pin_takes_longer_than_the_universe_has_existed() -> None:
    rounds = math.ceil(FOUR_DIGIT_PINS / TRIES_PER_LOCK)  # 2,000 rounds of five
    locks = rounds - 1  # no need to wait out the lock after the very last try
    # The sum of 60 * 2**n for n below `locks`, exactly, in whole seconds.
    total_s = FIRST_LOCK_S * (2**locks - 1)
    assert total_s == sum(FIRST_LOCK_S * 2**n for n in range(locks))
    assert total_s > THIRTY_DAYS_S
    years = total_s // (365 * DAY_S)
    assert len(str(years)) == 597  # about 1.1e596 years (the universe: about 1.4e10)
    # The schedule the sum assumes is the real one (40 locks: a float still counts exactly).
    assert sum(lock_lengths(40)) == FIRST_LOCK_S * (2**40 - 1)


def test_walking_away_and_back_gives_no_fresh_tries() -> None:
    """The lock and the doubling outlast a lock ending; only a right PIN clears them."""
    clock = ManualClock()
    lockout = PinLockout(clock)
    for _ in range(TRIES_PER_LOCK):
        lockout.record_failure()
    clock.advance(DAY_S)  # long after the lock ended
    for _ in range(TRIES_PER_LOCK):
        lockout.record_failure()
    assert lockout.locked_for() == 2 * FIRST_LOCK_S
