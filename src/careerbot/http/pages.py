"""The chat page and its assets, served from web/ (no build step, no third-party requests)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

from ..paths import shipped

pages = Blueprint("pages", __name__)


def web_path() -> Path:
    """Return the folder of page assets shipped in the package."""
    return shipped("web")


@pages.get("/")
def index():
    """Serve the chat page."""
    return send_from_directory(web_path(), "index.html", max_age=0)


@pages.get("/embed")
def embed():
    """Serve the page for site operators: the snippet, the options and a live preview."""
    return send_from_directory(web_path(), "embed.html", max_age=0)


@pages.get("/widget.js")
def widget():
    """Serve the embeddable widget; its origin is where it sends questions."""
    return send_from_directory(web_path() / "static", "widget.js", max_age=300, mimetype="text/javascript")


@pages.get("/favicon.ico")
def favicon():
    """Serve the icon where browsers and crawlers look for it even when a page names its own."""
    return send_from_directory(web_path() / "static", "favicon.svg", max_age=86400, mimetype="image/svg+xml")


@pages.get("/static/<path:name>")
def static(name: str):
    """Serve a page asset."""
    return send_from_directory(web_path() / "static", name, max_age=300)
