"""Compose the answer: text, citations, calculations, a note on dates, and suggestions."""
from __future__ import annotations

from .answer import Answer, Calculation, Citation, Sentence
from .chart import build_chart
from .choose import Verdict
from ..kb.model import KB, Fact
from .meta import fill, joined, provenance
from ..kb.relations import series

MAX_SUGGESTIONS = 3
# Follow-ups worth offering when an answer holds a figure of this kind (see followup.py).
FIGURE_FOLLOWUPS = (
    (lambda fig, kb: fig.share_of is not None, "How many people is that?"),
    (lambda fig, kb: fig.unit == "USD/year", "What is that per hour?"),
    (lambda fig, kb: bool(series(kb, fig)), "What's that as a percentage increase?"),
)


def topics_list(kb: KB) -> str:
    """Name what careerbot can talk about, for help and decline messages."""
    return joined([t.label for t in kb.topics.values()])


def dated(facts: tuple[Fact, ...], msgs: dict[str, str]) -> str:
    """Say in a short phrase how old the figures are, so nobody takes them for today's; when some
    source gives no year, say so for each source rather than date its figures by another's."""
    figs = [f for fact in facts for f in fact.figures]
    years = sorted({y for f in figs for y in f.years})
    if not years:
        return ""
    by_source: dict[str, set[int]] = {}
    for fact in facts:
        if fact.figures:
            by_source.setdefault(fact.source.organization, set()).update(y for f in fact.figures for y in f.years)
    if len(by_source) > 1 and not all(by_source.values()):
        when = [msgs["dated_source"].format(org=org, years=joined([str(y) for y in sorted(ys)])) if ys
                else msgs["dated_source_no_year"].format(org=org) for org, ys in by_source.items()]
        return msgs["dated_sources"].format(list=" ".join(when))
    if any(f.projection for f in figs):
        if len(years) > 1:
            return msgs["dated_projected"].format(start=years[0], end=years[-1])
        return msgs["dated_projection"].format(year=years[0])
    return msgs["dated"].format(years=joined([str(y) for y in years]))


def said(question: str) -> str:
    """Return a question as compared with those already asked (case, spacing and end marks aside)."""
    return " ".join(question.lower().strip("?!. ").split())


def unasked(candidates: list[str] | tuple[str, ...], asked: tuple[str, ...]) -> tuple[str, ...]:
    """Return the candidates not yet asked in the conversation, without repeats, at most MAX_SUGGESTIONS."""
    seen = {said(q) for q in asked}
    fresh = [q for q in dict.fromkeys(candidates) if said(q) not in seen]
    return tuple(fresh[:MAX_SUGGESTIONS])


def suggestions(kb: KB, intent: str, facts: tuple[Fact, ...], asked: tuple[str, ...]) -> tuple[str, ...]:
    """Offer follow-ups the figures allow, then the topic's own suggestions, then the general ones."""
    out = [text for test, text in FIGURE_FOLLOWUPS if any(test(f, kb) for fact in facts for f in fact.figures)]
    topic = kb.topics.get(intent)
    out += list(topic.suggestions) if topic else []
    return unasked(out + list(kb.decline.suggestions), asked)


def read_from(calc: Calculation) -> tuple[str, ...]:
    """Return the facts a calculation rests on: its inputs, the fact that states its result, what it sets aside."""
    return calc.inputs + ((calc.agrees_with,) if calc.agrees_with else ()) + calc.excluded


def compose(verdict: Verdict, calcs: list[Calculation], alone: bool, kb: KB, session_id: str,
            asked: tuple[str, ...] = (), note: bool = True) -> Answer:
    """Turn a verdict and its calculations into the Answer every interface returns.

    `alone` means the calculations answer the question by themselves (an operation was asked for),
    so the answer cites their inputs rather than the facts retrieval found. `asked` holds the
    conversation's questions, this one last: no suggestion repeats one.
    """
    if verdict.kind == "decline":
        template = kb.decline.with_reason if verdict.reason else kb.decline.message
        text = template.format(reason=verdict.reason, topics=topics_list(kb))
        return Answer.said([Sentence(text)], False, "decline", suggestions=unasked(kb.decline.suggestions, asked),
                           session_id=session_id)
    if verdict.kind == "chitchat":
        text, cited = fill(kb, kb.chitchat[verdict.intent].response)
        text = text.replace("{topics}", topics_list(kb))
        return Answer.said([Sentence(text, tuple(f.id for f in cited))], True, verdict.intent,
                           citations=tuple(Citation.of(f) for f in cited),
                           suggestions=unasked(kb.decline.suggestions, asked), session_id=session_id)
    if verdict.kind == "source":
        return Answer.said([Sentence(provenance(kb, verdict.facts), tuple(f.id for f in verdict.facts))], True,
                           verdict.intent, citations=tuple(Citation.of(f) for f in verdict.facts),
                           session_id=session_id)
    inputs = tuple(kb.fact(i) for c in calcs for i in read_from(c))
    # Official, named sources lead (the sources' `rank`); a stable sort keeps relevance within a rank.
    shown = tuple(sorted(verdict.facts, key=lambda f: f.source.rank))
    facts = tuple(dict.fromkeys(inputs if alone else shown + inputs))
    parts = [] if alone else [Sentence(f.text, (f.id,)) for f in shown]
    parts += [Sentence(" ".join(p for p in (c.sentence, c.note) if p), read_from(c)) for c in calcs]
    parts.append(Sentence(verdict.reason))  # an answer's reason is what it could not cover ("not other occupations")
    parts.append(Sentence(dated(facts, kb.language.messages) if note else ""))
    return Answer.said(
        parts,
        answered=True,
        intent=verdict.intent,
        citations=tuple(Citation.of(f) for f in facts),
        calculations=tuple(calcs),
        suggestions=suggestions(kb, verdict.intent, facts, asked),
        session_id=session_id,
        chart=build_chart(kb, facts, calcs),
    )


def merge(parts: list[tuple[str, Answer, Verdict]], kb: KB, session_id: str) -> Answer:
    """Join the answers to each question of a several-part message; say which parts it cannot answer."""
    answered = [a for _, a, _ in parts if a.answered]
    if not answered:
        return parts[0][1]
    msgs, texts = kb.language.messages, []
    for part, answer, verdict in parts:
        quoted = not any(c.isdigit() for c in part)
        if answer.answered:
            texts += answer.sentences
        elif verdict.reason:
            texts.append(Sentence(msgs["part_declined" if quoted else "some_part_declined"].format(part=part, reason=verdict.reason)))
        else:
            texts.append(Sentence(msgs["part_unknown" if quoted else "some_part_unknown"].format(part=part)))
    citations = tuple(dict.fromkeys(c for a in answered for c in a.citations))
    texts.append(Sentence(dated(tuple(kb.fact(c.fact_id) for c in citations), msgs)))
    first = answered[0]
    return Answer.said(texts, True, first.intent, citations=citations,
                       calculations=tuple(c for a in answered for c in a.calculations),
                       suggestions=first.suggestions, session_id=session_id,
                       chart=next((a.chart for a in answered if a.chart), None))
