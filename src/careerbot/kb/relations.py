"""How figures relate: the same measure across entities (siblings) or across years (a series)."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .model import KB, Figure


def value_of(fig: Figure, kind: str) -> str | None:
    """Return a figure's entity of one kind: its statistic, or the scope of that kind."""
    return fig.stat if kind == "stat" else fig.scope_of(kind)


def _key(fig: Figure, without: str = "", unit: bool = True) -> tuple:
    """Return what makes figures comparable: measure, statistic, unit, time and scope, minus one kind
    (or minus the unit: the same median a year and an hour)."""
    scope = tuple((k, v) for k, v in fig.scope if k != without)
    return fig.measure, (None if without == "stat" else fig.stat), fig.unit if unit else None, fig.year, fig.period, scope


class Relations:
    """Figures grouped once by what they share, so a question's lookups do not scan the KB."""

    def __init__(self, kb: KB):
        self.groups: dict[tuple, list[Figure]] = defaultdict(list)  # (kind, key without kind) -> figures with kind
        self.wholes: dict[tuple, Figure] = {}  # (kind, key without kind) -> the figure without that kind
        self.years: dict[tuple, list[Figure]] = defaultdict(list)  # (measure, stat, unit, scope) -> by year
        self.units: dict[tuple, Figure] = {}  # (key without the unit, unit) -> the figure in that unit
        kinds = {e.kind for e in kb.entities.values()}
        for fig in kb.figures.values():
            for kind in [k for k, _ in fig.scope] + (["stat"] if fig.stat else []):
                self.groups[(kind, _key(fig, kind))].append(fig)
            for kind in kinds - {k for k, _ in fig.scope}:
                self.wholes.setdefault((kind, _key(fig, kind)), fig)
            self.units.setdefault((_key(fig, unit=False), fig.unit), fig)
            if fig.year is not None:
                self.years[(fig.measure, fig.stat, fig.unit, fig.scope)].append(fig)
        for figs in self.years.values():
            figs.sort(key=lambda f: f.year)

    def siblings(self, fig: Figure, kind: str) -> list[Figure]:
        """Return the figures that differ from fig only in their entity of one kind (every setting, every percentile)."""
        return self.groups.get((kind, _key(fig, kind)), [])

    def series(self, fig: Figure) -> list[Figure]:
        """Return the same measure and scope at different single years, oldest first."""
        same = self.years.get((fig.measure, fig.stat, fig.unit, fig.scope), [])
        return same if len({f.year for f in same}) > 1 else []

    def twin(self, fig: Figure, unit: str) -> Figure | None:
        """Return the figure of the same measure, statistic, time and scope in another unit, if the article gives it."""
        return self.units.get((_key(fig, unit=False), unit))

    def whole_of(self, fig: Figure, kind: str) -> Figure | None:
        """Return the figure for the whole occupation that a scoped figure is part of (no entity of that kind)."""
        return self.wholes.get((kind, _key(fig, kind)))


@lru_cache(maxsize=16)
def of(kb: KB) -> Relations:
    """Return a KB's relations, built on first use and kept while the KB is in use (KBs hash by identity)."""
    return Relations(kb)


def siblings(kb: KB, fig: Figure, kind: str) -> list[Figure]:
    """Return the figures that differ from fig only in one kind of entity."""
    return of(kb).siblings(fig, kind)


def series(kb: KB, fig: Figure) -> list[Figure]:
    """Return the same measure and scope at different years, oldest first."""
    return of(kb).series(fig)


def whole_of(kb: KB, fig: Figure, kind: str) -> Figure | None:
    """Return the unscoped figure a scoped one is part of."""
    return of(kb).whole_of(fig, kind)


def twin(kb: KB, fig: Figure, unit: str) -> Figure | None:
    """Return the same figure in another unit: the hourly form of an annual wage, a yearly rate of a total."""
    return of(kb).twin(fig, unit)
