"""Conversations in Redis, so every host behind a load balancer continues every conversation."""
from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from typing import TypeVar

from ..engine.context import Context
from ..settings import StartupError
from .session import ID_RE
from .sessiondb import TRIM_EVERY, dump_context, load_context

log = logging.getLogger("careerbot")
T = TypeVar("T")

PREFIX = "careerbot:session:"  # one string key per conversation, expiring with the session
INDEX = "careerbot:sessions"  # a sorted set of the ids by last save: the bound drops its oldest
# An answer must not wait long for state it can do without: a Redis that does not answer within this
# is a fault, and the conversation goes on without its context.
TIMEOUT_SECONDS = 0.5
REDIS_SCHEMES = ("redis://", "rediss://")


def is_redis(uri: str) -> bool:
    """Say whether a setting names a Redis server rather than a file."""
    return uri.startswith(REDIS_SCHEMES)


def client_options(uri: str, setting: str) -> dict:
    """Return the Redis client's options for an answer path, or stop start-up if the client is missing."""
    try:
        from redis.backoff import NoBackoff
        from redis.retry import Retry
    except ImportError:
        raise StartupError(f"{setting} is {uri.split('://')[0]}://, but the redis client is not installed: "
                           "pip install 'careerbot[redis]'") from None
    # One retry, at once: a pooled connection that a Redis restart closed is replaced by a new one;
    # the client's default (three, with backoff) would hold an answer while Redis is down.
    return {"socket_timeout": TIMEOUT_SECONDS, "socket_connect_timeout": TIMEOUT_SECONDS,
            "retry": Retry(NoBackoff(), 1)}


class RedisSessions:
    """The session store for several hosts: the same interface and fault handling as SQLiteSessions.

    A fault of Redis never reaches an answer: a conversation then loses its context (it starts anew),
    `check()` says why, and for `retry_seconds` the store does not call Redis at all (no answer waits on a
    connection that will fail); the next call after that tries again, and a success clears the fault.
    """

    def __init__(self, uri: str, max_sessions: int = 10_000, ttl_seconds: float = 3600.0,
                 clock=time.time, retry_seconds: float = 1.0, monotonic=time.monotonic):
        options = client_options(uri, "CAREERBOT_SESSION_DB")
        import redis  # client_options() has made sure it is there

        self.redis = redis.Redis.from_url(uri, **options)
        self.errors = (redis.RedisError, OSError)
        self.uri, self.max_sessions, self.ttl, self.clock = uri, max_sessions, ttl_seconds, clock
        self.retry_seconds, self.monotonic = retry_seconds, monotonic
        self.fault: str | None = None
        self._retry_at = 0.0
        self._saves = 0
        if self.check():  # say it at start-up, but start: Redis may come up after careerbot
            log.error("%s: %s; conversations lose their context until it answers", self.uri, self.fault)

    def _run(self, work: Callable[[], T], fallback: T) -> T:
        """Return work(), or `fallback` after a fault (noted once, and retried when due)."""
        if self.fault and self.monotonic() < self._retry_at:
            return fallback
        try:
            result = work()
        except self.errors as exc:
            if self.fault is None:  # once per fault: a Redis that is down must not flood the server log
                log.error("%s: %s; answers go on without it until it works again", self.uri, exc)
            self.fault = str(exc) or type(exc).__name__
            self._retry_at = self.monotonic() + self.retry_seconds
            return fallback
        if self.fault:
            log.warning("%s works again", self.uri)
            self.fault = None
        return result

    def check(self) -> str | None:
        """Ping Redis (when a retry is due, after a fault); return what is wrong, or None."""
        self._run(self.redis.ping, None)
        return self.fault

    def __len__(self) -> int:
        return self._run(lambda: self.redis.zcard(INDEX), 0)

    def open(self, session_id: str | None) -> tuple[str, Context]:
        """Return a known, live session's id and context, or a new id (unknown ids are not adopted)."""
        if session_id and ID_RE.match(session_id):
            stored = self._run(lambda: self.redis.get(PREFIX + session_id), None)
            if stored:
                seen, context = json.loads(stored)
                if seen >= self.clock() - self.ttl:  # Redis expires the key too; this keeps the clock's word
                    return session_id, load_context(context)
        return secrets.token_hex(16), Context()  # 128 random bits; stored by its first save

    def save(self, session_id: str, context: Context) -> None:
        """Remember a session's context after an answer; now and then drop the oldest beyond the maximum."""
        now = self.clock()
        value = json.dumps([now, dump_context(context)])

        def store() -> None:
            # One round trip, not a transaction: an index entry without its key is only trimmed early.
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.set(PREFIX + session_id, value, px=max(1, int(self.ttl * 1000)))
                pipe.zadd(INDEX, {session_id: now})
                pipe.execute()

        self._run(store, None)
        self._saves += 1  # per process; a lost count between greenlets only moves a trim
        if self._saves % TRIM_EVERY == 0:
            self.trim(now)

    def trim(self, now: float | None = None) -> None:
        """Drop expired ids from the index, then the oldest sessions beyond the maximum."""
        now = self.clock() if now is None else now

        def drop() -> None:
            self.redis.zremrangebyscore(INDEX, "-inf", now - self.ttl)  # their keys expired by themselves
            excess = self.redis.zcard(INDEX) - self.max_sessions
            if excess > 0:
                oldest = self.redis.zrange(INDEX, 0, excess - 1)
                with self.redis.pipeline(transaction=False) as pipe:
                    pipe.delete(*(PREFIX.encode() + i for i in oldest))
                    pipe.zrem(INDEX, *oldest)
                    pipe.execute()

        self._run(drop, None)

    def reset(self, session_id: str) -> None:
        """Forget a session."""
        def forget() -> None:
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.delete(PREFIX + session_id)
                pipe.zrem(INDEX, session_id)
                pipe.execute()

        self._run(forget, None)
