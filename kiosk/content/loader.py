"""Loading a content pack folder into the model, collecting every problem on the way."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from kiosk.content.contrast import accent_problem
from kiosk.content.fields import Fields
from kiosk.content.frontmatter import FrontMatterError, split_front_matter
from kiosk.content.model import Article, HelpInfo, HelpLine, Organization, Pack, Stat
from kiosk.content.pack_paths import UnsafePathError, is_inside, resolve_inside
from kiosk.content.pictures import image_problem
from kiosk.content.problems import Problem, ProblemList, errors_in, warnings_in
from kiosk.content.translations import (
    LANGUAGE_PATTERN,
    compare_with_original,
    read_languages,
    read_pack_texts,
)
from kiosk.content.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml

SUPPORTED_FORMATS = (1,)
MAX_MARKDOWN_BYTES = 1024 * 1024
MAX_SUMMARY_CHARS = 200
PACK_FILE = "pack.yaml"
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

PACK_KEYS = (
    "format", "id", "version", "title", "organization", "help", "home", "theme", "languages",
    "translations",
)
ORGANIZATION_KEYS = ("name", "phone", "website", "logo")
HELP_KEYS = ("heading", "text", "lines")
HELP_LINE_KEYS = ("label", "number")
HOME_KEYS = ("featured", "order")
THEME_KEYS = ("accent",)
ARTICLE_KEYS = (
    "title", "summary", "image", "image_alt", "tags", "stats", "related", "takeaway",
    "reviewed", "url",
)
STAT_KEYS = ("value", "label", "source")


@dataclass
class LoadResult:
    """The pack when it has no errors (else None), and every problem found."""

    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def load_pack(root: Path) -> LoadResult:
    """Read and check the pack in `root`. Never raises for bad content: it reports it."""
    problems = ProblemList()
    if not root.is_dir():
        problems.error(str(root), 1, "this folder does not exist or is not a folder")
        return LoadResult(None, problems.items)
    pack_doc = _read_yaml_file(root, PACK_FILE, problems)
    languages = read_languages(pack_doc, problems) if pack_doc is not None else None
    articles, slugs, translations = _load_articles(root, languages, problems)
    pack = None
    if pack_doc is not None and languages is not None:
        pack = _build_pack(root, pack_doc, articles, slugs, problems)
        if pack is not None:
            texts = read_pack_texts(
                Fields(pack_doc, PACK_FILE, problems, (), pack_doc.data), languages, pack.title,
                pack.help,
            )
            pack = replace(
                pack, languages=languages, language=languages[0], translations=translations,
                texts=texts,
            )
        else:
            read_pack_texts(
                Fields(pack_doc, PACK_FILE, problems, (), pack_doc.data), languages, None, None
            )
    if problems.errors:
        return LoadResult(None, problems.items)
    return LoadResult(pack, problems.items)


def _read_text(root: Path, relative: str, problems: ProblemList, limit: int) -> str | None:
    path = root / relative
    if not is_inside(root, path):
        problems.error(
            relative, 1, "this file is a link that leads outside the pack (or loops); "
            "copy the file in",
        )
        return None
    try:
        raw = _read_regular_file(path, limit)
    except FileNotFoundError:
        problems.error(relative, 1, f"the file is missing; every pack needs {relative}")
        return None
    except _NotRegularFileError:
        problems.error(
            relative, 1, "this is not a plain file (it is a folder, a pipe or a device); "
            "replace it with a text file",
        )
        return None
    except OSError as exc:
        problems.error(relative, 1, f"the file cannot be read ({exc.strerror}); copy it again")
        return None
    if len(raw) > limit:
        problems.error(
            relative, 1, f"the file is {len(raw) / 1024:.0f} KB; split it, it must stay under "
            f"{limit // 1024} KB",
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            relative, line, "the text is not valid UTF-8; save the file with UTF-8 encoding"
        )
        return None


class _NotRegularFileError(OSError):
    """A folder, pipe, socket or device where a text file should be."""


def _read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of `path`, refusing anything but a regular file.

    Opened without blocking and checked before reading: a named pipe would wait for a writer
    for ever, a device such as /dev/zero never ends, and a huge file must not fill the memory.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotRegularFileError(path)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    finally:
        os.close(descriptor)


def _read_yaml_file(root: Path, relative: str, problems: ProblemList) -> YamlDocument | None:
    text = _read_text(root, relative, problems, MAX_MARKDOWN_BYTES)
    if text is None:
        return None
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        problems.error(relative, exc.line, exc.message)
        return None
    if not isinstance(doc.data, dict):
        problems.error(relative, 1, "the file must hold fields such as 'id:' and 'title:'")
        return None
    return doc


def _build_pack(
    root: Path,
    doc: YamlDocument,
    articles: dict[str, Article],
    slugs: set[str],
    problems: ProblemList,
) -> Pack | None:
    top = Fields(doc, PACK_FILE, problems, (), doc.data)
    top.warn_unknown(PACK_KEYS)
    pack_format = _read_format(top)
    pack_id = top.text("id", required=True)
    version = top.text("version", required=True)
    title = top.text("title", required=True)
    organization = _read_organization(root, top.mapping("organization", required=True))
    help_info = _read_help(top.mapping("help", required=True))
    home = top.mapping("home", required=True)
    home.warn_unknown(HOME_KEYS)
    featured = home.text("featured", required=True)
    order = home.text_list("order")
    if featured is not None and featured not in slugs:
        home.error("featured", _unknown_slug_message("home.featured", featured, slugs))
    for index, slug in enumerate(order):
        if slug not in slugs:
            message = _unknown_slug_message("home.order", slug, slugs)
            problems.error(PACK_FILE, home.line("order", index), message)
    accent = _read_accent(top.mapping("theme", required=False))
    if not slugs:
        problems.error("articles", 1, "the pack has no articles; add at least one articles/NAME.md")
    if None in (pack_format, pack_id, version, title, organization, help_info, featured):
        return None
    assert pack_format is not None and pack_id and version and title and featured
    assert organization is not None and help_info is not None
    return Pack(
        root=root, format=pack_format, id=pack_id, version=version, title=title,
        organization=organization, help=help_info, featured=featured, articles=articles,
        order=tuple(order), accent=accent,
    )


def _read_format(top: Fields) -> int | None:
    value = top.data.get("format")
    if value is None:
        top.error("format", "'format' is missing; add 'format: 1' as the first line")
        return None
    if isinstance(value, bool) or value not in SUPPORTED_FORMATS:
        top.error(
            "format",
            f"this pack is in format {_shown(value)}, which this kiosk cannot read; "
            f"it reads format {', '.join(map(str, SUPPORTED_FORMATS))} "
            "(a newer kiosk may be needed)",
        )
        return None
    return int(value)


def _shown(value: object) -> str:
    """A short quote of a YAML value for a message: a list may be a "billion laughs" of aliases."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "..."


def _read_organization(root: Path, fields: Fields) -> Organization | None:
    if not fields.exists:
        return None
    fields.warn_unknown(ORGANIZATION_KEYS)
    name = fields.text("name", required=True)
    phone = fields.text("phone", required=True)
    website = _read_web_address(fields, "website")
    logo_written = fields.text("logo", required=False)
    logo = _check_image_field(root, fields, "logo", logo_written) if logo_written else None
    if name is None or phone is None:
        return None
    return Organization(name=name, phone=phone, website=website, logo=logo)


def _read_help(fields: Fields) -> HelpInfo | None:
    if not fields.exists:
        return None
    fields.warn_unknown(HELP_KEYS)
    heading = fields.text("heading", required=True)
    text = fields.text("text", required=False)
    lines = []
    for entry in fields.mapping_list("lines"):
        entry.warn_unknown(HELP_LINE_KEYS)
        label = entry.text("label", required=True)
        number = entry.text("number", required=True)
        if label and number:
            lines.append(HelpLine(label=label, number=number))
    if "lines" not in fields.data or not fields.data.get("lines"):
        fields.error("lines", "'help.lines' needs at least one phone line (label and number)")
    if heading is None or not lines:
        return None
    return HelpInfo(heading=heading, lines=tuple(lines), text=text)


def _read_accent(fields: Fields) -> str | None:
    fields.warn_unknown(THEME_KEYS)
    accent = fields.text("accent", required=False)
    if accent is not None and not COLOUR_PATTERN.match(accent):
        fields.error("accent", f"'theme.accent' must be a colour like \"#1f6f8b\", not '{accent}'")
        return None
    if accent is not None and (problem := accent_problem(accent)) is not None:
        fields.warning("accent", problem)  # still shown: the kiosk darkens it until it reads
    return accent


def _read_web_address(fields: Fields, key: str) -> str | None:
    address = fields.text(key, required=False)
    if address is not None and not WEB_ADDRESS.match(address):
        fields.error(key, f"'{fields.where(key)}' must be a web address starting with https://")
        return None
    return address


def _check_image_field(root: Path, fields: Fields, key: str, written: str) -> Path | None:
    try:
        path = resolve_inside(root, written)
    except UnsafePathError as exc:
        fields.error(key, f"the image path {exc}")
        return None
    if not path.is_relative_to((root / "media").resolve()):
        fields.error(key, f"images must be in the pack's media/ folder; move '{written}' there")
        return None
    problem = image_problem(path, written)
    if problem:
        fields.error(key, problem)
        return None
    return path


def _unknown_slug_message(where: str, slug: str, slugs: set[str]) -> str:
    known = ", ".join(sorted(slugs)) or "none"
    return f"'{where}' names '{slug}', but there is no articles/{slug}.md (articles: {known})"


def _load_articles(
    root: Path, languages: tuple[str, ...] | None, problems: ProblemList
) -> tuple[dict[str, Article], set[str], dict[str, dict[str, Article]]]:
    """The original articles (`SLUG.md`) by slug, their slugs, and the translations
    (`SLUG.LANG.md`) by language and slug. Translations are only read when the pack's
    languages are known (pack.yaml could be read)."""
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
        article = _load_article(root, relative, slug, slugs, problems)
        if article is not None:
            articles[slug] = article
    translations: dict[str, dict[str, Article]] = {}
    for relative, slug, lang in translated:
        if languages is None:
            continue
        if not _translation_named_well(relative, slug, lang, languages, slugs, problems):
            continue
        original = articles.get(slug)
        article = _load_article(root, relative, slug, slugs, problems, original)
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
) -> Article | None:
    """One article file; `original` is set when the file is a translation of it."""
    text = _read_text(root, relative, problems, MAX_MARKDOWN_BYTES)
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
    image_written = fields.text("image", required=False)
    image = _check_image_field(root, fields, "image", image_written) if image_written else None
    image_alt = fields.text("image_alt", required=False) or ""
    if image_written and not image_alt:
        fields.warning("image", "the image has no 'image_alt'; describe it in a few words")
    stats = _read_stats(fields)
    related = _read_related(fields, slug, slugs)
    if original is not None:
        compare_with_original(fields, stats, related, original)
    article = Article(
        slug=slug, title=title or "", summary=summary or "", body=split.body,
        source_path=root / relative, body_first_line=split.body_first_line,
        image=image, image_alt=image_alt, tags=tuple(fields.text_list("tags")),
        stats=tuple(stats), related=tuple(related),
        takeaway=tuple(fields.text_list("takeaway")), reviewed=_read_date(fields, "reviewed"),
        url=_read_web_address(fields, "url"),
    )
    return article if len(problems.errors) == errors_before else None


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
            fields.problems.error(fields.path, line, _unknown_slug_message("related", other, slugs))
        elif other == slug:
            fields.problems.warning(fields.path, line, "the article lists itself in 'related'")
        else:
            related.append(other)
    return related
