"""The conversation log: what was asked and how it went, in SQLite, written off the answer path."""
from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import re
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import astuple, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .redact import redact
from .sqlitefile import JOURNAL_SIZE_LIMIT
from ..engine.stopwords import STOPWORDS
from ..engine.text import tokenize

log = logging.getLogger("careerbot")

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id TEXT PRIMARY KEY, time TEXT NOT NULL, session TEXT NOT NULL, question TEXT NOT NULL,
    normalized TEXT NOT NULL, intent TEXT NOT NULL, answered INTEGER NOT NULL, facts TEXT NOT NULL,
    latency_ms REAL NOT NULL);
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
CREATE TABLE IF NOT EXISTS feedback (answer_id TEXT PRIMARY KEY, time TEXT NOT NULL, rating TEXT NOT NULL);
"""
PRUNE_SECONDS = 600  # between two prunings by one worker's writer (and once when it starts)
PRUNE_BATCH = 5_000  # rows one delete takes: other workers' writers wait no longer than that takes
QUEUE_SIZE = 10_000  # entries waiting for the writer; beyond this they are dropped, not waited for
BATCH_SECONDS = 0.2
MAX_BATCH = 5_000  # entries one transaction takes (a busy second of one worker; the rest wait for the next)
# Valid JSON may carry lone UTF-16 surrogates ("\ud800"), which are not text and which UTF-8 cannot encode.
SURROGATE = re.compile("[\ud800-\udfff]")
INSERT = {"question": "INSERT OR REPLACE INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "feedback": "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?)"}


def valid_text(text: str) -> str:
    """Replace lone surrogates with U+FFFD, so the text is valid UTF-8."""
    # Not str.encode(errors="replace"): its "?" would pass for punctuation in a question, where U+FFFD
    # says that something unreadable was sent. Not "surrogatepass": that stores bytes that are not UTF-8.
    return SURROGATE.sub("\ufffd", text)


def utc_now(ago: timedelta = timedelta(0)) -> str:
    """Return the time (or the time `ago` before it) as ISO 8601 in UTC, which sorts as text."""
    return (datetime.now(timezone.utc) - ago).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Retention:
    """How much of the log to keep: rows younger than `days`, and no more than `max_mb` megabytes of them."""

    days: float = 90
    max_mb: float = 1024

    def prune(self, db: sqlite3.Connection) -> int:
        """Delete rows past the age, then the oldest past the size; return how many went."""
        gone = self._delete_before(db, utc_now(timedelta(days=self.days)))
        allowed = self.max_mb * 1024 * 1024
        for _ in range(8):  # rows and pages are not proportional (indexes, half-full pages): a few rounds
            used, rows = self._used(db), db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
            if used <= allowed or not rows:
                break
            # Down to 90% of the size, so that the next few batches do not prune again. Deleted pages are
            # reused by new rows: the file stops growing near the size, it does not shrink.
            excess = rows - int(rows * 0.9 * allowed / used)
            oldest_kept = db.execute("SELECT time FROM questions ORDER BY time LIMIT 1 OFFSET ?",
                                     (min(excess, rows - 1),)).fetchone()[0]
            gone += self._delete_before(db, oldest_kept)
        return gone

    @staticmethod
    def _used(db: sqlite3.Connection) -> int:
        page_size, pages, free = (db.execute(f"PRAGMA {name}").fetchone()[0]
                                  for name in ("page_size", "page_count", "freelist_count"))
        return (pages - free) * page_size

    @staticmethod
    def _delete_before(db: sqlite3.Connection, time_text: str) -> int:
        gone = 0
        for table in ("questions", "feedback"):
            while True:
                deleted = db.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE time < ? "
                                     f"LIMIT {PRUNE_BATCH})", (time_text,)).rowcount
                gone += deleted
                if deleted < PRUNE_BATCH:
                    break
        return gone


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
        clean = redact(valid_text(question))
        normalized = " ".join(w for w in tokenize(clean) if w not in STOPWORDS)
        return cls(answer_id, utc_now(), session, clean, normalized, intent, answered, json.dumps(facts),
                   round(latency_ms, 3))


def connect(path: Path) -> sqlite3.Connection:
    """Open the log database in WAL mode, so several workers can write while a report reads."""
    db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")  # a WAL grown by a burst is cut back after it
    return db


class ConversationLog:
    """Queue entries from request threads; one writer thread per process stores them in batches.

    A failure to write (disk full, locked, read-only) never reaches a chat answer: it is reported
    once in the server log and the entries are dropped. An entry that cannot be stored is dropped
    alone; the writer outlives any error, and `dropped` counts what it lost. The writer also deletes
    rows past the retention, off the answer path.
    """

    def __init__(self, path: str | os.PathLike, retention: Retention = Retention()):
        self.path = Path(path)
        self.retention = retention
        self.fault: str | None = None  # why the last batch could not be written, until one is
        self._queue: queue.Queue = queue.Queue(QUEUE_SIZE)
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._failed = False
        self._rejected = False
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

    def prune(self) -> None:
        """Ask the writer to delete rows past the retention now (it also does every PRUNE_SECONDS)."""
        self._put(("prune", None))

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
        db, prune_at = None, 0.0
        pause = threading.Event()  # never set: a sleep that gevent leaves to the OS (threads are not patched)
        while True:
            batch = [self._queue.get()]  # idle until an entry comes
            # Then let the batch gather without waiting on the queue: a writer that waits in get() is woken
            # by every put, and each wake-up takes the interpreter lock from the answers (py-spy under wrk:
            # 29% of a worker's wall-clock samples went to the hand-off, 3% since).
            pause.wait(BATCH_SECONDS)
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            rows = [row for row in map(self._row, batch) if row is not None]
            try:
                db = db or connect(self.path)
                self._store(db, rows)
                if time.monotonic() >= prune_at or ("prune", None) in batch:
                    prune_at = time.monotonic() + PRUNE_SECONDS
                    self.retention.prune(db)
                self._recovered()
            except Exception as exc:  # noqa: BLE001 - the writer must live on, whatever the database raised
                self.dropped += len(rows)
                self._fail(exc)
                db = None
            finally:
                for _ in batch:
                    self._queue.task_done()

    def _row(self, item: tuple) -> tuple[str, tuple] | None:
        """Return (kind, values) ready to insert, or None for an entry that cannot be stored (dropped, counted)."""
        kind, entry = item
        if kind == "prune":
            return None
        try:
            values = astuple(entry) if kind == "question" else tuple(entry)
            for value in values:
                if isinstance(value, str):
                    value.encode("utf-8")  # raises on text that UTF-8 cannot hold
                elif not isinstance(value, (int, float)):
                    raise TypeError(f"cannot store a {type(value).__name__}")
            return kind, values
        except Exception as exc:  # noqa: BLE001 - one bad entry must not stop the others
            self.dropped += 1
            if not self._rejected:  # once: one client can send many
                self._rejected = True
                log.warning("conversation log: dropped an entry it cannot store (%s)", exc)
            return None

    @staticmethod
    def _store(db: sqlite3.Connection, rows: list[tuple[str, tuple]]) -> None:
        if not rows:
            return
        db.execute("BEGIN")
        try:
            for kind, values in rows:
                db.execute(INSERT[kind], values)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _fail(self, exc: Exception) -> None:
        self.fault = str(exc) or type(exc).__name__
        if not self._failed:  # once a fault: a full disk should not flood the server log
            self._failed = True
            log.error("conversation log: cannot write %s (%s); answers go on without it", self.path, exc)

    def _recovered(self) -> None:
        if self._failed:
            self._failed, self.fault = False, None
            log.warning("conversation log: writing %s again", self.path)

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
    fault = None

    def prune(self) -> None:
        """Nothing to delete."""

    def record(self, entry: Entry) -> None:
        """Keep nothing."""

    def rate(self, answer_id: str, rating: str) -> None:
        """Keep nothing."""

    def flush(self, timeout: float = 5.0) -> None:
        """Nothing to wait for."""
