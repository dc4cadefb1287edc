"""Normalization: tokens, stems, phrases and typo repair."""
from __future__ import annotations

import random
import string

import pytest
from nltk.metrics.distance import edit_distance

from careerbot.engine.stopwords import STOPWORDS
from careerbot.engine.text import MAX_REPAIRS, MIN_CONTENT_REPAIR, MIN_REPAIR, Normalizer, tokenize
from careerbot.engine.understand import clean


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


@pytest.mark.parametrize("text, name", [
    ("the placement rate at Penn Foster for coders", "foster"),  # not "faster"
    ("do coders at Kaiser Permanente earn more", "kaiser"),
])
def test_bot_normalizer_leaves_the_words_of_a_name_alone(bot, text, name):
    analysis = bot.normalizer.analyze(text)
    assert name in analysis.unknown and not analysis.repairs


def test_numbers_of_out_of_scope_phrases_are_not_unknown_words(bot):
    # "over 30" is an age phrase and "k-12" a teachers' title: "over 30k" is neither.
    assert "30" not in bot.normalizer.analyze("is the median salary over 30k").unknown


@pytest.mark.parametrize("text, never", [("and in dollars", "dallas"), ("is coding for nursess", "nurses")])
def test_bot_normalizer_never_repairs_into_a_word_only_out_of_scope_phrases_use(bot, text, never):
    # "dollars" is not a typo of the city "dallas": a guess must not make a question a decline.
    assert never in bot.normalizer.protected
    assert never not in [fixed for _, fixed in bot.normalizer.analyze(text).repairs]


@pytest.mark.parametrize("text, words", [
    ("jobgrowth 2008-2018", ["job", "growth"]),  # typed without the space
    ("coders are overpaid", ["overpaid"]),  # a word of its own, not "over paid"
    ("a useless bot", ["useless"]),
])
def test_bot_normalizer_splits_two_kb_words_typed_as_one(bot, text, words):
    analysis = bot.normalizer.analyze(text)
    assert all(w in analysis.words for w in words), analysis.words


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


def _full_scan(normalizer: Normalizer, word: str) -> str | None:
    """The repair rules written as a plain scan of the whole vocabulary with nltk: the reference."""
    if len(word) < MIN_REPAIR or not word.isalpha():
        return None
    limit = 1 if len(word) < 7 else 2
    ranks = [(d, (cand[0] != word[0]) + (cand[-1] != word[-1]), cand)
             for cand in normalizer.vocabulary
             if cand.isalpha() and abs(len(cand) - len(word)) <= limit
             and (limit == 1 or cand[0] == word[0]) and (len(word) >= MIN_CONTENT_REPAIR or cand in STOPWORDS)
             and (cand not in STOPWORDS or cand[0] == word[0] or cand[:2] == word[1::-1])
             and not (cand in STOPWORDS and len(word) > len(cand) and word.startswith(cand))
             for d in [edit_distance(word, cand, transpositions=True)] if d <= limit]
    return min(ranks)[2] if ranks else None


def _typos(words: list[str], rng: random.Random) -> list[str]:
    """Return one typo of each kind (drop, add, change, swap, two changes) for each word."""
    letters, out = string.ascii_lowercase, []
    for w in words:
        i = rng.randrange(len(w) - 1)
        out += [w[:i] + w[i + 1:], w[:i] + rng.choice(letters) + w[i:], w[:i] + rng.choice(letters) + w[i + 1:],
                w[:i] + w[i + 1] + w[i] + w[i + 2:], w[:i] + rng.choice(letters) + w[i + 1:-1] + rng.choice(letters)]
    return out


@pytest.mark.parametrize("seed", range(3))
def test_bot_normalizer_repairs_as_a_full_scan_of_the_vocabulary_would(bot, seed):
    rng = random.Random(seed)
    words = rng.sample(sorted(w for w in bot.normalizer.vocabulary if w.isalpha() and len(w) >= 4), 12)
    for typed in _typos(words, rng) + _junk(rng, 60).split()[:20]:
        assert bot.normalizer.repair(typed) == _full_scan(bot.normalizer, typed), typed


def _junk(rng: random.Random, chars: int) -> str:
    """Return about `chars` characters of made-up 4- to 12-letter words, the costliest text to repair."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars - 13:
        words.append("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 12))))
    return " ".join(words)


def test_normalizer_sends_a_bounded_number_of_words_to_typo_repair(bot):
    norm = Normalizer({}, bot.normalizer.vocabulary)
    analysis = norm.analyze(_junk(random.Random(11), 1000) + " salry")
    assert norm.repair.cache_info().misses <= MAX_REPAIRS
    assert "salry" in analysis.unknown  # past the cap a word stays unknown, even a typo
    assert Normalizer({}, bot.normalizer.vocabulary).analyze("what is the salry").repairs == (("salry", "salary"),)


@pytest.mark.parametrize("text, left", [
    ("<b>what</b> do coders earn", "what do coders earn"),
    ("<script>alert('hi')</script> what do coders earn", "what do coders earn"),
    ("<SCRIPT type='x'>hi()</SCRIPT>", ""),
    ("<style>p {color: red}</style>hello", "hello"),
    ("<script>never closed hi", ""),
    # a lone percent sign is the word; a number's stays
    ("in %?", "in percent ?"),
    ("what % of techs", "what percent of techs"),
    ("36% of techs", "36% of techs"),
    ("a 10.5% rise", "a 10.5% rise"),
])
def test_clean_drops_markup_and_script_code_and_reads_a_lone_percent_sign(text, left):
    assert " ".join(clean(text, {}).split()) == left


@pytest.mark.parametrize("word, repaired", [("mother", None), ("bother", None), ("hwat", "what"), ("thsi", "this")])
def test_repair_into_a_stopword_keeps_the_first_letter_or_swaps_the_first_two(bot, word, repaired):
    assert bot.normalizer.repair(word) == repaired
