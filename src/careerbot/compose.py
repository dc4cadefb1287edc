"""Compose the answer text, citations and suggestions from a verdict."""
from __future__ import annotations

from .answer import Answer, Citation
from .choose import Verdict
from .kb import KB


def topics_list(kb: KB) -> str:
    """Name what careerbot can talk about, for help and decline messages."""
    labels = [t.label for t in kb.topics.values()]
    return ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]


def compose(verdict: Verdict, kb: KB, session_id: str) -> Answer:
    """Turn a verdict into the Answer every interface returns."""
    if verdict.kind == "decline":
        template = kb.decline.with_reason if verdict.reason else kb.decline.message
        text = template.format(reason=verdict.reason, topics=topics_list(kb))
        return Answer(text, False, "decline", suggestions=kb.decline.suggestions, session_id=session_id)
    if verdict.kind == "chitchat":
        text = kb.chitchat[verdict.intent].response.format(topics=topics_list(kb))
        return Answer(text, True, verdict.intent, suggestions=kb.decline.suggestions, session_id=session_id)
    topic = kb.topics.get(verdict.intent)
    return Answer(
        answer=" ".join(f.text for f in verdict.facts),
        answered=True,
        intent=verdict.intent,
        citations=tuple(Citation.of(f) for f in verdict.facts),
        suggestions=topic.suggestions if topic else (),
        session_id=session_id,
    )
