"""Translations in a pack: `languages` and `translations` in pack.yaml, `articles/SLUG.LANG.md`.

The pack's first language is its original: `title`, `help` and `articles/SLUG.md`. Every other
language may translate the title, the help box (line labels by position; numbers never change)
and any article. A translated article keeps the original's statistics (the numbers in each value,
and the sources; the words around the numbers and the labels are translated: "Up to 50x" may read
"Hasta 50 veces") and related links; a difference is reported as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kiosk.content.fields import Fields
from kiosk.content.model import DEFAULT_LANGUAGE, Article, HelpInfo, HelpLine, PackText, Stat, Topic
from kiosk.content.problems import ProblemList
from kiosk.content.yaml_source import YamlDocument

PACK_FILE = "pack.yaml"
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
TRANSLATION_KEYS = ("title", "help", "topics")
HELP_TRANSLATION_KEYS = ("heading", "text", "lines")
HELP_LINE_TRANSLATION_KEYS = ("label", "number")
TOPIC_TRANSLATION_KEYS = ("title",)


def read_languages(doc: YamlDocument, problems: ProblemList) -> tuple[str, ...]:
    """pack.yaml's `languages`, first language first; `en` alone when the field is absent."""
    top = Fields(doc, PACK_FILE, problems, (), doc.data)
    if top.data.get("languages") is None:
        return (DEFAULT_LANGUAGE,)
    languages: list[str] = []
    written = top.text_list("languages")
    for index, lang in enumerate(written):
        line = top.line("languages", index) if isinstance(top.data["languages"], list) else (
            top.line("languages")
        )
        if not LANGUAGE_PATTERN.match(lang):
            problems.error(
                PACK_FILE, line, f"'{lang}' in 'languages' is not a language code; write two or "
                "three lower-case letters, like en or es",
            )
        elif lang in languages:
            problems.error(
                PACK_FILE, line, f"'{lang}' is listed twice in 'languages'; list each language once"
            )
        else:
            languages.append(lang)
    if not written and isinstance(top.data["languages"], list):
        top.error(
            "languages", "'languages' is empty; list the pack's languages with its first "
            "language first, like [en, es]",
        )
    return tuple(languages) or (DEFAULT_LANGUAGE,)


def read_pack_texts(
    top: Fields, languages: tuple[str, ...], title: str | None, help_info: HelpInfo | None,
    topics: Sequence[Topic] = (),
) -> dict[str, PackText]:
    """The `translations` mapping of pack.yaml: each language's title, help box and topic
    titles (`topics: [{title: ...}]`, in the order of the pack's `topics`).

    What a language leaves out stays in the first language. Returns nothing when the original
    title or help could not be read (those are errors already).
    """
    fields = top.mapping("translations", required=False)
    texts: dict[str, PackText] = {}
    for key in fields.data:
        lang = str(key)
        if lang == languages[0]:
            fields.warning(
                lang, f"'translations.{lang}' is for the pack's first language, whose words are "
                "the 'title' and 'help' above; it is ignored",
            )
            continue
        if lang not in languages:
            fields.error(
                lang, f"'translations.{lang}' is for a language the pack does not list in "
                f"'languages' ({', '.join(languages)}); add '{lang}' there or remove it",
            )
            continue
        text = _read_pack_text(fields.mapping(lang, required=False), title, help_info, topics)
        if text is not None:
            texts[lang] = text
    for lang in languages[1:]:
        if lang not in fields.data:
            top.warning(
                "languages", f"the pack offers '{lang}', but 'translations' has no '{lang}' "
                f"title and help; they will show in '{languages[0]}'",
            )
    return texts


def _read_pack_text(
    fields: Fields, title: str | None, help_info: HelpInfo | None, topics: Sequence[Topic]
) -> PackText | None:
    fields.warn_unknown(TRANSLATION_KEYS)
    translated_title = fields.text("title", required=False)
    help_fields = fields.mapping("help", required=False)
    help_fields.warn_unknown(HELP_TRANSLATION_KEYS)
    heading = help_fields.text("heading", required=False)
    text = help_fields.text("text", required=False)
    labels: list[str | None] = []
    entries = help_fields.mapping_list("lines")
    original_lines = help_info.lines if help_info is not None else ()
    for entry in entries:
        index = entry.keys[-1]
        if "number" in entry.data:
            entry.warning(
                "number", "phone numbers are the same in every language; this one is ignored "
                "and the number from 'help.lines' is used",
            )
        entry.warn_unknown(HELP_LINE_TRANSLATION_KEYS)
        labels.append(entry.text("label", required=True))
        if help_info is not None and isinstance(index, int) and index >= len(original_lines):
            entry.problems.warning(
                entry.path, entry.line(), f"'help.lines' has only {len(original_lines)} phone "
                f"lines, so this label number {index + 1} has no line to go with; it is ignored",
            )
    if entries and len(entries) < len(original_lines):
        help_fields.warning(
            "lines", f"'{help_fields.where('lines')}' has {len(entries)} labels but 'help.lines' "
            f"has {len(original_lines)} phone lines; the others keep their first-language labels",
        )
    topic_titles = _read_topic_titles(fields, topics)
    if title is None or help_info is None:
        return None
    lines = tuple(
        HelpLine(label=_label_at(labels, index) or line.label, number=line.number)
        for index, line in enumerate(original_lines)
    )
    translated_help = HelpInfo(
        heading=heading or help_info.heading,
        lines=lines,
        text=text if "text" in help_fields.data else help_info.text,
    )
    return PackText(title=translated_title or title, help=translated_help, topic_titles=topic_titles)


def _read_topic_titles(fields: Fields, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Translated topic titles by position; "" keeps the first language's title."""
    titles: list[str] = []
    entries = fields.mapping_list("topics")
    for entry in entries:
        entry.warn_unknown(TOPIC_TRANSLATION_KEYS)
        titles.append(entry.text("title", required=True) or "")
    if len(entries) > len(topics):
        fields.warning("topics", f"'{fields.where('topics')}' has {len(entries)} titles but the "
                       f"pack has {len(topics)} topics; the extra ones are ignored")
    elif entries and len(entries) < len(topics):
        fields.warning("topics", f"'{fields.where('topics')}' has {len(entries)} titles but the "
                       f"pack has {len(topics)} topics; the others keep their first-language titles")
    return tuple(titles[: len(topics)])


def _label_at(labels: list[str | None], index: int) -> str | None:
    return labels[index] if index < len(labels) else None


def compare_with_original(
    fields: Fields, stats: Sequence[Stat], related: Sequence[str], original: Article
) -> None:
    """Warn where a translated article's statistics or related links differ from the original."""
    source = f"articles/{original.slug}.md"
    if len(stats) != len(original.stats):
        fields.warning(
            "stats", f"this translation has {_count(len(stats), 'statistic')} but the original "
            f"{source} has {len(original.stats)}; keep the same statistics and translate only "
            "their labels",
        )
    else:
        for index, (mine, theirs) in enumerate(zip(stats, original.stats, strict=True)):
            same_numbers = numbers_in(mine.value) == numbers_in(theirs.value)
            if not same_numbers or mine.source != theirs.source:
                fields.problems.warning(
                    fields.path, fields.line("stats", index),
                    f"statistic {index + 1} reads '{mine.value}' from '{mine.source}', but in "
                    f"the original {source} it reads '{theirs.value}' from '{theirs.source}'; "
                    "keep its numbers and source as they are and translate only the words",
                )
    if tuple(related) != original.related:
        fields.warning(
            "related", f"'related' lists {_slugs(related)}, but the original {source} lists "
            f"{_slugs(original.related)}; a translation links to the same articles in the same "
            "order",
        )


# A number with its digit groups and decimals, however a language writes them: "80,000",
# "80 000", "80.000", "1.5", "1,5".
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


def numbers_in(value: str) -> list[str]:
    """The digits of each number in a statistic's value, separators left out: "About 80,000"
    and "Unas 80 000" both give ["80000"]; "3 in 4" and "3 de cada 4" give ["3", "4"]."""
    return [re.sub(r"\D", "", number) for number in _NUMBER.findall(value)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _slugs(slugs: Sequence[str]) -> str:
    return ", ".join(slugs) if slugs else "no articles"
