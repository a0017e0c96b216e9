"""Giving freed memory back to the system, so a kiosk that runs for months stays its size.

glibc's malloc keeps memory that Python and Qt have freed, for reuse; on a long-running kiosk
that shows as slow growth that is not a leak (a 30-hour soak: 16 MB kept free). After each
visitor the kiosk hands it back with `malloc_trim(0)`; elsewhere (musl, macOS) nothing happens.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes.util  # runs a compiler probe: at the first reset, not at start-up

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def can_release_free_memory() -> bool:
    return _malloc_trim() is not None


def release_free_memory() -> None:
    """Return the heap's free memory to the system, where the C library can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


__all__ = ["can_release_free_memory", "release_free_memory"]
