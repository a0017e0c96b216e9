"""Which of two pack versions is newer: numbered versions ("2026.12.01", "3.10") part by part as
numbers, anything else in natural order ("spring-2" before "spring-10")."""

from __future__ import annotations

import re

_PARTS = re.compile(r"(\d+)")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key: numbers compare as numbers, words as words, a number before a word."""
    key: list[tuple[int, int | str]] = []
    for part in _PARTS.split(version.strip().casefold()):
        if not part or part in (".", "-", "_"):
            continue
        key.append((0, int(part)) if part.isdigit() else (1, part.strip(".-_")))
    return tuple(key)


def is_newer(candidate: str, installed: str) -> bool:
    return version_key(candidate) > version_key(installed)
