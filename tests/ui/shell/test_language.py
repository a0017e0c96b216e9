"""The kiosk's own words in Spanish: every marked word translated, the compiled file current,
and a Spanish kiosk that shows none of its own words in English (pack texts come from the pack)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.app import Kiosk
from kiosk.handout.parts import long_date
from kiosk.handout.pdf import write_handout_pdf
from kiosk.ui.shell.language import SOURCE_LANGUAGE, translation_file, ui_languages, use_ui_language
from tests.conftest import BUNDLED_CONTENT, REPO

DUAL = "dual-diagnosis-heroin-depression"
TOOLS = Path(sys.executable).parent
SPANISH_TS = REPO / "assets" / "i18n" / "kiosk_es.ts"
PLACEHOLDER = re.compile(r"%\d")


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, English source) -> the <translation> element."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = translation
    return found


def tool(name: str) -> str:
    path = TOOLS / name
    if not path.exists():
        pytest.skip(f"{name} is not installed beside this Python (it comes with PySide6)")
    return str(path)


def test_every_word_marked_in_the_code_has_a_spanish_translation(tmp_path: Path) -> None:
    """lupdate run now over the code finds nothing new, nothing gone, nothing untranslated:
    run `make translations` and translate what it adds when this fails."""
    fresh = tmp_path / "kiosk_es.ts"
    shutil.copy(SPANISH_TS, fresh)
    subprocess.run(
        [tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", "es", str(REPO / "kiosk"), "-ts", str(fresh)],
        check=True, capture_output=True,
    )
    assert messages(fresh).keys() == messages(SPANISH_TS).keys()
    untranslated = [key for key, element in messages(fresh).items()
                    if element.get("type") == "unfinished" or not (element.text or "").strip()]
    assert untranslated == []
    assert len(messages(fresh)) >= 60


def test_the_compiled_translation_is_built_from_the_current_source(tmp_path: Path) -> None:
    compiled = tmp_path / "kiosk_es.qm"
    subprocess.run([tool("pyside6-lrelease"), str(SPANISH_TS), "-qm", str(compiled)],
                   check=True, capture_output=True)
    assert compiled.read_bytes() == translation_file("es").read_bytes(), (
        "assets/i18n/kiosk_es.qm is older than kiosk_es.ts: run `make translations`"
    )


def test_each_translation_keeps_the_placeholders_of_its_source() -> None:
    for (context, source), element in messages(SPANISH_TS).items():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(element.text or "")), (
            context, source,
        )


def test_english_and_spanish_are_offered_and_english_needs_no_file(qapp) -> None:
    assert ui_languages() == ["en", "es"]
    assert use_ui_language("es")
    assert QApplication.translate("TopBar", "Back") == "Atrás"
    assert use_ui_language(SOURCE_LANGUAGE)
    assert QApplication.translate("TopBar", "Back") == "Back"
    assert not use_ui_language("fr")  # no file: said in the log, and the words stay English
    assert QApplication.translate("TopBar", "Back") == "Back"


# A Spanish kiosk, screen by screen ----------------------------------------------------------

SCREENS = {
    "home": lambda k: k.window.show_screen("home"),
    "article": lambda k: k.window.show_screen(f"article/{DUAL}"),
    "still here": lambda k: (k.window.show_screen(f"article/{DUAL}"),
                             k.idle.still_here.set_remaining(25), k.idle.still_here.present()),
    "print": lambda k: (k.window.show_screen(f"article/{DUAL}"), k.printing.request(DUAL)),
    "attract": lambda k: (k.window.show_screen("home"), k.idle.attract.start()),
}


def words_shown(kiosk: Kiosk) -> set[str]:
    """Every text a visitor sees or hears on the visible widgets: labels, buttons, names."""
    QApplication.processEvents()
    texts: set[str] = set()
    for widget in kiosk.window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts.update((widget.accessibleName(), widget.accessibleDescription()))
        if isinstance(widget, QLabel | QAbstractButton):
            texts.add(widget.text())
    return {text.strip() for text in texts if re.search(r"[^\W\d_]{2}", text)}


def spanish_pack_text() -> str:
    """Everything the Spanish pack itself says, including words it shares with English
    (the clinic's name, statistic sources, phone lines)."""
    files = [BUNDLED_CONTENT / "pack.yaml", *BUNDLED_CONTENT.glob("articles/*.es.md")]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_spanish_kiosk_shows_none_of_its_own_words_in_english(make_kiosk, screen: str) -> None:
    kiosk = make_kiosk()
    SCREENS[screen](kiosk)
    english = words_shown(kiosk)
    kiosk.idle.reset()
    kiosk.window.set_language("es")
    SCREENS[screen](kiosk)
    spanish = words_shown(kiosk)
    pack = spanish_pack_text()
    # A word on both screens is either the pack's own (same in both languages) or the
    # language button's name, which is the other language's name in itself.
    still_english = sorted(
        text for text in english & spanish
        if text not in pack and text not in ("English", "Español", "Aa")
    )
    assert still_english == []
    assert spanish - english  # and the screen did change


def test_the_spanish_handout_has_spanish_headings_and_dates(qapp, tmp_path: Path) -> None:
    from kiosk.app import load_content

    pack = load_content(BUNDLED_CONTENT).localized("es")
    use_ui_language("es")
    pdf = write_handout_pdf(pack, DUAL, tmp_path / "hoja.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Dónde pedir ayuda" in text
    assert "Impreso el" in text
    assert "Where to get help" not in text
    assert long_date(date(2026, 11, 27), "es") == "27 de noviembre de 2026"


def test_english_dates_read_month_day_year(qapp) -> None:
    assert long_date(date(2026, 11, 27), "en") == "November 27, 2026"
