"""Labels styled by role: the theme's stylesheet gives each role its size and colour."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


def make_label(text: str, role: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # content text is never interpreted as HTML
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


# A part that already ends a sentence or a clause ("now?", "help!", "¿...?", "Source: X.") gets
# no full stop after it; closing quotes or brackets may follow the mark.
_ENDS_SENTENCE = re.compile(r"[.!?\u2026:;]['\"\u2019\u201d\u00bb)\]]*$")


def spoken(parts: Iterable[str]) -> str:
    """Parts of one accessible name as a screen reader should say them: each a sentence, joined
    with ". " unless it ends in its own punctuation (never "now?." or "help!."); empty parts
    left out, runs of white space made one space."""
    said = ""
    for part in (" ".join(text.split()) for text in parts):
        if not part:
            continue
        if said:
            said += " " if _ENDS_SENTENCE.search(said) else ". "
        said += part
    return said
