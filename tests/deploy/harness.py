"""The deployment harness: the built bundle under a real Xvfb, cage and openbox, as an ordinary user.

Everything here starts real programs and stops them again by process id:

- `Account`: who runs the displays, the compositors and the kiosk. cage refuses root, so a root
  test run (CI) drops to a dedicated system user (`kiosk-test`, made once with `useradd`); a
  developer's own run stays that developer.
- `Processes`: starts programs in sessions of their own and, at the end, stops each one and its
  children by process id and process group (children first, so cage ends when its kiosk does).
- `Desktop`: one place the kiosk is shown: Xvfb alone, Xvfb with openbox, or cage nested in
  Xvfb (the kiosk on Wayland or on cage's Xwayland), with private runtime, settings, data and
  log folders for that user; screenshots (grim for cage, QScreen.grabWindow for X) and input
  (xdotool on the Xvfb display, which cage's X11 backend passes on as its pointer and keyboard).
- `compare`: a screenshot against `kiosk snapshot` of the same screen at the same size.
- `NotifySocket`: systemd's end of sd_notify, with the sender's process id from the kernel.

Nothing here listens on or reaches a network address: Xvfb runs with `-nolisten tcp`, the
kiosk's CUPS_SERVER names a socket that does not exist (libcups would otherwise try
localhost:631 on a machine without cupsd), and the notify socket is a Unix socket.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage, QTransform

DEFAULT_TEST_USER = "kiosk-test"
X11_SOCKET_DIR = Path("/tmp/.X11-unix")
START_TIMEOUT_S = 30.0  # a display, a compositor or the kiosk's first screen, on a loaded machine
STOP_TIMEOUT_S = 5.0  # then SIGKILL
KEEP_ENV = "KIOSK_DEPLOY_KEEP"  # set to keep each environment's folder (screenshots, logs) for a look

# The kiosk's settings for these tests: an idle reset 15 + 5 s after the last input (the
# shortest times the settings allow), no attract screen during a test, and articles that do not
# hold the idle reset back for a slow reader (200 words a minute would add up to a minute).
SETTINGS_TOML = """\
[idle]
timeout_seconds = 15
countdown_seconds = 5
attract_seconds = 3600
reading_words_per_minute = 1000
"""
IDLE_SECONDS = 15
COUNTDOWN_SECONDS = 5


# Copies a file where pytest keeps it after a failure and returns the copy (conftest.py: keep).
Keep = Callable[[Path], Path]


class HarnessError(Exception):
    """Something the test needs could not be set up or did not happen; the message says what."""


# Who runs it ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    home: Path

    @property
    def is_me(self) -> bool:
        return self.uid == os.geteuid()

    def popen_options(self) -> dict[str, object]:
        """Popen's arguments that run a program as this account (none when it is this process's)."""
        if self.is_me:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def give(self, path: Path) -> None:
        """Make `path` this account's (a no-op for the account running the tests)."""
        if not self.is_me:
            os.chown(path, self.uid, self.gid, follow_symlinks=False)


def deploy_account() -> Account:
    """The account the deploy tests run the kiosk as.

    Not root: cage refuses to run as root, and a clinic runs the kiosk as an ordinary user. As
    root, the user named by KIOSK_TEST_USER (default kiosk-test) is used, and made (a system user
    with a home folder and no login shell) when there is none.
    """
    if os.geteuid() != 0:
        entry = pwd.getpwuid(os.geteuid())
        return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))
    name = os.environ.get("KIOSK_TEST_USER") or DEFAULT_TEST_USER
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        done = subprocess.run(
            ["useradd", "--system", "--create-home", "--user-group", "--shell", "/usr/sbin/nologin",
             "--comment", "kiosk deploy tests", name],
            capture_output=True, text=True, check=False,
        )
        try:  # another test process may have made it at the same moment: that is fine
            entry = pwd.getpwnam(name)
        except KeyError:
            raise HarnessError(f"could not create the user {name}: {done.stderr.strip()}") from None
    if entry.pw_uid == 0:
        raise HarnessError(f"KIOSK_TEST_USER={name} is root, and cage refuses to run as root")
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))


def private_folder(account: Account, prefix: str) -> Path:
    """A new folder in /tmp that `account` owns (0755, so the test process reads what it writes).

    Not pytest's tmp_path: as root that lies under a folder only root can enter, and the
    Wayland display's socket path inside it must stay short (108 bytes at most).
    """
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    folder.chmod(0o755)
    account.give(folder)
    return folder


def make_folder(account: Account, path: Path, mode: int = 0o755) -> Path:
    path.mkdir(mode=mode, parents=True, exist_ok=True)
    path.chmod(mode)  # mkdir's mode is filtered by the umask
    account.give(path)
    return path


def write_file(account: Account, path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    account.give(path)
    return path


def ensure_x11_socket_dir() -> None:
    """/tmp/.X11-unix as the system makes it (root's, mode 1777), so that an X server run by the
    test user does not create it as its own."""
    if os.geteuid() == 0 and not X11_SOCKET_DIR.exists():
        with contextlib.suppress(FileExistsError):
            X11_SOCKET_DIR.mkdir()
        X11_SOCKET_DIR.chmod(0o1777)


def bundle_for(account: Account, kiosk: Path) -> tuple[Path, Path | None]:
    """The bundle's executable as `account` can run it, and the copy made for that (or None).

    `kiosk` itself when `account` can run it; else a copy of its folder in /tmp (a clone under
    /root, say, which the test user cannot enter).
    """
    if account.is_me or _runs_as(account, kiosk):
        return kiosk, None
    folder = Path(tempfile.mkdtemp(prefix="kiosk-deploy-bundle-", dir="/tmp"))
    folder.chmod(0o755)
    copy = folder / kiosk.parent.name
    shutil.copytree(kiosk.parent, copy, symlinks=True)
    if not _runs_as(account, copy / kiosk.name):
        shutil.rmtree(folder, ignore_errors=True)
        raise HarnessError(f"{account.name} cannot run the bundle, not even a copy of it in /tmp")
    return copy / kiosk.name, folder


def _runs_as(account: Account, kiosk: Path) -> bool:
    try:
        done = subprocess.run(
            [str(kiosk), "--version"], capture_output=True, text=True, timeout=60, check=False,
            cwd="/", env=base_environment(account, Path("/tmp")), **account.popen_options(),  # type: ignore[call-overload]
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(done.returncode == 0 and done.stdout.startswith("kiosk "))


def base_environment(account: Account, home: Path) -> dict[str, str]:
    """A clean environment for the test user's programs: nothing of the test process's own."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": str(home),
        "USER": account.name,
        "LOGNAME": account.name,
        "LANG": "C.UTF-8",
    }


# Processes -----------------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and brackets; the last ")" ends it.
    return stat[stat.rindex(")") + 2:].split()


def children_of(pid: int) -> list[int]:
    """The process ids whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def descendants_of(pid: int) -> list[int]:
    """Every process below `pid`, the deepest first."""
    result: list[int] = []
    for child in children_of(pid):
        result.extend(descendants_of(child))
        result.append(child)
    return result


def process_state(pid: int) -> str | None:
    """The state letter in /proc/PID/stat (S, R, T when stopped, Z once exited), None when gone."""
    fields = _stat_fields(pid)
    return fields[0] if fields else None


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
    except OSError:
        return []


def environment_of(pid: int) -> dict[str, str]:
    """Another process's environment (the test user's own, or any as root)."""
    raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


def wait_for_exit(pid: int, timeout: float) -> bool:
    """True once process `pid` (not necessarily our child) has ended, False if it outlives
    `timeout`. A pidfd becomes readable the moment the process exits, before it is reaped."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
    finally:
        os.close(fd)
    return bool(ready)


def signal_and_time(pid: int, number: signal.Signals, timeout: float) -> float | None:
    """Send `number` to `pid`; the seconds from the signal to the process's own exit, or None if
    it was still running after `timeout` s. The pidfd is opened before the signal is sent, so the
    time holds only the process's reaction."""
    fd = os.pidfd_open(pid)
    try:
        sent = time.monotonic()
        os.kill(pid, number)
        ready, _, _ = select.select([fd], [], [], timeout)
        return time.monotonic() - sent if ready else None
    finally:
        os.close(fd)


@dataclass
class Processes:
    """Programs started for one test environment; `stop_all` ends every one of them."""

    account: Account
    cwd: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(
        self, argv: Sequence[str], *, env: dict[str, str], log: Path, pass_fds: Sequence[int] = (),
        as_account: bool = True,
    ) -> subprocess.Popen[bytes]:
        if shutil.which(argv[0], path=env.get("PATH")) is None:
            raise HarnessError(f"{argv[0]} is not installed")
        options = self.account.popen_options() if as_account else {}
        with log.open("ab") as out:
            process: subprocess.Popen[bytes] = subprocess.Popen(  # type: ignore[call-overload]
                list(argv), env=env, cwd=self.cwd, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True, pass_fds=tuple(pass_fds), **options,
            )
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        """The last started first, each after its children: the kiosk, then cage (which exits by
        itself once its kiosk has), then the window manager, then X."""
        while self.started:
            stop_tree(self.started.pop())


def stop_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to `process`'s descendants (deepest first), then to it and its process group;
    SIGKILL to whatever is left after STOP_TIMEOUT_S."""
    if process.poll() is not None:
        return
    tree = [*descendants_of(process.pid), process.pid]
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            os.kill(pid, signal.SIGCONT)  # a test may have stopped it; it must see the SIGTERM
        if pid != process.pid:
            wait_for_exit(pid, 2.0)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)  # start_new_session: the group has its id
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT_S)


def wait_until(condition: Callable[[], bool], timeout: float, what: str, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise HarnessError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# Pictures ------------------------------------------------------------------------------------------

# A pixel "differs" when a colour channel is off by more than this (rounding and dithering stay
# well under it; text, lines and pictures moving or missing are far over it).
PIXEL_TOLERANCE = 24
# The same screen: the mean absolute difference per channel (0-255) and the share of differing
# pixels may not pass these. Measured, see tests/deploy/README.md: the same screen is 0.000 and
# 0.000 % in every environment; the smallest change the tests must see, the focus ring around one
# tile, is 1.6 and 1.1 %; another screen 20-120 and 20-80 %; a black frame near 200 and 100 %.
SAME_MEAN = 0.5
SAME_SHARE = 0.002


@dataclass(frozen=True)
class Difference:
    """How far a screenshot is from a reference; both measures are 0 for the same pixels."""

    mean: float
    share: float
    size: tuple[int, int]
    reference_size: tuple[int, int]

    @property
    def same(self) -> bool:
        return self.size == self.reference_size and self.mean <= SAME_MEAN and self.share <= SAME_SHARE

    def __str__(self) -> str:
        if self.size != self.reference_size:
            return (f"the screenshot is {self.size[0]}x{self.size[1]}, the reference "
                    f"{self.reference_size[0]}x{self.reference_size[1]}")
        return f"mean difference {self.mean:.3f}/255, {self.share:.3%} of pixels differ"


def rgb_image(path: Path) -> QImage:
    image = QImage(str(path))
    if image.isNull():
        raise HarnessError(f"{path} is not an image Qt can read")
    return image.convertToFormat(QImage.Format.Format_RGB888)


def compare(shot: Path, reference: Path) -> Difference:
    """Pixel by pixel, in plain Python (rows that are byte for byte the same are skipped)."""
    a, b = rgb_image(shot), rgb_image(reference)
    size, reference_size = (a.width(), a.height()), (b.width(), b.height())
    if size != reference_size:
        return Difference(255.0, 1.0, size, reference_size)
    width, height = size
    row_a, row_b = a.bytesPerLine(), b.bytesPerLine()
    bytes_a, bytes_b = a.constBits().tobytes(), b.constBits().tobytes()  # type: ignore[union-attr]
    total = differing = 0
    for y in range(height):
        line_a = bytes_a[y * row_a:y * row_a + width * 3]
        line_b = bytes_b[y * row_b:y * row_b + width * 3]
        if line_a == line_b:
            continue
        for x in range(0, width * 3, 3):
            red = abs(line_a[x] - line_b[x])
            green = abs(line_a[x + 1] - line_b[x + 1])
            blue = abs(line_a[x + 2] - line_b[x + 2])
            total += red + green + blue
            if red > PIXEL_TOLERANCE or green > PIXEL_TOLERANCE or blue > PIXEL_TOLERANCE:
                differing += 1
    pixels = width * height
    return Difference(total / (pixels * 3), differing / pixels, size, reference_size)


def image_size(path: Path) -> tuple[int, int]:
    image = QImage(str(path))
    return image.width(), image.height()


def colours(path: Path) -> int:
    """Distinct colours on a 4-pixel grid: a blank or one-colour frame has one or two."""
    image = rgb_image(path)
    return len({image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)})


def rotated(path: Path, degrees: int, out: Path) -> Path:
    """`path` turned by `degrees` clockwise, saved to `out`."""
    if not rgb_image(path).transformed(QTransform().rotate(degrees)).save(str(out)):
        raise HarnessError(f"could not write {out}")
    return out


@dataclass
class References:
    """`kiosk snapshot` of each screen at each size, made once, offscreen, by the bundle itself."""

    kiosk: Path
    folder: Path
    made: dict[tuple[str, int, int], Path] = field(default_factory=dict)

    def of(self, screen: str, size: tuple[int, int]) -> Path:
        width, height = size
        key = (screen, width, height)
        if key not in self.made:
            out = self.folder / f"{screen.replace('/', '-')}-{width}x{height}.png"
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(self.folder / "no-packs"),
                       CUPS_SERVER=str(self.folder / "no-cupsd-here.sock"))
            done = subprocess.run(
                [str(self.kiosk), "snapshot", "--screen", screen, "--size", f"{width}x{height}",
                 "--out", str(out)],
                capture_output=True, text=True, env=env, timeout=120, check=False,
            )
            if done.returncode != 0 or not out.exists():
                raise HarnessError(f"kiosk snapshot --screen {screen} failed: {done.stderr[-2000:]}")
            if colours(out) < 50:
                raise HarnessError(f"the reference {out} looks blank: {colours(out)} colours")
            self.made[key] = out
        return self.made[key]


# Desktops ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One way of showing the kiosk that docs/deploy.md describes."""

    name: str
    compositor: str | None  # "cage", "openbox" (a window manager on X) or None (bare X)
    platform: str  # the kiosk's QT_QPA_PLATFORM: wayland or xcb
    portrait: bool = False  # cage -r: the output turned a quarter clockwise
    # Xvfb's screen. cage's X11 backend opens a 1024x768 window for its output: the Xvfb for
    # cage is that size, so the window is the whole X screen and gets the X input.
    x_size: tuple[int, int] = (1280, 800)

    @property
    def under_cage(self) -> bool:
        return self.compositor == "cage"

    def programs(self) -> list[str]:
        needed = ["Xvfb", "xdotool"]
        if self.under_cage:
            needed += ["cage", "grim"] + (["Xwayland"] if self.platform == "xcb" else [])
        elif self.compositor == "openbox":
            needed.append("openbox")
        return needed

    def missing(self) -> list[str]:
        return [program for program in self.programs() if shutil.which(program) is None]


@dataclass
class Desktop:
    """A running display with the kiosk on it, in `folder`, all owned by `account`."""

    kind: Kind
    account: Account
    kiosk_program: Path
    folder: Path
    processes: Processes
    # For the kiosk's process, or cage's under cage (what systemd gives a unit's main process):
    # not for Xvfb or openbox (Xvfb, for one, would answer a NOTIFY_SOCKET with READY=1 itself).
    kiosk_env: dict[str, str] = field(default_factory=dict)
    # Before `cage` on its command line: a program that execs cage, keeping its process id.
    cage_prefix: tuple[str, ...] = ()
    display: str = ""  # the Xvfb display, ":N"
    xserver: subprocess.Popen[bytes] | None = None
    compositor: subprocess.Popen[bytes] | None = None  # cage or openbox
    kiosk: subprocess.Popen[bytes] | None = None  # our child on X; under cage, cage's child
    kiosk_pid: int = 0
    shots: int = 0

    @property
    def runtime_dir(self) -> Path:
        return self.folder / "run"

    @property
    def log_dir(self) -> Path:
        """Where the kiosk logs by default: XDG_STATE_HOME/kiosk/log."""
        return self.folder / "state" / "kiosk" / "log"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "kiosk.log"

    @property
    def settings_file(self) -> Path:
        return self.folder / "config" / "kiosk" / "settings.toml"

    def environment(self) -> dict[str, str]:
        """The test user's session: XDG folders of its own, as a clinic's kiosk user has."""
        env = base_environment(self.account, self.folder) | {
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "XDG_CONFIG_HOME": str(self.folder / "config"),
            "XDG_DATA_HOME": str(self.folder / "data"),
            "XDG_STATE_HOME": str(self.folder / "state"),
            "CUPS_SERVER": str(self.runtime_dir / "no-cupsd-here.sock"),
        }
        if self.display:
            env["DISPLAY"] = self.display
        return env

    # Starting ------------------------------------------------------------------------------

    def start(self) -> None:
        make_folder(self.account, self.runtime_dir, 0o700)
        for sub in ("config/kiosk", "data", "state", "shots"):
            make_folder(self.account, self.folder / sub)
        write_file(self.account, self.settings_file, SETTINGS_TOML)
        self.start_x()
        if self.kind.compositor == "openbox":
            self.compositor = self.processes.start(
                ["openbox", "--sm-disable"], env=self.environment(), log=self.folder / "openbox.log"
            )
            wait_until(self._openbox_manages_the_screen, START_TIMEOUT_S, "openbox to manage the screen")
        kiosk_argv = [str(self.kiosk_program)]  # `kiosk` alone is `kiosk run`, as the unit runs it
        if self.kind.under_cage:
            env = self.environment() | {
                # cage in a window on the Xvfb display, drawn without a GPU, with no input
                # devices of its own: the X11 backend brings the Xvfb pointer and keyboard.
                "WLR_BACKENDS": "x11", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
                "QT_QPA_PLATFORM": self.kind.platform,  # as the unit sets it; cage passes it on
            } | self.kiosk_env
            argv = [*self.cage_prefix, "cage", "-d", *(["-r"] if self.kind.portrait else []), "--",
                    *kiosk_argv]
            self.compositor = self.processes.start(argv, env=env, log=self.folder / "cage.log")
            wait_until(self._kiosk_started_by_cage, START_TIMEOUT_S, "cage to start the kiosk")
        else:
            env = self.environment() | {"QT_QPA_PLATFORM": self.kind.platform} | self.kiosk_env
            self.kiosk = self.processes.start(kiosk_argv, env=env, log=self.folder / "kiosk.out")
            self.kiosk_pid = self.kiosk.pid

    def start_x(self) -> None:
        self.xserver, self.display = start_xvfb(
            self.processes, self.environment(), self.folder / "xvfb.log", self.kind.x_size
        )

    def _openbox_manages_the_screen(self) -> bool:
        assert self.compositor is not None
        if self.compositor.poll() is not None:
            raise HarnessError(f"openbox exited: {self.log_text('openbox.log')}")
        # Its _NET_SUPPORTING_WM_CHECK window, made once it has taken the screen over.
        return self.run(["xdotool", "search", "--classname", "openbox"], check=False).returncode == 0

    def _kiosk_started_by_cage(self) -> bool:
        assert self.compositor is not None
        if self.compositor.poll() is not None:
            raise HarnessError(f"cage exited with {self.compositor.returncode}: {self.log_text('cage.log')}")
        children = [pid for pid in children_of(self.compositor.pid)
                    if command_line(pid)[:1] == [str(self.kiosk_program)]]
        if children:
            self.kiosk_pid = children[0]
        return bool(children)

    # Looking and touching ------------------------------------------------------------------

    def run(self, argv: Sequence[str], *, env: dict[str, str] | None = None, check: bool = True,
            timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """A short command as the test user, in its session (xdotool, grim)."""
        done = subprocess.run(  # type: ignore[call-overload]
            list(argv), env=env or self.environment(), cwd=self.folder, capture_output=True, text=True,
            timeout=timeout, check=False, **self.account.popen_options(),
        )
        if check and done.returncode != 0:
            raise HarnessError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
        return done  # type: ignore[no-any-return]

    def wayland_display(self) -> str:
        sockets = sorted(p.name for p in self.runtime_dir.glob("wayland-*") if p.suffix != ".lock")
        if not sockets:
            raise HarnessError(f"cage made no Wayland socket in {self.runtime_dir}")
        return sockets[0]

    def screenshot(self, name: str) -> Path:
        """The whole output as a visitor sees it: grim under cage, the X root window on X."""
        self.shots += 1
        out = self.folder / "shots" / f"{self.shots:02d}-{name}.png"
        if self.kind.under_cage:
            self.run(["grim", str(out)], env=self.environment() | {"WAYLAND_DISPLAY": self.wayland_display()})
        else:
            grab_x_screen(self.display, out)
        return out

    def physical_screenshot(self, name: str) -> Path:
        """The Xvfb screen: under cage, the panel itself (cage's window, before any turning)."""
        self.shots += 1
        out = self.folder / "shots" / f"{self.shots:02d}-{name}.png"
        grab_x_screen(self.display, out)
        return out

    def xdotool(self, *args: str) -> None:
        """Input on the Xvfb display: to the kiosk on X, or through cage's X11 backend."""
        self.run(["xdotool", *args])

    def kiosk_x_display(self) -> str:
        """The X display the kiosk draws on: the Xvfb, or cage's Xwayland (cage sets DISPLAY)."""
        return environment_of(self.kiosk_pid).get("DISPLAY", self.display)

    def kiosk_x_windows(self) -> list[tuple[int, int, int, int]]:
        """x, y, width and height (in root coordinates) of the kiosk's visible X windows."""
        env = self.environment() | {"DISPLAY": self.kiosk_x_display()}
        found = self.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.kiosk_pid)], env=env,
                         check=False)
        windows = []
        for window in found.stdout.split():
            shell = self.run(["xdotool", "getwindowgeometry", "--shell", window], env=env).stdout
            values = dict(line.split("=", 1) for line in shell.split())
            windows.append((int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])))
        return windows

    def log_text(self, name: str) -> str:
        try:
            return (self.folder / name).read_text(errors="replace")[-3000:]
        except OSError:
            return "(no log)"

    def kiosk_log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""

    def alive(self) -> bool:
        return process_state(self.kiosk_pid) not in (None, "Z")

    def stop(self) -> None:
        self.processes.stop_all()


def start_xvfb(
    processes: Processes, env: dict[str, str], log: Path, size: tuple[int, int]
) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb, run by `processes`' account, on a display number it picks itself (-displayfd), so it
    never takes one in use; the process and its display (":N")."""
    ensure_x11_socket_dir()
    width, height = size
    reader, writer = os.pipe()
    try:
        server = processes.start(
            ["Xvfb", "-displayfd", str(writer), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-noreset"],
            env=env, log=log, pass_fds=(writer,),
        )
        os.close(writer)
        writer = -1
        number = b""
        deadline = time.monotonic() + START_TIMEOUT_S
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([reader], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(reader, 16) if ready else b""
            if not chunk:
                raise HarnessError(f"Xvfb did not start: {log.read_text(errors='replace')[-2000:]}")
            number += chunk
    finally:
        os.close(reader)
        if writer != -1:
            os.close(writer)
    return server, f":{int(number)}"


def grab_x_screen(display: str, out: Path) -> None:
    """An X screen's root window with every window on it, through Qt's xcb platform."""
    script = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "if not app.primaryScreen().grabWindow(0).save(sys.argv[1]):\n"
        "    sys.exit('could not save ' + sys.argv[1])\n"
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "LANG": "C.UTF-8", "HOME": str(out.parent)}
    done = subprocess.run([sys.executable, "-c", script, str(out)], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    if done.returncode != 0 or not out.exists():
        raise HarnessError(f"could not grab the X screen {display}: {done.stderr.strip()[-2000:]}")


@contextlib.contextmanager
def desktop(
    kind: Kind, account: Account, kiosk_program: Path, *, cage_prefix: Sequence[str] = (),
    folder: Path | None = None, **kiosk_env: str,
) -> Iterator[Desktop]:
    """A started desktop with the kiosk on it; every process stopped and the folder removed after."""
    folder = folder or private_folder(account, f"kiosk-{kind.name}-")
    shown = Desktop(kind, account, kiosk_program, folder, Processes(account, folder), dict(kiosk_env),
                    tuple(cage_prefix))
    try:
        shown.start()
        yield shown
    finally:
        shown.stop()
        if os.environ.get(KEEP_ENV):
            print(f"\nkept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


# systemd's side of sd_notify -----------------------------------------------------------------------


@dataclass(frozen=True)
class Notification:
    received: float  # time.monotonic()
    pid: int  # the sender, from SO_PASSCRED: the kernel's word, not the sender's
    message: str

    def has(self, assignment: str) -> bool:
        return assignment in self.message.splitlines()


class NotifySocket:
    """What systemd binds for a Type=notify unit: a Unix datagram socket that learns each
    sender's process id from the kernel (SO_PASSCRED)."""

    def __init__(self, path: Path, account: Account) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.sock.bind(str(path))
        account.give(path)  # the kiosk's user must be allowed to send to it
        self.received: list[Notification] = []

    def receive(self, timeout: float) -> list[Notification]:
        """What arrives within `timeout` s; returns as soon as something has."""
        new: list[Notification] = []
        wait = timeout
        while True:
            ready, _, _ = select.select([self.sock], [], [], wait)
            if not ready:
                break
            data, ancillary, _flags, _address = self.sock.recvmsg(4096, socket.CMSG_SPACE(12))
            pid = 0
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid = struct.unpack("3i", payload[:12])[0]
            new.append(Notification(time.monotonic(), pid, data.decode(errors="replace")))
            wait = 0  # collect what is already queued, then return
        self.received.extend(new)
        return new

    def wait_for(self, assignment: str, timeout: float) -> Notification:
        """The first message holding `assignment` (e.g. READY=1), received now or before."""
        deadline = time.monotonic() + timeout
        while True:
            for note in self.received:
                if note.has(assignment):
                    return note
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise HarnessError(f"no {assignment} within {timeout:.0f} s; received {self.received!r}")
            self.receive(remaining)

    def wait_for_after(self, assignment: str, since: float, timeout: float) -> Notification:
        """The first message holding `assignment` received after `since` (time.monotonic())."""
        deadline = time.monotonic() + timeout
        while True:
            for note in self.received:
                if note.received > since and note.has(assignment):
                    return note
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise HarnessError(f"no {assignment} within {timeout:.0f} s")
            self.receive(remaining)

    def collect(self, seconds: float) -> list[Notification]:
        """Everything that arrives in the next `seconds` s."""
        deadline = time.monotonic() + seconds
        new: list[Notification] = []
        while (remaining := deadline - time.monotonic()) > 0:
            new += self.receive(remaining)
        return new

    def close(self) -> None:
        self.sock.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
