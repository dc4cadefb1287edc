"""The grounding guard: every number an answer states comes from a cited figure or a shown calculation."""
from __future__ import annotations

from collections.abc import Iterable

from ..kb.grounding import PLACES, figure_numbers
from ..kb.model import Fact
from ..kb.numbers import numbers_in
from .answer import Calculation


def calculation_numbers(calcs: Iterable[Calculation]) -> set[float]:
    """Return the numbers shown calculations let a text state: their inputs, constants and results."""
    allowed: set[float] = set()
    for calc in calcs:
        allowed.add(round(calc.result, PLACES))
        allowed |= {round(n, PLACES) for n in numbers_in(calc.expression)}
    return allowed


def ungrounded(text: str, facts: Iterable[Fact], calcs: Iterable[Calculation] = ()) -> list[float]:
    """Return the numbers in text that no cited figure or shown calculation accounts for."""
    allowed = figure_numbers(fig for fact in facts for fig in fact.figures) | calculation_numbers(calcs)
    return [n for n in numbers_in(text) if round(n, PLACES) not in allowed]
