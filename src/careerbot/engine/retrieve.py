"""Rank facts against a question's terms with BM25, touching only the facts that share a term."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from rank_bm25 import BM25Plus

from ..kb.model import Fact
from .text import Normalizer

TOP_HITS = 64  # only these go on to the ranking rules; BM25 orders the rest out of reach anyway


@dataclass(frozen=True)
class Hit:
    """A fact that shares terms with the question, with its BM25 score."""

    fact: Fact
    score: float  # BM25Plus score minus the part every fact gets, so > 0 for any shared term
    matched: tuple[str, ...]


def fact_terms(fact: Fact, normalizer: Normalizer, analyzed: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Return a fact's retrieval terms: its text and keywords, and what its figures are about.

    `analyzed` remembers texts already analyzed while an index is built: many facts share keywords.
    """
    analyzed = {} if analyzed is None else analyzed

    def terms_of(text: str) -> tuple[str, ...]:
        if text not in analyzed:
            analyzed[text] = normalizer.analyze(text, repair=False).terms
        return analyzed[text]

    terms = list(terms_of(fact.text))
    for keyword in fact.keywords:
        terms += terms_of(keyword)
    terms = [t for t in terms if not t.startswith("oos:")]  # a fact may mention what questions may not ask
    terms += list(fact.defines)  # a fact that says what a thing is, is about that thing
    for fig in fact.figures:
        terms += [f"{kind}:{ident}" for kind, ident in fig.scope]
        terms += [f"stat:{fig.stat}"] if fig.stat else []
        terms += [normalizer.analyze(fig.unit, repair=False).terms[0]] if fig.unit == "percent" else []
        terms += [str(y) for y in fig.years]
    return terms


class Tags(NamedTuple):
    """What a fact is about, for the ranking rules: entities its figures are about, entities it only
    mentions (and the years its periods span), and the kinds of scope its figures narrow to."""

    figures: frozenset[str]
    text: frozenset[str]
    scope_kinds: frozenset[str]

    @classmethod
    def of(cls, fact: Fact, terms: list[str]) -> "Tags":
        """Compute a fact's tags once, when the index is built."""
        figures = {f"{kind}:{ident}" for fig in fact.figures for kind, ident in fig.scope}
        figures |= {f"stat:{fig.stat}" for fig in fact.figures if fig.stat}
        figures |= {f"year:{fig.year}" for fig in fact.figures if fig.year is not None}
        periods = {f"year:{y}" for fig in fact.figures if fig.period for y in fig.years}
        return cls(frozenset(figures), frozenset({t for t in terms if ":" in t} | periods),
                   frozenset(kind for fig in fact.figures for kind, _ in fig.scope))


class Index:
    """BM25 over the KB's facts, as an inverted index of precomputed term impacts.

    BM25Plus (rank-bm25), on purpose: BM25Okapi gives a term found in half or more of a small corpus
    an idf of zero or less, so a matching fact can score 0 (rank_bm25 issues #39, #43). BM25Plus's
    idf is always positive. Its delta adds the same amount to every fact, so it is left out, and a
    fact's score is the sum of its impacts for the question's terms: idf * tf * (k1 + 1) / (tf + K).
    rank-bm25 scores every document on every query (linear in the KB); the impacts are computed once
    from its statistics, and a question touches only the postings of its own terms.
    """

    def __init__(self, facts: tuple[Fact, ...], normalizer: Normalizer, measures: dict[str, str] | None = None):
        self.facts = facts
        # The lexicon's words that name a measure ("=wage" in "annual wage"), with whether that measure's
        # figures are money: "do you earn more with a bachelor's?" asks money, not a share of technicians.
        money: dict[str, set[bool]] = {}
        for fig in (f for fact in facts for f in fact.figures):
            money.setdefault(fig.measure, set()).add(fig.unit.startswith("USD"))
        self.money: dict[str, frozenset[bool]] = {}
        self.measured: dict[str, frozenset[str]] = {}  # measure -> the lexicon's words for it ("=wage")
        for measure, label in (measures or {}).items():
            self.measured[measure] = frozenset(t for t in normalizer.analyze(label, repair=False).terms if t.startswith("="))
            for term in self.measured[measure]:
                self.money[term] = self.money.get(term, frozenset()) | frozenset(money.get(measure, ()))
        self.percent = normalizer.analyze("percent", repair=False).terms[0]  # the term of a percentage figure
        self.explaining: dict[str, list[Fact]] = {}  # topic -> the facts that give its reasons
        for fact in facts:
            for topic in fact.explains:
                self.explaining.setdefault(topic, []).append(fact)
        self._using: dict[frozenset[str], dict[str, Fact]] = {}
        analyzed: dict[str, tuple[str, ...]] = {}
        self.docs = [fact_terms(f, normalizer, analyzed) for f in facts]
        self.bm25 = BM25Plus(self.docs)
        self.position = {f.id: i for i, f in enumerate(facts)}
        self.tags = [Tags.of(f, doc) for f, doc in zip(facts, self.docs)]
        bm25 = self.bm25
        lengths = np.array(bm25.doc_len, dtype=float)
        norm = bm25.k1 * (1 - bm25.b + bm25.b * lengths / bm25.avgdl)
        ids: dict[str, list[int]] = {}
        tfs: dict[str, list[int]] = {}
        for i, freqs in enumerate(bm25.doc_freqs):
            for term, tf in freqs.items():
                ids.setdefault(term, []).append(i)
                tfs.setdefault(term, []).append(tf)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, docs in ids.items():
            doc_ids, tf = np.array(docs), np.array(tfs[term], dtype=float)
            self.postings[term] = (doc_ids, bm25.idf[term] * tf * (bm25.k1 + 1) / (norm[doc_ids] + tf))

    def terms_of(self, fact: Fact) -> list[str]:
        """Return one fact's retrieval terms."""
        return self.docs[self.position[fact.id]]

    def tags_of(self, fact: Fact) -> Tags:
        """Return what one fact is about, for the ranking rules."""
        return self.tags[self.position[fact.id]]

    def using(self, terms: frozenset[str]) -> dict[str, Fact]:
        """Return the facts that use any of some terms, by id (computed once per set: a question type's words)."""
        if terms not in self._using:
            found = {int(i) for t in terms if t in self.postings for i in self.postings[t][0]}
            self._using[terms] = {self.facts[i].id: self.facts[i] for i in sorted(found)}
        return self._using[terms]

    def df(self, term: str) -> int:
        """Return how many facts have a term."""
        posting = self.postings.get(term)
        return 0 if posting is None else len(posting[0])

    def figured(self, term: str, unit: str | None = None) -> bool:
        """Tell whether a fact that has a term gives a figure (one only mentioning it gives no number), of a
        unit when one is given."""
        posting = self.postings.get(term)
        return posting is not None and any(f.unit == unit or unit is None for i in posting[0] for f in self.facts[i].figures)

    def search(self, terms: tuple[str, ...], limit: int = TOP_HITS) -> list[Hit]:
        """Return the best facts sharing a term with the query, best first."""
        query = [t for t in dict.fromkeys(terms) if t in self.postings]
        if not query:
            return []
        scores = np.zeros(len(self.facts))
        for term in query:
            doc_ids, impacts = self.postings[term]
            scores[doc_ids] += impacts
        found = np.flatnonzero(scores)
        if len(found) > limit:
            found = found[np.argpartition(-scores[found], limit - 1)[:limit]]
        found = found[np.argsort(-scores[found], kind="stable")]
        freqs = self.bm25.doc_freqs
        return [Hit(self.facts[i], float(scores[i]), tuple(t for t in query if t in freqs[i])) for i in found]
