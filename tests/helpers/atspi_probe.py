"""Read the running kiosk's accessibility tree through AT-SPI, as a screen reader does.

Runs under the system's Python (python3-pyatspi is a Debian package, not in the venv), inside
`dbus-run-session` (a private session bus: the accessibility bus is started on it, nothing of
the machine's is used). It starts Xvfb on a display it picks itself (`-displayfd`, no TCP), then
for each screen the kiosk (tests/helpers/atspi_kiosk.py, under the venv's Python given with
--python) with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, waits for it to paint, finds it on the
accessibility bus by its process id, and writes every node of its tree that is showing:

    ATSPI-JSON {"SCREEN": [{"role": "push button", "name": "...", "path": "frame/panel/..."}, ...]}

as one line on stdout (the accessibility daemons may print other lines there; problems go to
stderr, exit status 1).

    dbus-run-session -- /usr/bin/python3 tests/helpers/atspi_probe.py --python .venv/bin/python \
        --size 1280x800 home article/dual-diagnosis-heroin-depression
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MARK = "ATSPI-JSON "
MAX_NODES = 5000
WAIT_SECONDS = 30


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", required=True, help="the venv's Python, to run the kiosk")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--content", help="a pack folder (default: the bundled pack)")
    parser.add_argument("--query", default="", help="typed on the search screen")
    parser.add_argument("screens", nargs="+")
    args = parser.parse_args()
    import pyatspi  # the system's package; imported here so --help works without it

    xvfb, display = start_xvfb(args.size)
    try:
        extra = [*(["--content", args.content] if args.content else []), "--query", args.query]
        found = {screen: read_screen(pyatspi, args.python, display, args.size, screen, extra)
                 for screen in args.screens}
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    print(MARK + json.dumps(found), flush=True)  # the accessibility daemons print here too
    return 0


def start_xvfb(size: str) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on the first free display, which it writes to a pipe: no fixed number, no TCP."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", f"{size}x24"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise SystemExit("Xvfb did not start")
    return xvfb, f":{number}"


def read_screen(
    pyatspi: Any, python: str, display: str, size: str, screen: str, extra: list[str],
) -> list[dict[str, str]]:
    env = dict(
        os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1", NO_AT_BRIDGE="0",
    )
    env.pop("WAYLAND_DISPLAY", None)
    kiosk = subprocess.Popen(
        [python, str(HERE / "atspi_kiosk.py"), "--screen", screen, "--size", size, *extra],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert kiosk.stdout is not None
        if kiosk.stdout.readline().strip() != "READY":
            said = kiosk.stderr.read() if kiosk.stderr else ""
            raise SystemExit(f"the kiosk did not start on {screen}:\n{said}")
        application = find_application(pyatspi, kiosk.pid)
        return list(walk(pyatspi, application))
    finally:
        kiosk.terminate()
        try:
            kiosk.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kiosk.kill()
            kiosk.wait()


def find_application(pyatspi: Any, pid: int) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            application = desktop.getChildAtIndex(index)
            try:
                if application is not None and application.get_process_id() == pid:
                    return application
            except Exception:  # an application going away meanwhile
                continue
        time.sleep(0.2)
    raise SystemExit(f"the kiosk (process {pid}) never appeared on the accessibility bus")


def walk(pyatspi: Any, root: Any) -> Any:
    """Every showing node under `root`, depth first, with its role, name and path of roles."""
    stack = [(root, "")]
    seen = 0
    while stack and seen < MAX_NODES:
        node, path = stack.pop()
        seen += 1
        try:
            role = node.getRoleName()
            showing = node.getState().contains(pyatspi.STATE_SHOWING)
            name = node.name or ""
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:  # a node that went away while it was read
            continue
        here = f"{path}/{role}" if path else role
        if showing or role == "application":
            if role != "application":
                yield {"role": role, "name": name, "path": here}
            stack.extend((child, here) for child in reversed(children) if child is not None)


if __name__ == "__main__":
    sys.exit(main())
