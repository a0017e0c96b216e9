"""The staff PIN pad, tapped with a finger: digits, dots, Clear, OK, Cancel, the lock, the sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.ui.staff.pin_pad import MAX_DIGITS, PinPad, lock_text
from tests.helpers.kiosk_fixtures import SCREEN_SIZES
from tests.helpers.touch import tap


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def make_pad(make_window):
    windows = []  # qtbot holds windows weakly: the test keeps them alive through this list

    def make(size: QSize | None = None, title: str = "Staff PIN", hint: str = "") -> PinPad:
        window = make_window(size or QSize(1920, 1080))
        windows.append(window)
        pad = PinPad(window, window.theme)
        pad.ask(title, hint)
        _settle()
        return pad

    yield make
    windows.clear()


@pytest.fixture
def pad(make_pad) -> PinPad:
    return make_pad()


def _type(pad: PinPad, digits: str) -> None:
    for digit in digits:
        tap(pad.digit_buttons[digit])


def test_ask_shows_the_pad_empty_with_its_heading_and_hint(pad):
    assert pad.isVisible()
    assert pad.geometry() == pad.parentWidget().rect()
    assert pad.heading.text() == "Staff PIN"
    assert not pad.hint.isVisible()
    _type(pad, "12")
    pad.ask("Choose a new staff PIN", "Use 4 to 8 digits.")
    assert pad.heading.text() == "Choose a new staff PIN"
    assert pad.hint.text() == "Use 4 to 8 digits."
    assert pad.hint.isVisible()
    assert pad.entered() == ""


def test_digits_build_the_entry_and_the_dots(pad):
    assert pad.entered() == ""
    assert pad.dots_text() == ""
    _type(pad, "2580")
    assert pad.entered() == "2580"
    assert pad.dots_text() == "\u25cf" * 4
    assert not any(c.isdigit() for c in pad.dots_text())
    assert pad.dots.accessibleName() == "4 digits typed"


def test_every_digit_key_types_its_digit(pad):
    _type(pad, "12345678")
    assert pad.entered() == "12345678"
    tap(pad.ok_button)
    _type(pad, "90")
    assert pad.entered() == "90"


def test_clear_removes_one_digit(pad):
    _type(pad, "123")
    tap(pad.clear_button)
    assert pad.entered() == "12"
    assert pad.dots_text() == "\u25cf" * 2
    tap(pad.clear_button)
    tap(pad.clear_button)
    tap(pad.clear_button)  # nothing left to clear: no harm
    assert pad.entered() == ""


def test_ok_emits_the_digits_and_clears(pad, qtbot):
    _type(pad, "4711")
    with qtbot.waitSignal(pad.submitted, timeout=1000) as blocker:
        tap(pad.ok_button)
    assert blocker.args == ["4711"]
    assert pad.entered() == ""
    assert pad.dots_text() == ""
    assert pad.isVisible(), "the controller decides whether the pad closes"


def test_ok_with_no_digits_emits_nothing_and_says_why(pad):
    submitted: list[str] = []
    pad.submitted.connect(submitted.append)
    tap(pad.ok_button)
    assert submitted == []
    assert pad.message.isVisible()
    assert "Type the PIN" in pad.message.text()


def test_cancel_emits_cancelled_clears_and_closes(pad, qtbot):
    _type(pad, "99")
    with qtbot.waitSignal(pad.cancelled, timeout=1000):
        tap(pad.cancel_button)
    assert pad.entered() == ""
    qtbot.waitUntil(lambda: not pad.isVisible())


def test_at_most_eight_digits(pad):
    _type(pad, "1234567890")
    assert MAX_DIGITS == 8
    assert pad.entered() == "12345678"
    assert pad.dots_text() == "\u25cf" * 8


def test_show_message_in_plain_words(pad):
    assert not pad.message.isVisible()
    pad.show_message("That PIN is not right. 3 tries left.")
    assert pad.message.isVisible()
    assert pad.message.text() == "That PIN is not right. 3 tries left."
    pad.ask("Staff PIN")
    assert not pad.message.isVisible()


def test_a_locked_pad_ignores_digits_and_shows_the_wait(pad):
    submitted: list[str] = []
    pad.submitted.connect(submitted.append)
    _type(pad, "12")
    pad.set_locked(59.2)
    assert pad.entered() == "", "locking forgets a half-typed PIN"
    assert pad.message.text() == "Too many wrong PINs. Try again in 60 seconds."
    assert all(not b.isEnabled() for b in pad.digit_buttons.values())
    assert not pad.ok_button.isEnabled()
    assert pad.cancel_button.isEnabled()
    _type(pad, "1234")
    tap(pad.ok_button)
    assert pad.entered() == ""
    assert submitted == []

    pad.set_locked(0.4)
    assert pad.message.text() == "Too many wrong PINs. Try again in 1 second."
    pad.set_locked(0)
    assert not pad.message.isVisible()
    assert all(b.isEnabled() for b in pad.digit_buttons.values())
    assert pad.ok_button.isEnabled()
    _type(pad, "1234")
    tap(pad.ok_button)
    assert submitted == ["1234"]


def test_lock_stays_shown_when_asked_again(pad):
    pad.set_locked(30)
    pad.ask("Staff PIN")
    assert pad.message.text() == lock_text(30)
    assert not pad.digit_buttons["1"].isEnabled()


def test_hide_clears_the_digits(pad):
    _type(pad, "5555")
    pad.hide()
    assert pad.entered() == ""
    assert pad.dots_text() == ""
    pad.present()
    assert pad.entered() == ""


def test_touches_outside_the_keys_do_not_reach_the_screen_beneath(make_window, qtbot):
    window = make_window(QSize(1920, 1080))
    pad = PinPad(window, window.theme)
    pad.ask("Staff PIN")
    _settle()
    for tile in window.home_page.tiles:
        centre = tile.mapTo(window, tile.rect().center())
        tap(pad, pad.mapFrom(window, centre))
    tap(pad.card, QPoint(4, 4))
    tap(pad.dots)
    _settle()
    assert window.current_screen == "home"
    assert pad.isVisible()


def _rect_in_window(widget, window) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_big_keys_and_the_pad_fits_the_window(make_pad, size):
    pad = make_pad(size, "Choose a new staff PIN", "Use 4 to 8 digits that nobody could guess.")
    pad.set_locked(60)  # the longest message
    _settle()
    window = pad.window()
    theme = window.theme
    frame = QRect(QPoint(0, 0), size)
    card = _rect_in_window(pad.card, window)
    assert frame.contains(card), f"the card {card} is outside {size}"

    buttons = pad.findChildren(QPushButton)
    assert len(buttons) == 13
    for button in buttons:
        assert button.isVisible()
        assert button.width() >= 48 and button.height() >= 48, button.text()
        assert card.contains(_rect_in_window(button, window)), button.text()

    keys = [*pad.digit_buttons.values(), pad.clear_button, pad.ok_button]
    assert len(keys) == 12
    for key in keys:
        assert min(key.width(), key.height()) >= 1.6 * theme.target_px, key.text()
        assert key.width() <= 1.5 * key.height(), "square-ish"
    rects = [_rect_in_window(key, window) for key in keys]
    for i, rect in enumerate(rects):
        for other in rects[i + 1 :]:
            assert not rect.intersects(other), "keys must not overlap"
    assert pad.digit_buttons["5"].font().pixelSize() == theme.px(1.8)

    for label in (pad.heading, pad.hint, pad.message):
        assert label.height() >= label.heightForWidth(label.width()), "text cut off"
