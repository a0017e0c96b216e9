"""The compiled form's tables, and how each of its rows is sealed against damage.

One SQLite file per pack and per version of this layout. Every row the screens read carries a
checksum of its own content, checked when it is read: a damaged file (a bad sector, a copy cut
short) is noticed rather than shown, and the pack is read from its folder again instead.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Bump when the tables or what goes into them change: older compiled forms are then rebuilt.
SCHEMA_VERSION = 1
DATABASE_NAME = "library.sqlite"
BUILDING_PREFIX = ".building-"  # a form being built (or left by a kill while building)
PICTURES_FOLDER = "pictures"

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, seal TEXT NOT NULL);
CREATE TABLE entries (
    lang TEXT NOT NULL, slug TEXT NOT NULL, position INTEGER NOT NULL, sort_key TEXT NOT NULL,
    title TEXT NOT NULL, summary TEXT NOT NULL, image TEXT, image_alt TEXT NOT NULL,
    topics TEXT NOT NULL, show_from TEXT, show_until TEXT, stats TEXT NOT NULL,
    translated INTEGER NOT NULL, seal TEXT NOT NULL,
    PRIMARY KEY (lang, slug)
) WITHOUT ROWID;
CREATE INDEX entries_by_position ON entries (lang, position);
CREATE INDEX entries_by_title ON entries (lang, sort_key);
CREATE TABLE article_topics (topic TEXT NOT NULL, slug TEXT NOT NULL, PRIMARY KEY (topic, slug))
    WITHOUT ROWID;
CREATE TABLE articles (
    lang TEXT NOT NULL, slug TEXT NOT NULL, payload TEXT NOT NULL, html TEXT NOT NULL,
    seal TEXT NOT NULL, PRIMARY KEY (lang, slug)
) WITHOUT ROWID;
CREATE TABLE pictures (
    source TEXT NOT NULL, width INTEGER NOT NULL, file TEXT NOT NULL, bytes INTEGER NOT NULL,
    PRIMARY KEY (source, width)
) WITHOUT ROWID;
CREATE TABLE vocabulary (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""


# Each text once (an original, or a translation, in its own language); a visitor reading in a
# language searches its translations and the originals that have none. unicode61 folds case and
# accents as `words.fold` does; prefix indexes keep a word's start (what a visitor has typed so
# far) fast to find.
SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE search USING fts5(slug UNINDEXED, lang UNINDEXED, title, topics, "
    "summary, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)


class CompileCancelled(Exception):  # noqa: N818 (a decision, not a fault)
    """Compiling stopped because it was asked to (the kiosk is shutting down)."""


def seal(*parts: str | int | None) -> str:
    """A short checksum of a row's content (not a signature: the data folder is the kiosk's own)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(b"\x00" if part is None else str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
