"""Chart data for answers about a distribution or a comparison: a bar per cited figure."""
from __future__ import annotations

from .answer import Calculation
from .calc import RANKINGS, Describer
from ..kb.model import KB, Fact, Figure
from ..kb.relations import series, siblings, value_of

MIN_BARS = 2


def _item(kb: KB, fig: Figure, label: str) -> dict:
    return {"label": label, "value": fig.value, "fact_id": fig.fact_id}


def _label(kb: KB, fig: Figure, kind: str) -> str:
    ent = kb.entities.get(f"{kind}:{value_of(fig, kind)}")
    return ent.label if ent else str(value_of(fig, kind))


def build_chart(kb: KB, facts: tuple[Fact, ...], calcs: list[Calculation]) -> dict | None:
    """Return {"kind", "title", "unit", "items"} when the cited figures compare entities or years."""
    cited = [f for fact in facts for f in fact.figures]
    ids = {f.id for f in cited}
    d = Describer(kb)
    for fig in cited:
        for kind in [k for k, _ in fig.scope] + (["stat"] if fig.stat else []):
            group = [f for f in siblings(kb, fig, kind) if f.id in ids]
            if len(group) >= MIN_BARS:
                if calcs and calcs[0].op in RANKINGS:
                    order = {fact_id: i for i, fact_id in enumerate(calcs[0].inputs)}
                    group.sort(key=lambda f: order.get(f.fact_id, len(order)))
                when = d.when(fig)
                measure = kb.measures.get(fig.measure, fig.measure) if kind == "stat" else d.measure(fig)
                title = measure[0].upper() + measure[1:] + (f", {when.removeprefix('in ')}" if when else "")
                return {"kind": "bar", "title": title, "unit": fig.unit,
                        "items": [_item(kb, f, _label(kb, f, kind)) for f in group]}
        years = [f for f in series(kb, fig) if f.id in ids]
        if len(years) >= MIN_BARS:
            title = d.measure(fig).capitalize() + ", " + " and ".join(str(f.year) for f in years)
            return {"kind": "bar", "title": title, "unit": fig.unit,
                    "items": [_item(kb, f, f"{f.year}" + (" (projected)" if f.projection else "")) for f in years]}
    return None
