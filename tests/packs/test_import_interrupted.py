"""Imports cut short for real: the process killed (SIGKILL) at 30 points, and the stick pulled.

Each run imports a pack of 41 files in a child process that kills itself at its Nth progress
report, as a power cut would stop it (the kernel keeps what was written, so this checks the
order of the steps; the fsyncs are what carry that order through a real power cut). Afterwards
a fresh start (a new PackStore, `clean_leftovers()`) must show the complete old pack or the
complete new one, byte for byte, `kiosk validate` must pass on it, and nothing may be left in
staging. A second set kills the child at moments spread over the whole import by the clock.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.packs.outcomes import STICK_REMOVED
from kiosk.packs.store import PackStore
from tests.conftest import REPO
from tests.helpers.usb_mount import usb_stick
from tests.packs.test_store import make_pack, tree

KILL_POINTS = 30

DRIVER = """
import os, signal, subprocess, sys
from pathlib import Path
from kiosk.packs.opening import open_source
from kiosk.packs.outcomes import ImportFailed
from kiosk.packs.store import PackStore

data, source, action, at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
reports = 0

def progress(step):
    global reports
    reports += 1
    print(reports, step.phase, step.files_done, flush=True)
    if reports != at:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "delete":  # the stick's files vanish under the copy
        for path in sorted(source.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    elif action == "unmount":  # the stick's file system goes away
        subprocess.run(["umount", "-l", sys.argv[5]], check=True)

store = PackStore(data)
try:
    with open_source(source) as pack_source:
        staged = store.stage(pack_source, progress=progress)
    store.commit(staged, progress=progress)
except ImportFailed as failed:
    print("failed:", failed.message, flush=True)
    sys.exit(2)
print("finished", flush=True)
"""


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An old pack installed in a template data folder, a new pack, and the driver script."""
    home = tmp_path_factory.mktemp("interrupted")
    old = make_pack(home / "old", version="old", articles=20, image_side=24)
    new = make_pack(home / "new", version="new", articles=20, image_side=24, title="New pack")
    assert len(tree(new)) == 41
    template = home / "template"
    store = PackStore(template)
    from kiosk.packs.opening import open_source

    with open_source(old) as source:
        store.commit(store.stage(source))
    driver = home / "driver.py"
    driver.write_text(DRIVER)
    return {"home": home, "old": old, "new": new, "template": template, "driver": driver}


def run_driver(scene: dict[str, Path], data: Path, source: Path, action: str, at: int,
               *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(scene["driver"]), str(data), str(source), action, str(at), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )


def fresh_start(data: Path) -> tuple[PackStore, dict[str, bytes] | None]:
    """What the kiosk shows after starting again: clean up, then read the active pack."""
    store = PackStore(data)
    store.clean_leftovers()
    active = store.active_dir()
    staging = data / "staging"
    assert not staging.exists() or list(staging.iterdir()) == [], "staging was not cleaned"
    return store, tree(active) if active is not None else None


def kiosk_validate(folder: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(folder)], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=120,
    )


def test_killed_at_30_points_of_the_copy_and_the_switch(scene: dict[str, Path], tmp_path: Path) -> None:
    # A run to the end, to learn every progress report: the copy's, the check's, the switch's.
    rehearsal = run_driver(scene, tmp_path / "rehearsal", scene["new"], "none", 0)
    assert rehearsal.returncode == 0, rehearsal.stderr
    reports = [line.split() for line in rehearsal.stdout.splitlines() if line[0].isdigit()]
    phases = [phase for _number, phase, _files in reports]
    switching = [i + 1 for i, phase in enumerate(phases) if phase in ("checking", "switching", "done")]
    copying = [i + 1 for i, phase in enumerate(phases) if phase == "copying"]
    assert len(copying) >= 42 and len(switching) >= 7
    spread = [copying[round(i * (len(copying) - 1) / (KILL_POINTS - len(switching) - 1))]
              for i in range(KILL_POINTS - len(switching))]
    points = sorted(set(spread + switching))
    assert len(points) == KILL_POINTS
    # The pointer is replaced between the 2nd and 3rd "switching" reports: from there on, new.
    first_new = [i + 1 for i, phase in enumerate(phases) if phase == "switching"][2]

    old, new = tree(scene["old"]), tree(scene["new"])
    seen = []
    for at in points:
        data = tmp_path / f"data-{at}"
        shutil.copytree(scene["template"], data)
        result = run_driver(scene, data, scene["new"], "kill", at)
        assert result.returncode == -signal.SIGKILL, (at, result.stdout, result.stderr)
        store, shown = fresh_start(data)
        expected = "new" if at >= first_new else "old"
        assert shown == (new if expected == "new" else old), f"killed at report {at} ({phases[at - 1]})"
        seen.append(expected)
        active = store.active_dir()
        assert active is not None
        checked = kiosk_validate(active)
        assert checked.returncode == 0, (at, checked.stdout, checked.stderr)
        assert len(store.versions()) <= 3
        shutil.rmtree(data)
    print("kill points:", points, seen)
    assert seen.count("old") >= 20 and seen.count("new") >= 3


def test_killed_at_moments_spread_over_the_import(scene: dict[str, Path], tmp_path: Path) -> None:
    """Not only at progress reports: kill by the clock, from the start of the copy to the end."""
    big = make_pack(tmp_path / "big", version="big", articles=40, image_side=200)
    old, new = tree(scene["old"]), tree(big)
    durations = []
    for _ in range(2):
        data = tmp_path / "timing"
        shutil.copytree(scene["template"], data)
        started = time.monotonic()
        assert run_driver(scene, data, big, "none", 0).returncode == 0
        durations.append(time.monotonic() - started)
        shutil.rmtree(data)
    duration = min(durations)
    outcomes = []
    for step in range(12):
        data = tmp_path / f"clock-{step}"
        shutil.copytree(scene["template"], data)
        child = subprocess.Popen(
            [sys.executable, str(scene["driver"]), str(data), str(big), "none", "0"], cwd=REPO,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(duration * (0.3 + 0.7 * step / 11))  # Python's start-up is the first 30%
        child.kill()
        child.communicate()
        store, shown = fresh_start(data)
        assert shown in (old, new), f"a mix after a kill at {step}"
        outcomes.append("new" if shown == new else "old")
        active = store.active_dir()
        assert active is not None and kiosk_validate(active).returncode == 0
        shutil.rmtree(data)
    print("outcomes by the clock:", outcomes)
    assert "old" in outcomes, outcomes


# The Nth progress report (the 1st comes before any file; the pack has 41). Two files are
# copied at a time, so at the last report one may already be under way: 40 leaves one unstarted.
@pytest.mark.parametrize("at", [1, 5, 20, 40])
def test_files_vanishing_mid_copy_fail_plainly_and_change_nothing(
    scene: dict[str, Path], tmp_path: Path, at: int,
) -> None:
    stick = tmp_path / "stick" / "kiosk-content"
    shutil.copytree(scene["new"], stick)
    data = tmp_path / "data"
    shutil.copytree(scene["template"], data)
    result = run_driver(scene, data, stick, "delete", at)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"failed: {STICK_REMOVED}"
    _store, shown = fresh_start(data)
    assert shown == tree(scene["old"])


def test_a_stick_pulled_mid_copy_fails_plainly_and_changes_nothing(
    scene: dict[str, Path], tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(scene["template"], data)
    with usb_stick(16) as stick:
        source = stick / "kiosk-content"
        shutil.copytree(scene["new"], source)
        result = run_driver(scene, data, source, "unmount", 10, str(stick))
        assert not os.path.ismount(stick)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"failed: {STICK_REMOVED}"
    store, shown = fresh_start(data)
    assert shown == tree(scene["old"])
    assert [v.version for v in store.versions()] == ["old"]
