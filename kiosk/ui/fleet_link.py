"""The kiosk's side of the office (kiosk.fleet, kiosk.usage), wired to the running window: the
inbox watched and its packs installed and shown only while the kiosk is at rest, usage counted
from what visitors do, the outbox written with each health report, and the staff panel's
"Usage" and "Updates from the office" sections. The composition root (app.py) builds one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from kiosk.packs.store import PackStore
from kiosk.rules.clock import Clock
from kiosk.settings.declared import Settings
from kiosk.settings.store import SettingsStore
from kiosk.ui.shell.at_rest import RestCheck
from kiosk.ui.shell.idle_controller import IdleController
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.theme import Theme
from kiosk.ui.visitor.usage_watch import UsageWatch
from kiosk.usage.counter import UsageCounter, usage_path

if TYPE_CHECKING:
    from kiosk.fleet.intake import PassResult
    from kiosk.system.inbox_watch import InboxWatcher
    from kiosk.system.outbox_writer import OutboxWriter
    from kiosk.ui.staff.panel import StaffSection

log = logging.getLogger(__name__)


class FleetLink(QObject):
    def __init__(
        self, window: MainWindow, idle: IdleController, clock: Clock, settings: SettingsStore,
        store: PackStore, *, on_installed: Callable[[Path], None], log_file: Path | None = None,
        settle_seconds: float | None = None, wall_time: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.store = store
        self.on_installed = on_installed
        self.wall_time = wall_time
        self.rest = RestCheck(window, idle)
        self.last_touch: float | None = None
        self.pending_show: Path | None = None
        self.counter = UsageCounter(usage_path(store.data_dir), local_time=clock.local_time)
        self.usage = UsageWatch(
            window, clock, self, words_per_minute=settings.settings.reading_words_per_minute
        )
        window.pages_rebuilt.connect(self._follow_pack)
        self._follow_pack()
        idle.reset_hooks.append(self.visitor_left)
        self.inbox: InboxWatcher | None = None
        self._fixed_settle = settle_seconds
        inbox = settings.settings.fleet_inbox
        if inbox:  # off the start-up path unless there is an inbox
            from kiosk.fleet.inbox_state import read_state
            from kiosk.fleet.intake import Intake
            from kiosk.system.inbox_watch import InboxWatcher

            intake = Intake(
                Path(inbox), store, settings.settings.trusted_keys, state=read_state(store.data_dir),
                settle_seconds=settle_seconds if settle_seconds is not None else float(
                    settings.settings.fleet_settle_seconds),
                wall_time=wall_time,
            )
            self.inbox = InboxWatcher(intake, may_start=self.rest, parent=self)
            self.inbox.finished.connect(self._pass_finished)
        self.log_file = log_file
        self._outbox: OutboxWriter | None = None
        settings.listeners.append(self.apply_settings)

    # Counting ----------------------------------------------------------------------------

    def count(self, measure: str, *, article: str = "") -> None:
        """What the usage watch and the library screens count through (settings permitting)."""
        if self.settings.settings.usage_counting:
            self.counter.count(measure, article=article)

    def on_input(self) -> None:
        self.last_touch = self.wall_time()
        self.usage.on_input()

    def visitor_left(self) -> None:
        self.usage.visitor_left()
        self.counter.visitor_left()
        QTimer.singleShot(0, self._now_at_rest)  # after the window itself has reset

    def _follow_pack(self) -> None:
        self.counter.pack_id = self.window.base_pack.id

    # The outbox --------------------------------------------------------------------------

    @property
    def outbox(self) -> OutboxWriter:
        """Made when first used (on the health writer's thread, after the first paint)."""
        if self._outbox is None:
            from kiosk.system.outbox_writer import OutboxWriter

            self._outbox = OutboxWriter(
                settings=lambda: self.settings.settings, data_dir=self.store.data_dir,
                log_file=self.log_file, usage_file=self.counter.path, last_touch=lambda: self.last_touch,
            )
        return self._outbox

    def write_outbox(self, running: dict[str, Any]) -> None:
        """A hook of the health writer: the outbox, with each health report."""
        self.outbox.write(running)

    # The inbox ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.inbox is not None:
            self.inbox.start()

    def stop(self) -> None:
        if self.inbox is not None:
            self.inbox.stop()
            self.inbox.wait(30)
        self.counter.close()

    def _pass_finished(self, result: PassResult) -> None:
        if result.installed is not None:
            self.pending_show = result.installed.path
            self._now_at_rest()

    def _now_at_rest(self) -> None:
        """Show a pack installed from the inbox, and look at the inbox, if nobody is here."""
        if not self.rest():
            return
        if self.pending_show is not None:
            folder, self.pending_show = self.pending_show, None
            log.info("showing the content installed from the inbox (%s)", folder)
            self.on_installed(folder)
        if self.inbox is not None and self.inbox.pending:
            self.inbox.poke()

    def apply_settings(self, settings: Settings) -> None:
        self.usage.words_per_minute = settings.reading_words_per_minute
        if self.inbox is not None:
            self.inbox.intake.trusted_keys = tuple(settings.trusted_keys)
            if self._fixed_settle is None:
                self.inbox.intake.settle_seconds = float(settings.fleet_settle_seconds)

    # The staff panel ---------------------------------------------------------------------

    def inbox_report(self) -> dict[str, Any]:
        from kiosk.system.status_report import inbox_report

        return inbox_report(self.settings.settings, self.store.data_dir)

    def staff_sections(self, theme: Theme, sticks: Callable[[], Sequence[Path]]) -> list[StaffSection]:
        from kiosk.fleet.outbox import kiosk_id
        from kiosk.ui.staff.fleet_section import FleetSection
        from kiosk.ui.staff.usage_section import UsageSection

        usage = UsageSection(
            theme, usage_file=self.counter.path,
            kiosk_id=lambda: kiosk_id(self.settings.settings.fleet_kiosk_id),
            pack=lambda: self.window.base_pack, sticks=sticks,
            counting=lambda: self.settings.settings.usage_counting,
        )
        fleet = FleetSection(theme, inbox_report=self.inbox_report, outbox=self.outbox.folder)
        return [usage, fleet]


__all__ = ["FleetLink"]
