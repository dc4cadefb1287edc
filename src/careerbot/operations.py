"""How people ask for arithmetic: phrases that name an operation, as a table tests iterate."""
from __future__ import annotations

# op -> phrases, matched on whole words, longest first, in a pass apart from the lexicon's (so
# "pays the most" is still about pay). When a question holds several, the one listed first wins:
# the most specific ("per year") before the most general ("how many"). Weak ops only count when
# the question asks which or where.
OPERATIONS: dict[str, tuple[str, ...]] = {
    "per_year": ("per year", "each year", "every year", "a year on average", "yearly average", "annually",
        "per annum"),
    "hourly": ("per hour", "an hour", "hourly", "by the hour", "hourly wage", "hourly rate", "hourly pay",
        "an hr", "per hr", "hr"),
    "monthly": ("per month", "a month", "monthly", "each month", "every month", "by the month"),
    "remainder": ("not new", "are not new", "other than new", "besides new", "apart from new",
        "excluding new", "not counting new", "replacement", "replacements", "replace workers", "vacated",
        "left by", "the rest"),
    "percent_change": ("percent increase", "percentage increase", "percent change", "percentage change",
        "growth rate", "rate of growth", "by what percent", "as a percentage increase", "as a percentage",
        "as a percent", "in percent", "percent growth", "percentage growth"),
    "times": ("how many times", "times faster", "times as fast", "times more", "times higher",
        "how much faster", "faster than", "ratio"),
    "difference": ("difference", "differ", "how much extra", "how much more", "how much less", "how much higher",
        "how much lower", "more than", "less than", "higher than", "lower than", "compared to",
        "compared with", "compare", "versus", "vs", "gap"),
    "sum": ("combined", "together", "in total", "add up", "altogether", "put together", "sum"),
    "rank": ("rank", "ranked", "ranking", "rankings", "in order of", "sorted", "from highest to lowest",
        "by setting", "each setting", "every setting", "all settings", "break down", "breakdown",
        "compare all", "side by side"),
    "max": ("pays the most", "pay the most", "pays most", "pay most", "pays best", "pay best",
        "pays the best", "highest paying", "best paying", "top paying", "most paying", "where do most",
        "where most", "most common", "the biggest share", "biggest share", "largest share", "most money"),
    "min": ("pays the least", "pay the least", "pays least", "pay least", "lowest paying", "worst paying",
        "least paying", "least money", "smallest share", "fewest", "least common"),
    "most": ("most", "highest", "biggest", "largest"),
    "least": ("least", "lowest", "smallest"),
    "change": ("how many new", "new jobs", "new positions", "how many more jobs", "jobs added", "added jobs",
        "increase in jobs", "net new"),
    "share_count": ("how many people is that", "how many people", "how many is that", "how many workers",
        "number of people", "in numbers", "actual number", "how many of them", "how many"),
}
WEAK = frozenset({"most", "least"})  # plain "most"/"lowest" rank only in which/where questions
WHICH_WORDS = frozenset({"which", "where", "whichever"})
HOURS_PER_WEEK, WEEKS_PER_YEAR = 40, 52  # full-time work, the usual assumption for an hourly rate
HOURS_PER_YEAR = HOURS_PER_WEEK * WEEKS_PER_YEAR
MONTHS_PER_YEAR = 12
