"""Rank facts against a question's terms with BM25, scoring only facts that share a term."""
from __future__ import annotations

from dataclasses import dataclass

from rank_bm25 import BM25Plus

from .kb import Fact
from .text import Normalizer


@dataclass(frozen=True)
class Hit:
    """A fact that shares terms with the question, with its BM25 score."""

    fact: Fact
    score: float  # BM25Plus score minus the part every fact gets, so > 0 for any shared term
    matched: tuple[str, ...]


def fact_terms(fact: Fact, normalizer: Normalizer) -> list[str]:
    """Return a fact's retrieval terms: its text and keywords, and what its figures are about."""
    terms = list(normalizer.analyze(fact.text, repair=False).terms)
    for keyword in fact.keywords:
        terms += normalizer.analyze(keyword, repair=False).terms
    terms = [t for t in terms if not t.startswith("oos:")]  # a fact may mention what questions may not ask
    for fig in fact.figures:
        terms += [f"{kind}:{ident}" for kind, ident in fig.scope]
        terms += [f"stat:{fig.stat}"] if fig.stat else []
        terms += [normalizer.analyze(fig.unit, repair=False).terms[0]] if fig.unit == "percent" else []
        terms += [str(y) for y in fig.years]
    return terms


class Index:
    """BM25 over the KB's facts.

    BM25Plus, on purpose: BM25Okapi gives a term found in half or more of a small corpus an idf of
    zero or less, so a matching fact can score 0 (rank_bm25 issues #39, #43). BM25Plus's idf is
    always positive; its delta adds the same amount to every fact, which is removed here, and facts
    that share no term with the question are never scored.
    """

    def __init__(self, facts: tuple[Fact, ...], normalizer: Normalizer):
        self.facts = facts
        self.docs = [fact_terms(f, normalizer) for f in facts]
        self.bm25 = BM25Plus(self.docs)
        self.position = {f.id: i for i, f in enumerate(facts)}
        self.postings: dict[str, set[int]] = {}
        for i, doc in enumerate(self.docs):
            for term in dict.fromkeys(doc):
                self.postings.setdefault(term, set()).add(i)

    @property
    def vocabulary(self) -> set[str]:
        """Return every term some fact has."""
        return set(self.postings)

    def terms_of(self, fact: Fact) -> list[str]:
        """Return one fact's retrieval terms."""
        return self.docs[self.position[fact.id]]

    def df(self, term: str) -> int:
        """Return how many facts have a term."""
        return len(self.postings.get(term, ()))

    def search(self, terms: tuple[str, ...]) -> list[Hit]:
        """Return the facts sharing a term with the query, best first."""
        query = [t for t in dict.fromkeys(terms) if t in self.postings]
        ids = sorted({i for t in query for i in self.postings[t]})
        if not ids:
            return []
        scores = self.bm25.get_batch_scores(query, ids)
        base = sum(self.bm25.idf[t] * self.bm25.delta for t in query)
        hits = [
            Hit(self.facts[i], score - base, tuple(t for t in query if i in self.postings[t]))
            for i, score in zip(ids, scores)
        ]
        return sorted(hits, key=lambda h: -h.score)
