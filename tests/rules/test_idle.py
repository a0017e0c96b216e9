"""The idle rules, driven by a hand-moved clock."""

from __future__ import annotations

import pytest

from kiosk.rules.clock import ManualClock
from kiosk.rules.idle import (
    Action,
    CornerTaps,
    IdleMachine,
    IdleTimings,
    Phase,
    article_idle_limit,
    reading_seconds,
)

TIMINGS = IdleTimings(idle_seconds=90, countdown_seconds=15, attract_seconds=300)


def run_until(machine: IdleMachine, clock: ManualClock, seconds: float, **tick: object) -> list[Action]:
    """Tick once a second for `seconds`, collecting what the machine asks for."""
    actions = []
    for _ in range(int(seconds)):
        clock.advance(1)
        action = machine.tick(clock.now(), **tick)  # type: ignore[arg-type]
        if action is not None:
            actions.append(action)
    return actions


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def test_the_question_appears_at_the_idle_time_and_not_before(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    assert run_until(machine, clock, 89, at_rest=False) == []
    assert run_until(machine, clock, 1, at_rest=False) == [Action.SHOW_WARNING]
    assert machine.phase is Phase.WARNING


def test_the_countdown_ends_in_a_reset(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    run_until(machine, clock, 90, at_rest=False)
    clock.advance(7.5)
    assert machine.countdown_remaining(clock.now()) == pytest.approx(7.5)
    assert run_until(machine, clock, 8, at_rest=False) == [Action.RESET]
    assert machine.phase is Phase.RESTING


def test_input_during_the_countdown_keeps_the_visitor_where_they_were(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    run_until(machine, clock, 95, at_rest=False)
    assert machine.input(clock.now()) is Action.HIDE_WARNING
    assert machine.countdown_remaining(clock.now()) == 15
    # The full idle time starts again: no second question 10 s later.
    assert run_until(machine, clock, 89, at_rest=False) == []
    assert run_until(machine, clock, 1, at_rest=False) == [Action.SHOW_WARNING]


def test_any_input_restarts_the_idle_clock(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    for _ in range(10):
        run_until(machine, clock, 80, at_rest=False)
        assert machine.input(clock.now()) is None
    assert machine.phase is Phase.ACTIVE


def test_a_clean_home_screen_rests_without_asking(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    assert run_until(machine, clock, 90, at_rest=True) == [Action.RESET]


def test_attract_screen_after_a_further_idle_period_and_leaving_it(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    run_until(machine, clock, 105, at_rest=False)
    assert run_until(machine, clock, 299, at_rest=True) == []
    assert run_until(machine, clock, 1, at_rest=True) == [Action.SHOW_ATTRACT]
    assert run_until(machine, clock, 3600, at_rest=True) == []
    assert machine.input(clock.now()) is Action.LEAVE_ATTRACT
    assert machine.phase is Phase.ACTIVE


def test_a_longer_limit_for_a_slow_reader_delays_the_question(clock: ManualClock) -> None:
    machine = IdleMachine(TIMINGS, clock.now())
    assert run_until(machine, clock, 149, at_rest=False, idle_limit=150) == []
    assert run_until(machine, clock, 1, at_rest=False, idle_limit=150) == [Action.SHOW_WARNING]


@pytest.mark.parametrize(("words", "expected"), [(0, 90), (100, 90), (300, 90), (301, 91), (800, 240)])
def test_an_article_waits_for_the_words_on_screen_but_never_less_than_the_idle_time(
    words: int, expected: float
) -> None:
    assert article_idle_limit(90, words, 200) == expected


@pytest.mark.parametrize(("words", "expected"), [(0, 0), (1, 1), (200, 60), (450, 135), (1000, 300)])
def test_reading_time_at_200_words_a_minute(words: int, expected: float) -> None:
    assert reading_seconds(words, 200) == expected


def test_five_corner_taps_within_three_seconds_open_the_gesture(clock: ManualClock) -> None:
    taps = CornerTaps()
    results = []
    for _ in range(5):
        results.append(taps.tap(clock.now()))
        clock.advance(0.5)
    assert results == [False, False, False, False, True]


def test_slow_corner_taps_do_not_count(clock: ManualClock) -> None:
    taps = CornerTaps()
    results = []
    for _ in range(10):
        results.append(taps.tap(clock.now()))
        clock.advance(0.8)  # five taps span 3.2 s
    assert not any(results)


def test_forgetting_breaks_the_sequence(clock: ManualClock) -> None:
    taps = CornerTaps()
    for _ in range(4):
        taps.tap(clock.now())
    taps.forget()
    assert not taps.tap(clock.now())
