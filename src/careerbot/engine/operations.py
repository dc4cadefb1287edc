"""Conventions of the arithmetic: full-time hours for an hourly rate, months for a monthly one."""
from __future__ import annotations

# The checker holds an article's hourly and annual wages to the same hours, so both read one table.
from ..kb.numbers import HOURS_PER_WEEK, HOURS_PER_YEAR, WEEKS_PER_YEAR  # noqa: F401 - re-exported for calc

MONTHS_PER_YEAR = 12
