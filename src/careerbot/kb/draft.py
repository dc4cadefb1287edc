"""Draft a KB folder from an article: one fact per statement, typed figure candidates, sources, proposed topics,
and a `# TODO` wherever a person must decide. A draft is never done: `careerbot kb check` lists what remains."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nltk.stem.snowball import SnowballStemmer

from .article import statements
from .candidates import Candidate, Reading, read
from .files import Marked, read_file
from .model import KB
from .tokens import tokenize

ARTICLE_ORG = "The article itself"  # who states what no source is named for
TOPICS_PER_FACT = 2
_STEM = SnowballStemmer("english").stem


@dataclass(frozen=True)
class DraftFact:
    """One statement as a draft fact."""

    id: str
    text: str
    source: str
    topics: tuple[str, ...]
    section: str
    reading: Reading
    question: bool  # a sentence that asks rather than states


@dataclass(frozen=True)
class DraftSource:
    """A source the article names (or the article itself), per section."""

    id: str
    organization: str
    section: str
    year: int | None


@dataclass(frozen=True)
class Draft:
    """A drafted KB, before it is written: what `write` puts in the five files."""

    facts: tuple[DraftFact, ...]
    sources: tuple[DraftSource, ...]
    bundled: dict[str, Marked]  # the bundled KB's topics, lexicon and chitchat, proposed as a start

    @property
    def candidates(self) -> list[Candidate]:
        """Return every figure candidate, in article order."""
        return [c for f in self.facts for c in f.reading.candidates]


@dataclass(frozen=True)
class Score:
    """How many curated figures a draft reproduces (value, unit, measure and year or period all equal)."""

    matched: int
    drafted: int
    curated: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 0.0


def slug(text: str, words: int = 4) -> str:
    """Return a short id from text: "Bureau of Labor Statistics" -> "bureau-of-labor-statistics"."""
    parts = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("*", "")).split()
    return "-".join(parts[:words]) or "x"


def _terms(text: str, phrases: dict[tuple[str, ...], str]) -> set[str]:
    """Read text as the topic cues are read: synonym phrases to their canonical word, other words stemmed."""
    words, out, i = tokenize(text), set(), 0
    while i < len(words):
        n = next((n for n in range(min(6, len(words) - i), 0, -1) if tuple(words[i:i + n]) in phrases), 0)
        out.add(phrases[tuple(words[i:i + n])] if n else _STEM(words[i]))
        i += n or 1
    return out


def propose_topics(text: str, topics: Marked, synonyms: Marked) -> tuple[str, ...]:
    """Propose the bundled topics whose cues a fact's words meet most, at most TOPICS_PER_FACT."""
    phrases = {tuple(tokenize(v)): _STEM(str(k)) for k, vs in synonyms.items() for v in (k, *vs) if tokenize(v)}
    terms = _terms(text, phrases)
    scores = Counter()
    for ident, topic in topics.items():
        for cue in topic.get("cues") or []:
            cue_terms = _terms(cue, phrases)
            if cue_terms and cue_terms <= terms:
                scores[str(ident)] += 1
    return tuple(ident for ident, _ in scores.most_common(TOPICS_PER_FACT))


def _bundled(folder: Path) -> dict[str, Marked]:
    """Read the bundled KB's topics, lexicon and chitchat, whose cues and tables a draft starts from."""
    out = {}
    for name in ("topics", "lexicon", "chitchat"):
        data, _ = read_file(folder / f"{name}.yaml", name)
        out[name] = data if data is not None else Marked()
    return out


def draft(article: str, bundled: Path) -> Draft:
    """Draft a KB from an article's text, proposing topics from the bundled KB's cues."""
    base = _bundled(bundled)
    topics, synonyms = base["topics"].get("topics") or {}, base["lexicon"].get("synonyms") or {}
    said = statements(article)
    spelling: dict[str, str] = {}  # the longest spelling of each organization names its source
    for s in said:
        if s.org_key and s.org and len(s.org) > len(spelling.get(s.org_key, "")):
            spelling[s.org_key] = s.org
    sources: dict[tuple[str | None, str], DraftSource] = {}
    facts, counts = [], Counter()
    for s in said:
        section_word = slug(s.section, words=20).split("-")[-1]
        key = (s.org_key, s.section)
        if key not in sources:
            org = spelling.get(s.org_key, ARTICLE_ORG)
            ident = f"{slug(s.org_key or 'article', 2)}-{section_word}"
            ident = ident if ident not in {x.id for x in sources.values()} else f"{ident}-{len(sources) + 1}"
            sources[key] = DraftSource(ident, org, s.section, None)
        counts[section_word] += 1
        text = f"{s.lead} {s.text}" if s.lead else s.text
        text = text if text[-1] in ".!?" else text + "."
        facts.append(DraftFact(f"{section_word}-{counts[section_word]}", text, sources[key].id,
                               propose_topics(text, topics, synonyms), s.section, read(s), s.text.endswith("?")))
    years = {src.id: Counter(c.year for f in facts if f.source == src.id for c in f.reading.candidates if c.year)
             for src in sources.values()}
    dated = [DraftSource(x.id, x.organization, x.section, (years[x.id].most_common(1) or [(None, 0)])[0][0])
             for x in sources.values()]
    return Draft(tuple(facts), tuple(dated), base)


def reproduction(found: Draft, kb: KB) -> Score:
    """Score a draft's figure candidates against a curated KB's figures, each used once."""
    curated = Counter((f.value, f.unit, f.measure, f.year, f.period) for f in kb.figures.values())
    drafted = Counter((c.value, c.unit, c.measure, c.year, c.period) for c in found.candidates)
    return Score(sum((curated & drafted).values()), sum(drafted.values()), sum(curated.values()))
