"""Where the kiosk's own files are, both from a source checkout and from the PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder holding `assets/` and `content/`: the bundle's folder, or the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def asset_path(*parts: str) -> Path:
    return install_root().joinpath("assets", *parts)


def bundled_content_dir() -> Path:
    return install_root() / "content"
