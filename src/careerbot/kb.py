"""The knowledge base as typed, frozen data, loaded only when it passes its check."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .kbfiles import KBError, Marked, Problem, read_kb
from .language import Language, read_language
from .occupations import Occupations, occupation_phrases, read_occupations
from .paths import shipped
from .schema import check_shape, items
from .text import tokenize

Loc = tuple[str, int]  # (file, line), for messages
NO_LOC: Loc = ("?", 0)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from."""

    id: str
    organization: str
    year: int | None
    section: str
    note: str = ""
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)


@dataclass(frozen=True)
class Derivation:
    """How the article derived a figure from others (checked, and shown with computed answers)."""

    op: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """One number of the article with what it measures."""

    id: str
    fact_id: str
    measure: str
    value: float
    unit: str
    stat: str | None = None
    year: int | None = None
    period: str | None = None
    scope: tuple[tuple[str, str], ...] = ()
    projection: bool = False
    part_of: str | None = None
    share_of: str | None = None  # the count (a figure id) this percentage is a share of
    includes: tuple[str, ...] = ()  # figures (ids) this count already contains
    derived: Derivation | None = None
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)

    @property
    def years(self) -> tuple[int, ...]:
        """Return the years the figure speaks of (one, or a period's two ends)."""
        if self.year is not None:
            return (self.year,)
        if self.period:
            start, end = self.period.split("-")
            return (int(start), int(end))
        return ()

    def scope_of(self, kind: str) -> str | None:
        """Return the entity id this figure is scoped to for one kind, if any."""
        return dict(self.scope).get(kind)


@dataclass(frozen=True)
class Fact:
    """A short statement of the article, with its figures."""

    id: str
    text: str
    topics: tuple[str, ...]
    source: Source
    keywords: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)
    defines: tuple[str, ...] = ()  # entity tags this fact says what they are ("org:onet")
    explains: tuple[str, ...] = ()  # topic ids this fact gives the reason for


@dataclass(frozen=True)
class Entity:
    """A named thing figures are about: a work setting, a role, a statistic, ..."""

    kind: str
    id: str
    label: str
    aliases: tuple[str, ...]
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)

    @property
    def tag(self) -> str:
        """Return the retrieval term that stands for this entity."""
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Topic:
    """Something careerbot can talk about; its id is the answer's intent."""

    id: str
    label: str
    cues: tuple[str, ...]
    overview: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)


@dataclass(frozen=True)
class OutOfScope:
    """A kind of question the KB knows it cannot answer, and why."""

    id: str
    reason: str
    terms: tuple[str, ...]
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)


@dataclass(frozen=True)
class ChitChat:
    """A small-talk intent with its patterns and response."""

    id: str
    patterns: tuple[str, ...]
    response: str
    cues: tuple[str, ...] = ()  # single words that, with the patterns, make up a small-talk message
    courtesy: bool = False  # a pleasantry (hello, thanks, bye): it yields to any other intent in the message
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)


@dataclass(frozen=True)
class Decline:
    """The decline messages."""

    message: str
    with_reason: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """One lexicon phrase and the term it maps to."""

    words: tuple[str, ...]
    term: str
    owner: str  # e.g. "synonym wage", for conflict messages
    loc: Loc


@dataclass(frozen=True)
class KB:
    """A whole knowledge base."""

    path: Path
    sources: dict[str, Source]
    facts: tuple[Fact, ...]
    measures: dict[str, str]  # measure id -> label
    entities: dict[str, Entity]  # by tag
    synonyms: dict[str, tuple[str, ...]]
    synonym_locs: dict[str, Loc]
    topics: dict[str, Topic]
    out_of_scope: dict[str, OutOfScope]
    chitchat: dict[str, ChitChat]
    decline: Decline
    about: str  # shown by the chat page and widget before the first question
    language: Language  # how questions are asked: the shipped tables under the KB's overrides
    question_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "who" -> entity kinds that answer it
    occupations: Occupations | None = None  # the occupations it does not cover, to decline questions about them

    @cached_property
    def figures(self) -> dict[str, Figure]:
        """Return every figure by id."""
        return {fig.id: fig for fact in self.facts for fig in fact.figures}

    @cached_property
    def choice_kinds(self) -> frozenset[str]:
        """Return the entity kinds with more than one entity: those that pick figures out (not one age group)."""
        kinds = [e.kind for e in self.entities.values()]
        return frozenset(k for k in kinds if kinds.count(k) > 1)

    @cached_property
    def years(self) -> frozenset[int]:
        """Return every year some figure speaks of."""
        return frozenset(y for fig in self.figures.values() for y in fig.years)

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        """Return every fact by id."""
        return {f.id: f for f in self.facts}

    @cached_property
    def relations(self):
        """Return the index of how figures relate (siblings, series), built once."""
        from .relations import Relations  # relations reads the typed model defined here

        return Relations(self)

    @property
    def others(self) -> str | None:
        """Return the out-of-scope group that declines questions about other occupations, if any."""
        return self.occupations.group if self.occupations else None

    def tags_of(self, fig: Figure) -> set[str]:
        """Return the entity tags a figure is about: its scope and its statistic."""
        return {f"{k}:{v}" for k, v in fig.scope} | ({f"stat:{fig.stat}"} if fig.stat else set())

    def fact(self, fact_id: str) -> Fact:
        """Return a fact by id."""
        return self.facts_by_id[fact_id]

    def phrases(self) -> list[Phrase]:
        """List every lexicon phrase with its term: entity aliases, synonyms and out-of-scope terms."""
        out = []
        for ent in self.entities.values():
            for alias in ent.aliases + (ent.label,):
                out.append(Phrase(tuple(tokenize(alias)), ent.tag, f"{ent.kind} '{ent.id}'", ent.loc))
        for canonical, variants in self.synonyms.items():
            # The canonical word is a tag, not a stem: "employer" must not meet "employment" by its stem.
            for variant in dict.fromkeys((canonical, *variants)):
                out.append(Phrase(tuple(tokenize(variant)), f"={canonical}", f"synonym '{canonical}'",
                                  self.synonym_locs[canonical]))
        for oos in self.out_of_scope.values():
            for term in oos.terms:
                out.append(Phrase(tuple(tokenize(term)), f"oos:{oos.id}", f"out_of_scope '{oos.id}'", oos.loc))
        return [p for p in out if p.words]

    @cached_property
    def phrase_table(self) -> dict[tuple[str, ...], str]:
        """Return every phrase a question is read with: the lexicon's, then other occupations' names."""
        table = {p.words: p.term for p in self.phrases()}
        if self.occupations:
            words = {w for f in self.facts for w in tokenize(f.text)} | {w for p in table for w in p}
            words |= {w for t in self.topics.values() for c in t.cues for w in tokenize(c)}
            table |= occupation_phrases(self.occupations, set(table), words)
        return table


def _loc(value: Marked) -> Loc:
    return (value.file, value.line)


def _build(raw: dict[str, Marked], path: Path, language: Language, occupations: Occupations | None = None) -> KB:
    """Turn shape-checked raw data into typed records."""
    sources = {i: Source(i, v["organization"], v["year"], v["section"], v.get("note", ""), _loc(v))
               for i, v, _ in items(raw, "sources", "sources")}
    facts = []
    for fid, v, _ in items(raw, "facts", "facts"):
        figures = tuple(
            Figure(
                id=f["id"], fact_id=fid, measure=f["measure"], value=f["value"], unit=f["unit"],
                stat=f.get("stat"), year=f.get("year"), period=f.get("period"),
                scope=tuple(sorted((f.get("scope") or {}).items())), projection=f.get("projection", False),
                part_of=f.get("part_of"), share_of=f.get("share_of"), includes=tuple(f.get("includes") or ()),
                derived=Derivation(f["derived"]["op"], tuple(f["derived"]["inputs"])) if "derived" in f else None,
                loc=_loc(f),
            )
            for f in v.get("figures") or []
        )
        missing = Source(v["source"], "?", None, "?")
        facts.append(Fact(fid, v["text"], tuple(v["topics"]), sources.get(v["source"], missing),
                          tuple(v.get("keywords") or ()), figures, _loc(v), tuple(v.get("defines") or ()),
                          tuple(v.get("explains") or ())))
    lex = raw["lexicon"]
    entities = {}
    for kind, table in lex["entities"].items():
        for ident, v in table.items():
            ent = Entity(str(kind), str(ident), v["label"], tuple(v["aliases"]), _loc(v))
            entities[ent.tag] = ent
    syn = lex["synonyms"]
    topics = {i: Topic(i, v["label"], tuple(v["cues"]), tuple(v.get("overview") or ()),
                       tuple(v.get("suggestions") or ()), _loc(v)) for i, v, _ in items(raw, "topics", "topics")}
    oos = {i: OutOfScope(i, v["reason"], tuple(v["terms"]), _loc(v)) for i, v, _ in items(raw, "lexicon", "out_of_scope")}
    chat = {i: ChitChat(i, tuple(v["patterns"]), v["response"], tuple(v.get("cues") or ()), v.get("courtesy", False), _loc(v))
            for i, v, _ in items(raw, "chitchat", "intents")}
    d = raw["chitchat"]["decline"]
    return KB(path, sources, tuple(facts), {str(k): v for k, v in lex["measures"].items()}, entities, {str(k): tuple(v) for k, v in syn.items()},
              {str(k): (syn.file, syn.key_lines.get(k, syn.line)) for k in syn}, topics, oos, chat,
              Decline(d["message"], d["with_reason"], tuple(d["suggestions"])), raw["chitchat"]["about"], language,
              {str(k): tuple(v) for k, v in (lex.get("question_kinds") or {}).items()}, occupations)


def bundled_path() -> Path:
    """Return the KB folder that ships inside the package."""
    return shipped("kb")


def resolve_path(path: str | os.PathLike | None = None) -> Path:
    """Pick the KB folder: an explicit path, then $CAREERBOT_KB, then the bundled KB."""
    chosen = path or os.environ.get("CAREERBOT_KB")
    return Path(chosen) if chosen else bundled_path()


def check(path: str | os.PathLike | None = None) -> tuple[KB | None, list[Problem]]:
    """Read and check a KB; return it (or None) with every problem found."""
    from .check import check_kb  # the checker needs the typed model defined above

    folder = resolve_path(path)
    if not folder.is_dir():
        return None, [Problem(str(folder), 1, "-", "KB folder not found")]
    raw, problems = read_kb(folder)
    if problems:
        return None, problems
    language, problems = read_language(folder)
    problems += check_shape(raw) if language else []
    if problems:
        return None, problems
    occupations, problems = read_occupations(folder, set(raw["lexicon"]["out_of_scope"]))
    if problems:
        return None, problems
    kb = _build(raw, folder, language, occupations)
    problems = check_kb(kb)
    return (None if problems else kb), problems


def load(path: str | os.PathLike | None = None) -> KB:
    """Load a KB that passes its check, or raise KBError with every problem."""
    kb, problems = check(path)
    if kb is None:
        raise KBError(problems)
    return kb
