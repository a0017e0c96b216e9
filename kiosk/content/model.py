"""The content model: a pack of articles with the clinic's details. Immutable once loaded.

A pack's articles are a `Catalogue` (kiosk/content/catalogue.py): a mapping from slug to article
that also answers what the screens ask of a library (what is shown today, in a topic, A to Z).
Loaded from a folder it holds every article; from the compiled form (kiosk/library/) it reads
each article only when it is asked for, so a pack of a thousand costs what the screen shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.content.catalogue import Catalogue


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
    topics: tuple[str, ...] = ()
    show_from: date | None = None  # shown from this day on (a seasonal article)
    show_until: date | None = None  # shown up to and including this day

    def shown_on(self, day: date) -> bool:
        """Whether the article is shown on `day`: an article outside its dates is nowhere."""
        return shown_between(self.show_from, self.show_until, day)


def shown_between(show_from: date | None, show_until: date | None, day: date) -> bool:
    return (show_from is None or show_from <= day) and (show_until is None or day <= show_until)


@dataclass(frozen=True)
class Topic:
    """A subject the home screen offers (heart, diabetes...), in the order pack.yaml lists them."""

    id: str
    title: str
    image: Path | None = None
    image_alt: str = ""


@dataclass(frozen=True)
class PackText:
    """The pack's own words in one language: the home headline and the help box."""

    title: str
    help: HelpInfo
    topic_titles: tuple[str, ...] = ()  # by position in `Pack.topics`; missing ones stay


DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Pack:
    """A loaded pack. `articles`, `title`, `help` and `topics` are in `language`.

    The pack as loaded is in its first language (`languages[0]`); `translations` holds every
    other language's articles (language -> slug -> article) and `texts` its title, help and
    topic titles. `localized(lang)` gives the same pack in another language. `featured` lists
    the articles the home screen may feature: the first one shown on the day is.
    """

    root: Path
    format: int
    id: str
    version: str
    title: str
    organization: Organization
    help: HelpInfo
    featured: tuple[str, ...]
    articles: Catalogue = field(default_factory=lambda: _catalogue({}))
    order: tuple[str, ...] = ()
    accent: str | None = None
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    language: str = DEFAULT_LANGUAGE
    translations: dict[str, dict[str, Article]] = field(default_factory=dict)
    texts: dict[str, PackText] = field(default_factory=dict)
    topics: tuple[Topic, ...] = ()
    # The pack in its first language, kept by a localized pack so it can switch again.
    original: Pack | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.featured, str):  # one slug, as format 1 first allowed
            object.__setattr__(self, "featured", (self.featured,))
        if isinstance(self.articles, dict):  # every article in memory
            object.__setattr__(self, "articles", _catalogue(self.articles, self.order))

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def localized(self, lang: str) -> Pack:
        """The pack in `lang`: its translated title, help and articles.

        An article without a translation stays in the first language (see `untranslated`).
        A language the pack does not offer gives the pack back unchanged.
        """
        base = self.original or self
        if lang not in base.languages or lang == self.language:
            return self
        if lang == base.default_language:
            return base
        text = base.texts.get(lang, PackText(title=base.title, help=base.help))
        topics = tuple(
            replace(topic, title=text.topic_titles[index])
            if index < len(text.topic_titles) and text.topic_titles[index] else topic
            for index, topic in enumerate(base.topics)
        )
        articles = base.articles.localized(lang, base.translations.get(lang, {}))
        return replace(
            base, title=text.title, help=text.help, articles=articles, language=lang,
            topics=topics, original=base,
        )

    def untranslated(self, lang: str) -> set[str]:
        """Slugs shown in the first language when the kiosk is in `lang` (none for the first
        language itself or for a language the pack does not offer)."""
        base = self.original or self
        if lang not in base.languages or lang == base.default_language:
            return set()
        return set(base.articles) - set(base.translations.get(lang, {}))

    def is_translated(self, slug: str, lang: str) -> bool:
        """Whether `slug` has its own text in `lang` (always, in the first language)."""
        base = self.original or self
        if lang not in base.languages or lang == base.default_language:
            return True
        return base.articles.has_translation(slug, lang, base.translations.get(lang, {}))

    def ordered_articles(self) -> list[Article]:
        """Every article in the pack's home order, then the rest by title (reads them all)."""
        return [self.articles[slug] for slug in self.articles.ordered_slugs()]

    def featured_article(self, day: date | None = None) -> Article:
        """The first `featured` article shown on `day` (every one, without a day); when none of
        them is shown that day, the first article shown, so the home screen is never empty."""
        for slug in self.featured:
            article = self.articles.get(slug)
            if article is not None and (day is None or article.shown_on(day)):
                return article
        shown = self.articles.first_shown(day, 1)
        return self.articles[shown[0] if shown else self.featured[0]]

    def all_stats(self) -> list[tuple[Stat, Article]]:
        """Every statistic with the article it comes from, in home order."""
        return [(stat, article) for article in self.ordered_articles() for stat in article.stats]

    def topic(self, topic_id: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.id == topic_id), None)

    @property
    def is_library(self) -> bool:
        """Whether the home screen offers topics (rather than listing the articles)."""
        return bool(self.topics)


def _catalogue(articles: Mapping[str, Article], order: tuple[str, ...] = ()) -> Catalogue:
    from kiosk.content.catalogue import MemoryCatalogue  # it builds on this module

    return MemoryCatalogue(articles, order)
