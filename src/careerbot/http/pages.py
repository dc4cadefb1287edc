"""The chat page and its assets, served from web/ (no build step, no third-party requests)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from flask import Blueprint, send_from_directory

pages = Blueprint("pages", __name__)


def web_path() -> Path:
    """Return the folder of page assets shipped in the package (or the repository's, in a source checkout)."""
    packaged = Path(str(resources.files("careerbot") / "web"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "web"  # an editable install runs from src/


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


@pages.get("/static/<path:name>")
def static(name: str):
    """Serve a page asset."""
    return send_from_directory(web_path() / "static", name, max_age=300)
