"""One handout on its way to the printer without blocking the screen: `PrintJob` runs CUPS's
tools through QProcess, follows the job until it is done or fails, and never waits on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from kiosk.printing.cups import (
    COMMAND_TIMEOUT_S,
    NOT_RUNNING,
    PrintError,
    check_file,
    choose_printer,
    cups_environment,
    job_id_from,
    lp_args,
    lp_failure,
    parse_lpstat,
    status_args,
    stopped_reason,
    tool_path,
)
from kiosk.printing.print_log import PrintLog
from kiosk.rules.clock import Clock, MonotonicClock


class PrintJob(QObject):
    """One handout on its way to a printer, every step in a QProcess: the UI never waits.

    Emits `queued(job_id)` once CUPS has the job, then exactly one of `completed(job_id)` (the
    job left CUPS's not-completed list while the printer was working) or `failed(staff_reason)`.
    A failure before `queued` means nothing was sent. A job whose printer is stopped while it
    waits, or that still waits after `timeout_s`, fails and is left in the queue for staff.
    Keep a reference (or give a parent) until it has finished.
    """

    queued = Signal(str)
    completed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        pdf: Path,
        printer: str | None,
        *,
        title: str = "Kiosk handout",
        poll_ms: int = 1000,
        timeout_s: float = 120,
        parent: QObject | None = None,
        options: Mapping[str, str] | None = None,
        cups_env: Mapping[str, str] | None = None,
        log: PrintLog | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.requested = printer
        self.title = title
        self.timeout_s = timeout_s
        self.options = dict(options or {})
        self.printer = ""  # the queue, once resolved
        self.job_id = ""  # once queued
        self.finished = False
        self._env = cups_environment(cups_env)
        self._log = log
        self._clock = clock or MonotonicClock()
        self._queued_at = 0.0
        self._started = False
        self._process: QProcess | None = None
        self._handler: Callable[[int, str, str], None] | None = None
        self._timed_out = False
        self._command = ""
        self._pending_failure = ""
        self._poll_timer = self._single_shot(poll_ms, self._poll)
        self._watchdog = self._single_shot(int(COMMAND_TIMEOUT_S * 1000), self._on_watchdog)
        self._fail_timer = self._single_shot(0, lambda: self._fail(self._pending_failure))

    def _single_shot(self, interval_ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    def start(self) -> None:
        if self._started:
            raise RuntimeError("a PrintJob starts only once")
        self._started = True
        try:
            check_file(self.pdf)
        except PrintError as error:
            self._fail_later(error.staff_reason)
            return
        self._run(status_args(), self._after_status)

    # -- the steps: status check, lp, then polling until the job leaves the queue

    def _after_status(self, _code: int, out: str, _err: str) -> None:
        self.printer = choose_printer(parse_lpstat(out), self.requested)
        self._run(lp_args(self.pdf, self.printer, self.title, self.options), self._after_lp)

    def _after_lp(self, code: int, out: str, err: str) -> None:
        if code != 0:
            raise lp_failure(err, code)
        self.job_id = job_id_from(out, err)
        self._queued_at = self._clock.now()
        self.queued.emit(self.job_id)
        self._poll_timer.start()

    def _poll(self) -> None:
        queue = self.printer.split("/", 1)[0]
        self._run(["lpstat", "-r", "-p", queue, "-o", queue], self._after_poll)

    def _after_poll(self, _code: int, out: str, _err: str) -> None:
        snapshot = parse_lpstat(out)
        queue = self.printer.split("/", 1)[0]
        if not snapshot.running:
            raise PrintError(f"{NOT_RUNNING} It stopped while job {self.job_id} waited.")
        printer = next((p for p in snapshot.printers if p.name.casefold() == queue.casefold()), None)
        if printer is None:
            raise PrintError(f"The printer '{queue}' was removed while job {self.job_id} waited.")
        if self.job_id not in snapshot.job_ids:
            self._finish(completed=True)
            return
        left = (
            f"Job {self.job_id} is left in the queue; cancel it with `cancel {self.job_id}` "
            "if no one needs it."
        )
        if not printer.enabled:
            raise PrintError(f"{stopped_reason(printer)} {left}")
        if self._clock.now() - self._queued_at >= self.timeout_s:
            raise PrintError(
                f"The printer '{queue}' has not printed job {self.job_id}: the job is still waiting "
                f"after {self.timeout_s:g} s ({printer.state_text}). {left}"
            )
        self._poll_timer.start()

    # -- running one tool at a time

    def _run(self, args: list[str], handler: Callable[[int, str, str], None]) -> None:
        try:
            program = tool_path(args[0], self._env)
        except PrintError as error:
            self._fail_later(error.staff_reason)
            return
        process = QProcess(self)
        environment = QProcessEnvironment()
        for key, value in self._env.items():
            environment.insert(key, value)
        process.setProcessEnvironment(environment)
        process.setStandardInputFile(QProcess.nullDevice())
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process, self._handler, self._timed_out = process, handler, False
        self._command = " ".join(args)
        process.start(program, args[1:])
        self._watchdog.start()

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, handler = self._process, self._handler
        if process is None or handler is None:
            return
        self._watchdog.stop()
        self._process = self._handler = None
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        process.deleteLater()
        if self._timed_out:
            self._fail(
                f"The print system (CUPS) did not answer within {COMMAND_TIMEOUT_S:g} s "
                f"(`{self._command}`)."
            )
            return
        if status != QProcess.ExitStatus.NormalExit:
            self._fail(f"`{self._command}` stopped unexpectedly: {err.strip() or 'no message'}")
            return
        try:
            handler(code, out, err)
        except PrintError as error:
            self._fail(error.staff_reason)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Only a failed start arrives without `finished`; crashes come through `_on_finished`.
        if error != QProcess.ProcessError.FailedToStart or self._process is None:
            return
        self._watchdog.stop()
        process, self._process, self._handler = self._process, None, None
        reason = process.errorString()
        process.deleteLater()
        self._fail(f"`{self._command}` could not be started: {reason}.")

    def _on_watchdog(self) -> None:
        if self._process is not None:
            self._timed_out = True
            self._process.kill()  # `finished` follows and reports the time-out

    # -- the end

    def _fail_later(self, reason: str) -> None:
        """Fail from the event loop, so `failed` never fires inside `start()`."""
        self._pending_failure = reason
        self._fail_timer.start()

    def _fail(self, reason: str) -> None:
        self._finish(completed=False, reason=reason)

    def _finish(self, *, completed: bool, reason: str = "") -> None:
        if self.finished:
            return
        self.finished = True
        self._poll_timer.stop()
        if self._log is not None:
            outcome = PrintLog.PRINTED if completed else PrintLog.FAILED
            self._log.record(self.printer or (self.requested or "default"), self.job_id, outcome, reason)
        if completed:
            self.completed.emit(self.job_id)
        else:
            self.failed.emit(reason)
