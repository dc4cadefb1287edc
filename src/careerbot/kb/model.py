"""The knowledge base as typed, frozen data: sources, facts, figures, entities, topics, small talk."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .language import Language
from .occupations import Occupations, occupation_phrases
from .paytable import PayTable
from .tokens import tokenize

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
    url: str | None = None  # the source's own page, added by a curator (the article names no addresses)
    loc: Loc = field(default=NO_LOC, compare=False, repr=False)
    rank: int = 1  # precedence: an answer states figures of rank 1 (official, named) before rank 2


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
    rest: tuple[str, ...] = ()  # phrases naming what it holds beyond them ("benefits": total pay beyond base salary)
    parts: tuple[str, ...] = ()  # phrases naming what it counts together, none with a figure of its own ("retirement")
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
    no_figures: bool = False  # the article names it but gives no figure for it (a related occupation)
    baseline: bool = False  # a group the occupation is compared with (all occupations): not its own figures

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
    whole: bool = False  # it declines the whole message, not only its part ("..., I'm 41 with two kids")


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


@dataclass(frozen=True, eq=False)  # one KB is one object: hashable by identity, for caches keyed by it
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
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a phrase -> the other entities it may mean
    pay: PayTable | None = None  # today's pay for every occupation and state (pay.yaml and the oews/ table)

    @cached_property
    def figures(self) -> dict[str, Figure]:
        """Return every figure by id."""
        return {fig.id: fig for fact in self.facts for fig in fact.figures}

    @cached_property
    def scope_kinds(self) -> frozenset[str]:
        """Return the kinds of scope the figures have (setting, education ...)."""
        return frozenset(k for fig in self.figures.values() for k, _ in fig.scope)

    @cached_property
    def choice_kinds(self) -> frozenset[str]:
        """Return the entity kinds with more than one entity: those that pick figures out (not one age group)."""
        kinds = [e.kind for e in self.entities.values()]
        return frozenset(k for k in kinds if kinds.count(k) > 1)

    @cached_property
    def baselines(self) -> frozenset[str]:
        """Return the tags of the groups the occupation is compared with (all occupations): not its own figures."""
        return frozenset(tag for tag, e in self.entities.items() if e.baseline)

    @cached_property
    def source_entities(self) -> frozenset[str]:
        """Return the tags of the entities that name a source's organization (the BLS): who says, never a scope."""
        names = [s.organization.lower() for s in self.sources.values()]
        return frozenset(tag for tag, e in self.entities.items()
                         if any(n.startswith(e.label.lower().removeprefix("the ")) for n in names))

    @cached_property
    def years(self) -> frozenset[int]:
        """Return every year some figure speaks of."""
        return frozenset(y for fig in self.figures.values() for y in fig.years)

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        """Return every fact by id."""
        return {f.id: f for f in self.facts}


    @property
    def others(self) -> str | None:
        """Return the out-of-scope group that declines questions about other occupations, if any."""
        return self.occupations.group if self.occupations else None

    def tags_of(self, fig: Figure) -> set[str]:
        """Return the entity tags a figure is about: its scope and its statistic."""
        return {f"{k}:{v}" for k, v in fig.scope} | ({f"stat:{fig.stat}"} if fig.stat else set())

    def fact(self, fact_id: str) -> Fact:
        """Return a fact by id: the KB's own, or a row of its pay table, cited like one."""
        found = self.facts_by_id.get(fact_id)
        if found is None and self.pay is not None:
            from .payfacts import row_fact  # a row becomes a fact when an answer cites it; payfacts reads this model
            found = row_fact(self, fact_id)
        if found is None:
            raise KeyError(fact_id)
        return found

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
        for words, term in list(table.items()):
            # "the top 10" means "the top 10%": a phrase of several words holds without its percent sign.
            bare = tuple(w[:-1] if w[:-1].isdigit() and w.endswith("%") else w for w in words)
            if len(words) > 1 and bare != words:
                table.setdefault(bare, term)
        if self.occupations:
            words = {w for f in self.facts for w in tokenize(f.text)} | {w for p in table for w in p}
            words |= {w for t in self.topics.values() for c in t.cues for w in tokenize(c)}
            table |= occupation_phrases(self.occupations, set(table), words)
        return table
