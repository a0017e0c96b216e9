"""The kiosk's own words (buttons, questions, messages) in the visitor's language.

The words are marked in the code with `translate("Context", "English text")`, the call Qt's
`pyside6-lupdate` finds; `make translations` collects them into `assets/i18n/kiosk_LANG.ts`, where
translators write each language, and compiles those to the `.qm` files loaded here. English is
the source language and needs no file. A pack's own texts (articles, titles, help lines) are
translated in the pack itself, not here.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.system.paths import asset_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# Same call as QCoreApplication.translate; lupdate recognises `translate(...)` by name.
translate = QCoreApplication.translate

_installed: list[QTranslator] = []  # at most one: the language now in use


def translations_dir() -> Path:
    return asset_path("i18n")


def translation_file(language: str) -> Path:
    return translations_dir() / f"kiosk_{language}.qm"


def ui_languages() -> list[str]:
    """Every language the kiosk's own words exist in, English first."""
    shipped = sorted(p.stem.removeprefix("kiosk_") for p in translations_dir().glob("kiosk_*.qm"))
    return [SOURCE_LANGUAGE, *(code for code in shipped if code != SOURCE_LANGUAGE)]


def use_ui_language(language: str) -> bool:
    """Show the kiosk's own words in `language` from now on; False (and English) when the kiosk
    has no translation for it. Widgets built afterwards use it: the window rebuilds its pages."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    path = translation_file(language)
    translator = QTranslator()
    if app is None or not translator.load(str(path)):
        if language != SOURCE_LANGUAGE:
            log.warning("no translation of the kiosk's own words for %r (%s); using English",
                        language, path)
        return language == SOURCE_LANGUAGE
    app.installTranslator(translator)
    _installed.append(translator)
    return True


__all__ = [
    "SOURCE_LANGUAGE", "translate", "translation_file", "ui_languages", "use_ui_language",
]
