"""A real `systemd --user` for the test user, to run kiosk.service as a clinic's kiosk user does.

On the kiosk PC the autologin on tty1 starts the user's service manager, and it starts the
kiosk. A test machine (a CI container, no systemd as process 1) has no such session, so this
starts one by hand, as root:

- a cgroup of its own on the cgroup2 hierarchy (and on systemd's v1 "name=systemd" one where the
  machine has it), handed to the test user: what logind's user@.service delegation does;
- a private mount namespace where /run/systemd/system exists, so the manager believes the machine
  was booted with systemd (its own check); nothing changes for the rest of the machine;
- `systemd --user`, dropped to the test user with setpriv, with its own XDG_RUNTIME_DIR.

`systemctl --user` then reaches it from outside the namespace through $XDG_RUNTIME_DIR/systemd.
Everything it started is stopped with it; its cgroups are emptied (SIGKILL by process id) and
removed at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.deploy.harness import (
    Account,
    HarnessError,
    Processes,
    base_environment,
    make_folder,
    wait_until,
)

SYSTEMD = next((p for p in (Path("/usr/lib/systemd/systemd"), Path("/lib/systemd/systemd")) if p.exists()),
               None)
START_TIMEOUT_S = 30.0


def why_no_user_manager() -> str | None:
    """The reason a user manager cannot be started here, or None."""
    if os.geteuid() != 0:
        return ("starting a systemd user manager without a login session needs root (to hand it a "
                "cgroup and a private mount namespace); run the deploy tests as root, as CI does")
    if SYSTEMD is None:
        return "systemd is not installed (apt-get install systemd)"
    missing = [tool for tool in ("systemctl", "unshare", "setpriv", "mount") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian: systemd, util-linux, mount)"
    if cgroup_mounts()[0] is None:
        return "this machine has no cgroup2 hierarchy mounted, which systemd needs"
    return None


def cgroup_mounts() -> tuple[Path | None, Path | None]:
    """The cgroup2 mount, and systemd's own v1 hierarchy (name=systemd) on a hybrid machine."""
    unified = legacy = None
    for line in Path("/proc/self/mounts").read_text().splitlines():
        _source, target, kind, options, *_rest = line.split()
        if kind == "cgroup2" and unified is None:
            unified = Path(target)
        elif kind == "cgroup" and "name=systemd" in options.split(","):
            legacy = Path(target)
    return unified, legacy


@dataclass
class UserManager:
    account: Account
    home: Path  # the user's home for this test: ~/kiosk, ~/.config/systemd/user, ~/.local/state
    processes: Processes
    cgroups: list[Path] = field(default_factory=list)
    manager: subprocess.Popen[bytes] | None = None

    @property
    def runtime_dir(self) -> Path:
        return self.home / "run"

    def environment(self) -> dict[str, str]:
        return base_environment(self.account, self.home) | {"XDG_RUNTIME_DIR": str(self.runtime_dir)}

    def start(self) -> None:
        make_folder(self.account, self.runtime_dir, 0o700)
        fake_run_systemd = make_folder(self.account, self.home / "fake-run-systemd" / "system")
        name = f"kiosk-deploy-{os.getpid()}-{self.home.name}"
        procs = []
        for mount in cgroup_mounts():
            if mount is None:
                continue
            group = mount / name
            group.mkdir()
            self.cgroups.append(group)
            for path in (group, *group.iterdir()):
                os.chown(path, self.account.uid, self.account.gid)
            procs.append(str(group / "cgroup.procs"))
        script = (
            'for procs in "$@"; do echo $$ > "$procs" || exit 1; done\n'
            f'mount --bind {fake_run_systemd.parent} /run/systemd || exit 1\n'
            f'exec setpriv --reuid={self.account.uid} --regid={self.account.gid} --clear-groups '
            f'{SYSTEMD} --user\n'
        )
        self.manager = self.processes.start(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *procs],
            env=self.environment(), log=self.home / "systemd.log", as_account=False,
        )
        try:
            wait_until(self._running, START_TIMEOUT_S, "the user manager to start")
        except HarnessError as problem:
            raise HarnessError(f"{problem}: {self.log()}") from None

    def _running(self) -> bool:
        assert self.manager is not None
        if self.manager.poll() is not None:
            raise HarnessError(f"systemd --user exited with {self.manager.returncode}")
        # Not `is-system-running`: outside the namespace it sees no booted systemd ("offline").
        state = self.systemctl("show", "--property=SystemState", "--value", check=False).stdout.strip()
        return state in ("running", "degraded")

    def systemctl(
        self, *args: str, check: bool = True, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(  # type: ignore[call-overload]
            ["systemctl", "--user", *args], env=self.environment(), capture_output=True, text=True,
            timeout=timeout, check=False, cwd=self.home, **self.account.popen_options(),
        )
        if check and done.returncode != 0:
            raise HarnessError(f"systemctl --user {' '.join(args)} failed ({done.returncode}): "
                               f"{done.stderr.strip()}")
        return done  # type: ignore[no-any-return]

    def show(self, unit: str, *properties: str) -> dict[str, str]:
        out = self.systemctl("show", unit, *(f"--property={p}" for p in properties)).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def log(self) -> str:
        try:
            return (self.home / "systemd.log").read_text(errors="replace")[-3000:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.manager is not None and self.manager.poll() is None:
            with contextlib.suppress(HarnessError, subprocess.SubprocessError):
                self.systemctl("stop", "kiosk.service", check=False, timeout=20)
            self.manager.send_signal(signal.SIGTERM)  # the manager stops its units and exits
            try:
                self.manager.wait(15)
            except subprocess.TimeoutExpired:
                self.manager.kill()
                self.manager.wait(5)
        self.processes.stop_all()
        for group in self.cgroups:
            _empty_and_remove(group)
        self.cgroups.clear()


def _empty_and_remove(group: Path) -> None:
    """SIGKILL every process left in `group` and below (by process id), then remove the groups."""
    if not group.exists():
        return
    for _attempt in range(50):
        pids = [int(pid) for procs in group.rglob("cgroup.procs") for pid in procs.read_text().split()]
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)
    nested = [path for path in group.rglob("*") if path.is_dir()]
    for folder in sorted(nested, key=lambda path: len(path.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()
    with contextlib.suppress(OSError):
        group.rmdir()


@contextlib.contextmanager
def user_manager(account: Account, home: Path) -> Iterator[UserManager]:
    manager = UserManager(account, home, Processes(account, home))
    try:
        manager.start()
        yield manager
    finally:
        manager.stop()
