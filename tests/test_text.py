"""Normalization: tokens, stems, phrases and typo repair."""
from __future__ import annotations

import pytest

from careerbot.text import Normalizer, tokenize


@pytest.mark.parametrize("text, tokens", [
    ("What's the $1,234 wage?", ["what's", "the", "1234", "wage"]),
    ("36% in 2008", ["36%", "in", "2008"]),
    ("Physician’s offices", ["physician's", "offices"]),
    ("detail-oriented", ["detail", "oriented"]),
    ("", []),
])
def test_tokenize_splits_words_and_numbers(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize("typed, repaired", [
    ("salry", "salary"), ("hosptial", "hospital"), ("certifcation", "certification"),
    ("salaris", "salaries"), ("benifits", "benefits"),
])
def test_bot_normalizer_repairs_typos_against_kb_words(bot, typed, repaired):
    assert bot.normalizer.repair(typed) == repaired


@pytest.mark.parametrize("word", ["qwerty", "pizza", "astronaut", "zzz"])
def test_bot_normalizer_leaves_unrelated_words_alone(bot, word):
    assert bot.normalizer.repair(word) is None


def test_normalizer_maps_longest_phrase_first():
    norm = Normalizer({("nursing", "home"): "setting:nursing", ("home",): "house"}, {"nursing", "home"})
    assert norm.analyze("a nursing home").terms == ("setting:nursing",)
    assert norm.analyze("home").terms == ("house",)


@pytest.mark.parametrize("text, term", [
    ("what do coders earn", "role:coders"), ("doctor's office", "setting:physician-offices"),
    ("the government", "setting:federal"), ("nursing homes", "setting:nursing-care"),
    ("top 10 percent", "stat:p90"), ("avg", "stat:median"), ("how much do they make", "=wage"),
    ("HIT", "role:technicians"), ("can I work from home", "oos:remote-work"),
])
def test_lexicon_phrases_become_terms(bot, text, term):
    assert term in bot.normalizer.analyze(text).terms


def test_normalizer_reports_unknown_words(bot):
    analysis = bot.normalizer.analyze("what is the capital of france")
    assert set(analysis.unknown) == {"capital", "france"}
