"""Suggestions never offer the question just asked or one asked earlier in the conversation."""
from __future__ import annotations

import pytest



def said(question: str) -> str:
    return " ".join(question.lower().strip("?!. ").split())

CONVERSATIONS = [
    ["What do coders earn?", "What is that per hour?"],
    ["Where do technicians work?", "How many people is that?", "What do hospital technicians earn?"],
    ["what's the weather like?", "What do coders earn?", "Is the field growing?", "Do I need a degree?"],
    ["help", "Is the field growing?", "what is the weather?"],
    ["Do I need a degree?", "do i need a degree", "hi"],
]


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=[t[0] for t in CONVERSATIONS])
def test_suggestions_skip_every_question_already_asked(bot, turns):
    session, asked = None, []
    for question in turns:
        answer = bot.ask(question, session)
        session = answer.session_id
        asked.append(said(question))
        assert answer.suggestions, f"nothing suggested after {question!r}"
        repeated = [s for s in answer.suggestions if said(s) in asked]
        assert repeated == [], f"after {question!r} it suggests {repeated}, already asked"


def test_suggestions_fall_back_to_general_questions_when_the_topic_runs_out(bot):
    session = None
    for question in ["What do coders earn?", "What is that per hour?", "Which work setting pays the most?"]:
        answer = bot.ask(question, session)
        session = answer.session_id
    assert len(answer.suggestions) == 3


def test_the_sqlite_session_store_remembers_what_was_asked(tmp_path):
    from careerbot import Bot
    from careerbot.kb import load
    from careerbot.ops.sessiondb import SQLiteSessions
    from conftest import ROOT

    bot = Bot(load(ROOT / "kb"), SQLiteSessions(tmp_path / "sessions.sqlite3"))  # what every server worker uses
    first = bot.ask("What do coders earn?")
    follow = bot.ask("What is that per hour?", first.session_id)
    assert "what do coders earn" not in [said(s) for s in follow.suggestions]
