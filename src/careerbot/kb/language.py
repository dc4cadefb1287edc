"""The language layer: how people ask (operations, question types, ...), shipped once, overridable per KB."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from .files import Marked, Problem, read_file
from .tokens import tokenize

DEFAULT = Path(__file__).with_name("language.yaml")
FILE = "language.yaml"  # a KB's own overrides, beside its other files

Phrases = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Language:
    """Phrase tables of one language, after a KB's overrides."""

    operations: Phrases  # op -> phrases, most specific op first
    weak_operations: frozenset[str]
    which_words: frozenset[str]
    rankings: dict[str, str]
    question_types: Phrases
    background_before: tuple[str, ...]
    background_after: tuple[str, ...]
    part_breaks: tuple[str, ...]
    clause_starts: frozenset[str]
    clause_leads: frozenset[str]
    back_words: frozenset[str]
    follow_markers: frozenset[str]
    more_words: frozenset[str]
    overall_words: frozenset[str]
    pair_words: frozenset[str]
    range_words: frozenset[str]
    messages: dict[str, str]
    slang: dict[str, str]
    clause_end_slang: dict[str, str]
    clause_end_not_after: frozenset[str]
    count_implied: frozenset[str]
    count_nouns: frozenset[str]
    fillers: tuple[str, ...]
    quantity_ops: frozenset[str]
    rate_ops: frozenset[str]
    year_shifts: dict[str, int]
    measure_heads: frozenset[str]
    polar: Phrases  # asks (words that open a yes/no question), more, less, than
    question_words: frozenset[str]
    figure_words: frozenset[str]
    amount_words: frozenset[str]  # words that ask for an amount ("what %", "how many")
    exclusions: tuple[str, ...]
    place_before: frozenset[str]
    place_nouns: frozenset[str]
    name_before: frozenset[str]
    subject_before: frozenset[str]
    holders: frozenset[str]
    qualifiers: frozenset[str]
    pay_range_ends: Phrases
    how_to: tuple[str, ...]
    what_words: frozenset[str]
    future: tuple[str, ...]
    realized: tuple[str, ...]
    ordinals: dict[str, int]
    manner_endings: tuple[str, ...]
    pay_words: dict[str, frozenset[str]]
    requirement_words: tuple[str, ...]
    inclusive: frozenset[str]
    stress: frozenset[str]
    restate: frozenset[str]
    joiners: frozenset[str]
    contrast: tuple[str, ...]
    contrasted: dict[str, str]
    employer_verbs: frozenset[str]
    hiring_verbs: frozenset[str]
    the_other: frozenset[str]
    amount_asks: tuple[str, ...]
    judged: frozenset[str]
    superlative_before: frozenset[str]
    alike_between: frozenset[str]
    rate_heads: frozenset[str]
    kin_before: frozenset[str]
    percent_before: frozenset[str]
    percent_next: frozenset[str]
    company: tuple[str, ...]
    assert_verbs: frozenset[str]
    not_asked: tuple[str, ...]
    reference_before: frozenset[str]
    need_object_end: frozenset[str]
    need_object_lead: frozenset[str]
    majority: frozenset[str]
    story_bound: frozenset[str]
    origin: tuple[str, ...]
    level_before: frozenset[str]
    levels: frozenset[str]
    people_words: frozenset[str]
    points_words: frozenset[str]
    first_person: frozenset[str]
    attained_before: frozenset[str]
    attained_after: frozenset[str]
    bounds: Phrases  # open ends of groups, and phrases asking past them
    which_of: tuple[str, ...]
    share_of: frozenset[str]
    kin_is: tuple[str, ...]
    told: frozenset[str]

    def words(self) -> set[str]:
        """Return every word the tables use, so typo repair knows them."""
        phrases = [p for table in (self.operations, self.question_types) for ps in table.values() for p in ps]
        phrases += [*self.background_before, *self.background_after, *self.ordinals, *self.company, *self.judged, *self.count_implied, *self.assert_verbs, *self.holders]
        phrases += [w for words in self.pay_words.values() for w in words]
        phrases += [w for words in self.polar.values() for w in words]  # "did the top 10% clear 50k?"
        return {w for p in phrases for w in tokenize(p)}


# How a table's YAML becomes its field, by the field's declared type.
CONVERT = {
    "frozenset[str]": frozenset,
    "tuple[str, ...]": tuple,
    "Phrases": lambda v: {str(k): tuple(x) for k, x in v.items()},
    "dict[str, frozenset[str]]": lambda v: {str(k): frozenset(x) for k, x in v.items()},
    "dict[str, str]": lambda v: {str(k): str(x) for k, x in v.items()},
    "dict[str, int]": lambda v: {str(k): int(x) for k, x in v.items()},
}
BUILT = frozenset({"background_before", "background_after", "follow_markers"})  # not one key each

# key -> (shape, what the checker says it must be)
SHAPES = {
    "operations": ("phrases", "a mapping of op to a list of phrases"),
    "weak_operations": ("list", "a list of op names"),
    "which_words": ("list", "a list of words"),
    "rankings": ("mapping", "a mapping of op to op"),
    "question_types": ("phrases", "a mapping of question type to a list of phrases"),
    "background": ("background", "a mapping with lists 'before' and 'after'"),
    "part_breaks": ("list", "a list of strings"),
    "clause_starts": ("list", "a list of words"),
    "clause_leads": ("list", "a list of words"),
    "back_words": ("list", "a list of words"),
    "follow_markers": ("list", "a list of words"),
    "more_words": ("list", "a list of words"),
    "pair_words": ("list", "a list of words"),
    "range_words": ("list", "a list of words"),
    "messages": ("mapping", "a mapping of message id to text"),
    "slang": ("mapping", "a mapping of a chat spelling to its words"),
    "clause_end_slang": ("mapping", "a mapping of a chat spelling to its words"),
    "clause_end_not_after": ("list", "a list of words"),
    "count_implied": ("list", "a list of words"),
    "count_nouns": ("list", "a list of words"),
    "fillers": ("list", "a list of phrases"),
    "quantity_ops": ("list", "a list of op names"),
    "rate_ops": ("list", "a list of op names"),
    "year_shifts": ("shifts", "a mapping of word to a whole number of years"),
    "measure_heads": ("list", "a list of words"),
    "polar": ("phrases", "a mapping with lists 'asks', 'more', 'less' and 'than'"),
    "figure_words": ("list", "a list of words"),
    "amount_words": ("list", "a list of words"),
    "question_words": ("list", "a list of words"),
    "exclusions": ("list", "a list of phrases"),
    "place_before": ("list", "a list of words"),
    "place_nouns": ("list", "a list of words"),
    "name_before": ("list", "a list of words"),
    "subject_before": ("list", "a list of words"),
    "holders": ("list", "a list of words"),
    "qualifiers": ("list", "a list of words"),
    "pay_range_ends": ("phrases", "a mapping with lists 'least' and 'most'"),
    "how_to": ("list", "a list of phrases"),
    "what_words": ("list", "a list of words"),
    "future": ("list", "a list of phrases"),
    "realized": ("list", "a list of phrases"),
    "ordinals": ("shifts", "a mapping of word to a whole number"),
    "manner_endings": ("list", "a list of word endings"),
    "requirement_words": ("list", "a list of words and phrases"),
    "inclusive": ("list", "a list of words"),
    "stress": ("list", "a list of words"),
    "restate": ("list", "a list of words"),
    "joiners": ("list", "a list of words"),
    "contrast": ("list", "a list of phrases"),
    "contrasted": ("mapping", "a mapping of word to word"),
    "employer_verbs": ("list", "a list of words"),
    "hiring_verbs": ("list", "a list of words"),
    "the_other": ("list", "a list of words"),
    "amount_asks": ("list", "a list of phrases"),
    "judged": ("list", "a list of words"),
    "superlative_before": ("list", "a list of words"),
    "alike_between": ("list", "a list of words"),
    "rate_heads": ("list", "a list of words"),
    "kin_before": ("list", "a list of words"),
    "overall_words": ("list", "a list of words"),
    "percent_before": ("list", "a list of words"),
    "percent_next": ("list", "a list of words"),
    "company": ("list", "a list of phrases"),
    "assert_verbs": ("list", "a list of words"),
    "not_asked": ("list", "a list of phrases"),
    "reference_before": ("list", "a list of words"),
    "need_object_end": ("list", "a list of words"),
    "need_object_lead": ("list", "a list of words"),
    "majority": ("list", "a list of words"),
    "story_bound": ("list", "a list of words"),
    "origin": ("list", "a list of phrases"),
    "level_before": ("list", "a list of words"),
    "levels": ("list", "a list of words"),
    "people_words": ("list", "a list of words"),
    "points_words": ("list", "a list of words"),
    "first_person": ("list", "a list of words"),
    "attained_before": ("list", "a list of words"),
    "attained_after": ("list", "a list of words"),
    "which_of": ("list", "a list of phrases"),
    "bounds": ("phrases", "a mapping with lists 'upper', 'lower', 'beyond', 'short_of' and 'skip'"),
    "share_of": ("list", "a list of words"),
    "kin_is": ("list", "a list of phrases"),
    "told": ("list", "a list of words"),
    "pay_words": ("phrases", "a mapping of hourly, annual, mean, state, nationwide, same, counted, renamed, ours, middle, now, high, low, compare, change, since, moved, state_before, not_states, capital_words, capital_before, wage, wage_bare, count, between_ops and there to lists of words"),
}


def _fits(shape: str, value: object) -> bool:
    strings = lambda v: isinstance(v, list) and all(isinstance(s, str) and s for s in v)  # noqa: E731
    if shape == "list":
        return strings(value)
    if shape == "mapping":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    if shape == "shifts":
        return isinstance(value, dict) and all(isinstance(v, int) and not isinstance(v, bool) for v in value.values())
    if shape == "phrases":
        return isinstance(value, dict) and all(strings(v) for v in value.values())
    return isinstance(value, dict) and set(value) <= {"before", "after"} and all(strings(v) for v in value.values())


def _shape(data: Marked, label: str) -> list[Problem]:
    found = []
    for key, value in data.items():
        line = data.key_lines.get(key, data.line)
        if key not in SHAPES:
            found.append(Problem(label, line, str(key), f"unknown key (expected one of: {', '.join(SHAPES)})"))
        elif not _fits(SHAPES[key][0], value):
            found.append(Problem(label, line, str(key), f"must be {SHAPES[key][1]}"))
    return found


def read_language(folder: Path | None = None) -> tuple[Language | None, list[Problem]]:
    """Read the shipped tables, then a KB folder's `language.yaml` over them, key by key."""
    data, problems = read_file(DEFAULT, str(DEFAULT))
    if data is None:
        return None, problems
    merged = dict(data)
    override = folder / FILE if folder else None
    if override and override.is_file():
        extra, problems = read_file(override, str(override))
        if extra is None:
            return None, problems
        problems += _shape(extra, str(override))
        if problems:
            return None, problems
        merged.update(extra)
    back = merged["background"]
    # Each table is read by the type its field declares; three are built from more than one key's text.
    values = {f.name: CONVERT[f.type](merged[f.name]) for f in fields(Language) if f.name not in BUILT}
    return Language(
        **values,
        background_before=tuple(back.get("before", ())),
        background_after=tuple(back.get("after", ())),
        follow_markers=frozenset(w for m in merged["follow_markers"] for w in tokenize(m)),
    ), []
