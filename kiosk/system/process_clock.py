"""How long this process has been running, for start-up figures."""

from __future__ import annotations

import os
import time

_IMPORTED_AT = time.time()


def seconds_since_process_start() -> float:
    """From the kernel's record of the process start (Linux), else from when kiosk was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat_file:
            fields = stat_file.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22 of proc(5): starttime, in clock ticks
        with open("/proc/uptime", encoding="ascii") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        return max(0.0, uptime - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time() - _IMPORTED_AT
