"""Conversations in an SQLite file, so every worker process of a host sees every session."""
from __future__ import annotations

import json
import os
import secrets
import time

from ..engine.context import Context
from .session import ID_RE
from .sqlitefile import SQLiteFile

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, seen REAL NOT NULL, context TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_seen ON sessions (seen);
"""


FIELDS = ("intent", "entities", "years", "fact_ids", "figure_ids", "terms", "ops", "qtypes", "named", "earlier", "asked", "pay")  # appended only: old rows still load
TRIM_EVERY = 100  # saves between two trims: the table may pass its maximum by this many rows per worker


def dump_context(context: Context) -> str:
    """Return a context as JSON text, its fields in FIELDS order."""
    return json.dumps([getattr(context, name) for name in FIELDS])


def load_context(text: str | bytes) -> Context:
    """Return the context that dump_context wrote."""
    intent, *rest = json.loads(text)
    return Context(intent, *(tuple(values) for values in rest))


class SQLiteSessions:
    """The session store for servers: bounded in count and age, safe across threads and processes.

    A fault of its file never reaches an answer: a conversation then loses its context (it starts anew),
    `check()` says why, and the store reopens the file and recreates its table once the fault clears.
    """

    def __init__(self, path: str | os.PathLike, max_sessions: int = 10_000, ttl_seconds: float = 3600.0,
                 clock=time.time, retry_seconds: float = 1.0):
        self.file = SQLiteFile(path, SCHEMA, retry_seconds)
        self.path = self.file.path
        self.max_sessions, self.ttl, self.clock = max_sessions, ttl_seconds, clock
        self._saves = 0
        self.file.check()  # create it now: a bad path shows in the server log at start-up

    def check(self) -> str | None:
        """Reopen the file if it was replaced or is due a retry; return what is wrong, or None."""
        return self.file.check()

    def __len__(self) -> int:
        return self.file.run(lambda db: db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0], 0)

    def open(self, session_id: str | None) -> tuple[str, Context]:
        """Return a known, live session's id and context, or a new id (unknown ids are not adopted).

        A new session is stored by its first save, so opening costs one read at most.
        """
        if session_id and ID_RE.match(session_id):
            row = self.file.run(lambda db: db.execute("SELECT context FROM sessions WHERE id = ? AND seen >= ?",
                                                      (session_id, self.clock() - self.ttl)).fetchone(), None)
            if row:
                return session_id, load_context(row[0])
        return secrets.token_hex(16), Context()  # 128 random bits

    def save(self, session_id: str, context: Context) -> None:
        """Remember a session's context after an answer; now and then drop expired and excess sessions."""
        now = self.clock()
        self.file.run(lambda db: db.execute("INSERT OR REPLACE INTO sessions (id, seen, context) VALUES (?, ?, ?)",
                                            (session_id, now, dump_context(context))), None, write=True)
        self._saves += 1  # per process; a lost count between threads only moves a trim
        if self._saves % TRIM_EVERY == 0:
            self.trim(now)

    def trim(self, now: float | None = None) -> None:
        """Drop expired sessions, then the oldest beyond the maximum."""
        now = self.clock() if now is None else now

        def delete(db):
            db.execute("DELETE FROM sessions WHERE seen < ?", (now - self.ttl,))
            db.execute("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY seen DESC LIMIT -1 "
                       "OFFSET ?)", (self.max_sessions,))

        self.file.run(delete, None, write=True)

    def reset(self, session_id: str) -> None:
        """Forget a session."""
        self.file.run(lambda db: db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)), None, write=True)
