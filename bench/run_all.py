"""Runs every benchmark under bench/ and prints one table of all their figures (markdown).

Each script (every bench/*.py but this one and the helpers whose names start with "_") runs as
its own process with `--json`, one after the other, so that they do not compete for the two
cores; what it prints is shown as it runs, and the one line it prints starting with BENCH-JSON
is collected. The soak runs twice: the simulated-use soak (72 simulated hours), and the
navigation soak. At the end: one table of every figure, with the machine, the date and how long
it all took; the exit status is 1 when a script failed (or, like the soak, found a problem).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py [--skip NAME ...] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from _common import JSON_MARK, REPO, child_env

BENCH = Path(__file__).resolve().parent
ORDER = ("startup", "library", "carousel", "handout", "import", "validate", "fleet", "preview", "chromium",
         "soak")
RUNS: dict[str, list[list[str]]] = {"soak": [[], ["--mode", "navigation"]]}


@dataclass
class Result:
    name: str
    arguments: list[str]
    status: int = 0
    seconds: float = 0.0
    report: dict[str, Any] | None = None
    tail: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " ".join([self.name, *self.arguments])

    @property
    def ok(self) -> bool:
        return self.status == 0 and self.report is not None


def scripts() -> list[str]:
    found = sorted(p.stem for p in BENCH.glob("*.py") if not p.stem.startswith("_") and p.stem != "run_all")
    return [name for name in ORDER if name in found] + [name for name in found if name not in ORDER]


def run(name: str, arguments: list[str]) -> Result:
    """One script, its output shown as it comes, its JSON line kept."""
    result = Result(name, arguments)
    command = [sys.executable, str(BENCH / f"{name}.py"), *arguments, "--json"]
    print(f"\n=== {result.label}", flush=True)
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(JSON_MARK):
                result.report = json.loads(line[len(JSON_MARK):])
                continue
            print(f"  {line}", end="", flush=True)
            result.tail = [*result.tail[-4:], line.rstrip()]
    result.status = process.returncode
    result.seconds = time.perf_counter() - started
    print(f"=== {result.label}: exit {result.status}, {result.seconds:.0f} s", flush=True)
    return result


def machine() -> str:
    import PySide6

    cores = os.cpu_count()
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 2**20:.0f} GiB"
    one, five, fifteen = os.getloadavg()
    return (f"{os_name()}, {platform.machine()}, {cores} cores{memory} (load at the end {one:.1f} "
            f"{five:.1f} {fifteen:.1f}); Python {platform.python_version()}, PySide6 "
            f"{PySide6.__version__}, QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}")


def os_name() -> str:
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:
        return platform.system()


def table(results: list[Result]) -> list[str]:
    lines = ["| bench | figure | value | target |", "| --- | --- | --- | --- |"]
    for result in results:
        rows = result.report["rows"] if result.report else []
        for row in rows:
            lines.append(f"| {result.name} | {row['figure']} | {row['value']} | {row['target']} |")
        if not result.ok:
            why = f"exit {result.status}" if result.report else f"exit {result.status}, no figures"
            lines.append(f"| {result.name} | **{result.label}: failed ({why})** | | |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--skip", nargs="*", default=[], help="scripts to leave out, e.g. import chromium")
    parser.add_argument("--only", nargs="*", default=[], help="run only these scripts")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    results = [
        run(name, arguments)
        for name in scripts() if name not in args.skip and (not args.only or name in args.only)
        for arguments in RUNS.get(name, [[]])
    ]
    elapsed = time.perf_counter() - started
    print(f"\n## Benchmarks, {date.today().isoformat()}\n")
    print(f"Machine: {machine()}.\n")
    print("\n".join(table(results)))
    print(f"\nAll benchmarks: {elapsed / 60:.1f} min of real time "
          f"({', '.join(f'{r.label} {r.seconds:.0f} s' for r in results)}).")
    failed = [r for r in results if not r.ok]
    for result in failed:
        print(f"FAILED: {result.label} (exit {result.status}); last lines:")
        for line in result.tail:
            print(f"  {line}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
