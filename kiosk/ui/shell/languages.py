"""The languages a visitor can switch between, named as their speakers name them."""

from __future__ import annotations

from kiosk.content.model import Pack
from kiosk.ui.shell.language import translate

NATIVE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português",
                "vi": "Tiếng Việt", "zh": "中文", "ar": "العربية", "so": "Soomaali"}



def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code.upper())


def next_language(pack: Pack) -> str | None:
    """The language the language button switches to, or None when the pack has only one."""
    if len(pack.languages) < 2:
        return None
    index = pack.languages.index(pack.language) if pack.language in pack.languages else 0
    return pack.languages[(index + 1) % len(pack.languages)]


def not_translated_note(shown_in: str) -> str:
    """Said in the visitor's language (the kiosk's words are in it), naming the one shown."""
    return translate(
        "ArticlePage", "This article is not translated yet, so it is shown in %1."
    ).replace("%1", native_name(shown_in))
