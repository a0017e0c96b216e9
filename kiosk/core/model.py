"""The content model: a pack of articles with the clinic's details. Immutable once loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class HelpLine:
    label: str
    number: str


@dataclass(frozen=True)
class Organization:
    name: str
    phone: str
    website: str | None = None
    logo: Path | None = None


@dataclass(frozen=True)
class HelpInfo:
    heading: str
    lines: tuple[HelpLine, ...]
    text: str | None = None


@dataclass(frozen=True)
class Stat:
    value: str
    label: str
    source: str


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    body: str
    source_path: Path
    body_first_line: int = 1
    image: Path | None = None
    image_alt: str = ""
    tags: tuple[str, ...] = ()
    stats: tuple[Stat, ...] = ()
    related: tuple[str, ...] = ()
    takeaway: tuple[str, ...] = ()
    reviewed: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Pack:
    root: Path
    format: int
    id: str
    version: str
    title: str
    organization: Organization
    help: HelpInfo
    featured: str
    articles: dict[str, Article] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    accent: str | None = None

    def ordered_articles(self) -> list[Article]:
        """Articles in the pack's home order, then the rest by title."""
        listed = [self.articles[slug] for slug in self.order if slug in self.articles]
        rest = sorted(
            (a for slug, a in self.articles.items() if slug not in self.order),
            key=lambda a: a.title.casefold(),
        )
        return listed + rest

    def featured_article(self) -> Article:
        return self.articles[self.featured]

    def all_stats(self) -> list[tuple[Stat, Article]]:
        """Every statistic with the article it comes from, in home order."""
        return [(stat, article) for article in self.ordered_articles() for stat in article.stats]
