"""One theme for every screen: a base font size and a palette, and the stylesheet built from them.

A later larger-text or high-contrast mode changes one value here; nothing else holds a size or
a colour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor

DEFAULT_ACCENT = "#1f6f8b"
MIN_TARGET_PX = 48


@dataclass(frozen=True)
class Palette:
    background: str = "#f4f1ea"
    surface: str = "#ffffff"
    text: str = "#1b2730"
    muted_text: str = "#4b5a64"
    accent: str = DEFAULT_ACCENT
    on_accent: str = "#ffffff"
    accent_soft: str = "#e3eef1"
    border: str = "#d8d2c4"
    pressed: str = "#cfe0e5"
    help_background: str = "#16485a"
    help_text: str = "#ffffff"


@dataclass(frozen=True)
class Theme:
    family: str
    base_px: int
    palette: Palette

    @classmethod
    def for_screen(cls, family: str, width: int, height: int, accent: str | None) -> Theme:
        """Type scaled to the screen's short side: 24 px on a 1080-pixel screen, never below 18."""
        base = max(18, round(min(width, height) / 45))
        palette = Palette()
        if accent:
            palette = replace(palette, accent=accent, help_background=_darker(accent, 150))
        return cls(family=family, base_px=base, palette=palette)

    def px(self, factor: float) -> int:
        """A size in pixels relative to the base font size."""
        return round(self.base_px * factor)

    @property
    def target_px(self) -> int:
        """The smallest touch target: 48 px, or more on large type."""
        return max(MIN_TARGET_PX, self.px(2.4))

    @property
    def reading_width_px(self) -> int:
        """About 65 characters of body text a line."""
        return self.px(33)

    def stylesheet(self) -> str:
        p = self.palette
        return f"""
* {{ font-family: "{self.family}"; color: {p.text}; }}
QMainWindow, QWidget#Page, QWidget#PageBody {{ background: {p.background}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QLabel {{ font-size: {self.px(1)}px; }}
QLabel[role="clinic"] {{ font-size: {self.px(1.25)}px; font-weight: bold; color: {p.accent}; }}
QLabel[role="headline"] {{ font-size: {self.px(2.0)}px; font-weight: bold; }}
QLabel[role="title"] {{ font-size: {self.px(2.1)}px; font-weight: bold; }}
QLabel[role="section"] {{ font-size: {self.px(1.2)}px; font-weight: bold; color: {p.muted_text}; }}
QLabel[role="tile-title"] {{ font-size: {self.px(1.2)}px; font-weight: bold; }}
QLabel[role="featured-title"] {{ font-size: {self.px(1.7)}px; font-weight: bold; }}
QLabel[role="summary"] {{ font-size: {self.px(1)}px; color: {p.muted_text}; }}
QLabel[role="read-more"] {{ font-size: {self.px(1)}px; font-weight: bold; color: {p.accent}; }}
QLabel[role="stat-value"] {{ font-size: {self.px(1.9)}px; font-weight: bold; color: {p.accent}; }}
QLabel[role="stat-label"] {{ font-size: {self.px(0.9)}px; }}
QLabel[role="stat-source"] {{ font-size: {self.px(0.75)}px; color: {p.muted_text}; }}
QFrame#HelpPanel {{ background: {p.help_background}; border-radius: {self.px(0.8)}px; }}
QFrame#HelpPanel QLabel {{ color: {p.help_text}; background: transparent; }}
QLabel[role="help-heading"] {{ font-size: {self.px(1.35)}px; font-weight: bold; }}
QLabel[role="help-label"] {{ font-size: {self.px(0.95)}px; }}
QLabel[role="help-number"] {{ font-size: {self.px(1.6)}px; font-weight: bold; }}
QFrame#StatCard {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {self.px(0.7)}px;
}}
QPushButton {{
    font-size: {self.px(1)}px; font-weight: bold; min-height: {self.target_px}px;
    min-width: {self.target_px}px; padding: 0 {self.px(1)}px; border-radius: {self.px(0.6)}px;
    background: {p.surface}; border: 2px solid {p.border};
}}
QPushButton:pressed {{ background: {p.pressed}; border-color: {p.accent}; }}
QPushButton#NavButton {{ background: {p.accent}; color: {p.on_accent}; border: none; }}
QPushButton#NavButton:pressed {{ background: {_darker(p.accent, 140)}; }}
QPushButton#PrintButton {{ background: {p.surface}; color: {p.accent}; border: 2px solid {p.accent}; }}
QPushButton#PrintButton:pressed {{ background: {p.pressed}; }}
QPushButton#UpdateNotice {{
    font-size: {self.px(0.8)}px; font-weight: normal; color: {p.muted_text}; background: {p.surface};
    border: 1px solid {p.border};
}}
QPushButton#Tile, QPushButton#FeaturedTile, QPushButton#CarouselCard {{
    text-align: left; padding: 0; background: {p.surface}; border: 2px solid {p.border};
    border-radius: {self.px(0.8)}px;
}}
QPushButton#Tile:pressed, QPushButton#FeaturedTile:pressed, QPushButton#CarouselCard:pressed {{
    background: {p.pressed}; border-color: {p.accent};
}}
QPushButton#ArrowButton {{ font-size: {self.px(1.5)}px; border-radius: {self.target_px // 2}px; }}
QPushButton#ArrowButton:disabled {{ color: {p.border}; }}
QWidget#TopBar {{ background: {p.surface}; border-bottom: 1px solid {p.border}; }}
QTextBrowser {{ background: transparent; border: none; font-size: {self.px(1.1)}px; }}
"""

    def document_css(self) -> str:
        """The default stylesheet for article bodies in Qt's rich text."""
        p = self.palette
        return f"""
body {{ font-family: "{self.family}"; color: {p.text}; }}
p, li {{ line-height: 120%; }}
h1, h2, h3, h4 {{ color: {p.text}; font-weight: bold; }}
h2 {{ font-size: {self.px(1.45)}px; }}
h3 {{ font-size: {self.px(1.2)}px; }}
a {{ color: {p.accent}; text-decoration: underline; font-weight: bold; }}
blockquote {{ color: {p.muted_text}; }}
th {{ background: {p.accent_soft}; }}
"""


def _darker(colour: str, factor: int) -> str:
    return QColor(colour).darker(factor).name()
