"""Find every number of a statement and type it: a figure candidate (value, unit, measure, year or period), or a
year, a scope range or a percentile that describes one."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .article import PERIOD_RE, YEAR_RE, Statement, years_in
from .numbers import SPELLED, SPELLED_RE

NUMBER_RE = re.compile(
    r"(?P<range>(?<![\d$,.])\d{1,3}-\d{1,3}(?![\d%]))"  # an age group such as 25-44
    r"|(?P<money>\$)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<pct>%| percent\b)?")
STAT_RE = re.compile(r"\b(top|bottom|highest|lowest|middle)\s*$", re.IGNORECASE)

# How the words after a number type it, first match wins: (pattern, unit). Money is per year unless said.
UNIT_AFTER = (
    (re.compile(r"^\W{0,2}(?:an|per|a|/)\s*hour|^\W{0,2}hourly", re.I), "USD/hour", True),
    (re.compile(r"^-?\s?years?\b", re.I), "years", False),
    (re.compile(r"^-?\s?months?\b", re.I), "months", False),
    (re.compile(r"^-?\s?hours?\b", re.I), "hours", False),
    (re.compile(r"^[^.;:]{0,60}?\b(?:each|per|a|every) year\b|^[^.;:]{0,60}?\bannually\b", re.I), "people/year", False),
)
# Which measure the words around a figure suggest, by unit; first match wins (the curator decides: TODO).
MEASURE_CUES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # An hourly wage restates an annual one: the same measure, so the checker and answers pair the two.
    "USD/hour": (("annual_wage", ("",)),),
    "USD/year": (("base_salary", ("base salary", "base pay")),
                 ("total_compensation", ("benefits", "total compensation", "total pay")),
                 ("annual_wage", ("",))),
    "percent": (("employment_growth", ("increase", "growth", "grow", "expansion", "expand", "faster", "slower", "decline")),
                ("education_share", ("education", "college", "degree", "diploma", "high school", "bachelor")),
                ("share_of_workers", ("worked", "work in", "work for", "employed", "employ"))),
    "people": (("new_positions", ("new positions", "new jobs", "newly created", "jobs added")),
               ("openings", ("opening", "need for", "needed", "vacated", "vacancies")),
               ("employment", ("jobs", "there were", "there will be", "employ", "counted", "workers", "technicians"))),
    "people/year": (("openings", ("opening", "need", "vacanc")), ("new_positions", ("new",))),
    "years": (("duration", ("",)),), "months": (("duration", ("",)),), "hours": (("duration", ("",)),),
}
PERIOD_MEASURES = ("employment_growth", "new_positions", "openings")  # change over a span of years
STATS = (("median", "median"), ("bottom", "p10"), ("lowest", "p10"), ("top", "p90"), ("highest", "p90"),
         ("middle", "p25"))
PROJECTION_RE = re.compile(r"\b(?:will|predicts?|projects?|projected|expected|by (?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    """A number the draft proposes as a figure, typed as far as the words around it allow."""

    value: float
    unit: str
    measure: str | None  # None: no cue matched; the curator names it
    year: int | None
    period: str | None
    stat: str | None
    projection: bool
    words: str  # the words around it, for the curator to decide measure and scope


@dataclass(frozen=True)
class Reading:
    """What the numbers of one statement are: figure candidates and the numbers that describe them."""

    candidates: tuple[Candidate, ...]
    described: tuple[float, ...]  # years, scope ranges and percentiles: numbers that are no figure of their own
    scope_hints: tuple[str, ...]  # ranges such as "25-44", for a scope the curator adds


def _measure(unit: str, words: str) -> str | None:
    lower = words.lower()
    return next((m for m, cues in MEASURE_CUES.get(unit, ()) if any(c in lower for c in cues)), None)


def _unit(money: bool, pct: bool, after: str) -> str:
    if pct:
        return "percent"
    for pattern, unit, for_money in UNIT_AFTER:
        if for_money == money and pattern.search(after):
            return unit
    return "USD/year" if money else "people"


def _stat(before: str, previous: Candidate | None) -> str | None:
    lower = before.lower()
    if previous and previous.stat == "p25" and len(before.split()) <= 2:
        return "p75"  # "between $A and $B": the second bound of the middle 50%
    found = [(lower.rfind(word), stat) for word, stat in STATS if word in lower]
    return max(found)[1] if found else None


def _when(measure: str | None, text: str, at: int, context: tuple[int, ...]) -> tuple[int | None, str | None]:
    """Pick a figure's year or period: stated in the sentence, else carried from the sentences before."""
    span = PERIOD_RE.search(text)
    if measure in PERIOD_MEASURES:
        if span:
            return None, f"{span.group(1)}-{span.group(2)}"
        seen = list(dict.fromkeys(context + tuple(years_in(text))))
        if len(seen) >= 2:
            first, last = sorted(seen[-2:])
            return None, f"{first}-{last}"
    after = [int(m.group()) for m in YEAR_RE.finditer(text, at)]
    before = [int(m.group()) for m in YEAR_RE.finditer(text[:at])]
    year = (after or before[-1:] or context[-1:] or [None])[0]
    return year, None


def read(statement: Statement) -> Reading:
    """Type every number of a statement (and of the line that introduced it, for its context)."""
    text = statement.text
    matches = [m for m in NUMBER_RE.finditer(text)]
    spelled = [m for m in SPELLED_RE.finditer(text)]
    described, hints, spans = [], [], []
    for m in matches:
        if m.group("range"):
            hints.append(m.group("range"))
            described += [float(n) for n in m.group("range").split("-")]
        elif YEAR_RE.fullmatch(m.group()):
            described.append(float(m.group()))
        elif m.group("pct") and STAT_RE.search(text[:m.start()]):
            described.append(float(m.group("num")))  # "the top 10%" names a percentile, not a share
        else:
            spans.append((m.start(), m.end(), float(m.group("num").replace(",", "")), bool(m.group("money")), bool(m.group("pct"))))
    spans += [(m.start(), m.start() + len(m.group(1)), float(SPELLED[m.group(1).lower()]), False, False) for m in spelled]
    spans.sort()
    out: list[Candidate] = []
    for i, (start, end, value, money, pct) in enumerate(spans):
        before = text[spans[i - 1][1] if i else 0:start]
        after = text[end:spans[i + 1][0] if i + 1 < len(spans) else len(text)]
        unit = _unit(money, pct, after)
        words = f"{statement.lead} {before}{text[start:end]}{after}".strip()
        measure = _measure(unit, f"{statement.lead} {before} {after}")
        year, period = _when(measure, text, end, statement.context_years)
        stat = _stat(f"{statement.lead} {before}" if not i else before, out[-1] if out else None) if unit.startswith("USD") else None
        out.append(Candidate(value, unit, measure, year, period, stat, bool(PROJECTION_RE.search(text)), " ".join(words.split())))
    return Reading(tuple(out), tuple(described), tuple(hints))
