"""Render answers for a terminal: the answer, its numbered sources, the :debug view and `kb test` results."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from .engine.answer import Answer

if TYPE_CHECKING:
    from .kbtest import TurnResult


def render_text(answer: Answer, prefix: str = "") -> str:
    """Return an answer as plain text with numbered citations."""
    lines = textwrap.wrap(answer.answer, 96, initial_indent=prefix, subsequent_indent=" " * len(prefix))
    for calc in answer.calculations:
        lines.append(f"  = {calc.expression}" + (f"  ({calc.note})" if calc.note else ""))
    for n, cite in enumerate(answer.citations, start=1):
        year = cite.year if cite.year is not None else "year not stated"
        lines.append(f"  [{n}] {cite.source}, {year}: {cite.section} ({cite.fact_id})")
    if answer.suggestions:
        lines.append("  Try: " + " | ".join(answer.suggestions))
    return "\n".join(lines)


def render_debug(answer: Answer) -> str:
    """Return the engine's reasoning: intent, entities, repairs, top hits and the margin."""
    query, verdict = answer.debug.get("query"), answer.debug.get("verdict")
    if query is None or verdict is None:
        return "  (no debug information)"
    lines = [
        f"  intent: {verdict.intent} ({verdict.kind}{': ' + verdict.reason if verdict.reason else ''})",
        f"  topic cues: {dict(query.topic_scores) or '-'}",
        f"  entities: {', '.join(query.entities) or '-'}   years: {', '.join(map(str, query.years)) or '-'}",
        f"  terms: {' '.join(query.terms) or '-'}",
        f"  operation: {', '.join(query.ops) or '-'}   question type: {query.qtype or '-'}   "
        f"follow-up of: {', '.join(query.focus[:3]) or '-'}",
        f"  typo repairs: {', '.join(f'{a}->{b}' for a, b in query.analysis.repairs) or '-'}",
        f"  unknown words: {', '.join(query.analysis.unknown) or '-'}",
    ]
    for r in verdict.ranked[:5]:
        lines.append(f"  {r.score:6.3f}  bm25 {r.bm25:6.3f}  {r.fact.id:24} {' '.join(r.rules)}")
    if verdict.ranked:
        runner_up = verdict.ranked[1].score if len(verdict.ranked) > 1 else 0.0
        lines.append(f"  margin: {verdict.ranked[0].score - runner_up:.3f} (best over the next fact)")
    return "\n".join(lines)


def render_result(result: TurnResult) -> str:
    """Return one graded turn of `kb test`: PASS or FAIL, the question, and for a failure why and the answer."""
    head = f"{'PASS' if result.passed else 'FAIL'} {result.case} {result.turn.where}: {result.turn.q}"
    if result.passed:
        return head
    lines = [head] + [f"  - {f}" for f in result.failures]
    answer = result.answer
    lines.append(f"  answer ({answer.intent}, cites {', '.join(c.fact_id for c in answer.citations) or 'nothing'}):")
    lines += textwrap.wrap(answer.answer, 96, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)
