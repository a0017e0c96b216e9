"""Freed memory goes back to the system after each visitor (glibc's malloc_trim)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.system.memory import can_release_free_memory, release_free_memory


def resident_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; glibc only")
def test_freed_memory_goes_back_to_the_system() -> None:
    if not can_release_free_memory():
        pytest.skip("this C library has no malloc_trim (not glibc)")
    # Many blocks too big for Python's own allocator, freed but for the last: malloc keeps the
    # freed heap below it.
    blocks = [bytearray(4000) for _ in range(20_000)]
    keep = bytearray(4000)
    del blocks
    before = resident_kb()
    release_free_memory()
    assert resident_kb() < before - 20_000  # tens of megabytes handed back
    del keep


def test_the_idle_reset_releases_free_memory(make_kiosk) -> None:
    kiosk = make_kiosk()
    assert release_free_memory in kiosk.idle.reset_hooks
