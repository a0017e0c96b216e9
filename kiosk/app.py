"""The composition root: builds the application, the content and the window once, and wires them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QThread, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.content.model import Pack
from kiosk.packs.store import PackStore
from kiosk.printing.print_log import PrintLog
from kiosk.rules.clock import Clock
from kiosk.rules.idle import IdleTimings
from kiosk.settings.declared import Settings
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore
from kiosk.system.crash_guard import CrashGuard
from kiosk.system.health import KioskFacts
from kiosk.system.memory import release_free_memory
from kiosk.system.paths import bundled_content_dir
from kiosk.system.usb_watch import VolumeWatcher

# Re-exported: tests and benchmarks build the application as the kiosk does.
from kiosk.ui.shell.application import create_application as create_application
from kiosk.ui.shell.day_watch import DayWatch
from kiosk.ui.shell.idle_controller import IdleController
from kiosk.ui.shell.input_watch import InputWatch
from kiosk.ui.shell.keyboard import KeyboardSupport
from kiosk.ui.shell.library_compiler import LibraryKeeper
from kiosk.ui.shell.lockdown import Lockdown
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.screen_hours import ScreenHours
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.content_updates import ContentUpdates
from kiosk.ui.staff.staff_mode import StaffMode
from kiosk.ui.visitor.print_flow import PrintFlow

if TYPE_CHECKING:
    from kiosk.ui.fleet_link import FleetLink
    from kiosk.ui.staff.panel import StaffSection

log = logging.getLogger(__name__)
# Staff chose "Exit the kiosk": the service unit does not restart on this status.
STAFF_EXIT_CODE = 3


class ContentUnavailableError(Exception):
    """Neither the requested pack nor the bundled one could be loaded."""




def load_content(requested: Path | None) -> Pack:
    """The requested pack when it has no errors; otherwise the bundled pack, with the reason logged."""
    from kiosk.content.loader import load_pack  # a compiled pack needs none of it

    if requested is not None:
        result = load_pack(requested)
        if result.pack is not None:
            return result.pack
        log.error("the content in %s has errors and is not shown:", requested)
        for problem in result.errors:
            log.error("  %s", problem)
        log.error("showing the bundled content instead")
    result = load_pack(bundled_content_dir())
    if result.pack is None:
        details = "\n".join(f"  {p}" for p in result.errors)
        raise ContentUnavailableError(f"the bundled content has errors:\n{details}")
    return result.pack



def build_window(pack: Pack, family: str, size: QSize) -> MainWindow:
    return MainWindow(pack, family, size)


def load_settings_store(path: Path) -> SettingsStore:
    """The machine's settings; a bad value is logged with its file and line, and its default used."""
    result = load_settings(path)
    for problem in result.problems:
        log.warning("%s", problem)
    return SettingsStore(result.settings, path, damaged=result.damaged)


def idle_timings(settings: Settings) -> IdleTimings:
    return IdleTimings(
        idle_seconds=settings.idle_seconds,
        countdown_seconds=settings.countdown_seconds,
        attract_seconds=settings.attract_seconds,
    )


@dataclass
class Kiosk:
    """Every long-lived part of a running kiosk, wired together."""

    app: QApplication
    window: MainWindow
    clock: Clock
    settings: SettingsStore
    idle: IdleController
    staff: StaffMode
    input_watch: InputWatch
    crash_guard: CrashGuard
    content_source: Path
    printing: PrintFlow
    screen_hours: ScreenHours
    lockdown: Lockdown | None = None
    updates: ContentUpdates | None = None
    keyboard: KeyboardSupport | None = None
    library: LibraryKeeper | None = None
    day_watch: DayWatch | None = None
    fleet: FleetLink | None = None  # the office's inbox and outbox, usage counts (docs/fleet.md)
    started_at: datetime = field(default_factory=datetime.now)
    started_clock: float = 0.0

    def facts(self) -> KioskFacts:
        """What the running kiosk knows about itself, for the health file."""
        pack = self.window.pack
        active = self.updates.store.active_version() if self.updates is not None else None
        failures = [e for e in self.printing.print_log.entries() if e.outcome == PrintLog.FAILED]
        return KioskFacts(
            started_at=self.started_at, uptime_seconds=self.clock.now() - self.started_clock,
            pack_id=pack.id, pack_title=pack.title, pack_version=pack.version,
            content_folder=str(self.content_source),
            last_content_update=active.installed_at.isoformat() if active is not None else None,
            idle_resets=self.idle.resets, handouts_printed=self.printing.handouts_sent,
            last_print_error=failures[0].reason if failures else None,
            screen_asleep=self.screen_hours.asleep,
        )

    def reload_content(self) -> str:
        """Load the content again from its folder; the old content stays if the new has errors."""
        from kiosk.content.loader import load_pack

        result = load_pack(self.content_source)
        if result.pack is None:
            first = result.errors[0] if result.errors else "unknown problem"
            log.error("reload refused: %d problems in %s", len(result.errors), self.content_source)
            return (f"The content in {self.content_source} has {len(result.errors)} problem(s), "
                    f"so the kiosk still shows the old content. First problem: {first}")
        pack = result.pack
        self.staff.notice = f"Loaded {pack.title}, version {pack.version}: {len(pack.articles)} articles."
        QTimer.singleShot(0, lambda: self.window.set_pack(pack))
        if self.library is not None and self.library.compiler is not None:
            self.library.compiler.start(pack)  # the pack as it is now, compiled for the next start
        log.info("content reloaded from %s (pack %s, version %s)", self.content_source, pack.id,
                 pack.version)
        return self.staff.notice

    def show_installed(self, folder: Path) -> None:
        """A pack was installed or rolled back to: show it from the home screen, at once."""
        if self.library is not None:
            pack = self.library.load(folder)
        else:
            from kiosk.content.loader import load_pack

            result = load_pack(folder)
            if result.pack is None:  # validated before the switch: only a damaged disk gets here
                log.error("the installed content in %s cannot be read: %s", folder, result.errors[:3])
                return
            pack = result.pack
        self.content_source = folder
        self.idle.reset()
        self.window.set_pack(pack)

    def show_compiled(self, pack: Pack) -> bool:
        """The compiled form of the pack on screen is ready: shown now if nobody is using the
        screen (False: kept for the next idle reset)."""
        if pack.root != self.window.base_pack.root or pack.version != self.window.base_pack.version:
            return True  # another pack is shown by now: this one is no longer wanted
        if not self.window.is_at_rest() or self.staff.is_open:
            return False
        self.window.set_pack(pack)
        return True

    def exit_kiosk(self) -> None:
        log.info("staff exited the kiosk")
        if self.lockdown is not None:
            self.lockdown.release()
        # Closing the last window would make Qt quit with status 0 in the same turn of the
        # loop, after (and over) the staff status below: systemd would then restart the kiosk.
        self.app.setQuitOnLastWindowClosed(False)
        self.window.close()
        # Only a running event loop is ended: exit() outside one would make every later event
        # loop in this process return at once (as tests that build many kiosks would see).
        if QThread.currentThread().loopLevel() > 0:
            self.app.exit(STAFF_EXIT_CODE)

    def apply_settings(self, settings: Settings) -> None:
        self.idle.set_timings(idle_timings(settings))
        self.idle.words_per_minute = settings.reading_words_per_minute
        self.printing.apply_settings(settings)
        self.screen_hours.apply_settings(settings)
        self.window.set_reduce_motion(settings.reduce_motion)

    def shut_down(self) -> None:
        """Take the application-wide parts off again (tests build many kiosks in one process)."""
        self.app.removeEventFilter(self.input_watch)
        self.idle.timer.stop()
        self.screen_hours.timer.stop()
        if self.day_watch is not None:
            self.day_watch.timer.stop()
        if self.updates is not None:
            self.updates.watcher.stop()
        if self.fleet is not None:
            self.fleet.stop()
        self.crash_guard.uninstall()
        if self.lockdown is not None:
            self.lockdown.release()
        if self.library is not None:
            self.library.stop()


def assemble(
    app: QApplication, pack: Pack, family: str, size: QSize, *, settings: SettingsStore,
    clock: Clock, content_source: Path, log_file: Path | None = None, lock_down: bool = False,
    store: PackStore | None = None, usb_roots: Sequence[Path] = (), library: LibraryKeeper | None = None,
    today: Callable[[], date] | None = None,
) -> Kiosk:
    """Every part of a kiosk, wired. `today` is the day the pack is shown for (default: the
    clock's own day, so a hand-moved clock in tests crosses midnight too)."""
    day = today or (lambda: clock.local_time().date())
    window = MainWindow(pack, family, size, today=day)
    idle = IdleController(
        window, clock, idle_timings(settings.settings),
        words_per_minute=settings.settings.reading_words_per_minute,
    )
    started_at = clock.now()

    def staff_sections() -> list[StaffSection]:
        """The panel's sections, built when staff first open it (off the start-up path)."""
        from kiosk.ui.staff.printing_section import PrintingSection
        from kiosk.ui.staff.sections import StaffContext, default_sections

        context = StaffContext(
            pack=lambda: window.pack, content_source=lambda: kiosk.content_source, settings=settings,
            clock=clock, started_at=started_at, log_file=log_file,
            reload_content=kiosk.reload_content, change_pin=staff.change_pin,
            exit_kiosk=kiosk.exit_kiosk, take_notice=staff.take_notice, today=lambda: window.day,
        )
        printing_section = PrintingSection(
            window.theme, settings=settings, print_log=printing.print_log, pack=lambda: window.pack,
            scratch=printing.scratch_dir,
        )
        sections = default_sections(window.theme, context)
        sections.insert(2, printing_section)  # after the content, before the idle times
        if kiosk.updates is not None:
            sections.insert(2, usb_section(kiosk.updates, window.theme))
        if kiosk.fleet is not None:
            sections[4:4] = kiosk.fleet.staff_sections(window.theme, sticks)  # after printing
        return sections

    def sticks() -> list[Path]:
        from kiosk.system.usb_watch import removable_roots

        return removable_roots(kiosk.updates.watcher.extra_roots) if kiosk.updates is not None else []

    staff = StaffMode(
        window, clock, settings, staff_sections,
        lockout_file=store.data_dir / "pin-lockout.json" if store is not None else None,
    )
    printing = PrintFlow(window, clock, settings, PrintLog())
    idle.reset_hooks.append(staff.close)
    idle.reset_hooks.append(printing.reset)
    idle.reset_hooks.append(release_free_memory)  # after each visitor, while nobody waits
    idle.limit_override = staff.idle_limit
    # Before the input watch: filters installed later run first, and the watch must see every
    # key even when the keyboard support then takes it.
    keyboard = KeyboardSupport(window)
    app.installEventFilter(keyboard)
    watch = InputWatch(window)
    watch.activity.connect(idle.on_input)
    watch.corner_tapped.connect(staff.on_corner_tap)
    watch.tapped_elsewhere.connect(staff.on_tap_elsewhere)
    app.installEventFilter(watch)
    guard = CrashGuard(idle.recover)
    guard.install()
    window.set_reduce_motion(settings.settings.reduce_motion)
    screen_hours = ScreenHours(window, clock, idle, settings.settings)
    watch.activity.connect(screen_hours.on_input)
    idle.attract_allowed = lambda: not screen_hours.asleep
    kiosk = Kiosk(
        app, window, clock, settings, idle, staff, watch, guard, content_source, printing, screen_hours,
        started_clock=clock.now(), keyboard=keyboard, library=library,
        day_watch=DayWatch(window, day),
    )
    settings.listeners.append(kiosk.apply_settings)
    if library is not None:
        library.show_when_at_rest = kiosk.show_compiled
        idle.reset_hooks.append(library.offer_pending)
    if store is not None:
        watcher = VolumeWatcher(extra_roots=usb_roots, parent=window)
        kiosk.updates = ContentUpdates(
            window, store, settings, staff, watcher, on_installed=kiosk.show_installed
        )
        idle.reset_hooks.append(kiosk.updates.reset)
        kiosk.fleet = attach_fleet(kiosk, store, log_file)
    if lock_down:
        kiosk.lockdown = Lockdown(window, hide_cursor=not settings.settings.show_cursor)
        kiosk.lockdown.install(app)
    return kiosk


def attach_fleet(kiosk: Kiosk, store: PackStore, log_file: Path | None) -> FleetLink:
    """The office's inbox and outbox and the usage counts (kiosk/ui/fleet_link.py)."""
    from kiosk.ui.fleet_link import FleetLink

    fleet = FleetLink(
        kiosk.window, kiosk.idle, kiosk.clock, kiosk.settings, store, on_installed=kiosk.show_installed,
        log_file=log_file,
    )
    fleet.rest.quiet_overlays.append(lambda: kiosk.screen_hours.screen)  # asleep is at rest too
    kiosk.input_watch.activity.connect(fleet.on_input)
    kiosk.printing.handout_printed.connect(fleet.usage.handout_printed)
    return fleet


def usb_section(updates: ContentUpdates, theme: Theme) -> StaffSection:
    from kiosk.ui.staff.usb_section import UsbSection

    return UsbSection(
        theme, store=updates.store, found=lambda: updates.watcher.packs, review=updates.review,
        undo=updates.undo,
    )
