"""The answer engine: the pipeline from a question to an Answer, in a few readable lines."""
from __future__ import annotations

import os
from dataclasses import replace

from .answer import Answer
from .choose import choose
from .compose import compose
from .kb import KB, load
from .retrieve import Index
from .session import Context, SessionStore
from .text import Normalizer, tokenize
from .understand import Understander

MAX_QUESTION_CHARS = 1000  # longer text is cut: no question needs more, and work stays bounded


def vocabulary(kb: KB) -> set[str]:
    """Return every word the KB uses anywhere, for typo repair."""
    texts = [f.text for f in kb.facts] + [k for f in kb.facts for k in f.keywords]
    texts += [p for c in kb.chitchat.values() for p in c.patterns] + [t.label for t in kb.topics.values()]
    texts += [c for t in kb.topics.values() for c in t.cues]
    words = {w for text in texts for w in tokenize(text)}
    return words | {w for p in kb.phrases() for w in p.words} | set(kb.synonyms)


class Bot:
    """careerbot: ask it questions, get cited answers."""

    def __init__(self, kb: KB, sessions: SessionStore | None = None):
        self.kb = kb
        phrases = {p.words: p.term for p in kb.phrases()}
        self.normalizer = Normalizer(phrases, vocabulary(kb))
        self.understander = Understander(kb, self.normalizer)
        self.index = Index(kb.facts, self.normalizer)
        self.sessions = sessions or SessionStore()

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Bot":
        """Load the KB at path (or $CAREERBOT_KB, or the bundled one); raise KBError if it is broken."""
        return cls(load(path))

    def ask(self, text: str, session_id: str | None = None) -> Answer:
        """Answer one question within a conversation."""
        session_id, _context = self.sessions.open(session_id)
        query = self.understander.understand(text[:MAX_QUESTION_CHARS])
        verdict = choose(query, self.index, self.kb)
        answer = compose(verdict, self.kb, session_id)
        if answer.answered:
            self.sessions.save(session_id, Context(verdict.intent, query.entities, tuple(c.fact_id for c in answer.citations)))
        debug = {"query": query, "verdict": verdict}
        return replace(answer, debug=debug)

    def reset(self, session_id: str) -> None:
        """Forget a conversation."""
        self.sessions.reset(session_id)
