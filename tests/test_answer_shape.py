"""One answer shape for every interface, pinned."""
from __future__ import annotations

import pytest

ANSWER_KEYS = {"answer", "answered", "intent", "citations", "calculations", "suggestions", "session_id",
               "answer_id", "chart"}
CITATION_KEYS = {"fact_id", "source", "year", "section", "text"}


@pytest.mark.parametrize("question", ["what do coders earn?", "hi", "what is the weather?", ""])
def test_answer_to_dict_has_the_pinned_shape(bot, question):
    data = bot.ask(question).to_dict()
    assert set(data) == ANSWER_KEYS
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["answered"], bool)
    assert isinstance(data["intent"], str)
    assert isinstance(data["suggestions"], list)
    assert isinstance(data["calculations"], list)
    assert len(data["session_id"]) == 32
    for cite in data["citations"]:
        assert set(cite) == CITATION_KEYS
        assert cite["year"] is None or isinstance(cite["year"], int)


def test_citation_carries_source_and_year(bot):
    cite = bot.ask("what is the median wage?").to_dict()["citations"][0]
    assert cite["fact_id"] == "wage-median"
    assert cite["source"].startswith("Bureau of Labor Statistics")
    assert cite["year"] == 2008


def test_salary_firm_citation_says_the_article_omits_its_name(bot):
    answer = bot.ask("coder base salary")
    fact = bot.kb.fact(next(c.fact_id for c in answer.citations if c.fact_id == "wage-coders-base"))
    assert "unnamed" in fact.source.organization.lower() and "name" in fact.source.note


def test_answer_returns_the_session_it_continues(bot):
    first = bot.ask("hi")
    assert bot.ask("thanks", first.session_id).session_id == first.session_id


@pytest.mark.parametrize("session_id", ["nope", "0" * 32, "'; drop table", None])
def test_unknown_session_ids_start_a_new_session(bot, session_id):
    answer = bot.ask("hi", session_id)
    assert answer.session_id != session_id and len(answer.session_id) == 32
