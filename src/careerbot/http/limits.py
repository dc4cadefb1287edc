"""Per-client rate limits on the API's writing endpoints (Flask-Limiter), and trusted proxies."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from ..ops.sessionredis import client_options
from . import limitstore  # noqa: F401 - registers the sqlite:// storage with `limits`

LIMITED = ("api.chat", "api.feedback")  # answering costs work; health and the description do not
REDIS = ("redis://", "rediss://", "redis+")
LIMIT_FILE = "ratelimit.sqlite3"  # beside the session file: the host's workers count in it together


def storage_uri(setting: str | None, state_dir: Path, redis_uri: str | None = None) -> str:
    """Return where the limiter counts: the setting, else the sessions' Redis, else a file in `state_dir`
    that all workers share."""
    return str(setting or "").strip() or redis_uri or f"sqlite://{(state_dir / LIMIT_FILE).absolute()}"


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
    limiter = Limiter(get_remote_address, app=app, storage_uri=uri, storage_options=options, headers_enabled=True,
                      strategy="moving-window", swallow_errors=True)  # a storage that fails (Redis down) lets requests through, logged
    shared = limiter.shared_limit(rate, scope="questions-and-ratings")  # one budget per client for both
    for endpoint in LIMITED:
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    app.extensions["careerbot.limiter"] = limiter
