"""A storage for the `limits` library in an SQLite file (sqlite:///PATH): one count per host, not per worker."""
from __future__ import annotations

import sqlite3
import time
from contextlib import suppress

from limits.storage import MemoryStorage, MovingWindowSupport, Storage

from ..ops.sqlitefile import SQLiteFile

SCHEMA = """
CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, time REAL NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS hits_key ON hits (key, time);
CREATE INDEX IF NOT EXISTS hits_expires ON hits (expires);
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL);
"""
# The window a count just read answers the headers of the same request: a second query would only
# see the same rows (the hit just added among them).
WINDOW_REUSE_SECONDS = 0.05
PURGE_EVERY = 1000  # hits between two purges of expired rows (per process): clients that never come back


def _transaction(db: sqlite3.Connection, work):
    """Run work(db) in a write transaction taken at once, so no other worker counts in between."""
    db.execute("BEGIN IMMEDIATE")
    try:
        result = work(db)
        db.execute("COMMIT")
        return result
    except BaseException:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


class SQLiteStorage(Storage, MovingWindowSupport):
    """Counts in a file every worker of the host shares; while the file is faulty, each worker counts alone."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions, **options)
        self.file = SQLiteFile(uri.removeprefix("sqlite://"), SCHEMA)
        self.memory = MemoryStorage()  # the fallback: per worker, as good as the limit can be without the file
        self._hits = 0
        self._window: tuple[str, int, float, float, int] = ("", 0, 0.0, 0.0, 0)  # the last count taken
        self.problem = self.file.check()  # what the last check found wrong, or None

    @property
    def base_exceptions(self) -> tuple[type[Exception], ...]:
        return sqlite3.Error, OSError

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Count `amount` hits if the moving window of `expiry` seconds has room for them."""
        if amount > limit:
            return False
        now = time.time()

        def acquire(db: sqlite3.Connection) -> bool:
            oldest, count = db.execute("SELECT MIN(time), COUNT(*) FROM hits WHERE key = ? AND time > ?",
                                       (key, now - expiry)).fetchone()
            taken = count + amount <= limit
            if taken:
                db.executemany("INSERT INTO hits VALUES (?, ?, ?)", [(key, now, now + expiry)] * amount)
            self._window = (key, expiry, now, oldest or now, count + amount if taken else count)
            return taken

        taken = self.file.run(lambda db: _transaction(db, acquire), None, write=True)
        if taken is None:
            return self.memory.acquire_entry(key, limit, expiry, amount)
        self._hits += 1
        if self._hits % PURGE_EVERY == 0:
            self.file.run(lambda db: db.execute("DELETE FROM hits WHERE expires < ?", (now,)), None, write=True)
        return taken

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """Return the time of the oldest hit in the window and the hits in it."""
        now = time.time()
        last_key, last_expiry, counted, oldest, count = self._window
        if (last_key, last_expiry) == (key, expiry) and now - counted < WINDOW_REUSE_SECONDS:
            return oldest, count  # the limiter asks right after counting, for the response's headers
        row = self.file.run(lambda db: db.execute("SELECT MIN(time), COUNT(*) FROM hits WHERE key = ? AND time > ?",
                                                  (key, now - expiry)).fetchone(), None)
        if row is None:
            return self.memory.get_moving_window(key, limit, expiry)
        return (row[0] or now), row[1]

    # The fixed-window interface, which `limits` requires of every storage; careerbot's limiter uses the
    # moving window above.
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add to a counter that lasts `expiry` seconds from its first hit."""
        now = time.time()

        def add(db: sqlite3.Connection) -> int:
            db.execute("DELETE FROM counters WHERE key = ? AND expires <= ?", (key, now))
            db.execute("INSERT INTO counters VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = count + ?",
                       (key, amount, now + expiry, amount))
            return db.execute("SELECT count FROM counters WHERE key = ?", (key,)).fetchone()[0]

        count = self.file.run(lambda db: _transaction(db, add), None, write=True)
        return self.memory.incr(key, expiry, amount) if count is None else count

    def get(self, key: str) -> int:
        """Return a live counter's value."""
        row = self.file.run(lambda db: db.execute("SELECT count FROM counters WHERE key = ? AND expires > ?",
                                                  (key, time.time())).fetchone(), None)
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        """Return when a counter ends."""
        row = self.file.run(lambda db: db.execute("SELECT expires FROM counters WHERE key = ?", (key,)).fetchone(),
                            None)
        return row[0] if row else time.time()

    def check(self) -> bool:
        """Say whether the file works (and keep what is wrong in `problem`)."""
        self.problem = self.file.check()
        return self.problem is None

    def reset(self) -> int | None:
        """Forget every count."""
        def clear_all(db: sqlite3.Connection) -> int:
            gone = db.execute("DELETE FROM hits").rowcount
            return gone + db.execute("DELETE FROM counters").rowcount

        self.memory.reset()
        return self.file.run(clear_all, None, write=True)

    def clear(self, key: str) -> None:
        """Forget one key's counts."""
        self.memory.clear(key)
        self.file.run(lambda db: (db.execute("DELETE FROM hits WHERE key = ?", (key,)),
                                  db.execute("DELETE FROM counters WHERE key = ?", (key,))), None, write=True)
