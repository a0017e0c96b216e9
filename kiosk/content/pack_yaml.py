"""pack.yaml: the pack's identity, the clinic, the help lines, the home screen and the theme,
each field checked and every problem reported at its line.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.content.catalogue import MemoryCatalogue
from kiosk.content.contrast import accent_problem
from kiosk.content.field_checks import check_image_field, read_web_address, unknown_slug_message
from kiosk.content.fields import Fields
from kiosk.content.model import Article, HelpInfo, HelpLine, Organization, Pack
from kiosk.content.problems import ProblemList
from kiosk.content.topics import read_topics
from kiosk.content.yaml_source import YamlDocument

SUPPORTED_FORMATS = (1,)

PACK_FILE = "pack.yaml"
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")

PACK_KEYS = (
    "format", "id", "version", "title", "organization", "help", "home", "theme", "languages",
    "translations", "topics",
    "authoring",  # for authors' tools only (kiosk/authoring/)
)
ORGANIZATION_KEYS = ("name", "phone", "website", "logo")
HELP_KEYS = ("heading", "text", "lines")
HELP_LINE_KEYS = ("label", "number")
HOME_KEYS = ("featured", "order")
THEME_KEYS = ("accent",)


def build_pack(
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
    featured = _read_featured(home, slugs)
    order = home.text_list("order")
    for index, slug in enumerate(order):
        if slug not in slugs:
            message = unknown_slug_message("home.order", slug, slugs)
            problems.error(PACK_FILE, home.line("order", index), message)
    accent = _read_accent(top.mapping("theme", required=False))
    topics = read_topics(root, top)
    if not slugs:
        problems.error("articles", 1, "the pack has no articles; add at least one articles/NAME.md")
    if None in (pack_format, pack_id, version, title, organization, help_info) or not featured:
        return None
    assert pack_format is not None and pack_id and version and title
    assert organization is not None and help_info is not None
    return Pack(
        root=root, format=pack_format, id=pack_id, version=version, title=title,
        organization=organization, help=help_info, featured=featured,
        articles=MemoryCatalogue(articles, tuple(order)), order=tuple(order), accent=accent,
        topics=topics,
    )


def _read_featured(home: Fields, slugs: set[str]) -> tuple[str, ...]:
    """`home.featured`: one slug, or a list of them (the first shown on the day is featured)."""
    if home.exists and home.data.get("featured") in (None, "", []):
        home.problems.error(home.path, home.line(), "'home.featured' is missing; add the slug of "
                            "the article the home screen features (or a list of them)")
        return ()
    featured = home.text_list("featured")
    listed = isinstance(home.data.get("featured"), list)
    for index, slug in enumerate(featured):
        if slug not in slugs:
            line = home.line("featured", index) if listed else home.line("featured")
            home.problems.error(home.path, line, unknown_slug_message("home.featured", slug, slugs))
    return tuple(slug for slug in featured if slug in slugs)


def _read_format(top: Fields) -> int | None:
    value = top.data.get("format")
    if value is None:
        top.error("format", "'format' is missing; add 'format: 1' as the first line")
        return None
    if isinstance(value, bool) or value not in SUPPORTED_FORMATS:
        top.error(
            "format",
            f"this pack is in format {shown_value(value)}, which this kiosk cannot read; "
            f"it reads format {', '.join(map(str, SUPPORTED_FORMATS))} "
            "(a newer kiosk may be needed)",
        )
        return None
    return int(value)


def shown_value(value: object) -> str:
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
    website = read_web_address(fields, "website")
    logo_written = fields.text("logo", required=False)
    logo = check_image_field(root, fields, "logo", logo_written) if logo_written else None
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
