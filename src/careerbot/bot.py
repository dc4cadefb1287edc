"""The answer engine: the pipeline from a question to an Answer, in a few readable lines."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from .engine.answer import Answer, Calculation
from .engine.calc import RANKINGS
from .engine.choose import MAX_FACTS, SOURCES, Verdict, choose, unspoken
from .engine.compose import compose, merge
from .engine.followup import resolve, restates
from .engine.guard import ungrounded
from .engine.stopwords import STOPWORDS
from .kb.model import KB, Figure
from .kb.load import load
from .kb.relations import of as relations_of
from .engine.plan import Planner
from .engine.parts import Part, split
from .engine.pay import PayAnswers
from .engine.retrieve import Index
from .engine.context import Context
from .ops.answerid import AnswerIds
from .ops.session import SessionStore
from .ops.sessiondb import SQLiteSessions
from .engine.text import Normalizer, tokenize
from .engine.understand import BROAD_KINDS, DEFINE, OOS_PREFIX, Query, Understander

log = logging.getLogger("careerbot")

LIST_RE = re.compile(r",\s*(?:and\s+)?|\s+and\s+|:\s*")
MAX_LIST_ITEM = 4  # words: a longer item is a clause ("like what degrees can u get"), not a topic in a list
MAX_QUESTION_CHARS = 1000  # longer text is cut: no question needs more, and work stays bounded
MAX_ASKED = 20  # questions a session remembers so as not to suggest them again
MAX_MEASURE_ASK = 3  # words of a last piece that only asks the amount ("what %"); "what do they earn" is a question
MAX_LEAD_IN = 4  # words of a lead-in that only points back ("flip it, ..."); a longer one is a sentence of its own
BARE_ASK = 2  # words of a message that asks only one thing of the last answer ("source?", "sources please")


def vocabulary(kb: KB) -> set[str]:
    """Return every word the KB uses, for typo repair: not the words only its out-of-scope phrases use,
    so no guess turns an unknown word into a reason to decline ("dollars" is not a typo of "dallas")."""
    texts = [f.text for f in kb.facts] + [k for f in kb.facts for k in f.keywords]
    texts += [p for c in kb.chitchat.values() for p in (*c.patterns, *c.cues)] + [t.label for t in kb.topics.values()]
    texts += [c for t in kb.topics.values() for c in t.cues]
    words = {w for text in set(texts) for w in tokenize(text)} | kb.language.words()  # keywords repeat
    return words | {w for p in kb.phrases() if not p.term.startswith(OOS_PREFIX) for w in p.words} | set(kb.synonyms)


def _compares_unnamed(query: Query) -> bool:
    """Tell whether a question compares without naming what ("which has the better outlook?", "which one pays more?",
    "who gets paid more?")."""
    return bool({"most", "least"} & set(query.ops) or query.weak and query.qtype == "who") and not query.entities


class Bot:
    """careerbot: ask it questions, get cited answers."""

    def __init__(self, kb: KB, sessions: SessionStore | SQLiteSessions | None = None,
                 answer_ids: AnswerIds | None = None):
        self.kb = kb
        _ = kb.figures, kb.years, kb.choice_kinds, kb.facts_by_id, relations_of(kb)  # built now: requests only read
        known = vocabulary(kb)
        places = frozenset(w for p in (kb.pay.places if kb.pay else ()) for w in p)
        self.normalizer = Normalizer(kb.phrase_table, known, frozenset(w for p in kb.phrase_table for w in p) - known, places)
        self.understander = Understander(kb, self.normalizer)
        self.index = Index(kb.facts, self.normalizer, kb.measures)
        self.planner = Planner(kb)
        self.pay = PayAnswers(kb)
        self.sessions = sessions if sessions is not None else SessionStore()  # an empty store is falsy
        self.answer_ids = answer_ids or AnswerIds()

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Bot":
        """Load the KB at path (or $CAREERBOT_KB, or the bundled one); raise KBError if it is broken."""
        return cls(load(path))

    def ask(self, text: str, session_id: str | None = None) -> Answer:
        """Answer one message within a conversation: each question it asks, or the message as one."""
        session_id, context = self.sessions.open(session_id)
        asked = (*context.asked, text.strip())[-MAX_ASKED:]
        text = self.understander.clean(text[:MAX_QUESTION_CHARS], message=True)  # markup must not hide where a question ends
        parts, noise = self._questions(text)
        questions = [p.text for p in parts]
        if len(questions) < 2:
            # One question among words that ask nothing of the KB ("... or is it a dead end"): that question.
            answer, after, debug = self._answer(questions[0] if questions and noise else text, context, session_id, asked)
            # The asker's story drowned the question ("my cousin says the pay is bad. what's the median?"), or
            # declined it for what only the story mentions ("jobs near me pay $13. what did offices pay in 2008?").
            # Not a lead-in of a few words that says what the question is about ("coders in houston, what's the pay").
            # Nor a question that leans on the story ("... can i still become a coder?").
            # A statement after the question is no lead-in ("can I study online? I work full time").
            # A lead-in that ends a sentence is one of its own too ("sorry cat on keyboard. how many techs in 2008").
            lead = text[:text.find(questions[0])].rstrip() if questions and questions[0] in text else ""
            story = questions and not noise and not answer.answered and not self._whole(text) \
                and (len(text.split()) - len(questions[0].split()) > MAX_LEAD_IN or text.startswith(questions[0])
                     or lead.endswith((".", "!", "?"))) \
                and not self._leans_on_story(questions[0])
            if story and (not debug["verdict"].reason or self._self_contained(questions[0])):
                answer, after, debug = self._answer(questions[0], context, session_id, asked)
            elif questions and not noise and answer.answered and lead.endswith((".", "!", "?")) \
                    and len(lead.split()) > MAX_LEAD_IN \
                    and self.understander.understand(questions[0]).intent != answer.intent \
                    and self._self_contained(questions[0]) and not self._leans_on_story(questions[0]):
                # "56, let go after 20 yrs as a claims examiner. i know insurance codes. whats the outlook?": a story
                # of sentences of its own that pulled the answer to another topic than the question's.
                alone = self._answer(questions[0], context, session_id, asked)
                if alone[0].answered and alone[0].intent != answer.intent:
                    answer, after, debug = alone
            context = after
        elif whole := self._whole(text):
            # "should I quit my retail job to do coding? I'm 41 with two kids": the asker's situation is
            # the question, so no part of it is answered as if it were a general one.
            verdict = Verdict("decline", "decline", reason=whole)
            answer, debug = compose(verdict, [], False, self.kb, session_id, asked), {"verdict": verdict}
        else:
            answer, context, debug = self._answer_parts(parts, context, session_id, asked)
        bad = self.ungrounded(answer)
        if bad:  # a bug, never an answer: the test suite runs this guard over every answer it makes
            log.error("grounding guard: %r states %s, not in its figures or calculations", text, bad)
            answer = compose(Verdict("decline", "decline"), [], False, self.kb, session_id, asked)
        # Every answer is saved, so the session lives on; small talk and declines keep the context.
        self.sessions.save(session_id, replace(context, asked=asked))
        return replace(answer, answer_id=self.answer_ids.issue(), debug=debug | {"ungrounded": bad})

    def _answer(self, text: str, context: Context, session_id: str, asked: tuple[str, ...] = (),
                limit: int = MAX_FACTS, note: bool = True) -> tuple[Answer, Context, dict]:
        """Run the pipeline on one question: the answer, the context it leaves, and what :debug shows."""
        query = self.understander.understand(text)
        # "are you sure?": the last answer's facts once more; "source?" right after it: where its figures come from,
        # not all the KB's sources. Either leaves the context as it was.
        again = "answer" if restates(query, context, self.kb.language) else "source" \
            if query.chitchat == SOURCES and context.fact_ids and len(query.analysis.words) <= BARE_ASK else None
        if again:
            verdict = Verdict(again, context.intent or "", tuple(self.kb.fact(i) for i in context.fact_ids[:limit]))
            return compose(verdict, [], False, self.kb, session_id, asked=(*asked, text), note=note), context, \
                {"query": query, "verdict": verdict}
        query = resolve(query, context, self.index.postings.__contains__, self.kb.language, self._leader(context), self._other(context))
        query = self.understander.settle(query)
        if noted := self.pay.noted(query, context, session_id):  # what a note cited with today's figures says
            answer, context, verdict = noted
            return answer, context, {"query": query, "verdict": verdict}
        if not unspoken(query, self.index, self.kb) and (table := self.pay.answer(query, context, session_id)):  # today's pay
            return (*table, {"query": query, "verdict": Verdict("answer", table[0].intent)})
        verdict = choose(query, self.index, self.kb, limit)
        if verdict.kind == "answer" and context.intent is None and self._undefined(query, verdict):
            verdict = Verdict("decline", "decline", reason=self.kb.language.messages["undefined"])
        if verdict.kind == "answer" and (why := self.planner.undated(query) or self.planner.unrealized(query)
                                         or self.planner.figureless(query)
                                         or self.planner.unscoped(query) or self.planner.uncombined(query)
                                         or self.planner.unshared(query) or self.planner.unsized(query)
                                         or self.planner.unprojected(query)
                                         or self.planner.yearless(query, verdict)):
            verdict = Verdict("decline", "decline", reason=why)  # a year or a thing no figure describes
        calcs, alone = self.planner.plan(query, verdict, derivations=note)
        if verdict.kind == "answer" and (why := self.planner.unranked(query, calcs, self.index.postings.__contains__)):
            verdict, calcs = Verdict("decline", "decline", reason=why), []  # ranks by nothing it has figures of
        answer = compose(verdict, calcs, alone, self.kb, session_id, asked=(*asked, text), note=note)
        if answer.answered and verdict.kind == "answer":
            context = self.pay.carried(self._context(verdict, query, answer, alone, context), context, query)
        elif verdict.kind == "decline" and (self.kb.others in query.out_of_scope or self.pay.remembered(query)
                                             or query.intent and any(e.startswith("role:") for e in query.entities)
                                             or query.intent and query.out_of_scope and query.own_narrowing):
            # "what do pharmacists make?" declined: "what about coders then?" still asks about pay; "how many
            # coders are in Los Angeles?" declined: "ok California then" asks the table the same.
            # "how much does the RHIT exam cost?" declined: "who do i take it through?" is still about the RHIT.
            context = Context(query.intent, terms=tuple(t for t in query.terms if t not in query.entities),
                              pay=self.pay.remembered(query), entities=query.own_narrowing if query.out_of_scope else
                              query.narrowing if query.years else ())  # "and in 2010?" declined: still hospitals
        # Today's figures beside the article's, after the context: a follow-up leans on the article's facts.
        answer = self.pay.hint(self.pay.extend(answer, query) if note else answer, query)
        return answer, context, {"query": query, "verdict": verdict}

    def _whole(self, text: str) -> str:
        """Return the reason of an out-of-scope group that declines a whole message, if the message touches one."""
        touched = self.understander.understand(text).out_of_scope
        return next((self.kb.out_of_scope[g].reason for g in touched if self.kb.out_of_scope[g].whole), "")

    def _leans_on_story(self, question: str) -> bool:
        """Tell whether a question asks about the asker in the light of the story before it ("can i still get
        hired?"), not "what do coders even do all day?", where "even" only stresses."""
        words = set(tokenize(question))
        return bool(words & self.kb.language.story_bound and words & self.kb.language.first_person)

    def _self_contained(self, question: str) -> bool:
        """Tell whether a question stands on its own, whatever the story around it: it touches nothing out of
        scope and points back to nothing ("what did office techs make in 2008?"; not "whats their job like")."""
        query = self.understander.understand(question)
        # Another occupation's name is no story's: the pay table answers its pay ("what do coders make vs nurses").
        # ... nor a state's (the table answers its pay).
        beyond = [g for g in query.out_of_scope if not (self.kb.pay and g in (self.kb.others, self.kb.pay.state_group))]
        # "which has the better outlook" names nothing to rank: it ranks what the story named.
        return not beyond and not _compares_unnamed(query) and not self._points_back(query.analysis.words)

    def _points_back(self, words: tuple[str, ...]) -> bool:
        """Tell whether words point back to something said before; "there" beside "is" or "were" ("how many were
        there") says that something exists, and "these days" or "this year" says when."""
        lang = self.kb.language
        spoken = f" {' '.join(words)} "
        for phrase in lang.pay_words["now"]:
            spoken = spoken.replace(f" {phrase} ", " ")
        words = tuple(spoken.split())
        be = set(lang.polar["asks"])
        return any(w in lang.back_words and not (w in lang.pay_words["there"] and {*words[max(0, i - 1):i], *words[i + 1:i + 2]} & be)
                   for i, w in enumerate(words))

    def _questions(self, text: str) -> tuple[list[Part], bool]:
        """Return the parts of a message that ask something of the KB (not greetings or the asker's story),
        and whether the other parts are noise: words that name nothing the KB knows."""
        read = lru_cache(maxsize=None)(self.understander.understand)  # each piece is read once per message
        out, noise, parts = [], True, [p for part in split(text, self.kb.language) for p in self._listed(part, read)]
        if len(parts) < 2:
            return out, noise
        # "medical biller here, whats our hourly median?": the asker's story says whose pay "our" is.
        said = f" {' '.join(w for p in parts for w in read(p.text).analysis.words)} "
        ours = any(f" {p} " in said for p in self.kb.language.pay_words["ours"])
        for part in self._joined(parts, read):
            query = read(part.text)
            # An operation alone ("how much more, percentage-wise,") is a fragment of the question, not one.
            # A name the KB does not know is what a part is about ("and CCS, who offers that one?"), not noise.
            known = query.out_of_scope or query.names or any(t in self.index.postings for t in query.terms) \
                or self.pay.touches_note(query)  # what a table note says is known too ("adjusted for inflation")
            # "... and what is it now?": the part before, asked again of another time.
            words = set(query.analysis.words)
            known = known or bool(words & self.kb.language.back_words) \
                and bool(words & self.kb.language.pay_words["now"] or query.years)
            # "I was a patient admin specialist in the army, looking at VA type jobs": the asker's own story,
            # which asks nothing of the KB (no arithmetic, no amount, nothing out of scope, nothing it names).
            story = not part.question and query.analysis.words[:1] and query.analysis.words[0] in self.kb.language.first_person \
                and not (query.op or query.amount or query.out_of_scope or query.entities)
            if part.question and known:
                out.append(part)
            elif (known or query.op or ours) and not query.chitchat and not story:
                noise = False
        return out, noise

    def _joined(self, parts: list[Part], read: Callable[[str], Query]) -> list[Part]:
        """Join a fragment that only asks for arithmetic to the clause it asks it of ("how much more,
        percentage-wise," + "do federal techs make than hospital techs")."""
        out: list[Part] = []
        pending: Part | None = None
        for part in parts:
            if pending:
                part, pending = Part(f"{pending.text}, {part.text}", pending.question or part.question), None
            query = read(part.text)
            words = set(query.analysis.words)
            # "how many people is that" points back and is whole; a fragment points nowhere.
            back = words & self.kb.language.back_words
            fragment = query.op and not query.entities and query.intent is None and not back
            # "flip it, how much more do hospitals pay": a lead-in that only points back belongs to the question.
            # Not a sentence about the asking ("this may seem like a stupid question, but ..."): that is noise.
            fragment = fragment or back and not query.op and not any(t in self.index.postings for t in query.terms) \
                and len(part.text.split()) <= MAX_LEAD_IN
            # So does one that only names a time ("what about right now, whats the median for all jobs").
            fragment = fragment or bool(words & self.kb.language.pay_words["now"] or query.years) and not query.op \
                and not any(t in self.index.postings for t in query.terms) and len(part.text.split()) <= MAX_LEAD_IN
            # "hospital vs physician office coding, which one pays better?": a ranking that names nothing chooses
            # between what the part before it named.
            ranks = set(query.ops) & {*self.kb.language.rankings, *self.kb.language.rankings.values()}
            if out and ranks and not query.entities and len(read(out[-1].text).narrowing) > 1:
                out[-1] = Part(f"{out[-1].text}, {part.text}", True)
            elif out and back and self._topic_phrase(out[-1].text, read):
                # "the base salary, how much higher is it than the median?": "it" is the phrase before.
                out[-1] = Part(f"{out[-1].text}, {part.text}", True)
            elif fragment and part is not parts[-1]:
                pending = part
            elif out and part is parts[-1] and (words & self.kb.language.amount_words or fragment
                                                or " ".join(query.analysis.words) in self.kb.language.amount_asks) \
                    and len(query.analysis.words) <= MAX_MEASURE_ASK \
                    and words <= self.kb.language.amount_words | self.kb.language.question_words | STOPWORDS:
                # "insurers specifically, what %?", "..., and how much?": a last piece that only asks the amount is the
                # question's measure.
                out[-1] = Part(f"{out[-1].text}, {part.text}", True)
            else:
                out.append(part)
        return out + ([pending] if pending else [])

    def _topic_phrase(self, text: str, read: Callable[[str], Query]) -> bool:
        """Tell whether a piece only names a thing the KB knows, with no verb of its own ("the 2008 hospital
        median", "the base salary they quote"), so a question after it that says "it" means that thing."""
        query = read(text)
        words = query.analysis.words
        return 0 < len(words) <= MAX_LEAD_IN + 2 and bool(query.narrowing or query.mentioned) and not query.qtype \
            and not query.ops and not set(words) & set(self.kb.language.polar["asks"])

    def _listed(self, part: Part, read: Callable[[str], Query]) -> list[Part]:
        """Split a list of topics into one question each ("salary, job growth, and the day to day")."""
        items = [i.strip() for i in LIST_RE.split(part.text) if i.strip()]
        if len(items) < 2 or any(len(i.split()) > MAX_LIST_ITEM for i in items):
            return [part]
        queries = [(i, read(i)) for i in items]
        queries = [(i, q) for i, q in queries if any(t in self.index.postings for t in q.terms)]  # not "looking for info"
        intents = [q.intent for _, q in queries]
        if len(queries) < 2 or None in intents or len(set(intents)) < len(intents):
            return [part]
        return [Part(i, True) for i, _ in queries]

    def _answer_parts(self, questions: list[Part], context: Context, session_id: str,
                      asked: tuple[str, ...]) -> tuple[Answer, Context, dict]:
        """Answer each question of a several-part message in turn, within the fact limit, as one answer."""
        parts = [q.text for q in questions]
        limit = max(1, MAX_FACTS // len(parts))
        answered, debug, before, seen = [], {}, context, set()
        unknown: Verdict | None = None  # the last part's decline for a thing the KB has never heard of
        declined: Verdict | None = None  # the last part's decline, whatever its reason
        for question in questions:
            part = question.text
            if question.alternative and declined and declined.reason:
                # "can u code from home or do u have to go in every day": one question, declined once for its reason;
                # not after a branch it could not read ("... walk into off the street, or do you need training?").
                continue
            answer, context, info = self._answer(part, context, session_id, asked, limit, note=False)
            query, verdict = info["query"], info["verdict"]
            own = [e for e in query.entities if e.split(":")[0] not in BROAD_KINDS and e not in query.kept]
            words = set(query.analysis.words)
            # "what is HIPAA and do coders have to know it?": "it" is what the part before could not answer;
            # "I have a felony from 10 years ago, can I still get hired?" leans on what it could not.
            # So does a comparison that names nothing to compare ("..., which one pays more?").
            leaning = unknown if (words & self.kb.language.back_words or _compares_unnamed(query)) and not own else None
            leaning = leaning or (declined if self._leans_on_story(part) else None)
            if leaning:
                verdict = leaning
                answer = compose(verdict, [], False, self.kb, session_id, asked, note=False)
            unknown = verdict if verdict.kind == "decline" and (query.names or query.unneeded) else None
            declined = verdict if verdict.kind == "decline" else None
            info = info | {"verdict": verdict}
            cited = {c.fact_id for c in answer.citations}
            if answer.answered and cited <= seen and not answer.calculations:
                continue  # "worth it money wise? like what do they make", or small talk beside a question
            done = {(c.op, c.inputs) for c in answer.calculations}
            if done and answered and done == {(c.op, c.inputs) for c in answered[-1][1].calculations}:
                # "how does that compare with X, is it higher": one comparison, said once, with its yes or no.
                part = f"{answered.pop()[0]}, {part}"
            seen |= cited
            answered.append((part, answer, info["verdict"]))
            debug = debug or info
        if len(answered) < 2:  # then it gets a whole answer's room; small talk alone ("how does this work? what can i ask?") too
            return self._answer(answered[0][0] if answered else parts[0], before, session_id, asked)
        return merge(answered, self.kb, session_id), context, debug | {"parts": parts}

    def ungrounded(self, answer: Answer) -> list[float]:
        """Return numbers in an answer that neither its cited figures nor its calculations account for."""
        facts = [self.kb.fact(c.fact_id) for c in answer.citations]
        return ungrounded(answer.answer, facts, answer.calculations)

    def _undefined(self, query: Query, verdict: Verdict) -> bool:
        """Tell whether a first question asks what a plain word is that a fact only mentions in passing, which no
        fact defines ("what's <a word of a list in a fact>?")."""
        best = verdict.ranked[0] if verdict.ranked else None
        return query.qtype == DEFINE and best is not None and "defines" not in best.rules and len(query.terms) == 1 \
            and query.terms[0].isalpha() and query.terms[0] in self.index.postings \
            and not (query.entities or query.intent or query.ops or query.mentioned or query.amount) \
            and not set(query.analysis.words) & self.kb.language.back_words

    def _other(self, context: Context) -> tuple[str, ...]:
        """Return the other of two things of one kind the conversation is about, when the last answer was about
        one of them ("and the other?" after "the second one, whats that a month" of two settings' pay)."""
        figures = [self.kb.figures[i] for i in context.named if i in self.kb.figures]
        current = {t for t in self.kb.tags_of(figures[0]) if t in context.entities} if figures else set()
        for tag in current:
            both = {e for e in context.entities if e.split(":")[0] == tag.split(":")[0]}
            if len(both) == 2 and tag.split(":")[0] not in BROAD_KINDS:
                return tuple(both - {tag})
        return ()

    def _leader(self, context: Context) -> tuple[str, ...]:
        """Return what the first figure of the last answer is about (a work setting), but not whom."""
        fig = self.kb.figures.get(context.named[0]) if context.named else None
        return tuple(t for t in self.kb.tags_of(fig) if t.split(":")[0] not in BROAD_KINDS and t in self.kb.entities) if fig else ()

    def _context(self, verdict: Verdict, query: Query, answer: Answer, alone: bool, before: Context) -> Context:
        """Remember what an answer was about, for the follow-up questions that lean on it."""
        aside = {i for c in answer.calculations for i in c.excluded}  # "not in hospitals" is not about hospitals
        cited = [self.kb.fact(c.fact_id) for c in answer.citations if c.fact_id not in aside]
        # Figures of what the question named first: after "what do the top 10% earn?", "per hour?" means them.
        named = set(query.narrowing)
        figs = [f for fact in cited for f in fact.figures]
        # "at the top of the field" names no figure but the highest: it goes first, then the rest.
        sign = {"most": -1, "least": 1}.get(query.weak or "", 0)
        # A word only the best fact has ("with benefits") says the question was about it, though an
        # official source may lead the answer: its figures come next.
        best = verdict.ranked[0] if verdict.ranked else None
        own = best.fact.id if best and any(self.index.df(t) == 1 for t in best.matched) else None
        # Of two named things, the one named first ("insurance companies too or just hospitals?").
        order = {e: n for n, e in enumerate(query.narrowing)}
        first = lambda f: min((order[t] for t in self.kb.tags_of(f) if t in order), default=len(order))  # noqa: E731
        figures = [f.id for f in sorted(figs, key=lambda f: (not named & self.kb.tags_of(f), f.fact_id != own,
                                                              first(f), sign * f.value))]
        lead = [i for c in answer.calculations[:1] for i in self._input_figures(c, figures)]
        entities = tuple(e for e in query.entities if e not in query.excluded)  # "besides hospitals": not about them
        # A comparison was about both of its figures ("vs doctors offices?" after hospitals): "what % more do the
        # hospital ones make?" names one of them again.
        kinds = {e.split(":")[0] for e in entities}
        if answer.calculations and answer.calculations[0].op == "difference":
            entities = tuple(dict.fromkeys(entities + tuple(t for i in lead if (f := self.kb.figures.get(i))
                                                            for t in self.kb.tags_of(f) if t.split(":")[0] in kinds)))
        # The topic of what was answered: "doctor office coders hourly in 2008" named a setting but got its pay.
        intent = verdict.intent if query.intent or not cited or any(verdict.intent in f.topics for f in cited) \
            else cited[0].topics[0]
        return Context(intent, entities, query.years, tuple(c.fact_id for c in answer.citations),
                       tuple(dict.fromkeys(lead + figures)),
                       # Not "percent" of the arithmetic asked ("in percent?"): no measure for the next question.
                       tuple(t for t in query.terms if t not in query.entities and t not in query.excluded
                             and (t in query.content or t in query.carried or t not in self._op_terms(query))),
                       (query.op,) if alone and query.op else (), (query.qtype,) if query.qtype else (),
                       # A ranking named them all: its leader is what "them" means next ("and the highest? gap between them?").
                       tuple(lead[:1]) if answer.calculations and answer.calculations[0].op in RANKINGS
                       else self._named(figs, named, query.years),
                       (before.named or before.figure_ids)[:1])

    def _op_terms(self, query: Query) -> set[str]:
        """Return the word of percentages when it only said how to give the arithmetic ("in percent?")."""
        return {self.index.percent} - set(query.content) if query.ops else set()

    def _named(self, figs: list[Figure], named: set[str], years: tuple[int, ...]) -> tuple[str, ...]:
        """Return the figures of what a question named (its entities, its year), not the whole a named share is
        of: after "how many worked in nursing homes in 2008?", "both together?" pairs shares, not a share and its total."""
        ids = [f.id for f in figs if named & self.kb.tags_of(f) or f.year in years]
        wholes = {self.kb.figures[i].share_of for i in ids}
        return tuple(i for i in ids if i not in wholes)

    def _input_figures(self, calc: Calculation, figures: list[str]) -> list[str]:
        """Return the figures a calculation read, the first one first (a ranking's leader)."""
        by_fact = {self.kb.figures[i].fact_id: i for i in reversed(figures)}
        return [by_fact[f] for f in calc.inputs if f in by_fact]

    def reset(self, session_id: str) -> None:
        """Forget a conversation."""
        self.sessions.reset(session_id)
