"""The question set: every topic of the article, paraphrases, typos and honest declines."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import TESTS

ROWS = yaml.safe_load((TESTS / "questions.yaml").read_text())["questions"]


def test_question_set_covers_every_topic_and_declines(bot):
    intents = {bot.ask(r["q"]).intent for r in ROWS}
    assert set(bot.kb.topics) <= intents
    assert len(ROWS) >= 80
    assert sum(1 for r in ROWS if r.get("declined")) >= 15


def test_question_set_rows_assert_a_phrase_and_a_citation():
    answered = [r for r in ROWS if not r.get("declined") and r.get("cites")]
    assert all(r.get("says") for r in answered), [r["q"] for r in answered if not r.get("says")]


@pytest.mark.parametrize("row", ROWS, ids=[r["q"] for r in ROWS])
def test_bot_answers_question(bot, row):
    answer = bot.ask(row["q"])
    cited = [c.fact_id for c in answer.citations]
    if row.get("declined"):
        assert answer.answered is False
        assert answer.intent == "decline"
        assert cited == []
        assert answer.suggestions, "a decline points to what careerbot does know"
        return
    assert answer.answered is True, answer.answer
    for fact_id in row.get("cites", []):
        assert fact_id in cited
    for phrase in row.get("says", []):
        assert phrase in answer.answer
    if "intent" in row:
        assert answer.intent == row["intent"]
    if not row.get("cites"):
        assert cited == [], "small talk cites nothing"


def test_no_answer_says_a_sentence_twice(bot):
    """Over every conversation of the dev sets: a several-part message never repeats itself."""
    repeated = []
    for path in sorted((TESTS / "corpus").glob("dev*.yaml")):
        for conversation in yaml.safe_load(path.read_text())["conversations"]:
            session = None
            for turn in conversation["turns"]:
                answer = bot.ask(turn["q"], session_id=session)
                session = answer.session_id
                sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.answer) if s]
                if len(sentences) != len(set(sentences)):
                    repeated.append((turn["q"], answer.answer))
    assert repeated == []


@pytest.mark.parametrize("text", ["ok what about nationwide", "thanks, and what about telehealth?"])
def test_a_question_about_an_unknown_word_is_no_small_talk(bot, text):
    assert bot.ask(text).intent not in bot.kb.chitchat
