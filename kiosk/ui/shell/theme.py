"""One theme for every screen: a base font size and a palette, and the stylesheet built from them.

A later larger-text or high-contrast mode changes one value here; nothing else holds a size or
a colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from kiosk.content import contrast
from kiosk.content.contrast import (
    HIGH_CONTRAST_PRESSED,
    PAGE_BACKGROUND,
    PRESSED_BACKGROUND,
    WHITE,
    darken_until_readable,
    readable_accent,
)

DEFAULT_ACCENT = "#1f6f8b"
MIN_TARGET_PX = 48
TEXT_SCALES = (1.0, 1.25, 1.5)  # what the "Aa" button cycles through
HIGH_CONTRAST_ACCENT_RATIO = 7.0  # a strong accent: AAA on white


@dataclass(frozen=True)
class Palette:
    background: str = PAGE_BACKGROUND
    surface: str = WHITE
    text: str = "#1b2730"
    muted_text: str = "#4b5a64"
    accent: str = DEFAULT_ACCENT
    on_accent: str = WHITE
    accent_soft: str = "#e3eef1"
    border: str = "#d8d2c4"  # cards and rules: the words and pictures in them say what they are
    control_border: str = "#857d6a"  # a button's outline: 3:1 on the page (WCAG 1.4.11)
    pressed: str = PRESSED_BACKGROUND
    help_background: str = "#16485a"
    help_text: str = WHITE
    disabled_text: str = "#d8d2c4"  # inactive controls: exempt from WCAG's contrast minimum
    focus: str = DEFAULT_ACCENT
    border_px: int = 2
    focus_px: int = 4  # the keyboard focus ring (kiosk/ui/shell/keyboard.py), inside a white band
    high_contrast: bool = False

    @classmethod
    def normal(cls, accent: str | None) -> Palette:
        shown = readable_accent(accent or DEFAULT_ACCENT)
        return cls(accent=shown, focus=shown, help_background=_darker(shown, 150))

    @classmethod
    def high_contrast_for(cls, accent: str | None) -> Palette:
        """Black on white, white on black in the help panel, one strong accent, thick lines."""
        strong = darken_until_readable(
            accent or DEFAULT_ACCENT, [WHITE, HIGH_CONTRAST_PRESSED], HIGH_CONTRAST_ACCENT_RATIO
        )
        return cls(
            background=WHITE, surface=WHITE, text="#000000", muted_text="#000000",
            accent=strong, on_accent=WHITE, accent_soft=HIGH_CONTRAST_PRESSED, border="#000000",
            control_border="#000000",
            pressed=HIGH_CONTRAST_PRESSED, help_background="#000000", help_text=WHITE,
            disabled_text="#8a8a8a", focus=strong, border_px=3, focus_px=7, high_contrast=True,
        )


@dataclass(frozen=True)
class TextRule:
    """One style of text: where the stylesheet applies it, its size and weight, its colour, and
    every background it is shown on. The stylesheet and the contrast test both read these."""

    selector: str
    px: int
    bold: bool
    colour: str
    on: tuple[str, ...]
    emit_size: bool = True

    def css(self) -> str:
        size = f"font-size: {self.px}px; " if self.emit_size else ""
        weight = "bold" if self.bold else "normal"
        return f"{self.selector} {{ {size}font-weight: {weight}; color: {self.colour}; }}"


@dataclass(frozen=True)
class Theme:
    family: str
    base_px: int
    palette: Palette
    text_scale: float = 1.0
    still: bool = False  # no sliding or fading, for people bothered by motion

    @classmethod
    def for_screen(
        cls, family: str, width: int, height: int, accent: str | None, *,
        text_scale: float = 1.0, high_contrast: bool = False, reduce_motion: bool = False,
    ) -> Theme:
        """Type scaled to the screen's short side (24 px on a 1080-pixel screen, never below
        18), times the visitor's text size; a pack's accent darkened until it reads."""
        screen_base = max(18, round(min(width, height) / 45))
        palette = Palette.high_contrast_for(accent) if high_contrast else Palette.normal(accent)
        return cls(
            family=family, base_px=round(screen_base * text_scale), palette=palette,
            text_scale=text_scale, still=reduce_motion or high_contrast,  # the toggle calms motion too
        )

    @property
    def high_contrast(self) -> bool:
        return self.palette.high_contrast

    @property
    def text_over_images(self) -> bool:
        """Whether a screen may lay text over a picture (never in high contrast)."""
        return not self.palette.high_contrast

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

    # Text and its backgrounds ------------------------------------------------------------

    def text_rules(self) -> list[TextRule]:
        """Every style of text in the stylesheet, with the backgrounds it sits on."""
        p = self.palette
        page, card, down = p.background, p.surface, p.pressed
        r = TextRule
        return [
            r("QLabel", self.px(1), False, p.text, (page, card, down)),
            r('QLabel[role="clinic"]', self.px(1.25), True, p.accent, (card,)),
            r('QLabel[role="headline"]', self.px(2.0), True, p.text, (page,)),
            r('QLabel[role="title"]', self.px(2.1), True, p.text, (page,)),
            r('QLabel[role="section"]', self.px(1.2), True, p.muted_text, (page,)),
            r('QLabel[role="tile-title"]', self.px(1.2), True, p.text, (card, down)),
            r('QLabel[role="featured-title"]', self.px(1.7), True, p.text, (card, down)),
            r('QLabel[role="summary"]', self.px(1), False, p.muted_text, (card, down)),
            r('QLabel[role="read-more"]', self.px(1), True, p.accent, (card, down)),
            r('QLabel[role="stat-value"]', self.px(1.9), True, p.accent, (card,)),
            r('QLabel[role="stat-label"]', self.px(0.9), False, p.text, (card,)),
            r('QLabel[role="stat-source"]', self.px(0.75), False, p.muted_text, (card,)),
            r('QLabel[role="help-heading"]', self.px(1.35), True, p.help_text, (p.help_background,)),
            r('QLabel[role="help-label"]', self.px(0.95), False, p.help_text, (p.help_background,)),
            r('QLabel[role="help-number"]', self.px(1.6), True, p.help_text, (p.help_background,)),
            r("QPushButton", self.px(1), True, p.text, (card, down)),
            r("QPushButton#NavButton", self.px(1), True, p.on_accent, (p.accent, self.nav_pressed)),
            r("QPushButton#PrintButton", self.px(1), True, p.accent, (card, down)),
            r("QPushButton#DisplayButton", self.px(1), True, p.text, (card, down)),
            r("QPushButton#DisplayButton:checked", self.px(1), True, p.surface, (p.text,)),
            r('QLabel[role="hint"]', self.px(1), True, p.surface, (p.text,)),
            r("QPushButton#UpdateNotice", self.px(0.8), False, p.muted_text, (card,)),
            r("QPushButton#ArrowButton", self.px(1.5), True, p.text, (card, down)),
            r("QPushButton#SearchButton", self.px(1.3), True, p.accent, (card, down)),
            r("QPushButton#LibraryButton", self.px(1), True, p.accent, (card, down)),
            r("QPushButton#LetterButton", self.px(1.1), True, p.text, (card, down)),
            r("QPushButton#Key", self.px(1.3), True, p.text, (card, down)),
            r("QLabel#SearchBox", self.px(1.4), True, p.text, (card,)),
            r('QLabel#SearchBox[empty="true"]', self.px(1.4), False, p.muted_text, (card,)),
            r("QTextBrowser", self.body_px, False, p.text, (page,)),
        ]

    def document_rules(self) -> list[TextRule]:
        """The article body's text styles (Qt rich text), with their backgrounds."""
        p = self.palette
        page = p.background
        body = self.body_px
        r = TextRule
        return [
            r("body", body, False, p.text, (page,), emit_size=False),
            r("h1, h2, h3, h4", body, True, p.text, (page,), emit_size=False),
            r("h2", self.px(1.45), True, p.text, (page,)),
            r("h3", self.px(1.2), True, p.text, (page,)),
            r("a", body, True, p.accent, (page,), emit_size=False),
            r("blockquote", body, False, p.muted_text, (page,), emit_size=False),
            r("th", body, True, p.text, (p.accent_soft,), emit_size=False),
        ]

    def text_pairs(self) -> list[tuple[str, str, int, bool]]:
        """(text colour, background colour, font px, bold) for every text the theme styles."""
        return [
            (rule.colour, background, rule.px, rule.bold)
            for rule in self.text_rules() + self.document_rules()
            for background in rule.on
        ]

    def contrast_failures(self) -> list[str]:
        """Text styles below WCAG 2.1 AA, in words (empty when all pass)."""
        return [
            f"{fg} on {bg} at {px} px{' bold' if bold else ''}: "
            f"{contrast.contrast_ratio(fg, bg):.2f}:1 < {contrast.required_ratio(px, bold)}:1"
            for fg, bg, px, bold in self.text_pairs()
            if not contrast.passes(fg, bg, px, bold)
        ]

    @property
    def body_px(self) -> int:
        return self.px(1.1)

    @property
    def top_bar_button_padding(self) -> int:
        return self.px(0.5)

    @property
    def nav_pressed(self) -> str:
        return _darker(self.palette.accent, 140)

    # Stylesheets -------------------------------------------------------------------------

    def stylesheet(self) -> str:
        p = self.palette
        line = p.border_px
        text = "\n".join(rule.css() for rule in self.text_rules())
        return f"""
* {{ font-family: "{self.family}"; color: {p.text}; }}
QMainWindow, QWidget#Page, QWidget#PageBody {{ background: {p.background}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
{text}
QFrame#HelpPanel {{ background: {p.help_background}; border-radius: {self.px(0.8)}px; }}
QFrame#HelpPanel QLabel {{ color: {p.help_text}; background: transparent; }}
QFrame#StatCard {{
    background: {p.surface}; border: {max(1, line - 1)}px solid {p.border};
    border-radius: {self.px(0.7)}px;
}}
QPushButton {{
    min-height: {self.target_px}px;
    min-width: {self.target_px}px; padding: 0 {self.px(1)}px; border-radius: {self.px(0.6)}px;
    background: {p.surface}; border: {line}px solid {p.control_border};
    outline: none; /* the keyboard focus ring (kiosk/ui/shell/keyboard.py) shows the focus instead */
}}
QPushButton:pressed {{ background: {p.pressed}; border-color: {p.accent}; }}
QPushButton#NavButton {{
    background: {p.accent}; border: {line if p.high_contrast else 0}px solid {p.accent};
}}
QPushButton#NavButton:pressed {{ background: {self.nav_pressed}; }}
QPushButton#PrintButton {{ background: {p.surface}; border: {line}px solid {p.accent}; }}
QPushButton#PrintButton:pressed {{ background: {p.pressed}; }}
QWidget#TopBar QPushButton {{
    padding: 0 {self.top_bar_button_padding}px;
    min-width: {self.target_px - 2 * self.top_bar_button_padding - 2 * line}px;
}}
QPushButton#DisplayButton:checked {{ background: {p.text}; }}
QLabel#DisplayHint {{
    background: {p.text}; padding: {self.px(0.5)}px {self.px(0.8)}px; border-radius: {self.px(0.5)}px;
}}
QPushButton#UpdateNotice {{ background: {p.surface}; border: {max(1, line - 1)}px solid {p.border}; }}
QPushButton#Tile, QPushButton#FeaturedTile, QPushButton#CarouselCard {{
    text-align: left; padding: 0; background: {p.surface}; border: {line}px solid {p.border};
    border-radius: {self.px(0.8)}px;
}}
QPushButton#Tile:pressed, QPushButton#FeaturedTile:pressed, QPushButton#CarouselCard:pressed {{
    background: {p.pressed}; border-color: {p.accent};
}}
QPushButton#ArrowButton {{
    border-radius: {self.target_px // 2}px; padding: 0;
    min-width: {self.target_px - 2 * line}px; max-width: {self.target_px - 2 * line}px;
    min-height: {self.target_px - 2 * line}px; max-height: {self.target_px - 2 * line}px;
}}
QPushButton#ArrowButton:disabled {{ color: {p.disabled_text}; }}
QWidget#TopBar {{ background: {p.surface}; border-bottom: {max(1, line - 1)}px solid {p.border}; }}
QPushButton#SearchButton {{
    text-align: left; padding: {self.px(0.6)}px {self.px(1)}px; border: {line}px solid {p.accent};
    border-radius: {self.px(0.8)}px; min-height: {self.px(3.2)}px;
}}
QPushButton#LibraryButton {{ border: {line}px solid {p.accent}; }}
QPushButton#LetterButton {{ padding: 0; min-width: {self.target_px - 2 * line}px; }}
QPushButton#LetterButton:disabled {{ color: {p.disabled_text}; border-color: {p.border}; }}
QPushButton#Key {{ padding: 0; }}
QLabel#SearchBox {{
    background: {p.surface}; border: {line}px solid {p.control_border}; border-radius: {self.px(0.6)}px;
    padding: {self.px(0.5)}px {self.px(0.8)}px;
}}
QListView#EntryList {{ background: transparent; border: none; }}
QTextBrowser {{ background: transparent; border: none; }}
"""

    def document_css(self) -> str:
        """The default stylesheet for article bodies in Qt's rich text."""
        rules = "\n".join(rule.css() for rule in self.document_rules())
        return f"""
body {{ font-family: "{self.family}"; }}
p, li {{ line-height: 120%; }}
{rules}
a {{ text-decoration: underline; }}
th {{ background: {self.palette.accent_soft}; }}
"""


def _darker(colour: str, factor: int) -> str:
    return QColor(colour).darker(factor).name()
