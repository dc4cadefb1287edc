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

    @classmethod
    def of(cls, fact: Fact) -> "Citation":
        """Cite one fact."""
        return cls(fact.id, fact.source.organization, fact.source.year, fact.source.section, fact.text)

    def to_dict(self) -> dict:
        """Return the citation's JSON shape."""
        return {"fact_id": self.fact_id, "source": self.source, "year": self.year,
                "section": self.section, "text": self.text}


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
        }
