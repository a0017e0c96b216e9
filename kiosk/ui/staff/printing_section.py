"""The staff panel's printing section: which printer, a test page, recent jobs, PDFs of every handout."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton

from kiosk.content.model import Pack
from kiosk.handout.pdf import write_handout_pdf
from kiosk.printing.cups import PrintError, list_printers, resolve_printer
from kiosk.printing.print_job import PrintJob
from kiosk.printing.print_log import PrintLog
from kiosk.settings.store import SettingsStore
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.panel import StaffSection, show_chosen
from kiosk.ui.widgets.labels import make_label

log = logging.getLogger(__name__)
DEFAULT_CHOICE = ""  # the settings' way of saying "the system's default printer"
TEST_JOB_TITLE = "Kiosk test page"


def default_export_dir() -> Path:
    return platformdirs.user_documents_path() / "Kiosk handouts"


class PrintingSection(StaffSection):
    title = "Printing"

    def __init__(
        self, theme: Theme, *, settings: SettingsStore, print_log: PrintLog, pack: Callable[[], Pack],
        scratch: Path, export_dir: Path | None = None,
    ) -> None:
        super().__init__(theme)
        self.settings = settings
        self.print_log = print_log
        self.pack = pack
        self.scratch = scratch
        self.export_dir = export_dir or default_export_dir()
        self.test_job: PrintJob | None = None
        self.printer_buttons: dict[str, QPushButton] = {}
        self.printer_row = QGridLayout()
        self.printer_row.setSpacing(theme.px(0.6))
        self.body.addWidget(make_label("Printer for handouts", "summary"))
        self.body.addLayout(self.printer_row)
        self.printer_state = make_label("", "staff-message")
        self.body.addWidget(self.printer_state)

        self.paper_buttons = {"letter": self.choice_button("US Letter"), "a4": self.choice_button("A4")}
        paper_row = QHBoxLayout()
        paper_row.addWidget(make_label("Paper", "summary"))
        for paper, button in self.paper_buttons.items():
            button.clicked.connect(lambda _=False, p=paper: self._choose_paper(p))
            paper_row.addWidget(button)
        paper_row.addStretch(1)
        self.body.addLayout(paper_row)

        actions = QHBoxLayout()
        self.test_button = self.button("Print a test page")
        self.test_button.clicked.connect(self.print_test_page)
        self.export_button = self.button("Save every handout as PDF")
        self.export_button.clicked.connect(self.export_all)
        actions.addWidget(self.test_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.message = make_label("", "staff-message")
        self.body.addWidget(self.message)
        self.body.addWidget(make_label("Recent print jobs", "summary"))
        self.jobs = make_label("", "staff-log")
        self.body.addWidget(self.jobs)

    def refresh(self) -> None:
        self.message.clear()
        self._show_printers()
        self._show_paper()
        self._show_jobs()

    # Which printer -----------------------------------------------------------------------

    def _show_printers(self) -> None:
        for button in self.printer_buttons.values():
            self.printer_row.removeWidget(button)
            button.deleteLater()
        self.printer_buttons = {}
        printers = list_printers()
        default = next((p.name for p in printers if p.is_default), None)
        choices = [(DEFAULT_CHOICE, f"System default ({default})" if default else "System default")]
        choices += [(p.name, p.name) for p in printers]
        chosen = self.settings.settings.printer
        for index, (name, text) in enumerate(choices):
            button = self.choice_button(text)
            show_chosen(button, name == chosen)
            button.clicked.connect(lambda _=False, n=name: self._choose_printer(n))
            self.printer_row.addWidget(button, index // 3, index % 3)
            self.printer_buttons[name] = button
        self._show_printer_state()

    def _show_printer_state(self) -> None:
        chosen = self.settings.settings.printer or None
        try:
            name = resolve_printer(chosen)
        except PrintError as error:
            self.printer_state.setText(f"Not ready: {error.staff_reason}")
        else:
            self.printer_state.setText(f"Ready: handouts go to {name}.")

    def _choose_printer(self, name: str) -> None:
        problem = self.settings.update(printer=name)
        for choice, button in self.printer_buttons.items():
            show_chosen(button, choice == self.settings.settings.printer)
        self.message.setText(problem or "")
        self._show_printer_state()

    def _choose_paper(self, paper: str) -> None:
        self.message.setText(self.settings.update(paper=paper) or "")
        self._show_paper()

    def _show_paper(self) -> None:
        for paper, button in self.paper_buttons.items():
            show_chosen(button, paper == self.settings.settings.paper)

    # Actions -----------------------------------------------------------------------------

    def print_test_page(self) -> None:
        pack = self.pack()
        slug = pack.featured_article().slug
        pdf = self.scratch / "test-page.pdf"
        write_handout_pdf(pack, slug, pdf, paper=self.settings.settings.paper)
        self.test_job = PrintJob(
            pdf, self.settings.settings.printer or None, title=TEST_JOB_TITLE, parent=self,
            log=self.print_log,
        )
        self.test_job.queued.connect(lambda job: self.message.setText(f"Test page sent ({job})."))
        self.test_job.completed.connect(lambda job: self._test_done(f"Test page printed ({job})."))
        self.test_job.failed.connect(lambda reason: self._test_done(f"Test page not printed: {reason}"))
        self.message.setText("Sending a test page…")
        self.test_job.start()

    def _test_done(self, text: str) -> None:
        self.message.setText(text)
        self._show_jobs()

    def export_all(self) -> None:
        """Every article's handout as a PDF, for staff to print elsewhere or email."""
        pack = self.pack()
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            for article in pack.ordered_articles():
                write_handout_pdf(
                    pack, article.slug, self.export_dir / f"{article.slug}.pdf",
                    paper=self.settings.settings.paper,
                )
        except OSError as error:
            log.error("could not save the handouts to %s: %s", self.export_dir, error)
            self.message.setText(f"The handouts could not be saved to {self.export_dir}: {error}")
            return
        count = len(pack.articles)
        self.message.setText(f"Saved {count} handouts as PDF in {self.export_dir}.")
        log.info("saved %d handouts as PDF in %s", count, self.export_dir)

    def _show_jobs(self) -> None:
        lines = []
        for entry in self.print_log.entries()[:8]:
            when = entry.time.strftime("%H:%M")
            what = "printed" if entry.outcome == PrintLog.PRINTED else f"failed: {entry.reason}"
            lines.append(f"{when}  {entry.printer}  {entry.job_id or '-'}  {what}")
        self.jobs.setText("\n".join(lines) or "No handouts printed since the kiosk started.")
        self.jobs.setAlignment(Qt.AlignmentFlag.AlignLeft)
