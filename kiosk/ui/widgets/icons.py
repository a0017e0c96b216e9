"""Small pictures drawn in code, so that they look the same whatever fonts the machine has."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def magnifier(size: int, colour: str) -> QIcon:
    """A magnifying glass: the search control's sign."""
    picture = QPixmap(size, size)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(2.0, size / 9)
    painter.setPen(QPen(QColor(colour), line, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    radius = size * 0.3
    centre = QPointF(size * 0.42, size * 0.42)
    painter.drawEllipse(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius))
    painter.drawLine(QPointF(size * 0.64, size * 0.64), QPointF(size * 0.9, size * 0.9))
    painter.end()
    return QIcon(picture)
