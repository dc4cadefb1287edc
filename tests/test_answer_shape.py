"""One answer shape for every interface, pinned."""
from __future__ import annotations

import pytest

ANSWER_KEYS = {"answer", "answered", "intent", "citations", "calculations", "suggestions", "session_id",
               "answer_id", "chart", "sentences"}
CITATION_KEYS = {"fact_id", "source", "year", "section", "text", "url"}
SENTENCE_KEYS = {"text", "fact_ids"}


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
        assert cite["url"] is None or cite["url"].startswith("https://")
    for sentence in data["sentences"]:
        assert set(sentence) == SENTENCE_KEYS


@pytest.mark.parametrize("question", ["where do technicians work?", "what is the median wage per hour?",
                                      "how much more do hospitals pay than physician offices?",
                                      "what do coders earn and is the field growing?", "where do you get your data?",
                                      "what is the weather?", "hi"])
def test_answer_sentences_are_its_text_and_cite_only_its_citations(bot, question):
    data = bot.ask(question).to_dict()
    assert " ".join(s["text"] for s in data["sentences"]) == data["answer"]
    cited = [c["fact_id"] for c in data["citations"]]
    marked = [f for s in data["sentences"] for f in s["fact_ids"]]
    assert set(marked) <= set(cited)
    assert set(cited) <= set(marked), "every citation belongs to a sentence"


def test_settings_answer_marks_each_statement_with_its_own_fact(bot):
    data = bot.ask("where do technicians work?").to_dict()
    marked = [s["fact_ids"] for s in data["sentences"] if s["fact_ids"]]
    assert len(marked) == len(data["citations"]) >= 5
    assert all(len(ids) == 1 for ids in marked)


def test_a_calculation_sentence_cites_the_figures_it_read(bot):
    answer = bot.ask("what is the median wage per hour?")
    calc = answer.calculations[0]
    sentence = next(s for s in answer.sentences if "14.72" in s.text)
    assert set(calc.inputs) <= set(sentence.fact_ids)


def test_citations_carry_the_sources_url_where_the_kb_gives_one(bot):
    cites = {c.source: c.url for c in bot.ask("what do coders earn?").citations}
    assert cites["Bureau of Labor Statistics (BLS)"].startswith("https://www.bls.gov/")
    assert cites["An unnamed consulting firm in salary research"] is None


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
