"""Writing an author's files: whole or not at all (a preview following the folder never reads half
a file), with the usual permissions of the user's new files (not private like the kiosk's own)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def write_whole(target: Path, write: Callable[[Path], object]) -> None:
    """Call `write` on a hidden temporary file beside `target`, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb"):  # made with the user's umask, like any new file
            pass
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_whole(target: Path, text: str) -> None:
    write_whole(target, lambda path: path.write_text(text, encoding="utf-8"))
