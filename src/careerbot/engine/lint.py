"""Warn about what in a KB silently never works: cues that never match or cannot tell topics apart."""
from __future__ import annotations

from collections import defaultdict

from ..kb.files import Problem
from ..kb.model import KB
from ..kb.tokens import tokenize
from .text import INFLECTIONS, Normalizer


def _p(loc, item: str, message: str) -> Problem:
    return Problem(loc[0], loc[1], item, message)


def lint(kb: KB) -> list[Problem]:
    """Warn about what silently never works: a cue that is a stopword, a cue that is an entity alias
    (the entity's tag stands in its place), one cue in two topics."""
    normalizer = Normalizer(kb.phrase_table, set())
    found, owners = [], defaultdict(list)
    for topic in kb.topics.values():
        for cue in topic.cues:
            terms = normalizer.analyze(cue, repair=False).terms
            if not terms:
                found.append(_p(topic.loc, topic.id, f"warning: cue '{cue}' is a stopword and never matches"))
            elif any(t in kb.entities for t in terms):
                found.append(_p(topic.loc, topic.id, f"warning: cue '{cue}' is also an alias of entity "
                                f"'{next(t for t in terms if t in kb.entities)}': naming the entity anywhere counts for this topic"))
            if topic.id not in owners[terms]:
                owners[terms].append(topic.id)
    chat_owners = defaultdict(list)
    for chat in kb.chitchat.values():
        for cue in chat.cues:
            chat_owners[cue.lower()].append(chat.id)
    for cue, intents in chat_owners.items():
        if len(intents) > 1:
            found.append(_p(kb.chitchat[intents[0]].loc, ", ".join(intents),
                            f"warning: small-talk cue '{cue}' belongs to {len(intents)} intents; the one said last wins"))
    found += shadowed_synonyms(kb)
    found += unlisted_places(kb)
    for terms, topics in owners.items():
        if terms and len(topics) > 1:
            first = kb.topics[topics[0]]
            found.append(_p(first.loc, ", ".join(topics), f"warning: cue '{' '.join(terms)}' belongs to {len(topics)} topics, "
                            "so it cannot tell them apart"))
    return found


def unlisted_places(kb: KB) -> list[Problem]:
    """Warn about a state's name in pay.yaml or the table that its out-of-scope group of states lacks: a question
    about that state's figures of another year ("how many were there in 2008 in cali?") is then not declined."""
    if kb.pay is None or kb.pay.state_group not in kb.out_of_scope:
        return []
    group = kb.out_of_scope[kb.pay.state_group]
    listed = {tuple(tokenize(t)) for t in group.terms}
    return [_p(group.loc, group.id, f"warning: state name '{' '.join(p)}' (pay.yaml or the table) is not a term of this "
               "out_of_scope group, so what only the article could answer of that state is not declined")
            for p in sorted(kb.pay.places) if p not in listed]


def shadowed_synonyms(kb: KB) -> list[Problem]:
    """Warn where a one-word synonym would also meet its inflected form ("opening" -> "openings"),
    but another synonym lists that form: the other one always wins, so this one never covers it."""
    owner = {}
    for canonical, variants in kb.synonyms.items():
        for variant in (canonical, *variants):
            owner.setdefault(variant.lower(), canonical)
    found = []
    for canonical, variants in kb.synonyms.items():
        for variant in dict.fromkeys((canonical, *variants)):
            if " " in variant:
                continue
            for end in INFLECTIONS:
                other = owner.get(variant.lower() + end)
                if other and other != canonical:
                    found.append(_p(kb.synonym_locs[canonical], canonical,
                                    f"warning: synonym '{variant}' is shadowed by synonym '{other}', which claims "
                                    f"'{variant.lower() + end}', so '{variant}' never covers that form"))
    return found
