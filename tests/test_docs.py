"""The README stays true: commands, intents and KB fields are all documented."""
from __future__ import annotations

import pytest

from careerbot.kb.schema import FIELDS
from careerbot.settings import SETTINGS
from conftest import ROOT

README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("command", ["careerbot ask", "careerbot ask --json -", "--session", "careerbot repl",
                                     "careerbot kb check", "careerbot kb import-oews", "careerbot serve", ":debug", ":reset", ":quit",
                                     "CAREERBOT_KB", "make run", "make test", "POST /api/chat", "GET /api/health",
                                     "GET /api/openapi.json"])
def test_readme_documents_command(command):
    assert command in README


def test_readme_documents_every_intent(bot):
    for intent in [*bot.kb.topics, *bot.kb.chitchat, "decline"]:
        assert f"`{intent}`" in README


@pytest.mark.parametrize("field", sorted({f for table in FIELDS.values() for f in table}))
def test_readme_documents_every_kb_field(field):
    assert f"`{field}`" in README


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_readme_documents_every_setting(setting):
    assert f"`CAREERBOT_{setting}`" in README
