"""The counter: `count("article_opened", article=slug)` adds one to this hour's total.

Privacy by construction (tests/usage/test_privacy_of_counts.py proves it):

- a row is (hour, pack, article, measure, count): no visitor, no time finer than the hour, no
  order (the tables are WITHOUT ROWID, so there is no insertion number), no text a visitor
  typed (the counter takes only known measure names and article slugs of the pack);
- this hour's counts live in a small `current` table. After each visitor (`visitor_left()`,
  from the idle reset) its rows are rewritten in key order, and the write-ahead log is
  emptied, so neither the file's layout nor the log keeps the order in which that visitor
  opened articles; at the next hour they move into `counts`, also in key order;
- SQLite's secure_delete zeroes what is removed.

Every count is its own transaction in WAL mode, so a kill at any moment loses nothing counted
before it. A counts file SQLite cannot read is set aside (`usage.sqlite.damaged-...`) and a new
one started, with one log line: counting never stops the kiosk. Counts are kept 400 days.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.usage.measures import ALL_MEASURES, ARTICLE_MEASURES

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)
FILE_NAME = "usage.sqlite"
KEEP_DAYS = 400
HOUR_FORMAT = "%Y-%m-%dT%H:00"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")
_KEY = "hour, pack_id, article, measure"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS counts (
    hour TEXT NOT NULL, pack_id TEXT NOT NULL, article TEXT NOT NULL, measure TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS current (
    hour TEXT NOT NULL, pack_id TEXT NOT NULL, article TEXT NOT NULL, measure TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID;
"""


def usage_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def hour_of(moment: datetime) -> str:
    return moment.strftime(HOUR_FORMAT)


def connect(path: Path) -> sqlite3.Connection:
    import sqlite3  # off the start-up path: the first count comes after the first paint

    connection = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a killed process loses nothing committed
    connection.execute("PRAGMA secure_delete=ON")
    return connection


class UsageCounter:
    """Hourly counts in `path`. Every method catches its own errors: counting is never worth a
    visitor's screen."""

    def __init__(
        self, path: Path, *, local_time: Callable[[], datetime] = datetime.now, keep_days: int = KEEP_DAYS,
    ) -> None:
        self.path = path
        self.local_time = local_time
        self.keep_days = keep_days
        self.pack_id = ""
        self._db: sqlite3.Connection | None = None
        self._hour = ""
        self._broken = False

    # --- counting ------------------------------------------------------------------------------

    def count(self, measure: str, *, article: str = "") -> None:
        """One more of `measure` this hour (for `article`, a slug, when it is an article measure)."""
        if measure not in ALL_MEASURES:
            raise ValueError(f"{measure!r} is not a usage measure (kiosk.usage.measures)")
        if measure in ARTICLE_MEASURES:
            if not _SLUG.match(article):
                log.warning("usage: %r is not an article slug; not counted", article[:40])
                return
        else:
            article = ""
        hour = hour_of(self.local_time())
        self._safely(lambda db: self._add(db, hour, measure, article))

    def visitor_left(self) -> None:
        """After each visitor: rewrite this hour's rows in key order and empty the log."""
        self._safely(self._settle)

    def close(self) -> None:
        import sqlite3

        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._settle(self._db)
                self._db.close()
            self._db = None

    # --- inside ----------------------------------------------------------------------------------

    def _add(self, db: sqlite3.Connection, hour: str, measure: str, article: str) -> None:
        if hour != self._hour:
            self._close_hours(db, hour)
        db.execute(
            f"INSERT INTO current ({_KEY}, count) VALUES (?, ?, ?, ?, 1) "
            f"ON CONFLICT ({_KEY}) DO UPDATE SET count = count + 1",
            (hour, self.pack_id, article, measure),
        )

    def _close_hours(self, db: sqlite3.Connection, hour: str) -> None:
        """Move finished hours from `current` into `counts`, in key order; drop what is too old."""
        cutoff = hour_of(self.local_time() - timedelta(days=self.keep_days))
        with _transaction(db):
            db.execute(
                f"INSERT INTO counts ({_KEY}, count) SELECT {_KEY}, count FROM current WHERE hour < ? "
                f"ORDER BY {_KEY} ON CONFLICT ({_KEY}) DO UPDATE SET count = count + excluded.count",
                (hour,),
            )
            db.execute("DELETE FROM current WHERE hour < ?", (hour,))
            db.execute("DELETE FROM counts WHERE hour < ?", (cutoff,))
        self._hour = hour
        _empty_log(db)

    def _settle(self, db: sqlite3.Connection) -> None:
        with _transaction(db):
            rows = db.execute(f"SELECT {_KEY}, count FROM current ORDER BY {_KEY}").fetchall()
            db.execute("DELETE FROM current")
            db.executemany(f"INSERT INTO current ({_KEY}, count) VALUES (?, ?, ?, ?, ?)", rows)
        _empty_log(db)

    def _safely(self, work: Callable[[sqlite3.Connection], None]) -> None:
        import sqlite3

        if self._broken:
            return
        for attempt in (1, 2):
            try:
                work(self._open())
                return
            except sqlite3.DatabaseError as error:  # damaged or not a database: set it aside
                if attempt == 2:
                    break
                self._set_aside(str(error))
            except (sqlite3.Error, OSError) as error:
                log.warning("usage: could not count in %s (%s); carrying on", self.path, error)
                return
        log.error("usage: counting is off until the kiosk restarts: %s cannot be written", self.path)
        self._broken = True

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = connect(self.path)
            try:
                check = db.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
                db.executescript(SCHEMA)
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    def _set_aside(self, why: str) -> None:
        import sqlite3

        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        aside = self.path.with_name(f"{self.path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
        with contextlib.suppress(OSError):
            os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        log.error("usage: the counts file %s is damaged (%s); set aside as %s, counting starts afresh",
                  self.path, why, aside.name)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _empty_log(db: sqlite3.Connection) -> None:
    """Copy the write-ahead log into the file and truncate it: the log holds pages in the order
    they were written, which is the order a visitor did things."""
    import sqlite3

    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
