"""Metamorphic tests: a dev-set question asked with noise, a synonym or a typo gets the same answer."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from careerbot import Bot
from careerbot.kbtest import grade, load_cases
from careerbot.engine.text import match_phrases, tokenize
from conftest import ROOT, TESTS

BOT = Bot.load(ROOT / "kb")  # hypothesis runs many examples: one bot, built once


def _passing_questions() -> list[str]:
    """Return the dev set's opening questions the bot answers correctly today with facts: the base cases."""
    cases, problems = load_cases(TESTS / "corpus" / "dev.yaml")
    assert not problems
    out = []
    for case in cases:
        turn = case.turns[0]
        answer = BOT.ask(turn.q)
        one_sentence = not re.search(r"[?!.;]\s*\S", turn.q)  # noise around a question, not between questions
        if one_sentence and answer.citations and not grade(turn, answer, BOT):
            out.append(turn.q)
    return out


QUESTIONS = _passing_questions()
SYNONYMS = {v: canonical for canonical, variants in BOT.kb.synonyms.items() for v in variants if " " not in v}
GROUPS = {canonical: [v for v in variants if " " not in v] for canonical, variants in BOT.kb.synonyms.items()}
PREFIXES = ["hi! ", "Hello, quick question: ", "hey there, ", "ok so ", "Hi, I was wondering, ", "um "]
SUFFIXES = [" thanks!", " thank you", " pls", " ??", " lol", " thx in advance"]
EMOJI = ["🙂", "🤔", "💰", "👍", "🙏"]


def shape(question: str) -> tuple:
    """Return what must not change: answered or not, the facts cited, and the calculations' results."""
    answer = BOT.ask(question)
    assert BOT.ungrounded(answer) == [] and answer.debug["ungrounded"] == [], answer.answer
    return answer.answered, sorted(c.fact_id for c in answer.citations), sorted(c.result for c in answer.calculations)


def test_metamorphic_base_is_large_enough():
    assert len(QUESTIONS) >= 100


def _html(q: str, index: int) -> str:
    words = q.split()
    i = index % len(words)
    words[i] = f"<b>{words[i]}</b>"
    return "<p>" + " ".join(words) + "</p>"


NOISE = {
    "html": lambda q, n: _html(q, n),
    "prefix": lambda q, n: PREFIXES[n % len(PREFIXES)] + q,
    "suffix": lambda q, n: q.rstrip("?") + "?" + SUFFIXES[n % len(SUFFIXES)],
    "upper": lambda q, n: q.upper(),
    "lower": lambda q, n: q.lower(),
    "punctuation": lambda q, n: q.rstrip("?.!") + "?" * (2 + n % 3),
    "emoji": lambda q, n: q + " " + EMOJI[n % len(EMOJI)],
}


@pytest.mark.parametrize("kind", sorted(NOISE))
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_answer_survives_noise(kind, data):
    question = data.draw(st.sampled_from(QUESTIONS))
    noisy = NOISE[kind](question, data.draw(st.integers(0, 50)))
    assert shape(noisy) == shape(question), f"{question!r} -> {noisy!r}"


def _swap_synonym(question: str, pick: int) -> str | None:
    """Replace one word that stands alone for a lexicon synonym with another one-word variant of it."""
    pieces = [piece for piece, _ in match_phrases(tokenize(question), BOT.kb.phrase_table)]
    spots = [i for i, p in enumerate(pieces) if p in SYNONYMS and len(GROUPS[SYNONYMS[p]]) > 1]
    if not spots:
        return None
    word = pieces[spots[pick % len(spots)]]
    choices = [v for v in GROUPS[SYNONYMS[word]] if v != word]
    return re.sub(rf"\b{re.escape(word)}\b", choices[pick % len(choices)], question, count=1, flags=re.IGNORECASE)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_answer_survives_a_synonym(data):
    question = data.draw(st.sampled_from(QUESTIONS))
    swapped = _swap_synonym(question, data.draw(st.integers(0, 50)))
    # A synonym inside an arithmetic phrase ("new jobs") changes the phrase, not just the word: skip those.
    # assume, not if: hypothesis fails the test when it can find too few questions to vary.
    assume(swapped is not None and BOT.understander.understand(swapped).ops == BOT.understander.understand(question).ops)
    assert shape(swapped) == shape(question), f"{question!r} -> {swapped!r}"


def _typo(question: str, pick: int) -> str | None:
    """Swap two inner letters of one long word the KB knows: the commonest slip of fast typing."""
    words = question.split()
    spots = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 7 and w.lower() in BOT.normalizer.vocabulary]
    if not spots:
        return None
    i = spots[pick % len(spots)]
    w, j = words[i], 1 + pick % (len(words[i]) - 3)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_answer_survives_a_typo(data):
    question = data.draw(st.sampled_from(QUESTIONS))
    typo = _typo(question, data.draw(st.integers(0, 50)))
    assume(typo is not None and tokenize(typo) != tokenize(question))
    assert shape(typo) == shape(question), f"{question!r} -> {typo!r}"
