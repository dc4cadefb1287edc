"""Cross-origin calls from the widget: only origins the operator lists, never with credentials."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, make_response, request

from .errors import error_response

MAX_AGE = 600  # seconds a browser may cache a preflight


def allowed_origins(setting: str) -> frozenset[str]:
    """Parse CAREERBOT_ALLOWED_ORIGINS: exact origins, comma-separated; '*' only when written."""
    return frozenset(o.strip().rstrip("/") for o in str(setting or "").split(",") if o.strip())


def register(app: Flask) -> None:
    """Answer preflights, refuse other sites' API calls, and label allowed ones for the browser."""
    allowed = allowed_origins(app.config["ALLOWED_ORIGINS"])

    def foreign_origin() -> str | None:
        origin = request.headers.get("Origin")
        # Compare hosts, not schemes: behind a TLS-terminating proxy the app sees http for an https page.
        if not origin or not request.path.startswith("/api/") or urlsplit(origin).netloc == request.host:
            return None
        return origin

    def permitted(origin: str) -> bool:
        return "*" in allowed or origin in allowed

    @app.before_request
    def check_origin():
        origin = foreign_origin()
        if origin is None:
            return None
        if not permitted(origin):
            return error_response(403, "origin_not_allowed", "This site is not allowed to use careerbot.")
        if request.method == "OPTIONS":
            response = make_response("", 204)
            response.headers["Access-Control-Allow-Methods"] = "GET, POST"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = str(MAX_AGE)
            return response
        return None

    @app.after_request
    def label(response: Response) -> Response:
        origin = foreign_origin()
        if origin and permitted(origin):
            response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
            # A page on another site reads only the safelisted headers unless told: the widget needs the wait.
            response.headers["Access-Control-Expose-Headers"] = "Retry-After"
        if request.path.startswith("/api/"):
            response.vary.add("Origin")
        return response
