"""Resolve elliptical follow-ups ("what about nursing homes?", "why?") against the conversation's context."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..kb.language import Language
from ..kb.tokens import tokenize
from .context import Context
from .stopwords import STOPWORDS
from .text import YEAR_RE
from .understand import BROAD_KINDS, DEFINE, REMAINDER, Query

RANKINGS = frozenset({"max", "min", "most", "least", "rank"})  # ops that rank: "and the most?" ranks again
POINTING = frozenset({"why", "define", "need"})  # "why do they need that?", "what's that?", "what would i need for that?"
WHICH_OF_START = 2  # words a which-question about the last two may open with ("ok so which one ...")
BARE_MEASURE = 2  # words of a follow-up that names only a measure ("pay?", "and salary?")
BARE_RANGE = 3  # words of a follow-up that only asks how wide the last figures lie apart ("whats the range")
DIFFERENCE = "difference"  # the language layer's op for the gap between two figures
PAIRWISE = frozenset({"difference", "times", "percent_change"})  # ops that compare two figures (not rankings)


def restates(query: Query, context: Context, lang: Language) -> bool:
    """Tell whether a message only asks for the last answer again, doubted or simpler ("are you sure?", "simpler
    please", "wrong, try again"): words of `restate` and words that ask nothing, as typed ("simpler" is no typo of
    "similar")."""
    said = set(tokenize(query.text))
    return bool(context.fact_ids) and bool(said & lang.restate) and said <= lang.restate | STOPWORDS | lang.question_words


def is_followup(query: Query, context: Context, own: list[str], lang: Language) -> bool:
    """Tell whether a question leans on the previous one rather than starting fresh."""
    if context.intent is None or query.chitchat or query.out_of_scope:
        return False
    words = set(query.analysis.words)
    if words & lang.back_words:
        return True
    if query.weak and len(query.analysis.words) <= BARE_MEASURE and RANKINGS & set(context.ops):
        return True  # "highest" after "lowest paying setting": the other end of the same ranking
    if query.qtype == DEFINE and query.qtype_said and query.entities and not query.ops:
        return False  # "whats O*NET?": what a thing it names is, whatever was asked before
    # "how many times faster?" after a growth answer: arithmetic on the same topic, naming nothing new.
    # So is "what percent don't work in one?": the rest of what the last answer named.
    # And "how much less is the office pay, in percent?" after hospitals against offices: one of the two again.
    same = bool(set(query.ops) & (PAIRWISE | {REMAINDER})) and query.intent == context.intent \
        and set(query.entities) <= set(context.entities)
    # "top 10?" after the bottom 10%'s monthly pay: one thing swapped for another of its kind, and nothing else.
    kinds_before = {e.split(":")[0] for e in context.entities}
    swap = not (query.qtype or query.ops or query.polar) and {e.split(":")[0] for e in query.entities} <= kinds_before
    # "pay?" after the share in outpatient care: a measure alone asks it of what the last answer was about.
    measure = len(query.analysis.words) <= BARE_MEASURE and not query.entities and not query.qtype \
        and bool(query.terms) and all(t.startswith("=") for t in query.terms)
    if query.intent is not None and not same and not measure and not (query.entities and (not own or _marked(query, own, lang))
                                                                      and (words & lang.follow_markers or swap)):
        return False  # a question that names its own topic starts fresh, unless it is "and the top 10%?"
    # "why?", "and the most?": nothing of its own, and no word it does not know ("weather" is no typo of "whether")
    silent = not query.analysis.unknown and not any(fixed in STOPWORDS for _, fixed in query.analysis.repairs)
    # "now?" after a 2008 figure: the same question of today.
    bare = not own and silent and bool(query.qtype or query.weak or words & lang.more_words or words & lang.pay_words["now"])
    return bare or measure or bool(query.entities or query.years or query.op or words & lang.follow_markers)


def of_two(query: Query, context: Context, lang: Language) -> tuple[str, ...]:
    """Return the two things of one kind the last answer was about when a which-question asks which of them ranks
    first ("and which one has more of the jobs?" after hospitals' pay against offices'), else ()."""
    if any(e.split(":")[0] not in BROAD_KINDS for e in query.entities) or not (set(query.ops) & RANKINGS or query.weak):
        return ()
    words = query.analysis.words
    at = next((n for n, w in enumerate(words[:WHICH_OF_START + 1]) if w in lang.which_words), None)  # "ok and which one"
    said = " ".join(words[at:]) + " " if at is not None else ""
    if not any(said.startswith(p + " ") for p in lang.which_of):
        return ()
    kinds: dict[str, list[str]] = {}
    for e in context.entities:
        kinds.setdefault(e.split(":")[0], []).append(e)
    two = [tags for kind, tags in kinds.items() if len(tags) == 2 and kind not in BROAD_KINDS]
    return tuple(two[0]) if len(two) == 1 else ()


def _marked(query: Query, own: list[str], lang: Language) -> bool:
    """Tell whether a question opens with a follow-up marker ("what about", "how about"), names an entity,
    and says one word of its own besides ("what about working for the federal government?")."""
    words = query.analysis.words
    return len(words) > 1 and set(words[:2]) <= lang.follow_markers and bool(query.entities) and len(own) == 1


def resolve(query: Query, context: Context, known: Callable[[str], bool], lang: Language,
            leader: tuple[str, ...] = (), other: tuple[str, ...] = ()) -> Query:
    """Merge a follow-up with its context: the topic, entities not replaced, years, figures to refer to,
    and, when it asks nothing of its own, what the previous question asked about and how. `other`: the other of
    two things of a kind the last answers were about, for "and the other one?". `leader`: what the
    first of a ranking the last answer gave is about, for "there" ("how many work there?")."""
    if other and not query.entities and set(query.analysis.words) & lang.the_other:
        query = replace(query, entities=other, terms=query.terms + other)  # "and the other one?": as if it named it
    # A year is no word of its own: "and back in 2008?" asks the last question of that year.
    own = [t for t in query.terms if known(t) and t not in query.entities and not YEAR_RE.match(t)]
    if not query.ops and set(query.analysis.words) & lang.range_words and len(query.analysis.words) <= BARE_RANGE \
            and (context.figure_ids or context.pay):
        query = replace(query, ops=(DIFFERENCE,))  # "range?" after the middle 50%: the width between its ends
    if two := of_two(query, context, lang):  # the same two, by what the question ranks them by
        return replace(query, terms=query.terms + two, entities=two + query.entities, choosing=True, polar=None)
    if not is_followup(query, context, own, lang):
        return query
    if _marked(query, own, lang):
        own = []  # "working" in "what about working for the federal government?" asks nothing of its own
    kinds = {e.split(":")[0] for e in query.entities}
    whole = bool(set(query.analysis.words) & lang.overall_words)  # "and the overall median?": not the settings before
    kept = tuple(e for e in context.entities if e.split(":")[0] not in kinds and not (whole and e.split(":")[0] not in BROAD_KINDS))
    if leader and RANKINGS & set(context.ops) and set(query.analysis.words) & lang.pay_words["there"]:
        kept += tuple(e for e in leader if e.split(":")[0] not in kinds and e not in kept)  # "there": the ranking's first
    words = set(query.analysis.words)
    # "why do they need that?": a why that points back asks about the last answer, whatever verb it uses.
    # "what's that?" points back only when it asks nothing else ("what do they require?" does).
    pointing = query.qtype in POINTING and bool(words & lang.back_words) and (
        query.qtype == "why" or not [t for t in own if t not in query.requirement])
    carried = tuple(t for t in context.terms if t not in query.terms) if not own or pointing and query.qtype in ("why", "need") else ()
    if query.years:  # "ok what about 2025" after 2008 and 2010: its own year, not theirs
        carried = tuple(t for t in carried if not YEAR_RE.match(t))
    ops = query.ops
    if query.weak and not ops and RANKINGS & set(context.ops):
        ops = (lang.rankings[query.weak],)  # "and the most?" after "which pays least?"
    elif query.place > 1 and not ops and RANKINGS & set(context.ops):
        ops = context.ops  # "and the third?" after "which pays the most?"
    elif not ops and not own and (query.entities or query.years) and context.ops and query.qtype != "define":
        # "and physician offices?" after "how many people work in hospitals?", not "what's in X?"; "and back in 2008?"
        ops = context.ops
        # But what is left out of one thing ("didn't work in hospitals") is no question of the next that asks one of
        # its own ("and what % were in nursing homes?"), only of one that names it alone ("and nursing homes?").
        said = query.analysis.words
        asks = any(w in lang.question_words and after != "about" for w, after in zip(said, (*said[1:], "")))
        if asks and REMAINDER in ops:
            ops = tuple(op for op in ops if op != REMAINDER)
    # "how much more?" is arithmetic, not "any more?"; "other" inside the name of a setting asks nothing more.
    # "and the other two?" names things the last answer gave, not more of them.
    more = bool(words & lang.more_words) and not own and not query.ops and not query.narrowing and not words & lang.pair_words
    # "how about with a bachelor's?" after "what jobs can i get with an associate's?": one thing swapped
    # for another of its kind asks the same question of it, whatever topic the new thing cues alone.
    swapped = not own and bool(kinds) and kinds <= {e.split(":")[0] for e in context.entities}
    return replace(
        query,
        terms=query.terms + tuple(e for e in kept if e not in query.terms) + carried,
        entities=kept + query.entities,
        years=query.years or context.years,
        topic_scores=query.topic_scores if query.topic_scores and not swapped else ((context.intent, 1),),
        focus=context.figure_ids,
        ops=ops,
        # "any others?" after a who-question asks who again; "is that above average?" after a why does not.
        # A yes/no question ("is that fast?" after "why?") asks no question of the last one's type.
        qtype=query.qtype or (context.qtypes[0] if context.qtypes and not own and not ops
                              and query.analysis.words[:1] != ()
                              and query.analysis.words[0] not in lang.polar["asks"] else None),
        carried=carried,
        kept=kept,
        before=context.ops,
        # "those two": two figures the last answer named, else what the last two answers were about (their leaders).
        paired=tuple(dict.fromkeys(context.named[:2] if len(context.named) >= 2
                                   else (context.named or context.figure_ids)[:1] + context.earlier)),
        exclude=context.fact_ids if more else (),
        pointed=context.fact_ids if pointing else (),
    )
