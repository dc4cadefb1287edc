"""Per-client rate limits on the API's writing endpoints (the `limits` library), and trusted proxies."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from flask import Flask, Response, g, request
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests
from werkzeug.middleware.proxy_fix import ProxyFix

from ..ops.sessionredis import client_options
from ..settings import StartupError
from . import limitstore  # noqa: F401 - registers the sqlite:// storage with `limits`

log = logging.getLogger("careerbot")

LIMITED = ("api.chat", "api.feedback")  # answering costs work; health and the description do not
SCOPE = "questions-and-ratings"  # one budget per client for both
REDIS = ("redis://", "rediss://", "redis+")
RETRY_SECONDS = 1.0  # after a storage failure, requests go through uncounted this long before the next try
LIMIT_FILE = "ratelimit.sqlite3"  # beside the session file: the host's workers count in it together


def storage_uri(setting: str | None, state_dir: Path, redis_uri: str | None = None) -> str:
    """Return where the limiter counts: the setting, else the sessions' Redis, else a file in `state_dir`
    that all workers share."""
    return str(setting or "").strip() or redis_uri or f"sqlite://{(state_dir / LIMIT_FILE).absolute()}"


class RateLimit:
    """Count each client's questions and ratings in a moving window; answer 429 beyond the limit.

    The `limits` library itself, which Flask-Limiter wraps: its per-request bookkeeping (resolving limits,
    exemptions and header mappings for every route on every request) cost a chat about 300 µs of CPU,
    more than the count. A storage that fails (Redis down) lets requests through, logged once, and is
    tried again a second later.
    """

    def __init__(self, storage: Storage, items: list[RateLimitItem]):
        self.storage = storage
        self.items = sorted(items, key=lambda item: item.get_expiry())  # the headers speak of the shortest
        self.strategy = MovingWindowRateLimiter(storage)
        self.failing, self.retry_at = False, 0.0

    def check(self) -> None:
        """Count this request if its endpoint is limited; raise a 429 past the limit."""
        if request.method != "POST" or request.endpoint not in LIMITED:
            return
        key = request.remote_addr or "unknown"
        if self.failing and time.monotonic() < self.retry_at:
            return  # no request waits on a storage that failed a moment ago
        try:
            for item in self.items:
                taken = self.strategy.hit(item, SCOPE, key)
                if not taken or item is self.items[0]:  # the headers show the one refused, else the shortest
                    g.rate_limit = (item, self.strategy.get_window_stats(item, SCOPE, key))
                if not taken:
                    raise TooManyRequests()  # answered in the one error shape (errors.py)
        except self.storage.base_exceptions as exc:
            if not self.failing:
                log.error("rate limit storage: %s; requests go through unlimited until it works again", exc)
            self.failing, self.retry_at = True, time.monotonic() + RETRY_SECONDS
            return
        if self.failing:
            log.warning("rate limit storage works again")
            self.failing = False

    @staticmethod
    def headers(response: Response) -> Response:
        """Say the limit, what is left of it and when it resets (Retry-After: seconds until then)."""
        counted = g.pop("rate_limit", None)
        if counted:
            item, (reset_time, remaining) = counted
            reset_at = int(reset_time + 1)
            response.headers["X-RateLimit-Limit"] = str(item.amount)
            response.headers["X-RateLimit-Remaining"] = str(max(0, remaining))
            response.headers["X-RateLimit-Reset"] = str(reset_at)
            response.headers["Retry-After"] = str(max(0, int(reset_at - time.time())))
        return response


def register(app: Flask, state_dir: Path, redis_uri: str | None = None) -> None:
    """Limit questions and ratings per client address, as CAREERBOT_RATE_LIMIT says (`redis_uri`: the
    sessions' Redis, where the hosts count together unless CAREERBOT_RATE_LIMIT_STORAGE says otherwise)."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind N proxies the client is the address they report, not the last proxy's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    rate = str(app.config["RATE_LIMIT"]).strip()
    if rate.lower() in ("", "off", "none"):
        return
    uri = storage_uri(app.config["RATE_LIMIT_STORAGE"], state_dir, redis_uri)
    # Redis with the sessions' short timeouts (a Redis that is down must not hold every question); without
    # its client, start-up stops with what to install.
    options = client_options(uri, "CAREERBOT_RATE_LIMIT_STORAGE") if uri.startswith(REDIS) else {}
    try:
        items = parse_many(rate)
    except ValueError:
        raise StartupError(f"CAREERBOT_RATE_LIMIT must be like '30 per minute; 500 per day' or 'off', not {rate!r}") from None
    limiter = RateLimit(storage_from_string(uri, **options), items)
    app.before_request(limiter.check)
    app.after_request(limiter.headers)
    app.extensions["careerbot.limiter"] = limiter
