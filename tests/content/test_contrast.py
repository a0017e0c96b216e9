"""WCAG 2.1 contrast: the arithmetic, the darkening of a pack's accent, and every text colour
the theme uses on every background it uses, in both themes at every text size."""

from __future__ import annotations

import pytest

from kiosk.content import contrast
from kiosk.content.contrast import (
    ACCENT_BACKGROUNDS,
    accent_problem,
    contrast_ratio,
    darken_until_readable,
    passes,
    relative_luminance,
    required_ratio,
)

BAD_ACCENTS = ["#ffd700", "#a0c4ff", "#ffffff", "#777777", "#1f6f8b", "#ff0000", "#00ff00"]


def test_the_ends_of_the_scale() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#abc", "#aabbcc") == pytest.approx(1)


def test_known_ratios() -> None:
    # Values from the WebAIM contrast checker.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.01)


def test_large_text_needs_three_to_one() -> None:
    assert required_ratio(16) == 4.5
    assert required_ratio(24) == 3.0
    assert required_ratio(19, bold=True) == 3.0
    assert required_ratio(18, bold=True) == 4.5
    grey = "#949494"  # about 3:1 on white
    assert passes(grey, "#ffffff", 24) and not passes(grey, "#ffffff", 23)


@pytest.mark.parametrize("accent", BAD_ACCENTS)
def test_darkening_reaches_the_ratio_and_keeps_the_hue(accent: str) -> None:
    backgrounds = list(ACCENT_BACKGROUNDS.values())
    darker = darken_until_readable(accent, backgrounds, 4.5)
    assert all(contrast_ratio(darker, bg) >= 4.5 for bg in backgrounds)
    assert relative_luminance(darker) <= relative_luminance(accent)


def test_a_readable_colour_is_left_alone() -> None:
    assert darken_until_readable("#1B2730", ["#ffffff"], 4.5) == "#1b2730"


def test_the_validate_warning_names_the_colour_the_ratio_and_the_fix() -> None:
    message = accent_problem("#a0c4ff")
    assert message is not None
    fixed = contrast.readable_accent("#a0c4ff")
    assert message.startswith("theme.accent #a0c4ff is too light to read on white (1.7:1;")
    assert f"it needs 4.5:1); the kiosk darkens it to {fixed}. Choose a darker colour." in message
    assert accent_problem("#1f6f8b") is None
    assert accent_problem("#000") is None
    assert accent_problem("not a colour") is None


def test_contrast_is_free_of_qt() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(contrast))
    names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [n for n in names if n.startswith("PySide6")]


# The theme: every (text colour, background, px) pair it styles, computed from the theme itself.

SCREENS = [(1920, 1080), (1080, 1920), (1280, 800)]


@pytest.mark.parametrize("accent", [None, *BAD_ACCENTS])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
def test_every_text_in_the_theme_meets_aa(accent, high_contrast, scale) -> None:
    from kiosk.ui.shell.theme import Theme

    for width, height in SCREENS:
        theme = Theme.for_screen(
            "Sans", width, height, accent, text_scale=scale, high_contrast=high_contrast
        )
        pairs = theme.text_pairs()
        assert len(pairs) > 30
        assert theme.contrast_failures() == []
        # The pack's accent is in the pairs, darkened: on a surface and under white text.
        assert any(fg == theme.palette.accent for fg, *_ in pairs)
        assert any(bg == theme.palette.accent for _, bg, *_ in pairs)


def test_the_stylesheet_uses_the_colours_the_pairs_name() -> None:
    from kiosk.ui.shell.theme import Theme

    for high in (False, True):
        theme = Theme.for_screen("Sans", 1920, 1080, "#ffd700", high_contrast=high)
        sheet = theme.stylesheet() + theme.document_css()
        assert "#ffd700" not in sheet, "the raw, unreadable accent never reaches the screen"
        for rule in theme.text_rules() + theme.document_rules():
            assert rule.css() in sheet
            for background in rule.on:
                assert background in sheet


def test_high_contrast_is_black_and_white_with_one_accent_and_thick_lines() -> None:
    from kiosk.ui.shell.theme import Theme

    normal = Theme.for_screen("Sans", 1920, 1080, None)
    high = Theme.for_screen("Sans", 1920, 1080, None, high_contrast=True)
    p = high.palette
    assert {p.text, p.muted_text, p.border, p.help_background} == {"#000000"}
    assert {p.background, p.surface, p.help_text} == {"#ffffff"}
    assert contrast_ratio(p.accent, "#ffffff") >= 7
    colours = {fg for fg, *_ in high.text_pairs()} | {bg for _, bg, *_ in high.text_pairs()}
    greys_and_accent = {c for c in colours if len(set(contrast.parse_hex(c))) > 1}
    assert greys_and_accent == {p.accent, high.nav_pressed}  # the accent, and it pressed
    assert p.border_px > normal.palette.border_px and p.focus_px > normal.palette.focus_px >= 3
    # The focus ring (kiosk/ui/shell/keyboard.py) is drawn in the focus colour, at least 3:1 (WCAG
    # 1.4.11, non-text contrast) against the page.
    for theme in (normal, high):
        assert contrast_ratio(theme.palette.focus, theme.palette.background) >= 3
    assert not high.text_over_images and normal.text_over_images


def test_button_outlines_stand_out_from_the_page_in_both_themes() -> None:
    """A button with a word or a symbol on it is found by its outline: 3:1 against the page
    and the bars around it (WCAG 1.4.11, non-text contrast)."""
    from kiosk.ui.shell.theme import Theme

    for high_contrast in (False, True):
        p = Theme.for_screen("DejaVu Sans", 1920, 1080, None, high_contrast=high_contrast).palette
        for around in (p.background, p.surface):
            assert contrast_ratio(p.control_border, around) >= 3, (high_contrast, around)


def test_text_size_scales_the_type() -> None:
    from kiosk.ui.shell.theme import Theme

    sizes = [Theme.for_screen("Sans", 1920, 1080, None, text_scale=s).base_px for s in (1, 1.25, 1.5)]
    assert sizes == [24, 30, 36]
