"""The staff panel's paper choice shows which paper is chosen: filled and ticked on screen, and
checked and named so to a screen reader; tapping the other moves the mark and the setting."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QPushButton

from kiosk.settings.declared import Settings
from kiosk.ui.staff.panel import CHOSEN_MARK
from kiosk.ui.staff.printing_section import PrintingSection
from tests.printing.test_handout_printing import tap_in_panel


def fill(button: QPushButton) -> QColor:
    """The button's own colour, a little inside its left edge (text never reaches there)."""
    image = button.grab().toImage()
    return QColor(image.pixel(QPoint(button.height() // 3, button.height() // 2)))


def heard(button: QPushButton) -> tuple[str, bool]:
    interface = QAccessible.queryAccessibleInterface(button)
    return interface.text(QAccessible.Text.Name), interface.state().checked


def test_the_chosen_paper_looks_and_reads_chosen(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(settings=Settings(paper="a4"))
    kiosk.staff.open_panel()
    section = kiosk.staff.panel.section(PrintingSection)
    assert isinstance(section, PrintingSection)
    letter, a4 = section.paper_buttons["letter"], section.paper_buttons["a4"]
    assert a4.text() == CHOSEN_MARK + "A4" and letter.text() == "US Letter"
    assert heard(a4) == ("A4, chosen", True) and heard(letter) == ("US Letter", False)
    assert fill(a4) != fill(letter)
    assert fill(a4) == QColor(kiosk.window.theme.palette.accent)

    tap_in_panel(kiosk, letter)
    assert kiosk.settings.settings.paper == "letter"
    assert heard(letter) == ("US Letter, chosen", True) and heard(a4) == ("A4", False)
    assert fill(letter) == QColor(kiosk.window.theme.palette.accent) != fill(a4)

    tap_in_panel(kiosk, letter)  # tapping the chosen one again keeps it chosen
    assert letter.isChecked() and kiosk.settings.settings.paper == "letter"


def test_the_chosen_printer_is_marked_the_same_way(make_kiosk) -> None:
    kiosk = make_kiosk()
    kiosk.staff.open_panel()
    section = kiosk.staff.panel.section(PrintingSection)
    assert isinstance(section, PrintingSection)
    default = section.printer_buttons[""]  # the system default, until staff choose
    assert default.text().startswith(CHOSEN_MARK) and heard(default)[1]
    assert heard(default)[0].endswith(", chosen")
