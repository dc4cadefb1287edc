"""Figure types of issue 13 on a small KB (tests/kbs/figure-types): an hourly wage beside the annual one,
openings each year beside their total, a duration, and the all-occupations median beside the own one."""
from __future__ import annotations

import pytest

from careerbot import Bot
from careerbot.kb import check
from careerbot.kb.numbers import HOURS_PER_YEAR, half_step
from careerbot.engine.operations import HOURS_PER_YEAR as ENGINE_HOURS
from conftest import KBS


@pytest.fixture(scope="module")
def typed() -> Bot:
    return Bot.load(KBS / "figure-types")


# (conversation so far, question, what the answer states, the calculation it shows or None, the fact it cites first)
ROWS = [
    # Hourly: the article's own $23.32 is stated (and cited), the arithmetic shows it agrees with $48,500.
    ((), "what is the median hourly wage?", "$23.32 an hour",
     "$48,500 / (40 hours x 52 weeks = 2,080 hours) = $23.32", "wage-median"),
    (("what do surveyors earn?",), "and per hour?", "$23.32 an hour",
     "$48,500 / (40 hours x 52 weeks = 2,080 hours) = $23.32", "wage-median"),
    # Without an hourly figure of its own, a setting's median is converted, and says it assumed full time.
    (("what do surveyors at parks agencies earn?",), "and per hour?", "about $21.88 an hour",
     "$45,500 / (40 hours x 52 weeks = 2,080 hours) = $21.88", "wage-parks"),
    # A rate each year is stated, never divided by its period again; the total is its rate times its years.
    ((), "how many job openings each year?", "1,200 a year", "12,000 / 10 years = 1,200 a year", "openings"),
    ((), "how many job openings in total?", "about 12,000 in all",
     "1,200 a year x 10 years (2010-2020) = 12,000", "openings"),
    # A duration answers "how long".
    ((), "how long does it take to become a surveyor?", "a 2-year program", None, "training"),
    # The occupation's own median answers a plain question; the all-occupations one only when named.
    ((), "what is the median pay?", "$48,500 a year", None, "wage-median"),
    ((), "what's the median for all occupations?", "$33,840", None, "wage-all-occupations"),
    ((), "do surveyors earn more than the average job?", "Yes.",
     "$48,500 - $33,840 = $14,660", "wage-median"),
]


@pytest.mark.parametrize("before,question,says,expression,cites", ROWS, ids=[r[1] for r in ROWS])
def test_figure_types_answer(typed, before, question, says, expression, cites):
    session = None
    for earlier in before:
        session = typed.ask(earlier, session).session_id
    answer = typed.ask(question, session)
    assert answer.answered
    assert says in answer.answer
    assert [c.expression for c in answer.calculations][:1] == ([expression] if expression else [])
    assert answer.citations[0].fact_id == cites


def test_stated_hourly_is_cited_as_the_article_s_own(typed):
    calc = typed.ask("what is the median hourly wage?").calculations[0]
    assert (calc.result, calc.unit, calc.agrees_with) == (23.32, "USD/hour", "wage-median")


def test_yearly_rate_is_never_divided_again(typed):
    for question in ("how many job openings each year?", "how many openings per year on average?"):
        answer = typed.ask(question)
        assert "120 a year" not in answer.answer  # 1,200 a year / 10 years
        assert all(c.result != 120 for c in answer.calculations)


def test_figure_types_kb_passes_check():
    kb, problems = check(KBS / "figure-types")
    assert problems == [] and kb is not None
    assert {f.unit for f in kb.figures.values()} >= {"USD/hour", "people/year", "years"}
    assert kb.baselines == {"population:all-occupations"}


def test_hours_a_year_are_one_convention():
    assert HOURS_PER_YEAR == ENGINE_HOURS == 2080


@pytest.mark.parametrize("value,half", [(14.25, 0.005), (29640, 5), (15400, 50), (2, 0.5), (0.5, 0.05)])
def test_half_step_is_half_the_stated_rounding(value, half):
    assert half_step(value) == pytest.approx(half)
