"""Resolving paths written in a pack without ever leaving the pack."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


class UnsafePathError(ValueError):
    """A path that would leave the pack, or is not a plain relative path."""


def resolve_inside(root: Path, written: str) -> Path:
    """Resolve `written` (relative, forward slashes) under `root`, following no link outside it."""
    if not written or "\x00" in written:
        raise UnsafePathError("the path is empty")
    if (
        written.startswith(("/", "\\"))
        or PureWindowsPath(written).drive
        or PurePosixPath(written).is_absolute()
    ):
        raise UnsafePathError(f"'{written}' is an absolute path; write it relative to the pack")
    parts = PurePosixPath(written.replace("\\", "/")).parts
    if ".." in parts:
        raise UnsafePathError(f"'{written}' points outside the pack; remove the '..'")
    root_resolved = root.resolve()
    candidate = (root_resolved / Path(*parts)).resolve()
    if not candidate.is_relative_to(root_resolved):
        raise UnsafePathError(f"'{written}' is a link that leads outside the pack")
    return candidate


def is_inside(root: Path, path: Path) -> bool:
    """True when `path`, with every link followed, stays under `root`."""
    return path.resolve().is_relative_to(root.resolve())
