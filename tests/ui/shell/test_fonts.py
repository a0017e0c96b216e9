"""Text drawn without a font is empty boxes with no warning: prove real fonts are there."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QImage, QPainter

from kiosk.system.paths import asset_path


def test_the_bundled_typeface_and_its_licence_are_shipped():
    fonts = sorted(p.name for p in asset_path("fonts").glob("*.ttf"))
    assert "AtkinsonHyperlegible-Regular.ttf" in fonts
    assert "AtkinsonHyperlegible-Bold.ttf" in fonts
    assert "SIL OPEN FONT LICENSE" in asset_path("fonts", "OFL.txt").read_text()


def test_the_application_uses_the_bundled_typeface(font_family, qapp):
    assert font_family == "Atkinson Hyperlegible"
    assert font_family in QFontDatabase.families()
    assert QFontInfo(qapp.font()).family() == "Atkinson Hyperlegible"


def test_a_system_fallback_font_exists_for_missing_glyphs(qapp):
    assert any("DejaVu" in family for family in QFontDatabase.families()), (
        "no DejaVu font: install fonts-dejavu-core (make test does this as root)"
    )


def test_text_really_draws_ink(font_family, qapp):
    font = QFont(font_family)
    font.setPixelSize(40)
    assert QFontMetrics(font).inFont("A")
    image = QImage(200, 60, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(10, 45, "Help")
    painter.end()
    dark = sum(
        1 for x in range(200) for y in range(60) if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200, "drawing text left the image blank: no usable font"
