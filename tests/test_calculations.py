"""Computed answers: exact results, rounding and inputs; conversations; a second, made-up KB."""
from __future__ import annotations

import pytest
import yaml

from careerbot.engine.calc import Describer, fmt, percent_change
from careerbot.kb import Figure
from careerbot.kb.numbers import rounding_of
from conftest import TESTS

CALCS = yaml.safe_load((TESTS / "calculations.yaml").read_text())["calculations"]
CONVERSATIONS = yaml.safe_load((TESTS / "conversations.yaml").read_text())["conversations"]


def test_calculation_set_is_large_enough():
    assert len(CALCS) >= 40
    assert len(CONVERSATIONS) >= 10


@pytest.mark.parametrize("row", CALCS, ids=[r["q"] for r in CALCS])
def test_bot_computes_answer(bot, row):
    answer = bot.ask(row["q"])
    assert answer.answered, answer.answer
    assert answer.calculations, f"no calculation in: {answer.answer}"
    calc = answer.calculations[0]
    assert (calc.op, calc.result, calc.unit) == (row["op"], row["result"], row["unit"])
    assert set(calc.inputs) == set(row["inputs"])
    shown = {fmt(row["result"], row["unit"]), fmt(row["result"], row["unit"], rounding_of(row["result"]))}
    assert any(s in calc.expression for s in shown), f"{calc.expression} shows {shown}"
    cited = {c.fact_id for c in answer.citations}
    assert set(calc.inputs) <= cited, "every input of a calculation is cited"
    for phrase in row.get("says", []):
        assert phrase in answer.answer
    if "agrees_with" in row:
        assert calc.agrees_with == row["agrees_with"] and row["agrees_with"] in cited
    assert bot.ungrounded(answer) == [] and answer.debug["ungrounded"] == []


def test_calculation_json_lists_expression_result_unit_inputs(bot):
    data = bot.ask("how many people work in hospitals?").to_dict()["calculations"][0]
    assert data == {"op": "share_count", "expression": "36% x 172,500 = 62,100", "result": 62100,
                    "unit": "people", "inputs": ["setting-hospitals", "employment-2008"], "note": "",
                    "agrees_with": None}


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_bot_follows_conversation(bot, conv):
    session = None
    for turn in conv["turns"]:
        answer = bot.ask(turn["q"], session)
        session = answer.session_id
        label = f"{turn['q']!r} -> {answer.answer}"
        if turn.get("declined"):
            assert not answer.answered, label
            continue
        assert answer.answered, label
        cited = {c.fact_id for c in answer.citations}
        assert set(turn.get("cites", [])) <= cited, label
        for phrase in turn.get("says", []):
            assert phrase in answer.answer, label
        if "intent" in turn:
            assert answer.intent == turn["intent"], label
        if "op" in turn:
            assert answer.calculations and answer.calculations[0].op == turn["op"], label
        if "result" in turn:
            assert answer.calculations[0].result == turn["result"], label
        assert bot.ungrounded(answer) == [] and answer.debug["ungrounded"] == [], label


def test_sessions_do_not_share_context(bot):
    a = bot.ask("median wage in hospitals")
    b = bot.ask("what percent work in nursing homes?")
    follow_a = bot.ask("what about physician offices?", a.session_id)
    follow_b = bot.ask("what about physician offices?", b.session_id)
    article = lambda answer: [c.fact_id for c in answer.citations if c.fact_id in bot.kb.facts_by_id]  # noqa: E731
    assert article(follow_a) == ["wage-physicians"]  # and today's figure for physician offices beside it
    assert article(follow_b) == ["setting-physicians"]


@pytest.mark.parametrize("question, op, result, inputs", [
    ("what is the growth rate from 2010 to 2020?", "percent_change", 30.0, {"employment-2010", "employment-2020"}),
    ("how many new jobs?", "change", 3600, {"employment-2010", "employment-2020"}),
    ("how much more do institutes pay than parks?", "difference", 5500, {"wage-institutes", "wage-parks"}),
    ("how many surveyors work at parks?", "share_count", 4800, {"share-parks", "employment-2010"}),
    ("which employer pays the most?", "highest", 51000, {"wage-institutes", "wage-parks"}),
    ("what's the median pay per hour?", "hourly", 23.32, {"wage-median"}),
    ("where do most surveyors work?", "highest", 60, {"share-institutes", "share-parks"}),
])
def test_engine_computes_on_a_made_up_kb(tidepool, question, op, result, inputs):
    answer = tidepool.ask(question)
    calc = answer.calculations[0]
    assert (calc.op, calc.result, set(calc.inputs)) == (op, result, inputs)
    assert tidepool.ungrounded(answer) == []


def test_made_up_kb_growth_agrees_with_its_stated_rate(tidepool):
    calc = tidepool.ask("what is the growth rate from 2010 to 2020?").calculations[0]
    assert calc.agrees_with == "growth"


def test_calculators_never_mix_units():
    a = Figure("a", "f", "employment", 100, "people", year=2000)
    b = Figure("b", "f", "annual_wage", 200, "USD/year", year=2000)
    with pytest.raises(ValueError):
        percent_change(None, None, a, b)


@pytest.mark.parametrize("value, unit, shown", [
    (20.3, "percent", "20.3%"), (62100, "people", "62,100"), (14.72, "USD/hour", "$14.72"),
    (-10160, "USD/year", "-$10,160"), (2.4, "times", "2.4 times"), (18, "points", "18.0 percentage points"),
])
def test_fmt_writes_values_with_units(value, unit, shown):
    assert fmt(value, unit) == shown


@pytest.mark.parametrize("question, phrase", [
    ("what is the median wage?", "2008 data; not current figures"),
    ("how many jobs will there be by 2018?", "projection for 2018"),
    ("is the field growing?", "projected to 2018"),
])
def test_dated_answers_say_how_old_their_figures_are(bot, question, phrase):
    assert phrase in bot.ask(question).answer


def test_undated_answers_carry_no_date_note(bot):
    assert "not current" not in bot.ask("do I need a degree?").answer


def test_describer_names_figures_from_kb_labels(bot):
    fig = bot.kb.figures["wage-hospitals"]
    assert Describer(bot.kb).name(fig) == "the median annual wage for hospitals"
