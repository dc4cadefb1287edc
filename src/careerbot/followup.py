"""Resolve elliptical follow-ups ("what about nursing homes?") against the conversation's context."""
from __future__ import annotations

from dataclasses import replace

from .session import Context
from .understand import Query

# Words that point back at the previous answer: with one, a question carries its context over even
# when it names a topic ("what about pay there?", "how many people is that?").
BACK = frozenset({"that", "it", "those", "them", "this", "these", "there"})
# Words that mark an elliptical question ("and the federal government?", "what about ...?").
MARKERS = frozenset({"and", "same", "also", "instead", "about"})


def is_followup(query: Query, context: Context) -> bool:
    """Tell whether a question leans on the previous one rather than starting fresh."""
    if context.intent is None or query.chitchat or query.out_of_scope:
        return False
    words = set(query.analysis.words)
    if words & BACK:
        return True
    if query.intent is not None:
        return False  # a question that names its own topic starts fresh
    return bool(query.entities or query.years or query.op or words & MARKERS)


def resolve(query: Query, context: Context) -> Query:
    """Merge a follow-up with its context: the topic, entities not replaced, years, and figures to refer to."""
    if not is_followup(query, context):
        return query
    kinds = {e.split(":")[0] for e in query.entities}
    kept = tuple(e for e in context.entities if e.split(":")[0] not in kinds)
    return replace(
        query,
        terms=query.terms + tuple(e for e in kept if e not in query.terms),
        entities=kept + query.entities,
        years=query.years or context.years,
        topic_scores=query.topic_scores if query.intent else ((context.intent, 1),),
        focus=context.figure_ids,
    )
