"""QR codes for printed handouts: segno builds the matrix, a QPainter draws it as solid squares."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

# Scanners need this many light modules around the code; the drawer leaves them, not the matrix.
QUIET_ZONE_MODULES = 4


def qr_matrix(url: str) -> list[list[bool]]:
    """The code's modules (True = dark), row by row, without the quiet zone. Error correction M."""
    # boost_error=False: exactly level M, so the same address always gives the same picture.
    code = segno.make_qr(url, error="m", boost_error=False)
    return [[bool(module) for module in row] for row in code.matrix]


def qr_side_modules(matrix: list[list[bool]]) -> int:
    """The side of the drawn code, quiet zone included, in modules."""
    return len(matrix) + 2 * QUIET_ZONE_MODULES


def draw_qr(painter: QPainter, matrix: list[list[bool]], rect: QRectF) -> None:
    """Draw the code, with its quiet zone, as large as fits in `rect`, centred, in black on white.

    Each run of dark modules in a row is one rectangle whose edges fall on the same grid lines as
    its neighbours', and antialiasing is off: no grey seams between modules on screen or paper,
    and a PDF with a few hundred rectangles rather than a thousand.
    """
    side = min(rect.width(), rect.height())
    module = side / qr_side_modules(matrix)
    left = rect.left() + (rect.width() - side) / 2
    top = rect.top() + (rect.height() - side) / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, side, side), QColor("white"))

    def edge(origin: float, index: int) -> float:
        return origin + (QUIET_ZONE_MODULES + index) * module

    black = QColor("black")
    for row_index, row in enumerate(matrix):
        y0, y1 = edge(top, row_index), edge(top, row_index + 1)
        for start, end in _dark_runs(row):
            x0, x1 = edge(left, start), edge(left, end)
            painter.fillRect(QRectF(x0, y0, x1 - x0, y1 - y0), black)
    painter.restore()


def _dark_runs(row: list[bool]) -> list[tuple[int, int]]:
    """[start, end) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index))
            start = None
    return runs
