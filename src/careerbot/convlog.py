"""The conversation log: what was asked and how it went, in SQLite, written off the answer path."""
from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import astuple, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .redact import redact
from .stopwords import STOPWORDS
from .text import tokenize

log = logging.getLogger("careerbot")

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id TEXT PRIMARY KEY, time TEXT NOT NULL, session TEXT NOT NULL, question TEXT NOT NULL,
    normalized TEXT NOT NULL, intent TEXT NOT NULL, answered INTEGER NOT NULL, facts TEXT NOT NULL,
    latency_ms REAL NOT NULL);
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
CREATE TABLE IF NOT EXISTS feedback (answer_id TEXT PRIMARY KEY, time TEXT NOT NULL, rating TEXT NOT NULL);
"""
QUEUE_SIZE = 10_000  # entries waiting for the writer; beyond this they are dropped, not waited for
BATCH_SECONDS = 0.2


def utc_now() -> str:
    """Return the time as ISO 8601 in UTC, which sorts as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Entry:
    """One answered (or declined) question, as stored."""

    id: str
    time: str
    session: str
    question: str
    normalized: str
    intent: str
    answered: bool
    facts: str  # JSON list of the cited fact ids
    latency_ms: float

    @classmethod
    def of(cls, answer_id: str, session: str, question: str, intent: str, answered: bool, facts: list[str],
           latency_ms: float) -> "Entry":
        """Build an entry: the question without personal data, and its content words to group it by."""
        clean = redact(question)
        normalized = " ".join(w for w in tokenize(clean) if w not in STOPWORDS)
        return cls(answer_id, utc_now(), session, clean, normalized, intent, answered, json.dumps(facts),
                   round(latency_ms, 3))


def connect(path: Path) -> sqlite3.Connection:
    """Open the log database in WAL mode, so several workers can write while a report reads."""
    db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return db


class ConversationLog:
    """Queue entries from request threads; one writer thread per process stores them in batches.

    A failure to write (disk full, locked, read-only) never reaches a chat answer: it is reported
    once in the server log and the entries are dropped.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._queue: queue.Queue = queue.Queue(QUEUE_SIZE)
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._failed = False
        self.dropped = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(connect(self.path)) as db:
                db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def record(self, entry: Entry) -> None:
        """Queue an entry; never blocks and never raises."""
        self._put(("question", entry))

    def rate(self, answer_id: str, rating: str) -> None:
        """Queue a rating of an answer; never blocks and never raises."""
        self._put(("feedback", (answer_id, utc_now(), rating)))

    def _put(self, item: tuple) -> None:
        self._ensure_writer()
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            self.dropped += 1

    def _ensure_writer(self) -> None:
        # Threads do not survive fork: each worker process starts its own writer on first use.
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():
                self._queue = queue.Queue(QUEUE_SIZE)
                self._pid = os.getpid()
                threading.Thread(target=self._write_forever, name="careerbot-log", daemon=True).start()
                atexit.register(self.flush)

    def _write_forever(self) -> None:
        db = None
        while True:
            batch = [self._queue.get()]
            deadline = time.monotonic() + BATCH_SECONDS
            while len(batch) < 500 and time.monotonic() < deadline:
                try:
                    batch.append(self._queue.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            try:
                db = db or connect(self.path)
                self._store(db, batch)
            except (OSError, sqlite3.Error) as exc:
                self.dropped += len(batch)
                self._fail(exc)
                db = None
            finally:
                for _ in batch:
                    self._queue.task_done()

    @staticmethod
    def _store(db: sqlite3.Connection, batch: list[tuple]) -> None:
        db.execute("BEGIN")
        try:
            for kind, item in batch:
                if kind == "question":
                    db.execute("INSERT OR REPLACE INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", astuple(item))
                else:
                    db.execute("INSERT OR REPLACE INTO feedback VALUES (?, ?, ?)", item)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _fail(self, exc: Exception) -> None:
        if not self._failed:  # once: a full disk should not flood the server log
            self._failed = True
            log.error("conversation log: cannot write %s (%s); answers go on without it", self.path, exc)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until queued entries are written (or dropped), at most `timeout` seconds."""
        if self._pid != os.getpid():
            return
        end = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < end:
            time.sleep(0.01)


class NoLog:
    """The log when an operator turns it off."""

    dropped = 0

    def record(self, entry: Entry) -> None:
        """Keep nothing."""

    def rate(self, answer_id: str, rating: str) -> None:
        """Keep nothing."""

    def flush(self, timeout: float = 5.0) -> None:
        """Nothing to wait for."""
