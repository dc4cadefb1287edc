"""BM25 retrieval: the tiny-corpus trap of rank-bm25 is pinned here."""
from __future__ import annotations

import pytest
from rank_bm25 import BM25Okapi

from careerbot.kb import Fact, Source
from careerbot.engine.retrieve import Index
from careerbot.engine.text import Normalizer

SOURCE = Source("s", "Org", 2000, "Section")


def _index(*texts: str) -> Index:
    facts = tuple(Fact(f"f{i}", text, ("t",), SOURCE) for i, text in enumerate(texts))
    return Index(facts, Normalizer({}, set()))


def test_okapi_gives_a_matching_fact_zero_on_two_facts():
    # Why the engine does not use BM25Okapi: a term in one of two documents gets idf log(1) = 0.
    okapi = BM25Okapi([["hospital", "wage"], ["nursing", "share"]])
    assert list(okapi.get_scores(["hospital"])) == [0.0, 0.0]


def test_index_scores_matching_fact_above_zero_on_two_facts():
    hits = _index("hospital wages are high", "nursing shares are small").search(("hospit",))
    assert [h.fact.id for h in hits] == ["f0"]
    assert hits[0].score > 0


def test_index_scores_term_in_every_fact_above_zero():
    hits = _index("hospital wages", "hospital shares").search(("hospit",))
    assert len(hits) == 2 and all(h.score > 0 for h in hits)


def test_index_never_returns_facts_without_a_shared_term():
    assert _index("hospital wages", "nursing shares").search(("weather",)) == []


@pytest.mark.parametrize("query, best", [(("wage",), "f0"), (("share",), "f1"), (("wage", "hospit"), "f0")])
def test_index_ranks_the_fact_with_the_terms_first(query, best):
    hits = _index("hospital wages and wages", "nursing shares").search(query)
    assert hits[0].fact.id == best
    assert hits[0].matched == tuple(t for t in query if t in ("wage", "hospit", "share"))


def test_index_scores_equal_rank_bm25_scores(bot):
    # The impact index must score exactly as rank-bm25's BM25Plus does, less the delta every fact gets.
    index = bot.index
    for question in ["what do coders earn?", "median wage in hospitals", "is the field growing?", "rhit"]:
        terms = tuple(t for t in dict.fromkeys(bot.normalizer.analyze(question).terms) if t in index.postings)
        ids = sorted({int(i) for t in terms for i in index.postings[t][0]})
        expected = index.bm25.get_batch_scores(list(terms), ids)
        base = sum(index.bm25.idf[t] * index.bm25.delta for t in terms)
        got = {h.fact.id: h.score for h in index.search(terms, limit=len(ids))}
        for i, score in zip(ids, expected):
            assert got[index.facts[i].id] == pytest.approx(score - base)


def test_index_returns_at_most_the_limit(bot):
    hits = bot.index.search(("role:technicians",), limit=5)
    assert len(hits) == 5 and [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
