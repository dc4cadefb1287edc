"""Format and derive figures: the arithmetic that both the checker and answers rely on."""
from __future__ import annotations

import re

NUMBER_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# Full-time work, the convention an hourly and an annual wage of one measure agree by (BLS uses 2,080 hours).
HOURS_PER_WEEK, WEEKS_PER_YEAR = 40, 52
HOURS_PER_YEAR = HOURS_PER_WEEK * WEEKS_PER_YEAR

# Numbers a fact may spell out. Only before a counted noun ("three years", "a two-year program"), since
# "one of the best" or "second career" state no figure.
SPELLED = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
COUNTED = ("year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
           "semester", "semesters", "percent", "times")
SPELLED_RE = re.compile(rf"\b({'|'.join(SPELLED)})[- ]({'|'.join(COUNTED)})\b", re.IGNORECASE)


def rounding_of(value: float) -> int:
    """Return how many decimals a stated value carries (12 -> 0, 1.5 -> 1)."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def half_step(value: float) -> float:
    """Return half the step a stated value was rounded to: 14.25 -> 0.005, 29,640 -> 5, 15,400 -> 50."""
    decimals = rounding_of(value)
    if decimals or not value:
        return 0.5 * 10 ** -decimals
    digits = str(int(round(abs(value))))
    return 0.5 * 10 ** (len(digits) - len(digits.rstrip("0")))


def plain(value: float) -> str:
    """Write a number the way the article does: thousands separators, no needless decimals."""
    decimals = rounding_of(value)
    return f"{value:,.{decimals}f}"


def formats(value: float, unit: str) -> tuple[str, ...]:
    """Return the ways a figure may be written in a fact's text."""
    text = plain(value)
    if unit == "percent":
        return (f"{text}%", f"{text} percent", *(f"{word} percent" for word in spelled(value)))
    if unit.startswith("USD"):
        return (f"${text}",)
    return (text, f"{value:g}", *spelled(value))


def spelled(value: float) -> tuple[str, ...]:
    """Return the words that spell a whole number out ("three" for 3), if SPELLED has them."""
    return tuple(form for word, n in SPELLED.items() if n == value for form in (word, word.capitalize()))


def derive(op: str, values: list[float]) -> float | None:
    """Compute a derived figure from its inputs, or None if the inputs do not fit the operation."""
    if op == "sum":
        return sum(values)
    if len(values) != 2:
        return None
    first, second = values
    if op == "difference":
        return first - second
    if op == "percent_change":
        return (second - first) / first * 100 if first else None
    if op == "ratio":
        return first / second if second else None
    return None


def numbers_in(text: str) -> list[float]:
    """Return every number written in a text."""
    return [float(m.replace(",", "")) for m in NUMBER_RE.findall(text)]


def stated_in(text: str) -> list[float]:
    """Return every number a text states, in digits or spelled out before what it counts ("three years")."""
    return numbers_in(text) + [float(SPELLED[m.group(1).lower()]) for m in SPELLED_RE.finditer(text)]
