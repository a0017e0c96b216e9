"""A pack's articles as a library: a mapping from slug to article, plus the questions the
screens ask of it (what is shown on a day, in a topic, from A to Z, how many).

`MemoryCatalogue` holds every article (a pack loaded from its folder). The compiled form
(kiosk/library/compiled.py) answers the same questions from SQLite, reading an article only
when it is asked for. Every question takes the day: an article outside its dates is nowhere.
`day=None` means every article, whatever its dates (for authors and staff).
"""

from __future__ import annotations

import unicodedata
from abc import abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.content.model import Article, Stat


@dataclass(frozen=True)
class Entry:
    """What a tile or a row shows of an article, without its body."""

    slug: str
    title: str
    summary: str
    image: Path | None = None
    image_alt: str = ""
    topics: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article) -> Entry:
        return cls(article.slug, article.title, article.summary, article.image, article.image_alt,
                   article.topics)


@dataclass(frozen=True)
class Hidden:
    """An article not shown on a day, and when it is shown again (None: never again)."""

    slug: str
    title: str
    show_from: date | None
    show_until: date | None
    returns_on: date | None


def sort_key(title: str) -> str:
    """Titles in A-to-Z order the way a reader expects: case and accents aside ("Ética" at E)."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def first_letter(title: str) -> str:
    """The letter a title is filed under in A to Z; '#' for digits and signs."""
    key = sort_key(title)
    letter = next((c for c in key if c.isalnum()), "#")
    return letter.upper() if letter.isalpha() and letter.isascii() else "#"


class Catalogue(Mapping[str, Article]):
    """Slug -> article, and the library's questions. Read-only, like the pack that holds it."""

    @abstractmethod
    def ordered_slugs(self, day: date | None = None) -> list[str]:
        """Slugs in the pack's home order (`home.order`, then by title), shown on `day`."""

    @abstractmethod
    def entries(self, slugs: list[str]) -> list[Entry]:
        """The tiles' facts for these slugs, in the same order."""

    @abstractmethod
    def is_shown(self, slug: str, day: date | None) -> bool:
        """Whether the article exists and is shown on `day`."""

    @abstractmethod
    def a_to_z(self, day: date | None) -> list[Entry]:
        """Every article shown on `day`, by title."""

    @abstractmethod
    def in_topic(self, topic: str, day: date | None) -> list[Entry]:
        """The articles of a topic shown on `day`, in home order."""

    @abstractmethod
    def topic_counts(self, day: date | None) -> dict[str, int]:
        """How many articles of each topic are shown on `day` (topics with none left out)."""

    @abstractmethod
    def hidden(self, day: date) -> list[Hidden]:
        """The articles not shown on `day` because of their dates, by the day they return."""

    @abstractmethod
    def stats_strip(self, day: date | None, count: int) -> list[Stat]:
        """Up to `count` statistics for the home screen: one from each article first (in home
        order), so the strip covers several subjects, then the others."""

    @abstractmethod
    def localized(self, lang: str, translations: Mapping[str, Article]) -> Catalogue:
        """The same articles in `lang`, each in its translation where it has one."""

    @abstractmethod
    def has_translation(self, slug: str, lang: str, translations: Mapping[str, Article]) -> bool:
        """Whether `slug` has its own text in `lang`."""

    def shown_count(self, day: date | None) -> int:
        return len(self.ordered_slugs(day))

    def first_shown(self, day: date | None, count: int, exclude: tuple[str, ...] = ()) -> list[str]:
        """The first `count` slugs in home order shown on `day`, leaving out `exclude`."""
        return [slug for slug in self.ordered_slugs(day) if slug not in exclude][:count]


class MemoryCatalogue(Catalogue):
    """Every article in memory, as `load_pack` reads a folder: small packs and authors' packs."""

    def __init__(self, articles: Mapping[str, Article], order: tuple[str, ...] = ()) -> None:
        self._articles = dict(articles)
        self._order = order
        listed = [slug for slug in order if slug in self._articles]
        rest = sorted((slug for slug in self._articles if slug not in order),
                      key=lambda slug: sort_key(self._articles[slug].title))
        self._ordered = listed + rest

    def __getitem__(self, slug: str) -> Article:
        return self._articles[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def ordered_slugs(self, day: date | None = None) -> list[str]:
        return [slug for slug in self._ordered if self.is_shown(slug, day)]

    def entries(self, slugs: list[str]) -> list[Entry]:
        return [Entry.of(self._articles[slug]) for slug in slugs]

    def is_shown(self, slug: str, day: date | None) -> bool:
        article = self._articles.get(slug)
        return article is not None and (day is None or article.shown_on(day))

    def a_to_z(self, day: date | None) -> list[Entry]:
        shown = (self._articles[slug] for slug in self.ordered_slugs(day))
        return [Entry.of(article) for article in sorted(shown, key=lambda a: sort_key(a.title))]

    def in_topic(self, topic: str, day: date | None) -> list[Entry]:
        return [Entry.of(self._articles[slug]) for slug in self.ordered_slugs(day)
                if topic in self._articles[slug].topics]

    def topic_counts(self, day: date | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for slug in self.ordered_slugs(day):
            for topic in dict.fromkeys(self._articles[slug].topics):
                counts[topic] = counts.get(topic, 0) + 1
        return counts

    def hidden(self, day: date) -> list[Hidden]:
        hidden = [
            Hidden(a.slug, a.title, a.show_from, a.show_until, returns_on(a.show_from, day))
            for slug in self._ordered if not (a := self._articles[slug]).shown_on(day)
        ]
        return sorted(hidden, key=lambda h: (h.returns_on is None, h.returns_on or day, h.title))

    def stats_strip(self, day: date | None, count: int) -> list[Stat]:
        shown = [self._articles[slug] for slug in self.ordered_slugs(day)]
        firsts = [article.stats[0] for article in shown if article.stats]
        rest = [stat for article in shown for stat in article.stats[1:]]
        return (firsts + rest)[:count]

    def localized(self, lang: str, translations: Mapping[str, Article]) -> Catalogue:
        articles = {slug: translations.get(slug, article) for slug, article in self._articles.items()}
        return MemoryCatalogue(articles, self._order)

    def has_translation(self, slug: str, lang: str, translations: Mapping[str, Article]) -> bool:
        return slug in translations


def returns_on(show_from: date | None, day: date) -> date | None:
    """The day a hidden article is shown again: its first day, if that is still to come."""
    return show_from if show_from is not None and show_from > day else None
