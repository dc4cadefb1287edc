"""Source precedence is KB data: official, named sources lead an answer and its follow-ups."""
from __future__ import annotations

import shutil

import pytest

from careerbot import Bot
from conftest import ROOT


def _positions(text: str, phrases: list[str]) -> list[int]:
    return [text.index(p) for p in phrases]


def test_official_figure_leads_and_the_unnamed_firm_follows(bot):
    session = bot.ask("what do coders earn?")
    lead, firm = "$30,610", "$43,828"
    assert _positions(session.answer, [lead, firm]) == sorted(_positions(session.answer, [lead, firm]))
    assert session.citations[0].source.startswith("Bureau of Labor Statistics")
    # The closing notice dates each source: the firm's figures have no year, the BLS's are 2008.
    assert "no year given" in session.answer and "2008 data" in session.answer


@pytest.mark.parametrize("question, result", [
    ("what do coders earn?", 14.72),  # the lead figure: the BLS median
    ("how much do coders make with benefits?", 30.31),  # a word only the firm's figure has: that one
])
def test_per_hour_follow_up_converts_the_figure_asked_about(bot, question, result):
    first = bot.ask(question)
    hourly = bot.ask("what is that per hour?", session_id=first.session_id)
    assert [c.result for c in hourly.calculations] == [result]


def test_rank_in_the_kb_decides_the_order(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    sources = kb / "sources.yaml"
    text = sources.read_text().replace("    rank: 2\n", "")
    text = text.replace("    section: Medical Information Technology Earnings\n",
                        "    section: Medical Information Technology Earnings\n    rank: 3\n", 1)
    sources.write_text(text)
    answer = Bot.load(kb).ask("what do coders earn?")
    assert answer.answer.index("$43,828") < answer.answer.index("$30,610")
