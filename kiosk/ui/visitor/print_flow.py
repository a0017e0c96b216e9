"""From the visitor's tap on Print to the handout in the tray, without ever blocking the screen.

The sheet is drawn by the same code as `kiosk handout`; CUPS prints it asynchronously, and the
visitor reads plain news while the staff log keeps the real reason when something fails.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.printing.cups import (
    HANDOUT_TITLE,
    PAPER_MEDIA,
    VISITOR_MESSAGE_PRINTING,
    VISITOR_MESSAGE_READY,
    VISITOR_MESSAGE_UNAVAILABLE,
)
from kiosk.printing.print_job import PrintJob
from kiosk.printing.print_log import PrintLog
from kiosk.rules.clock import Clock
from kiosk.rules.print_limits import PrintAllowance
from kiosk.settings.declared import Settings
from kiosk.settings.store import SettingsStore
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.main_window import MainWindow
from kiosk.ui.shell.top_bar import print_label

if TYPE_CHECKING:
    from kiosk.ui.visitor.print_confirm import PrintConfirm

log = logging.getLogger(__name__)


class PrintFlow(QObject):
    handout_printed = Signal(str)  # the article's slug, once its handout came out of the printer

    def __init__(
        self, window: MainWindow, clock: Clock, settings: SettingsStore, print_log: PrintLog
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.print_log = print_log
        self.allowance = PrintAllowance(clock, per_visitor=0, per_hour=0)
        self.apply_settings(settings.settings)
        self.jobs: list[PrintJob] = []
        self.handouts_sent = 0  # since the kiosk started, for the health file
        self._slug: str | None = None
        self._visitor = 0  # news of a job reaches only the visitor who asked for it
        self._confirm: PrintConfirm | None = None
        import tempfile

        self._scratch = tempfile.TemporaryDirectory(prefix="kiosk-print-")
        self.scratch_dir = Path(self._scratch.name)  # private to this process, removed at exit
        window.print_requested.connect(self.request)
        window.pages_rebuilt.connect(self._drop)
        window.screen_changed.connect(self._label_button)

    def apply_settings(self, settings: Settings) -> None:
        self.allowance.per_visitor = settings.handouts_per_visitor
        self.allowance.per_hour = settings.handouts_per_hour

    @property
    def confirm(self) -> PrintConfirm:
        if self._confirm is None:
            from kiosk.ui.visitor.print_confirm import PrintConfirm  # printing stays off the start-up path

            self._confirm = PrintConfirm(self.window, self.window.theme)
            self._confirm.print_confirmed.connect(self.print_now)
            self._confirm.closed.connect(self._label_button)
        return self._confirm

    def _drop(self) -> None:
        if self._confirm is not None:
            self._confirm.hide()
            self._confirm.deleteLater()
            self._confirm = None

    # The visitor's steps -----------------------------------------------------------------

    def request(self, slug: str) -> None:
        refusal = self.allowance.refusal()
        if refusal is not None:
            self._refuse(refusal)
            return
        from kiosk.handout.pdf import render_handout_preview

        self._slug = slug
        width = round(self.window.height() * 0.45 * 8.5 / 11)
        preview = render_handout_preview(
            self.window.pack, slug, paper=self.settings.settings.paper, width_px=width
        )
        self.confirm.ask(preview)

    def print_now(self) -> None:
        slug, self._slug = self._slug, None
        refusal = self.allowance.refusal()
        if slug is None or refusal is not None:
            self._refuse(refusal or "")
            return
        from kiosk.handout.pdf import write_handout_pdf

        pdf = self.scratch_dir / f"handout-{len(self.jobs) + 1}.pdf"
        try:
            write_handout_pdf(self.window.pack, slug, pdf, paper=self.settings.settings.paper)
        except OSError as error:
            reason = f"The handout could not be written to {pdf}: {error}"
            self.print_log.record(self.settings.settings.printer or "default", "", PrintLog.FAILED, reason)
            self._failed(self._visitor, pdf, reason)
            return
        job = PrintJob(
            pdf, self.settings.settings.printer or None, title=HANDOUT_TITLE, parent=self,
            log=self.print_log, options={"media": PAPER_MEDIA[self.settings.settings.paper]},
        )
        visitor = self._visitor
        job.queued.connect(lambda job_id: self._queued(job_id))
        job.completed.connect(lambda job_id: self._completed(visitor, pdf, job_id, slug))
        job.failed.connect(lambda reason: self._failed(visitor, pdf, reason))
        self.jobs.append(job)
        self.confirm.printing(translate("Printing", VISITOR_MESSAGE_PRINTING))
        job.start()

    def _queued(self, job_id: str) -> None:
        self.allowance.record()
        self.handouts_sent += 1
        log.info("handout sent to the printer as job %s", job_id)

    def _completed(self, visitor: int, pdf: Path, job_id: str, slug: str) -> None:
        pdf.unlink(missing_ok=True)
        log.info("handout job %s printed", job_id)
        self.handout_printed.emit(slug)
        if visitor == self._visitor and self._confirm is not None and self._confirm.isVisible():
            self.confirm.done(translate("Printing", VISITOR_MESSAGE_READY))

    def _failed(self, visitor: int, pdf: Path, reason: str) -> None:
        pdf.unlink(missing_ok=True)
        log.error("a handout could not be printed: %s", reason)
        if visitor == self._visitor:
            self.confirm.refused(
                translate("Printing", "The printer isn't available"),
                translate("Printing", VISITOR_MESSAGE_UNAVAILABLE),
            )

    def _refuse(self, refusal: str) -> None:
        self.confirm.refused(
            translate("Printing", "No more handouts right now"), translate("PrintLimits", refusal)
        )

    def _label_button(self) -> None:
        """The button itself says when the visitor has printed all they may (on the article page,
        once there is one: it is labelled again each time an article is shown)."""
        page = self.window.built_article_page
        bar = page.top_bar if page is not None else None
        if bar is not None and bar.print_button is not None:
            refused = self.allowance.refusal() is not None
            # The bar chose the longest label that fits; a refusal says so in as much room.
            long_label = bar.print_text == print_label()
            refused_text = translate("Printing", "No more handouts") if long_label else bar.print_text
            bar.print_button.setText(refused_text if refused else bar.print_text)

    # The next visitor --------------------------------------------------------------------

    def reset(self) -> None:
        """The kiosk was reset: close the card, forget the article, a full allowance again."""
        self._visitor += 1
        self._slug = None
        self.allowance.new_visitor()
        if self._confirm is not None:
            self._confirm.preview.clear()
            self._confirm.hide()
        self._label_button()
