"""The JSON API: POST /api/chat, GET /api/health, GET /api/about, GET /api/openapi.json."""
from __future__ import annotations

import os

from flask import Blueprint, current_app, jsonify, request

from .. import __version__
from ..bot import Bot
from ..compose import topics_list
from .errors import ApiError
from .openapi import spec

api = Blueprint("api", __name__, url_prefix="/api")


def bot() -> Bot:
    """Return the app's one Bot."""
    return current_app.extensions["careerbot"]


def chat_request() -> tuple[str, str | None]:
    """Read and check the body of POST /api/chat; raise ApiError on anything a client got wrong."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError(400, "bad_json", "The body is not valid JSON.")
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "The body must be a JSON object.")
    message, session_id = data.get("message"), data.get("session_id")
    if not isinstance(message, str) or not message.strip():
        raise ApiError(400, "bad_message", "'message' must be a non-empty string.")
    limit = current_app.config["MAX_MESSAGE_CHARS"]
    if len(message) > limit:
        raise ApiError(400, "message_too_long", f"'message' must be at most {limit} characters.")
    if session_id is not None and not isinstance(session_id, str):
        raise ApiError(400, "bad_session_id", "'session_id' must be a string or null.")
    return message, session_id


@api.post("/chat")
def chat():
    """Answer one question; the answer carries the session id to send back with the next one."""
    message, session_id = chat_request()
    return jsonify(bot().ask(message, session_id).to_dict())


@api.get("/health")
def health():
    """Say that the KB is loaded and how large it is."""
    kb = bot().kb
    return jsonify({"status": "ok", "version": __version__, "facts": len(kb.facts), "figures": len(kb.figures),
                    "topics": len(kb.topics), "worker": os.getpid()})


@api.get("/about")
def about():
    """Say what careerbot answers from, for the page before the first question."""
    kb = bot().kb
    return jsonify({"about": kb.about, "topics": topics_list(kb), "suggestions": list(kb.decline.suggestions),
                    "max_message_chars": current_app.config["MAX_MESSAGE_CHARS"]})


@api.get("/openapi.json")
def openapi():
    """Describe this API in OpenAPI 3."""
    return jsonify(spec(current_app.config["MAX_MESSAGE_CHARS"], current_app.config["MAX_BODY_BYTES"]))
