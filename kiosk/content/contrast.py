"""Colour contrast as WCAG 2.1 measures it (success criterion 1.4.3, AA), without Qt.

Text needs a contrast ratio of at least 4.5:1 on its background; large text (24 px and up, or
18.66 px and up in bold) needs 3:1. A pack's accent colour that falls short is darkened until it
passes, and `kiosk validate` says so.
"""

from __future__ import annotations

import colorsys
import re

AA_NORMAL = 4.5
AA_LARGE = 3.0
LARGE_PX = 24.0  # 18 pt
LARGE_BOLD_PX = 18.66  # 14 pt bold

# The backgrounds a pack's accent colour is shown on as text (or under white text), by name.
# kiosk.ui.shell.theme builds its palettes from these same values.
WHITE = "#ffffff"
PAGE_BACKGROUND = "#f4f1ea"
PRESSED_BACKGROUND = "#dae9ed"
HIGH_CONTRAST_PRESSED = "#e6e6e6"
ACCENT_BACKGROUNDS: dict[str, str] = {
    "white": WHITE,
    "the page background": PAGE_BACKGROUND,
    "a pressed button": PRESSED_BACKGROUND,
}

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(colour: str) -> tuple[int, int, int]:
    """`#rgb` or `#rrggbb` as three 0-255 channels (ValueError for anything else)."""
    match = _HEX.match(colour.strip())
    if match is None:
        raise ValueError(f"not a hex colour: {colour!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(red: int, green: int, blue: int) -> str:
    return f"#{red:02x}{green:02x}{blue:02x}"


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance: 0 for black, 1 for white."""
    red, green, blue = (_linear(c) for c in parse_hex(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white); the order of the colours does not matter."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(px: float, bold: bool = False) -> bool:
    return px >= LARGE_PX or (bold and px >= LARGE_BOLD_PX)


def required_ratio(px: float, bold: bool = False) -> float:
    """What AA asks of text this size: 3:1 for large text, 4.5:1 otherwise."""
    return AA_LARGE if is_large_text(px, bold) else AA_NORMAL


def passes(fg: str, bg: str, px: float, bold: bool = False) -> bool:
    """Whether text in `fg` at `px` pixels on `bg` meets WCAG 2.1 AA."""
    return contrast_ratio(fg, bg) >= required_ratio(px, bold)


def darken_until_readable(
    colour: str, backgrounds: list[str], min_ratio: float = AA_NORMAL
) -> str:
    """`colour` with its lightness (HSL) lowered step by step, hue and saturation kept, until it
    reaches `min_ratio` on every background; unchanged if it already does. Meant for light
    backgrounds: on a dark one, darker never helps, and the result ends at black."""

    def good(candidate: str) -> bool:
        return all(contrast_ratio(candidate, bg) >= min_ratio for bg in backgrounds)

    if good(colour):
        return to_hex(*parse_hex(colour))
    red, green, blue = (c / 255 for c in parse_hex(colour))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    candidate = colour
    steps = 200
    for step in range(1, steps + 1):
        level = lightness * (1 - step / steps)
        r, g, b = colorsys.hls_to_rgb(hue, level, saturation)
        candidate = to_hex(round(r * 255), round(g * 255), round(b * 255))
        if good(candidate):
            return candidate
    return candidate


def readable_accent(accent: str, min_ratio: float = AA_NORMAL) -> str:
    """The accent as the kiosk shows it: darkened until it passes on all its backgrounds."""
    return darken_until_readable(accent, list(ACCENT_BACKGROUNDS.values()), min_ratio)


def accent_problem(accent: str) -> str | None:
    """A plain sentence for `kiosk validate` when a pack's accent is too light to read on the
    kiosk's backgrounds (None when it is fine, or not a colour: that is another check's job)."""
    try:
        parse_hex(accent)
    except ValueError:
        return None
    failing = [
        (name, ratio) for name, bg in ACCENT_BACKGROUNDS.items()
        if (ratio := contrast_ratio(accent, bg)) < AA_NORMAL
    ]
    if not failing:
        return None
    worst_name, worst_ratio = failing[0]  # white first: the background people picture
    fixed = readable_accent(accent)
    return (
        f"theme.accent {accent} is too light to read on {worst_name} "
        f"({_ratio_text(worst_ratio)}; it needs {_ratio_text(AA_NORMAL)}); "
        f"the kiosk darkens it to {fixed}. Choose a darker colour."
    )


def _ratio_text(ratio: float) -> str:
    # Rounded down, so that a ratio that fails never reads as one that passes (4.49 is not 4.5).
    shown = int(ratio * 10) / 10
    return f"{shown:g}:1"
