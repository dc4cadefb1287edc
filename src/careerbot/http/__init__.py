"""The Flask application factory: the JSON API and the chat page over one Bot."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..bot import Bot
from ..ops.answerid import AnswerIds
from ..ops.convlog import ConversationLog, NoLog, Retention
from ..kb import KB, load
from ..kb.schema import https_url
from ..ops.sessiondb import SQLiteSessions
from ..ops.sessionredis import RedisSessions, is_redis
from ..settings import DEFAULTS, default_state_dir
from . import cors, errors, headers, limits
from .api import api
from .pages import pages


def create_app(config: dict | None = None, kb: KB | None = None) -> Flask:
    """Build the app: defaults, then CAREERBOT_* environment variables, then `config` (for tests).

    `kb` is one already loaded and checked (by `careerbot serve`), so a server reads its KB once.
    """
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CAREERBOT")
    app.config.update(config or {})
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY_BYTES"])
    if app.config["HANDOFF_URL"] and not https_url(app.config["HANDOFF_URL"]):
        raise ValueError(f"CAREERBOT_HANDOFF_URL must be an https address, not {app.config['HANDOFF_URL']!r}")
    app.json.sort_keys = False
    session_db = str(app.config["SESSION_DB"] or default_state_dir() / "sessions.sqlite3")
    ttl, most = float(app.config["SESSION_TTL_SECONDS"]), int(app.config["MAX_SESSIONS"])
    shared = is_redis(session_db)  # several hosts: conversations and, unless set apart, the rate limit there
    sessions = RedisSessions(session_db, most, ttl) if shared else SQLiteSessions(session_db, most, ttl)
    # Built before gunicorn forks: without a configured key, the workers of this server share a random one.
    answer_ids = AnswerIds(app.config["SECRET_KEY"] and str(app.config["SECRET_KEY"]), lifetime=ttl)
    app.extensions["careerbot"] = Bot(kb or load(app.config["KB"]), sessions, answer_ids)  # KBError stops start-up, located
    log_db = app.config["LOG_DB"] or default_state_dir() / "log.sqlite3"
    retention = Retention(float(app.config["LOG_RETENTION_DAYS"]), float(app.config["LOG_MAX_MB"]))
    app.extensions["careerbot.log"] = NoLog() if str(log_db).lower() == "off" else ConversationLog(log_db, retention)
    errors.register(app)
    cors.register(app)
    headers.register(app)
    app.register_blueprint(api)
    app.register_blueprint(pages)
    limits.register(app, default_state_dir() if shared else Path(session_db).parent, session_db if shared else None)
    return app
