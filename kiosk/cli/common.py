"""What every command shares: the data folder option, sizes, the default pack, the settings
file's values, and why a file could not be written, in plain words. Loads no Qt.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.packs.store import PackStore
    from kiosk.settings.declared import Settings


def add_data_dir(command: argparse.ArgumentParser, purpose: str) -> None:
    command.add_argument(
        "--data-dir", type=Path, metavar="DIR",
        help=f"the folder of installed content packs ({purpose}; default: $KIOSK_DATA_DIR, "
        "else the user's data folder)",
    )


def add_today(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--today", type=parse_day, metavar="YYYY-MM-DD",
        help="show the pack as on this day: articles outside their dates are hidden (default: today)",
    )


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-03") from None


def parse_size(text: str) -> object:
    from PySide6.QtCore import QSize

    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return QSize(int(match.group(1)), int(match.group(2)))


def why_not_written(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError):  # mkdir met a file on the way
        return "part of that path is a file, not a folder"
    return exc.strerror or str(exc)

def read_settings(config: Path | None) -> Settings:
    """The settings file's values (--config, or the machine's file), its problems on stderr."""
    from kiosk.settings.declared import default_settings_path
    from kiosk.settings.file import load_settings

    loaded = load_settings(config or default_settings_path())
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    return loaded.settings


def open_store(data_dir: Path | None) -> PackStore:
    from kiosk.packs.store import PackStore, default_data_dir

    return PackStore(data_dir or default_data_dir())


def installed_pack(data_dir: Path | None) -> Path | None:
    """The active installed pack's folder, or None (nothing installed: the bundled pack)."""
    return open_store(data_dir).active_dir()


def default_content(data_dir: Path | None) -> Path:
    """What the kiosk shows without --content: the active installed pack, else the bundled one."""
    from kiosk.system.paths import bundled_content_dir

    return installed_pack(data_dir) or bundled_content_dir()


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0} KB"
    return f"{size / (1024 * 1024):.1f} MB"
