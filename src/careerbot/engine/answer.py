"""The one answer shape every interface returns."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.model import Fact


@dataclass(frozen=True)
class Citation:
    """A fact an answer used, with where it comes from."""

    fact_id: str
    source: str
    year: int | None
    section: str
    text: str
    url: str | None = None  # the source's page, where the KB's curator gives one

    @classmethod
    def of(cls, fact: Fact) -> "Citation":
        """Cite one fact."""
        src = fact.source
        return cls(fact.id, src.organization, src.year, src.section, fact.text, src.url)

    def to_dict(self) -> dict:
        """Return the citation's JSON shape."""
        return {"fact_id": self.fact_id, "source": self.source, "year": self.year,
                "section": self.section, "text": self.text, "url": self.url}


@dataclass(frozen=True)
class Sentence:
    """One statement of an answer's text and the facts (cited) it rests on, for a marker after it."""

    text: str
    fact_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Return the sentence's JSON shape."""
        return {"text": self.text, "fact_ids": list(self.fact_ids)}


@dataclass(frozen=True)
class Calculation:
    """Arithmetic an answer shows, with the facts it read."""

    op: str
    expression: str  # e.g. "(1,200 - 1,000) / 1,000 x 100 = 20.0%"
    result: float  # already rounded as shown
    unit: str
    inputs: tuple[str, ...]  # fact ids
    sentence: str = ""  # how the answer says it
    note: str = ""  # different sources or years, assumptions, the article's own rounding
    agrees_with: str | None = None  # the fact where the article states this result itself
    excluded: tuple[str, ...] = ()  # facts it sets aside ("not in hospitals"): cited, but not what it is about

    def to_dict(self) -> dict:
        """Return the calculation's JSON shape."""
        return {"op": self.op, "expression": self.expression, "result": self.result, "unit": self.unit,
                "inputs": list(self.inputs), "note": self.note, "agrees_with": self.agrees_with}


@dataclass(frozen=True)
class Answer:
    """What careerbot says to one question."""

    answer: str
    answered: bool
    intent: str
    citations: tuple[Citation, ...] = ()
    calculations: tuple[Calculation, ...] = ()
    suggestions: tuple[str, ...] = ()
    session_id: str = ""
    answer_id: str = ""  # names this answer for a rating (POST /api/feedback) and the log
    chart: dict | None = None  # {"kind": "bar", "title", "unit", "items": [{"label", "value", "fact_id"}]}
    sentences: tuple[Sentence, ...] = ()  # the answer's text in order; joined by spaces they are `answer`
    debug: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        """Return the JSON every interface returns (extend it, never rename a key)."""
        return {
            "answer": self.answer,
            "answered": self.answered,
            "intent": self.intent,
            "citations": [c.to_dict() for c in self.citations],
            "calculations": [c.to_dict() for c in self.calculations],
            "suggestions": list(self.suggestions),
            "session_id": self.session_id,
            "answer_id": self.answer_id,
            "chart": self.chart,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """Return the keys of the JSON shape, for the API description and the load test to agree with."""
        return tuple(cls("", False, "").to_dict())

    @classmethod
    def said(cls, sentences: list[Sentence], answered: bool, intent: str, **rest) -> "Answer":
        """Build an answer from its sentences, so that the text and the sentences cannot disagree."""
        # A sentence two parts of the answer both need ("... and how does today's count compare?") is said once.
        first: dict[str, Sentence] = {}
        for sentence in sentences:
            if sentence.text:
                first.setdefault(sentence.text, sentence)
        kept = tuple(first.values())
        return cls(" ".join(s.text for s in kept), answered, intent, sentences=kept, **rest)
