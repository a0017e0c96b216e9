"""The kiosk as a process: the single-instance lock, logs, the application, the pack (compiled
when it can be), the window on the screen, what starts once the home screen is up, the event
loop, and the end. `kiosk run` calls `run`; everything it shows is built by kiosk/app.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.app import assemble, load_content, load_settings_store
from kiosk.library.shelf import Shelf
from kiosk.packs.store import PackStore, default_data_dir
from kiosk.rules.clock import MonotonicClock
from kiosk.settings.declared import default_settings_path
from kiosk.system.health import HealthWriter
from kiosk.system.logs import default_log_dir, enable_crash_log, setup_logging
from kiosk.system.paths import bundled_content_dir
from kiosk.system.process_clock import seconds_since_process_start
from kiosk.system.quit_on_signal import QuitOnSignal
from kiosk.system.service_notify import ServiceNotifier
from kiosk.system.single_instance import acquire_instance_lock
from kiosk.ui.shell.application import create_application, show_full_screen, when_home_is_up
from kiosk.ui.shell.library_compiler import LibraryKeeper

log = logging.getLogger(__name__)
DEFAULT_WINDOWED_SIZE = QSize(1280, 800)


@dataclass
class RunOptions:
    content: Path | None = None
    windowed: bool = False
    size: QSize | None = None
    quit_after_paint: bool = False
    config: Path | None = None
    log_dir: Path | None = None
    data_dir: Path | None = None
    today: date | None = None  # show the pack as on this day (authors checking a season)


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
    content = options.content or installed_content(store) or bundled_content_dir()
    library = LibraryKeeper(Shelf(store.data_dir), load_content)
    pack = library.load(content, compile_later=True)
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
        library=library, today=fixed_day(options.today) if options.today else None,
    )
    window = kiosk.window
    health = HealthWriter(
        kiosk.facts, printer_setting=lambda: settings.settings.printer, data_dir=store.data_dir,
        log_file=log_file, parent=window,
    )

    def home_is_up() -> None:
        service.ready(f"Showing {pack.title}, version {pack.version}")
        # What the first screen does not need starts once it is up: compiling a pack not yet
        # compiled, the health file, the office's inbox and outbox, watching for sticks, quiet
        # hours, the day's dates.
        library.compile_deferred()
        kiosk.screen_hours.start()
        if kiosk.day_watch is not None:
            kiosk.day_watch.start()
        if kiosk.fleet is not None:
            health.report_hooks.append(kiosk.fleet.write_outbox)  # the outbox, with each report
            kiosk.fleet.start()
        health.start()
        if kiosk.updates is not None:
            kiosk.updates.watcher.start()

    when_home_is_up(window, home_is_up)
    app.aboutToQuit.connect(service.stopping)
    app.aboutToQuit.connect(library.stop)  # a compile under way stops, and is done next time
    if options.quit_after_paint:
        window.home_painted.connect(lambda: _report_first_paint(app))
    if options.windowed:
        window.show()
    else:
        show_full_screen(window)
    kiosk.idle.start()
    service.start_watchdog()  # a frozen UI stops these pings, and systemd restarts the kiosk
    log.info("showing %s (pack %s, version %s); log in %s", pack.title, pack.id, pack.version,
             log_file)
    exit_status = app.exec()
    stop_signals.uninstall()
    kiosk.shut_down()  # the inbox's pass finishes, the counts close, a compile stops
    log.info("the kiosk stopped (exit status %d)", exit_status)
    return exit_status



def _report_first_paint(app: QApplication) -> None:
    if app.property("first_paint_reported"):  # a second paint may come before the loop ends
        return
    app.setProperty("first_paint_reported", True)
    print(f"{seconds_since_process_start():.3f}", flush=True)
    app.exit(0)  # not quit(): that asks the windows to close, and kiosk mode refuses


def fixed_day(day: date) -> Callable[[], date]:
    """`kiosk run --today`: the pack as shown on that day, whatever the clock says."""
    return lambda: day
