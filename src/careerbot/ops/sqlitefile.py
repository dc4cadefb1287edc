"""An SQLite file for state that may be lost but must never cost an answer: reopened after any fault."""
from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("careerbot")
T = TypeVar("T")

JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024  # bytes a journal (or WAL) may keep on disk once a transaction is done
FAULTS = (sqlite3.Error, OSError)
BUSY_SECONDS = 5.0  # how long a statement waits for another worker's lock before that counts as a fault
BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
MIN_FREE_BYTES = 256 * 1024  # less room than this to write in is a fault, even before a write fails
PRAGMAS = (
    # A rollback journal, not WAL: WAL maps its -shm file into memory, and a write to that mapping after the
    # file was made immutable (chattr +i) kills the process with SIGBUS, where a write call only fails.
    "PRAGMA journal_mode=PERSIST",
    # What these files hold may be lost (a conversation's context, a client's count): no fsync per answer.
    "PRAGMA synchronous=OFF",
    f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}",
)
PROBE = """
CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, time REAL NOT NULL);
"""


def file_id(path: Path) -> tuple[int, int] | None:
    """Return the file's (device, inode), or None if it is gone."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class SQLiteFile:
    """One SQLite file with a connection per thread and process, reopened (schema and all) after a fault.

    A fault (disk full, read-only or immutable files, the file deleted) is noted with its reason; for
    `retry_seconds` after it the callers get their fallback without touching the disk, then the next call
    reopens the file and recreates its tables, and a success clears the fault.
    """

    def __init__(self, path: str | os.PathLike, schema: str, retry_seconds: float = 1.0, clock=time.monotonic):
        self.path = Path(path)
        self.schema, self.retry_seconds, self.clock = schema + PROBE, retry_seconds, clock
        self.fault: str | None = None
        self._retry_at = 0.0
        self._generation = 0  # raised by a fault: every thread's connection is then reopened
        self._local = threading.local()

    def run(self, work: Callable[[sqlite3.Connection], T], fallback: T, write: bool = False) -> T:
        """Return work(connection), or `fallback` after a fault (noted, and retried when due).

        Only a write clears a fault: reads go on working on a full disk.
        """
        if self.fault and self.clock() < self._retry_at:
            return fallback
        waited, pause = 0.0, 0.0005
        while True:
            try:
                result = work(self._connection())
                break
            except FAULTS as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in BUSY_CODES or waited >= BUSY_SECONDS:
                    self._note(exc)
                    return fallback
            # Another worker holds the lock. SQLite's own busy handler would sleep inside C and stop every
            # request of this worker meanwhile; time.sleep, patched by gevent in the server, lets them run.
            db = getattr(self._local, "db", None) if getattr(self._local, "key", None) else None
            if db is not None and db.in_transaction:
                with suppress(sqlite3.Error):
                    db.rollback()
            time.sleep(pause)
            waited, pause = waited + pause, min(pause * 2, 0.002)
        if self.fault and write:
            log.warning("%s works again", self.path)
            self.fault = None
        return result

    def check(self) -> str | None:
        """Reopen the file if it was replaced or a retry is due (then with a write); return what is wrong or None.

        A file system with almost no room left is wrong too, before any write fails on it.
        """
        if self.fault:
            self.run(self._probe, None, write=True)
        else:
            self.run(lambda db: None, None)
        return self.fault or self._low_space()

    def _low_space(self) -> str | None:
        try:
            space = os.statvfs(self.path.parent)
        except OSError as exc:
            return str(exc)
        if space.f_bavail * space.f_frsize < MIN_FREE_BYTES:
            return f"{os.strerror(errno.ENOSPC)}: less than {MIN_FREE_BYTES // 1024} KiB free"
        return None

    def _probe(self, db: sqlite3.Connection) -> None:
        # Rewriting a row needs no new room, so a full disk would pass it: ask the file system first.
        low = self._low_space()
        if low:
            raise OSError(errno.ENOSPC, low)
        db.execute("INSERT OR REPLACE INTO probe VALUES (1, ?)", (time.time(),))

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and process (sqlite3 connections must not cross either), reopened when a
        # fault happened or the path names another file than it opened (deleted, or replaced).
        local, key, current = self._local, (os.getpid(), threading.get_ident()), file_id(self.path)
        if (getattr(local, "key", None), getattr(local, "generation", None), getattr(local, "file", None)) \
                == (key, self._generation, current) and current is not None:
            return local.db
        if getattr(local, "key", None) == key:
            local.db.close()  # never one inherited from another process: closing it would drop that one's locks
        local.key = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=0, isolation_level=None)  # no busy handler: run() waits instead
        try:
            for pragma in PRAGMAS:
                db.execute(pragma)
            db.executescript(self.schema)
        except BaseException:
            db.close()
            raise
        local.db, local.key, local.generation, local.file = db, key, self._generation, file_id(self.path)
        return db

    def _note(self, exc: BaseException) -> None:
        if self.fault is None:  # once per fault: a full disk must not flood the server log
            log.error("%s: %s; answers go on without it until it works again", self.path, exc)
        self.fault = str(exc) or type(exc).__name__
        self._generation += 1
        self._retry_at = self.clock() + self.retry_seconds
