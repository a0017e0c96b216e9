"""How much of a summary a row or tile shows: whole when it fits its lines, cut with "…" when not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from kiosk.ui.shell.fonts import load_bundled_fonts
from kiosk.ui.widgets.entry_list import _fitted

WRAP = int(Qt.TextFlag.TextWordWrap)
SUMMARY = "Plain answers about a car seat: what it is, what you can do, and when to call us."


@pytest.fixture
def family(qapp) -> str:
    return load_bundled_fonts()


@pytest.mark.parametrize("pixels", [14, 18, 22, 27, 33, 40])
def test_a_summary_that_fits_its_one_line_is_shown_whole(family: str, pixels: int) -> None:
    font = QFont(family)
    font.setPixelSize(pixels)
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(SUMMARY) + 20
    # A box of exactly one line, as a row of A to Z gets it (a line's bounding box may be a
    # pixel taller than the line spacing; this row once showed "…" alone).
    box = QRect(0, 0, width, metrics.lineSpacing())
    assert _fitted(SUMMARY, font, box) == SUMMARY


@pytest.mark.parametrize("lines", [1, 2, 3])
def test_a_long_summary_is_cut_to_its_lines_with_as_many_words_as_fit(family: str, lines: int) -> None:
    font = QFont(family)
    font.setPixelSize(22)
    metrics = QFontMetrics(font)
    box = QRect(0, 0, 300, lines * metrics.lineSpacing())
    text = " ".join([SUMMARY] * 4)
    shown = _fitted(text, font, box)
    assert shown.endswith("\u2026") and len(shown) > 20
    wrapped = metrics.boundingRect(QRect(0, 0, 300, 100_000), WRAP, shown)
    assert round(wrapped.height() / metrics.lineSpacing()) == lines
    next_word = text.split()[len(shown[:-1].split())]
    longer = shown[:-1] + " " + next_word + "\u2026"
    assert round(metrics.boundingRect(QRect(0, 0, 300, 100_000), WRAP, longer).height()
                 / metrics.lineSpacing()) > lines
