"""A row of the pay table cited like a fact: its numbers become figures, so the grounding guard covers them."""
from __future__ import annotations

from functools import lru_cache

from .model import KB, Fact, Figure
from .paytable import NATIONAL, STATS, WAGES, Row

MEASURES = {"employment": ("employment", "people"), "hourly_median": ("hourly_wage", "USD/hour")}


def area_name(kb: KB, area: str) -> str:
    """Return how an answer names an area: the nation, or a state by BLS's name."""
    return "the U.S." if area == NATIONAL else kb.pay.areas[area]


def money(value: float, unit: str = "USD/year") -> str:
    """Write a wage the way answers do: $51,140 a year, $24.59 an hour."""
    return f"${value:,.2f}" if unit == "USD/hour" else f"${value:,.0f}"


def figures_of(kb: KB, row: Row) -> tuple[Figure, ...]:
    """Return a row's published numbers as figures of the table's year, scoped to occupation, area and industry."""
    pay = kb.pay
    scope = (("area", pay.postal.get(row.area, "US")), ("industry", row.industry), ("occupation", row.occupation))
    out = []
    for stat in STATS:
        value = row.cell(stat).value
        if value is None:
            continue
        measure, unit = MEASURES.get(stat, ("annual_wage", "USD/year"))
        out.append(Figure(f"{row.id}:{stat}", row.id, measure, value, unit,
                          stat="median" if stat == "hourly_median" else stat if stat in WAGES else None,
                          year=pay.year, scope=scope))
    return tuple(out)


def describe(kb: KB, row: Row) -> str:
    """Say what a row holds, for its citation: the release, the row (code, area, industry) and its numbers."""
    pay = kb.pay
    where = area_name(kb, row.area)
    industry = pay.industry_names[row.industry]
    parts = []
    for stat in STATS:
        cell = row.cell(stat)
        shown = (f"{cell.value:,.0f}" if stat == "employment" else money(cell.value, "USD/hour" if stat == "hourly_median" else "USD/year")) \
            if cell.value is not None else cell.text
        parts.append(f"{pay.release['columns'][stat].lower()} {shown}")
    return (f"BLS OEWS {pay.release['release']} (published {pay.release['published']}): SOC {row.occupation} "
            f"{pay.titles[row.occupation]}, {where}, {industry}: " + "; ".join(parts) + ".")


@lru_cache(maxsize=4096)
def _fact(kb: KB, row_id: str) -> Fact | None:
    if kb.pay and row_id in kb.pay.notes:
        source, text = kb.pay.notes[row_id]
        return Fact(row_id, text, (kb.pay.topic,), kb.sources[source])
    row = kb.pay.by_id(row_id) if kb.pay else None
    if row is None:
        return None
    return Fact(row.id, describe(kb, row), (kb.pay.topic,), kb.sources[kb.pay.source], figures=figures_of(kb, row))


def row_fact(kb: KB, row_id: str) -> Fact | None:
    """Return the fact a table row or a note of pay.yaml stands for (built once), or None if the id names neither."""
    return _fact(kb, row_id)
