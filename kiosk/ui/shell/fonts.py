"""The bundled typeface, so the kiosk looks the same on every machine."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk.system.paths import asset_path

log = logging.getLogger(__name__)
FALLBACK_FAMILY = "DejaVu Sans"


def load_bundled_fonts() -> str:
    """Register the fonts under assets/fonts and return the family to use."""
    families: list[str] = []
    for font_file in sorted(asset_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            log.warning("could not load the font %s; using a system font", font_file)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families[0] if families else FALLBACK_FAMILY
