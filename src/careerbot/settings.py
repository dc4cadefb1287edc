"""Server settings as data: each read from a CAREERBOT_<NAME> environment variable."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One setting with its default and what it does."""

    name: str
    default: object
    help: str


class StartupError(Exception):
    """A setting the server cannot start with; the message says what to do."""


def default_state_dir() -> Path:
    """Return where the server keeps its SQLite files unless told otherwise."""
    return Path.home() / ".cache" / "careerbot"


SETTINGS = (
    Setting("KB", None, "KB folder to answer from; default: the KB bundled with the package."),
    Setting("KB_CACHE", None, "Folder of compiled KBs (a checked KB pickled under the hash of its files and of "
                              "the checker's code); default: ~/.cache/careerbot/kb; 'off' reads the YAML every time."),
    Setting("SESSION_DB", None, "SQLite file that holds conversations, shared by all worker processes; "
                                "default: ~/.cache/careerbot/sessions.sqlite3. redis://HOST:6379/N keeps them in "
                                "Redis, shared by several hosts, and the rate limit counts there too "
                                "(pip install 'careerbot[redis]')."),
    Setting("SESSION_TTL_SECONDS", 3600, "Idle time after which a conversation is forgotten."),
    Setting("MAX_SESSIONS", 10_000, "Most conversations kept; the oldest are dropped first."),
    Setting("MAX_MESSAGE_CHARS", 1000, "Longest question accepted by POST /api/chat (400 beyond)."),
    Setting("MAX_BODY_BYTES", 16_384, "Largest request body accepted (413 beyond)."),
    Setting("ALLOWED_ORIGINS", "", "Comma-separated origins (https://example.org) whose pages may call the API "
                                   "from a browser; '*' allows any. Empty: only careerbot's own pages."),
    Setting("RATE_LIMIT", "30 per minute", "Questions and ratings one client may send (e.g. '30 per minute; "
                                           "500 per day'); 'off' turns limiting off."),
    Setting("RATE_LIMIT_STORAGE", None, "Where the limiter counts; default: the sessions' Redis if CAREERBOT_SESSION_DB "
                                        "is redis://, else an SQLite file beside the session file, "
                                        "shared by the host's workers (sqlite:///PATH names another); "
                                        "redis://HOST:6379 shares the counts between hosts (pip install "
                                        "'careerbot[redis]'); memory:// counts per worker process."),
    Setting("READ_TIMEOUT_SECONDS", 10, "The longest a client may take to send a request's headers after it connects, "
                                        "or pause while it sends a body or takes an answer; then the server closes "
                                        "the connection (careerbot serve)."),
    Setting("KEEPALIVE_SECONDS", 5, "How long a connection may wait idle for its next request before the server "
                                    "closes it (careerbot serve)."),
    Setting("TRUSTED_PROXIES", 0, "How many reverse proxies in front set X-Forwarded-For; the client is the address "
                                  "they report (0: the connecting address)."),
    Setting("HANDOFF_URL", "", "An https address (an advisor's booking page, a contact form) that a declined "
                               "question offers as its next step; empty: none."),
    Setting("LOG_DB", None, "SQLite file of the conversation log (questions, intents, latency, ratings; no IP "
                            "addresses); default: ~/.cache/careerbot/log.sqlite3; 'off' keeps no log."),
    Setting("LOG_RETENTION_DAYS", 90, "Days the conversation log keeps a question or rating; older ones are deleted."),
    Setting("LOG_MAX_MB", 1024, "Most megabytes of rows the conversation log keeps; beyond it the oldest are deleted."),
    Setting("SECRET_KEY", None, "Key that signs answer ids, so POST /api/feedback takes only answers careerbot gave; "
                                "default: a random key per server start (set one shared key on several hosts)."),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}
