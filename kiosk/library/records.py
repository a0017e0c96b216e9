"""The pack and its articles as the compiled form stores them (JSON), and back again.

Paths are kept relative to the pack's folder, so a compiled form describes the pack wherever
the pack is; reading turns them back into paths inside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from kiosk.content.model import (
    Article,
    HelpInfo,
    HelpLine,
    Organization,
    Pack,
    PackText,
    Stat,
    Topic,
)


def relative(root: Path, path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.resolve().relative_to(root.resolve()).as_posix()


def absolute(root: Path, written: str | None) -> Path | None:
    return None if written is None else root.joinpath(*written.split("/"))


def day(written: str | None) -> date | None:
    return None if written is None else date.fromisoformat(written)


def help_record(info: HelpInfo) -> dict[str, Any]:
    return {"heading": info.heading, "text": info.text,
            "lines": [[line.label, line.number] for line in info.lines]}


def help_from(record: dict[str, Any]) -> HelpInfo:
    return HelpInfo(record["heading"], tuple(HelpLine(label, number) for label, number in record["lines"]),
                    record["text"])


def pack_record(pack: Pack) -> dict[str, Any]:
    """Everything about the pack but its articles (the home screen's heading, help, topics...)."""
    root = pack.root
    organization = pack.organization
    return {
        "format": pack.format, "id": pack.id, "version": pack.version, "title": pack.title,
        "organization": {
            "name": organization.name, "phone": organization.phone,
            "website": organization.website, "logo": relative(root, organization.logo),
        },
        "help": help_record(pack.help), "featured": list(pack.featured), "order": list(pack.order),
        "accent": pack.accent, "languages": list(pack.languages),
        "texts": {
            lang: {"title": text.title, "help": help_record(text.help),
                   "topic_titles": list(text.topic_titles)}
            for lang, text in pack.texts.items()
        },
        "topics": [
            {"id": t.id, "title": t.title, "image": relative(root, t.image), "image_alt": t.image_alt}
            for t in pack.topics
        ],
    }


def pack_fields(record: dict[str, Any], root: Path) -> dict[str, Any]:
    """The keyword arguments of `Pack` (all but `articles`) from a stored pack record."""
    organization = record["organization"]
    return {
        "root": root, "format": record["format"], "id": record["id"], "version": record["version"],
        "title": record["title"],
        "organization": Organization(organization["name"], organization["phone"],
                                     organization["website"], absolute(root, organization["logo"])),
        "help": help_from(record["help"]), "featured": tuple(record["featured"]),
        "order": tuple(record["order"]), "accent": record["accent"],
        "languages": tuple(record["languages"]), "language": record["languages"][0],
        "texts": {
            lang: PackText(text["title"], help_from(text["help"]), tuple(text["topic_titles"]))
            for lang, text in record["texts"].items()
        },
        "topics": tuple(
            Topic(t["id"], t["title"], absolute(root, t["image"]), t["image_alt"])
            for t in record["topics"]
        ),
    }


def article_record(article: Article, root: Path, images: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "slug": article.slug, "title": article.title, "summary": article.summary,
        "body": article.body, "source_path": relative(root, article.source_path),
        "body_first_line": article.body_first_line, "image": relative(root, article.image),
        "image_alt": article.image_alt, "tags": list(article.tags),
        "stats": [[s.value, s.label, s.source] for s in article.stats],
        "related": list(article.related), "takeaway": list(article.takeaway),
        "reviewed": article.reviewed.isoformat() if article.reviewed else None, "url": article.url,
        "topics": list(article.topics),
        "show_from": article.show_from.isoformat() if article.show_from else None,
        "show_until": article.show_until.isoformat() if article.show_until else None,
        "images": list(images),
    }


def article_from(record: dict[str, Any], root: Path) -> Article:
    return Article(
        slug=record["slug"], title=record["title"], summary=record["summary"], body=record["body"],
        source_path=absolute(root, record["source_path"]) or root,
        body_first_line=record["body_first_line"], image=absolute(root, record["image"]),
        image_alt=record["image_alt"], tags=tuple(record["tags"]),
        stats=tuple(Stat(*stat) for stat in record["stats"]), related=tuple(record["related"]),
        takeaway=tuple(record["takeaway"]), reviewed=day(record["reviewed"]), url=record["url"],
        topics=tuple(record["topics"]), show_from=day(record["show_from"]),
        show_until=day(record["show_until"]),
    )
