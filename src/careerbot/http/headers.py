"""Security headers: a strict CSP (no inline script), nosniff, no referrer, no caching of answers."""
from __future__ import annotations

from flask import Flask, Response, request

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
API_CSP = "default-src 'none'; frame-ancestors 'none'"
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
API = {"Content-Security-Policy": API_CSP, "Cache-Control": "no-store"}
# What the front server's own error replies carry, written before any request reaches the app (worker.py).
FRONT_ERROR = {**COMMON, **API}


def register(app: Flask) -> None:
    """Add the headers to every response."""

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in COMMON.items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/api/"):
            response.headers.update(API)
        else:
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        return response
