"""The outbox: one folder per kiosk (`OUTBOX/KIOSK_ID/`) with `health.json`, `kiosk.prom` and a
CSV of each day's usage counts, each written atomically (a temporary file, fsync, rename) so a
sync tool or node_exporter never reads half a file. The kiosk only ever adds and replaces its
own files there.
"""

from __future__ import annotations

import json
import platform
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.disk.atomic_file import atomic_write_text
from kiosk.fleet.metrics import metrics_text

HEALTH_NAME = "health.json"
METRICS_NAME = "kiosk.prom"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def kiosk_id(configured: str) -> str:
    """`[fleet] kiosk_id`, else the host name; made safe as a folder and file name."""
    name = configured.strip() or platform.node() or "kiosk"
    safe = _UNSAFE.sub("-", name).strip(".-") or "kiosk"
    return safe[:64]


def kiosk_folder(outbox: Path, identity: str) -> Path:
    return outbox / identity


def write_health_files(folder: Path, report: Mapping[str, Any]) -> None:
    """health.json and kiosk.prom from one report; raises OSError when the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / HEALTH_NAME, json.dumps(report, indent=2) + "\n")
    atomic_write_text(folder / METRICS_NAME, metrics_text(report))
