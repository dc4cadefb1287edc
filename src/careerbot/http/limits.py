"""Per-client rate limits on the API's writing endpoints (Flask-Limiter), and trusted proxies."""
from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

LIMITED = ("api.chat", "api.feedback")  # answering costs work; health and the description do not


def register(app: Flask) -> None:
    """Limit questions and ratings per client address, as CAREERBOT_RATE_LIMIT says."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind N proxies the client is the address they report, not the last proxy's.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    rate = str(app.config["RATE_LIMIT"]).strip()
    if rate.lower() in ("", "off", "none"):
        return
    limiter = Limiter(get_remote_address, app=app, storage_uri=app.config["RATE_LIMIT_STORAGE"],
                      headers_enabled=True, strategy="moving-window")
    shared = limiter.shared_limit(rate, scope="questions-and-ratings")  # one budget per client for both
    for endpoint in LIMITED:
        app.view_functions[endpoint] = shared(app.view_functions[endpoint])
    app.extensions["careerbot.limiter"] = limiter
