"""The simulated-use soak: days of a clinic's waiting room on a hand-driven clock.

Run it through bench/soak.py (its default mode), whose docstring says what it does. How time
works here: the kiosk's clock is a ManualClock that the soak moves forward in steps (5 simulated
seconds while someone is there, 30 to 60 otherwise). The kiosk's own QTimers keep running in real
time, so two of them are set to fire every millisecond instead of every 250 ms and 15 s (the idle
controller's tick, the screen-hours check), and the clock moves on only after each of them (and
the attract screen's frame timer while it shows, and any carousel snap animation) has fired
since the last step: a timer that stops firing stops the simulation, and the soak reports it
after STALL_SECONDS of real time.
"""

from __future__ import annotations

import gc
import logging
import random
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from _common import malloc_mb, rss_mb
from _visitors import (
    FULL_TOUR,
    SWIPE_NOT_TURNED,
    ContentUpdate,
    Hands,
    Plan,
    covering,
    visible_overlay,
    visitor_plan,
)
from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.idle import Phase
from kiosk.ui.visitor.attract_screen import AttractScreen
from kiosk.ui.visitor.still_here import StillHereOverlay

START = datetime(2026, 11, 23, 7, 0)  # a Monday, as the clinic opens
QUIET_HOURS = ("mon-fri 20:00-07:00", "sat,sun")
UPDATE_HOUR, UPDATE_MINUTE = 6, 30  # staff install the day's content before the clinic opens
FIRST_UPDATE_AFTER = 20 * 60.0  # ... and on the first day, 20 minutes into the first hour
KIOSK_TIMER_MS = 1
STALL_SECONDS = 20.0
# Minutes between one visitor leaving and the next arriving, on average, from each hour of the
# day on: a quiet first hour, a busy morning and afternoon, a lull at lunch, a quiet evening.
MEAN_GAP_MINUTES = ((7, 15.0), (8, 5.0), (12, 8.0), (14, 5.0), (18, 10.0))
STEP_VISIT, STEP_REST, STEP_QUIET = 5.0, 30.0, 60.0
RESET_WITHIN = 600.0  # after a visitor walks away, the idle reset must come within this
SLEEP_SLACK = 120.0  # quiet hours: asleep this long after the idle time at most
ATTRACT_SLACK = 300.0  # the attract screen: showing this long after it is due at most
MAX_GROWTH_MB = 10.0


class TimerWatch:
    """Counts the firings of one of the kiosk's QTimers, following it if the kiosk makes a new one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.mark = 0

    def follow(self, timer: QTimer | None) -> None:
        if timer is not None and not timer.property("soak_watched"):
            timer.setProperty("soak_watched", True)
            timer.timeout.connect(self._fired)

    def _fired(self) -> None:
        self.count += 1

    def fired_since_mark(self) -> bool:
        return self.count > self.mark

    def set_mark(self) -> None:
        self.mark = self.count


@dataclass
class Hour:
    """What happened in one simulated hour."""

    number: int
    start: datetime
    quiet: bool
    steps: int = 0
    visitors: int = 0
    actions: int = 0
    missed: int = 0
    still_here: int = 0
    attract_seconds: float = 0.0
    attract_items: int = 0
    swipes: int = 0
    swipes_landed: int = 0
    prints: int = 0
    updates: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # kiosk counters at the start
    deltas: dict[str, int] = field(default_factory=dict)  # ... and how far they moved
    rss: float = 0.0
    malloc: tuple[float, float] | None = None  # glibc's bytes in use and held free, MB
    problems: list[str] = field(default_factory=list)

    def line(self, first_rss: float | None) -> str:
        growth = f" ({self.rss - first_rss:+.1f})" if first_rss is not None else ""
        heap = f" (malloc {self.malloc[0]:.0f} used, {self.malloc[1]:.0f} free)" if self.malloc else ""
        d = self.deltas
        return (
            f"hour {self.number:2d} {self.start:%a %H:%M} {'quiet' if self.quiet else 'open '} "
            f"RSS {self.rss:6.1f} MB{growth:9s}{heap} visitors {self.visitors:2d} actions {self.actions:3d} "
            f"missed {self.missed} still-here {self.still_here:2d} resets {d['resets']:2d} "
            f"attract {self.attract_seconds / 60:4.0f} min ({d['attract_frames']} frames, "
            f"{self.attract_items} items) swipes {self.swipes_landed}/{self.swipes} "
            f"prints {self.prints} sleeps {d['sleeps']} updates {self.updates} "
            f"ticks idle {d['idle_ticks']} screen {d['screen_ticks']} (steps {self.steps})"
        )


class LogCounter(logging.Handler):
    """Counts the kiosk's warnings and errors by message, to report at the end."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        key = f"{record.levelname} {record.name}: {record.msg}"
        self.seen[key] = self.seen.get(key, 0) + 1


class UseSoak(QObject):
    """Drives the kiosk through `hours` simulated hours from inside app.exec()."""

    def __init__(self, kiosk: Kiosk, clock: ManualClock, scratch: Path, hours: int, seed: int) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.clock = clock
        self.rng = random.Random(seed)
        self.hands = Hands(kiosk, random.Random(seed + 1), scratch)
        self.update = ContentUpdate(kiosk, scratch / "stick")
        self.end = START + timedelta(hours=hours)
        self.watches = {name: TimerWatch(name) for name in ("idle", "screen", "attract")}
        self.hours: list[Hour] = []
        self.hour = self._new_hour(1, START)
        self.problems: list[str] = []
        self.plan: Plan = []
        self.first_visitor = True
        self.next_action: float | None = None
        self.lingering_until: float | None = None
        self.left_at: float | None = None
        self.resets_when_left = 0
        now = clock.now()
        self.next_arrival = now + 60.0
        self.next_update = now + FIRST_UPDATE_AFTER
        self.next_night_touch = self._next_night_touch(now)
        self.attract_at_mark: AttractScreen | None = None
        self.last_attract_item = -1
        self.question_shown = False
        self.awake_since: float | None = None
        self.open_episodes: set[str] = set()
        self.blocked_since: float | None = None
        self.finished = False
        self.fleet: dict[str, int] = {}  # counting and the outbox, filled in by soak.py at the end
        self.real_start = time.perf_counter()
        self.real_seconds = 0.0
        self.log_counter = LogCounter()
        self.driver = QTimer(self)
        self.driver.setInterval(0)
        self.driver.timeout.connect(self._step)

    # Starting and stopping -------------------------------------------------------------------

    def start(self) -> None:
        """Quiet hours on through the settings, the kiosk's timers running, and the first step."""
        logging.getLogger("kiosk").addHandler(self.log_counter)
        problem = self.kiosk.settings.update(quiet_hours=QUIET_HOURS)
        if problem is not None:
            raise RuntimeError(problem)
        for timer in (self.kiosk.idle.timer, self.kiosk.screen_hours.timer):
            timer.setInterval(KIOSK_TIMER_MS)
        self.kiosk.idle.start()
        self.kiosk.screen_hours.start()
        self._follow_timers()
        self.hour.counts = self._counts()
        self.real_start = time.perf_counter()
        self.driver.start()

    def _finish(self) -> None:
        self.finished = True
        self.real_seconds = time.perf_counter() - self.real_start
        self.driver.stop()
        logging.getLogger("kiosk").removeHandler(self.log_counter)
        QTimer.singleShot(50, lambda: QApplication.instance().exit(0))  # type: ignore[union-attr]

    def _fail(self, message: str) -> None:
        self._problem(message)
        self._close_hour(final=True)

    # One step --------------------------------------------------------------------------------

    @Slot()
    def _step(self) -> None:
        if self.finished:
            return
        try:
            if self._blocked():
                return
            self._check()
            self._run_due()
            self._advance()
        except Exception:
            self._fail("the soak itself failed:\n" + traceback.format_exc())

    def _blocked(self) -> bool:
        """Waits until each periodic action due since the last step has happened."""
        self._follow_timers()
        self.update.poll()
        gate = self._shut_gate()
        if gate is None:
            self.blocked_since = None
            return False
        now = time.perf_counter()
        if self.blocked_since is None:
            self.blocked_since = now
        elif now - self.blocked_since > STALL_SECONDS:
            self._fail(f"{gate} has not happened for {STALL_SECONDS:.0f} s of real time: stopped")
        return True

    def _shut_gate(self) -> str | None:
        if not self.watches["idle"].fired_since_mark():
            return "the idle controller's tick (IdleController.timer)"
        if not self.watches["screen"].fired_since_mark():
            return "the screen-hours check (ScreenHours.timer)"
        attract = self.hands.attract()
        frame_due = attract is not None and attract is self.attract_at_mark
        if frame_due and not self.watches["attract"].fired_since_mark():
            return "the attract screen's next frame (AttractScreen.timer)"
        if self.hands.swiped is not None and not self._swipe_done():
            return "the carousel's snap animation"
        if self.update.busy:
            return f"the content update ({self.update.state}, on the import worker's thread)"
        return None

    def _swipe_done(self) -> bool:
        carousel = self.hands.swiped
        if carousel is None or not isValid(carousel):
            self.hands.swiped = None
            return True
        if not carousel.is_settled:
            return False
        self.hands.swiped = None
        self.hour.swipes += 1
        if carousel.strip.x() == -carousel.current_index * carousel.card_width:
            self.hour.swipes_landed += 1
        else:
            self._problem(f"a carousel swipe stopped between cards (strip at x={carousel.strip.x()}, "
                          f"card {carousel.current_index} of width {carousel.card_width})")
        return True

    def _follow_timers(self) -> None:
        self.watches["idle"].follow(self.kiosk.idle.timer)
        self.watches["screen"].follow(self.kiosk.screen_hours.timer)
        attract = self.hands.attract()
        self.watches["attract"].follow(attract.timer if attract is not None else None)

    # What should have happened by now ------------------------------------------------------

    def _check(self) -> None:
        now = self.clock.now()
        quiet = self._quiet(now)
        asleep = self.kiosk.screen_hours.asleep
        timings = self.kiosk.idle.machine.timings
        idle_for = self.kiosk.idle.machine.idle_for(now)
        self._expect("wake", not (asleep and not quiet), "the screen still sleeps outside quiet hours")
        self._expect("sleep", not (quiet and not asleep and idle_for > timings.idle_seconds + SLEEP_SLACK),
                     f"the screen is awake in quiet hours, {idle_for / 60:.0f} min after the last touch")
        self.awake_since = None if asleep else self.awake_since if self.awake_since is not None else now
        due = timings.idle_seconds + timings.countdown_seconds + timings.attract_seconds + ATTRACT_SLACK
        awake_for = now - self.awake_since if self.awake_since is not None else 0.0
        attract = self.hands.attract()
        self._expect("attract", quiet or asleep or self._present() or attract is not None or idle_for < due
                     or awake_for < timings.attract_seconds + ATTRACT_SLACK,
                     f"the attract screen is not showing, {idle_for / 60:.0f} min after the last touch and "
                     f"{awake_for / 60:.0f} min after the screen woke (idle phase "
                     f"{self.kiosk.idle.machine.phase.value})")
        self._check_reset(now)
        self._watch_screens(attract)

    def _check_reset(self, now: float) -> None:
        if self.left_at is None:
            return
        if self.kiosk.idle.resets > self.resets_when_left:
            self.left_at = None
        elif now - self.left_at > RESET_WITHIN:
            phase = self.kiosk.idle.machine.phase.value
            self._problem(f"no idle reset {RESET_WITHIN / 60:.0f} min after the visitor walked away "
                          f"(idle phase {phase}, showing {covering(self.kiosk.window)})")
            self.left_at = None

    def _watch_screens(self, attract: AttractScreen | None) -> None:
        if attract is not None and attract.current_item_index() != self.last_attract_item:
            self.last_attract_item = attract.current_item_index()
            self.hour.attract_items += 1
        shown = visible_overlay(self.kiosk.window, StillHereOverlay) is not None
        if shown and not self.question_shown:
            self.hour.still_here += 1
        self.question_shown = shown

    def _expect(self, key: str, ok: bool, message: str) -> None:
        """Report a condition once each time it starts to last too long."""
        if ok:
            self.open_episodes.discard(key)
        elif key not in self.open_episodes:
            self.open_episodes.add(key)
            self._problem(message)

    def _problem(self, message: str) -> None:
        text = f"{self.clock.local_time():%a %H:%M:%S}: {message}"
        print(f"  PROBLEM {text}", flush=True)
        self.hour.problems.append(text)
        self.problems.append(text)

    # Visitors, staff and the night -----------------------------------------------------------

    def _present(self) -> bool:
        return self.next_action is not None or self.lingering_until is not None

    def _run_due(self) -> None:
        now = self.clock.now()
        for problem in self.update.problems:
            self._problem(problem)
        self.update.problems.clear()
        if self.lingering_until is not None:
            self._linger(now)
        elif self.next_action is not None and now >= self.next_action:
            self._act(now)
        elif not self._present() and now >= self.next_arrival:
            self._arrive(now)
        if now >= self.next_update and not self._present():
            self.hands.touch()  # staff wake the screen, then open the staff panel
            self.update.start()
            self.hour.updates += 1
            self.next_update = self._at_next(now, UPDATE_HOUR, UPDATE_MINUTE)
        if now >= self.next_night_touch:
            self.hands.touch()  # someone passing by touches the dark screen
            self.next_night_touch = self._next_night_touch(now)

    def _arrive(self, now: float) -> None:
        self.plan = list(FULL_TOUR) if self.first_visitor else visitor_plan(self.rng)
        self.first_visitor = False
        self.hour.visitors += 1
        self.left_at = None
        self.next_action = now

    def _act(self, now: float) -> None:
        action, _delay = self.plan.pop(0)
        if action == "linger":  # stops touching; answers the question when it comes
            self.lingering_until = now + RESET_WITHIN
            self.next_action = None
            return
        self.hour.actions += 1
        done = self.hands.do(action)
        self.hour.prints += done and action == "print"
        if not done:
            self.hour.missed += 1
            why = self.hands.why or f"showing {covering(self.kiosk.window)}"
            print(f"  missed: {action} at {self.clock.local_time():%a %H:%M:%S} "
                  f"(on {self.kiosk.window.current_screen}, text {self.kiosk.window.text_scale:.0%}: {why})")
            if action == "swipe" and why == SWIPE_NOT_TURNED:  # the kiosk's fault, not the visitor's
                self._problem(f"a swipe did not turn the carousel (on {self.kiosk.window.current_screen})")
        self._next_action(now)

    def _linger(self, now: float) -> None:
        if self.hands.stay():
            self.hour.actions += 1
            self.lingering_until = None
            self._next_action(now)
        elif self.lingering_until is not None and now > self.lingering_until:
            self._problem("a visitor waited 10 min and the \"Still reading?\" question never came")
            self.lingering_until = None
            self._next_action(now)

    def _next_action(self, now: float) -> None:
        if self.plan:
            self.next_action = now + self.plan[0][1]
            return
        self.next_action = None  # walks away
        self.left_at = now
        self.resets_when_left = self.kiosk.idle.resets
        self.next_arrival = self._next_arrival(now)

    def _next_arrival(self, now: float) -> float:
        arrival = now + self._gap(now)
        while self._quiet(arrival):  # nobody comes in while the clinic is closed
            arrival += 300.0
        if arrival - now > 3600:  # the clinic opened in between: a first gap from the opening
            arrival += self._gap(arrival)
        return arrival

    def _gap(self, at: float) -> float:
        hour = self._wall(at).hour
        minutes = next((gap for start, gap in reversed(MEAN_GAP_MINUTES) if hour >= start), 10.0)
        return self.rng.expovariate(1 / (minutes * 60))

    def _next_night_touch(self, now: float) -> float:
        """Once a night, at a random time between 22:00 and 05:00."""
        return self._at_next(now, 22, 0) + self.rng.uniform(0, 7 * 3600)

    def _at_next(self, now: float, hour: int, minute: int) -> float:
        wall = self._wall(now)
        target = wall.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if target <= wall:
            target += timedelta(days=1)
        return now + (target - wall).total_seconds()

    def _wall(self, at: float) -> datetime:
        return self.clock.local_time() + timedelta(seconds=at - self.clock.now())

    def _quiet(self, at: float) -> bool:
        return self.kiosk.screen_hours.hours.is_quiet(self._wall(at))

    # Moving the clock ------------------------------------------------------------------------

    def _advance(self) -> None:
        now = self.clock.now()
        step = self._step_size()
        upcoming = [t for t in (self.next_action, self.next_arrival, self.next_update, self.next_night_touch)
                    if t is not None and t > now]
        if upcoming:
            step = max(0.5, min(step, min(upcoming) - now))
        attract = self.hands.attract()
        if attract is not None:
            self.hour.attract_seconds += step
        self.attract_at_mark = attract
        for watch in self.watches.values():
            watch.set_mark()
        self.clock.advance(step)
        self.hour.steps += 1
        if self.clock.local_time() >= self.hour.start + timedelta(hours=1):
            self._close_hour(final=self.clock.local_time() >= self.end)

    def _step_size(self) -> float:
        phase = self.kiosk.idle.machine.phase
        if self._present() or phase in (Phase.ACTIVE, Phase.WARNING) or self.hands.swiped is not None:
            return STEP_VISIT
        if self.kiosk.screen_hours.asleep or self.hands.attract() is not None:
            return STEP_QUIET
        return STEP_REST

    # Hours -----------------------------------------------------------------------------------

    def _new_hour(self, number: int, start: datetime) -> Hour:
        hour = Hour(number, start, self.kiosk.screen_hours.hours.is_quiet(start))
        hour.counts = self._counts()
        return hour

    def _counts(self) -> dict[str, int]:
        return {
            "resets": self.kiosk.idle.resets, "sleeps": self.kiosk.screen_hours.sleeps,
            "idle_ticks": self.watches["idle"].count, "screen_ticks": self.watches["screen"].count,
            "attract_frames": self.watches["attract"].count, "caught": self.kiosk.crash_guard.caught,
        }

    def _close_hour(self, *, final: bool) -> None:
        hour = self.hour
        now = self._counts()
        hour.deltas = {key: now[key] - hour.counts[key] for key in now}
        if hour.deltas["caught"]:
            self._problem(f"{hour.deltas['caught']} unexpected error(s) reached the kiosk's crash guard")
        gc.collect()
        hour.rss = rss_mb()
        hour.malloc = malloc_mb()
        print(hour.line(self.hours[0].rss if self.hours else None), flush=True)
        self.hours.append(hour)
        if final:
            self._finish()
            return
        self.hour = self._new_hour(hour.number + 1, hour.start + timedelta(hours=1))
