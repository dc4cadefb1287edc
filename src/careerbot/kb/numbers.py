"""Format and derive figures: the arithmetic that both the checker and answers rely on."""
from __future__ import annotations

import re

NUMBER_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def rounding_of(value: float) -> int:
    """Return how many decimals a stated value carries (12 -> 0, 1.5 -> 1)."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def plain(value: float) -> str:
    """Write a number the way the article does: thousands separators, no needless decimals."""
    decimals = rounding_of(value)
    return f"{value:,.{decimals}f}"


def formats(value: float, unit: str) -> tuple[str, ...]:
    """Return the ways a figure may be written in a fact's text."""
    text = plain(value)
    if unit == "percent":
        return (f"{text}%", f"{text} percent")
    if unit.startswith("USD"):
        return (f"${text}",)
    return (text, f"{value:g}")


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
