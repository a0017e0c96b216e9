"""Staff load content from a USB stick through the kiosk itself: notice, PIN, review, preview,
install, undo; and what a reset or a bad pack does along the way."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.app import Kiosk
from kiosk.rules.pin import hash_pin
from kiosk.settings.declared import Settings
from kiosk.ui.staff.content_updates import NOTICE_TEXT
from kiosk.ui.staff.usb_section import UsbSection
from tests.conftest import BUNDLED_CONTENT
from tests.helpers.touch import tap
from tests.ui.shell.test_idle_controller import open_article_by_touch
from tests.ui.staff.test_staff_mode import PIN, type_on_pad

PIN_HASH = hash_pin(PIN)
NEW_TITLE = "Help is here, every day"


def stick_with_new_content(stick: Path, *, broken: bool = False) -> Path:
    """kiosk-content/ on the stick: the bundled pack with a new headline and one more article."""
    folder = stick / "kiosk-content"
    shutil.copytree(BUNDLED_CONTENT, folder)
    pack_yaml = folder / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    text = text.replace("title: \"We're here to help\"", f'title: "{NEW_TITLE}"')
    text = text.replace('version: "2026.11.27"', 'version: "2026.12.01"')
    pack_yaml.write_text(text, encoding="utf-8")
    (folder / "articles" / "visiting-hours.md").write_text(
        "---\ntitle: Visiting hours\nsummary: When family can visit.\n"
        + ("stats:\n  - {value: 3, label: visits a week}\n" if broken else "")
        + "---\nFamily may visit every afternoon.\n",
        encoding="utf-8",
    )
    return folder


def poll(kiosk: Kiosk) -> None:
    assert kiosk.updates is not None
    kiosk.updates.watcher.poll()
    QApplication.processEvents()


def open_usb_section(kiosk: Kiosk, qtbot) -> UsbSection:
    kiosk.staff.open_panel()
    section = kiosk.staff.panel.section(UsbSection)
    assert isinstance(section, UsbSection)
    for _ in range(3):
        QApplication.processEvents()
    return section


def review_first_pack(kiosk: Kiosk, qtbot) -> None:
    section = open_usb_section(kiosk, qtbot)
    assert section.pack_buttons, "the panel lists no pack from the stick"
    kiosk.staff.panel.scroll_area.ensureWidgetVisible(section.pack_buttons[0])
    QApplication.processEvents()
    tap(section.pack_buttons[0])
    assert kiosk.updates is not None
    screen = kiosk.updates.screen
    ends = ("Check before installing", "The content was not loaded")
    qtbot.waitUntil(lambda: screen.heading.text() in ends, timeout=20000)


def screen_text(kiosk: Kiosk) -> str:
    assert kiosk.updates is not None
    screen = kiosk.updates.screen
    QApplication.processEvents()  # widgets added to a shown screen appear on the next turn
    return "\n".join(label.text() for label in screen.findChildren(QLabel) if label.isVisibleTo(screen))


def test_the_notice_shows_on_the_home_screen_only_and_leads_to_the_pin(
    make_kiosk, usb_stick, qtbot
) -> None:
    kiosk = make_kiosk(settings=Settings(pin_hash=PIN_HASH))
    assert kiosk.updates is not None
    notice = kiosk.updates.notice
    poll(kiosk)
    assert not notice.isVisible()
    stick_with_new_content(usb_stick)
    poll(kiosk)
    assert notice.isVisible() and notice.text() == NOTICE_TEXT
    assert notice.height() >= 48
    assert notice.geometry().right() <= kiosk.window.width()
    # Over nothing a visitor reads or taps: no label's text and no button of the home screen.
    for widget in kiosk.window.home_page.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, QLabel | QPushButton) and widget is not notice:
            rect = QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size())
            if isinstance(widget, QLabel):
                rect = QRect(rect.topLeft(), QSize(min(rect.width(), widget.sizeHint().width()),
                                                   rect.height()))
            assert not notice.geometry().intersects(rect), f"the notice covers {widget!r}"
    open_article_by_touch(kiosk, qtbot)
    assert not notice.isVisible()  # never over a visitor's article
    kiosk.window.go_home()
    QApplication.processEvents()
    tap(notice)
    assert kiosk.staff.pad.isVisible()
    type_on_pad(kiosk, PIN)
    qtbot.waitUntil(kiosk.staff.panel.isVisible)
    section = kiosk.staff.panel.section(UsbSection)
    assert not section.visibleRegion().isEmpty()  # the panel opens at the USB section


def test_review_then_install_shows_the_new_content_at_once(
    make_kiosk, usb_stick, data_dir, qtbot
) -> None:
    stick_with_new_content(usb_stick)
    kiosk = make_kiosk()
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    text = screen_text(kiosk)
    assert f"New: {NEW_TITLE}, version 2026.12.01" in text
    assert "Added: Visiting hours" in text
    assert "anyone" in text.lower()  # unsigned, and no trusted key: staff are told what that means
    assert kiosk.updates is not None
    screen = kiosk.updates.screen
    assert screen.install_button.isEnabled()
    tap(screen.install_button)
    qtbot.waitUntil(lambda: kiosk.window.pack.title == NEW_TITLE, timeout=20000)
    assert kiosk.window.current_screen == "home"
    assert "visiting-hours" in kiosk.window.pack.articles
    assert kiosk.content_source.is_relative_to(data_dir)
    assert not kiosk.updates.screen.isVisible()


def test_a_pack_with_errors_cannot_be_installed_and_says_where(make_kiosk, usb_stick, qtbot) -> None:
    stick_with_new_content(usb_stick, broken=True)
    kiosk = make_kiosk()
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    assert kiosk.updates is not None
    assert not kiosk.updates.screen.install_button.isEnabled()
    assert "articles/visiting-hours.md:" in screen_text(kiosk)
    tap(kiosk.updates.screen.cancel_button)
    qtbot.waitUntil(lambda: not kiosk.updates.screen.isVisible())
    assert kiosk.window.pack.title == "We're here to help"
    assert kiosk.updates.staged is None


def test_an_unsigned_pack_is_refused_when_the_kiosk_trusts_a_key(
    make_kiosk, usb_stick, qtbot, tmp_path
) -> None:
    from kiosk.packs.keys import generate_key_pair, read_public_key

    _private, public = generate_key_pair(tmp_path / "clinic")
    stick_with_new_content(usb_stick)
    kiosk = make_kiosk(settings=Settings(trusted_keys=(read_public_key(public),)))
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    assert kiosk.updates is not None
    assert not kiosk.updates.screen.install_button.isEnabled()
    assert "not signed" in screen_text(kiosk)


def test_the_preview_shows_the_new_pack_and_goes_back_to_the_review(
    make_kiosk, usb_stick, qtbot
) -> None:
    stick_with_new_content(usb_stick)
    kiosk = make_kiosk()
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    assert kiosk.updates is not None
    tap(kiosk.updates.screen.preview_button)
    preview = kiosk.updates._preview
    assert preview is not None and preview.isVisible()
    assert preview.shown.pack.title == NEW_TITLE
    assert kiosk.window.pack.title == "We're here to help"  # visitors still see the old content
    tap(preview.back_button)
    qtbot.waitUntil(lambda: kiosk.updates._preview is None)
    assert kiosk.updates.screen.isVisible()


def test_undo_goes_back_to_the_previous_content(make_kiosk, usb_stick, qtbot) -> None:
    stick_with_new_content(usb_stick)
    kiosk = make_kiosk()
    assert kiosk.updates is not None
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    tap(kiosk.updates.screen.install_button)
    qtbot.waitUntil(lambda: kiosk.window.pack.title == NEW_TITLE, timeout=20000)
    # A second install, so that there is an earlier installed version to go back to.
    (usb_stick / "kiosk-content" / "pack.yaml").write_text(
        (usb_stick / "kiosk-content" / "pack.yaml").read_text().replace("2026.12.01", "2026.12.02")
    )
    review_first_pack(kiosk, qtbot)
    tap(kiosk.updates.screen.install_button)
    qtbot.waitUntil(lambda: kiosk.window.pack.version == "2026.12.02", timeout=20000)
    section = open_usb_section(kiosk, qtbot)
    assert section.undo_button.isVisible()
    kiosk.staff.panel.scroll_area.ensureWidgetVisible(section.undo_button)
    tap(section.undo_button)
    tap(section.undo_button)
    qtbot.waitUntil(lambda: kiosk.window.pack.version == "2026.12.01", timeout=20000)


def test_a_reset_during_the_review_discards_the_copy(make_kiosk, usb_stick, data_dir, qtbot) -> None:
    stick_with_new_content(usb_stick)
    kiosk = make_kiosk()
    poll(kiosk)
    review_first_pack(kiosk, qtbot)
    assert kiosk.updates is not None and kiosk.updates.staged is not None
    staged_path = kiosk.updates.staged.path
    kiosk.idle.reset()
    assert not kiosk.updates.screen.isVisible()
    assert not staged_path.exists()
    assert kiosk.window.pack.title == "We're here to help"


def test_the_notice_covers_nothing_on_a_portrait_screen_at_the_largest_text(make_kiosk, usb_stick) -> None:
    kiosk = make_kiosk(QSize(1080, 1920))
    kiosk.window.set_display(1.5, True)
    stick_with_new_content(usb_stick)
    poll(kiosk)
    assert kiosk.updates is not None
    notice = kiosk.updates.notice
    assert notice.isVisible()
    for widget in kiosk.window.home_page.findChildren(QPushButton):
        if widget.isVisible():
            rect = QRect(widget.mapTo(kiosk.window, QPoint(0, 0)), widget.size())
            assert not notice.geometry().intersects(rect), f"the notice covers {widget.text()!r}"
    assert notice.geometry().right() <= kiosk.window.width()
