"""Articles: `articles/SLUG.md` and their translations `SLUG.LANG.md`, front matter and body, each
field checked and every problem reported at its file and line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from kiosk.content.field_checks import read_picture, read_web_address, unknown_slug_message
from kiosk.content.fields import Fields
from kiosk.content.frontmatter import FrontMatterError, split_front_matter
from kiosk.content.model import Article, Stat
from kiosk.content.pack_files import MAX_MARKDOWN_BYTES, read_text
from kiosk.content.pack_paths import is_inside
from kiosk.content.problems import ProblemList
from kiosk.content.topics import read_article_topics
from kiosk.content.translations import (
    LANGUAGE_PATTERN,
    compare_with_original,
)
from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

MAX_SUMMARY_CHARS = 200
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ARTICLE_KEYS = (
    "title", "summary", "image", "image_alt", "tags", "stats", "related", "takeaway",
    "reviewed", "url", "topics", "show_from", "show_until",
)
# Shared by an article and its translations: a translation may leave them out.
SHARED_KEYS = ("topics", "show_from", "show_until")
STAT_KEYS = ("value", "label", "source")


def load_articles(
    root: Path, languages: tuple[str, ...] | None, problems: ProblemList,
    topics: list[str] | None = None,
) -> tuple[dict[str, Article], set[str], dict[str, dict[str, Article]]]:
    """The original articles (`SLUG.md`) by slug, their slugs, and the translations
    (`SLUG.LANG.md`) by language and slug. Translations are only read when the pack's
    languages are known (pack.yaml could be read); `topics` are the ids pack.yaml declares
    (None when it could not be read: then the articles' topics are not checked)."""
    folder = root / "articles"
    if not folder.is_dir():
        problems.error(
            "articles", 1, "the pack has no articles/ folder; create it and add articles"
        )
        return {}, set(), {}
    if not is_inside(root, folder):  # listing it would show the names of files elsewhere
        problems.error(
            "articles", 1, "the articles/ folder is a link that leads outside the pack; "
            "copy the folder in instead",
        )
        return {}, set(), {}
    originals: list[tuple[str, str]] = []
    translated: list[tuple[str, str, str]] = []
    for path in sorted(folder.glob("*.md")):
        relative = f"articles/{path.name}"
        slug, dot, lang = path.name.removesuffix(".md").partition(".")
        if SLUG_PATTERN.match(slug) and not dot:
            originals.append((relative, slug))
        elif SLUG_PATTERN.match(slug) and LANGUAGE_PATTERN.match(lang):
            translated.append((relative, slug, lang))
        else:
            problems.error(
                _printable(relative), 1, "name article files with lower-case letters, digits "
                "and dashes only, like 'opioid-withdrawal.md' (or 'opioid-withdrawal.es.md' for "
                "its translation into a language of the pack)",
            )
    slugs = {slug for _relative, slug in originals}
    articles: dict[str, Article] = {}
    for relative, slug in originals:
        article = _load_article(root, relative, slug, slugs, problems, topics=topics)
        if article is not None:
            articles[slug] = article
    translations: dict[str, dict[str, Article]] = {}
    for relative, slug, lang in translated:
        if languages is None:
            continue
        if not _translation_named_well(relative, slug, lang, languages, slugs, problems):
            continue
        original = articles.get(slug)
        article = _load_article(root, relative, slug, slugs, problems, original, topics=topics)
        if article is not None:
            translations.setdefault(lang, {})[slug] = article
    return articles, slugs, translations


def _printable(name: str) -> str:
    """`name` safe to print: bytes that are not UTF-8 (kept by Python as surrogates) and control
    characters such as a newline in a file name become U+FFFD, so one problem stays one line."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if ord(c) < 32 or c == "\x7f" else c for c in text)


def _translation_named_well(
    relative: str,
    slug: str,
    lang: str,
    languages: tuple[str, ...],
    slugs: set[str],
    problems: ProblemList,
) -> bool:
    if lang == languages[0]:
        problems.error(
            relative, 1, f"'{lang}' is the pack's first language, so this article belongs in "
            f"articles/{slug}.md; rename the file",
        )
        return False
    if lang not in languages:
        problems.error(
            relative, 1, f"this file is a translation into '{lang}', but the pack's languages "
            f"are {', '.join(languages)}; add '{lang}' to 'languages' in pack.yaml or rename "
            "the file",
        )
        return False
    if slug not in slugs:
        problems.error(
            relative, 1, f"this is a translation of '{slug}', but there is no articles/{slug}.md; "
            "add the original article or correct the file name",
        )
        return False
    return True


def _load_article(
    root: Path,
    relative: str,
    slug: str,
    slugs: set[str],
    problems: ProblemList,
    original: Article | None = None,
    *,
    topics: list[str] | None = None,
) -> Article | None:
    """One article file; `original` is set when the file is a translation of it."""
    text = read_text(root, relative, problems, MAX_MARKDOWN_BYTES)
    if text is None:
        return None
    try:
        split = split_front_matter(text)
        doc = parse_yaml(split.front_matter, first_line=split.front_matter_first_line)
    except (FrontMatterError, YamlSyntaxError) as exc:
        problems.error(relative, exc.line, exc.message)
        return None
    if not isinstance(doc.data, dict):
        problems.error(
            relative, 1, "the front matter must hold fields such as 'title:' and 'summary:'"
        )
        return None
    fields = Fields(doc, relative, problems, (), doc.data)
    fields.warn_unknown(ARTICLE_KEYS)
    errors_before = len(problems.errors)
    title = fields.text("title", required=True)
    summary = fields.text("summary", required=True, max_length=MAX_SUMMARY_CHARS)
    image, image_alt = read_picture(root, fields, "the image")
    stats = _read_stats(fields)
    related = _read_related(fields, slug, slugs)
    if original is not None:
        compare_with_original(fields, stats, related, original)
    article_topics, show_from, show_until = _read_shelving(fields, topics, original)
    article = Article(
        slug=slug, title=title or "", summary=summary or "", body=split.body,
        source_path=root / relative, body_first_line=split.body_first_line,
        image=image, image_alt=image_alt, tags=tuple(fields.text_list("tags")),
        stats=tuple(stats), related=tuple(related),
        takeaway=tuple(fields.text_list("takeaway")), reviewed=_read_date(fields, "reviewed"),
        url=read_web_address(fields, "url"), topics=tuple(article_topics), show_from=show_from,
        show_until=show_until,
    )
    return article if len(problems.errors) == errors_before else None


def _read_shelving(
    fields: Fields, topics: list[str] | None, original: Article | None
) -> tuple[list[str], date | None, date | None]:
    """Where the article is filed and when it is shown. A translation shares them with its
    original: what it writes of them is ignored, with a warning when it differs."""
    article_topics = read_article_topics(fields, topics)
    show_from = _read_date(fields, "show_from")
    show_until = _read_date(fields, "show_until")
    if show_from is not None and show_until is not None and show_until < show_from:
        fields.error("show_until", f"'show_until' ({show_until}) is before 'show_from' ({show_from}), "
                     "so the article would never be shown; correct one of the dates")
    if original is None:
        return article_topics, show_from, show_until
    written = {"topics": tuple(article_topics), "show_from": show_from, "show_until": show_until}
    kept = {"topics": original.topics, "show_from": original.show_from,
            "show_until": original.show_until}
    for key in SHARED_KEYS:
        if key in fields.data and written[key] != kept[key]:
            fields.warning(key, f"'{key}' comes from the original article (articles/"
                           f"{original.slug}.md) for every language; this one is ignored")
    return list(original.topics), original.show_from, original.show_until


def _read_stats(fields: Fields) -> list[Stat]:
    stats = []
    for entry in fields.mapping_list("stats"):
        entry.warn_unknown(STAT_KEYS)
        value = entry.text("value", required=True)
        label = entry.text("label", required=True)
        source_written = entry.data.get("source")
        if not source_written or (isinstance(source_written, str) and not source_written.strip()):
            entry.problems.error(
                entry.path, entry.line(),
                "this statistic has no 'source'; every number needs one (who published it)",
            )
            continue
        source = entry.text("source", required=True)
        if value and label and source:
            stats.append(Stat(value=value, label=label, source=source))
    return stats


def _read_date(fields: Fields, key: str) -> date | None:
    value = fields.data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):  # YAML reads "2026-10-01 08:00" as a moment: its day
        return value.date()
    if isinstance(value, date):
        return value
    written = "" if isinstance(value, list | dict) else str(value)  # a list may be a "billion laughs"
    try:
        return date.fromisoformat(written)
    except ValueError:
        fields.error(key, f"'{key}' must be a date written as YYYY-MM-DD, like 2026-11-01")
        return None


def _read_related(fields: Fields, slug: str, slugs: set[str]) -> list[str]:
    related = []
    for index, other in enumerate(fields.text_list("related")):
        line = fields.line("related", index)
        if other not in slugs:
            fields.problems.error(fields.path, line, unknown_slug_message("related", other, slugs))
        elif other == slug:
            fields.problems.warning(fields.path, line, "the article lists itself in 'related'")
        else:
            related.append(other)
    return related


def load_article(
    root: Path, relative: str, slug: str, slugs: set[str], problems: ProblemList,
    original: Article | None = None, *, topics: list[str] | None = None,
) -> Article | None:
    """One article file on its own (for `kiosk preview`, which reloads only the file saved)."""
    return _load_article(root, relative, slug, slugs, problems, original, topics=topics)
