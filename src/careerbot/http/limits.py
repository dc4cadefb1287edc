"""Per-client rate limits on the API's writing endpoints (Flask-Limiter), and trusted proxies."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from ..settings import StartupError
from . import limitstore  # noqa: F401 - registers the sqlite:// storage with `limits`

LIMITED = ("api.chat", "api.feedback")  # answering costs work; health and the description do not
LIMIT_FILE = "ratelimit.sqlite3"  # beside the session file: the host's workers count in it together


def storage_uri(setting: str | None, state_dir: Path) -> str:
    """Return where the limiter counts: the setting, or a file in `state_dir` that all workers share."""
    uri = str(setting or "").strip() or f"sqlite://{(state_dir / LIMIT_FILE).absolute()}"
    if uri.startswith(("redis://", "rediss://", "redis+")):
        try:
            import redis  # noqa: F401 - only to say clearly what is missing
        except ImportError:
            raise StartupError(f"CAREERBOT_RATE_LIMIT_STORAGE is {uri.split('://')[0]}://, but the redis client is "
                               "not installed: pip install 'careerbot[redis]'") from None
    return uri


def register(app: Flask, state_dir: Path) -> None:
    """Limit questions and ratings per client address, as CAREERBOT_RATE_LIMIT says."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind N proxies the client is the address they report, not the last proxy's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    rate = str(app.config["RATE_LIMIT"]).strip()
    if rate.lower() in ("", "off", "none"):
        return
    limiter = Limiter(get_remote_address, app=app, storage_uri=storage_uri(app.config["RATE_LIMIT_STORAGE"], state_dir),
                      headers_enabled=True, strategy="moving-window",
                      swallow_errors=True)  # a storage that fails (Redis down) lets requests through, logged
    shared = limiter.shared_limit(rate, scope="questions-and-ratings")  # one budget per client for both
    for endpoint in LIMITED:
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    app.extensions["careerbot.limiter"] = limiter
