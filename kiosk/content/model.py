"""The content model: a pack of articles with the clinic's details. Immutable once loaded."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
class PackText:
    """The pack's own words in one language: the home headline and the help box."""

    title: str
    help: HelpInfo


DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Pack:
    """A loaded pack. `articles`, `title` and `help` are in `language`.

    The pack as loaded is in its first language (`languages[0]`); `translations` holds every
    other language's articles (language -> slug -> article) and `texts` its title and help.
    `localized(lang)` gives the same pack in another language.
    """

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
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    language: str = DEFAULT_LANGUAGE
    translations: dict[str, dict[str, Article]] = field(default_factory=dict)
    texts: dict[str, PackText] = field(default_factory=dict)
    # The pack in its first language, kept by a localized pack so it can switch again.
    original: Pack | None = field(default=None, compare=False, repr=False)

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
        translated = base.translations.get(lang, {})
        articles = {slug: translated.get(slug, article) for slug, article in base.articles.items()}
        return replace(
            base, title=text.title, help=text.help, articles=articles, language=lang,
            original=base,
        )

    def untranslated(self, lang: str) -> set[str]:
        """Slugs shown in the first language when the kiosk is in `lang` (none for the first
        language itself or for a language the pack does not offer)."""
        base = self.original or self
        if lang not in base.languages or lang == base.default_language:
            return set()
        return set(base.articles) - set(base.translations.get(lang, {}))

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
