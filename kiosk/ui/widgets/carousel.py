"""The related-articles carousel: cards follow the finger, snap to a card, arrows and dots."""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QTouchEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Article
from kiosk.system.crash_guard import guarded_event_filter
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.tiles import ArticleTile

SNAP_FRACTION = 0.18  # a swipe over this share of a card's width turns to the next card
SNAP_MS = 260


class Dots(QWidget):
    """Where you are: one dot a card, the current one filled."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.count = 0
        self.current = 0
        self.setFixedHeight(theme.px(1))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_position(self, current: int, count: int) -> None:
        self.current, self.count = current, count
        self.setAccessibleName(
            translate("Carousel", "Card %1 of %2").replace("%1", str(current + 1))
            .replace("%2", str(count)) if count else ""
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.count < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        diameter = self.theme.px(0.55)
        gap = diameter
        total = self.count * diameter + (self.count - 1) * gap
        x = (self.width() - total) / 2
        y = (self.height() - diameter) / 2
        palette = self.theme.palette
        for index in range(self.count):
            filled = index == self.current
            painter.setPen(QColor(palette.accent))
            painter.setBrush(QColor(palette.accent if filled else palette.surface))
            painter.drawEllipse(QRectF(x, y, diameter, diameter))
            x += diameter + gap


class Carousel(QWidget):
    """One card at a time; a horizontal swipe moves by one card, a tap on a card opens it."""

    activated = Signal(str)
    current_changed = Signal(int)

    def __init__(
        self,
        theme: Theme,
        *,
        card_width: int,
        image_ratio: float = 9 / 16,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.card_width = card_width
        self.compact = compact  # the title alone, no picture or summary: for short screens
        self.image_ratio = image_ratio
        self.articles: list[Article] = []
        self.cards: list[ArticleTile] = []
        self.current_index = 0
        self._offset = 0.0
        self._press_x: float | None = None
        self._drag_start_offset = 0.0
        self._dragging = False
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(0 if theme.still else SNAP_MS)  # 0: jump straight to the card
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_value)

        self.viewport = QWidget(self)
        self.viewport.setObjectName("CarouselViewport")
        self.viewport.setFixedWidth(card_width)
        self.viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.viewport.installEventFilter(self)
        self._touched_card: ArticleTile | None = None
        self.strip = QWidget(self.viewport)
        self.previous_button = self._arrow(
            "\u2039", translate("Carousel", "Previous related article"), self.previous
        )
        self.next_button = self._arrow(
            "\u203a", translate("Carousel", "Next related article"), self.next
        )
        self.dots = Dots(theme)

        controls = QHBoxLayout()
        controls.addWidget(self.previous_button)
        controls.addWidget(self.dots, 1)
        controls.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(0.5))
        layout.addWidget(self.viewport)
        layout.addLayout(controls)

    def _arrow(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("ArrowButton")
        button.setAccessibleName(name)
        button.setFixedSize(self.theme.target_px, self.theme.target_px)
        button.clicked.connect(slot)
        return button

    # Content -----------------------------------------------------------------------------

    def set_articles(self, articles: list[Article]) -> None:
        self.articles = list(articles)
        self._rebuild_cards()
        self.go_to(0, animate=False)

    def _card_width(self) -> int:
        return self.card_width

    def _rebuild_cards(self) -> None:
        self._touched_card = None
        for card in self.cards:
            card.hide()
            card.setParent(None)  # out of reach of childAt() before it is deleted
            card.deleteLater()
        width = self._card_width()
        pad = self.theme.px(0.8)
        line = self.theme.palette.border_px
        image_width = width - 2 * pad - 2 * line  # the card's whole inner width
        self.cards = []
        for article in self.articles:
            card = ArticleTile(
                article, self.theme, image_width=image_width,
                image_height=round(image_width * self.image_ratio), object_name="CarouselCard",
                show_summary=not self.compact, show_image=not self.compact,
                parent=self.strip,
            )
            card.activated.connect(self.activated)
            card.installEventFilter(self)
            card.show()
            card.ensurePolished()  # its type sizes from the stylesheet, before it is measured
            self.cards.append(card)
        self._layout_cards()

    def _layout_cards(self) -> None:
        width = self._card_width()
        height = max((card.heightForWidth(width) for card in self.cards), default=0)
        self.viewport.setFixedHeight(height)
        for index, card in enumerate(self.cards):
            card.setGeometry(index * width, 0, width, height)
        self.strip.resize(width * max(1, len(self.cards)), height)
        self._apply_offset(self.current_index * width)

    def height_needed(self) -> int:
        """The cards' height and the row of arrows and dots beneath them."""
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        return self.viewport.height() + spacing + self.next_button.height()

    # Moving ------------------------------------------------------------------------------

    def next(self) -> None:
        self.go_to(self.current_index + 1)

    def previous(self) -> None:
        self.go_to(self.current_index - 1)

    def go_to(self, index: int, *, animate: bool = True) -> None:
        index = max(0, min(index, len(self.cards) - 1)) if self.cards else 0
        changed = index != self.current_index
        self.current_index = index
        target = float(index * self._card_width())
        self._animation.stop()
        if animate and self.isVisible() and self._animation.duration() > 0:
            self._animation.setStartValue(self._offset)
            self._animation.setEndValue(target)
            self._animation.start()
        else:
            self._apply_offset(target)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.cards) - 1)
        self.dots.set_position(index, len(self.cards))
        self._only_current_card_takes_focus()
        if changed:
            self.current_changed.emit(index)

    def step_by_keyboard(self, delta: int) -> None:
        """An arrow key: the next or previous card, and the focus moves onto it."""
        self.go_to(self.current_index + delta)
        if self.cards:
            self.cards[self.current_index].setFocus(Qt.FocusReason.TabFocusReason)

    def _only_current_card_takes_focus(self) -> None:
        """Tab reaches the card in sight, not the ones off to the side of the strip."""
        had_focus = any(card.hasFocus() for card in self.cards)
        for index, card in enumerate(self.cards):
            card.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if index == self.current_index else Qt.FocusPolicy.NoFocus
            )
        if self.cards:
            # In reading order: the card, then the arrows beneath it.
            QWidget.setTabOrder(self.cards[self.current_index], self.previous_button)
            QWidget.setTabOrder(self.previous_button, self.next_button)
        if had_focus and self.cards:
            self.cards[self.current_index].setFocus(Qt.FocusReason.TabFocusReason)

    def reset(self) -> None:
        """Back to the first card, forgetting any swipe in progress."""
        self._animation.stop()
        self._press_x = None
        self._dragging = False
        if self._touched_card is not None:
            self._touched_card.setDown(False)
            self._touched_card = None
        self.go_to(0, animate=False)

    @property
    def is_settled(self) -> bool:
        return self._animation.state() != QVariantAnimation.State.Running and not self._dragging

    def _on_animation_value(self, value: object) -> None:
        self._apply_offset(float(value))  # type: ignore[arg-type]

    def _apply_offset(self, offset: float) -> None:
        self._offset = offset
        self.strip.move(round(-offset), 0)

    # Following the finger --------------------------------------------------------------
    # Touch is handled on the viewport itself (a tap activates the card under the finger);
    # mouse input, real or synthesised, is filtered from the cards.

    @guarded_event_filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport and isinstance(event, QTouchEvent):
            return self._on_touch(event)
        if not isinstance(event, QMouseEvent):
            return False
        if event.source() != Qt.MouseEventSource.MouseEventNotSynthesized:
            return False  # touch was handled above
        kind = event.type()
        x = event.globalPosition().x()
        if kind == QEvent.Type.MouseButtonPress:
            self._begin(x)
        elif kind == QEvent.Type.MouseMove and self._move(x) and isinstance(watched, QPushButton):
            watched.setDown(False)  # a swipe is not a tap
            return True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._end(x)
        return False

    def _on_touch(self, event: QTouchEvent) -> bool:
        points = event.points()
        if not points:
            return False
        x = points[0].globalPosition().x()
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._begin(x)
            self._touched_card = self._card_at(points[0].position().toPoint())
            if self._touched_card is not None:
                self._touched_card.setDown(True)  # feedback at once
        elif kind == QEvent.Type.TouchUpdate:
            if self._move(x) and self._touched_card is not None:
                self._touched_card.setDown(False)
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            card, self._touched_card = self._touched_card, None
            was_swipe = self._end(x)
            if card is not None:
                card.setDown(False)
                if not was_swipe and kind == QEvent.Type.TouchEnd:
                    card.click()
        event.accept()
        return True

    def _card_at(self, point: QPoint) -> ArticleTile | None:
        child = self.viewport.childAt(point)
        while child is not None and not isinstance(child, ArticleTile):
            child = child.parentWidget()
        return child

    def _begin(self, x: float) -> None:
        self._press_x = x
        self._drag_start_offset = self._offset
        self._dragging = False
        self._animation.stop()

    def _move(self, x: float) -> bool:
        """Follow the finger once it has moved far enough to be a swipe; True while swiping."""
        if self._press_x is None:
            return False
        dx = x - self._press_x
        if not self._dragging and abs(dx) > self.theme.px(0.5):
            self._dragging = True
        if not self._dragging:
            return False
        furthest = max(0, (len(self.cards) - 1) * self._card_width())
        offset = self._drag_start_offset - dx
        if offset < 0 or offset > furthest:  # resist past the ends
            edge = 0 if offset < 0 else furthest
            offset = edge + (offset - edge) / 3
        self._apply_offset(offset)
        return True

    def _end(self, x: float) -> bool:
        """Snap to a card; True when the gesture was a swipe."""
        if self._press_x is None:
            return False
        dx = x - self._press_x
        was_swipe = self._dragging
        self._press_x = None
        self._dragging = False
        if was_swipe:
            threshold = self._card_width() * SNAP_FRACTION
            step = -1 if dx > threshold else 1 if dx < -threshold else 0
            self.go_to(self.current_index + step)
        return was_swipe
