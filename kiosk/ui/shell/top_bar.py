"""The bar across the top: the clinic's name; Back, Home and Print on article pages; and on
every screen the text size ("Aa  Text size") and high-contrast ("◐  Contrast") buttons, with
their words where the bar has room, as icons alone where it has not (then the first tap on one
shows its word: kiosk/ui/shell/display_hints.py)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.content.model import Organization
from kiosk.ui.shell.input_watch import STAFF_CORNER_PX
from kiosk.ui.shell.language import translate
from kiosk.ui.shell.theme import Theme
from kiosk.ui.widgets.images import pixmap

TEXT_SIZE_LABEL = "Aa"
CONTRAST_LABEL = "\u25d0"  # a half-filled circle
BACK_ARROW, HOME_SIGN = "\u2190", "\u2302"


def print_label() -> str:
    return translate("TopBar", "Print to take home")


def nav_labels() -> tuple[tuple[str, str, str], ...]:
    """The navigation labels from the longest to the shortest; the first set that fits is used."""
    back = translate("TopBar", "Back")
    home = translate("TopBar", "Home")
    short_print = translate("TopBar", "Print")
    back, home = f"{BACK_ARROW}  {back}", f"{HOME_SIGN}  {home}"
    return ((back, home, print_label()), (back, home, short_print),
            (BACK_ARROW, HOME_SIGN, short_print))


def display_words() -> tuple[str, str]:
    """What the text-size and contrast buttons are called, in the visitor's language."""
    return translate("TopBar", "Text size"), translate("TopBar", "Contrast")


# Which of the text-size and contrast buttons show their word, from the most to the fewest:
# "◐" is the one visitors guess least, so it keeps its word longest.
BOTH_WORDS, CONTRAST_WORD, ICONS_ONLY = (True, True), (False, True), (False, False)


def display_labels(words: tuple[bool, bool]) -> tuple[str, str]:
    """The text-size and contrast buttons' labels: each its icon and word, or the icon alone."""
    text_size, contrast = display_words()
    return (f"{TEXT_SIZE_LABEL}  {text_size}" if words[0] else TEXT_SIZE_LABEL,
            f"{CONTRAST_LABEL}  {contrast}" if words[1] else CONTRAST_LABEL)


def percent(text_scale: float) -> str:
    return f"{round(text_scale * 100)} %"


class ElidingLabel(QLabel):
    """One line that ends in "…" when there is no room for all of it (the clinic's name)."""

    def __init__(self, text: str, role: str) -> None:
        super().__init__(text)
        self.full_text = text
        self.setProperty("role", role)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        room = max(0, self.width())
        shown = metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        # Qt rounds the advances it sums: the elided text can come out a pixel too wide.
        while shown and metrics.horizontalAdvance(shown) > self.width() and room > 0:
            room -= 1
            shown = metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        if shown != self.text():
            self.setText(shown)


@dataclass(frozen=True)
class _Fitted:
    nav: tuple[str, str, str]  # Back, Home, Print
    words: tuple[bool, bool]  # the text-size and the contrast button show their word


class TopBar(QWidget):
    home_requested = Signal()
    back_requested = Signal()
    print_requested = Signal()
    text_size_requested = Signal()  # the next text size, please
    contrast_requested = Signal()  # high contrast on or off, please
    language_requested = Signal()  # the next language, please

    def __init__(
        self, organization: Organization, theme: Theme, *, navigation: bool,
        width: int | None = None, language: str | None = None, printable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.theme = theme
        layout = QHBoxLayout(self)
        pad = theme.px(0.6)
        # Buttons stay clear of the staff corner, so that a visitor jabbing at Back five
        # times never opens the staff PIN pad.
        left = max(theme.px(1.5), STAFF_CORNER_PX + theme.px(0.4)) if navigation else theme.px(1.5)
        right = theme.px(1.5)
        layout.setContentsMargins(left, pad, right, pad)
        spacing = theme.px(0.8 if theme.text_scale <= 1 else 0.5)
        layout.setSpacing(spacing)
        self.home_button: QPushButton | None = None
        self.back_button: QPushButton | None = None
        self.print_button: QPushButton | None = None
        self.print_text = ""  # the print label that fits this bar (long or short)

        self.text_size_button = self._display_button(TEXT_SIZE_LABEL)
        self.text_size_button.setAccessibleName(
            translate("TopBar", "Text size: %1").replace("%1", percent(theme.text_scale))
        )
        self.text_size_button.setAccessibleDescription(
            translate("TopBar", "Makes the text larger, then back again")
        )
        self.text_size_button.clicked.connect(self.text_size_requested)
        self.contrast_button = self._display_button(CONTRAST_LABEL)
        self.contrast_button.setCheckable(True)
        self.contrast_button.setChecked(theme.high_contrast)
        self.contrast_button.setAccessibleName(
            translate("TopBar", "High contrast: on") if theme.high_contrast
            else translate("TopBar", "High contrast: off")
        )
        self.contrast_button.setAccessibleDescription(
            translate("TopBar", "Black and white, with stronger lines")
        )
        # The toggle shows the state it is in; MainWindow rebuilds the pages with the new one.
        self.contrast_button.clicked.connect(lambda _checked=False: self.contrast_requested.emit())
        # The language to switch to, in its own name ("Español"): who needs it can read it.
        self.language_button: QPushButton | None = None
        if language is not None:
            self.language_button = self._display_button(language)
            self.language_button.setAccessibleName(
                translate("TopBar", "Language: %1").replace("%1", language)
            )
            self.language_button.setAccessibleDescription(
                translate("TopBar", "Shows the kiosk in this language")
            )
            self.language_button.clicked.connect(self.language_requested)

        logo_width = theme.target_px if organization.logo is not None else 0
        fitted = self._fit_labels(
            width, left + right, logo_width, spacing, organization.name, navigation=navigation,
            printable=printable,
        )
        self.display_words = fitted.words
        text_size_text, contrast_text = display_labels(fitted.words)
        self.text_size_button.setText(text_size_text)
        self.contrast_button.setText(contrast_text)
        if navigation:
            back_text, home_text, print_text = fitted.nav
            self.print_text = print_text
            self.back_button = self._nav_button(back_text, translate("TopBar", "Back"), theme)
            self.back_button.clicked.connect(self.back_requested)
            self.home_button = self._nav_button(
                home_text, translate("TopBar", "Home screen"), theme
            )
            self.home_button.clicked.connect(self.home_requested)
            layout.addWidget(self.back_button)
            layout.addWidget(self.home_button)
            if printable:  # an article: its handout; lists of articles have none
                self.print_button = self._nav_button(
                    print_text, translate("TopBar", "Print this page to take home"), theme
                )
                self.print_button.setObjectName("PrintButton")
                self.print_button.clicked.connect(self.print_requested)
                layout.addWidget(self.print_button)
        if organization.logo is not None:
            logo = QLabel()
            side = theme.target_px
            logo.setPixmap(pixmap(organization.logo, side, side))
            logo.setAccessibleName(
                translate("TopBar", "%1 logo").replace("%1", organization.name)
            )
            layout.addWidget(logo)
        self.clinic_name = ElidingLabel(organization.name, "clinic")
        self.clinic_name.setAlignment(
            (Qt.AlignmentFlag.AlignRight if navigation else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter
        )
        layout.addWidget(self.clinic_name, 1 if navigation else 0)
        if self.language_button is not None:
            layout.addWidget(self.language_button)
        layout.addWidget(self.text_size_button)
        layout.addWidget(self.contrast_button)
        self._tab_in_reading_order()
        if not navigation:
            # The right end stays free: the content-update notice sits there on the home screen.
            self.clinic_name.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            self.clinic_name.setMinimumWidth(1)
            layout.addStretch(1)

    def buttons_in_reading_order(self) -> list[QPushButton]:
        """Left to right, as they are laid out."""
        shown = [self.back_button, self.home_button, self.print_button, self.language_button,
                 self.text_size_button, self.contrast_button]
        return [button for button in shown if button is not None]

    def _tab_in_reading_order(self) -> None:
        buttons = self.buttons_in_reading_order()
        for before, after in itertools.pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def _display_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("DisplayButton")
        button.setMinimumWidth(self.theme.target_px)
        return button

    def _fit_labels(
        self, width: int | None, margins: int, logo: int, spacing: int, clinic: str, *,
        navigation: bool, printable: bool = True,
    ) -> _Fitted:
        """Labels for `width` pixels, in this order of preference: words on every button with
        the clinic's whole name, then with a few letters of it, with the long print label before
        the short one; then the same with "Aa" as an icon alone; then both display buttons as
        icons alone (the first tap shows the word), likewise; then arrows alone on Back and
        Home. Words on Back and Home matter more than words on the display buttons, which
        matter more than the long print label and the whole name."""
        long_print, short_print, arrows = nav_labels()
        if width is None:
            return _Fitted(long_print, BOTH_WORDS)
        theme = self.theme
        font = QFont(theme.family)
        font.setPixelSize(theme.px(1))
        font.setBold(True)
        metrics = QFontMetrics(font)
        language = self.language_button
        language_width = (
            self._button_width(language.text(), language.minimumWidth(), metrics) if language else 0
        )
        name_font = QFont(theme.family)
        name_font.setPixelSize(theme.px(1.25))  # the "clinic" role's type
        name_font.setBold(True)
        whole_name = QFontMetrics(name_font).horizontalAdvance(clinic) + 4
        a_few_letters = min(whole_name, theme.px(5))
        choices: Sequence[tuple[tuple[str, str, str] | None, int, tuple[bool, bool]]]
        with_words = [(long_print, whole_name), (short_print, whole_name), (short_print, a_few_letters)]
        if navigation:
            choices = [(*labels, words) for words in (BOTH_WORDS, CONTRAST_WORD) for labels in with_words]
            choices += [(*labels, ICONS_ONLY) for labels in
                        [*with_words, (arrows, whole_name), (arrows, a_few_letters)]]
        else:
            choices = [(None, name, words) for words in (BOTH_WORDS, CONTRAST_WORD)
                       for name in (whole_name, a_few_letters)] + [(None, whole_name, ICONS_ONLY)]
        for labels, name_room, words in choices:
            shown = (labels if printable else labels[:2]) if labels else ()
            display = sum(
                self._button_width(text, theme.target_px, metrics) for text in display_labels(words)
            )
            buttons = sum(
                self._button_width(text, self._nav_min_width(text), metrics) for text in shown
            )
            items = len(shown) + 2 + (1 if language else 0) + 1 + (1 if logo else 0)
            needed = (margins + buttons + display + language_width + logo + name_room
                      + spacing * (items - 1))
            if needed <= width:
                return _Fitted(labels or long_print, words)
        return _Fitted(arrows, ICONS_ONLY)

    def _button_width(self, text: str, minimum: int, metrics: QFontMetrics) -> int:
        """As the stylesheet lays a top-bar button out: its text, padding and border."""
        padding = 2 * self.theme.top_bar_button_padding + 2 * self.theme.palette.border_px
        return max(minimum, metrics.horizontalAdvance(text) + padding + 2)

    def _nav_min_width(self, text: str) -> int:
        return self.theme.target_px

    def _nav_button(self, text: str, name: str, theme: Theme) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("NavButton")
        button.setAccessibleName(name)
        button.setMinimumWidth(self._nav_min_width(text))
        return button


def focused_place(page: QWidget | None) -> int | None:
    """Which button of `page`'s top bar has the focus (its place counted from the right, where
    "Aa", contrast and language sit on every screen), if one does."""
    top_bar = getattr(page, "top_bar", None)
    if not isinstance(top_bar, TopBar):
        return None
    buttons = top_bar.buttons_in_reading_order()
    focused = [i for i, button in enumerate(buttons) if button.hasFocus()]
    return focused[0] - len(buttons) if focused else None


def focus_place(page: QWidget | None, place_from_end: int) -> None:
    """After "Aa", contrast or language rebuilt the pages: the focus goes back to that button."""
    top_bar = getattr(page, "top_bar", None)
    if isinstance(top_bar, TopBar):
        buttons = top_bar.buttons_in_reading_order()
        if -place_from_end <= len(buttons):
            buttons[place_from_end].setFocus(Qt.FocusReason.TabFocusReason)
