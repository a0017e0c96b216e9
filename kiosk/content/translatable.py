"""Marks words in the Qt-free core that a visitor reads, so that translators find them.

`pyside6-lupdate` collects every `QT_TRANSLATE_NOOP("Context", "text")` call; the core keeps the
English text and the user interface translates it when it shows it (`translate(context, text)`).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """`text` unchanged: only marked for translation into the visitor's language."""
    return text
