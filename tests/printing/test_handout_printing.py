"""A visitor's handout, and `kiosk handout --printer`, through the real kiosk code to a real CUPS
queue: the page that cups-pdf writes is read back with pdftotext."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.printing.cups import VISITOR_MESSAGE_READY, VISITOR_MESSAGE_UNAVAILABLE
from kiosk.printing.print_log import PrintLog
from tests.conftest import REPO
from tests.helpers.touch import tap
from tests.printing.conftest import QUEUE, CupsQueue
from tests.ui.shell.test_idle_controller import DUAL, open_article_by_touch

TITLE_WORDS = "Understanding a dual diagnosis"


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def print_from_the_article(kiosk: Kiosk, qtbot) -> None:
    open_article_by_touch(kiosk, qtbot)
    button = kiosk.window.article_page.top_bar.print_button
    assert button is not None
    tap(button)
    tap(kiosk.printing.confirm.print_button)


def test_a_visitor_prints_a_handout_and_it_comes_out_of_the_printer(
    make_kiosk, qtbot, kiosk_queue: CupsQueue
) -> None:
    kiosk = make_kiosk()
    print_from_the_article(kiosk, qtbot)
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(lambda: confirm.message.text() == VISITOR_MESSAGE_READY, timeout=30000)
    entry = kiosk.printing.print_log.entries()[0]
    assert (entry.outcome, entry.printer) == (PrintLog.PRINTED, QUEUE)
    page = pdf_text(kiosk_queue.output_of(entry.job_id))
    assert TITLE_WORDS in page and "988" in page and "720-891-4657" in page
    assert kiosk.printing.allowance.this_visitor == 1
    assert not any(kiosk.printing.scratch_dir.iterdir()), "the handout PDF was left behind"
    # The job's name in CUPS's history says nothing of what the visitor read.
    names = kiosk_queue.tool("lpstat", "-W", "completed", "-o", QUEUE, "-l").stdout
    assert "dual" not in names.lower() and "heroin" not in names.lower()


def test_a_stopped_printer_gives_the_visitor_message_and_staff_the_reason(
    make_kiosk, qtbot, kiosk_queue: CupsQueue
) -> None:
    kiosk_queue.tool("cupsdisable", "-r", "Out of paper", QUEUE)
    kiosk = make_kiosk()
    print_from_the_article(kiosk, qtbot)
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(lambda: confirm.message.text() == VISITOR_MESSAGE_UNAVAILABLE, timeout=30000)
    entry = kiosk.printing.print_log.entries()[0]
    assert entry.outcome == PrintLog.FAILED and "Out of paper" in entry.reason
    assert kiosk.printing.allowance.this_visitor == 0
    tap(confirm.ok_button)
    qtbot.waitUntil(lambda: not confirm.isVisible())
    assert kiosk.window.current_screen == f"article/{DUAL}"


def test_a_printer_name_that_does_not_exist_gives_the_visitor_message(
    make_kiosk, qtbot, kiosk_queue: CupsQueue
) -> None:
    from kiosk.settings.declared import Settings

    kiosk = make_kiosk(settings=Settings(printer="FrontDeskLaser"))
    print_from_the_article(kiosk, qtbot)
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(lambda: confirm.message.text() == VISITOR_MESSAGE_UNAVAILABLE, timeout=30000)
    reason = kiosk.printing.print_log.entries()[0].reason
    assert "FrontDeskLaser" in reason and QUEUE in reason


def test_the_staff_panel_lists_the_printer_and_prints_a_test_page(
    make_kiosk, qtbot, kiosk_queue: CupsQueue, tmp_path: Path
) -> None:
    from kiosk.ui.staff.printing_section import PrintingSection

    kiosk = make_kiosk()
    kiosk.staff.open_panel()
    section = kiosk.staff.panel.section(PrintingSection)
    assert isinstance(section, PrintingSection)
    assert QUEUE in section.printer_buttons
    assert section.printer_buttons[""].isChecked()  # the system default, until staff choose
    tap_in_panel(kiosk, section.printer_buttons[QUEUE])
    assert kiosk.settings.settings.printer == QUEUE
    assert section.printer_state.text() == f"Ready: handouts go to {QUEUE}."
    tap_in_panel(kiosk, section.test_button)
    qtbot.waitUntil(lambda: section.message.text().startswith("Test page printed"), timeout=30000)
    assert "printed" in section.jobs.text()
    section.export_dir = tmp_path / "handouts"
    tap_in_panel(kiosk, section.export_button)
    assert sorted(p.name for p in section.export_dir.iterdir()) == sorted(
        f"{slug}.pdf" for slug in kiosk.window.pack.articles
    )


def tap_in_panel(kiosk: Kiosk, widget) -> None:
    for _ in range(3):  # let the panel's layout settle before aiming at a button
        QApplication.processEvents()
    kiosk.staff.panel.scroll_area.ensureWidgetVisible(widget)
    QApplication.processEvents()
    tap(widget)


def test_kiosk_handout_printer_sends_the_same_sheet(kiosk_queue: CupsQueue) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CUPS_SERVER=kiosk_queue.server)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "handout", DUAL, "--printer", "default"], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    job_id = done.stdout.strip().rsplit(" ", 1)[1]
    assert TITLE_WORDS in pdf_text(kiosk_queue.output_of(job_id))


def test_kiosk_handout_printer_says_why_it_cannot(kiosk_queue: CupsQueue) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CUPS_SERVER=kiosk_queue.server)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "handout", DUAL, "--printer", "NoSuchPrinter"], cwd=REPO,
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert "NoSuchPrinter" in done.stderr and QUEUE in done.stderr


def test_news_of_a_handout_never_reaches_the_next_visitor(make_kiosk, qtbot, kiosk_queue: CupsQueue) -> None:
    kiosk = make_kiosk()
    print_from_the_article(kiosk, qtbot)
    kiosk.idle.reset()  # the visitor walked away while it printed
    qtbot.waitUntil(lambda: bool(kiosk.printing.print_log.entries()), timeout=30000)
    assert kiosk.printing.print_log.entries()[0].outcome == PrintLog.PRINTED  # it still printed
    QApplication.processEvents()
    assert not kiosk.printing.confirm.isVisible()
    assert kiosk.window.current_screen == "home"
