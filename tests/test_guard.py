"""The grounding guard: no answer states a number its citations and calculations do not hold."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerbot import Bot
from careerbot.engine.guard import ungrounded
from careerbot.engine.text import tokenize
from conftest import ROOT, TESTS

BOT = Bot.load(ROOT / "kb")  # hypothesis runs many examples: one bot, built once
WORDS = sorted({w for f in BOT.kb.facts for w in tokenize(f.text + " " + " ".join(f.keywords))}
               | {w for p in BOT.kb.phrases() for w in p.words}
               | BOT.kb.language.words())
QUESTIONS = [r["q"] for r in yaml.safe_load((TESTS / "questions.yaml").read_text())["questions"]]
FILLERS = ["what", "how", "much", "many", "is", "that", "the", "and", "than", "in", "per", "?", "2008", "2018", "1999", "36%"]


def _check(answer) -> None:
    data = answer.to_dict()
    assert set(data) >= {"answer", "answered", "intent", "citations", "calculations", "suggestions", "session_id"}
    assert answer.debug["ungrounded"] == [], f"the guard replaced an answer that stated {answer.debug['ungrounded']}"
    assert BOT.ungrounded(answer) == [], answer.answer
    if not answer.answered:
        assert data["citations"] == [] and data["calculations"] == []


def test_guard_flags_an_invented_number():
    fact = BOT.kb.fact("wage-median")
    assert ungrounded("The median was $99,999 in 2008.", [fact]) == [99999.0]
    assert ungrounded(fact.text, [fact]) == []


def test_guard_accepts_percentile_words_of_cited_figures():
    fact = BOT.kb.fact("wage-middle")
    assert ungrounded("The middle 50% earned $24,290 to $39,490, the 25th to 75th percentiles.", [fact]) == []


def test_guard_accepts_calculation_numbers(bot):
    answer = bot.ask("what is the median wage per hour?")
    assert "2,080" in answer.calculations[0].expression and bot.ungrounded(answer) == []


def test_guard_passes_every_answer_of_the_question_set(bot):
    for question in QUESTIONS:
        _check(bot.ask(question))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + FILLERS), min_size=1, max_size=12))
def test_guard_passes_generated_questions(words):
    _check(BOT.ask(" ".join(words)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS + FILLERS), min_size=1, max_size=8), min_size=2, max_size=4))
def test_guard_passes_generated_conversations(turns):
    session = None
    for words in turns:
        answer = BOT.ask(" ".join(words), session)
        session = answer.session_id
        _check(answer)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1000))
def test_bot_answers_any_text_without_raising(text):
    _check(BOT.ask(text))
