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
    candidate = _resolve(root_resolved / Path(*parts))
    if candidate is None:
        raise UnsafePathError(
            f"'{written}' is a link that loops back on itself; put the real file there"
        )
    if not candidate.is_relative_to(root_resolved):
        raise UnsafePathError(f"'{written}' is a link that leads outside the pack")
    return candidate


def is_inside(root: Path, path: Path) -> bool:
    """True when `path`, with every link followed, stays under `root` (False for a link loop)."""
    resolved = _resolve(path)
    return resolved is not None and resolved.is_relative_to(root.resolve())


def _resolve(path: Path) -> Path | None:
    """`path` with every link followed, or None when the links loop (or cannot be followed)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11-3.12 raise RuntimeError for a loop, 3.13 OSError
        return None
