"""Printing through a real CUPS queue: real lp and lpstat, real PDFs written by cups-pdf.

Tests marked `cups` use the KioskTest queue from conftest.py and skip, with the reason, where
CUPS cannot run. The others need no scheduler: lpstat's answers, the print log, and a computer
with no print system at all.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF, QTimer
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.printing import (
    VISITOR_MESSAGE_UNAVAILABLE,
    PrintError,
    PrintJob,
    PrintLog,
    default_printer,
    list_printers,
    resolve_printer,
    submit_pdf,
)
from kiosk.printing.cups import NOT_RUNNING, TOOLS_MISSING, choose_printer, parse_lpstat
from kiosk.rules.clock import ManualClock
from tests.printing.conftest import QUEUE, CupsQueue, cups_env

cups = pytest.mark.cups
PRINT_TIMEOUT_MS = 30_000
HOLD = {"job-hold-until": "indefinite"}  # a job that waits in the queue until released


@pytest.fixture
def handout(qapp, tmp_path: Path) -> tuple[Path, str]:
    """A one-page PDF with a line of text no other test prints, and that text."""
    # Digits only: letter pairs such as "ff" become ligatures that pdftotext reads back as junk.
    marker = f"Kiosk test handout {uuid.uuid4().int % 10**10:010d}"
    path = tmp_path / "handout.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20),
    ))
    writer.setResolution(300)
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSize(20)
    painter.setFont(font)
    painter.drawText(150, 300, marker)
    painter.end()
    return path, marker


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=30, check=True,
    )
    return " ".join(done.stdout.split())


def nowhere(tmp_path: Path) -> dict[str, str]:
    """Tools pointed at a scheduler socket where nothing listens: a computer without CUPS running."""
    return cups_env(CUPS_SERVER=str(tmp_path / "no-cupsd-here.sock"))


# -- lpstat's answers, as CUPS 2.4 prints them with LC_ALL=C.UTF-8

STATUS = """\
scheduler is running
system default destination: Front
printer Front is idle.  enabled since Fri Nov 27 21:41:13 2026
\tpaper low
printer Back now printing Back-7.  enabled since Fri Nov 27 21:41:13 2026
printer Stopped disabled since Fri Nov 27 21:41:02 2026 -
\tOut of paper
Front accepting requests since Fri Nov 27 21:41:13 2026
Back not accepting requests since Fri Nov 27 21:41:13 2026 -
\tjammed
Stopped accepting requests since Fri Nov 27 21:41:02 2026
"""


def test_lpstat_answers_become_printer_states():
    snapshot = parse_lpstat(STATUS)
    assert snapshot.running and snapshot.default == "Front"
    front, back, stopped = snapshot.printers
    assert (front.name, front.is_default, front.enabled, front.accepting) == ("Front", True, True, True)
    assert front.state_text == "idle: paper low"
    assert (back.enabled, back.accepting) == (True, False)
    assert back.state_text == "printing Back-7; not accepting jobs: jammed"
    assert (stopped.enabled, stopped.accepting, stopped.state_text) == (False, True, "disabled: Out of paper")


def test_choosing_a_queue_explains_each_refusal():
    snapshot = parse_lpstat(STATUS)
    assert choose_printer(snapshot, None) == "Front"
    assert choose_printer(snapshot, "default") == "Front"
    assert choose_printer(snapshot, "front") == "Front"  # CUPS names ignore case
    with pytest.raises(PrintError, match=r"'Stopped' is stopped \(disabled\): Out of paper\. .*cupsenable"):
        choose_printer(snapshot, "Stopped")
    with pytest.raises(PrintError, match="'Back' is not accepting jobs"):
        choose_printer(snapshot, "Back")
    with pytest.raises(PrintError, match=r"'Lobby' does not exist\. Printers .*: Front, Back, Stopped\.$"):
        choose_printer(snapshot, "Lobby")
    with pytest.raises(PrintError, match="not running"):
        choose_printer(parse_lpstat("scheduler is not running\n"), "Front")
    with pytest.raises(PrintError, match=r"No printer is set up on this computer \(CUPS has no default"):
        choose_printer(parse_lpstat("scheduler is running\nno system default destination\n"), None)


def test_the_print_log_keeps_the_last_twenty_newest_first():
    log = PrintLog()
    for number in range(25):
        log.record(QUEUE, f"{QUEUE}-{number}", PrintLog.PRINTED)
    entries = log.entries()
    assert len(entries) == 20
    assert [entry.job_id for entry in entries[:2]] == [f"{QUEUE}-24", f"{QUEUE}-23"]


# -- a computer where printing cannot work: the visitor is told, the staff reason says why


def test_without_a_running_cups_nothing_prints_and_staff_learn_why(qtbot, tmp_path, handout):
    env = nowhere(tmp_path)
    expected = NOT_RUNNING if shutil.which("lpstat") else TOOLS_MISSING
    assert list_printers(cups_env=env) == []
    assert default_printer(cups_env=env) is None
    with pytest.raises(PrintError) as raised:
        submit_pdf(handout[0], None, cups_env=env)
    assert raised.value.staff_reason == expected
    assert raised.value.visitor_message == VISITOR_MESSAGE_UNAVAILABLE
    job = PrintJob(handout[0], QUEUE, cups_env=env)
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert failed.args == [expected]
    assert job.job_id == ""


def test_without_the_cups_tools_the_reason_names_the_package(qtbot, tmp_path, handout):
    env = cups_env(PATH=str(tmp_path))  # an empty folder: no lp, no lpstat
    assert list_printers(cups_env=env) == []
    with pytest.raises(PrintError, match="cups-client"):
        resolve_printer("default", cups_env=env)
    job = PrintJob(handout[0], None, cups_env=env)
    fired: list[str] = []
    job.failed.connect(fired.append)
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS):
        job.start()
        assert fired == []  # never inside start(): the caller's code after start() runs first
    assert fired == [TOOLS_MISSING]


def test_a_missing_handout_file_is_a_staff_reason(tmp_path):
    with pytest.raises(PrintError, match="does not exist, so there is nothing to print"):
        submit_pdf(tmp_path / "gone.pdf", QUEUE)


# -- the real queue


@cups
def test_the_test_queue_is_listed_enabled_and_accepting(kiosk_queue: CupsQueue):
    printers = {printer.name: printer for printer in list_printers()}
    assert QUEUE in printers, printers
    assert printers[QUEUE].enabled and printers[QUEUE].accepting
    assert printers[QUEUE].state_text.startswith(("idle", "printing"))
    assert resolve_printer(QUEUE.lower()) == QUEUE


@cups
def test_submit_pdf_prints_the_page_through_cups(kiosk_queue: CupsQueue, handout):
    pdf, marker = handout
    job_id = submit_pdf(pdf, QUEUE, title="Kiosk test")
    assert job_id.startswith(f"{QUEUE}-")
    assert marker in pdf_text(kiosk_queue.output_of(job_id))


@cups
def test_default_means_the_systems_default_printer(kiosk_queue: CupsQueue, handout):
    pdf, marker = handout
    assert default_printer() == QUEUE
    assert resolve_printer(None) == resolve_printer("default") == QUEUE
    job_id = submit_pdf(pdf, "default")
    assert marker in pdf_text(kiosk_queue.output_of(job_id))


@cups
def test_a_users_own_default_printer_counts_first(kiosk_queue: CupsQueue):
    # LPDEST is CUPS's per-user default; one naming a queue that is gone leaves no default.
    assert default_printer(cups_env=kiosk_queue.env(LPDEST="Gone")) is None
    with pytest.raises(PrintError, match=f"CUPS has no default printer. Printers on this .*{QUEUE}"):
        resolve_printer(None, cups_env=kiosk_queue.env(LPDEST="Gone"))


@cups
def test_no_printer_at_all_is_a_plain_reason(qtbot, kiosk_queue: CupsQueue, handout):
    kiosk_queue.tool("lpadmin", "-x", QUEUE)
    try:
        assert list_printers() == [] and default_printer() is None
        expected = (
            "No printer is set up on this computer (CUPS has no default printer). Add one in the "
            "system's printer settings or name one in the staff panel."
        )
        with pytest.raises(PrintError) as raised:
            submit_pdf(handout[0], None)
        assert raised.value.staff_reason == expected
        with pytest.raises(PrintError, match=r"'KioskTest' does not exist\. There are no printers"):
            submit_pdf(handout[0], QUEUE)
        job = PrintJob(handout[0], "default")
        with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
            job.start()
        assert failed.args == [expected]
    finally:
        kiosk_queue.restore()


@cups
def test_a_print_job_is_queued_then_completed_and_logged(qtbot, kiosk_queue: CupsQueue, handout):
    pdf, marker = handout
    log = PrintLog()
    job = PrintJob(pdf, QUEUE, poll_ms=100, log=log)
    heard: list[tuple[str, str]] = []
    job.queued.connect(lambda job_id: heard.append(("queued", job_id)))
    job.completed.connect(lambda job_id: heard.append(("completed", job_id)))
    job.failed.connect(lambda reason: heard.append(("failed", reason)))
    with qtbot.waitSignals([job.queued, job.completed], order="strict", timeout=PRINT_TIMEOUT_MS):
        job.start()
    queued_id = job.job_id
    assert heard == [("queued", queued_id), ("completed", queued_id)]
    assert marker in pdf_text(kiosk_queue.output_of(queued_id))
    [entry] = log.entries()
    assert (entry.printer, entry.job_id, entry.outcome, entry.reason) == (QUEUE, queued_id, "printed", "")


def ticking(seconds: float, qtbot) -> list[float]:
    """A 10 ms timer's firing times over `seconds` with nothing else to do: this machine's noise."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.wait(round(seconds * 1000))
    timer.stop()
    return ticks


def longest_gap(ticks: list[float]) -> float:
    return max((later - earlier for earlier, later in itertools.pairwise(ticks)), default=0.0)


@cups
def test_the_ui_thread_keeps_running_while_a_job_prints(qtbot, kiosk_queue: CupsQueue, handout):
    """The job is held in the queue, then released from another thread (as a slow printer would
    be: the test's own `lp` must not stop the UI thread it measures). Meanwhile a 10 ms timer
    keeps firing; its longest gap is compared with the same timer's on this machine just before,
    idle, so a busy machine does not fail it and a kiosk waiting on `lp` would."""
    quiet = longest_gap(ticking(0.5, qtbot))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    job = PrintJob(handout[0], QUEUE, poll_ms=50, options=HOLD)
    events: list[str] = []

    def release(_job_id: str) -> None:
        events.append("queued")
        resume = threading.Timer(0.5, lambda: kiosk_queue.tool("lp", "-i", job.job_id, "-H", "resume"))
        resume.start()

    job.queued.connect(release)
    job.completed.connect(lambda _job_id: events.append("completed"))
    timer.start()
    started = time.monotonic()
    try:
        with qtbot.waitSignal(job.completed, timeout=PRINT_TIMEOUT_MS):
            job.start()
    finally:
        timer.stop()
    took = time.monotonic() - started
    assert events == ["queued", "completed"] and took >= 0.5
    assert len(ticks) >= took / 0.010 / 4, f"the timer fired {len(ticks)} times in {took:.2f} s"
    allowed = max(0.25, 4 * quiet)
    assert longest_gap([started, *ticks]) < allowed, (
        f"the event loop stalled for {longest_gap([started, *ticks]):.3f} s (idle here: {quiet:.3f} s)"
    )


@cups
def test_a_stopped_queue_tells_the_visitor_and_the_kiosk_prints_again(qtbot, kiosk_queue: CupsQueue, handout):
    pdf, marker = handout
    tool_reason = "Out of paper (kiosk test)"
    kiosk_queue.tool("cupsdisable", "-r", tool_reason, QUEUE)
    with pytest.raises(PrintError) as raised:
        submit_pdf(pdf, QUEUE)
    assert raised.value.staff_reason == (
        f"The printer '{QUEUE}' is stopped (disabled): {tool_reason}. "
        f"Start it again with `cupsenable {QUEUE}`."
    )
    assert raised.value.visitor_message == VISITOR_MESSAGE_UNAVAILABLE
    log = PrintLog()
    job = PrintJob(pdf, QUEUE, log=log)
    queued: list[str] = []
    job.queued.connect(queued.append)
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert "stopped (disabled)" in failed.args[0] and tool_reason in failed.args[0]
    assert queued == [] and kiosk_queue.jobs_waiting() == []  # nothing was sent
    assert log.entries()[0].outcome == "failed"

    kiosk_queue.tool("cupsenable", QUEUE)
    again = PrintJob(pdf, QUEUE, poll_ms=100)
    with qtbot.waitSignal(again.completed, timeout=PRINT_TIMEOUT_MS) as done:
        again.start()
    assert marker in pdf_text(kiosk_queue.output_of(done.args[0]))


@cups
def test_a_queue_stopped_while_the_job_waits_fails_it_and_keeps_it(qtbot, kiosk_queue: CupsQueue, handout):
    job = PrintJob(handout[0], QUEUE, poll_ms=50, options=HOLD)
    job.queued.connect(lambda _job_id: kiosk_queue.tool("cupsdisable", "-r", "Paper jam (kiosk test)", QUEUE))
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    reason = failed.args[0]
    assert "is stopped (disabled): Paper jam (kiosk test)" in reason
    assert f"Job {job.job_id} is left in the queue" in reason
    assert kiosk_queue.jobs_waiting() == [job.job_id]


@cups
def test_a_job_still_waiting_after_the_time_limit_fails_and_stays(qtbot, kiosk_queue: CupsQueue, handout):
    clock = ManualClock()
    job = PrintJob(handout[0], QUEUE, poll_ms=50, options=HOLD, clock=clock)  # the default 120 s
    job.queued.connect(lambda _job_id: clock.advance(121))
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert "the job is still waiting after 120 s" in failed.args[0]
    assert kiosk_queue.jobs_waiting() == [job.job_id]


@cups
def test_a_printer_that_does_not_exist_names_the_ones_that_do(qtbot, kiosk_queue: CupsQueue, handout):
    with pytest.raises(PrintError, match=rf"The printer 'Lobby' does not exist\. Printers on .*{QUEUE}"):
        submit_pdf(handout[0], "Lobby")
    job = PrintJob(handout[0], "Lobby")
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert failed.args[0].startswith("The printer 'Lobby' does not exist.")


@cups
def test_a_queue_that_refuses_jobs_is_a_plain_reason(kiosk_queue: CupsQueue, handout):
    kiosk_queue.tool("cupsreject", "-r", "Being serviced", QUEUE)
    with pytest.raises(PrintError, match=rf"'{QUEUE}' is not accepting jobs .*Being serviced.*cupsaccept"):
        submit_pdf(handout[0], QUEUE)
