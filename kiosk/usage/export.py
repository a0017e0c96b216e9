"""The counts as CSV: one row per hour, article and measure, with the header
`hour,kiosk_id,pack_id,article,measure,count`, for a USB stick, the outbox and `kiosk usage
export`. Written atomically, so a stick pulled or a sync tool reading mid-write never sees half."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kiosk.disk.atomic_file import atomic_write_text
from kiosk.usage.summary import CountRow

HEADER = ("hour", "kiosk_id", "pack_id", "article", "measure", "count")


def csv_name(kiosk_id: str, day: date) -> str:
    return f"kiosk-usage-{kiosk_id}-{day.isoformat()}.csv"


def csv_text(counts: Sequence[CountRow], kiosk_id: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in counts:
        writer.writerow((row.hour, kiosk_id, row.pack_id, row.article, row.measure, row.count))
    return out.getvalue()


def write_csv(path: Path, counts: Sequence[CountRow], kiosk_id: str) -> None:
    """Raises OSError when `path` cannot be written (a full or pulled stick)."""
    atomic_write_text(path, csv_text(counts, kiosk_id))
