"""Search for visitors: SQLite's FTS5 over each article's title, topics, summary and body.

A word is found in any case and with or without accents ("corazon" finds "Corazón"), by its
start while it is being typed ("diab"), in its other forms ("vaccines" finds "vaccine",
"vacunas" finds "vacuna": Snowball stems are in the index beside the words), and with one
letter wrong, missing or extra in a word of five letters or more ("diabetis", "presure"), by
looking up the one-edit neighbours of the word among the words the index holds. Titles weigh
ten times a word deep in a body, topics six, summaries three (BM25 per column).

Nothing typed is kept: a query lives in the call that answers it (no log, no file, no count).
"""

from __future__ import annotations

import html
import json
import sqlite3
import string
from dataclasses import dataclass, field
from datetime import date

from kiosk.content.model import Pack
from kiosk.library.words import fold, stem, words

FUZZY_MIN_LETTERS = 5
TITLE_WEIGHT, TOPICS_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 6.0, 3.0, 1.0
MAX_RESULTS = 50
# The letters a one-letter slip may be: the index's words are folded, so no accents.
_LETTERS = string.ascii_lowercase


@dataclass(frozen=True)
class Match:
    """How one word of a query is found: as typed, by a stem, or by a near spelling."""

    prefixes: tuple[str, ...]
    exact: tuple[str, ...] = ()

    def expression(self, *, title_only: bool = False) -> str:
        terms = [f'"{p}"*' for p in self.prefixes] + [f'"{e}"' for e in self.exact]
        group = " OR ".join(terms)
        return f"title : ({group})" if title_only else f"({group})"

    def matches(self, word: str, language: str) -> bool:
        folded = fold(word)
        stemmed = stem(word, language)
        return (any(folded.startswith(p) or stemmed.startswith(p) for p in self.prefixes)
                or folded in self.exact or stemmed in self.exact)


@dataclass(frozen=True)
class Result:
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]


@dataclass
class Results:
    query: str
    found: list[Result] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    language: str = "en"
    every_word: bool = True  # False: no article has every word, these have some

    def marked(self, text: str) -> str:
        """`text` as rich text with the words that matched in bold (the rest escaped)."""
        out: list[str] = []
        last = 0
        for word in words(text):
            at = text.find(word, last)
            out.append(html.escape(text[last:at]))
            piece = html.escape(word)
            if any(match.matches(word, self.language) for match in self.matches):
                piece = f"<b>{piece}</b>"
            out.append(piece)
            last = at + len(word)
        out.append(html.escape(text[last:]))
        return "".join(out)


class Searcher:
    """Searches one compiled (or in-memory) library, in the language a visitor reads."""

    def __init__(self, sql: sqlite3.Connection, languages: tuple[str, ...]) -> None:
        self.sql = sql
        self.languages = languages

    def search(self, query: str, lang: str, day: date | None, limit: int = MAX_RESULTS) -> Results:
        language = lang if lang in self.languages else self.languages[0]
        results = Results(query, language=language)
        typed = [fold(word) for word in words(query)]
        if not typed:
            return results
        results.matches = [self._match(word, language) for word in typed]
        title_only = len(typed) == 1 and len(typed[0]) == 1  # one letter: titles starting so
        groups = [m.expression(title_only=title_only) for m in results.matches]
        results.found = self._run(" AND ".join(groups), language, day, limit)
        if not results.found and len(groups) > 1:
            results.every_word = False
            results.found = self._run(" OR ".join(groups), language, day, limit)
        return results

    def _match(self, word: str, language: str) -> Match:
        prefixes = list(dict.fromkeys(
            [word] + [stem(word, lang) for lang in dict.fromkeys((language, self.languages[0]))]
        ))
        prefixes = [p for p in prefixes if p]
        if len(word) >= FUZZY_MIN_LETTERS and not any(self._has_prefix(p, language) for p in prefixes):
            return Match(tuple(prefixes), tuple(self._near(word, language)))
        return Match(tuple(prefixes))

    def _has_prefix(self, prefix: str, language: str) -> bool:
        found = self.sql.execute(
            "SELECT 1 FROM vocabulary WHERE term >= ? AND term < ? LIMIT 1",
            (prefix, prefix + "\uffff"),
        ).fetchone()
        return found is not None

    def _near(self, word: str, language: str) -> list[str]:
        """The words of the index one letter away from `word` (wrong, missing or extra)."""
        candidates = sorted(_one_edit(word) - {word})
        found: list[str] = []
        for start in range(0, len(candidates), 500):
            chunk = candidates[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found += [row[0] for row in self.sql.execute(
                f"SELECT term FROM vocabulary WHERE term IN ({marks})", chunk)]
        return found

    def _run(self, expression: str, language: str, day: date | None, limit: int) -> list[Result]:
        today = day.isoformat() if day is not None else None
        # The visitor's language's own texts, and the originals of what it does not translate.
        rows = self.sql.execute(
            "SELECT e.slug, e.title, e.summary, e.topics FROM search "
            "JOIN entries AS e ON e.lang = ? AND e.slug = search.slug "
            "AND (search.lang = e.lang OR (search.lang = ? AND e.translated = 0)) "
            "WHERE search MATCH ? AND (? IS NULL OR ((e.show_from IS NULL OR e.show_from <= ?) "
            "AND (e.show_until IS NULL OR ? <= e.show_until))) "
            "ORDER BY bm25(search, 0.0, 0.0, ?, ?, ?, ?), e.position LIMIT ?",
            (language, self.languages[0], expression, today, today, today, TITLE_WEIGHT,
             TOPICS_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, limit),
        ).fetchall()
        return [Result(slug, title, summary, tuple(json.loads(topics)))
                for slug, title, summary, topics in rows]


def searcher_for(pack: Pack) -> Searcher:
    """The pack's compiled index, or one built in memory (an author's pack, or a pack still being
    compiled): build it once per pack and keep it."""
    from kiosk.library.compiled import CompiledCatalogue

    base = pack.original or pack
    if isinstance(base.articles, CompiledCatalogue):
        return Searcher(base.articles.connection.sql, base.languages)
    from kiosk.library.compile import index_in_memory

    return Searcher(index_in_memory(base), base.languages)


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts
