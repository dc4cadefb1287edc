"""Check a typed KB for broken references, conflicts and figures that disagree with each other."""
from __future__ import annotations

from collections import Counter, defaultdict
from difflib import get_close_matches

from .model import KB, Figure, Loc
from .files import FILES, Problem
from .grounding import unstated
from .numbers import HOURS_PER_YEAR, derive, formats, half_step, plain, rounding_of
from .relations import twin
from .tokens import tokenize

# Percentile statistics in the order their values must rise.
PERCENTILE_ORDER = ("p10", "p25", "median", "p75", "p90")
WHOLE = 100.0
WHOLE_TOLERANCE = 0.5
HINT_CUTOFF = 0.6  # difflib's similarity above which a known name is offered as the one meant


def _p(loc: Loc, item: str, message: str) -> Problem:
    return Problem(loc[0], loc[1], item, message)


def _hint(name: str, known) -> str:
    """Return ' (did you mean 'x'?)' for the known name closest to a misspelt one, or ''."""
    close = get_close_matches(name, sorted(known), n=1, cutoff=HINT_CUTOFF)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_kb(kb: KB, sound: frozenset[str] = frozenset(FILES)) -> list[Problem]:
    """Run every semantic check whose files are sound; an empty list means the KB is sound."""
    found: list[Problem] = []
    for rule, reads in RULES:
        if reads <= sound:  # a check of a broken file's content would only repeat that it is broken
            found += rule(kb)
    return found


def duplicate_ids(kb: KB) -> list[Problem]:
    """Ids of facts, figures and sources are unique (figures across the whole KB)."""
    found = []
    for kind, records in (("fact", kb.facts), ("figure", [g for f in kb.facts for g in f.figures])):
        seen: dict[str, Loc] = {}
        for rec in records:
            if rec.id in seen:
                found.append(_p(rec.loc, rec.id, f"duplicate {kind} id (first at line {seen[rec.id][1]})"))
            seen.setdefault(rec.id, rec.loc)
    return found


def references(kb: KB) -> list[Problem]:
    """Sources, topics, scopes, statistics, derivation inputs and overviews point at things that exist."""
    found, figures = [], kb.figures
    fact_ids = {f.id for f in kb.facts}
    for fact in kb.facts:
        if fact.source.id not in kb.sources:
            found.append(_p(fact.loc, fact.id, f"unknown source '{fact.source.id}'{_hint(fact.source.id, kb.sources)}"))
        for topic in fact.topics + fact.explains:
            if topic not in kb.topics:
                found.append(_p(fact.loc, fact.id, f"unknown topic '{topic}'{_hint(topic, kb.topics)}"))
        for tag in fact.defines:
            if tag not in kb.entities:
                found.append(_p(fact.loc, fact.id, f"defines unknown entity '{tag}'{_hint(tag, kb.entities) or ' (write kind:id, e.g. role:coders)'}"))
        for fig in fact.figures:
            for kind, ident in fig.scope + ((("stat", fig.stat),) if fig.stat else ()):
                if f"{kind}:{ident}" not in kb.entities:
                    found.append(_p(fig.loc, fact.id, f"figure '{fig.id}': unknown {kind} '{ident}'"
                                       f"{_hint(ident, [e.id for e in kb.entities.values() if e.kind == kind]) or ' (add it to lexicon.yaml entities)'}"))
            for ident in fig.derived.inputs if fig.derived else ():
                if ident not in figures:
                    found.append(_p(fig.loc, fact.id, f"figure '{fig.id}' is derived from unknown figure '{ident}'{_hint(ident, figures)}"))
    aliases = {p.words for p in kb.phrases()}
    for phrase, tags in kb.ambiguous.items():
        if tuple(tokenize(phrase)) not in aliases:
            found.append(Problem(kb.path.name + "/lexicon.yaml", 1, f"ambiguous {phrase}", "is no lexicon phrase"))
        for tag in tags:
            if tag not in kb.entities:
                found.append(Problem(kb.path.name + "/lexicon.yaml", 1, f"ambiguous {phrase}", f"unknown entity '{tag}'"))
    kinds = {e.kind for e in kb.entities.values()}
    for qtype, wanted in kb.question_kinds.items():
        for kind in wanted:
            if kind not in kinds:
                found.append(Problem(kb.path.name + "/lexicon.yaml", 1, f"question_kinds {qtype}", f"unknown entity kind '{kind}'"))
    for topic in kb.topics.values():
        for ident in topic.overview:
            if ident not in fact_ids:
                found.append(_p(topic.loc, topic.id, f"overview names unknown fact '{ident}'{_hint(ident, fact_ids)}"))
    return found


def lexicon_conflicts(kb: KB) -> list[Problem]:
    """A phrase means one thing: no phrase maps to two different terms."""
    found, seen = [], {}
    for phrase in kb.phrases():
        first = seen.setdefault(phrase.words, phrase)
        if first.term != phrase.term:
            where = f"line {first.loc[1]}" if first.loc[0] == phrase.loc[0] else f"{first.loc[0]}:{first.loc[1]}"
            found.append(_p(phrase.loc, " ".join(phrase.words),
                            f"conflicting synonyms: {phrase.owner} and {first.owner} ({where}) both claim this phrase"))
    return found


def parts_of_a_whole(kb: KB) -> list[Problem]:
    """Shares that are parts of one whole add up to 100%."""
    groups: dict[str, list[Figure]] = defaultdict(list)
    for fig in kb.figures.values():
        if fig.part_of:
            groups[fig.part_of].append(fig)
    found = []
    for name, figs in groups.items():
        total = sum(f.value for f in figs)
        units = {f.unit for f in figs}
        if units != {"percent"}:
            found.append(_p(figs[0].loc, figs[0].fact_id, f"parts of '{name}' must all be percentages"))
        elif abs(total - WHOLE) > WHOLE_TOLERANCE:
            parts = " + ".join(f"{f.value:g}" for f in figs)
            found.append(_p(figs[-1].loc, figs[-1].fact_id, f"parts of '{name}' add up to {total:g}%, not 100% ({parts})"))
    return found


def percentiles_ordered(kb: KB) -> list[Problem]:
    """Within one measure, year and scope, p10 <= p25 <= median <= p75 <= p90."""
    series: dict[tuple, list[Figure]] = defaultdict(list)
    for fig in kb.figures.values():
        if fig.stat in PERCENTILE_ORDER:
            series[(fig.measure, fig.unit, fig.year, fig.period, fig.scope, kb.fact(fig.fact_id).source.organization)].append(fig)
    found = []
    for figs in series.values():
        figs.sort(key=lambda f: PERCENTILE_ORDER.index(f.stat))
        for low, high in zip(figs, figs[1:]):
            if low.stat == high.stat:  # two medians of one measure, year and scope: a scope is missing
                found.append(_p(high.loc, high.fact_id, f"figure '{high.id}': another {high.stat} ('{low.id}') has the same "
                                "measure, year and scope; give each its scope"))
            elif low.value > high.value:
                found.append(_p(high.loc, high.fact_id, f"percentiles out of order: {low.stat} {low.value:g} > {high.stat} {high.value:g}"))
    return found


def derivations_agree(kb: KB) -> list[Problem]:
    """A figure the article derived (a growth rate, a sum) agrees with its inputs within rounding."""
    found, figures = [], kb.figures
    for fig in figures.values():
        if not fig.derived or any(i not in figures for i in fig.derived.inputs):
            continue
        inputs = [figures[i] for i in fig.derived.inputs]
        computed = derive(fig.derived.op, [f.value for f in inputs])
        if computed is None:
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}': {fig.derived.op} needs other inputs"))
        elif abs(round(computed, rounding_of(fig.value)) - fig.value) > 1e-9:
            found.append(_p(fig.loc, fig.fact_id,
                            f"figure '{fig.id}' is {fig.value:g} but {fig.derived.op} of {', '.join(fig.derived.inputs)} gives {computed:.4g}"))
    return found


def units_agree(kb: KB) -> list[Problem]:
    """One figure stated in two units agrees within rounding: an hourly wage with the annual one at 2,080
    hours a year, a count each year with the total over the same period."""
    found = []
    for fig in kb.figures.values():
        if fig.unit == "USD/hour" and (annual := twin(kb, fig, "USD/year")):
            factor, whole, what = HOURS_PER_YEAR, annual, f"{plain(HOURS_PER_YEAR)} hours a year"
        elif fig.unit == "people/year" and fig.period and (total := twin(kb, fig, "people")):
            start, end = fig.years
            factor, whole, what = end - start, total, f"{end - start} years ({fig.period})"
        else:
            continue
        # Each was rounded as stated: the product may miss the whole by the rate's rounding times the factor.
        if abs(fig.value * factor - whole.value) > half_step(fig.value) * factor + half_step(whole.value):
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' ({plain(fig.value)} {fig.unit}) x {what} is "
                            f"{plain(round(fig.value * factor, 2))}, but '{whole.id}' of the same measure, year and "
                            f"scope is {plain(whole.value)} {whole.unit}; they must agree within rounding"))
    return found


def values_in_text(kb: KB) -> list[Problem]:
    """Every figure's value is written in its fact's text, so what is cited is what is computed."""
    found = []
    for fact in kb.facts:
        for fig in fact.figures:
            if not any(form in fact.text for form in formats(fig.value, fig.unit)):
                found.append(_p(fig.loc, fact.id, f"figure '{fig.id}' value {fig.value:g} does not appear in the fact's text"))
    return found


def numbers_grounded(kb: KB) -> list[Problem]:
    """Every number in a fact's text is one of its figures (or their year, scope or percentile)."""
    found = []
    for fact in kb.facts:
        for number in unstated(fact.text, [fact]):
            found.append(_p(fact.loc, fact.id, f"the text states {number:g}, which no figure of this fact holds"))
    return found


def figure_links(kb: KB) -> list[Problem]:
    """Measures are labelled; `share_of` and `includes` point at counts that fit."""
    found, figures = [], kb.figures
    for fig in figures.values():
        if fig.measure not in kb.measures:
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}': measure '{fig.measure}' has no label in lexicon.yaml measures"))
        if fig.share_of:
            whole = figures.get(fig.share_of)
            if whole is None:
                found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' is a share of unknown figure '{fig.share_of}'{_hint(fig.share_of, figures)}"))
            elif fig.unit != "percent" or whole.unit != "people":
                found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}': share_of needs a percentage of a count of people"))
        parts = [figures.get(i) for i in fig.includes]
        if None in parts:
            ident = next(i for i in fig.includes if i not in figures)
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' includes unknown figure '{ident}'{_hint(ident, figures)}"))
        elif parts and (any(p.unit != fig.unit for p in parts) or sum(p.value for p in parts) > fig.value):
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' includes figures of another unit or larger than itself"))
        both = {" ".join(tokenize(p)) for p in fig.rest} & {" ".join(tokenize(p)) for p in fig.parts}
        if both:
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' lists '{sorted(both)[0]}' as its whole rest and as one part of it"))
        if fig.rest and not fig.includes:
            found.append(_p(fig.loc, fig.fact_id, f"figure '{fig.id}' names its rest but includes no figure to take away"))
    return found


def topics_have_cues(kb: KB) -> list[Problem]:
    """Each topic can be recognised, and facts have text."""
    found = [_p(t.loc, t.id, "topic has no cues") for t in kb.topics.values() if not t.cues]
    counts = Counter(f.text.strip() for f in kb.facts)
    found += [_p(f.loc, f.id, "same text as another fact") for f in kb.facts if counts[f.text.strip()] > 1]
    return found


# Each check with the files it reads: it runs only when all of them were read and have the right shape.
FACTS, SOURCES, LEXICON, TOPICS = (frozenset({"facts"}), frozenset({"sources"}), frozenset({"lexicon"}), frozenset({"topics"}))
RULES = (
    (duplicate_ids, FACTS),
    (references, FACTS | SOURCES | LEXICON | TOPICS),
    (lexicon_conflicts, LEXICON),
    (parts_of_a_whole, FACTS),
    (percentiles_ordered, FACTS | SOURCES),
    (derivations_agree, FACTS),
    (units_agree, FACTS),
    (values_in_text, FACTS),
    (numbers_grounded, FACTS),
    (figure_links, FACTS | LEXICON),
    (topics_have_cues, FACTS | TOPICS),
)

