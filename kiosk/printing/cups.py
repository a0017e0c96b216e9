"""Printing through the operating system's print system (CUPS), with its command-line tools.

`lp` sends a file to a queue and `lpstat` reports on the scheduler, the printers and the jobs.
The synchronous helpers (`submit_pdf`, `resolve_printer`, `list_printers`) use `subprocess`
with timeouts and suit the command line and the staff panel; `PrintJob` does the same steps
with QProcess, so the kiosk's UI thread never waits on a slow printer.

Every command runs with `LC_ALL=C.UTF-8`: lpstat's sentences are parsed, and a translated
lpstat would not be understood. Each function takes `cups_env`, the environment for the tools
(default: this process's environment at the time of the call), so a caller or a test can point
them at another scheduler with `CUPS_SERVER` or pick a default queue with `LPDEST`.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import subprocess

# What a visitor reads, in English; the kiosk shows them translated (context "Printing").
VISITOR_MESSAGE_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Printing", "The printer isn't available right now — please ask at the front desk."
)
VISITOR_MESSAGE_PRINTING = QT_TRANSLATE_NOOP("Printing", "Printing…")
VISITOR_MESSAGE_READY = QT_TRANSLATE_NOOP("Printing", "Your handout is ready at the printer.")
HANDOUT_TITLE = "Kiosk handout"  # never the article's title: CUPS keeps a history of job names
PAPER_MEDIA = {"letter": "Letter", "a4": "A4"}  # CUPS's names for the handout's paper sizes

# Names that mean "the system's default printer", in settings and on the command line.
DEFAULT_PRINTER_NAMES = ("", "default")
# lpstat and lp answer in milliseconds from a local scheduler; longer means CUPS is stuck.
COMMAND_TIMEOUT_S = 10.0

NOT_RUNNING = "The print system (CUPS) is not running on this computer."
TOOLS_MISSING = (
    "The print system's command-line tools (lp, lpstat) are not installed on this computer "
    "(on Debian: the package cups-client)."
)

_REQUEST_ID = re.compile(r"request id is (\S+)")
_ACCEPTING = re.compile(r"^(\S+) (not )?accepting requests")
_JOB_ID = re.compile(r"^\S+-\d+$")


class PrintError(Exception):
    """A handout could not be printed. `staff_reason` says why, in a sentence for staff."""

    visitor_message = VISITOR_MESSAGE_UNAVAILABLE

    def __init__(self, staff_reason: str) -> None:
        super().__init__(staff_reason)
        self.staff_reason = staff_reason


@dataclass(frozen=True)
class PrinterStatus:
    name: str
    is_default: bool
    enabled: bool
    accepting: bool
    state_text: str  # what lpstat says, e.g. "idle", "printing KioskTest-3", "disabled: Out of paper"


@dataclass
class _Snapshot:
    """One `lpstat -r -d -p -a` (or `-r -p NAME -o NAME`) answer, parsed."""

    running: bool = False
    default: str | None = None
    printers: list[PrinterStatus] = field(default_factory=list)
    job_ids: list[str] = field(default_factory=list)


def cups_environment(cups_env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the tools run in: the given one (or this process's), in plain English."""
    env = dict(os.environ if cups_env is None else cups_env)
    env["LC_ALL"] = "C.UTF-8"  # untranslated messages; UTF-8 so titles and reasons survive
    env.pop("LANGUAGE", None)
    return env


def tool_path(name: str, env: Mapping[str, str]) -> str:
    path = shutil.which(name, path=env.get("PATH", os.defpath))
    if path is None:
        raise PrintError(TOOLS_MISSING)
    return path


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import subprocess  # here: the kiosk loads it when it first prints, not at start-up

    command = [tool_path(args[0], env), *args[1:]]
    try:
        return subprocess.run(
            command, env=env, capture_output=True, text=True, errors="replace",
            stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S, check=False,
        )
    except subprocess.TimeoutExpired:
        raise PrintError(
            f"The print system (CUPS) did not answer within {COMMAND_TIMEOUT_S:g} s "
            f"(`{' '.join(args)}`)."
        ) from None
    except OSError as error:
        raise PrintError(f"{args[0]} could not be run: {error}.") from None


def parse_lpstat(output: str) -> _Snapshot:
    """Read what `lpstat` prints for -r, -d, -p, -a and -o, in any mix and order."""
    snapshot = _Snapshot()
    states: dict[str, str] = {}
    enabled: dict[str, bool] = {}
    notes: dict[str, list[str]] = {}
    refusals: dict[str, list[str] | None] = {}  # None: accepting
    current: list[str] | None = None  # where an indented line (a reason or message) belongs
    for line in output.splitlines():
        if line[:1] in ("\t", " "):
            text = line.strip()
            if current is not None and text:
                current.append(text)
            continue
        current = None
        tokens = line.split()
        if not tokens:
            continue
        if line.startswith("scheduler is not running"):
            snapshot.running = False
        elif line.startswith("scheduler is running"):
            snapshot.running = True
        elif line.startswith("system default destination:"):
            snapshot.default = line.split(":", 1)[1].strip() or None
        elif line.startswith("no system default destination"):
            snapshot.default = None
        elif tokens[0] == "printer" and len(tokens) >= 3:
            name = tokens[1]
            if tokens[2] == "disabled":
                enabled[name], states[name] = False, "disabled"
            elif tokens[2:4] == ["is", "idle."]:
                enabled[name], states[name] = True, "idle"
            elif tokens[2:4] == ["now", "printing"] and len(tokens) >= 5:
                enabled[name], states[name] = True, f"printing {tokens[4].rstrip('.')}"
            else:
                enabled[name], states[name] = "disabled" not in tokens, line.split(".")[0]
            current = notes.setdefault(name, [])
        elif (accepting := _ACCEPTING.match(line)) is not None:
            name = accepting.group(1)
            if accepting.group(2):
                current = refusals[name] = []
            else:
                refusals[name] = None
        elif _JOB_ID.match(tokens[0]):
            snapshot.job_ids.append(tokens[0])  # `-o`: "KioskTest-12  root  1024  <date>"
    for name, state in states.items():
        reasons = [note for note in notes.get(name, []) if note]
        text = f"{state}: {'; '.join(reasons)}" if reasons else state
        refusal = refusals.get(name)
        if refusal is not None:
            text += f"; not accepting jobs{': ' + '; '.join(refusal) if refusal else ''}"
        snapshot.printers.append(PrinterStatus(
            name=name,
            is_default=snapshot.default is not None
            and name.casefold() == snapshot.default.split("/", 1)[0].casefold(),
            enabled=enabled[name],
            accepting=refusal is None,
            state_text=text,
        ))
    return snapshot


def _reasons(printer: PrinterStatus) -> str:
    """The part of the state after "disabled: " or "idle: ", for a staff sentence."""
    _state, _sep, reasons = printer.state_text.partition(": ")
    return reasons.split("; not accepting jobs")[0] or "no reason given"


def stopped_reason(printer: PrinterStatus) -> str:
    return (
        f"The printer '{printer.name}' is stopped (disabled): {_reasons(printer)}. "
        f"Start it again with `cupsenable {printer.name}`."
    )


def choose_printer(snapshot: _Snapshot, requested: str | None) -> str:
    """The queue to print to, from a status snapshot; PrintError when there is none."""
    if not snapshot.running:
        raise PrintError(NOT_RUNNING)
    names = ", ".join(printer.name for printer in snapshot.printers)
    wanted = (requested or "").strip()
    if wanted.casefold() in DEFAULT_PRINTER_NAMES:
        if snapshot.default is None:
            if not snapshot.printers:
                raise PrintError(
                    "No printer is set up on this computer (CUPS has no default printer). Add one "
                    "in the system's printer settings or name one in the staff panel."
                )
            raise PrintError(
                f"CUPS has no default printer. Printers on this computer: {names}. Name one in the "
                "staff panel or make one the default (`lpadmin -d NAME`)."
            )
        wanted = snapshot.default
    base, slash, instance = wanted.partition("/")  # "Name/instance" is a saved set of options
    printer = next((p for p in snapshot.printers if p.name.casefold() == base.casefold()), None)
    if printer is None:
        where = f"Printers on this computer: {names}." if names else "There are no printers on this computer."
        raise PrintError(f"The printer '{base}' does not exist. {where}")
    if not printer.enabled:
        raise PrintError(stopped_reason(printer))
    if not printer.accepting:
        raise PrintError(
            f"The printer '{printer.name}' is not accepting jobs ({printer.state_text}). "
            f"Let it take jobs again with `cupsaccept {printer.name}`."
        )
    return printer.name + slash + instance


def status_args() -> list[str]:
    return ["lpstat", "-r", "-d", "-p", "-a"]


def lp_args(pdf: Path, printer: str, title: str, options: Mapping[str, str] | None) -> list[str]:
    args = ["lp", "-d", printer, "-t", title]
    for key, value in (options or {}).items():
        args += ["-o", f"{key}={value}"]
    return [*args, "--", str(pdf)]


def job_id_from(result_stdout: str, stderr: str) -> str:
    found = _REQUEST_ID.search(result_stdout)
    if found is None:
        raise PrintError(f"lp did not say which job it queued: {(result_stdout + stderr).strip()}")
    return found.group(1)


def lp_failure(stderr: str, returncode: int) -> PrintError:
    message = stderr.strip() or f"exit status {returncode}"
    return PrintError(f"lp failed: {message}")


def check_file(pdf: Path) -> None:
    if not pdf.is_file():
        raise PrintError(f"The handout file {pdf} does not exist, so there is nothing to print.")


def _status(cups_env: Mapping[str, str] | None) -> _Snapshot:
    done = _run(status_args(), cups_environment(cups_env))
    return parse_lpstat(done.stdout)


def list_printers(*, cups_env: Mapping[str, str] | None = None) -> list[PrinterStatus]:
    """The print queues CUPS knows, in its order; empty when CUPS or its tools are missing."""
    try:
        snapshot = _status(cups_env)
    except PrintError:
        return []
    return snapshot.printers if snapshot.running else []


def default_printer(*, cups_env: Mapping[str, str] | None = None) -> str | None:
    """The system's default queue, or None when there is none or CUPS is not running."""
    try:
        snapshot = _status(cups_env)
    except PrintError:
        return None
    return snapshot.default if snapshot.running else None


def resolve_printer(name: str | None, *, cups_env: Mapping[str, str] | None = None) -> str:
    """The queue `name` means, checked to exist, be enabled and take jobs.

    None, "" and "default" mean the system's default printer. Raises PrintError.
    """
    return choose_printer(_status(cups_env), name)


def submit_pdf(
    pdf: Path,
    printer: str | None,
    *,
    title: str = "Kiosk handout",
    options: Mapping[str, str] | None = None,
    cups_env: Mapping[str, str] | None = None,
) -> str:
    """Queue `pdf` on `printer` (None or "default": the default) and return the job id.

    Returns once CUPS has the job, not when it is on paper. `options` become `lp -o KEY=VALUE`
    (e.g. {"media": "A4"}). Raises PrintError.
    """
    check_file(pdf)
    env = cups_environment(cups_env)
    queue = choose_printer(parse_lpstat(_run(status_args(), env).stdout), printer)
    done = _run(lp_args(pdf, queue, title, options), env)
    if done.returncode != 0:
        raise lp_failure(done.stderr, done.returncode)
    return job_id_from(done.stdout, done.stderr)
