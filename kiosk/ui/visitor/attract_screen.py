"""The attract screen: shown after minutes without a visitor, until someone touches the screen.

A calm, slow rotation of the pack's statistics and article titles over a plain background, with
"Touch to begin". It is discreet: nothing on it is larger than "Touch to begin", so no condition
is named in huge letters across the waiting room. It protects the screen from burn-in: the whole
group of text drifts on a slow Lissajous path and the card fades out and in between items, so no
pixel shows the same thing for more than a few minutes, and a uniform background cannot burn in.

Everything is computed from `clock.now()` minus the start (no animation keeps its own time), so
a test drives it with a ManualClock and `advance()`. A touch is swallowed by the Overlay base;
the controller calls `dismiss()`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Pack
from kiosk.content.translatable import QT_TRANSLATE_NOOP
from kiosk.rules.clock import Clock
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.overlay import Overlay
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.labels import make_label, spoken
from kiosk.ui.widgets.stat_card import source_line

ROTATE_SECONDS = 12.0
STILL_STEP_SECONDS = 60.0  # with motion reduced, the group moves in steps this far apart
FADE_SECONDS = 1.5
FRAME_MS = 40  # 25 frames a second while visible
TOUCH_TEXT = QT_TRANSLATE_NOOP("AttractScreen", "Touch to begin")

# The drift: x and y follow sines with periods of a few minutes that are not multiples of each
# other, so the path never settles into a short loop and never stops in both axes at once.
DRIFT_PERIOD_X = 173.0
DRIFT_PERIOD_Y = 241.0
DRIFT_SHARE = 0.2  # amplitude as a share of the free space on each axis
MIN_DRIFT_PX = 48  # at least this much either way, where the free space allows it
CARD_WIDTH_SHARE = 0.6
QWIDGETSIZE_MAX = (1 << 24) - 1


@dataclass(frozen=True)
class AttractItem:
    """One thing the card shows: a statistic, or an article title with its summary."""

    kind: str  # "stat" or "article"
    heading: str  # the statistic's value, or the article's title
    body: str  # the statistic's label, or the article's summary
    source: str = ""  # a statistic's source

    @property
    def text(self) -> str:
        if self.kind == "stat":
            return f"{self.heading}\n{self.body}\n{source_line(self.source)}"
        return f"{self.heading}\n{self.body}"


def attract_items(pack: Pack) -> list[AttractItem]:
    """Each article in home order with its summary, each followed by its statistics."""
    items: list[AttractItem] = []
    for article in pack.ordered_articles():
        items.append(AttractItem("article", article.title, article.summary))
        items.extend(
            AttractItem("stat", stat.value, stat.label, stat.source) for stat in article.stats
        )
    return items


def slot_opacity(seconds_into_slot: float) -> float:
    """0 at the edges of a slot, 1 in the middle, with linear fades of FADE_SECONDS."""
    s = min(max(seconds_into_slot, 0.0), ROTATE_SECONDS)
    return max(0.0, min(1.0, s / FADE_SECONDS, (ROTATE_SECONDS - s) / FADE_SECONDS))


def drift_offset(seconds: float, free_x: int, free_y: int) -> tuple[float, float]:
    """Where the group sits relative to the centre after `seconds`, for this free space."""
    ax = _amplitude(free_x)
    ay = _amplitude(free_y)
    return (
        ax * math.sin(2 * math.pi * seconds / DRIFT_PERIOD_X),
        ay * math.sin(2 * math.pi * seconds / DRIFT_PERIOD_Y),
    )


def _amplitude(free: int) -> float:
    if free <= 0:
        return 0.0
    return min(free / 2, max(free * DRIFT_SHARE, MIN_DRIFT_PX))


class AttractScreen(Overlay):
    def __init__(self, parent: QWidget, pack: Pack, theme: Theme, clock: Clock) -> None:
        super().__init__(parent)
        self.setObjectName("AttractScreen")
        self.setAccessibleName(translate("AttractScreen", TOUCH_TEXT))
        self.pack = pack
        self.theme = theme
        self.clock = clock
        self.items = attract_items(pack)
        self._start: float | None = None
        self._index = 0
        self._shown_index = -1
        self.setStyleSheet(self._stylesheet())
        # The plain background comes from the palette, not the stylesheet: a stylesheet
        # background turns autoFillBackground off, and then Qt no longer treats this screen as
        # opaque and repaints the whole page beneath it on every frame of the drift.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.palette.background))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

        # The moving group: the clinic's name, the card, and "Touch to begin".
        self.group = QWidget(self)
        self.group.setObjectName("AttractGroup")
        self.group.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self.group)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.px(1.4))
        self.clinic_label = self._label(pack.organization.name, "AttractClinic")
        column.addWidget(self.clinic_label)

        self.card = QFrame()
        self.card.setObjectName("AttractCard")
        card_layout = QVBoxLayout(self.card)
        self._card_layout = card_layout
        pad = theme.px(1.4)
        card_layout.setContentsMargins(pad, pad, pad, pad)
        card_layout.setSpacing(theme.px(0.5))
        card_layout.addStretch(1)
        self.value_label = self._label("", "AttractValue")
        self.stat_label = self._label("", "AttractStatLabel")
        self.source_label = self._label("", "AttractSource")
        self.title_label = self._label("", "AttractTitle")
        self.summary_label = self._label("", "AttractSummary")
        for label in self._card_labels():
            card_layout.addWidget(label)
        card_layout.addStretch(1)
        self.opacity_effect = QGraphicsOpacityEffect(self.card)
        self.opacity_effect.setOpacity(0.0)
        self.card.setGraphicsEffect(self.opacity_effect)
        column.addWidget(self.card)

        self.touch_label = self._label(translate("AttractScreen", TOUCH_TEXT), "AttractTouch")
        column.addWidget(self.touch_label)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.advance)

    # Public API ----------------------------------------------------------------------------

    def start(self) -> None:
        """Begin from the first item, centred, and cover the window."""
        self._start = self.clock.now()
        self._index = 0
        self._shown_index = -1
        self.present()
        self._relayout()
        self.advance()
        self.timer.start()

    def advance(self) -> None:
        """Bring the item, its opacity and the drift up to the clock."""
        if self._start is None:
            return
        elapsed = max(0.0, self.clock.now() - self._start)
        if self.items:
            slot = int(elapsed // ROTATE_SECONDS)
            self._index = slot % len(self.items)
            if self._index != self._shown_index:
                self._show_item(self._index)
            opacity = 1.0 if self.theme.still else slot_opacity(elapsed - slot * ROTATE_SECONDS)
        else:
            opacity = 0.0
        if abs(self.opacity_effect.opacity() - opacity) > 0.001:
            self.opacity_effect.setOpacity(opacity)
        self._place(elapsed)

    def content_geometry(self) -> QRect:
        """The moving group, in this widget's (and the window's) coordinates."""
        return self.group.geometry()

    def current_item_index(self) -> int:
        return self._index

    def current_text(self) -> str:
        if not self.items:
            return ""
        return self.items[self._index].text

    def current_opacity(self) -> float:
        return self.opacity_effect.opacity()

    # Events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._start is not None and not self.timer.isActive():
            self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    # Building and placing ----------------------------------------------------------------

    def _label(self, text: str, name: str) -> QLabel:
        label = make_label(text, name)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return label

    def _card_labels(self) -> list[QLabel]:
        return [
            self.value_label, self.stat_label, self.source_label,
            self.title_label, self.summary_label,
        ]

    def _show_item(self, index: int) -> None:
        item = self.items[index]
        is_stat = item.kind == "stat"
        texts = (
            {self.value_label: item.heading, self.stat_label: item.body,
             self.source_label: source_line(item.source)}
            if is_stat
            else {self.title_label: item.heading, self.summary_label: item.body}
        )
        for label in self._card_labels():
            shown = label in texts
            if label.isHidden() == shown:
                label.setVisible(shown)
            if shown and label.text() != texts[label]:
                label.setText(texts[label])
        self._fit_labels()
        self.card.setAccessibleName(spoken(item.text.splitlines()))
        self._shown_index = index

    def _fit_labels(self) -> None:
        """Give each wrapped label the height its text needs at the card's width."""
        margins = self._card_layout.contentsMargins()
        inner = self.card.width() - 2 * self.card.frameWidth() - margins.left() - margins.right()
        for label in [self.clinic_label, self.touch_label, *self._card_labels()]:
            width = inner if label.parentWidget() is self.card else self.group.width()
            if width <= 0:
                continue
            # A QLabel's heightForWidth() is clamped to its current minimum and maximum height.
            label.setMinimumHeight(0)
            label.setMaximumHeight(QWIDGETSIZE_MAX)
            height = max(label.heightForWidth(width), 0)
            label.setMinimumHeight(height)
            label.setMaximumHeight(height)

    def _relayout(self) -> None:
        """Size the group for this window: a card 60% of the width, as tall as its tallest item."""
        if self.width() <= 0 or self.height() <= 0:
            return
        self.ensurePolished()
        for child in self.findChildren(QWidget):
            child.ensurePolished()
        width = max(1, round(self.width() * CARD_WIDTH_SHARE))
        self.group.setFixedWidth(width)
        self.card.setFixedWidth(width)
        tallest = 0
        for index in range(len(self.items)):
            self._show_item(index)
            tallest = max(tallest, self._card_height())
        self.card.setFixedHeight(tallest)
        if self.items:
            self._show_item(self._index)
        self._fit_labels()
        layout = self.group.layout()
        if layout is not None:
            layout.activate()
        self.group.setFixedHeight(max(self.group.sizeHint().height(), 1))
        self._place(self._elapsed())

    def _card_height(self) -> int:
        margins = self._card_layout.contentsMargins()
        spacing = self._card_layout.spacing()
        shown = [label for label in self._card_labels() if not label.isHidden()]
        text = sum(label.minimumHeight() for label in shown) + spacing * max(0, len(shown) - 1)
        return text + margins.top() + margins.bottom() + 2 * self.card.frameWidth()

    def _elapsed(self) -> float:
        if self._start is None:
            return 0.0
        return max(0.0, self.clock.now() - self._start)

    def _place(self, elapsed: float) -> None:
        free_x = self.width() - self.group.width()
        free_y = self.height() - self.group.height()
        if self.theme.still:  # still protects the screen: one quiet jump a minute, no gliding
            elapsed = elapsed // STILL_STEP_SECONDS * STILL_STEP_SECONDS
        dx, dy = drift_offset(elapsed, free_x, free_y)
        x = round(free_x / 2 + dx)
        y = round(free_y / 2 + dy)
        x = max(0, min(x, free_x)) if free_x > 0 else 0
        y = max(0, min(y, free_y)) if free_y > 0 else 0
        if self.group.pos() != QPoint(x, y):
            self.group.move(x, y)

    def _stylesheet(self) -> str:
        t = self.theme
        p = t.palette
        return f"""
QWidget#AttractGroup {{ background: transparent; }}
QFrame#AttractCard {{
    background: {p.surface}; border: 1px solid {p.border}; border-radius: {t.px(1.0)}px;
}}
QLabel {{ font-family: "{t.family}"; background: transparent; border: none; }}
QLabel#AttractClinic {{ font-size: {t.px(1.0)}px; color: {p.muted_text}; }}
QLabel#AttractValue {{ font-size: {t.px(2.0)}px; font-weight: bold; color: {p.accent}; }}
QLabel#AttractStatLabel {{ font-size: {t.px(1.2)}px; color: {p.text}; }}
QLabel#AttractSource {{ font-size: {t.px(0.8)}px; color: {p.muted_text}; }}
QLabel#AttractTitle {{ font-size: {t.px(1.6)}px; font-weight: bold; color: {p.text}; }}
QLabel#AttractSummary {{ font-size: {t.px(1.1)}px; color: {p.muted_text}; }}
QLabel#AttractTouch {{ font-size: {t.px(2.4)}px; font-weight: bold; color: {p.accent}; }}
"""
