"""Where the kiosk's own files are, both from a source checkout and from the PyInstaller bundle.

The one place that knows: everything else asks here. In the checkout, `assets/` and `content/`
sit beside the `kiosk` package; in the bundle that `make dist` builds, kiosk.spec puts them at
the same places under `dist/kiosk/_internal/`, the folder PyInstaller names in `sys._MEIPASS`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder holding `assets/` and `content/`: the bundle's folder, or the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]  # kiosk/system/paths.py


def asset_path(*parts: str) -> Path:
    """A file or folder under `assets/`, e.g. `asset_path("fonts", "OFL.txt")`."""
    return install_root().joinpath("assets", *parts)


def bundled_content_dir() -> Path:
    """The default content pack, shown when no pack is installed or the installed one is broken."""
    return install_root() / "content"
