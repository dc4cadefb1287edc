"""Arithmetic over typed figures: calculators, each returning a shown Calculation."""
from __future__ import annotations

from ..kb.model import KB, Figure
from ..kb.numbers import plain, rounding_of
from ..kb.relations import twin
from .answer import Calculation
from .operations import HOURS_PER_WEEK, HOURS_PER_YEAR, MONTHS_PER_YEAR, WEEKS_PER_YEAR

# Decimals each result unit is shown with.
RANKINGS = frozenset({"highest", "lowest"})  # the operations of a ranking's calculation
MAX_RANKED = 6  # figures a ranking lists, the rest counted: an answer stays short at any KB size
PLACES = {"percent": 1, "points": 1, "times": 1, "USD/hour": 2, "USD/week": 2, "USD/month": 0, "USD/year": 0, "people": 0,
          "people/year": 0}


def fmt(value: float, unit: str, places: int | None = None) -> str:
    """Write a value with its unit the way answers show it."""
    places = PLACES.get(unit, rounding_of(value)) if places is None else places
    number = f"{value:,.{places}f}" if places else f"{round(value):,}"
    if unit.startswith("USD"):
        return f"-${number[1:]}" if number.startswith("-") else f"${number}"
    points = "percentage point" if number.lstrip("-") == "1" else "percentage points"  # "1 percentage point"
    return {"percent": f"{number}%", "points": f"{number} {points}", "times": f"{number} times",
            "people/year": f"{number} a year"}.get(unit, number)


def shown(fig: Figure) -> str:
    """Write a figure's value as the article does."""
    return fmt(fig.value, fig.unit) if fig.unit != "percent" else f"{plain(fig.value)}%"


class Describer:
    """Name figures in words from the KB's measure and entity labels."""

    def __init__(self, kb: KB):
        self.kb = kb

    def scope(self, fig: Figure, kind: str | None = None) -> str:
        """Return the entity labels a figure is scoped to, e.g. "research labs"; only one kind's, if given."""
        return ", ".join(self.kb.entities[f"{k}:{v}"].label for k, v in fig.scope
                         if f"{k}:{v}" in self.kb.entities and kind in (None, k))

    def when(self, fig: Figure) -> str:
        """Return when a figure applies, e.g. "in 2010" or "projected for 2020"."""
        if fig.period:
            return f"for {fig.period}" + (" (projected)" if fig.projection else "")
        if fig.year is None:
            return ""
        return f"projected for {fig.year}" if fig.projection else f"in {fig.year}"

    def measure(self, fig: Figure) -> str:
        """Return the statistic and measure of a figure, e.g. "median annual wage"."""
        stat = self.kb.entities.get(f"stat:{fig.stat}")
        words = [stat.label if stat else "", self.kb.measures.get(fig.measure, fig.measure.replace("_", " "))]
        return " ".join(w for w in words if w)

    def name(self, fig: Figure) -> str:
        """Return what a figure measures, e.g. "the median annual wage for research labs"."""
        scope = self.scope(fig)
        return f"the {self.measure(fig)}" + (f" for {scope}" if scope else "")


def _inputs(*figs: Figure) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.fact_id for f in figs))


def mixing_note(kb: KB, figs: list[Figure]) -> str:
    """Say when inputs come from different sources or years, so nobody mistakes them for one series."""
    sources = list(dict.fromkeys(kb.fact(f.fact_id).source.organization for f in figs))
    years = list(dict.fromkeys(f.year or f.period for f in figs))
    notes = []
    if len(sources) > 1:
        notes.append("The inputs come from different sources (" + "; ".join(sources) + ") and may cover different groups.")
    if years == [None]:
        notes.append("The article gives no year for them.")
    elif None in years:
        notes.append("One of them gives no year.")
    elif len(years) > 1:
        notes.append("They describe different years.")
    return " ".join(notes)


def stated(kb: KB, op: str, figs: list[Figure], result: float) -> tuple[str, str | None]:
    """Compare with a figure the article derived the same way (its rounded growth rate): note and fact id."""
    ids = tuple(f.id for f in figs)
    for fig in kb.figures.values():
        if fig.derived and fig.derived.op == op and tuple(fig.derived.inputs) == ids:
            if result == fig.value:
                return f"This matches the article's {shown(fig)}.", fig.fact_id
            return f"The article rounds this to {shown(fig)}.", fig.fact_id
    return "", None


def _round(value: float, places: int) -> float | int:
    """Round as shown; whole numbers come out as int, so JSON says 62100, not 62100.0."""
    return round(value) if places == 0 else round(value, places)


def _places(*figs: Figure) -> int:
    """Return the decimals a sum or difference of figures carries: as many as its most precise input."""
    return max(rounding_of(f.value) for f in figs)


def _same_unit(*figs: Figure) -> None:
    if len({f.unit for f in figs}) != 1:
        raise ValueError("a calculation never mixes figures of different units")


def percent_change(kb: KB, d: Describer, a: Figure, b: Figure) -> Calculation:
    """Growth from a to b in percent."""
    _same_unit(a, b)
    result = _round((b.value - a.value) / a.value * 100, PLACES["percent"])
    expr = f"({shown(b)} - {shown(a)}) / {shown(a)} x 100 = {fmt(result, 'percent')}"
    word = "an increase" if result >= 0 else "a decrease"
    sentence = f"From {shown(a)} {d.when(a)} to {shown(b)} {d.when(b)} is {word} of {fmt(abs(result), 'percent')}."
    note, agrees = stated(kb, "percent_change", [a, b], result)
    return Calculation("percent_change", expr, result, "percent", _inputs(a, b), sentence,
                       note or mixing_note(kb, [a, b]), agrees)


def change(kb: KB, d: Describer, a: Figure, b: Figure) -> Calculation:
    """Absolute change from a to b."""
    _same_unit(a, b)
    places = _places(a, b)
    result = _round(b.value - a.value, places)
    expr = f"{shown(b)} - {shown(a)} = {fmt(result, a.unit, places)}"
    sentence = f"From {shown(a)} {d.when(a)} to {shown(b)} {d.when(b)} is a change of {fmt(result, a.unit, places)}."
    note, agrees = stated(kb, "difference", [b, a], result)
    return Calculation("change", expr, result, a.unit, _inputs(a, b), sentence, note or mixing_note(kb, [a, b]), agrees)


def difference(kb: KB, d: Describer, a: Figure, b: Figure) -> Calculation:
    """How much a is above (or below) b; percentages differ in points."""
    _same_unit(a, b)
    unit, places = ("points" if a.unit == "percent" else a.unit), _places(a, b)
    result = _round(a.value - b.value, places)
    expr = f"{shown(a)} - {shown(b)} = {fmt(result, unit, places)}"
    more = "more" if result >= 0 else "less"
    name_a, name_b = d.name(a), d.name(b)
    if name_a == name_b:  # the same measure in two years: say which is which
        name_a, name_b = f"{name_a} {d.when(a)}".strip(), f"{name_b} {d.when(b)}".strip()
    sentence = f"{name_a.capitalize()} ({shown(a)}) is {fmt(abs(result), unit, places)} {more} than {name_b} ({shown(b)})."
    return Calculation("difference", expr, result, unit, _inputs(a, b), sentence, mixing_note(kb, [a, b]))


def count_difference(kb: KB, d: Describer, a: Figure, b: Figure, whole: Figure) -> Calculation:
    """How many more people one share of a count holds than another."""
    _same_unit(a, b)
    points = _round(a.value - b.value, _places(a, b))
    result = _round(points / 100 * whole.value, PLACES["people"])
    expr = f"({shown(a)} - {shown(b)}) x {shown(whole)} = {fmt(result, 'people')}"
    sentence = (f"{d.scope(a).capitalize()} ({shown(a)}): about {fmt(abs(result), 'people')} {'more' if result >= 0 else 'fewer'}"
                f" people than {d.scope(b)} ({shown(b)}), of {shown(whole)} ({d.measure(whole)}"
                + (f" {d.when(whole)}" if d.when(whole) else "") + ").")
    return Calculation("difference", expr, result, "people", _inputs(a, b, whole), sentence, "")


def against(kb: KB, d: Describer, a: Figure, value: float) -> Calculation:
    """How much a figure is above (or below) an amount the question names ("is the median over 30k?")."""
    unit, places = ("points" if a.unit == "percent" else a.unit), max(rounding_of(a.value), rounding_of(value))
    result = _round(a.value - value, places)
    named = f"{plain(value)}%" if a.unit == "percent" else fmt(value, a.unit)
    expr = f"{shown(a)} - {named} = {fmt(result, unit, places)}"
    sentence = (f"{d.name(a).capitalize()} ({shown(a)}) is {fmt(abs(result), unit, places)} "
                f"{'more' if result >= 0 else 'less'} than {named}.")
    return Calculation("difference", expr, result, unit, _inputs(a), sentence, "")


def percent_difference(kb: KB, d: Describer, a: Figure, b: Figure) -> Calculation:
    """How much a is above (or below) b, in percent of b."""
    _same_unit(a, b)
    result = _round((a.value - b.value) / b.value * 100, PLACES["percent"])
    expr = f"({shown(a)} - {shown(b)}) / {shown(b)} x 100 = {fmt(result, 'percent')}"
    sentence = f"That is {fmt(abs(result), 'percent')} {'more' if result >= 0 else 'less'}."
    return Calculation("percent_difference", expr, result, "percent", _inputs(a, b), sentence, "")


def ratio(kb: KB, d: Describer, a: Figure, b: Figure) -> Calculation:
    """How many times a is b."""
    _same_unit(a, b)
    result = _round(a.value / b.value, PLACES["times"])
    expr = f"{shown(a)} / {shown(b)} = {fmt(result, 'times')}"
    sentence = f"{d.name(a).capitalize()} ({shown(a)}) is {fmt(result, 'times')} {d.name(b)} ({shown(b)})."
    return Calculation("ratio", expr, result, "times", _inputs(a, b), sentence, mixing_note(kb, [a, b]))


def share_count(kb: KB, d: Describer, share: Figure, whole: Figure) -> Calculation:
    """A percentage of a count, as a count."""
    result = _round(share.value / 100 * whole.value, PLACES["people"])
    expr = f"{shown(share)} x {shown(whole)} = {fmt(result, 'people')}"
    scope = d.scope(share)
    sentence = (f"{shown(share)}" + (f" ({scope})" if scope else "") + f" of {shown(whole)} ({d.measure(whole)}"
                + (f" {d.when(whole)}" if d.when(whole) else "") + f") is about {fmt(result, 'people')} people.")
    return Calculation("share_count", expr, result, "people", _inputs(share, whole), sentence, "")


def share_count_of_parts(kb: KB, d: Describer, parts: list[Figure], whole: Figure) -> Calculation:
    """Several shares of one count, added up, as a count."""
    _same_unit(*parts)
    share = _round(sum(p.value for p in parts), _places(*parts))
    result = _round(share / 100 * whole.value, PLACES["people"])
    expr = f"({' + '.join(shown(p) for p in parts)} = {fmt(share, 'percent', _places(*parts))}) x {shown(whole)} = {fmt(result, 'people')}"
    sentence = (f"Together {fmt(share, 'percent', _places(*parts))} of {shown(whole)} ({d.measure(whole)}"
                + (f" {d.when(whole)}" if d.when(whole) else "") + f") is about {fmt(result, 'people')} people.")
    return Calculation("share_count", expr, result, "people", _inputs(*parts, whole), sentence, "")


def total(kb: KB, d: Describer, *parts: Figure) -> Calculation:
    """The sum of parts of one whole."""
    _same_unit(*parts)
    places = _places(*parts)
    result = _round(sum(p.value for p in parts), places)
    total_text = fmt(result, parts[0].unit, places)
    expr = " + ".join(shown(p) for p in parts) + f" = {total_text}"
    sentence = "Together: " + " + ".join(f"{shown(p)} ({d.scope(p)})" for p in parts) + f" = {total_text}."
    note, agrees = stated(kb, "sum", list(parts), result)
    return Calculation("sum", expr, result, parts[0].unit, _inputs(*parts), sentence, note, agrees)


def remainder(kb: KB, d: Describer, whole: Figure, *parts: Figure) -> Calculation:
    """What a count holds beyond the parts it includes."""
    _same_unit(whole, *parts)
    places = _places(whole, *parts)
    result = _round(whole.value - sum(p.value for p in parts), places)
    expr = f"{shown(whole)} - " + " - ".join(shown(p) for p in parts) + f" = {fmt(result, whole.unit, places)}"
    verb = "are not" if whole.unit == "people" else "is beyond the"  # "N are not new positions", "$N is beyond the base salary"
    sentence = (f"Of {shown(whole)} ({d.measure(whole)}), {fmt(result, whole.unit, places)} {verb} "
                + " or ".join(d.measure(p) for p in parts) + f" ({' + '.join(shown(p) for p in parts)}).")
    return Calculation("remainder", expr, result, whole.unit, _inputs(whole, *parts), sentence, mixing_note(kb, [whole, *parts]))


def complement(kb: KB, d: Describer, left_out: list[Figure], rest: list[Figure]) -> Calculation:
    """The parts of a whole other than some: their shares, added up."""
    _same_unit(*left_out, *rest)
    rest = sorted(rest, key=lambda f: -f.value)
    places = _places(*left_out, *rest)
    result = _round(sum(f.value for f in rest), places)
    total_text = fmt(result, rest[0].unit, places)
    expr = " + ".join(shown(f) for f in rest) + f" = {total_text}"
    # What every part shares (an age group) is said once, before what tells them apart (the level of education).
    figs = [*left_out, *rest]
    shared = [k for k, v in figs[0].scope if all(f.scope_of(k) == v for f in figs)]
    among = ", ".join(d.scope(figs[0], k) for k in shared)
    part = lambda f: ", ".join(d.scope(f, k) for k, _ in f.scope if k not in shared) or d.scope(f)  # noqa: E731
    sentence = ((f"Among {among}, besides " if among else "Besides ") + f"{' and '.join(part(f) for f in left_out)}: "
                + ", ".join(f"{part(f)} {shown(f)}" for f in rest) + f", together {total_text}.")
    return Calculation("remainder", expr, result, rest[0].unit, _inputs(*rest), sentence, "",
                       excluded=tuple(dict.fromkeys(f.fact_id for f in left_out)))


def portion(kb: KB, d: Describer, part: Figure, whole: Figure) -> Calculation:
    """What share of a count one part of it is, in percent."""
    _same_unit(part, whole)
    result = _round(part.value / whole.value * 100, PLACES["percent"])
    expr = f"{shown(part)} / {shown(whole)} x 100 = {fmt(result, 'percent')}"
    sentence = (f"{d.name(part).capitalize()} ({shown(part)}) are {fmt(result, 'percent')} of "
                f"{d.name(whole)} ({shown(whole)}).")
    return Calculation("portion", expr, result, "percent", _inputs(part, whole), sentence, mixing_note(kb, [part, whole]))


def per_year(kb: KB, d: Describer, fig: Figure) -> Calculation:
    """A count over a period, on average per year; the article's own yearly figure when it gives one."""
    if fig.unit != "people":  # a count each year is already a rate: dividing it by its period again is wrong
        raise ValueError("only a total over a period is divided by its years")
    start, end = fig.years
    computed = _round(fig.value / (end - start), PLACES["people/year"])
    expr = f"{shown(fig)} / {end - start} years = {fmt(computed, 'people/year')}"
    rate = twin(kb, fig, "people/year")
    if rate:
        sentence = f"The article gives {d.name(rate)} over {fig.period} as {shown(rate)}."
        return Calculation("per_year", expr, rate.value, "people/year", _inputs(fig), sentence,
                           f"It agrees with {shown(fig)} over {end - start} years.", rate.fact_id)
    sentence = f"Over {fig.period}, {d.name(fig)} ({shown(fig)}) average about {fmt(computed, 'people/year')}."
    return Calculation("per_year", expr, computed, "people/year", _inputs(fig), sentence, "An average: the article does not give single years.")


def over_period(kb: KB, d: Describer, rate: Figure) -> Calculation:
    """A count each year over its period, as a total."""
    start, end = rate.years
    result = _round(rate.value * (end - start), PLACES["people"])
    expr = f"{shown(rate)} x {end - start} years ({rate.period}) = {fmt(result, 'people')}"
    sentence = (f"{d.measure(rate).capitalize()} of {shown(rate)} over {end - start} years ({rate.period}) "
                f"come to about {fmt(result, 'people')} in all.")
    total = twin(kb, rate, "people")
    if total:
        return Calculation("sum", expr, result, "people", _inputs(rate), sentence,
                           f"The article gives {shown(total)} for {rate.period} itself.", total.fact_id)
    return Calculation("sum", expr, result, "people", _inputs(rate), sentence,
                       "That assumes the yearly figure holds every year of the period.")


def hourly(kb: KB, d: Describer, fig: Figure) -> Calculation:
    """An annual wage as an hourly one, at full-time hours; the article's own hourly figure when it gives one."""
    computed = _round(fig.value / HOURS_PER_YEAR, PLACES["USD/hour"])
    expr = (f"{shown(fig)} / ({HOURS_PER_WEEK} hours x {WEEKS_PER_YEAR} weeks = {HOURS_PER_YEAR:,} hours) "
            f"= {fmt(computed, 'USD/hour')}")
    stated_hourly = twin(kb, fig, "USD/hour")
    if stated_hourly:  # state the article's figure; the arithmetic shows that the two agree
        sentence = f"The article gives {d.name(fig)} ({shown(fig)}) as {shown(stated_hourly)} an hour."
        return Calculation("hourly", expr, stated_hourly.value, "USD/hour", _inputs(fig), sentence, "",
                           stated_hourly.fact_id)
    sentence = f"{d.name(fig).capitalize()} ({shown(fig)}) is about {fmt(computed, 'USD/hour')} an hour."
    return Calculation("hourly", expr, computed, "USD/hour", _inputs(fig), sentence,
                       f"That assumes full-time work: {HOURS_PER_WEEK} hours a week for {WEEKS_PER_YEAR} weeks.")


def weekly(kb: KB, d: Describer, fig: Figure) -> Calculation:
    """An annual wage per week."""
    result = _round(fig.value / WEEKS_PER_YEAR, PLACES["USD/week"])
    expr = f"{shown(fig)} / {WEEKS_PER_YEAR} weeks = {fmt(result, 'USD/week')}"
    sentence = f"{d.name(fig).capitalize()} ({shown(fig)}) is about {fmt(result, 'USD/week')} a week, before taxes."
    return Calculation("weekly", expr, result, "USD/week", _inputs(fig), sentence, "")


def monthly(kb: KB, d: Describer, fig: Figure) -> Calculation:
    """An annual wage per month."""
    result = _round(fig.value / MONTHS_PER_YEAR, PLACES["USD/month"])
    expr = f"{shown(fig)} / {MONTHS_PER_YEAR} months = {fmt(result, 'USD/month')}"
    sentence = f"{d.name(fig).capitalize()} ({shown(fig)}) is about {fmt(result, 'USD/month')} a month, before taxes."
    return Calculation("monthly", expr, result, "USD/month", _inputs(fig), sentence, "")


PERIODS = {"hourly": (HOURS_PER_YEAR, "hours", "USD/hour", "an hour"), "weekly": (WEEKS_PER_YEAR, "weeks", "USD/week", "a week"),
           "monthly": (MONTHS_PER_YEAR, "months", "USD/month", "a month")}


def per_period(gap: Calculation, op: str) -> Calculation:
    """A difference of annual wages per hour, week or month ("how much less an hour is that than hospitals?")."""
    count, things, unit, each = PERIODS[op]
    result = _round(gap.result / count, PLACES[unit])
    hours = f"({HOURS_PER_WEEK} hours x {WEEKS_PER_YEAR} weeks = {count:,} hours)" if op == "hourly" else f"{count:,} {things}"
    expr = f"{fmt(gap.result, gap.unit)} / {hours} = {fmt(result, unit)}"
    note = f"That assumes full-time work: {HOURS_PER_WEEK} hours a week for {WEEKS_PER_YEAR} weeks." if op == "hourly" else ""
    sentence = f"A gap of {fmt(abs(gap.result), gap.unit)} a year is about {fmt(abs(result), unit)} {each}."
    return Calculation("difference", expr, result, unit, gap.inputs, sentence, note)


def ranking(kb: KB, d: Describer, *figs: Figure, lowest: bool = False, kind: str | None = None,
            place: tuple[int, str] = (1, "")) -> Calculation:
    """Order comparable figures, each named by its entity of the kind they differ in (all, if not given);
    the result is the first (highest, or lowest) value, or the one at `place` ((2, "second"))."""
    _same_unit(*figs)
    ordered = sorted(figs, key=lambda f: f.value, reverse=not lowest)
    nth, ordinal = place if place[0] <= len(ordered) else (1, "")
    listed, rest = ordered[:MAX_RANKED], len(ordered) - MAX_RANKED
    more = f" and {rest} more" if rest > 0 else ""  # the count is in the expression too, so it is grounded
    sign = " < " if lowest else " > "
    expr = sign.join(f"{d.scope(f, kind)} {shown(f)}" for f in listed) + (f" ({rest} more)" if rest > 0 else "")
    word = (f"{ordinal} " if nth > 1 else "") + ("lowest" if lowest else "highest")
    top = ordered[nth - 1]
    when = d.when(top)
    leader = d.scope(top, kind)
    sentence = (f"{leader[0].upper() + leader[1:]} has the {word} {d.measure(top)}: {shown(top)}"
                + (f" {when}." if when else ".")
                + " In order: " + ", ".join(f"{d.scope(f, kind)} {shown(f)}" for f in listed) + more + ".")
    return Calculation("lowest" if lowest else "highest", expr, top.value, top.unit,
                       _inputs(*listed), sentence, mixing_note(kb, list(figs)))


def recompute(kb: KB, d: Describer, fig: Figure) -> Calculation | None:
    """Show how the article derived a figure (its growth rate, a sum) from the figures it read."""
    if not fig.derived:
        return None
    inputs = [kb.figures[i] for i in fig.derived.inputs]
    if fig.derived.op == "percent_change":
        return percent_change(kb, d, *inputs)
    if fig.derived.op == "difference":
        a, b = inputs
        return change(kb, d, b, a)
    if fig.derived.op == "sum":
        return total(kb, d, *inputs)
    return ratio(kb, d, *inputs) if inputs[1].value else None
