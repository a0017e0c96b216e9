"""What a pack on a stick may hold at most, and the refusal staff read when it holds more.

Every refusal is a `PackRejected` whose message is a plain sentence that names the pack.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: open files as bytes
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a pack may hold at most. The ratio applies to files above `ratio_floor_bytes`."""

    max_total_bytes: int = 500 * 1024**2
    max_files: int = 5000
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1024**2


DEFAULT_LIMITS = Limits()


class PackRejected(Exception):  # noqa: N818 (the name is in the issue's contract)
    """A pack the kiosk refuses; `message` is a sentence for staff that names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refused(label: str, why: str) -> PackRejected:
    return PackRejected(f"{label} was refused: {why}.")


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or "it cannot be read"


def shown(name: str, limit: int = 80) -> str:
    """A name made safe to show in one line: control characters as '?', long names cut."""
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return printable if len(printable) <= limit else printable[: limit - 3] + "..."


def too_many(label: str, limits: Limits, declared: int | None = None) -> PackRejected:
    if declared is not None:
        return refused(
            label, f"it holds {declared:,} files and folders, more than the limit of "
            f"{limits.max_files:,} files",
        )
    return refused(label, f"it holds more than {limits.max_files:,} files, which is the limit")


def too_big(label: str, limits: Limits, total: int | None = None) -> PackRejected:
    """`total` when it is known (a zip's headers); a folder's walk stops at the limit."""
    if total is None:
        return refused(
            label, f"it holds more than {size_text(limits.max_total_bytes)} of files, which is the limit"
        )
    return refused(
        label, f"it unpacks to {size_text(total)}, more than the limit of "
        f"{size_text(limits.max_total_bytes)}",
    )


def bomb(label: str, what: str, ratio: float) -> PackRejected:
    return refused(
        label, f"{what} unpacks to {ratio:,.0f} times its packed size, which is how a zip bomb "
        "(a file made to fill the disk) looks",
    )


def size_text(count: int) -> str:
    if count >= 1024**2:
        return f"{count / 1024**2:,.0f} MB"
    return f"{count / 1024:,.0f} KB" if count >= 1024 else f"{count} bytes"
