"""The composition root: builds the application, the content and the window once, and wires them."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.content.loader import load_pack
from kiosk.content.model import Pack
from kiosk.packs.store import PackStore, default_data_dir
from kiosk.printing.print_log import PrintLog
from kiosk.rules.clock import Clock, MonotonicClock
from kiosk.rules.idle import IdleTimings
from kiosk.settings.declared import Settings, default_settings_path
from kiosk.settings.file import load_settings
from kiosk.settings.store import SettingsStore
from kiosk.system.crash_guard import CrashGuard
from kiosk.system.health import HealthWriter, KioskFacts
from kiosk.system.logs import default_log_dir, enable_crash_log, setup_logging
from kiosk.system.memory import release_free_memory
from kiosk.system.paths import bundled_content_dir
from kiosk.system.process_clock import seconds_since_process_start
from kiosk.system.quit_on_signal import QuitOnSignal
from kiosk.system.service_notify import ServiceNotifier
from kiosk.system.single_instance import acquire_instance_lock
from kiosk.system.usb_watch import VolumeWatcher
from kiosk.ui.shell.fonts import load_bundled_fonts
from kiosk.ui.shell.idle_controller import IdleController
from kiosk.ui.shell.input_watch import InputWatch
from kiosk.ui.shell.keyboard import KeyboardSupport
from kiosk.ui.shell.lockdown import Lockdown
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.screen_hours import ScreenHours
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.content_updates import ContentUpdates
from kiosk.ui.staff.staff_mode import StaffMode
from kiosk.ui.visitor.print_flow import PrintFlow

if TYPE_CHECKING:
    from kiosk.ui.staff.panel import StaffSection

log = logging.getLogger(__name__)
DEFAULT_WINDOWED_SIZE = QSize(1280, 800)
# Staff chose "Exit the kiosk": the service unit does not restart on this status.
STAFF_EXIT_CODE = 3


class ContentUnavailableError(Exception):
    """Neither the requested pack nor the bundled one could be loaded."""


@dataclass
class RunOptions:
    content: Path | None = None
    windowed: bool = False
    size: QSize | None = None
    quit_after_paint: bool = False
    config: Path | None = None
    log_dir: Path | None = None
    data_dir: Path | None = None


def load_content(requested: Path | None) -> Pack:
    """The requested pack when it has no errors; otherwise the bundled pack, with the reason logged."""
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


def create_application(argv: list[str] | None = None) -> tuple[QApplication, str]:
    """The QApplication with the bundled typeface registered; returns it and the font family."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # Touch has no double-click: two quick taps on an arrow are two steps, not one gesture.
    app.styleHints().setMouseDoubleClickInterval(0)
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    family = load_bundled_fonts()
    font = app.font()
    font.setFamily(family)
    app.setFont(font)
    return app, family


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
        result = load_pack(self.content_source)
        if result.pack is None:
            first = result.errors[0] if result.errors else "unknown problem"
            log.error("reload refused: %d problems in %s", len(result.errors), self.content_source)
            return (f"The content in {self.content_source} has {len(result.errors)} problem(s), "
                    f"so the kiosk still shows the old content. First problem: {first}")
        pack = result.pack
        self.staff.notice = f"Loaded {pack.title}, version {pack.version}: {len(pack.articles)} articles."
        QTimer.singleShot(0, lambda: self.window.set_pack(pack))
        log.info("content reloaded from %s (pack %s, version %s)", self.content_source, pack.id,
                 pack.version)
        return self.staff.notice

    def show_installed(self, folder: Path) -> None:
        """A pack was installed or rolled back to: show it from the home screen, at once."""
        result = load_pack(folder)
        if result.pack is None:  # validated before the switch, so only a damaged disk gets here
            log.error("the installed content in %s cannot be read: %s", folder, result.errors[:3])
            return
        self.content_source = folder
        self.idle.reset()
        self.window.set_pack(result.pack)

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
        if self.updates is not None:
            self.updates.watcher.stop()
        self.crash_guard.uninstall()
        if self.lockdown is not None:
            self.lockdown.release()


def assemble(
    app: QApplication, pack: Pack, family: str, size: QSize, *, settings: SettingsStore,
    clock: Clock, content_source: Path, log_file: Path | None = None, lock_down: bool = False,
    store: PackStore | None = None, usb_roots: Sequence[Path] = (),
) -> Kiosk:
    window = build_window(pack, family, size)
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
            exit_kiosk=kiosk.exit_kiosk, take_notice=staff.take_notice,
        )
        printing_section = PrintingSection(
            window.theme, settings=settings, print_log=printing.print_log, pack=lambda: window.pack,
            scratch=printing.scratch_dir,
        )
        sections = default_sections(window.theme, context)
        sections.insert(2, printing_section)  # after the content, before the idle times
        if kiosk.updates is not None:
            sections.insert(2, usb_section(kiosk.updates, window.theme))
        return sections

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
        started_clock=clock.now(), keyboard=keyboard,
    )
    settings.listeners.append(kiosk.apply_settings)
    if store is not None:
        watcher = VolumeWatcher(extra_roots=usb_roots, parent=window)
        kiosk.updates = ContentUpdates(
            window, store, settings, staff, watcher, on_installed=kiosk.show_installed
        )
        idle.reset_hooks.append(kiosk.updates.reset)
    if lock_down:
        kiosk.lockdown = Lockdown(window, hide_cursor=not settings.settings.show_cursor)
        kiosk.lockdown.install(app)
    return kiosk


def usb_section(updates: ContentUpdates, theme: Theme) -> StaffSection:
    from kiosk.ui.staff.usb_section import UsbSection

    return UsbSection(
        theme, store=updates.store, found=lambda: updates.watcher.packs, review=updates.review,
        undo=updates.undo,
    )


def installed_content(store: PackStore) -> Path | None:
    """The active installed pack, after clearing what an interrupted import left behind."""
    for leftover in store.clean_leftovers():
        log.warning("removed %s, left by an import that did not finish", leftover)
    return store.active_dir()


def run(options: RunOptions) -> int:
    # First: a second copy must not touch the first one's logs, data or screen.
    instance = acquire_instance_lock()
    try:
        return _run(options)
    finally:
        instance.release()


def _run(options: RunOptions) -> int:
    log_dir = options.log_dir or default_log_dir()
    log_file = setup_logging(log_dir)
    enable_crash_log(log_dir)
    app, family = create_application()
    stop_signals = QuitOnSignal(app)  # systemd's SIGTERM (and Ctrl-C) end the loop: status 0
    stop_signals.install()
    service = ServiceNotifier(parent=app)  # systemd's READY and watchdog, from the UI thread
    settings = load_settings_store(options.config or default_settings_path())
    store = PackStore(options.data_dir or default_data_dir())
    content = options.content or installed_content(store)
    pack = load_content(content)
    screen = app.primaryScreen()
    screen_size = screen.geometry().size() if screen is not None else DEFAULT_WINDOWED_SIZE
    if options.windowed:
        size = options.size or DEFAULT_WINDOWED_SIZE
    else:  # full screen: laid out once, for the screen it covers
        size = screen_size
        if options.size is not None:
            log.warning("--size applies only with --windowed; the kiosk covers the screen")
    kiosk = assemble(
        app, pack, family, size, settings=settings, clock=MonotonicClock(),
        content_source=pack.root, log_file=log_file, lock_down=not options.windowed, store=store,
    )
    window = kiosk.window
    status = f"Showing {pack.title}, version {pack.version}"
    window.home_painted.connect(lambda: service.ready(status))  # only the first paint counts
    app.aboutToQuit.connect(service.stopping)
    if options.quit_after_paint:
        window.home_painted.connect(lambda: _report_first_paint(app))
    if options.windowed:
        window.show()
    else:
        show_full_screen(window)
    kiosk.idle.start()
    kiosk.screen_hours.start()
    health = HealthWriter(
        kiosk.facts, printer_setting=lambda: settings.settings.printer, data_dir=store.data_dir,
        log_file=log_file, parent=window,
    )
    health.start()
    service.start_watchdog()  # a frozen UI stops these pings, and systemd restarts the kiosk
    if kiosk.updates is not None:
        kiosk.updates.watcher.start()
    log.info("showing %s (pack %s, version %s); log in %s", pack.title, pack.id, pack.version,
             log_file)
    exit_status = app.exec()
    stop_signals.uninstall()
    log.info("the kiosk stopped (exit status %d)", exit_status)
    return exit_status


def show_full_screen(window: MainWindow) -> None:
    """Cover the whole screen even with no window manager to honour a full-screen request."""
    window.setWindowFlags(
        Qt.WindowType.Window
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    screen = window.screen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


def _report_first_paint(app: QApplication) -> None:
    if app.property("first_paint_reported"):  # a second paint may come before the loop ends
        return
    app.setProperty("first_paint_reported", True)
    print(f"{seconds_since_process_start():.3f}", flush=True)
    app.exit(0)  # not quit(): that asks the windows to close, and kiosk mode refuses
