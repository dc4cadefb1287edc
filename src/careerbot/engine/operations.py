"""Conventions of the arithmetic: full-time hours for an hourly rate, months for a monthly one."""
from __future__ import annotations

HOURS_PER_WEEK, WEEKS_PER_YEAR = 40, 52  # full-time work, the usual assumption for an hourly rate
HOURS_PER_YEAR = HOURS_PER_WEEK * WEEKS_PER_YEAR
MONTHS_PER_YEAR = 12
