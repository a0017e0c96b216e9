"""The languages a visitor can switch between, named as their speakers name them."""

from __future__ import annotations

from kiosk.core.model import Pack

NATIVE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português",
                "vi": "Tiếng Việt", "zh": "中文", "ar": "العربية", "so": "Soomaali"}

# Said in the language the visitor chose, naming the language the article is shown in.
NOT_TRANSLATED = {
    "en": "This article is not translated yet, so it is shown in {language}.",
    "es": "Este artículo todavía no está traducido, así que se muestra en {language}.",
}


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code.upper())


def next_language(pack: Pack) -> str | None:
    """The language the language button switches to, or None when the pack has only one."""
    if len(pack.languages) < 2:
        return None
    index = pack.languages.index(pack.language) if pack.language in pack.languages else 0
    return pack.languages[(index + 1) % len(pack.languages)]


def not_translated_note(visitor_language: str, shown_in: str) -> str:
    template = NOT_TRANSLATED.get(visitor_language, NOT_TRANSLATED["en"])
    return template.format(language=native_name(shown_in))
