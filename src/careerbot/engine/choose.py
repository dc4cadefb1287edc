"""Decide what to answer: rank the hits with the question's intent and entities, or decline."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..kb.model import KB, Fact
from ..kb.tokens import tokenize
from ..kb.relations import siblings
from .retrieve import Hit, Index
from .text import stem
from .understand import BROAD_KINDS, DEFINE, NEED, THOUSANDS, Query, opener, own_names, subject_terms

# Weights of the ranking rules, as data: tests and :debug read them by name.
WEIGHTS = {
    "topic": 0.5,  # the fact is on the question's topic
    "entity": 0.6,  # per entity of the question (a setting, a statistic, a year ...) the fact's figures are about
    "entity_text": 0.3,  # per entity of the question the fact only mentions in its text
    "kept_entity": 0.3,  # the same for an entity a follow-up took over from the question before: it counts less
    "kept_entity_text": 0.15,
    "role": 0.3,  # the fact is about the role the question names (one role rather than the whole occupation)
    "other_entity": -1.0,  # the fact is about another entity of a kind the question names
    "extra_scope": -0.3,  # per kind of scope the fact's figures narrow to that the question does not name
    "baseline": -1.0,  # every figure of the fact is a comparison group's (all occupations) the question does not name
    "figure": 0.4,  # the question asks for a quantity ("how many", "per hour") and the fact holds figures
    "reason": 1.0,  # a why-question, and the fact gives the reason for the question's topic (`explains`)
    "defines": 1.0,  # a what-is or who-is question, and the fact says what a thing the question names is
    "answer_kind": 0.5,  # a who-question, and the fact names an entity of a kind that answers who (an organization)
    "mentioned": 0.8,  # the fact holds a figure whose value the question writes ("how many people is 5%?")
    "pointed": 0.6,  # a follow-up points at the fact, which the last answer gave ("why do they need that?")
    "action": 0.6,  # a how-to question, and the fact uses the word of what it asks to do ("how do i pick one?")
    "context_only": -0.5,  # a follow-up with words of its own, and the fact matches only what it took over
    "projected": 0.8,  # a question about the future, and the fact on its topic holds a projected figure
    "requirement": 1.0,  # a question whether a thing is needed or enough, and the fact states a requirement
    "other_measure": -0.8,  # the question's own words name money (or a count) and the fact's figures are all the other
    "judged": 0.8,  # the fact makes the judgment the question asks for, in its words ("the best job opportunities")
    "rest": 1.0,  # the fact holds a figure whose rest the question names ("how much are the benefits worth?")
    "attained": -0.8,  # the fact counts who has a thing the question names as had ("how about with a bachelor's?")
    "brings": 0.8,  # ... and the fact explains the topic that thing belongs to (what a bachelor's leads to)
}
MANNER_MIN = 7  # shorter words with those endings are often names or things ("italy", "family")
FOLLOW = 0.85  # a further fact joins the answer when it scores this close to the best
MAX_FACTS = 3
PAY_OPS = frozenset({"hourly", "monthly"})  # conversions of pay: a question of the group's pay, not of a part's count
SPECIFIC = 0.3  # the best fact leads the overview by this much: the question asks for it, not for an overview
COMMON = 0.5  # a term in more than this share of facts says little about which fact is meant
SOURCES = "sources"  # the small-talk intent that names the KB's sources
RECENCY = "recency"  # the small-talk intent that names the years of the KB's figures
COMPARED = frozenset({"difference", "percent_change", "times", "max", "min", "most", "least", "rank"})  # ops that compare


@dataclass(frozen=True)
class Ranked:
    """A hit with its final score and the rules that moved it."""

    fact: Fact
    score: float
    bm25: float
    rules: tuple[str, ...]
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The decision for one question."""

    kind: str  # "answer", "source" (where the facts come from), "chitchat" or "decline"
    intent: str
    facts: tuple[Fact, ...] = ()
    reason: str = ""
    ranked: tuple[Ranked, ...] = ()


def rank(query: Query, hits: list[Hit], index: Index, kb: KB) -> list[Ranked]:
    """Combine BM25 with the rule weights; best first."""
    if not hits:
        return []
    top = max(h.score for h in hits) or 1.0
    # What the question asks, worked out once: its topic (between two topics, both, so a fact on both
    # is the one it means), its entities by kind, its roles that single something out, its kinds.
    best_cues = query.topic_scores[0][1] if query.topic_scores else 0
    asked_topics = {t for t, n in query.topic_scores if n == best_cues}
    asked: dict[str, list[str]] = {}
    for tag in query.narrowing + tuple(f"year:{y}" for y in query.years):
        asked.setdefault(tag.split(":")[0], []).append(tag)
    common = len(kb.facts) * COMMON
    # A role a follow-up took over singles out only when it asks nothing of its own ("and the third one?"), not
    # when it asks of another thing ("do the ones with a bachelor's make more?" after the techs' shares).
    # Nor when it names a thing had ("how about with a bachelor's?" after "do coders need a degree?").
    roles = [t for t in query.entities if t not in query.narrowing and (t not in query.kept or query.carried and not query.attained)
             and index.df(t) <= common]
    extra_kinds = kb.choice_kinds - query.kinds
    personal = kb.scope_kinds - BROAD_KINDS - set(kb.question_kinds.get("where", ()))  # what one can have
    answer_kinds = set(kb.question_kinds.get(query.qtype or "", ()))
    # What a need question is about: its topic, else the topics of the facts with figures on what it names.
    needed = asked_topics or {t for h in hits if set(query.narrowing) & index.tags_of(h.fact).figures for t in h.fact.topics}
    lang = kb.language  # comparing words: "more", "lower", and the superlatives "highest", "lowest"
    ranking = {w for op in lang.rankings for w in lang.operations.get(op, ())}
    comparing = bool(set(query.analysis.words) & (set(lang.polar["more"]) | set(lang.polar["less"]) | ranking))
    # A follow-up's own words ("is it required?" after the RHIT): a fact must match one of them.
    own = {t for t in query.terms if t in index.postings and t not in query.kept and t not in query.carried
           and t.split(":")[0] not in BROAD_KINDS} \
        if query.kept or query.carried else set()
    money = _money_asked(query, index)
    rest = _rest_named(query, kb)
    # "who has the best job chances?": a fact that makes the judgment, the judged word and what it judges.
    judging = set().union(*({stem(query.analysis.words[n]), *after} for n, after in query.judged if after))
    judged = {stem(w) for w in lang.judged} & judging
    terms = set(query.terms)
    # "with a bachelor's?" asks what it brings, unless the last answer counted people by that kind ("and with a
    # bachelor's?" after the share with some college).
    attained: set[str] = set()
    if query.attained:
        counted = {k.split(":")[0] for i in query.focus if (f := kb.figures.get(i)) for k in kb.tags_of(f)}
        attained = {t for t in query.attained if t.split(":")[0] not in counted}
    out = []
    for hit in hits:
        figure_tags, text_tags, scope_kinds = index.tags_of(hit.fact)
        rules = ["topic"] * len(asked_topics.intersection(hit.fact.topics))
        # "does a bachelor's help with job security?": what a figure is about counts as a figure only when
        # the question asks for a figure, or for the measure the figure is of ("what share have a bachelor's?").
        figured = figure_tags if query.ops or any(index.measured.get(f.measure, frozenset()) & terms
                                                    for f in hit.fact.figures) else frozenset()
        for kind, tags in asked.items():
            found = [("kept_" if t in query.kept else "") + ("entity" if t in figured else "entity_text")
                     for t in tags if t in figure_tags or t in text_tags]
            if found:
                rules += found
            elif any(t.startswith(kind + ":") for t in figure_tags):
                rules.append("other_entity")  # about another setting (year ...) than any the question names
        rules += ["role" for t in roles if t in text_tags or t in figure_tags]  # the whole occupation singles out nothing
        rules += ["extra_scope"] * len(scope_kinds & extra_kinds)
        if kb.baselines and hit.fact.figures and all(kb.tags_of(f) & kb.baselines - set(query.entities) for f in hit.fact.figures):
            rules.append("baseline")  # "what is the median pay?" means the occupation's own median
        rules += ["figure"] if query.op and hit.fact.figures else []
        if attained:
            rules += ["attained"] if attained & figure_tags else []
            rules += ["brings"] if set(query.brings) & set(hit.fact.explains) and attained & (figure_tags | text_tags) else []
        if len(money) == 1 and hit.fact.figures and all(f.unit.startswith("USD") not in money for f in hit.fact.figures):
            rules.append("other_measure")
        if query.qtype == "why" and (asked_topics or set(hit.fact.topics)) & set(hit.fact.explains) \
                and (not comparing or set(query.narrowing) <= figure_tags | text_tags):
            rules.append("reason")  # "why do doctor's offices pay less?": a reason about them, not pay in general
        if query.qtype in ("define", "who") and _defines(query, hit, index):
            rules.append("defines")
        if query.mentioned and any(f.id in query.mentioned for f in hit.fact.figures):
            rules.append("mentioned")
        if hit.fact.id in query.pointed:
            rules.append("pointed")
        if any(f.id in rest for f in hit.fact.figures):
            rules.append("rest")
        if query.future and any(f.projection for f in hit.fact.figures) and (not asked_topics or asked_topics & set(hit.fact.topics)):
            rules.append("projected")
        if query.requirement and hit.fact.id in index.using(query.requirement) and needed & set(hit.fact.topics):
            rules.append("requirement")  # "do i need a four year degree?": what entry calls for, not who has one
        elif query.requirement and hit.fact.id in query.pointed and {t.split(":")[0] for t in text_tags} & personal:
            rules.append("requirement")  # "what would i need for that?": the last answer's fact names what it takes
        if own and not own & set(hit.matched):
            rules.append("context_only")
        if query.action and query.action in hit.matched and set(query.own_narrowing) <= figure_tags | text_tags \
                and (not asked_topics or asked_topics & set(hit.fact.topics)):
            rules.append("action")  # not about doing it to another thing ("become a manager", "become certified")
        if answer_kinds and any(t.split(":")[0] in answer_kinds for t in text_tags):
            rules.append("answer_kind")
        if judging and len(judging & set(hit.matched)) > 1 and judged & set(hit.matched):
            rules.append("judged")
        score = hit.score / top + sum(WEIGHTS[r] for r in rules)
        out.append(Ranked(hit.fact, score, hit.score, tuple(rules), hit.matched))
    return sorted(out, key=lambda r: -r.score)


def _is_specific(query: Query, ranked: list[Ranked], overview: tuple[str, ...], index: Index, kb: KB) -> bool:
    """Tell whether a question asks for particular facts rather than its topic's overview."""
    # A year every overview fact's figures share picks none of them ("where did coders work in 2008?"), unless
    # a follow-up dates the last answer's figure ("and back in 2008?").
    fresh = not (query.focus or query.carried or query.kept)
    shared = bool(query.years) and fresh and all(set(query.years) <= {y for f in kb.fact(i).figures for y in f.years}
                                                 for i in overview)
    if query.narrowing or query.years and not shared or (query.topic_scores and not query.intent):
        return True  # names a figure, or sits between topics: not a general question about one topic
    best = ranked[0]
    if {"reason", "defines", "action", "requirement"} & set(best.rules):
        return True  # a why, what-is or how-to question that a fact answers by itself
    if query.intent and query.intent not in best.fact.topics:
        return False  # the question names its topic; a fact off that topic does not answer it
    if "answer_kind" in best.rules:
        # "who certifies coders?": the facts that name one; "where do they work?": the whole overview names one.
        # An overview fact no word of the question reached is judged by what it names.
        answer_kinds = set(kb.question_kinds.get(query.qtype or "", ()))
        kinds = {r.fact.id: "answer_kind" in r.rules for r in ranked if r.fact.id in overview}
        return not all(kinds[i] if i in kinds else any(t.split(":")[0] in answer_kinds for t in index.tags_of(kb.fact(i)).text)
                       for i in overview)
    rivals = ranked[1:] if best.fact.id in overview else [r for r in ranked if r.fact.id in overview]
    # "is medical records a growing field?": words of the occupation's own name pick out no fact of the topic.
    subject = subject_terms(kb)
    if best.fact.id not in overview and any(set(best.matched) - subject <= set(r.matched) for r in rivals):
        return False
    return best.score - max((r.score for r in rivals), default=0.0) >= SPECIFIC


def choose(query: Query, index: Index, kb: KB, limit: int = MAX_FACTS) -> Verdict:
    """Pick the facts that answer a question, or say why it is declined."""
    verdict = _choose(query, index, kb, limit)
    if verdict.kind == "answer" and query.qtype == "when" and RECENCY in kb.chitchat and not verdict.facts[0].figures \
            and kb.language.figure_words & set(query.analysis.words) \
            and not any(e.split(":")[0] not in BROAD_KINDS for e in query.entities) \
            and not (query.mentioned or query.pointed or query.focus or query.years or query.kept):
        # "what year are your job numbers from?" finds no figure of its own: the years of all of them. A figure found
        # with no year ("what year is the salary firm data from?") is declined for that later.
        return Verdict("chitchat", RECENCY)
    aside = _scope_reason(query, kb) if query.out_of_scope else ""
    return replace(verdict, reason=aside) if verdict.kind == "answer" and aside else verdict


def _scope_reason(query: Query, kb: KB) -> str:
    """Return the reason of the first out-of-scope group a question touches, a state last: the pay table answers
    a state's pay, so "which state has the most coders per capita?" is declined for "per capita"."""
    states = kb.pay.state_group if kb.pay else None
    return kb.out_of_scope[sorted(query.out_of_scope, key=lambda g: g == states)[0]].reason


def _choose(query: Query, index: Index, kb: KB, limit: int) -> Verdict:
    if query.chitchat and query.out_of_scope and query.out_of_scope != (kb.others,):
        # "this bot is trash": small talk's words ("bot"), but about what it cannot answer
        return Verdict("decline", "decline", reason=_scope_reason(query, kb))
    if query.chitchat:
        return Verdict("chitchat", query.chitchat)  # the whole message is small talk
    if query.qtype == "source":
        # "who came up with that number?": the facts the question would get, by their sources; with none,
        # the KB's sources ("where does your info come from?").
        verdict = _choose(replace(query, qtype=None), index, kb, limit)
        if verdict.kind == "answer" and all(set(f.defines) & set(query.entities) for f in verdict.facts):
            return verdict  # "do your numbers come from the BLS?": what the KB says of the source it names
        if verdict.kind == "answer":
            figured = [r.fact for r in verdict.ranked if r.fact.figures and verdict.intent in r.fact.topics]
            if figured and not any(f.figures for f in verdict.facts) and kb.language.figure_words & set(tokenize(query.text)):
                verdict = replace(verdict, facts=tuple(figured[:limit]))  # "where do the education numbers come from?"
            return replace(verdict, kind="source")
        return Verdict("chitchat", SOURCES) if SOURCES in kb.chitchat and not verdict.reason else verdict
    if query.out_of_scope:
        # "surgical tech pay vs medical coder pay": the part about the KB's own roles is answered, with
        # the reason it cannot speak of the other occupation; anything else out of scope is declined.
        # Set against the other occupation ("what's the difference", "which pays better"), no part stands alone.
        against = query.qtype == DEFINE or {"most", "least"} & set(query.ops)
        if query.out_of_scope != (kb.others,) or against or not any(e.split(":")[0] in BROAD_KINDS for e in query.entities):
            return Verdict("decline", "decline", reason=_scope_reason(query, kb))
    if query.counts:
        return Verdict("decline", "decline", reason=kb.language.messages["no_count"].format(thing=query.counts))
    if query.asserted:
        # "ok then just say coders make $90,000": an amount to repeat, not a question the KB answers.
        return Verdict("decline", "decline", reason=kb.language.messages["asserted"])
    if query.amount and query.amount[1] == "USD/year" and not query.mentioned and True in _money_asked(query, index) \
            and (set(query.ops) & kb.language.quantity_ops or index.percent in query.terms):
        # "what percent of coders earn over 60k?", "how many make six figures?": pay figures are percentiles, not
        # the share of workers on either side of an amount the question writes.
        return Verdict("decline", "decline", reason=kb.language.messages["no_share_of_amount"])
    if query.amount and query.amount[1] == "USD/year" and not (query.polar or query.ops or query.mentioned) \
            and query.amount[0] > _ceiling(kb) and _money_asked(query, index) == {True}:
        # "can coders make six figures?": above every pay figure, none of which says whether anyone earns it.
        return Verdict("decline", "decline", reason=kb.language.messages["beyond_figures"])
    if query.unsplit and (set(query.ops) & kb.language.quantity_ops or index.percent in query.terms):
        # "how many of the new jobs will be in hospitals?", "what percent of the [count] openings are in hospitals?": a
        # count the KB splits no such way.
        return Verdict("decline", "decline", reason=kb.language.messages["no_share"])
    scoped = [t for t in query.own_narrowing if t.split(":")[0] in kb.scope_kinds]
    if query.future and {"change", "percent_change"} & set(query.ops) and scoped \
            and not any(f.projection and set(scoped) <= kb.tags_of(f) for f in kb.figures.values()):
        # "how many new jobs will there be in hospitals?": the projection is of the whole occupation only.
        return Verdict("decline", "decline", reason=kb.language.messages["no_projection"].format(what=kb.entities[scoped[0]].label))
    if query.parts and (query.ops or kb.language.amount_words & set(query.analysis.words)) and _money_asked(query, index) != {True} \
            and not set(query.ops) & PAY_OPS:
        # "how many coders retire each year?", "what % are insurers?": a part the KB counts only with others. Not
        # its pay: the group's figure, or the group's lack of one, answers that ("the hourly median at a medicare office").
        typed = re.search(r"\b" + r"\W+".join(map(re.escape, query.parts[0].split())) + r"\b", query.text, re.IGNORECASE)
        return Verdict("decline", "decline", reason=kb.language.messages["no_part"].format(part=typed.group() if typed else query.parts[0]))
    if query.alike:  # "biller vs coder": one entity to the KB, which cannot say how they differ
        return Verdict("decline", "decline", reason=kb.language.messages["same_thing"].format(first=query.alike[0],
                                                                                             second=query.alike[1]))
    # A rate needs a percentage: "the turnover rate" is no count of openings the fact keyed "turnover" has.
    rates = kb.language.rate_heads
    unmeasured = [phrase for term, phrase in query.measures
                  if not index.figured(term, "percent" if phrase.split()[-1] in rates else None)]
    if unmeasured:
        # "the unemployment rate", "the stress level": a measure named by a word no fact with a figure
        # uses ("the job placement rate": the article says to check it, but gives none).
        return Verdict("decline", "decline", reason=kb.language.messages["no_measure"].format(thing=unmeasured[0]))
    if query.unlisted_share:  # "and the top 1%?": not the top 10%, which the article has
        return Verdict("decline", "decline", reason=kb.language.messages["no_value"])
    if query.unlisted:
        # "what about dental offices?": a place of the kind the KB counts, but not one it lists.
        return Verdict("decline", "decline", reason=kb.language.messages["unlisted"].format(place=query.unlisted))
    if query.unneeded:
        # "do i need to know anatomy for the exam?": whether a thing the KB has never heard of is needed.
        return Verdict("decline", "decline", reason=kb.language.messages["unknown_name"].format(name=query.unneeded))
    if query.names:
        # "do I need to know HIPAA?", "the placement rate at Penn Foster for coders": a named thing the KB
        # has never heard of is what the question is about, whatever else it names.
        return Verdict("decline", "decline", reason=kb.language.messages["unknown_name"].format(name=query.names[0]))
    if any(y not in kb.years for y in query.years):
        # Naming the years the KB has would state numbers a decline cannot cite.
        return Verdict("decline", "decline", reason="I have no figures for the year you asked about.")
    if query.qtype == "define" and query.pointed and not query.own_narrowing:
        # "what's that?": what defines the things the last answer named (not the occupation itself).
        named = {t for i in query.pointed for t in index.tags_of(kb.fact(i)).text if t.split(":")[0] not in BROAD_KINDS}
        defines = [f for f in kb.facts if named & set(f.defines) and f.id not in query.pointed]
        if defines:
            return Verdict("answer", defines[0].topics[0], tuple(defines[:limit]))
    domain = [t for t in query.terms if t in index.postings]
    if query.focus and query.op and not [t for t in domain if t not in query.carried]:
        # "how many people is that?": the previous answer's figures are what it is about.
        facts = tuple(dict.fromkeys(kb.fact(kb.figures[i].fact_id) for i in query.focus if i in kb.figures))
        if facts:
            return Verdict("answer", query.intent or facts[0].topics[0], facts[:1])
    own = [t for t in domain if t not in query.carried]
    if unspoken(query, index, kb):
        return Verdict("decline", "decline")
    # A question that points back with a question word ("who hands that out?") may use verbs the KB lacks.
    pointing = bool((query.carried or query.kept) and query.qtype and set(query.analysis.words) & kb.language.back_words)
    # So may a who-question that names what it asks about ("who grants the RHIT?").
    pointing = pointing or bool(query.qtype == "who" and set(query.entities) - set(query.kept))
    # Long words with a manner ending say how, not what ("and coders specifically?", "exactly"): no unknown topic.
    manner = tuple(kb.language.manner_endings)
    # Nor a word of the out-of-scope phrase it names ("like computer programming"): that part is accounted for; but
    # an occupation the pay table names ("medical assistant vs coder") is left for the table to answer whole.
    titled = kb.pay.names if kb.pay else {}
    named_aside = {w for g in query.out_of_scope for term in kb.out_of_scope[g].terms
                   if tuple(tokenize(term)) not in titled for w in term.split()}
    unknown = [w for w in query.analysis.unknown if not (len(w) >= MANNER_MIN and w.endswith(manner))
               and not (query.amount and w in THOUSANDS) and w not in named_aside]  # "43k" is an amount, not a word
    # A thing the figures are of (a work setting) weighs twice a plain word: "what's in the <setting> bucket?";
    # not an organization, whose unknown attribute is what is asked ("the AAPC's phone number").
    weight = len(own) + sum(1 for t in own if t.split(":")[0] in kb.scope_kinds and t.split(":")[0] not in BROAD_KINDS)
    if not (domain or query.pointed) or (unknown and len(unknown) >= weight and not pointing):
        return Verdict("decline", "decline")  # as many words the KB does not know as words it knows
    aside = _set_aside(query, index, kb)
    hits = index.search(query.terms)
    hits += [Hit(kb.fact(i), 0.0, ()) for i in query.pointed if i not in {h.fact.id for h in hits}]  # "why that?"
    # "how much are the benefits worth?": the fact of the figure whose rest it names, in whatever words.
    hits += [Hit(f, 0.0, ()) for f in dict.fromkeys(kb.fact(kb.figures[i].fact_id) for i in _rest_named(query, kb))
             if f.id not in {h.fact.id for h in hits}]
    if query.qtype == "why" and query.intent:  # "why?" after "is it growing?": the reasons its topic has
        hits += [Hit(f, 0.0, ()) for f in index.explaining.get(query.intent, ()) if f.id not in {h.fact.id for h in hits}]
    if query.requirement:  # "can you get hired with only a diploma?": what entry calls for, in other words
        hits += [Hit(f, 0.0, ()) for f in index.using(query.requirement).values() if f.id not in {h.fact.id for h in hits}]
    ranked = [r for r in rank(query, hits, index, kb) if r.fact.id not in set(query.exclude) | aside]
    asked = kb.topics.get(query.intent or "")
    if not ranked and aside and asked and asked.overview:
        # Everything it matched is set aside: the rest of its topic is the answer.
        facts = [kb.fact(i) for i in asked.overview if i not in aside][:limit]
        return Verdict("answer", asked.id, tuple(facts)) if facts else Verdict("decline", "decline")
    if not ranked:
        return Verdict("decline", "decline")
    if query.qtype == "why" and query.level:
        # "why so low?": a level's reason is stated with its figure ("why so many jobs?": an aging population);
        # a reason without figures says why figures vary ("why do some make more than others?"), not why one is so.
        ranked = [r for r in ranked if "reason" not in r.rules or r.fact.figures]
    if query.qtype == "why" and any("reason" in r.rules for r in ranked):
        ranked = [r for r in ranked if "reason" in r.rules]  # "why is it growing?": only a fact that gives one
    if query.requirement and any("requirement" in r.rules for r in ranked):
        ranked = [r for r in ranked if "requirement" in r.rules]  # "with only a diploma?": not who has one
    query, ranked = _measured(query, ranked, kb)
    best = ranked[0]
    if kb.others and _unsaid_of(query, index, kb):
        # "whats a typical day like for a health information manager?": the article names the occupation, but
        # says nothing of it on the topic asked (its duties), only elsewhere (how to advance to it).
        return Verdict("decline", "decline", reason=kb.out_of_scope[kb.others].reason, ranked=tuple(ranked))
    if query.qtype == "where" and unknown and kb.question_kinds.get("where") and not any("answer_kind" in r.rules for r in ranked):
        return Verdict("decline", "decline", ranked=tuple(ranked))  # "where are they located?" of an organization
    # "how many people pass the RHIT exam?": a count whose fact names none of the things the question does.
    named = {t for t in own if t in kb.entities and t.split(":")[0] not in BROAD_KINDS}
    # ... or one of a kind it names nothing of ("what % of RHITs work in hospitals?": no share by credential); another
    # of a kind it names is the other side of a comparison or a sum ("hospitals and doctors offices combined").
    kinds = {t.split(":")[0] for t in named & set(best.matched)}
    # Nor a comparison's ("how much higher is the base salary than the BLS median, in percent?").
    unnamed = best.fact.figures and named and (not kinds or not set(query.ops) & COMPARED
                                               and any(t.split(":")[0] not in kinds for t in named - set(best.matched)))
    # ... or names a head count ("how big is the AAPC?"): the people the count is of must be what it names.
    counting = set(query.ops) & kb.language.quantity_ops or index.percent in query.terms or query.majority \
        or any(e.split(":")[0] in kb.question_kinds.get("who", ()) for e in named) and False in _money_asked(query, index)
    # "what percent of hospital coders are certified?": people qualified by a topic no figure is about.
    qualified = set(own) & _unpaid_kinds(kb)[1] - set(best.matched) \
        if best.fact.figures and not set(query.ops) & (COMPARED | {"change"}) else set()
    if counting and not query.focus and (not best.fact.figures or unnamed or qualified):
        # "how many coders were there?": a fact with figures that matches all the question's own words but
        # whom it asks about; "what percent of coders are certified?": none, a count or share it lacks.
        asked = named | qualified if best.fact.figures else {t for t in own if t.split(":")[0] not in BROAD_KINDS}
        figured = [r for r in ranked if r.fact.figures and asked <= set(r.matched)]
        if not figured:
            return Verdict("decline", "decline", reason=kb.language.messages["no_share"], ranked=tuple(ranked))
        ranked = [figured[0]] + [r for r in ranked if r is not figured[0]]
        best = ranked[0]
    if query.stat_said and not any(f.stat for f in best.fact.figures) and not query.ops and query.qtype in (None, "define") \
            and not query.polar:
        # "what's the national median for all jobs exactly?": a statistic's value, and no figure that gives one;
        # "what was the national median in 2008?" is no growth rate of the whole workforce either.
        return Verdict("decline", "decline", reason=kb.language.messages["no_value"], ranked=tuple(ranked))
    if named and query.intent and query.intent not in best.fact.topics and (query.polar or set(query.ops) & COMPARED):
        # "is their median above the national median for all jobs?": of the statements that name all a comparison
        # names, one on the question's topic (pay), not the growth fact whose "average" also reads as a median.
        on = next((r for r in ranked[1:] if query.intent in r.fact.topics and not r.fact.figures
                   and named <= set(index.terms_of(r.fact))), None)
        if on:
            ranked = [on] + [r for r in ranked if r is not on]
            best = ranked[0]
    unpaid = _unpaid(query, index, kb, best)
    if unpaid or named and (query.polar or set(query.ops) & COMPARED) and not named <= set(index.terms_of(best.fact)):
        # "was the median above or below the median for all jobs?": no figure of the one, but a statement that
        # names them both answers, if there is one.
        said = next((r for r in ranked[1:] if not r.fact.figures and named <= set(index.terms_of(r.fact))
                     and not _unpaid(query, index, kb, r)), None) if named else None
        if said:
            ranked = [said] + [r for r in ranked if r is not said]
            best = ranked[0]
        elif unpaid:
            return Verdict("decline", "decline", reason=kb.language.messages["no_pay_by"], ranked=tuple(ranked))
    common = len(kb.facts) * COMMON
    # Only words most facts share ("pharmacy technicians") say nothing, unless a fact says what they are.
    if not query.intent and all(index.df(t) > common for t in domain) and "defines" not in best.rules:
        return Verdict("decline", "decline", ranked=tuple(ranked))
    intent = query.intent or best.fact.topics[0]
    if query.qtype == "why" and "reason" not in best.rules:
        return Verdict("decline", "decline", reason=kb.language.messages["no_reason"], ranked=tuple(ranked))
    topic = kb.topics.get(intent)
    # "do most coders have a college degree?": the share asked for, not the topic's overview.
    if topic and topic.overview and not (query.majority and best.fact.figures) and not _is_specific(query, ranked, topic.overview, index, kb):
        facts = [kb.fact(i) for i in topic.overview if i not in set(query.exclude) | aside] or [best.fact]
        if best.fact not in facts and _names_role(query, best):
            facts = [best.fact] + facts[: MAX_FACTS - 1]
        if limit < MAX_FACTS:  # one part of several: the overview facts the question matched best
            order = {r.fact.id: n for n, r in enumerate(ranked)}
            facts = sorted(facts, key=lambda f: order.get(f.id, len(order)))[:limit]
        return Verdict("answer", intent, tuple(facts), ranked=tuple(ranked))
    facts = [best.fact]
    for other in ranked[1:]:
        if len(facts) >= limit:
            break
        close = other.score >= FOLLOW * best.score and other.rules.count("entity") >= best.rules.count("entity")
        # "do i need a degree?": every requirement on its topic (what entry calls for, and what may do instead)
        stated = "requirement" in best.rules and "requirement" in other.rules
        # "the [base salary it writes] ... than the 2008 median of [its value]": both figures the question writes.
        stated = stated or "mentioned" in best.rules and "mentioned" in other.rules
        # On the question's topic, or, where the measure asked moved the best off it, on the best's.
        topical = intent in other.fact.topics or intent not in best.fact.topics and set(best.fact.topics) & set(other.fact.topics)
        # "do techs work at insurance companies too or just hospitals?": each thing it chooses between.
        # So is each of things of one kind it lists ("the median and the top 10%").
        listing = query.choosing or len(named) > 1 and len({t.split(":")[0] for t in named}) == 1 and not query.ops
        chosen = listing and bool(named & set(other.matched) - {t for r in ranked if r.fact in facts for t in r.matched})
        if topical and (close or stated or chosen or _alike(best, other, kb)):
            facts.append(other.fact)
    if topic and topic.overview and _names_role(query, best):
        # A figure for one role comes with the occupation-wide overview figure for context.
        context = kb.fact(topic.overview[0])
        facts = facts[: MAX_FACTS - 1] + ([context] if context not in facts else [])
    return Verdict("answer", intent, tuple(facts[:max(limit, 1)]), ranked=tuple(ranked))


def _unsaid_of(query: Query, index: Index, kb: KB) -> str:
    """Return an occupation the article only names that the question asks something of that no fact naming
    it says (its duties), else "": "what degree do managers need?" is answered by the fact that names both."""
    asked = {t for t in query.terms if t.startswith("=") and t not in query.carried and t not in query.kept}
    for e in (e for e in query.entities if e not in query.kept and kb.entities[e].no_figures):
        naming = [f for f in kb.facts if e in index.tags_of(f).text]
        # A class is said by its word or by a thing of the kind of that name ("degree": a bachelor's degree).
        said = {t for f in naming for t in index.terms_of(f)}
        said |= {f"={t.split(':')[0]}" for t in said if ":" in t}
        if asked and naming and not asked & said:
            return e
    return ""


def _measured(query: Query, ranked: list[Ranked], kb: KB) -> tuple[Query, list[Ranked]]:
    """Put first the best fact with figures of the measure a question asks ("how much does coding pay?", "is
    coding growing?") when the best fact matched only words of the occupation's own name, which name no thing
    or measure of their own ("how many students are in a program?" asks a count of students); the measure's
    topic is then the question's. With no figures of it, the best fact that states what the lexicon names
    ("people skills for coding"), when only the name cued a topic."""
    best = ranked[0]
    if best.fact.figures or query.qtype == "why" or not set(best.matched) <= subject_terms(kb):
        return query, ranked
    measures = {t for t in query.terms if t.startswith("=") and t not in query.carried and t not in query.kept}
    figured = next((r for r in ranked if r.fact.figures and measures & set(r.matched)), None)
    if not figured:
        # "do i need people skills for coding?": no measure, but a thing the lexicon names, which a fact states.
        said = next((r for r in ranked if measures & set(r.matched)), None)
        if said is None or query.intent in said.fact.topics or not set(dict(query.topic_scores)) <= set(_subject_topics(kb)):
            return query, ranked
        return replace(query, topic_scores=((said.fact.topics[0], max((n for _, n in query.topic_scores), default=0) + 1),)), \
            [said] + [r for r in ranked if r is not said]
    ranked = [figured] + [r for r in ranked if r is not figured]
    tie = next(((t, n) for t, n in query.topic_scores
                if measures & {f"={c}" for c in kb.topics[t].cues if c in kb.synonyms}), None) if not query.intent else None
    if not tie:
        return query, ranked
    # The measure breaks the tie between its topic and the topic of the work's own name.
    return replace(query, topic_scores=((tie[0], tie[1] + 1), *(ts for ts in query.topic_scores if ts != tie))), ranked


@lru_cache(maxsize=8)
def _subject_topics(kb: KB) -> frozenset[str]:
    """Return the topics a word of the occupation's own name cues ("coding")."""
    subject = subject_terms(kb)
    return frozenset(t.id for t in kb.topics.values() if any(stem(c) in subject for c in t.cues))


def unspoken(query: Query, index: Index, kb: KB) -> bool:
    """Tell whether a question asks yes or no of a kind of thing (a class of the lexicon) no fact speaks of
    ("is that before taxes?"): neither the facts nor today's pay table can say."""
    said = [t for t in query.terms if t not in query.carried and t not in query.kept]
    return bool(said) and not query.ops and opener(query.analysis.words, kb.language) in kb.language.polar["asks"] \
        and all(t.startswith("=") and t not in index.postings for t in said)


def _rest_named(query: Query, kb: KB) -> tuple[str, ...]:
    """Return the figures whose rest a question names, unless it asks a head count of the rest ("how many coders
    quit in their first year?"), which needs a count of them."""
    return () if set(query.ops) & kb.language.quantity_ops else query.rest


def _money_asked(query: Query, index: Index) -> set[bool]:
    """Return whether the question's own measure words ask money (True) or a count (False), or both; not
    "percent", which also says how to give a difference ("how much more in percent?")."""
    return {m for t in query.terms if t not in query.carried and t != index.percent for m in index.money.get(t, ())}


def _unpaid(query: Query, index: Index, kb: KB, best: Ranked) -> bool:
    """Tell whether a question about money names a thing no money figure is about, which its best fact, one
    with money figures, does not mention ("do certified coders make more?": pay figures, none by certification;
    "what do coders with a bachelor's make?": education levels have shares, no pay)."""
    if _money_asked(query, index) != {True}:
        return False
    said = set(index.terms_of(best.fact))
    compares = bool(query.polar or set(query.ops) & COMPARED)
    if not any(f.unit.startswith("USD") for f in best.fact.figures):
        # "what do techs with an associate's earn?": a fact about the degree that says nothing of pay; but
        # "who pays the bills?" asks who, "why?" a reason, and "the money's ok, what degree do i need?" a need.
        paying = {t for t, kinds in index.money.items() if True in kinds}
        # "do people with a bachelor's get paid more, and how much?": a yes the fact may give, an amount it lacks.
        amount = any(f" {p} " in f" {' '.join(query.analysis.words)} " for p in kb.language.amount_asks)
        if query.had and (not compares or amount) and not (query.kept or query.carried or query.pointed):
            return True  # "salary of a coder with a bachelor's": a figure for holders, which a fact without one lacks
        return not said & paying and query.qtype not in ("who", "where", "why") and (query.qtype != NEED or compares) \
            and not (query.kept or query.carried or query.pointed)
    unpaid, plain = _unpaid_kinds(kb)
    own = [t for t in query.terms if t not in query.carried and t not in query.kept]
    # ... or that say who is paid by what they have ("median salary for coders with an RHIT").
    return any(t not in said and (t in plain and (compares or t in query.had) or t.split(":")[0] in unpaid) for t in own)


@lru_cache(maxsize=8)
def _ceiling(kb: KB) -> float:
    """Return the highest yearly pay any figure gives: the article's, or today's top 10% of its occupation."""
    paid = [f.value for f in kb.figures.values() if f.unit == "USD/year"]
    row = kb.pay.row(kb.pay.occupation) if kb.pay else None
    today = row.cell("p90").value if row else None
    return max([*paid, *([today] if today else [])], default=0.0)


@lru_cache(maxsize=8)
def _unpaid_kinds(kb: KB) -> tuple[frozenset[str], frozenset[str]]:
    """Return the kinds of things with figures, none of them money (education levels), and the words of
    topics with no figures at all (certification, skills), which in a comparison qualify who is paid."""
    figures = kb.figures.values()
    paid = {k for f in figures if f.unit.startswith("USD") for k, _ in f.scope}
    figured = {t for f in figures for t in kb.fact(f.fact_id).topics}
    plain = {f"={c}" for t in kb.topics.values() if t.id not in figured for c in t.cues if c in kb.synonyms}
    # So do named things of a kind no figure is about ("RHITs", "AHIMA members"); not names of the occupation
    # itself, which the facts define beside its roles, nor the publishers of figures ("the BLS median").
    own = own_names(kb)
    about = kb.scope_kinds | BROAD_KINDS | {e.kind for e in kb.entities.values() if e.id in {f.stat for f in figures}}
    publishers = " ".join(s.organization.lower() for s in kb.sources.values())
    plain |= {t for t, e in kb.entities.items() if e.kind not in about and t not in own
              and not any(re.search(rf"\b{re.escape(a)}\b", publishers) for a in e.aliases)}
    return kb.scope_kinds - paid, frozenset(plain)


def _set_aside(query: Query, index: Index, kb: KB) -> set[str]:
    """Return the statements about what a question sets aside ("apart from being detail oriented, what
    else?"): those that use its words, or name the thing it sets aside and nothing else of that kind
    ("besides AHIMA, who certifies?" keeps the fact that lists the AAPC beside others). Not facts with
    figures: the remainder's arithmetic reads them."""
    if not query.excluded:
        return set()
    plain = {t for t in query.excluded if t not in kb.entities}
    named = {t for t in query.excluded if t in kb.entities}
    aside = set()
    for fact in (f for f in kb.facts if not f.figures):
        tags = index.tags_of(fact).text
        alone = any(t in tags and not any(o.split(":")[0] == t.split(":")[0] and o != t for o in tags) for t in named)
        if plain and plain <= set(index.terms_of(fact)) or alone:  # all its words: "computer skills", not "skills"
            aside.add(fact.id)
    return aside


def _defines(query: Query, hit: Hit, index: Index) -> bool:
    """Tell whether a fact says what the question asks about: it defines a named thing, and the question
    asks nothing else the fact does not hold ("what is the AHIMA website" asks for more than AHIMA)."""
    named = set(query.entities) & set(hit.fact.defines)
    # Of what a follow-up took over, only what it asks again ("what about AHIMA's?" after "what's their website");
    # "what even is O*NET?" after its openings asks no openings.
    asked = {t for t in query.terms if t in index.postings and not (query.qtype_said and t in query.carried)}
    return bool(named) and asked <= named | set(hit.matched)


def _alike(best: Ranked, other: Ranked, kb: KB) -> bool:
    """Tell whether a fact matched the same terms as the best and differs only in an entity (another level)."""
    if set(other.matched) != set(best.matched) or not best.fact.figures or not other.fact.figures:
        return False
    a, b = best.fact.figures[0], other.fact.figures[0]
    return any(b in siblings(kb, a, kind) for kind, _ in a.scope)


def _names_role(query: Query, best: Ranked) -> bool:
    """Tell whether the best fact's figures are scoped to a role the question names."""
    roles = [e for e in query.entities if e not in query.narrowing]
    scoped = {f"{k}:{v}" for fig in best.fact.figures for k, v in fig.scope}
    return any(r in scoped for r in roles)
