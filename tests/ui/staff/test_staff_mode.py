"""Staff mode, by touch: the hidden corner gesture, the PIN pad, and the staff panel behind it.

Every test drives the assembled kiosk with real touch events on a hand-moved clock, and reads
back the real settings and log files.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk import __version__
from kiosk.app import Kiosk
from kiosk.rules.clock import ManualClock
from kiosk.rules.navigation import HOME
from kiosk.rules.pin import hash_pin, verify_pin
from kiosk.settings.declared import Settings, describe_settings
from kiosk.settings.file import load_settings
from kiosk.ui.shell.input_watch import STAFF_CORNER_PX
from kiosk.ui.shell.theme import Theme
from kiosk.ui.staff.fleet_section import FleetSection
from kiosk.ui.staff.panel import StaffPanel, StaffSection
from kiosk.ui.staff.printing_section import PrintingSection
from kiosk.ui.staff.sections import (
    AboutSection,
    ContentSection,
    ExitSection,
    IdleTimesSection,
    LogSection,
    PinSection,
    StaffContext,
    default_sections,
    duration_text,
)
from kiosk.ui.staff.usage_section import UsageSection
from kiosk.ui.staff.usb_section import UsbSection
from tests.helpers.touch import tap, tap_window_at
from tests.ui.shell.test_idle_controller import open_article_by_touch, wait

PIN = "2468"
PIN_HASH = hash_pin(PIN)  # once: scrypt is slow on purpose
CORNER = QPoint(20, 20)
STAFF_TIMEOUT = 120
COUNTDOWN = 15


# Helpers ---------------------------------------------------------------------------------------


def manual_clock(kiosk: Kiosk) -> ManualClock:
    assert isinstance(kiosk.clock, ManualClock)
    return kiosk.clock


def corner_taps(kiosk: Kiosk, count: int = 5, gap: float = 0.4) -> None:
    """`count` taps in the staff corner, `gap` seconds apart on the kiosk's clock."""
    for index in range(count):
        if index:
            manual_clock(kiosk).advance(gap)
        tap_window_at(kiosk.window, CORNER)


def neutral_point(kiosk: Kiosk) -> QPoint:
    """A spot in the top bar, outside the corner, with nothing under it to press."""
    return QPoint(kiosk.window.width() - 40, 20)


def type_on_pad(kiosk: Kiosk, digits: str) -> None:
    pad = kiosk.staff.pad
    for digit in digits:
        tap(pad.digit_buttons[digit])
    tap(pad.ok_button)


def open_panel(kiosk: Kiosk, qtbot) -> StaffPanel:
    """The gesture, then the PIN (the kiosk must have PIN set)."""
    corner_taps(kiosk)
    assert kiosk.staff.pad.isVisible()
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    return kiosk.staff.panel


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def texts(widget: QWidget) -> list[str]:
    """The text of every visible label in `widget`."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def fact(panel: StaffPanel, name: str) -> str:
    about = panel.section(AboutSection)
    assert isinstance(about, AboutSection)
    return about.facts[name].text()


def idle_section(panel: StaffPanel) -> IdleTimesSection:
    section = panel.section(IdleTimesSection)
    assert isinstance(section, IdleTimesSection)
    return section


def show_in_panel(panel: StaffPanel, widget: QWidget) -> None:
    panel.scroll_area.ensureWidgetVisible(widget)
    settle()


def saved(settings_file: Path) -> Settings:
    result = load_settings(settings_file)
    assert result.problems == []
    return result.settings


# The gesture -----------------------------------------------------------------------------------


def test_five_quick_taps_in_the_corner_open_the_pin_pad(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk)
    pad = kiosk.staff.pad
    assert pad.isVisible()
    assert pad.geometry() == kiosk.window.rect()
    assert pad.heading.text() == "Staff PIN"
    assert not kiosk.staff.panel.isVisible()
    assert all(button.isEnabled() for button in pad.digit_buttons.values())


def test_four_taps_in_the_corner_do_not(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk, count=4)
    assert not kiosk.staff.is_open
    # One more, still within three seconds of the first, completes it.
    manual_clock(kiosk).advance(0.4)
    tap_window_at(kiosk.window, CORNER)
    assert kiosk.staff.pad.isVisible()


def test_five_taps_spread_over_more_than_three_seconds_do_not(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk, count=5, gap=0.8)  # the fifth comes 3.2 s after the first
    assert not kiosk.staff.is_open
    manual_clock(kiosk).advance(0.8)
    corner_taps(kiosk, count=3, gap=0.8)  # a slow, steady tapper never gets in
    assert not kiosk.staff.is_open


def test_a_tap_elsewhere_breaks_the_sequence(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk, count=3)
    manual_clock(kiosk).advance(0.2)
    tap_window_at(kiosk.window, neutral_point(kiosk))
    manual_clock(kiosk).advance(0.2)
    corner_taps(kiosk, count=2)  # five corner taps within 3 s, but not in a row
    assert not kiosk.staff.is_open
    assert kiosk.window.current_screen == HOME
    manual_clock(kiosk).advance(0.4)
    corner_taps(kiosk, count=3)  # five in a row since the tap elsewhere
    assert kiosk.staff.pad.isVisible()


def test_the_corner_works_on_an_article_page(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    open_article_by_touch(kiosk, qtbot)
    article = kiosk.window.current_screen
    corner_taps(kiosk)
    assert kiosk.staff.pad.isVisible()
    assert kiosk.window.current_screen == article  # the taps pressed nothing on the page


def test_the_corner_works_on_the_attract_screen(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    wait(kiosk, 90 + 300 + 1)
    assert kiosk.idle.attract.isVisible()
    corner_taps(kiosk)  # the first tap also ends the attract screen
    assert kiosk.staff.pad.isVisible()
    qtbot.waitUntil(lambda: not kiosk.idle.attract.isVisible())
    assert kiosk.window.current_screen == HOME


def test_cancel_closes_the_pad_and_the_page_beneath_is_untouched(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    open_article_by_touch(kiosk, qtbot)
    article = kiosk.window.current_screen
    corner_taps(kiosk)
    tap(kiosk.staff.pad.digit_buttons["1"])
    tap(kiosk.staff.pad.cancel_button)
    qtbot.waitUntil(lambda: not kiosk.staff.pad.isVisible())
    assert not kiosk.staff.is_open
    assert kiosk.window.current_screen == article
    corner_taps(kiosk)  # and the gesture works again
    assert kiosk.staff.pad.isVisible()
    assert kiosk.staff.pad.entered() == ""


# The PIN ---------------------------------------------------------------------------------------


def test_a_new_kiosk_lets_no_one_choose_the_pin_from_the_screen(make_kiosk, settings_file, qtbot) -> None:
    """Switched on and left in the waiting room before staff get to it: five taps in the corner
    show who sets the PIN, and nothing there can be typed, chosen or opened."""
    kiosk = make_kiosk()
    assert kiosk.settings.settings.pin_hash == ""
    corner_taps(kiosk)
    pad = kiosk.staff.pad
    assert pad.isVisible()
    assert pad.heading.text() == "Staff mode is not set up yet"
    assert "kiosk pin set" in pad.hint.text()
    assert "No staff PIN" in pad.message.text()
    keys = [*pad.digit_buttons.values(), pad.ok_button, pad.clear_button, pad.dots]
    assert not any(key.isVisible() or key.isEnabled() for key in keys[:-1]) and not pad.dots.isVisible()
    assert pad.cancel_button.isVisible()  # the only thing to tap
    for digit in "9081729081":  # keys a visitor cannot see, pressed anyway: nothing is typed
        pad.digit_buttons[digit].click()
    pad.ok_button.click()
    assert pad.entered() == "" and pad.heading.text() == "Staff mode is not set up yet"
    for _ in range(3):  # the gesture again, and the pad's own signal as a screen reader would
        tap(pad.cancel_button)
        qtbot.waitUntil(lambda: not pad.isVisible())
        corner_taps(kiosk)
        pad.submitted.emit("9081")
    assert not kiosk.staff.panel.isVisible()
    assert not settings_file.exists() and kiosk.settings.settings.pin_hash == ""


def test_a_pin_set_on_the_computer_opens_staff_mode_at_the_next_gesture(
    make_kiosk, settings_file, tmp_path, qtbot,
) -> None:
    """IT runs `kiosk pin set` while the kiosk runs: the next five taps ask for that PIN."""
    from tests.cli.test_content_commands import kiosk as run_kiosk_command

    kiosk = make_kiosk()
    corner_taps(kiosk)
    assert kiosk.staff.pad.heading.text() == "Staff mode is not set up yet"
    tap(kiosk.staff.pad.cancel_button)
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text(PIN + "\n", encoding="utf-8")
    done = run_kiosk_command("pin", "set", "--from-file", str(pin_file), "--config", str(settings_file))
    assert done.returncode == 0, done.stderr
    corner_taps(kiosk)
    pad = kiosk.staff.pad
    assert pad.heading.text() == "Staff PIN" and pad.ok_button.isEnabled()
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    assert verify_pin(PIN, kiosk.settings.settings.pin_hash)
    assert PIN not in settings_file.read_text(encoding="utf-8")


def test_a_pin_replaced_on_the_computer_replaces_the_one_in_memory(
    make_kiosk, settings_file, tmp_path, qtbot,
) -> None:
    """Staff forgot the PIN: IT sets a new one; the running kiosk takes it at the next gesture."""
    from tests.cli.test_content_commands import kiosk as run_kiosk_command

    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    pin_file = tmp_path / "pin.txt"
    pin_file.write_text("97531\n", encoding="utf-8")
    done = run_kiosk_command("pin", "set", "--from-file", str(pin_file), "--config", str(settings_file))
    assert done.returncode == 0, done.stderr
    corner_taps(kiosk)
    type_on_pad(kiosk, PIN)
    assert "not right" in kiosk.staff.pad.message.text()
    type_on_pad(kiosk, "97531")
    qtbot.waitUntil(kiosk.staff.panel.isVisible)


def test_the_right_pin_opens_the_panel(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk)
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    assert not kiosk.staff.pad.isVisible()
    assert kiosk.staff.panel.geometry() == kiosk.window.rect()
    assert "Staff panel" in texts(kiosk.staff.panel)


def test_a_wrong_pin_says_how_many_tries_are_left(make_kiosk) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk)
    type_on_pad(kiosk, "1111")
    pad = kiosk.staff.pad
    assert pad.isVisible()
    assert not kiosk.staff.panel.isVisible()
    assert pad.message.text() == "That PIN is not right. 4 tries left."
    assert pad.entered() == ""
    for _ in range(3):
        type_on_pad(kiosk, "1111")
    assert pad.message.text() == "That PIN is not right. 1 try left."


def test_a_damaged_saved_pin_is_explained_not_counted_as_wrong_tries(make_kiosk, caplog) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH[:-6]))
    corner_taps(kiosk)
    pad = kiosk.staff.pad
    assert "damaged" in pad.message.text() and "kiosk pin set" in pad.message.text()
    for _ in range(6):
        type_on_pad(kiosk, PIN)
    assert not kiosk.staff.panel.isVisible()
    assert not pad.locked
    assert kiosk.staff.lockout.failures == 0
    assert "damaged" in pad.message.text()
    assert "is damaged" in caplog.text


def _lock(kiosk: Kiosk) -> None:
    for _ in range(5):
        type_on_pad(kiosk, "1357")


def _digits_enabled(kiosk: Kiosk) -> bool:
    return all(button.isEnabled() for button in kiosk.staff.pad.digit_buttons.values())


def test_five_wrong_pins_lock_the_pad_for_60_s_and_then_twice_as_long(make_kiosk, qtbot, caplog) -> None:
    caplog.set_level(logging.INFO)
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    kiosk.staff.lock_timer.setInterval(20)  # the pad checks the (hand-moved) clock more often
    clock = manual_clock(kiosk)
    pad = kiosk.staff.pad
    corner_taps(kiosk)
    _lock(kiosk)
    assert pad.locked
    assert not _digits_enabled(kiosk)
    assert not pad.ok_button.isEnabled()
    assert "Try again in 60 seconds" in pad.message.text()
    # While locked, even the right PIN cannot be typed.
    type_on_pad(kiosk, PIN)
    assert pad.entered() == ""
    assert not kiosk.staff.panel.isVisible()

    clock.advance(59)
    qtbot.waitUntil(lambda: "Try again in 1 second." in pad.message.text(), timeout=3000)
    assert not _digits_enabled(kiosk)
    clock.advance(1)
    qtbot.waitUntil(lambda: _digits_enabled(kiosk), timeout=3000)
    assert not pad.locked

    _lock(kiosk)  # five more wrong: the second lock is twice as long
    assert pad.locked
    assert "Try again in 120 seconds" in pad.message.text()
    clock.advance(60)
    qtbot.waitUntil(lambda: "Try again in 60 seconds" in pad.message.text(), timeout=3000)
    assert not _digits_enabled(kiosk)
    clock.advance(60)
    qtbot.waitUntil(lambda: _digits_enabled(kiosk), timeout=3000)

    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)

    failures = [r for r in caplog.records if "wrong staff PIN" in r.getMessage()]
    assert len(failures) == 10
    locks = [r.getMessage() for r in caplog.records if "locked" in r.getMessage()]
    assert locks == ["PIN pad locked for 60 s", "PIN pad locked for 120 s"]
    for record in caplog.records:
        message = record.getMessage()
        assert "1357" not in message
        assert PIN not in message


def test_the_lock_survives_closing_and_reopening_the_pad(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk)
    _lock(kiosk)
    tap(kiosk.staff.pad.cancel_button)
    qtbot.waitUntil(lambda: not kiosk.staff.pad.isVisible())
    manual_clock(kiosk).advance(10)
    corner_taps(kiosk)  # 1.6 s more
    assert kiosk.staff.pad.locked
    assert not _digits_enabled(kiosk)
    assert "Try again in 49 seconds" in kiosk.staff.pad.message.text()


# The panel -------------------------------------------------------------------------------------


def test_the_panel_shows_the_pack_and_the_machine(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    pack = kiosk.window.pack
    manual_clock(kiosk).advance(3600)
    panel = open_panel(kiosk, qtbot)
    assert fact(panel, "Pack title") == pack.title == "We're here to help"
    assert fact(panel, "Pack id") == "raleigh-house"
    assert fact(panel, "Pack version") == "2026.11.27"
    assert fact(panel, "Articles") == str(len(pack.articles)) == "4"
    assert fact(panel, "Content folder") == str(kiosk.content_source)
    assert fact(panel, "App version") == __version__
    assert fact(panel, "Running for") == "1 h 0 min"
    assert "GB free of" in fact(panel, "Disk")
    # Every section is there, and everything it says is on screen when scrolled to.
    kinds = [type(s) for s in panel.sections]
    assert kinds == [
        AboutSection, ContentSection, UsbSection, PrintingSection, UsageSection, FleetSection,
        IdleTimesSection, PinSection, LogSection, ExitSection,
    ]
    for section in panel.sections:
        assert section.isVisibleTo(panel)


def test_the_running_time_is_fresh_each_time_the_panel_opens(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    assert fact(panel, "Running for") == "0 min"
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not panel.isVisible())
    manual_clock(kiosk).advance(2 * 3600 + 5 * 60)
    panel = open_panel(kiosk, qtbot)
    assert fact(panel, "Running for") == "2 h 5 min"


def test_the_log_section_shows_the_last_lines_of_the_log_file(make_kiosk, tmp_path, qtbot) -> None:
    log_file = tmp_path / "logs" / "kiosk.log"
    log_file.parent.mkdir()
    log_file.write_text("".join(f"event {n:02d} happened\n" for n in range(1, 31)), encoding="utf-8")
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH), log_file=log_file)
    panel = open_panel(kiosk, qtbot)
    section = panel.section(LogSection)
    assert isinstance(section, LogSection)
    shown = section.lines.text()
    for n in range(30 - LogSection.LINES + 1, 31):
        assert f"event {n:02d} happened" in shown
    assert f"event {30 - LogSection.LINES:02d}" not in shown
    assert str(log_file) in shown
    # New lines appear the next time the panel opens.
    with log_file.open("a", encoding="utf-8") as handle:
        handle.write("event 31 happened\n")
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not panel.isVisible())
    panel = open_panel(kiosk, qtbot)
    section = panel.section(LogSection)
    assert isinstance(section, LogSection)
    assert "event 31 happened" in section.lines.text()


def test_idle_times_are_changed_with_steppers_saved_to_the_file_and_used_at_once(
    make_kiosk, settings_file, qtbot
) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = idle_section(panel)
    assert section.value_labels["idle_seconds"].text() == "1 min 30 s"
    show_in_panel(panel, section.save_button)
    tap(section.plus_buttons["idle_seconds"])
    tap(section.plus_buttons["idle_seconds"])
    tap(section.minus_buttons["countdown_seconds"])
    assert section.value_labels["idle_seconds"].text() == "2 min"
    assert section.value_labels["countdown_seconds"].text() == "10 s"
    # Nothing is saved or applied before Save, and the panel says so.
    assert not settings_file.exists()
    assert kiosk.idle.machine.timings.idle_seconds == 90
    assert section.message.isVisibleTo(panel)
    assert section.message.text().startswith("Not saved yet")

    tap(section.save_button)
    assert section.message.text() == "Saved. The new idle times apply now."
    assert section.message.isVisibleTo(panel)
    on_disk = saved(settings_file)
    assert (on_disk.idle_seconds, on_disk.countdown_seconds) == (120, 10)
    assert on_disk.pin_hash == PIN_HASH  # the rest of the settings are kept
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.toml"]  # no temp left
    assert kiosk.idle.machine.timings.idle_seconds == 120
    assert kiosk.idle.machine.timings.countdown_seconds == 10

    # The kiosk runs on the new times: after closing the panel, a visitor gets 120 s.
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not panel.isVisible())
    open_article_by_touch(kiosk, qtbot, "what-is-synthetic-fentanyl")
    wait(kiosk, 119)
    assert not kiosk.idle.still_here.isVisible()
    wait(kiosk, 1.25)
    assert kiosk.idle.still_here.isVisible()
    assert kiosk.idle.still_here.countdown.text() == "10"


def test_stepping_back_to_the_saved_times_needs_no_save(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = idle_section(panel)
    assert not section.message.isVisibleTo(panel)  # no empty message taking room
    show_in_panel(panel, section.save_button)
    tap(section.plus_buttons["attract_seconds"])
    assert section.message.text().startswith("Not saved yet")
    tap(section.minus_buttons["attract_seconds"])
    assert not section.message.isVisibleTo(panel)
    # Unsaved times are forgotten when the panel closes: it opens again on the saved ones.
    tap(section.plus_buttons["idle_seconds"])
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)
    panel = open_panel(kiosk, qtbot)
    section = idle_section(panel)
    assert section.value_labels["idle_seconds"].text() == "1 min 30 s"
    assert kiosk.settings.settings.idle_seconds == 90


def test_the_steppers_stop_at_the_declared_limits(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH, attract_seconds=86340))
    panel = open_panel(kiosk, qtbot)
    section = idle_section(panel)
    show_in_panel(panel, section.save_button)
    limits = {s.attribute: (s.minimum, s.maximum) for s in describe_settings()}

    for _ in range(10):
        tap(section.minus_buttons["idle_seconds"])
        tap(section.minus_buttons["countdown_seconds"])
        tap(section.minus_buttons["staff_timeout_seconds"])
    assert section.value_labels["idle_seconds"].text() == f"{limits['idle_seconds'][0]} s" == "15 s"
    assert section.value_labels["countdown_seconds"].text() == f"{limits['countdown_seconds'][0]} s"
    assert section.value_labels["staff_timeout_seconds"].text() == "30 s"

    for _ in range(25):
        tap(section.plus_buttons["countdown_seconds"])
    for _ in range(3):
        tap(section.plus_buttons["attract_seconds"])
    assert section.value_labels["countdown_seconds"].text() == duration_text(
        int(limits["countdown_seconds"][1] or 0)
    ) == "2 min"
    assert section.value_labels["attract_seconds"].text() == "24 h"
    assert limits["attract_seconds"][1] == 86400

    tap(section.save_button)  # values at the limits are allowed, so they save
    assert section.message.text().startswith("Saved")
    assert kiosk.settings.settings.countdown_seconds == 120
    assert kiosk.settings.settings.staff_timeout_seconds == 30


def test_the_pin_can_be_changed_from_the_panel(make_kiosk, settings_file, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = panel.section(PinSection)
    assert isinstance(section, PinSection)
    show_in_panel(panel, section.change_button)
    tap(section.change_button)
    pad = kiosk.staff.pad
    assert pad.isVisible()
    assert not panel.isVisible()
    assert pad.heading.text() == "Choose a new staff PIN"
    type_on_pad(kiosk, "13579")
    type_on_pad(kiosk, "13579")
    qtbot.waitUntil(kiosk.staff.panel.isVisible)

    stored = saved(settings_file).pin_hash
    assert stored != PIN_HASH
    assert verify_pin("13579", stored)
    assert "13579" not in settings_file.read_text(encoding="utf-8")

    tap(kiosk.staff.panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)
    corner_taps(kiosk)
    type_on_pad(kiosk, PIN)  # the old PIN no longer opens it
    assert not kiosk.staff.panel.isVisible()
    assert "not right" in pad.message.text()
    type_on_pad(kiosk, "13579")
    qtbot.waitUntil(kiosk.staff.panel.isVisible)


def test_cancel_while_changing_the_pin_goes_back_to_the_panel(make_kiosk, settings_file, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = panel.section(PinSection)
    assert isinstance(section, PinSection)
    show_in_panel(panel, section.change_button)
    tap(section.change_button)
    type_on_pad(kiosk, "13579")  # chosen, not yet confirmed
    assert kiosk.staff.pad.heading.text() == "Type the new PIN again"
    tap(kiosk.staff.pad.cancel_button)
    qtbot.waitUntil(lambda: not kiosk.staff.pad.isVisible())
    assert kiosk.staff.panel.isVisible()  # still in, no need for the gesture and PIN again
    assert kiosk.settings.settings.pin_hash == PIN_HASH
    assert not settings_file.exists()
    # Cancel on the ordinary PIN pad still leaves staff mode altogether.
    tap(kiosk.staff.panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)
    corner_taps(kiosk)
    tap(kiosk.staff.pad.cancel_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)


def test_settings_that_cannot_be_written_change_nothing_and_say_so(make_kiosk, settings_file, qtbot) -> None:
    settings_file.mkdir(parents=True)  # a folder where the file should be: the write must fail
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = idle_section(panel)
    show_in_panel(panel, section.save_button)
    tap(section.plus_buttons["idle_seconds"])
    tap(section.save_button)
    assert "could not be saved" in section.message.text()
    assert "Nothing was changed" in section.message.text()
    assert kiosk.settings.settings.idle_seconds == 90
    assert kiosk.idle.machine.timings.idle_seconds == 90
    assert list(settings_file.parent.iterdir()) == [settings_file]  # no temporary file left


def test_a_new_pin_that_cannot_be_saved_keeps_the_old_one(make_kiosk, settings_file, qtbot) -> None:
    settings_file.mkdir(parents=True)
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = panel.section(PinSection)
    assert isinstance(section, PinSection)
    show_in_panel(panel, section.change_button)
    tap(section.change_button)
    type_on_pad(kiosk, "908172")
    type_on_pad(kiosk, "908172")
    assert kiosk.staff.pad.isVisible()
    assert "could not be saved" in kiosk.staff.pad.message.text()
    assert not kiosk.staff.panel.isVisible()
    assert kiosk.settings.settings.pin_hash == PIN_HASH


def test_the_panel_stays_open_when_the_screen_turns(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    open_panel(kiosk, qtbot)
    kiosk.window.resize(1080, 1920)
    qtbot.waitUntil(lambda: kiosk.staff.panel.geometry() == kiosk.window.rect())
    assert kiosk.staff.panel.isVisible()
    assert kiosk.window.rect().height() == 1920


def _reload(kiosk: Kiosk) -> ContentSection:
    panel = kiosk.staff.panel
    section = panel.section(ContentSection)
    assert isinstance(section, ContentSection)
    show_in_panel(panel, section.reload_button)
    tap(section.reload_button)
    settle()
    return section


def _home_texts(kiosk: Kiosk) -> list[str]:
    return texts(kiosk.window.home_page)


def test_reload_refuses_broken_content_and_keeps_the_old_pack(make_kiosk, pack_copy, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH), content=pack_copy)
    old_pack = kiosk.window.pack
    open_panel(kiosk, qtbot)
    pack_yaml = pack_copy / "pack.yaml"
    good = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(good.replace("title: \"We're here to help\"\n", ""), encoding="utf-8")

    section = _reload(kiosk)
    message = section.message.text()
    assert "still shows the old content" in message
    assert "pack.yaml:1: 'title' is missing" in message
    assert str(pack_copy) in message
    assert kiosk.window.pack is old_pack
    assert "We're here to help" in _home_texts(kiosk)
    assert kiosk.staff.panel.isVisible()

    pack_yaml.write_text(good + "home: [unclosed\n", encoding="utf-8")  # not YAML any more
    message = _reload(kiosk).message.text()
    assert "still shows the old content" in message
    assert "pack.yaml:" in message
    assert "YAML is not valid" in message
    assert kiosk.window.pack is old_pack


def test_reload_shows_the_new_content_and_keeps_the_panel_open(make_kiosk, pack_copy, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH), content=pack_copy)
    open_panel(kiosk, qtbot)
    pack_yaml = pack_copy / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    pack_yaml.write_text(
        text.replace("We're here to help", "Welcome to the clinic").replace("2026.11.27", "2026.12.01"),
        encoding="utf-8",
    )
    _reload(kiosk)
    qtbot.waitUntil(lambda: kiosk.window.pack.title == "Welcome to the clinic")
    settle()
    assert "Welcome to the clinic" in _home_texts(kiosk)
    assert "We're here to help" not in _home_texts(kiosk)
    panel = kiosk.staff.panel  # rebuilt with the window's pages, and still open
    assert panel.isVisible()
    section = panel.section(ContentSection)
    assert isinstance(section, ContentSection)
    assert section.message.text() == "Loaded Welcome to the clinic, version 2026.12.01: 4 articles."
    assert fact(panel, "Pack title") == "Welcome to the clinic"
    assert fact(panel, "Pack version") == "2026.12.01"
    # The new pad works too: the gesture and PIN still open the (new) panel.
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)
    assert open_panel(kiosk, qtbot).isVisible()


def test_the_panel_closes_itself_after_the_staff_timeout(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    open_article_by_touch(kiosk, qtbot)
    panel = open_panel(kiosk, qtbot)
    wait(kiosk, STAFF_TIMEOUT - 5)
    assert panel.isVisible()
    assert not kiosk.idle.still_here.isVisible()
    wait(kiosk, 5 + 1)
    assert kiosk.idle.still_here.isVisible()  # "Still reading?" asks first, as everywhere
    wait(kiosk, 13)
    assert panel.isVisible()  # 134 s: the countdown has a second to go
    wait(kiosk, 2)  # 136 s in all: the staff timeout, the countdown, and a second
    assert not panel.isVisible()
    assert not kiosk.staff.is_open
    assert not kiosk.idle.still_here.isVisible()
    assert kiosk.window.current_screen == HOME
    assert kiosk.window.history.depth == 0
    assert kiosk.window.is_at_rest()
    assert kiosk.idle.resets == 1


def test_a_touch_in_the_panel_keeps_it_open(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    wait(kiosk, 100)
    section = idle_section(panel)
    show_in_panel(panel, section.save_button)
    tap(section.plus_buttons["idle_seconds"])
    wait(kiosk, 100)
    assert panel.isVisible()
    assert not kiosk.idle.still_here.isVisible()


def test_the_pad_left_open_closes_itself_too(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    corner_taps(kiosk)
    tap(kiosk.staff.pad.digit_buttons["2"])
    wait(kiosk, STAFF_TIMEOUT + COUNTDOWN + 1)
    assert not kiosk.staff.is_open
    assert kiosk.staff.pad.entered() == ""
    assert kiosk.window.current_screen == HOME


def test_exit_takes_two_taps_and_releases_lock_down(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH), lock_down=True)
    assert kiosk.lockdown is not None
    assert kiosk.window.close() is False  # locked down: a close is refused
    assert kiosk.window.isVisible()
    panel = open_panel(kiosk, qtbot)
    section = panel.section(ExitSection)
    assert isinstance(section, ExitSection)
    show_in_panel(panel, section.exit_button)

    tap(section.exit_button)
    assert kiosk.window.isVisible()
    assert section.exit_button.text() == "Tap again to exit the kiosk"
    tap(section.exit_button)
    qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    assert kiosk.lockdown.released


def test_exit_must_be_armed_again_after_the_panel_reopens(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    panel = open_panel(kiosk, qtbot)
    section = panel.section(ExitSection)
    assert isinstance(section, ExitSection)
    show_in_panel(panel, section.exit_button)
    tap(section.exit_button)
    tap(panel.close_button)
    qtbot.waitUntil(lambda: not kiosk.staff.is_open)
    panel = open_panel(kiosk, qtbot)
    section = panel.section(ExitSection)
    assert isinstance(section, ExitSection)
    assert section.exit_button.text() == "Exit the kiosk"
    show_in_panel(panel, section.exit_button)
    tap(section.exit_button)
    assert kiosk.window.isVisible()


# Extending the panel ---------------------------------------------------------------------------


class PrinterSection(StaffSection):
    """What a later feature adds: its own block, refreshed each time the panel opens."""

    title = "Printer"

    def __init__(self, theme: Theme) -> None:
        super().__init__(theme)
        self.refreshes = 0
        self.status = QLabel("")
        self.body.addWidget(self.status)

    def refresh(self) -> None:
        self.refreshes += 1
        self.status.setText(f"Checked {self.refreshes} time(s)")


def test_a_new_section_can_be_added_without_touching_the_others(make_kiosk, settings_file) -> None:
    kiosk = make_kiosk()
    window = kiosk.window
    context = StaffContext(
        pack=lambda: window.pack, content_source=lambda: kiosk.content_source,
        settings=kiosk.settings, clock=kiosk.clock, started_at=kiosk.clock.now(), log_file=None,
        reload_content=kiosk.reload_content, change_pin=lambda: None, exit_kiosk=lambda: None,
    )
    printer = PrinterSection(window.theme)
    panel = StaffPanel(window, window.theme, [*default_sections(window.theme, context), printer])
    assert printer.refreshes == 0
    panel.open()
    settle()
    assert panel.isVisible()
    assert panel.section(PrinterSection) is printer
    assert printer.refreshes == 1
    assert printer.status.text() == "Checked 1 time(s)"
    assert "Printer" in texts(printer)
    assert printer.isVisibleTo(panel)
    # The sections before it work as ever.
    assert fact(panel, "Pack title") == window.pack.title
    panel.scroll_area.ensureWidgetVisible(printer)
    settle()
    assert printer.visibleRegion().boundingRect().height() > 0
    panel.close_panel()
    panel.open()
    assert printer.refreshes == 2


@pytest.mark.parametrize("screen", ["home", "article"])
def test_the_gesture_counts_where_the_finger_lands_not_what_is_under_it(make_kiosk, qtbot, screen) -> None:
    """The whole 80x80 corner counts, even its far edge."""
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    if screen == "article":
        open_article_by_touch(kiosk, qtbot)
    for _ in range(5):
        tap_window_at(kiosk.window, QPoint(79, 79))
        manual_clock(kiosk).advance(0.3)
    assert kiosk.staff.pad.isVisible()
    kiosk.staff.close()
    for _ in range(5):
        tap_window_at(kiosk.window, QPoint(80, 20))  # just outside
        manual_clock(kiosk).advance(0.3)
    assert not kiosk.staff.is_open


def test_no_button_lies_in_the_staff_corner_on_an_article_page(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot)
    corner = QRect(0, 0, STAFF_CORNER_PX, STAFF_CORNER_PX)
    buttons = [b for b in kiosk.window.findChildren(QPushButton) if b.isVisible()]
    assert buttons
    for button in buttons:
        where = QRect(button.mapTo(kiosk.window, QPoint(0, 0)), button.size())
        assert not where.intersects(corner), f"{button.text()!r} is in the staff corner"


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (15, "15 s"), (90, "1 min 30 s"), (300, "5 min"), (3600, "1 h")]
)
def test_idle_times_read_in_minutes(seconds: int, text: str) -> None:
    assert duration_text(seconds) == text
