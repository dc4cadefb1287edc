"""Understand a question: its terms, entities, years, topic (intent) and any small talk."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .kb import KB
from .operations import OPERATIONS, WEAK, WHICH_WORDS
from .stopwords import STOPWORDS
from .text import Analysis, Normalizer, match_phrases, tokenize

YEAR_RE = re.compile(r"^(19|20)\d\d$")
OOS_PREFIX = "oos:"
# Operation phrases are matched in a pass of their own: they never take words away from retrieval.
OP_PHRASES = {tuple(tokenize(p)): op for op, phrases in OPERATIONS.items() for p in phrases}
# Entity kinds that name who is asked about rather than narrowing to one figure.
BROAD_KINDS = frozenset({"role"})


@dataclass(frozen=True)
class Query:
    """A question after normalization and rule matching."""

    text: str
    analysis: Analysis
    terms: tuple[str, ...]  # retrieval terms, without out-of-scope markers
    entities: tuple[str, ...]  # entity tags such as "setting:hospitals"
    out_of_scope: tuple[str, ...]  # ids of out_of_scope groups the question touches
    years: tuple[int, ...]
    topic_scores: tuple[tuple[str, int], ...]  # best first, only topics with a cue
    chitchat: str | None
    op: str | None = None  # the arithmetic asked for (see operations.py)
    focus: tuple[str, ...] = ()  # figure ids a follow-up question refers back to
    counts: str | None = None  # an entity the question asks to count ("how many hospitals"), not people

    @property
    def intent(self) -> str | None:
        """Return the topic with the most cues, or None when none or a tie."""
        scores = self.topic_scores
        if not scores or (len(scores) > 1 and scores[0][1] == scores[1][1]):
            return None
        return scores[0][0]

    @cached_property
    def narrowing(self) -> tuple[str, ...]:
        """Return the entities that pick out particular figures (a setting, a statistic ...)."""
        return tuple(e for e in self.entities if e.split(":")[0] not in BROAD_KINDS)

    @cached_property
    def kinds(self) -> frozenset[str]:
        """Return the kinds of entity the question names."""
        return frozenset(e.split(":")[0] for e in self.entities)


class Understander:
    """Apply the KB's topic cues and small-talk patterns to questions."""

    def __init__(self, kb: KB, normalizer: Normalizer):
        self.kb, self.normalizer = kb, normalizer
        # Distinct cues only: "code", "codes" and "coding" are one stem and count once.
        self.cues = {
            topic.id: list(dict.fromkeys(tuple(normalizer.analyze(cue, repair=False).terms) for cue in topic.cues))
            for topic in kb.topics.values()
        }
        # Small-talk patterns by their first word, longest first, so a question tries only its own words'.
        self.patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for chat in kb.chitchat.values():
            for text in chat.patterns:
                words = tuple(tokenize(text))
                if words:
                    self.patterns.setdefault(words[0], []).append((words, chat.id))
        for candidates in self.patterns.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def understand(self, text: str) -> Query:
        """Turn a question into a Query."""
        analysis = self.normalizer.analyze(text)
        terms = analysis.terms
        oos = tuple(dict.fromkeys(t[len(OOS_PREFIX):] for t in terms if t.startswith(OOS_PREFIX)))
        kept = tuple(t for t in terms if not t.startswith(OOS_PREFIX))
        entities = tuple(dict.fromkeys(t for t in kept if t in self.kb.entities))
        years = tuple(int(w) for w in analysis.words if YEAR_RE.match(w))
        scores, present = [], set(kept)
        for topic, cues in self.cues.items():
            score = sum(1 for cue in cues if cue and present.issuperset(cue))
            if score:
                scores.append((topic, score))
        scores.sort(key=lambda s: -s[1])
        return Query(text, analysis, kept, entities, oos, years, tuple(scores), self._chitchat(analysis.words),
                     self._op(analysis.words), counts=self._counts(analysis.words))

    def _counts(self, words: tuple[str, ...]) -> str | None:
        """Return the entity a "how many X" question counts, when X is a thing (a setting), not people."""
        for i in range(len(words) - 2):
            if words[i : i + 2] == ("how", "many"):
                following = self.normalizer.analyze(" ".join(words[i + 2 : i + 5]), repair=False).terms
                if any(t.split(":")[0] in BROAD_KINDS for t in following if t in self.kb.entities):
                    return None  # "how many hospital technicians": people, in a setting
                if following and following[0] in self.kb.entities:
                    return following[0]
        return None

    @staticmethod
    def _op(words: tuple[str, ...]) -> str | None:
        """Return the operation asked for, the most specific first; "most" counts only in which/where questions."""
        asks_which = any(w in WHICH_WORDS for w in words)
        found = {op for _, op in match_phrases(words, OP_PHRASES) if op and (op not in WEAK or asks_which)}
        return next((op for op in OPERATIONS if op in found), None)

    def _chitchat(self, words: tuple[str, ...]) -> str | None:
        """Return the small-talk intent whose pattern the words hold, if nothing else is said."""
        for i, word in enumerate(words):
            for pattern, intent in self.patterns.get(word, ()):
                n = len(pattern)
                if words[i : i + n] == pattern:
                    rest = words[:i] + words[i + n :]
                    if all(w in STOPWORDS or not w[0].isalpha() for w in rest):
                        return intent
        return None
