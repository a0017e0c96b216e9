"""The printer goes away under a visitor's handout: the visitor is told plainly, the kiosk carries on.

What test_cups.py and test_handout_printing.py do not cover yet, all through the whole kiosk
and a real scheduler: the queue deleted (`lpadmin -x`) or stopped while the handout waits in
it, and the scheduler itself dying while a handout waits, then staying down while the next
visitor tries.
Each time the visitor reads the plain "printer isn't available" message, the staff log keeps
the real reason, and the kiosk goes on: the card closes, the visitor moves between screens, and
once the printer is back the same print button prints.

The scheduler killed here is a cupsd of this test's own (set up with conftest.py's helpers),
never the session's, which the other printing tests still need.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

import pytest

from kiosk.app import Kiosk
from kiosk.printing.cups import VISITOR_MESSAGE_PRINTING, VISITOR_MESSAGE_READY, VISITOR_MESSAGE_UNAVAILABLE
from tests.helpers.touch import tap
from tests.printing.conftest import (
    CUPS_PDF_CONF,
    CUPS_PDF_CONF_DIR,
    QUEUE,
    CupsQueue,
    _start_cupsd,
    _stop,
    _write_configuration,
    why_cups_cannot_be_used,
)
from tests.printing.test_handout_printing import print_from_the_article
from tests.ui.shell.test_idle_controller import open_article_by_touch

pytestmark = pytest.mark.cups
WAIT_MS = 30_000
SECOND_ARTICLE = "what-is-synthetic-fentanyl"
# Jobs wait in the queue until released, so the printer can go away while one waits.
HOLD_JOBS = ("-o", "job-hold-until-default=indefinite")
RELEASE_JOBS = ("-o", "job-hold-until-default=no-hold")
# A scheduler that writes its printers at once: killed, it comes back with them, as a real one does.
WRITE_AT_ONCE = "DirtyCleanInterval 0\n"


@dataclass
class OwnScheduler:
    """A cupsd for one test, which it may kill and start again."""

    queue: CupsQueue
    configuration: tuple[Path, Path]
    process: Popen[bytes] | None = None

    def start(self) -> None:
        self.process = _start_cupsd(self.queue, *self.configuration)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)  # a crash: no chance to tidy up
        self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_scheduler(monkeypatch: pytest.MonkeyPatch) -> Iterator[OwnScheduler]:
    reason = why_cups_cannot_be_used()
    if reason is not None:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="kiosk-cupsd-"))  # not pytest's folder: filters run as lp
    device = f"kiosk-test-{root.name.removeprefix('kiosk-cupsd-')}"
    pdf_conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{device}.conf"
    scheduler = OwnScheduler(CupsQueue(QUEUE, root, server=str(root / "cups.sock"), device=device),
                             _write_configuration(root))
    try:
        with scheduler.configuration[0].open("a", encoding="utf-8") as conf:
            conf.write(WRITE_AT_ONCE)
        scheduler.start()
        pdf_conf.write_text(CUPS_PDF_CONF.format(pid=os.getpid(), root=root), encoding="utf-8")
        scheduler.queue.restore()
        monkeypatch.setenv("CUPS_SERVER", scheduler.queue.server)
        for variable in ("LPDEST", "PRINTER"):
            monkeypatch.delenv(variable, raising=False)
        yield scheduler
    finally:
        if scheduler.process is not None:
            _stop(scheduler.process)
        pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


def wait_until_held(kiosk: Kiosk, qtbot) -> str:
    """The handout's job id, once CUPS holds it; the visitor still reads "Printing…"."""
    job = kiosk.printing.jobs[-1]
    qtbot.waitUntil(lambda: job.job_id != "", timeout=WAIT_MS)
    assert kiosk.printing.confirm.message.text() == VISITOR_MESSAGE_PRINTING
    return job.job_id


def assert_told_plainly(kiosk: Kiosk, qtbot, *reason_parts: str) -> None:
    """The visitor's message; the staff reason in the print log; the card closes on OK."""
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(lambda: confirm.message.text() == VISITOR_MESSAGE_UNAVAILABLE, timeout=WAIT_MS)
    reason = kiosk.printing.print_log.entries()[0].reason
    for part in reason_parts:
        assert part in reason, reason
    tap(confirm.ok_button)
    qtbot.waitUntil(lambda: not confirm.isVisible())


def go_on_and_print_again(kiosk: Kiosk, qtbot) -> str:
    """Home, another article, its print button: returns the message the visitor reads."""
    home = kiosk.window.article_page.top_bar.home_button
    assert home is not None
    tap(home)
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home")
    open_article_by_touch(kiosk, qtbot, SECOND_ARTICLE)
    button = kiosk.window.article_page.top_bar.print_button
    assert button is not None
    tap(button)
    tap(kiosk.printing.confirm.print_button)
    confirm = kiosk.printing.confirm
    qtbot.waitUntil(lambda: confirm.message.text() != VISITOR_MESSAGE_PRINTING, timeout=WAIT_MS)
    return confirm.message.text()


@pytest.mark.parametrize(("how", "reason"), [
    (("lpadmin", "-x", QUEUE), "The printer '{queue}' was removed while job {job} waited."),
    (("cupsdisable", "-r", "Paper jam (kiosk test)", QUEUE),
     "is stopped (disabled): Paper jam (kiosk test). Start it again with `cupsenable {queue}`. "
     "Job {job} is left in the queue"),
], ids=["queue-deleted", "queue-stopped"])
def test_the_printer_going_away_while_the_handout_waits(
    make_kiosk, qtbot, kiosk_queue: CupsQueue, how: tuple[str, ...], reason: str,
) -> None:
    kiosk_queue.tool("lpadmin", "-p", QUEUE, *HOLD_JOBS)
    try:
        kiosk = make_kiosk()
        print_from_the_article(kiosk, qtbot)
        job_id = wait_until_held(kiosk, qtbot)
        kiosk_queue.tool(*how)
        assert_told_plainly(kiosk, qtbot, reason.format(queue=QUEUE, job=job_id))
    finally:  # the printer is back (a new queue, or the same one started), taking jobs at once
        kiosk_queue.restore()
        kiosk_queue.tool("lpadmin", "-p", QUEUE, *RELEASE_JOBS)
        kiosk_queue.reset()
    assert go_on_and_print_again(kiosk, qtbot) == VISITOR_MESSAGE_READY


def test_the_scheduler_dying_mid_job_and_staying_down(make_kiosk, qtbot, own_scheduler: OwnScheduler) -> None:
    queue = own_scheduler.queue
    queue.tool("lpadmin", "-p", QUEUE, *HOLD_JOBS)
    kiosk = make_kiosk()
    print_from_the_article(kiosk, qtbot)
    job_id = wait_until_held(kiosk, qtbot)
    own_scheduler.kill()
    assert_told_plainly(kiosk, qtbot, "is not running", f"It stopped while job {job_id} waited.")

    # Still down when the next handout is asked for: told at once, nothing queued.
    assert go_on_and_print_again(kiosk, qtbot) == VISITOR_MESSAGE_UNAVAILABLE
    entry = kiosk.printing.print_log.entries()[0]
    assert entry.reason == "The print system (CUPS) is not running on this computer."
    assert entry.job_id == ""
    tap(kiosk.printing.confirm.ok_button)
    kiosk.idle.reset()  # a new visitor, with the same kiosk
    qtbot.waitUntil(lambda: kiosk.window.current_screen == "home")

    own_scheduler.start()  # back, with its queue (and the held job, which staff may cancel)
    queue.tool("lpadmin", "-p", QUEUE, *RELEASE_JOBS)
    queue.tool("cancel", "-a", QUEUE)
    open_article_by_touch(kiosk, qtbot)
    assert go_on_and_print_again(kiosk, qtbot) == VISITOR_MESSAGE_READY
