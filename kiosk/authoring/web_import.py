"""`kiosk article from-web`: a saved web page becomes a draft article of a pack that validates.

The page's own text (trafilatura), its title, a summary within the 200-character limit cut at a
sentence, its canonical address, its pictures copied into media/, links to pages that are already
articles of the pack as article links (others as plain text), the related posts it lists that are
articles of the pack, suggested statistics left commented out for the author to confirm, and a
comment at the top listing what the author must check. Reads only the page and its saved folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kiosk.authoring.files import write_text_whole
from kiosk.authoring.reading_level import DEFAULT_MAX_GRADE, measure, sentences_of
from kiosk.authoring.slugs import slug_from_title
from kiosk.authoring.stat_suggestions import SuggestedStat, suggest_stats
from kiosk.authoring.web_page import PageRefused, SavedPage, normalized_address, read_saved_page
from kiosk.authoring.web_pictures import PictureLeftOut, copy_picture, local_file
from kiosk.authoring.web_text import extract_page_text, xml_to_markdown
from kiosk.content.articles import MAX_SUMMARY_CHARS, SLUG_PATTERN
from kiosk.content.frontmatter import FrontMatterError, split_front_matter
from kiosk.content.pack_yaml import PACK_FILE
from kiosk.content.yaml_source import YamlSyntaxError, parse_yaml

__all__ = ["Draft", "PageRefused", "import_saved_page"]

MIN_ARTICLE_WORDS = 60
LIST_PAGE_TEASERS = 3
LINKED_SHARE_OF_A_LIST = 0.5
SHOWN_IN_NOTES = 5


@dataclass
class Draft:
    path: Path
    slug: str
    checks: list[str] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)
    stats: list[SuggestedStat] = field(default_factory=list)


@dataclass
class _Collected:
    """What the text's links and pictures turned into, for the notes at the top."""

    plain_links: list[str] = field(default_factory=list)
    article_links: list[str] = field(default_factory=list)
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (media path, alt)
    left_out: list[str] = field(default_factory=list)
    first_block_picture: int | None = None


def import_saved_page(page: str, pack: Path, *, slug: str | None = None, today: date | None = None) -> Draft:
    if not (pack / PACK_FILE).is_file() or not (pack / "articles").is_dir():
        raise PageRefused(
            f"{pack} is not a pack (it needs pack.yaml and an articles/ folder); start one with "
            f"kiosk new {pack}"
        )
    saved = read_saved_page(page)
    known = _articles_by_address(pack)
    if saved.address and normalized_address(saved.address) in known:
        existing = known[normalized_address(saved.address)]
        raise PageRefused(
            f"this page is already articles/{existing}.md (its url is {saved.address}); "
            "delete that file first to import the page again"
        )
    xml = extract_page_text(saved.html)
    if xml is None:
        raise PageRefused(_not_an_article(saved, 0))
    title = saved.title or "Untitled article"
    slug = slug or slug_from_title(title)
    if not SLUG_PATTERN.match(slug):
        raise PageRefused(f"'{slug}' cannot be an article's name; use lower-case letters, digits and dashes")
    target = pack / "articles" / f"{slug}.md"
    if target.exists():
        raise PageRefused(
            f"articles/{slug}.md already exists; give the draft another name with --slug NAME, "
            "or delete that file first"
        )
    collected = _Collected()
    text = xml_to_markdown(
        xml,
        link=lambda words, href: _link(saved, known, collected, words, href),
        picture=lambda src, alt: _picture_placeholder(collected, src, alt),
        title=saved.title,
    )
    if text.words < MIN_ARTICLE_WORDS or (
        saved.page_type != "article" and saved.teasers >= LIST_PAGE_TEASERS
    ) or text.linked_words > text.words * LINKED_SHARE_OF_A_LIST:
        raise PageRefused(_not_an_article(saved, text.words))
    body = _place_pictures(text.markdown, saved, pack, slug, collected)
    image, image_alt, body = _main_picture(body, collected)
    sentences = list(sentences_of(body))
    stats = suggest_stats(sentences)
    summary = _summary(saved.description, [s.text for s in sentences])
    related = [known[a] for a in map(normalized_address, saved.related_links) if a in known]
    level = measure(body, "en")
    fields = {
        "title": title, "summary": summary, "image": image, "image_alt": image_alt,
        "related": list(dict.fromkeys(related)), "url": saved.address,
    }
    checks = _checks(saved, collected, stats, fields, level.describe() if level else None,
                     level is not None and level.above(DEFAULT_MAX_GRADE))
    text_out = _article_text(saved, fields, checks, stats, body, today or date.today())
    write_text_whole(target, text_out)
    return Draft(target, slug, checks, [p for p, _alt in collected.pictures], stats)


def _not_an_article(saved: SavedPage, words: int) -> str:
    if saved.teasers >= LIST_PAGE_TEASERS:
        return (
            f"{saved.path.name} looks like a list of articles ({saved.teasers} headings that each "
            "link to another page), not one article; open one article and save that page"
        )
    return (
        f"{saved.path.name} has almost no text of its own ({words} words), so it is not an "
        "article; save the page of one article, not a list, a form or an empty page"
    )


def _articles_by_address(pack: Path) -> dict[str, str]:
    """The pack's articles by the `url` in their front matter (articles that cannot be read are
    skipped: validate reports them)."""
    found: dict[str, str] = {}
    for path in sorted((pack / "articles").glob("*.md")):
        slug = path.name.removesuffix(".md")
        if not SLUG_PATTERN.match(slug):
            continue  # a translation (SLUG.es.md) or a badly named file
        try:
            split = split_front_matter(path.read_text(encoding="utf-8"))
            data = parse_yaml(split.front_matter).data
        except (OSError, UnicodeDecodeError, FrontMatterError, YamlSyntaxError):
            continue
        url = data.get("url") if isinstance(data, dict) else None
        if isinstance(url, str) and url.strip():
            found.setdefault(normalized_address(url), slug)
    return found


def _link(saved: SavedPage, known: dict[str, str], collected: _Collected, words: str, href: str) -> str:
    address = saved.resolve(href.strip())
    slug = known.get(normalized_address(address)) if address.startswith(("http://", "https://")) else None
    if slug is not None:
        collected.article_links.append(slug)
        return f"[{words}]({slug}.md)"
    if address.startswith(("http://", "https://")):
        collected.plain_links.append(f'"{_shorten(words, 40)}" ({address})')
    return words


_PICTURE_MARK = "\x00picture{}\x00"


def _picture_placeholder(collected: _Collected, src: str, alt: str) -> str:
    """Pictures are copied after the text is written: a mark holds each one's place."""
    collected.pictures.append((src, " ".join(alt.split())))
    return _PICTURE_MARK.format(len(collected.pictures) - 1)


def _place_pictures(markdown: str, saved: SavedPage, pack: Path, slug: str, collected: _Collected) -> str:
    folders = saved.files_folders
    copied: list[tuple[str, str]] = []
    copies: dict[Path, str] = {}
    for index, (src, alt) in enumerate(collected.pictures):
        mark = _PICTURE_MARK.format(index)
        try:
            source = local_file(src, saved.path, folders)
            relative = copies.get(source)
            if relative is None:
                name = slug_from_title(Path(source.name).stem, fallback="picture")
                relative = copy_picture(source, pack / "media", f"{slug}-{name}"[:70]).relative
                copies[source] = relative
        except PictureLeftOut as left_out:
            collected.left_out.append(f"{_shorten(Path(src).name or src, 50)}: {left_out.reason}")
            markdown = markdown.replace(mark, "")
            continue
        copied.append((relative, alt))
        alt_text = alt.replace("[", "(").replace("]", ")")
        markdown = markdown.replace(mark, f"![{alt_text}](../{relative})")
    collected.pictures = copied
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def _main_picture(body: str, collected: _Collected) -> tuple[str | None, str | None, str]:
    """The picture the text opens with becomes the article's picture (shown above its text)."""
    first = re.match(r"\s*!\[([^\]]*)\]\(\.\./(media/[^)]+)\)\s*\n", body)
    if first is None:
        return None, None, body
    return first.group(2), first.group(1) or None, body[first.end():].lstrip("\n")


def _summary(description: str | None, sentences: list[str]) -> str:
    """The page's description, or its first sentences: whole sentences within the limit."""
    text = re.sub(r"\s*(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.|Read more\.?)\s*$", "", description or "").strip()
    parts = re.split(r"(?<=[.!?])\s+", text) if text else sentences
    summary = ""
    for part in parts:
        longer = f"{summary} {part}".strip()
        if len(longer) > MAX_SUMMARY_CHARS:
            break
        summary = longer
    if not summary:
        first = (parts or ["Write a one-line summary of this article."])[0]
        summary = first[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def _checks(
    saved: SavedPage, collected: _Collected, stats: list[SuggestedStat], fields: Mapping[str, object],
    level: str | None, too_hard: bool,
) -> list[str]:
    checks = ["the title and the summary" + (
        " (the summary is the page's description)" if saved.description else
        " (the summary is the text's first sentences)"
    ), "the text: the page's menus, sidebars, comments and share buttons were left out; is "
       "anything of the article missing?"]
    if collected.pictures:
        checks.append(f"the description of each picture ({_count(len(collected.pictures), 'picture')} "
                      "copied into media/)")
    without_alt = [p for p, alt in collected.pictures if not alt]
    if without_alt:
        checks.append(f"{_count(len(without_alt), 'picture')} without a description, to write: "
                      f"{', '.join(without_alt)}")
    if collected.left_out:
        checks.append(f"{_count(len(collected.left_out), 'picture')} left out: "
                      + _some(collected.left_out, "; "))
    if collected.plain_links:
        checks.append(f"{_count(len(collected.plain_links), 'link')} shown as plain text (not "
                      "articles of this pack): " + _some(collected.plain_links, ", "))
    if stats:
        checks.append(f"{_count(len(stats), 'suggested statistic')} at the end of these fields: keep the "
                      "ones that are right (remove the '# ' before their lines), delete the rest")
    if not fields["url"]:
        checks.append("the page did not say its web address: add it as url: if it has one")
    if level is not None:
        checks.append(f"the reading level, {level}" + (
            ": patient materials read best at grade 6 to 8; shorten the longest sentences"
            if too_hard else ""))
    checks.append("reviewed: add the date once a clinician has reviewed the article")
    return checks


def _article_text(
    saved: SavedPage, fields: Mapping[str, object], checks: list[str], stats: list[SuggestedStat],
    body: str, today: date,
) -> str:
    lines = [
        "---",
        f"# A draft made by kiosk article from-web from {_one_line(saved.path.name)} on "
        f"{today.isoformat()}. Check before it goes on a kiosk:",
        *[f"#  - {_one_line(check)}" for check in checks],
        "# Then delete these comment lines.",
    ]
    for key, value in fields.items():
        if value is None or value == []:
            continue
        lines.append(f"{key}: {_yaml(value)}")
    if stats:
        lines += [
            "# Suggested statistics, from sentences of the page that name who says so. Check each",
            "# against its source; to keep one, remove the '# ' before 'stats:' and its lines.",
            "# stats:",
        ]
        for stat in stats:
            lines += [
                f"#   - value: {_yaml(stat.value)}",
                f"#     label: {_yaml(stat.label)}",
                f"#     source: {_yaml(stat.source)}",
                f"#     # from the page: {_one_line(stat.sentence.text)}",
            ]
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def _yaml(value: object) -> str:
    """A YAML value (JSON is YAML): strings in double quotes, lists in brackets."""
    return json.dumps(value, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _some(items: list[str], separator: str) -> str:
    more = separator + "..." if len(items) > SHOWN_IN_NOTES else ""
    return separator.join(items[:SHOWN_IN_NOTES]) + more
