"""Bounded per-conversation memory: the server issues ids, old and excess sessions are dropped."""
from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict

from ..engine.context import Context

ID_RE = re.compile(r"\A[0-9a-f]{32}\Z")  # \Z, not $: "$" lets a trailing newline through


class SessionStore:
    """An in-process store with a maximum count and an idle expiry, safe across threads."""

    def __init__(self, max_sessions: int = 10_000, ttl_seconds: float = 3600.0, clock=time.monotonic):
        self.max_sessions, self.ttl, self.clock = max_sessions, ttl_seconds, clock
        self._data: OrderedDict[str, tuple[float, Context]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def open(self, session_id: str | None) -> tuple[str, Context]:
        """Return a known, live session's id and context, or a new id (unknown ids are not adopted)."""
        now = self.clock()
        with self._lock:
            self._expire(now)
            if session_id and ID_RE.match(session_id) and session_id in self._data:
                self._data.move_to_end(session_id)
                return session_id, self._data[session_id][1]
            return secrets.token_hex(16), Context()  # 128 random bits; stored by its first save

    def save(self, session_id: str, context: Context) -> None:
        """Remember a session's context after an answer."""
        with self._lock:
            self._data[session_id] = (self.clock(), context)
            self._data.move_to_end(session_id)
            self._trim()

    def check(self) -> str | None:
        """Say what is wrong with the store: nothing, in memory."""
        return None

    def reset(self, session_id: str) -> None:
        """Forget a session."""
        with self._lock:
            self._data.pop(session_id, None)

    def _expire(self, now: float) -> None:
        while self._data:
            oldest, (seen, _) = next(iter(self._data.items()))
            if now - seen <= self.ttl:
                break
            del self._data[oldest]

    def _trim(self) -> None:
        while len(self._data) > self.max_sessions:
            self._data.popitem(last=False)
