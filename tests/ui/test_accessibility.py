"""Assistive technology: every widget a visitor or staff can reach has a name to be read out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.app import Kiosk
from kiosk.content.model import Stat
from kiosk.ui.widgets.stat_card import StatCard, spoken_stat
from tests.helpers.kiosk_fixtures import SCREEN_SIZES

DUAL = "dual-diagnosis-heroin-depression"


def has_name(widget: QWidget) -> bool:
    """Qt reads a button's own words when it has no accessible name; symbols ("←", "◐") are not
    words, so such a button needs a name of its own."""
    if widget.accessibleName():
        return True
    if not isinstance(widget, QAbstractButton):
        return False
    words = widget.text().strip()
    return any(c.isalpha() for c in words) and words != "Aa"


def unnamed(kiosk: Kiosk) -> list[str]:
    """Every visible widget that can take focus and has no name to be read out."""
    QApplication.processEvents()
    return [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in kiosk.window.findChildren(QWidget)
        if widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not has_name(widget)
    ]


SCREENS = {
    "home": lambda k: k.window.show_screen("home"),
    "article": lambda k: k.window.show_screen(f"article/{DUAL}"),
    "still here": lambda k: (k.window.show_screen(f"article/{DUAL}"), k.idle.still_here.present()),
    "print": lambda k: (k.window.show_screen(f"article/{DUAL}"), k.printing.request(DUAL)),
    "pin pad": lambda k: k.staff.ask_for_pin(),
    "staff panel": lambda k: k.staff.open_panel(),
}


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_focusable_widget_has_a_name(make_kiosk, size: QSize, screen: str) -> None:
    kiosk = make_kiosk(size)
    SCREENS[screen](kiosk)
    assert unnamed(kiosk) == []


@pytest.mark.parametrize(("value", "label", "spoken"), [
    ("23%", "of people who use heroin develop an opioid addiction",
     "23 percent: of people who use heroin develop an opioid addiction. Source: NIDA"),
    ("Up to 50x", "stronger than heroin.", "Up to 50x: stronger than heroin. Source: NIDA"),
])
def test_a_statistic_card_reads_as_one_sentence(
    qapp, make_window, value: str, label: str, spoken: str
) -> None:
    stat = Stat(value=value, label=label, source="NIDA")
    assert spoken_stat(stat) == spoken
    window = make_window()
    assert StatCard(stat, window.theme).accessibleName() == spoken


@pytest.mark.parametrize(("parts", "said"), [
    (["What is synthetic fentanyl made of?", "Fentanyl is a lab-made opioid."],
     "What is synthetic fentanyl made of? Fentanyl is a lab-made opioid."),
    (["Need to talk to someone now?", "", "Our front desk: 555-0100"],
     "Need to talk to someone now? Our front desk: 555-0100"),
    (["¿Necesita hablar con alguien ahora?", "Nuestra recepción: 555-0100"],
     "¿Necesita hablar con alguien ahora? Nuestra recepción: 555-0100"),
    (["Call now!", "It is free"], "Call now! It is free"),
    (['He said "stop."', "Then"], 'He said "stop." Then'),
    (["A title", "  a   summary  "], "A title. a summary"),
    (["Ends with a stop.", "Next"], "Ends with a stop. Next"),
])
def test_spoken_parts_join_without_doubled_punctuation(parts: list[str], said: str) -> None:
    from kiosk.ui.widgets.labels import spoken

    assert spoken(parts) == said


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_accessible_name_doubles_its_punctuation(make_kiosk, language: str) -> None:
    """Every name on the home screen, an article and the attract screen, read through Qt's own
    accessibility interfaces (tests/ui/test_atspi.py reads them through AT-SPI too)."""
    from PySide6.QtGui import QAccessible

    kiosk = make_kiosk(QSize(1920, 1080))
    kiosk.window.set_language(language)
    names: list[str] = []
    for show in (lambda: kiosk.window.show_screen("home"),
                 lambda: kiosk.window.show_screen("article/what-is-synthetic-fentanyl"),
                 lambda: kiosk.idle.attract.start()):
        show()
        QApplication.processEvents()
        for widget in kiosk.window.findChildren(QWidget):
            if widget.isVisible():
                interface = QAccessible.queryAccessibleInterface(widget)
                if interface is not None:
                    names.append(interface.text(QAccessible.Text.Name))
    doubled = [name for name in names if any(mark in name for mark in ("?.", "!.", "..", ":."))]
    assert names and doubled == []
