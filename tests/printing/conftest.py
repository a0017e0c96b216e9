"""A real CUPS print queue for the printing tests: a cupsd of their own and a cups-pdf queue.

The session fixture `cups_queue` starts `/usr/sbin/cupsd -f` with a configuration in a
temporary folder, listening only on a socket there, so the tests never touch the computer's own
print setup, and two test runs at once (several engineers on one machine) cannot remove each
other's queue. It adds the queue KioskTest on the cups-pdf backend and makes it that
scheduler's default. cups-pdf reads /etc/cups/cups-pdf-NAME.conf for the device
cups-pdf:/NAME (the folder is compiled in), so each run writes one such file with its own
output folder and removes it at the end, with the folder, after stopping its cupsd by process
id. The tests reach this scheduler through `CUPS_SERVER`, set for each test by `kiosk_queue`,
exactly as an installation with a remote print server would. Without root, CUPS or cups-pdf
the tests that need it skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "KioskTest"
CUPSD = Path("/usr/sbin/cupsd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_CONF_DIR = Path("/etc/cups")  # where cups-pdf looks, whatever the scheduler's own folder
TOOLS = (
    "lp", "lpstat", "lpadmin", "lpinfo", "cupsenable", "cupsdisable", "cupsaccept", "cupsreject", "cancel",
)
START_TIMEOUT_S = 20.0
OUTPUT_TIMEOUT_S = 30.0

# No authentication and no sharing: the socket lives in a folder only root can write to.
CUPSD_CONF = """\
LogLevel warn
Listen {root}/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order deny,allow
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
# Filters run as lp, so the spool must be reachable by lp: the folder is made 0755.
CUPS_FILES_CONF = """\
ServerRoot {root}/etc
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
User lp
Group lp
SystemGroup root
"""
# Label 2 ends each file name with "-job_N", so a test finds the page of its own job.
CUPS_PDF_CONF = """\
# Written by the kiosk's printing tests (process {pid}); removed when they finish.
Out {root}/out
Spool {root}/cups-pdf-spool
Log {root}/log
Label 2
"""


def cups_env(**changes: str | None) -> dict[str, str]:
    """This process's environment with `changes` (None removes a variable), for the tools."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def why_cups_cannot_be_used() -> str | None:
    """The reason the real-printer tests must skip on this machine, or None."""
    if os.geteuid() != 0:
        return "the printer tests need root: they run cupsd and the cups-pdf backend"
    if not CUPSD.exists():
        return f"CUPS is not installed ({CUPSD} is missing; apt-get install cups)"
    if not CUPS_PDF_BACKEND.exists():
        return (f"cups-pdf is not installed ({CUPS_PDF_BACKEND} is missing; "
                "apt-get install printer-driver-cups-pdf)")
    missing = [name for name in (*TOOLS, "pdftotext") if shutil.which(name) is None]
    if missing:
        return f"these tools are missing: {', '.join(missing)} (packages cups-client, poppler-utils)"
    return None


def job_number(job_id: str) -> int:
    return int(job_id.rsplit("-", 1)[1])


@dataclass
class CupsQueue:
    name: str
    root: Path  # the scheduler's folder: configuration, spool, logs, and cups-pdf's output
    server: str  # the value of CUPS_SERVER that reaches it
    device: str = ""  # cups-pdf:/DEVICE reads /etc/cups/cups-pdf-DEVICE.conf

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    def env(self, **changes: str | None) -> dict[str, str]:
        return cups_env(CUPS_SERVER=self.server, **changes)

    def tool(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            list(args), capture_output=True, text=True, timeout=30, check=False, env=self.env(),
            stdin=subprocess.DEVNULL,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"`{' '.join(args)}` failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def scheduler_running(self) -> bool:
        return self.tool("lpstat", "-r", check=False).stdout.startswith("scheduler is running")

    def restore(self) -> None:
        """(Re)create the queue as the scheduler's default; `lpadmin -p` on a queue updates it."""
        # pdftocairo turns the PDF into PostScript for cups-pdf with its text intact (the default
        # renderer, Ghostscript, leaves glyphs that pdftotext cannot read back).
        self.tool("lpadmin", "-p", self.name, "-v", f"cups-pdf:/{self.device}", "-E", "-m", self.pdf_driver(),
                  "-o", "pdftops-renderer-default=pdftocairo")
        self.tool("lpadmin", "-d", self.name)

    def reset(self) -> None:
        """Running, taking jobs, nothing waiting: the state every test starts and ends in."""
        self.tool("cupsenable", self.name)
        self.tool("cupsaccept", self.name)
        self.tool("cancel", "-a", self.name, check=False)

    def jobs_waiting(self) -> list[str]:
        done = self.tool("lpstat", "-o", self.name)
        return [line.split()[0] for line in done.stdout.splitlines() if line.strip()]

    def output_of(self, job_id: str, timeout_s: float = OUTPUT_TIMEOUT_S) -> Path:
        """The PDF that cups-pdf wrote for `job_id`, once the job has finished."""
        pattern = f"*-job_{job_number(job_id)}.pdf"
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = sorted(self.out_dir.glob(pattern))
            # The file is complete once CUPS no longer lists the job (cups-pdf has returned).
            if found and job_id not in self.jobs_waiting():
                return found[0]
            time.sleep(0.1)
        files = sorted(path.name for path in self.out_dir.glob("*"))
        log = self.root / "log" / "error_log"
        tail = log.read_text(errors="replace").splitlines()[-15:] if log.exists() else []
        raise AssertionError(
            f"cups-pdf wrote no {pattern} in {self.out_dir} within {timeout_s:g} s "
            f"(there: {files}; waiting: {self.jobs_waiting()}). The scheduler's error_log:\n"
            + "\n".join(tail)
        )

    def pdf_driver(self) -> str:
        models = self.tool("lpinfo", "-m").stdout.splitlines()
        names = [line.split()[0] for line in models if "cups-pdf" in line.lower()]
        for name in names:
            if name.endswith("CUPS-PDF_opt.ppd"):
                return name
        if not names:
            raise AssertionError("CUPS lists no cups-pdf driver (`lpinfo -m | grep -i cups-pdf` is empty)")
        return names[0]


def _write_configuration(root: Path) -> tuple[Path, Path]:
    root.chmod(0o755)
    for folder in ("etc", "spool/tmp", "cache", "state", "log", "out", "cups-pdf-spool"):
        (root / folder).mkdir(parents=True)
    cupsd_conf, files_conf = root / "etc" / "cupsd.conf", root / "etc" / "cups-files.conf"
    cupsd_conf.write_text(CUPSD_CONF.format(root=root), encoding="utf-8")
    files_conf.write_text(CUPS_FILES_CONF.format(root=root), encoding="utf-8")
    return cupsd_conf, files_conf


def _start_cupsd(queue: CupsQueue, cupsd_conf: Path, files_conf: Path) -> subprocess.Popen[bytes]:
    stderr = (queue.root / "log" / "cupsd.stderr").open("wb")
    cupsd = subprocess.Popen(
        [str(CUPSD), "-f", "-c", str(cupsd_conf), "-s", str(files_conf)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
        start_new_session=True,  # a Ctrl-C meant for pytest does not reach it; teardown stops it
    )
    stderr.close()
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if cupsd.poll() is not None:
            message = (queue.root / "log" / "cupsd.stderr").read_text(errors="replace").strip()
            raise AssertionError(f"cupsd exited at once ({cupsd.returncode}): {message}")
        if queue.scheduler_running():
            return cupsd
        time.sleep(0.1)
    _stop(cupsd)
    raise AssertionError(f"cupsd started but `lpstat -r` did not say it runs within {START_TIMEOUT_S:g} s")


def _stop(cupsd: subprocess.Popen[bytes]) -> None:
    cupsd.terminate()  # SIGTERM to this one process id
    try:
        cupsd.wait(timeout=10)
    except subprocess.TimeoutExpired:
        cupsd.kill()
        cupsd.wait(timeout=10)


@pytest.fixture(scope="session")
def cups_queue() -> Iterator[CupsQueue]:
    reason = why_cups_cannot_be_used()
    if reason is not None:
        pytest.skip(reason)
    # Under /tmp, not pytest's tmp folder: that one is 0700, and filters run as lp.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cupsd-"))
    device = f"kiosk-test-{root.name.removeprefix('kiosk-cupsd-')}"
    pdf_conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{device}.conf"
    queue = CupsQueue(QUEUE, root, server=str(root / "cups.sock"))
    cupsd = None
    try:
        cupsd = _start_cupsd(queue, *_write_configuration(root))
        pdf_conf.write_text(CUPS_PDF_CONF.format(pid=os.getpid(), root=root), encoding="utf-8")
        queue.device = device
        queue.restore()
        yield queue
    finally:
        if cupsd is not None:
            _stop(cupsd)
        pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def kiosk_queue(cups_queue: CupsQueue, monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsQueue]:
    """The KioskTest queue, enabled and empty, reached by this process's CUPS_SERVER."""
    monkeypatch.setenv("CUPS_SERVER", cups_queue.server)
    for variable in ("LPDEST", "PRINTER"):  # a user's own default would hide the scheduler's
        monkeypatch.delenv(variable, raising=False)
    cups_queue.reset()
    yield cups_queue
    cups_queue.reset()
