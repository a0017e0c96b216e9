"""The visitor's path from Print to the handout, without a printer; tests/printing has the real one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.printing.cups import VISITOR_MESSAGE_UNAVAILABLE
from kiosk.printing.print_log import PrintLog
from kiosk.settings.declared import Settings
from kiosk.ui.shell.top_bar import print_label
from tests.helpers.touch import tap
from tests.ui.shell.test_idle_controller import DUAL, open_article_by_touch

NOWHERE = "/tmp/kiosk-tests-no-cups-here.sock"


def print_button(kiosk: Kiosk):
    button = kiosk.window.article_page.top_bar.print_button
    assert button is not None
    return button


def test_print_shows_a_preview_of_the_real_sheet_and_cancel_closes_it(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot)
    tap(print_button(kiosk))
    confirm = kiosk.printing.confirm
    assert confirm.isVisible()
    preview = confirm.preview.pixmap()
    assert not preview.isNull() and preview.height() > 300
    assert preview.width() < preview.height()  # a page, portrait
    assert confirm.print_button.isVisible() and confirm.cancel_button.isVisible()
    tap(confirm.cancel_button)
    qtbot.waitUntil(lambda: not confirm.isVisible())
    assert confirm.preview.pixmap().isNull()
    assert kiosk.window.current_screen == f"article/{DUAL}"


def test_no_print_system_gives_the_visitor_message_and_staff_the_reason(
    make_kiosk, qtbot, monkeypatch
) -> None:
    monkeypatch.setenv("CUPS_SERVER", NOWHERE)  # a CUPS that is not there, as on a new PC
    kiosk = make_kiosk()
    open_article_by_touch(kiosk, qtbot)
    tap(print_button(kiosk))
    confirm = kiosk.printing.confirm
    tap(confirm.print_button)
    qtbot.waitUntil(lambda: confirm.message.text() == VISITOR_MESSAGE_UNAVAILABLE, timeout=15000)
    assert confirm.ok_button.isVisible()
    entry = kiosk.printing.print_log.entries()[0]
    assert entry.outcome == PrintLog.FAILED and "CUPS" in entry.reason
    assert kiosk.printing.allowance.this_visitor == 0  # nothing printed, nothing counted
    tap(confirm.ok_button)
    qtbot.waitUntil(lambda: not confirm.isVisible())
    assert kiosk.window.current_screen == f"article/{DUAL}"  # the kiosk carries on
    assert not any(kiosk.printing.scratch_dir.iterdir()), "the handout PDF was left behind"


def test_at_the_visitor_limit_the_button_and_the_card_say_why(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(handouts_per_visitor=2))
    open_article_by_touch(kiosk, qtbot)
    kiosk.printing.allowance.record()
    kiosk.printing.allowance.record()
    kiosk.window.go_home()
    open_article_by_touch(kiosk, qtbot)
    assert print_button(kiosk).text() == "No more handouts"
    tap(print_button(kiosk))
    confirm = kiosk.printing.confirm
    assert "as many handouts as one visit allows" in confirm.message.text()
    assert "front desk" in confirm.message.text()
    assert not confirm.print_button.isVisible()


def test_the_idle_reset_closes_the_card_and_gives_the_next_visitor_a_full_allowance(
    make_kiosk, qtbot
) -> None:
    kiosk = make_kiosk(settings=Settings(handouts_per_visitor=1))
    open_article_by_touch(kiosk, qtbot)
    kiosk.printing.allowance.record()
    tap(print_button(kiosk))
    assert kiosk.printing.confirm.isVisible()
    kiosk.idle.reset()
    QApplication.processEvents()
    assert not kiosk.printing.confirm.isVisible()
    assert kiosk.printing.confirm.preview.pixmap().isNull()
    assert kiosk.printing.allowance.refusal() is None
    open_article_by_touch(kiosk, qtbot)
    assert print_button(kiosk).text() == print_label()


@pytest.mark.parametrize("per_hour", [0])
def test_printing_turned_off_is_explained(make_kiosk, qtbot, per_hour: int) -> None:
    kiosk = make_kiosk(settings=Settings(handouts_per_hour=per_hour))
    open_article_by_touch(kiosk, qtbot)
    tap(print_button(kiosk))
    assert "turned off" in kiosk.printing.confirm.message.text()
