"""Which numbers a set of figures lets a text state: values, years, scopes and percentiles."""
from __future__ import annotations

from collections.abc import Iterable

from .model import Fact, Figure
from .numbers import numbers_in, stated_in

PLACES = 2  # numbers are compared at this many decimals


def _percentile(stat: str | None) -> int | None:
    """Return N for a statistic named pN (the median is the 50th percentile)."""
    if stat == "median":
        return 50
    if stat and stat[0] == "p" and stat[1:].isdigit():
        return int(stat[1:])
    return None


def figure_numbers(figures: Iterable[Figure]) -> set[float]:
    """Return the numbers a set of figures lets a text state: values, years, scopes and percentiles."""
    figures = list(figures)
    allowed: set[float] = set()
    percentiles = []
    for fig in figures:
        allowed.add(round(fig.value, PLACES))
        allowed |= {float(y) for y in fig.years}
        for _, ident in fig.scope:
            allowed |= set(numbers_in(ident))  # an age group such as 25-44
        n = _percentile(fig.stat)
        if n is not None:
            percentiles.append(n)
            allowed |= {float(n), float(100 - n)}  # the 90th percentile is the top 10%
    allowed |= {float(b - a) for a in percentiles for b in percentiles if b > a}  # p25..p75: the middle 50%
    return allowed


def unstated(text: str, facts: Iterable[Fact]) -> list[float]:
    """Return the numbers in text that the facts' figures do not hold (the checker's test of fact text)."""
    allowed = figure_numbers(fig for fact in facts for fig in fact.figures)
    return [n for n in stated_in(text) if round(n, PLACES) not in allowed]
