"""Compiling a pack: from the pack loaded whole (and checked) to its compiled form.

The form is built in a private folder beside its final place and moved there in one rename,
once every file is on disk: a kill or a power cut while building leaves no compiled form at
all (only a leftover folder, deleted later), never half of one.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from kiosk.content.catalogue import sort_key
from kiosk.content.model import Article, Pack
from kiosk.content.render import ArticleRenderer
from kiosk.disk.sync import sync_folder
from kiosk.library import schema
from kiosk.library.pictures import Variant, scale_picture
from kiosk.library.records import article_record, pack_record, relative
from kiosk.library.schema import CompileCancelled
from kiosk.library.words import index_tokens, plain_text

log = logging.getLogger(__name__)
BUILDING_PREFIX = schema.BUILDING_PREFIX


def compile_pack(
    pack: Pack, target: Path, *, fingerprint: str, cancelled: Callable[[], bool] = lambda: False,
) -> Path:
    """Write the compiled form of `pack` (loaded whole, without errors) as the folder `target`.

    Returns `target`. When another process finished the same form first, its copy is kept.
    Raises OSError (a full disk...) or CompileCancelled; nothing is left behind either way.
    """
    building = target.parent / f"{schema.BUILDING_PREFIX}{secrets.token_hex(6)}"
    (building / schema.PICTURES_FOLDER).mkdir(parents=True)
    try:
        _write_database(pack, building, fingerprint, cancelled)
        sync_folder(building / schema.PICTURES_FOLDER)
        sync_folder(building)
        try:
            os.rename(building, target)
        except OSError:
            if not (target / schema.DATABASE_NAME).is_file():
                raise
            shutil.rmtree(building, ignore_errors=True)  # built meanwhile by another process
        sync_folder(target.parent)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return target


def _write_database(
    pack: Pack, folder: Path, fingerprint: str, cancelled: Callable[[], bool]
) -> None:
    path = folder / schema.DATABASE_NAME
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a private file, renamed in when whole
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(schema.TABLES)
        connection.execute(schema.SEARCH_TABLE)
        with connection:
            variants = _write_pack(connection, pack, folder / schema.PICTURES_FOLDER, cancelled)
            connection.executemany(
                "INSERT OR IGNORE INTO pictures VALUES (?, ?, ?, ?)",
                [(v.source, v.width, v.file, v.bytes) for v in variants],
            )
            _write_meta(connection, "pack", schema.dumps(pack_record(pack)))
            _write_meta(connection, "fingerprint", fingerprint)
            _write_meta(connection, "schema", str(schema.SCHEMA_VERSION))
        connection.execute("PRAGMA optimize")
    finally:
        connection.close()
    with open(path, "rb+") as stream:
        os.fsync(stream.fileno())


def _write_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT INTO meta VALUES (?, ?, ?)", (key, value, schema.seal(key, value)))


def index_in_memory(pack: Pack) -> sqlite3.Connection:
    """A search index of a pack loaded in memory (an author's, or one still being compiled):
    the entries, search tables and vocabulary of the compiled form, without HTML or pictures."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.executescript(schema.TABLES)
    connection.execute(schema.SEARCH_TABLE)
    with connection:
        _write_pack(connection, pack, None, lambda: False)
    return connection


def _write_pack(
    connection: sqlite3.Connection, pack: Pack, pictures: Path | None, cancelled: Callable[[], bool]
) -> list[Variant]:
    """Every table; with `pictures` None (an index in memory) no HTML and no pictures."""
    first = pack.languages[0]
    images: set[str] = set()
    for topic in pack.topics:
        images.add(relative(pack.root, topic.image) or "")
    for slug, article in pack.articles.items():
        connection.executemany("INSERT OR IGNORE INTO article_topics VALUES (?, ?)",
                               [(topic, slug) for topic in article.topics])
    every_topic_title = {
        topic.id: " ".join(dict.fromkeys(t.title for lang in pack.languages
                                         for t in pack.localized(lang).topics if t.id == topic.id))
        for topic in pack.topics
    }
    for lang in pack.languages:
        localized = pack.localized(lang)
        translated = pack.translations.get(lang, {}) if lang != first else localized.articles
        renderer = ArticleRenderer(localized)
        ordered = sorted(localized.articles.values(), key=_home_order(pack.order))
        texts: list[tuple[str, str, str, str, str, str]] = []
        for position, article in enumerate(ordered):
            if cancelled():
                raise CompileCancelled()
            own = article.slug in translated
            _write_entry(connection, pack, lang, position, article, own)
            images.add(relative(pack.root, article.image) or "")
            if not own:
                continue  # shown in the first language: its text is indexed there
            if pictures is not None:
                rendered = renderer.render(article.slug)
                _write_article(connection, pack, lang, article, rendered.html, rendered.images)
                images.update(rendered.images)
            topic_titles = " ".join(every_topic_title.get(topic, "") for topic in article.topics)
            texts.append((article.slug, lang, index_tokens(article.title, lang),
                          index_tokens(topic_titles, lang), index_tokens(article.summary, lang),
                          index_tokens(plain_text(article.body), lang)))
        connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?, ?)", texts)
        _write_vocabulary(connection, texts)
    connection.execute("INSERT INTO search(search) VALUES ('optimize')")
    images.discard("")
    variants: list[Variant] = []
    if pictures is None:
        return variants
    for written in sorted(images):
        if cancelled():
            raise CompileCancelled()
        variants.extend(scale_picture(pack.root / written, written, pictures))
    return variants


def _home_order(order: tuple[str, ...]) -> Callable[[Article], tuple[int, str]]:
    positions = {slug: index for index, slug in enumerate(order)}
    return lambda article: (positions.get(article.slug, len(positions)), sort_key(article.title))


def _write_entry(
    connection: sqlite3.Connection, pack: Pack, lang: str, position: int, article: Article,
    own: bool,
) -> None:
    values = (
        lang, article.slug, position, sort_key(article.title), article.title, article.summary,
        relative(pack.root, article.image), article.image_alt, schema.dumps(list(article.topics)),
        article.show_from.isoformat() if article.show_from else None,
        article.show_until.isoformat() if article.show_until else None,
        schema.dumps([[s.value, s.label, s.source] for s in article.stats]), int(own),
    )
    connection.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (*values, schema.seal(*values)))


def _write_article(
    connection: sqlite3.Connection, pack: Pack, lang: str, article: Article, html: str,
    images: tuple[str, ...],
) -> None:
    payload = schema.dumps(article_record(article, pack.root, images))
    connection.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
                       (lang, article.slug, payload, html, schema.seal(lang, article.slug, payload, html)))


def _write_vocabulary(
    connection: sqlite3.Connection, texts: list[tuple[str, str, str, str, str, str]]
) -> None:
    """Every word the index holds, for finding a word typed with one letter wrong."""
    terms = {term for row in texts for column in row[2:] for term in column.split()}
    connection.executemany("INSERT OR IGNORE INTO vocabulary VALUES (?)", ((t,) for t in terms))
