"""Handout limits: per visitor until the reset, and per hour for everyone."""

from __future__ import annotations

from kiosk.rules.clock import ManualClock
from kiosk.rules.print_limits import HOURLY_LIMIT, PRINTING_OFF, PrintAllowance


def test_three_per_visitor_then_a_reason_until_the_next_visitor() -> None:
    allowance = PrintAllowance(ManualClock(), per_visitor=3, per_hour=30)
    for _ in range(3):
        assert allowance.refusal() is None
        allowance.record()
    reason = allowance.refusal()
    assert reason is not None and "one visit allows" in reason and "front desk" in reason
    allowance.new_visitor()
    assert allowance.refusal() is None


def test_the_hourly_cap_counts_every_visitor_in_a_sliding_hour() -> None:
    clock = ManualClock()
    allowance = PrintAllowance(clock, per_visitor=3, per_hour=5)
    for _ in range(5):
        allowance.record()
        allowance.new_visitor()
        clock.advance(60)
    assert allowance.refusal() == HOURLY_LIMIT
    clock.advance(3600 - 5 * 60)  # the first handout is now an hour old
    assert allowance.refusal() is None
    assert allowance.printed_this_hour() == 4


def test_zero_turns_printing_off() -> None:
    assert PrintAllowance(ManualClock(), per_visitor=0, per_hour=30).refusal() == PRINTING_OFF
    assert PrintAllowance(ManualClock(), per_visitor=3, per_hour=0).refusal() == PRINTING_OFF
