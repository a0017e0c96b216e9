"""Reading a compiled pack: the pack's details at once, each article only when it is asked for.

`open_compiled` checks the form belongs to the pack (its fingerprint) and is whole (the seal of
each row it reads). If a row turns out damaged later, the catalogue says so once in the log,
reads the pack from its folder instead (slower, never wrong) and flags the form for rebuilding.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from kiosk.content.catalogue import Catalogue, Entry, Hidden, returns_on
from kiosk.content.model import Article, Pack, Stat
from kiosk.library import schema
from kiosk.library.records import absolute, article_from, day, pack_fields, relative

log = logging.getLogger(__name__)
T = TypeVar("T")
ARTICLE_CACHE = 16  # articles kept decoded: a visitor's trail back, not the whole library


class CompiledDamaged(Exception):  # noqa: N818 (a state, like PackRejected)
    """The compiled form cannot be trusted (missing, of another pack, or damaged)."""


class Connection:
    """One read-only connection to a compiled form, shared by a pack's catalogues."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pictures = folder / schema.PICTURES_FOLDER
        uri = (folder / schema.DATABASE_NAME).resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            self.sql = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.sql.execute("PRAGMA cell_size_check = ON")
        except sqlite3.Error as exc:
            raise CompiledDamaged(f"{folder} cannot be opened ({exc})") from exc
        self.damaged = False
        self.on_damage: list[Callable[[str], None]] = []

    def rows(self, query: str, *parameters: Any) -> list[tuple[Any, ...]]:
        try:
            return self.sql.execute(query, parameters).fetchall()
        except sqlite3.Error as exc:
            raise CompiledDamaged(f"{self.folder}: {exc}") from exc

    def meta(self, key: str) -> str:
        found = self.rows("SELECT value, seal FROM meta WHERE key = ?", key)
        if not found or found[0][1] != schema.seal(key, found[0][0]):
            raise CompiledDamaged(f"{self.folder}: its '{key}' is missing or damaged")
        return str(found[0][0])

    def report(self, why: str) -> None:
        if not self.damaged:
            self.damaged = True
            log.error("the compiled library in %s is damaged (%s); reading the pack from its "
                      "folder instead, and compiling it again", self.folder, why)
            for listener in self.on_damage:
                listener(why)

    def close(self) -> None:
        self.sql.close()


def open_compiled(folder: Path, pack_root: Path, fingerprint: str) -> Pack:
    """The pack in `pack_root` as compiled in `folder`; CompiledDamaged when it may not be used."""
    connection = Connection(folder)
    try:
        if connection.meta("schema") != str(schema.SCHEMA_VERSION):
            raise CompiledDamaged(f"{folder} was compiled by another version of the kiosk")
        if connection.meta("fingerprint") != fingerprint:
            raise CompiledDamaged(f"{folder} was compiled from another state of the pack")
        fields = pack_fields(json.loads(connection.meta("pack")), pack_root)
    except (CompiledDamaged, ValueError, KeyError, TypeError) as exc:
        connection.close()
        raise exc if isinstance(exc, CompiledDamaged) else CompiledDamaged(str(exc)) from exc
    first = fields["languages"][0]
    fallback = _Fallback(pack_root)
    articles = CompiledCatalogue(connection, first, first, pack_root, fallback)
    return Pack(articles=articles, **fields)


class _Fallback:
    """The pack read from its folder, the first time a damaged row needs it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pack: Pack | None = None

    def pack(self, lang: str) -> Pack:
        if self._pack is None:
            from kiosk.content.loader import load_pack  # only when the compiled form failed

            loaded = load_pack(self.root).pack
            if loaded is None:
                raise CompiledDamaged(f"the pack in {self.root} cannot be read either")
            self._pack = loaded
        return self._pack.localized(lang)


class CompiledCatalogue(Catalogue):
    """A pack's articles in one language, read from SQLite as the screens ask for them."""

    def __init__(
        self, connection: Connection, lang: str, first: str, root: Path, fallback: _Fallback
    ) -> None:
        self.connection = connection
        self.lang = lang
        self.first = first
        self.root = root
        self._fallback = fallback
        self._cache: OrderedDict[str, Article] = OrderedDict()
        self._slugs: frozenset[str] | None = None

    # --- the mapping -------------------------------------------------------------------------

    def __getitem__(self, slug: str) -> Article:
        cached = self._cache.get(slug)
        if cached is not None:
            self._cache.move_to_end(slug)
            return cached
        article = self._guarded(lambda: self._read_article(slug))
        if article is None:
            article = self._fallback_catalogue()[slug]
        self._cache[slug] = article
        while len(self._cache) > ARTICLE_CACHE:
            self._cache.popitem(last=False)
        return article

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._slug_set()))

    def __len__(self) -> int:
        return len(self._slug_set())

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and slug in self._slug_set()

    def html(self, slug: str) -> str:
        """The article's safe HTML, rendered when the pack was compiled."""
        html = self._guarded(lambda: self._read_row(slug)[1])
        return html if html is not None else self._render(slug)

    # --- the library's questions -------------------------------------------------------------

    def ordered_slugs(self, day: date | None = None) -> list[str]:
        rows = self._entries("ORDER BY position")
        return [row[1] for row in rows if _shown(row, day)]

    def entries(self, slugs: list[str]) -> list[Entry]:
        by_slug = {row[1]: row for row in self._entry_rows(slugs)}
        return [_entry(by_slug[slug], self.root) for slug in slugs if slug in by_slug]

    def is_shown(self, slug: str, day: date | None) -> bool:
        rows = self._entry_rows([slug])
        return bool(rows) and _shown(rows[0], day)

    def a_to_z(self, day: date | None) -> list[Entry]:
        return [_entry(row, self.root) for row in self._entries("ORDER BY sort_key") if _shown(row, day)]

    def in_topic(self, topic: str, day: date | None) -> list[Entry]:
        rows = self._guarded(lambda: self._checked(self.connection.rows(
            f"SELECT {_ENTRY_COLUMNS} FROM entries JOIN article_topics USING (slug) "
            "WHERE lang = ? AND topic = ? ORDER BY position", self.lang, topic)))
        if rows is None:
            return self._fallback_catalogue().in_topic(topic, day)
        return [_entry(row, self.root) for row in rows if _shown(row, day)]

    def topic_counts(self, day: date | None) -> dict[str, int]:
        rows = self._guarded(lambda: self.connection.rows(
            "SELECT topic, show_from, show_until FROM entries JOIN article_topics USING (slug) "
            "WHERE lang = ?", self.lang))
        if rows is None:
            return self._fallback_catalogue().topic_counts(day)
        counts: dict[str, int] = {}
        for topic, show_from, show_until in rows:
            if day is None or _shown_between(show_from, show_until, day):
                counts[topic] = counts.get(topic, 0) + 1
        return counts

    def hidden(self, day: date) -> list[Hidden]:
        hidden = [
            Hidden(row[1], row[4], _day(row[9]), _day(row[10]), returns_on(_day(row[9]), day))
            for row in self._entries("ORDER BY position") if not _shown(row, day)
        ]
        return sorted(hidden, key=lambda h: (h.returns_on is None, h.returns_on or day, h.title))

    def shown_count(self, day: date | None) -> int:
        rows = self._guarded(lambda: self.connection.rows(
            f"SELECT count(*) FROM entries WHERE lang = ? AND {_SHOWN}", self.lang, *_day_args(day)))
        if rows is None:
            return self._fallback_catalogue().shown_count(day)
        return int(rows[0][0])

    def first_shown(self, day: date | None, count: int, exclude: tuple[str, ...] = ()) -> list[str]:
        """Read from the top of the home order only: the home screen's cost does not grow."""
        rows = self._guarded(lambda: self.connection.rows(
            f"SELECT slug FROM entries WHERE lang = ? AND {_SHOWN} ORDER BY position LIMIT ?",
            self.lang, *_day_args(day), count + len(exclude)))
        if rows is None:
            return self._fallback_catalogue().first_shown(day, count, exclude)
        return [slug for (slug,) in rows if slug not in exclude][:count]

    def stats_strip(self, day: date | None, count: int) -> list[Stat]:
        firsts: list[Stat] = []
        rest: list[Stat] = []
        rows = self._guarded(lambda: self._checked(self.connection.rows(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE lang = ? AND {_SHOWN} AND stats != '[]' "
            "ORDER BY position LIMIT ?", self.lang, *_day_args(day), count)))
        if rows is None:
            return self._fallback_catalogue().stats_strip(day, count)
        for row in rows:  # the first `count` articles with statistics hold enough of them
            stats = [Stat(*stat) for stat in json.loads(row[11])]
            firsts.extend(stats[:1])
            rest.extend(stats[1:])
        return (firsts + rest)[:count]

    def localized(self, lang: str, translations: Mapping[str, Article]) -> Catalogue:
        return CompiledCatalogue(self.connection, lang, self.first, self.root, self._fallback)

    def has_translation(self, slug: str, lang: str, translations: Mapping[str, Article]) -> bool:
        rows = self._guarded(lambda: self.connection.rows(
            "SELECT 1 FROM articles WHERE lang = ? AND slug = ?", lang, slug))
        if rows is None:
            return slug in self._fallback.pack(self.first).translations.get(lang, {})
        return bool(rows)

    def picture_variants(self, written: str) -> list[tuple[int, Path]]:
        """The scaled copies of a picture of the pack (`media/x.jpg`): (width, file)."""
        try:
            rows = self.connection.rows("SELECT width, file FROM pictures WHERE source = ?", written)
        except CompiledDamaged as exc:
            self.connection.report(str(exc))
            return []
        return [(width, self.connection.pictures / file) for width, file in rows]

    # --- reading rows ------------------------------------------------------------------------

    def _slug_set(self) -> frozenset[str]:
        if self._slugs is None:
            self._slugs = frozenset(row[1] for row in self._entries("ORDER BY position"))
        return self._slugs

    def _entries(self, order: str) -> list[tuple[Any, ...]]:
        rows = self._guarded(lambda: self._checked(self.connection.rows(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE lang = ? {order}", self.lang)))
        if rows is None:  # damaged: the same rows from the pack read from its folder
            catalogue = self._fallback_catalogue()
            ordered = catalogue.ordered_slugs() if "position" in order else [
                e.slug for e in catalogue.a_to_z(None)]
            return [_row_of(catalogue[slug], self.lang, self.root) for slug in ordered]
        return rows

    def _entry_rows(self, slugs: list[str]) -> list[tuple[Any, ...]]:
        if not slugs:
            return []
        marks = ", ".join("?" * len(slugs))
        rows = self._guarded(lambda: self._checked(self.connection.rows(
            f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE lang = ? AND slug IN ({marks})",
            self.lang, *slugs)))
        if rows is None:
            catalogue = self._fallback_catalogue()
            return [_row_of(catalogue[slug], self.lang, self.root) for slug in slugs if slug in catalogue]
        return rows

    def _checked(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        for row in rows:
            if row[-1] != schema.seal(*row[:-1]):
                raise CompiledDamaged(f"the entry of '{row[1]}' is damaged")
        return rows

    def _read_row(self, slug: str) -> tuple[str, str]:
        for lang in dict.fromkeys((self.lang, self.first)):
            rows = self.connection.rows(
                "SELECT payload, html, seal FROM articles WHERE lang = ? AND slug = ?", lang, slug)
            if rows:
                payload, html, seal = rows[0]
                if seal != schema.seal(lang, slug, payload, html):
                    raise CompiledDamaged(f"the article '{slug}' ({lang}) is damaged")
                return payload, html
        raise KeyError(slug)

    def _read_article(self, slug: str) -> Article:
        payload, _html = self._read_row(slug)
        return article_from(json.loads(payload), self.root)

    def _render(self, slug: str) -> str:
        from kiosk.content.render import ArticleRenderer

        return ArticleRenderer(self._fallback.pack(self.lang)).render(slug).html

    def _fallback_catalogue(self) -> Catalogue:
        return self._fallback.pack(self.lang).articles

    def _guarded(self, read: Callable[[], T]) -> T | None:
        """`read` from SQLite; None when the compiled form is damaged (the caller then reads
        the pack from its folder)."""
        if not self.connection.damaged:
            try:
                return read()
            except (CompiledDamaged, ValueError, TypeError, KeyError) as exc:
                if isinstance(exc, KeyError):  # no such article: not damage
                    raise
                self.connection.report(str(exc))
        return None


# "Shown on the day" in SQL: three parameters, the day each time (NULL: every article).
_SHOWN = ("(? IS NULL OR ((show_from IS NULL OR show_from <= ?) "
          "AND (show_until IS NULL OR ? <= show_until)))")


def _day_args(day: date | None) -> tuple[str | None, str | None, str | None]:
    text = day.isoformat() if day is not None else None
    return text, text, text


_ENTRY_COLUMNS = ("lang, slug, position, sort_key, title, summary, image, image_alt, topics, "
                  "show_from, show_until, stats, translated, seal")


def _day(written: str | None) -> date | None:
    return day(written)


def _shown_between(show_from: str | None, show_until: str | None, on: date) -> bool:
    text = on.isoformat()  # ISO dates compare as text
    return (show_from is None or show_from <= text) and (show_until is None or text <= show_until)


def _shown(row: tuple[Any, ...], on: date | None) -> bool:
    return on is None or _shown_between(row[9], row[10], on)


def _entry(row: tuple[Any, ...], root: Path) -> Entry:
    return Entry(row[1], row[4], row[5], absolute(root, row[6]), row[7], tuple(json.loads(row[8])))


def _row_of(article: Article, lang: str, root: Path) -> tuple[Any, ...]:
    """An entry row made from an article read from the folder (the damaged form's stand-in)."""
    image = relative(root, article.image)
    return (lang, article.slug, 0, "", article.title, article.summary, image, article.image_alt,
            json.dumps(list(article.topics)),
            article.show_from.isoformat() if article.show_from else None,
            article.show_until.isoformat() if article.show_until else None,
            json.dumps([[s.value, s.label, s.source] for s in article.stats]), 1, "")

