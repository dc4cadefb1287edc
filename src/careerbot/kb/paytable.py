"""Today's pay: the KB's BLS OEWS table (`oews/`) and how `pay.yaml` reads it, as typed, checked data."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .files import Problem, read_optional
from .occupations import phrases_of
from .tokens import tokenize

if TYPE_CHECKING:  # the model holds a PayTable; only the checker below reads the model
    from .model import KB

FILE = "pay.yaml"
TABLE = "oews"
KEYS = ("source", "topic", "occupation", "mapping", "caveat", "notes", "industries", "aliases", "states", "state_group",
        "measures")
OPTIONAL = ("state_aliases", "weak_aliases", "groups")  # keys a pay.yaml may leave out
COLUMNS = ("wage", "employment")  # what `measures` links to the article's figures: the table's pay and head count
ALL = "000000"  # the table's industry code for all industries together
NATIONAL = "00"
WAGES = ("mean", "p10", "p25", "median", "p75", "p90")  # annual wages, USD/year
STATS = ("employment", *WAGES, "hourly_median")


@dataclass(frozen=True)
class Cell:
    """One number of the table as BLS published it, or the marker of why there is none ("#", "*", "**", "-")."""

    text: str

    @property
    def value(self) -> float | None:
        """Return the number, or None where BLS publishes none."""
        return float(self.text) if self.text[:1].isdigit() else None


@dataclass(frozen=True)
class Row:
    """One occupation in one area and industry: BLS's estimates."""

    occupation: str  # SOC code, 29-2072
    area: str  # two-digit BLS area code: 00 is the nation, else a state's FIPS code
    industry: str  # BLS industry code, 000000 for all industries
    cells: tuple[Cell, ...]  # in STATS order

    @property
    def id(self) -> str:
        """Return the id the row is cited by: oews:<occupation>:<area>:<industry>."""
        return f"{TABLE}:{self.occupation}:{self.area}:{self.industry}"

    def cell(self, stat: str) -> Cell:
        """Return one statistic of the row."""
        return self.cells[STATS.index(stat)]


@dataclass(frozen=True, eq=False)
class PayTable:
    """The OEWS table with its release, names, aliases and the curated links to the article."""

    release: dict  # oews/release.yaml as written by the import
    source: str  # source id every row is cited with
    topic: str
    occupation: str  # the article's occupation today
    mapping: str  # fact id: which occupation that is, and why
    caveat: str  # fact id: what a change since the article's year does not account for
    industries: dict[str, str]  # setting entity id -> industry code
    titles: dict[str, str]  # SOC code -> title
    detailed: frozenset[str]  # the codes that are occupations, not group totals
    areas: dict[str, str]  # area code -> name
    postal: dict[str, str]  # area code -> postal code
    industry_names: dict[str, str]
    lines: dict[str, str]  # "occupation area industry" -> the table line, parsed when asked for
    names: dict[tuple[str, ...], str]  # the words of an occupation's name -> SOC code
    places: dict[tuple[str, ...], str]  # the words of a state's name -> area code
    state_group: str  # the lexicon's out_of_scope group of states: the table answers what it declined
    notes: dict[str, tuple[str, str]]  # note id -> (source id, text): cited like facts
    measures: dict[str, str]  # "wage", "employment" -> the article's figure measure of the same thing
    # the words of aliases that name their occupation only with evidence: English words, state codes ("pa")
    weak: frozenset[tuple[str, ...]] = frozenset()
    # a lexicon entity of a group the article compares with -> the table's total for it ("population:all-jobs" -> 00-0000)
    groups: dict[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        """Return the year the table describes."""
        return int(self.release["year"])

    def row(self, occupation: str, area: str = NATIONAL, industry: str = ALL) -> Row | None:
        """Return one row, or None where BLS publishes none."""
        line = self.lines.get(f"{occupation} {area} {industry}")
        if line is None:
            return None
        code, where, ind, *cells = line.split("\t")
        return Row(code, where, ind, tuple(Cell(c) for c in cells))

    def by_id(self, row_id: str) -> Row | None:
        """Return the row an id names (oews:29-2072:39:000000), or None."""
        parts = row_id.split(":")
        return self.row(*parts[1:]) if len(parts) == 4 and parts[0] == TABLE else None

    def states(self, occupation: str) -> list[Row]:
        """Return the rows of every state, DC and territory that has the occupation."""
        return [r for a in self.areas if a != NATIONAL and (r := self.row(occupation, a)) is not None]


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def _names(titles: dict[str, str], detailed: frozenset[str], aliases: dict[str, list[str]],
           taken: set[tuple[str, ...]], kb_words: set[str]) -> dict[tuple[str, ...], str]:
    """Map the ways people name occupations to codes: curated aliases, then title phrases only one title has.

    A catch-all title ("..., All Other") names no job people ask about, and a phrase made only of words
    the KB's facts use ("office workers", "program") is the article's, not a job title."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for code in detailed:
        if titles[code].endswith("All Other"):
            continue
        for phrase in phrases_of(titles[code]):
            seen.setdefault(tuple(tokenize(phrase)), set()).add(code)
    out = {words: next(iter(codes)) for words, codes in seen.items()
           if len(codes) == 1 and words and words not in taken and not set(words) <= kb_words}
    for code, names in aliases.items():
        out |= {tuple(tokenize(n)): code for n in names}
    return out


def read_pay(folder: Path, taken: set[tuple[str, ...]], kb_words: set[str]) -> tuple[PayTable | None, list[Problem]]:
    """Read a KB's optional pay.yaml and its table; None when the KB has none.

    `taken` are the lexicon's phrases: a title phrase the lexicon uses ("technicians") keeps its meaning;
    `kb_words` the words of the KB's facts."""
    path = folder / FILE
    data, problems = read_optional(path)
    if data is None:
        return None, problems
    label = str(path)

    def at(key: str) -> int:
        return data.key_lines.get(key, data.line)

    for key in set(data) - set(KEYS) - set(OPTIONAL):
        problems.append(Problem(label, at(key), str(key), "unknown key"))
    for key in KEYS:
        if key not in data:
            problems.append(Problem(label, data.line, key, "missing"))
    table = folder / TABLE
    try:
        release = yaml.safe_load((table / "release.yaml").read_text(encoding="utf-8"))
        occupations = _tsv(table / "occupations.tsv")
        areas = {a: n for a, n in _tsv(table / "areas.tsv")}
        industries = {c: n for c, n in _tsv(table / "industries.tsv")}
        lines = {" ".join(line.split("\t", 3)[:3]): line for line in (table / "wages.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return None, [*problems, Problem(str(table), 1, TABLE, f"cannot read the OEWS table ({exc}): run `careerbot kb import-oews`")]
    if problems:
        return None, problems
    titles = {code: title for code, _, title in occupations}
    detailed = frozenset(code for code, level, _ in occupations if level == "3")
    settings = {str(k): str(v) for k, v in (data["industries"] or {}).items()}
    for setting, code in settings.items():
        if code not in industries:
            problems.append(Problem(label, data["industries"].key_lines.get(setting, at("industries")), setting,
                                    f"industry '{code}' is not in the table: run `careerbot kb import-oews`"))
    aliases = {str(k): [str(n) for n in v] for k, v in (data["aliases"] or {}).items()}
    for code in [data["occupation"], *aliases]:
        if code not in detailed:
            problems.append(Problem(label, at("aliases"), str(code), f"unknown occupation code '{code}'"))
    notes = {}
    for ident, note in (data["notes"] or {}).items():
        if not isinstance(note, dict) or set(note) != {"source", "text"}:
            problems.append(Problem(label, getattr(note, "line", at("notes")), str(ident), "a note needs a source and a text"))
        elif any(ch.isdigit() for ch in str(note["text"])):
            problems.append(Problem(label, note.line, str(ident), "a note states no number: it has no figures to ground it"))
        else:
            notes[str(ident)] = (str(note["source"]), str(note["text"]))
    measures = {str(k): str(v) for k, v in (data["measures"] or {}).items()} if isinstance(data["measures"], dict) else {}
    if set(measures) != set(COLUMNS):
        problems.append(Problem(label, at("measures"), "measures", f"needs the article's measure for each of {', '.join(COLUMNS)}"))
    postal = {str(k): str(v) for k, v in (data["states"] or {}).items()}
    for code in set(postal) ^ (set(areas) - {NATIONAL}):
        problems.append(Problem(label, at("states"), code, "every state of the table needs one postal code, and only those"))
    state_aliases = {str(k): [str(n) for n in v] for k, v in (data.get("state_aliases") or {}).items()}
    for code in set(state_aliases) - set(postal):
        problems.append(Problem(label, data["state_aliases"].key_lines.get(code, at("state_aliases")), code,
                                f"unknown state '{code}': `states` has no such area code"))
    groups = {str(k): str(v) for k, v in (data.get("groups") or {}).items()}
    for entity, code in groups.items():
        if code not in titles:
            problems.append(Problem(label, data["groups"].key_lines.get(entity, at("groups")), entity,
                                    f"unknown occupation code '{code}'"))
    weak = {tuple(tokenize(str(a))) for a in (data.get("weak_aliases") or [])}
    for words in sorted(weak - {tuple(tokenize(n)) for names in aliases.values() for n in names}):
        problems.append(Problem(label, at("weak_aliases"), " ".join(words), "not an alias of `aliases`"))
    if problems:
        return None, problems
    # A state's postal code that is also an occupation's alias ("pa") is a weak alias of its own accord.
    weak |= {(p.lower(),) for p in postal.values()}
    places = {tuple(tokenize(n)): a for a, n in areas.items() if a != NATIONAL}
    places |= {tuple(tokenize(n)): a for a, names in state_aliases.items() for n in names}
    return PayTable(release, str(data["source"]), str(data["topic"]), str(data["occupation"]), str(data["mapping"]),
                    str(data["caveat"]), settings, titles, detailed, areas, postal, industries, lines,
                    _names(titles, detailed, aliases, taken, kb_words), places,
                    str(data["state_group"]), notes, measures, frozenset(weak), groups), []


def check_links(pay: PayTable, kb: "KB") -> list[Problem]:
    """Return what pay.yaml names that the rest of the KB lacks: its source, topic, facts and settings."""
    label, found = str(kb.path / FILE), []
    wanted = [("source", pay.source, kb.sources), ("topic", pay.topic, kb.topics), ("mapping", pay.mapping, pay.notes),
              ("caveat", pay.caveat, pay.notes), *(("notes", source, kb.sources) for source, _ in pay.notes.values())]
    found += [Problem(label, 1, key, f"unknown {key} '{value}'") for key, value, known in wanted if value not in known]
    found += [Problem(label, 1, "industries", f"unknown setting '{s}'") for s in pay.industries if f"setting:{s}" not in kb.entities]
    found += [Problem(label, 1, "groups", f"unknown entity '{e}'") for e in pay.groups if e not in kb.entities]
    found += [Problem(label, 1, "measures", f"unknown measure '{m}'") for m in pay.measures.values() if m not in kb.measures]
    found += check_rows(pay, kb.path / TABLE / "wages.tsv")
    if pay.state_group not in kb.out_of_scope:
        found.append(Problem(label, 1, "state_group", f"unknown out_of_scope group '{pay.state_group}'"))
    return found


ORDERED = ("p10", "p25", "median", "p75", "p90")
MARKS = frozenset({"#", "*", "**", "-"})


def check_rows(pay: PayTable, file: Path) -> list[Problem]:
    """Return the table's rows whose cells are neither numbers nor BLS's markers, or whose percentiles are out of order."""
    found = []
    for line_no, key in enumerate(pay.lines, start=2):  # the header is line 1
        row = pay.row(*key.split(" "))
        bad = [c.text for c in row.cells if c.value is None and c.text not in MARKS]
        values = [v for v in (row.cell(s).value for s in ORDERED) if v is not None]
        if bad or values != sorted(values):
            what = f"not a number or a BLS marker: {bad[0]!r}" if bad else "percentiles out of order"
            found.append(Problem(str(file), line_no, row.id, what))
    return found
