"""The JSON API: POST /api/chat and /api/feedback, GET /api/health, /api/ready, /api/about, /api/openapi.json."""
from __future__ import annotations

import os
import re
import time

from flask import Blueprint, current_app, jsonify

from .. import __version__
from ..bot import Bot
from ..engine.compose import topics_list
from ..ops.convlog import Entry
from ..ops.session import ID_RE
from .body import json_object
from .errors import ApiError
from .openapi import VISIBLE, spec

VISIBLE_RE = re.compile(VISIBLE)  # the description's own pattern: server and description agree

api = Blueprint("api", __name__, url_prefix="/api")


def bot() -> Bot:
    """Return the app's one Bot."""
    return current_app.extensions["careerbot"]


def conversation_log():
    """Return the app's conversation log."""
    return current_app.extensions["careerbot.log"]


def chat_request() -> tuple[str, str | None]:
    """Read and check the body of POST /api/chat; raise ApiError on anything a client got wrong."""
    data = json_object()
    message, session_id = data.get("message"), data.get("session_id")
    if not isinstance(message, str) or not VISIBLE_RE.search(message):
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
    started = time.perf_counter()
    answer = bot().ask(message, session_id)
    latency_ms = (time.perf_counter() - started) * 1000
    conversation_log().record(Entry.of(answer.answer_id, answer.session_id, message, answer.intent, answer.answered,
                                       [c.fact_id for c in answer.citations], latency_ms))
    return jsonify(answer.to_dict())


@api.post("/feedback")
def feedback():
    """Store a thumbs up or down for an answer, by its answer_id."""
    data = json_object()
    answer_id, rating = data.get("answer_id"), data.get("rating")
    if not isinstance(answer_id, str) or not ID_RE.match(answer_id):
        raise ApiError(400, "bad_answer_id", "'answer_id' must be the answer_id of an answer.")
    if rating not in ("up", "down"):
        raise ApiError(400, "bad_rating", "'rating' must be 'up' or 'down'.")
    if not bot().answer_ids.valid(answer_id):  # made up, or older than a session lives
        raise ApiError(404, "unknown_answer_id", "There is no recent answer with this 'answer_id'.")
    conversation_log().rate(answer_id, rating)
    return jsonify({"status": "ok"})


def problems() -> dict[str, str]:
    """Return each part of this worker that does not work now, with the reason (reopening what it can)."""
    found = {"sessions": bot().sessions.check(), "log": conversation_log().fault}
    limiter = current_app.extensions.get("careerbot.limiter")
    if limiter and not limiter.storage.check():  # reopens an sqlite:// file, pings Redis
        found["rate_limit"] = getattr(limiter.storage, "problem", None) or "the storage does not answer"
    return {part: reason for part, reason in found.items() if reason}


def ready(found: dict[str, str]) -> bool:
    """Say whether this server answers in full: a conversation here keeps its context."""
    return "sessions" not in found  # the log and a faulty shared count do not change an answer


@api.get("/health")
def health():
    """Say whether careerbot answers in full here (ok or degraded, and why), and how large its KB is."""
    kb, found = bot().kb, problems()
    return jsonify({"status": "degraded" if found else "ok", "ready": ready(found), "problems": found,
                    "version": __version__, "facts": len(kb.facts), "figures": len(kb.figures),
                    "topics": len(kb.topics), "worker": os.getpid()})


@api.get("/ready")
def readiness():
    """Answer 200 while this server answers in full, else 503: for a load balancer's check."""
    found = problems()
    return jsonify({"ready": ready(found), "problems": found}), 200 if ready(found) else 503


@api.get("/about")
def about():
    """Say what careerbot answers from, for the page before the first question."""
    kb = bot().kb
    return jsonify({"about": kb.about, "topics": topics_list(kb), "suggestions": list(kb.decline.suggestions),
                    "max_message_chars": current_app.config["MAX_MESSAGE_CHARS"],
                    "handoff_url": current_app.config["HANDOFF_URL"] or None})


@api.get("/openapi.json")
def openapi():
    """Describe this API in OpenAPI 3."""
    return jsonify(spec(current_app.config["MAX_MESSAGE_CHARS"], current_app.config["MAX_BODY_BYTES"]))
