"""Answer questions about the answers themselves: which sources the KB cites and how old its figures are."""
from __future__ import annotations

from ..kb.model import KB, Fact

PLACEHOLDERS = ("{sources}", "{years}")  # small-talk responses that state the KB's sources or years


def joined(items: list[str]) -> str:
    """Join items as a list in words ("a, b and c")."""
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else ""


def _dating(facts: list[Fact]) -> tuple[list[int], list[int], list[Fact]]:
    """Return the years figures describe, the projected years, and one fact stating each (to cite)."""
    stated, projected, cite = {}, {}, {}
    for fact in facts:
        for fig in fact.figures:
            for year in fig.years:
                (projected if fig.projection and year == max(fig.years) else stated).setdefault(year, fact)
    projected = {y: f for y, f in projected.items() if y not in stated}
    for table in (stated, projected):
        for fact in table.values():
            cite.setdefault(fact.id, fact)
    return sorted(stated), sorted(projected), list(cite.values())


def sources_answer(kb: KB) -> tuple[str, tuple[Fact, ...]]:
    """Name every organization the KB's facts come from, with the years of its figures; cite what dates them."""
    msgs, by_org = kb.language.messages, {}
    for fact in kb.facts:
        by_org.setdefault(fact.source.organization, []).append(fact)
    items, cited = [], []
    for org, facts in by_org.items():
        years, projected, dating = _dating(facts)
        if not years and not projected:
            if not any(f.source.year for f in facts) and all(not f.figures for f in facts):
                continue  # the article itself, in its own words: not a source it cites
            items.append(msgs["source_no_year"].format(org=org))
            cited.append(facts[0])
            continue
        items.append(msgs["source_years"].format(org=org, years=joined([str(y) for y in years + projected])))
        cited += dating
    return msgs["sources"].format(list=joined(items)), tuple(dict.fromkeys(cited))


def provenance(kb: KB, facts: tuple[Fact, ...]) -> str:
    """Say where some facts come from: each source once, with the year of its figures."""
    msgs, items = kb.language.messages, []
    for source in dict.fromkeys(f.source for f in facts):
        years = sorted({y for f in facts if f.source == source for fig in f.figures for y in fig.years})
        items.append(msgs["source_years"].format(org=source.organization, years=joined([str(y) for y in years]))
                     if years else source.organization)
    what = msgs["source_of_figures" if any(f.figures for f in facts) else "source_of_text"]
    return msgs["source_of"].format(what=what, list=joined(list(dict.fromkeys(items))))


def years_answer(kb: KB) -> tuple[str, tuple[Fact, ...]]:
    """Say which years the KB's figures describe and which are projections; cite a fact for each year."""
    msgs = kb.language.messages
    years, projected, cited = _dating(list(kb.facts))
    ahead = msgs["projected"].format(years=joined([str(y) for y in projected])) if projected else ""
    return msgs["years"].format(years=joined([str(y) for y in years]), projected=ahead), tuple(cited)


def fill(kb: KB, response: str) -> tuple[str, tuple[Fact, ...]]:
    """Fill a small-talk response's {sources} and {years}; return the text and the facts it cites."""
    cited: tuple[Fact, ...] = ()
    if "{sources}" in response:
        text, cited = sources_answer(kb)
        response = response.replace("{sources}", text)
    if "{years}" in response:
        text, more = years_answer(kb)
        response, cited = response.replace("{years}", text), tuple(dict.fromkeys(cited + more))
    return response, cited
