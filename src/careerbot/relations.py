"""How figures relate: the same measure across entities (siblings) or across years (a series)."""
from __future__ import annotations

from .kb import KB, Figure


def value_of(fig: Figure, kind: str) -> str | None:
    """Return a figure's entity of one kind: its statistic, or the scope of that kind."""
    return fig.stat if kind == "stat" else fig.scope_of(kind)


def _key(fig: Figure, without: str = "") -> tuple:
    """Return what makes figures comparable: measure, statistic, unit, time and scope, minus one kind."""
    scope = tuple((k, v) for k, v in fig.scope if k != without)
    return fig.measure, (None if without == "stat" else fig.stat), fig.unit, fig.year, fig.period, scope


def siblings(kb: KB, fig: Figure, kind: str) -> list[Figure]:
    """Return the figures that differ from fig only in their entity of one kind (every work setting, every percentile)."""
    key = _key(fig, kind)
    return [f for f in kb.figures.values() if value_of(f, kind) and _key(f, kind) == key]


def series(kb: KB, fig: Figure) -> list[Figure]:
    """Return the same measure and scope at different single years, oldest first."""
    same = [f for f in kb.figures.values() if f.year is not None and (f.measure, f.stat, f.unit, f.scope)
            == (fig.measure, fig.stat, fig.unit, fig.scope)]
    return sorted(same, key=lambda f: f.year) if len({f.year for f in same}) > 1 else []


def whole_of(kb: KB, fig: Figure, kind: str) -> Figure | None:
    """Return the figure for the whole occupation that a scoped figure is part of (no entity of that kind)."""
    key = _key(fig, kind)
    return next((f for f in kb.figures.values() if not f.scope_of(kind) and _key(f, kind) == key), None)
