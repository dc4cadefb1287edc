"""Understand a question: its terms, entities, years, topic (intent), question type, arithmetic and small talk."""
from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from ..kb.language import Language
from ..kb.model import KB
from .stopwords import STOPWORDS
from .smalltalk import SmallTalk
from .text import PROPER_RE, SHORT_WORD, YEAR_RE, Analysis, Normalizer, Phrases, match_phrases, stem, tokenize

NUMBER_RE = re.compile(r"^\d+(?:\.\d+)?%?$")
PLACED_RE = re.compile(r"\b([A-Za-z]+)\s+([A-Z][a-z]+)\b")  # a word, then a capitalized one ("at Kaiser")
THOUSANDS = frozenset({"k", "thousand", "grand"})
MIN_AMOUNT = 1000  # a bare number this large, not a year, is an amount of money ("over 30000")
VALUE_RE = re.compile(r"^\d+(\.\d+)?%?$")
PERCENT_WORDS = frozenset({"percent", "pct", "percentage"})
ACRONYM_RE = re.compile(r"\b([A-Z]{3,})\b")
SHOUTED = 0.7  # the share of capital letters above which a message is typed in capitals, not naming things
ABBREVIATION_RE = re.compile(r"^[b-df-hj-np-tv-xz]{3,5}$")  # a word of consonants only: "cpc", "cpt"
CAMEL_RE = re.compile(r"\b([A-Za-z]*[a-z][A-Z][A-Za-z]*)\b")  # "UnitedHealthcare", "PractiCode": a brand
COORDINATORS = frozenset({"and", "or", "vs", "versus"})
SHARED_MAX = 4  # words a coordination may share: "top and bottom 10 percent"
TAG_RE = re.compile(r"<[^>]{0,200}>")  # markup pasted into a question is noise, not words
LONE_PERCENT_RE = re.compile(r"(?<![0-9.])%")
NUMBER_PERCENT_RE = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:percent|per cent|pct)\b", re.IGNORECASE)
# A few words before a colon that opens a message: who is asking ("reporter: ...", "teacher q: ..."), not what.
LABEL_RE = re.compile(r"^\W*([^:?!.,]{1,40}?)\s*:\s*\w")
MAX_LABEL = 4  # words of such a label; more make a sentence of their own
BARE_SHARE_RE = re.compile(r"\b([A-Za-z]+)(\s+)(\d{1,2})(?![\d%.,])(?!\s*percent)(\s*)([A-Za-z']*)")  # "top 10", "middle 50 range"
# A script's or a style's content is code, not words of the question ("<script>alert('hi')</script>").
CODE_RE = re.compile(r"<(script|style)\b[^>]{0,200}>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
OOS_PREFIX = "oos:"
# Entity kinds that name who is asked about rather than narrowing to one figure.
BROAD_KINDS = frozenset({"role"})
SOURCE = "source"  # the question type that asks where an answer's facts come from
DEFINE = "define"  # the question type that asks what a thing is
REMAINDER = "remainder"  # the operation of what is left ("do not have", "the rest")
RANK = "rank"  # the operation that orders the figures of a kind ("break down by setting")
PAY_PERIODS = frozenset({"hourly", "weekly", "monthly"})  # operations that say pay for another period than the year
NEED = "need"  # the question type that asks whether a thing is needed or enough
WHEN = "when"  # the question type that asks for a date
WHY = "why"  # the question type that asks for a reason
ENOUGH = "enough"  # "with just a certificate": NEED when asked yes or no


# "aren't" -> "are not", and the usual spellings without the apostrophe ("dont"), not "student".
NOT_RE = re.compile(r"\b(\w+)n['’]t\b|\b(do|does|did|is|are|was|were|ca|wo|would|should|could|have|has|had|ai)nt\b",
                    re.IGNORECASE)
IRREGULAR_NOT = {"ca": "can", "wo": "will", "ai": "is"}
BARE_WORDS = 3  # words of a message that is one word of arithmetic, maybe with "and" ("percent?", "and dollars?")
MAJORITY_SPAN = 2  # words after a yes/no opener "most" may stand ("do [the] most", "are [the] majority")
NOT_ASKED_SPAN = 2  # words after "not just" an operation's phrase may start ("not just [brand] new jobs")
COMPARED_SPAN = 2  # words before an ambiguous phrase a word of comparison may stand ("than [the] national median")
ROLE_WORD_NAMES = 3  # names of a role a word must run through to stand for the role alone
INCLUSIVE_SPAN = 3  # words before a rest phrase an inclusive word may stand ("counting [people who] retire")
JUDGED_SPAN = 3  # the words after a judged word that say what it judges ("best [job opportunities]")
ATTAINED_SPAN = 2  # words before a thing had an attained word may stand ("with [a] bachelor's", "get [an] associate's")
WORD_RE = re.compile(r"[a-z0-9']+", re.IGNORECASE)


def clean(text: str, slang: dict[str, str], fillers: re.Pattern | None = None, sayings: re.Pattern | None = None) -> str:
    """Drop markup a question may carry from a web page; spell out negations, chat spellings and sayings of
    several words (slang keys with a space: "six figures"); drop fillers."""
    text = html.unescape(TAG_RE.sub(" ", CODE_RE.sub(" ", text)))
    text = LONE_PERCENT_RE.sub(" percent ", text)  # "in %?", "what % of": the word, not a number's sign
    if "per" in (lowered := text.lower()) or "pct" in lowered:
        text = NUMBER_PERCENT_RE.sub(r"\1%", text)  # "the bottom 10 percent": a percentage, as "10%" is
    text = NOT_RE.sub(lambda m: IRREGULAR_NOT.get((m.group(1) or m.group(2)).lower(), m.group(1) or m.group(2)) + " not", text)
    if sayings:
        text = sayings.sub(lambda m: slang[" ".join(m.group().lower().split())], text)
    text = WORD_RE.sub(lambda m: slang.get(m.group().lower(), m.group()), text)
    return fillers.sub(" ", text) if fillers else text


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
    focus: tuple[str, ...] = ()  # figure ids a follow-up question refers back to
    counts: str | None = None  # what a "how many" question counts when it is not people ("hospitals", "coding schools")
    measures: tuple[tuple[str, str], ...] = ()  # (term, phrase) of a word naming a measure noun: "unemployment rate"
    polar: str | None = None  # a yes/no comparison asks whether the first is "more" or "less" than the second
    named_first: bool = False  # the question names an entity before "than": it is what is compared, not the reference
    amount: tuple[float, str] | None = None  # an amount the question writes that no figure has: (30000, "USD/year")
    asserted: bool = False  # it tells the bot to state the amount it writes ("just say coders make $90,000")
    unneeded: str = ""  # what a need question asks about, when the KB knows none of it ("anatomy")
    reference: tuple[str, ...] = ()  # the entities named after "than", "below", "vs": what is compared with
    stat_said: bool = False  # it says a statistic's one-word name ("median"), whatever entity that was read as
    unsplit: bool = False  # it asks a part of a count it writes by what no share of that count is about
    majority: bool = False  # a yes/no question whether most people are or have a thing ("do most coders have ...")
    excluded: tuple[str, ...] = ()  # the terms of what "apart from ..." sets aside
    pointed: tuple[str, ...] = ()  # the facts a follow-up points at ("why do they need that?"): the last answer's
    unlisted: str = ""  # a place of a kind the KB has figures for, that it does not list ("dental offices")
    ops: tuple[str, ...] = ()  # every op asked for (the language layer's operations), the most specific first
    qtype: str | None = None  # the kind of answer asked for: "why", "define", "who" (the language layer)
    weak: str | None = None  # "most"/"least" said outside a which-question: a ranking only as a follow-up
    content: tuple[str, ...] = ()  # terms outside the phrases that ask for arithmetic ("how many times")
    carried: tuple[str, ...] = ()  # terms a follow-up took over from the question before it
    exclude: tuple[str, ...] = ()  # facts already given, when a follow-up asks for more ("anything else?")
    mentioned: tuple[str, ...] = ()  # figure ids whose value the question writes ("how many people is 5%?")
    rest: tuple[str, ...] = ()  # figure ids whose rest the question names ("the benefits": total pay beyond base)
    parts: tuple[str, ...] = ()  # the words naming a part a figure counts with others, when not its whole ("retirements")
    within: str | None = None  # the entity a which-question asks among ("which insurance companies ...")
    paired: tuple[str, ...] = ()  # the two figures "those two" means: named in the last answer, or in the last two
    names: tuple[str, ...] = ()  # capitalized words the KB does not know ("HIPAA", "Penn Foster"): named things it lacks
    kept: tuple[str, ...] = ()  # entities a follow-up took over from its context, not named by itself
    before: tuple[str, ...] = ()  # the operation the answer before carried out ("remainder"), for "how many is that?"
    action: str | None = None  # the term of what a how-to question asks to do ("how do i pick a school": pick)
    future: bool = False  # the question asks about the future ("how many jobs will there be?")
    realized: bool = False  # the question asks what really happened ("how many were actually working in 2018?")
    place: int = 1  # the place in a ranking a question asks for ("the second biggest": 2)
    requirement: frozenset[str] = frozenset()  # asking whether a thing is needed: the terms that state a requirement
    choosing: bool = False  # the question chooses between two of a kind ("hospitals or nursing homes?")
    alike: tuple[str, ...] = ()  # two names of one thing the question compares ("a medical biller and a coder")
    judged: tuple[tuple[int, frozenset[str]], ...] = ()  # each judged word's place and the terms right after it
    level: bool = False  # it judges a level ("so low", "that many"): a why-question asks the reason for a figure's
    attained: tuple[str, ...] = ()  # things the question names as had, asking what they bring ("with a bachelor's?")
    had: tuple[str, ...] = ()  # things of any kind the question names as had ("coders with an RHIT", "RHIT holders")
    brings: tuple[str, ...] = ()  # the topics those things cue: a fact that explains one says what they bring
    qtype_said: bool = False  # the question type is the question's own, not one a follow-up took over
    unlisted_share: bool = False  # a share of earners no statistic is about ("the top 1%")
    amount_first: bool = False  # the amount comes before the comparison word: it is what is compared ("is 40k above ...")

    @property
    def op(self) -> str | None:
        """Return the most specific operation asked for, if any."""
        return self.ops[0] if self.ops else None

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
    def own_narrowing(self) -> tuple[str, ...]:
        """Return the narrowing entities the question names itself, not those a follow-up took over."""
        return tuple(e for e in self.narrowing if e not in self.kept)

    @cached_property
    def kinds(self) -> frozenset[str]:
        """Return the kinds of entity the question names."""
        return frozenset(e.split(":")[0] for e in self.entities)


@lru_cache(maxsize=8)
def own_names(kb: KB) -> frozenset[str]:
    """Return the entities the facts define beside a role: other names of the occupation itself (its field)."""
    return frozenset(e for f in kb.facts if any(d.split(":")[0] in BROAD_KINDS for d in f.defines) for e in f.defines)


@lru_cache(maxsize=8)
def subject_terms(kb: KB) -> frozenset[str]:
    """Return the stems of the words of the occupation's own names (its roles' and field's labels)."""
    names = [kb.entities[e].label for e in kb.entities if e.split(":")[0] in BROAD_KINDS or e in own_names(kb)]
    return frozenset(stem(w) for label in names for w in tokenize(label) if w not in STOPWORDS)


def _included(alias: str, label: str, inclusive: frozenset[str]) -> bool:
    """Tell whether an alias names only what a label says it includes ("Y" of a label "X, including Y and Z"),
    by the stems of its words."""
    words = tokenize(label)
    at = next((n for n, w in enumerate(words) if w in inclusive), len(words))
    included = {stem(w) for w in words[at + 1:]}
    return bool(tokenize(alias)) and {stem(w) for w in tokenize(alias)} <= included


def _spans(pieces: list[tuple[str, str | None]]) -> list[tuple[int, int, str, str | None]]:
    """Return match_phrases' pieces with the word positions each covers: (start, end, words, term)."""
    out, at = [], 0
    for piece, term in pieces:
        n = len(piece.split())
        out.append((at, at + n, piece, term))
        at += n
    return out


def _swap(terms: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    """Return terms with one replaced by another, once."""
    return tuple(dict.fromkeys(new if t == old else t for t in terms))


def _phrase_table(table: dict[str, tuple[str, ...]]) -> Phrases:
    """Map each phrase's words to its key; a phrase listed under two keys keeps the first."""
    out: dict[tuple[str, ...], str] = {}
    for key, phrases in table.items():
        for p in phrases:
            out.setdefault(tuple(tokenize(p)), key)
    return Phrases(out)


@lru_cache(maxsize=16)
def _tokenized(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(t for p in phrases if (t := tuple(tokenize(p))))


def opener(words: tuple[str, ...], lang: Language) -> str:
    """Return the word a question opens with, past words that only join it on ("and is that ...": is)."""
    return next((w for w in words if w not in lang.clause_leads), "")


def _label(text: str) -> int:
    """Return how many words open a message as a label before a colon ("HR manager question: ..."), or 0."""
    found = LABEL_RE.match(text)
    return n if found and (n := len(tokenize(found.group(1)))) <= MAX_LABEL else 0


def about_asker(words: tuple[str, ...] | list[str], start: int, end: int, lang: Language) -> bool:
    """Tell whether words[start:end] describe the asker ("I'm a nurse", "teacher here") or whom the work is
    done with ("talk to doctors"), by the language layer's background and company phrases."""
    words = tuple(words)
    before = any(words[max(0, start - len(m)):start] == m for m in _tokenized((*lang.background_before, *lang.company)))
    # "my mom is a nurse": someone the asker knows, a word or two after "my".
    kin = any(words[max(0, start - len(m)):start] == m and set(words[max(0, start - len(m) - 2):start - len(m)]) & lang.kin_before
              for m in _tokenized(lang.kin_is))
    return before or kin or any(words[end:end + len(m)] == m for m in _tokenized(lang.background_after))


class Understander:
    """Apply the KB's topic cues, small-talk patterns and the language layer's tables to questions."""

    def __init__(self, kb: KB, normalizer: Normalizer):
        self.kb, self.normalizer, lang = kb, normalizer, kb.language
        # Distinct cues only: "code", "codes" and "coding" are one stem and count once.
        self.cues = {
            topic.id: list(dict.fromkeys(tuple(normalizer.analyze(cue, repair=False).terms) for cue in topic.cues))
            for topic in kb.topics.values()
        }
        self.smalltalk = SmallTalk(kb, normalizer)
        # The kinds of things that describe a person (an education level), not where they work: what one can have.
        self.personal_kinds = kb.scope_kinds - BROAD_KINDS - set(kb.question_kinds.get("where", ()))
        phrases = sorted(lang.fillers, key=len, reverse=True)
        self.fillers = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE) if phrases else None
        # Words that mean another statistic when the question sets the usual one aside ("average, not the median").
        self.contrasted = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in lang.contrast) + r")\b",
                                     re.IGNORECASE) if lang.contrast else None
        self.contrasted_words = re.compile(r"\b(?:" + "|".join(map(re.escape, lang.contrasted)) + r")\b", re.IGNORECASE)
        # A message's parts keep the fillers that ask what really happened ("actually"): each part reads them.
        phrases = [p for p in phrases if p not in lang.realized]
        self.message_fillers = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE) if phrases else None
        sayings = sorted((k for k in lang.slang if " " in k), key=len, reverse=True)
        self.sayings = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in sayings) + r")\b",
                                  re.IGNORECASE) if sayings else None
        ends = "|".join(map(re.escape, lang.clause_end_slang))
        self.clause_ends = re.compile(rf"(?:\b([\w']+)\s+)?\b({ends})\b(?=\s*(?:[?.!,;)]|$|\b(?:and|but|tho|though|lol)\b))",
                                      re.IGNORECASE) if ends else None
        self.op_phrases = _phrase_table(lang.operations)
        self.op_words = {w for phrase in self.op_phrases for w in phrase}  # "hourly rate" asks for arithmetic
        # The word after a numbered rank in a statistic's name ("90th percentile"): "the 95th percentile" names one too.
        # The percentages the names of statistics say ("bottom 10%"): "the lowest paid 10%" asks one of them.
        self.named_shares = {w for e in kb.entities.values() for alias in e.aliases for w in tokenize(alias) if w.endswith("%")}
        suffixes = {k.lstrip("0123456789") for k in lang.ordinals if k[:1].isdigit()}  # "th" of "4th"
        self.ranked_heads = {words[2] for e in kb.entities.values() for alias in e.aliases
                             if len(words := tokenize(alias)) == 3 and words[0].isdigit() and words[1] in suffixes}
        self.exclusions = _phrase_table({"exclusion": lang.exclusions})
        # The nouns that end the names of places ("offices", "care"): a name of one the KB does not list
        # ("dental offices") asks about a place it has no figures for.
        places = set(kb.question_kinds.get("where", ()))
        self.place_heads = {tokenize(a)[-1] for e in kb.entities.values() if e.kind in places
                            for a in (*e.aliases, e.label) if tokenize(a)} - STOPWORDS - lang.count_implied | lang.place_nouns
        self.op_order = list(lang.operations)
        self.qtype_phrases = _phrase_table(lang.question_types)
        self.kind_tags: dict[str, list[str]] = {}  # "age": the tags of every age the figures are of, as entities
        for tag in dict.fromkeys(t for f in kb.figures.values() for t in kb.tags_of(f)):
            if tag in kb.entities:
                self.kind_tags.setdefault(tag.split(":")[0], []).append(tag)
        self.how_to = [tuple(tokenize(p)) for p in lang.how_to]
        self.how_to_starts = frozenset(p[0] for p in self.how_to if p)
        self.not_asked = [tuple(tokenize(p)) for p in lang.not_asked]
        self.rest = _phrase_table({f.id: f.rest for f in kb.figures.values() if f.rest})
        self.parts = _phrase_table({f.id: f.parts for f in kb.figures.values() if f.parts})
        # The names of a thing that name only what its label includes ("Y" of "X, including Y and Z"): asked for
        # specifically ("Y specifically"), a part with no figure of its own.
        self.part_names = {tag: frozenset(a for a in e.aliases if _included(a, e.label, lang.inclusive))
                           for tag, e in kb.entities.items() if set(tokenize(e.label)) & lang.inclusive}
        self.rest_starts = frozenset(p[0] for p in (*self.rest, *self.parts))  # most questions name neither: skip the scan
        self.requirement = frozenset(t for w in lang.requirement_words for t in normalizer.analyze(w, repair=False).terms)
        self.future = _phrase_table({"future": lang.future})
        self.realized = _phrase_table({"realized": lang.realized})
        # What a "how many" question may count: the words of the measures counted in people, and "people".
        counted = [label for m, label in kb.measures.items()
                   if any(f.measure == m and f.unit == "people" for f in kb.figures.values())] + ["people"]
        self.countable = {t for label in counted for t in normalizer.analyze(label, repair=False).terms}
        # Head counts no share splits, by the words of their measure ("job openings"): a part of one by a setting is none.
        split = {kb.figures[g.share_of].measure for g in kb.figures.values() if g.share_of in kb.figures}
        self.unsplit_counts = {frozenset(normalizer.analyze(kb.measures[f.measure], repair=False).terms)
                               for f in kb.figures.values() if f.unit == "people" and f.measure in kb.measures
                               and f.measure not in split}
        # The stems of words that run through a role's names ("coding", "billing": coders), in several of them and
        # in no other role's; not a word one name happens to use ("coding field").
        owners: dict[str, Counter[str]] = {}
        for tag, entity in kb.entities.items():
            if tag.split(":")[0] in BROAD_KINDS:
                for a in (*entity.aliases, entity.label):
                    for s in {stem(w) for w in tokenize(a) if w not in STOPWORDS}:
                        owners.setdefault(s, Counter())[tag] += 1
        self.role_words = {s: next(iter(tags)) for s, tags in owners.items() if len(tags) == 1 and sum(tags.values()) >= ROLE_WORD_NAMES}
        # The topics of facts with money figures, and the words of the measures in money ("annual wage": =wage),
        # for an end of the pay range asked.
        self.paid_topics = {t for f in kb.facts if any(g.unit.startswith("USD") for g in f.figures) for t in f.topics}
        paid = [label for m, label in kb.measures.items() if any(f.measure == m and f.unit.startswith("USD") for f in kb.figures.values())]
        self.money_terms = {t for label in paid for t in normalizer.analyze(label, repair=False).terms if t not in kb.entities}
        self.others_term = OOS_PREFIX + kb.others if kb.others else None  # the term of another occupation's name
        # The occupation's own yearly pay figures: the word and topic of their measure ("annual wage": =wage), which a
        # period alone asks of, and the words of every measure.
        yearly = [f for f in kb.figures.values() if f.unit == "USD/year" and f.stat and not f.scope]
        own_terms = normalizer.analyze(kb.measures.get(yearly[0].measure, ""), repair=False).terms if yearly else ()
        self.pay_term = next((t for t in own_terms if t in self.money_terms), None)
        self.pay_topic = kb.fact(yearly[0].fact_id).topics[0] if yearly else None
        self.measure_words = {t for label in kb.measures.values() for t in normalizer.analyze(label, repair=False).terms
                              if t not in kb.entities}
        # The phrases that name an end of the pay range, and the statistic at each end of the occupation's yearly pay.
        self.range_ends = _phrase_table(dict(lang.pay_range_ends))
        self.range_stats = {"least": f"stat:{min(yearly, key=lambda f: f.value).stat}",
                            "most": f"stat:{max(yearly, key=lambda f: f.value).stat}"} if yearly else {}
        self.ambiguous = {tuple(tokenize(p)): tags for p, tags in kb.ambiguous.items()}
        self.topic_tags: dict[str, set[str]] = {}  # what each topic's figures are about, for ambiguous phrases
        self.topic_kinds: dict[str, set[str]] = {}  # the kinds of scope each topic's figures have ("age")
        for fact in kb.facts:
            for fig in fact.figures:
                for topic in fact.topics:
                    self.topic_tags.setdefault(topic, set()).update(kb.tags_of(fig))
                    self.topic_kinds.setdefault(topic, set()).update(k for k, _ in fig.scope)
        # "nursing": a word another occupation's name is, and the first word of one name of a thing the figures
        # are about ("nursing home"), when no other such thing's names begin with it.
        heads: dict[str, set[str]] = {}
        for tag, entity in kb.entities.items():
            if tag.split(":")[0] in kb.scope_kinds and tag.split(":")[0] not in BROAD_KINDS:
                for alias in (*entity.aliases, entity.label):
                    if len(words := tokenize(alias)) > 1:
                        heads.setdefault(words[0], set()).add(tag)
        self.heads = {w: tags.pop() for w, tags in heads.items() if len(tags) == 1 and (w,) in normalizer.phrases
                      and normalizer.phrases[(w,)].startswith(OOS_PREFIX)}
        # What a count can be split by: the entities shares of counts are about, and roles some figure is of
        # alone (coders' pay), not the whole occupation.
        self.split_kinds = {t for f in kb.figures.values() for t in kb.tags_of(f)
                            if f.share_of or t.split(":")[0] in BROAD_KINDS} | {
            t for t in kb.entities if t.split(":")[0] in {k for f in kb.figures.values() if f.share_of for k, _ in f.scope}}
        self.percent_term = normalizer.analyze("percent", repair=False).terms[0]  # "what share", "what %"
        # A statistic's one-word name ("median"), and an ambiguous word one may be read as ("average").
        stats = {t for t, e in kb.entities.items() if e.kind == "stat"}
        self.stat_words = {ws[0] for t in stats if len(ws := tokenize(kb.entities[t].label)) == 1} | {
            ws[0] for p, tags in kb.ambiguous.items() if set(tags) & stats and len(ws := tokenize(p)) == 1}
        # An open-ended group (labelled "X or less") and the phrases that ask past its open end ("more than").
        marks = {side: [tuple(tokenize(p)) for p in lang.bounds.get(side, ())] for side in ("upper", "lower")}
        passing = {"upper": lang.bounds.get("beyond", ()), "lower": lang.bounds.get("short_of", ())}
        self.passed_by: dict[str, list[tuple[str, ...]]] = {}
        for tag, entity in kb.entities.items():
            label = tuple(tokenize(entity.label))
            for side, ends in marks.items():
                if any(label[i:i + len(m)] == m for m in ends for i in range(len(label))):
                    self.passed_by[tag] = [tuple(tokenize(p)) for p in passing[side]]
        self.bound_skip = frozenset(lang.bounds.get("skip", ()))
        self.open_ends = frozenset(m for ends in marks.values() for m in ends)
        self.by_value: dict[tuple[float, bool], list[str]] = {}
        for fig in kb.figures.values():
            self.by_value.setdefault((float(fig.value), fig.unit == "percent"), []).append(fig.id)

    def understand(self, text: str) -> Query:
        """Turn a question into a Query."""
        analysis = self.normalizer.analyze(self._distribute(self.clean(text)))
        words = analysis.words
        lexed = _spans(match_phrases(words, self.normalizer.phrases, self.normalizer.starts))  # read once, used below
        analysis, lexed = self._heads(analysis, lexed)
        qtype, question_words = self._asking(words, lexed)
        if qtype == ENOUGH:  # only a yes/no question asks whether it is enough
            qtype = NEED if words and words[0] in self.kb.language.polar["asks"] else None
        if qtype == SOURCE:
            # "where do the education numbers come from?": what the rest asks about, then whose it is.
            asked = _spans(match_phrases(words, self.qtype_phrases))
            rest = " ".join(w for start, end, piece, q in asked if not q or q == "none" for w in piece.split()
                            if w not in self.kb.language.figure_words)  # "the education survey": what it is about
            return replace(self.understand(rest), text=text, qtype=SOURCE, chitchat=None)
        own_words = self._phrase_terms(words, NEED) if qtype == NEED else set()  # "do i need": the type's, not the topic's
        # "health information manager here, ...": the asker's own job, when it is one the article names but gives no
        # figure for, is who asks, not what about (but "as a health information manager what would i make" asks it).
        label, after = _label(text), _tokenized(self.kb.language.background_after)
        asker = {term for start, end, _, term in lexed if term in self.kb.entities and self.kb.entities[term].no_figures
                 and (end <= label or any(words[end:end + len(m)] == m for m in after))}
        kept = tuple(t for t in analysis.terms if not t.startswith(OOS_PREFIX) and t not in question_words
                     and t not in own_words and t not in asker)
        entities = tuple(dict.fromkeys(t for t in kept if t in self.kb.entities))
        shifts = self.kb.language.year_shifts  # "after 2018" is a year the KB may have no figures for
        years = tuple(int(w) + shifts.get(before, 0) for before, w in zip(("",) + analysis.words, analysis.words)
                      if YEAR_RE.match(w))
        ordinals = self.kb.language.ordinals  # "2nd" reaches here as "2", "nd"
        place = next((ordinals[w] for w in (*words, *map("".join, zip(words, words[1:]))) if w in ordinals), 1)
        choosing = self._choosing(lexed)
        ranks = choosing or self._what_kind(words, lexed) or place > 1  # "the second biggest" ranks
        ops, weak, content, generic = self._ops(words, lexed, ranks)
        lang = self.kb.language
        if choosing and not ops and not weak and self.percent_term in analysis.terms:
            # "what share of techs were in nursing or outpatient care?": the share of either, summed.
            choosing, ops = False, ("sum",)
        said = [w for w in words if w not in STOPWORDS and w not in lang.follow_markers]
        if not ops and not qtype and len(said) == 1 and len(words) <= BARE_WORDS and ("in", said[0]) in self.op_phrases:
            ops = (self.op_phrases[("in", said[0])],)  # "percent?", "dollars?": the "in ..." they are short for
        if qtype == NEED:  # "what if i do not have an associate's?" asks what is needed, not who is left
            ops = tuple(op for op in ops if op not in lang.quantity_ops and op != REMAINDER)
        if qtype != NEED and self._past_end(words, lexed):
            ops = (REMAINDER,)  # "what % have more than high school?": the rest of the levels, not a comparison
        # "what do you usually need to qualify?", "what degree do employers usually want?": "usually" says how often,
        # not which statistic (a word of manner, or any word of a need question), unless it asks pay.
        manner = tuple(lang.manner_endings)
        adverbs = {term for start, end, piece, term in lexed if end - start == 1 and piece.endswith(manner)}
        if not self.money_terms & set(kept) and (qtype == NEED or adverbs):
            stats = {t for t in entities if t.split(":")[0] == "stat" and (qtype == NEED or t in adverbs)}
            kept, entities = tuple(t for t in kept if t not in stats), tuple(t for t in entities if t not in stats)
        if self.money_terms & set(kept):
            # "what do coders at the VA make?": a part of a setting has its whole's pay; as typed ("medicle" is no "medicare").
            fixed = {repaired for _, repaired in analysis.repairs}
            wholes = [t for piece, fid in match_phrases(words, self.parts) if fid and not fixed & set(piece.split())
                      for t in sorted(self.kb.tags_of(self.kb.figures[fid]))
                      if t in self.kb.entities and t.split(":")[0] not in BROAD_KINDS and t not in entities]
            kept, entities = (*kept, *dict.fromkeys(wholes)), (*entities, *dict.fromkeys(wholes))
        # Not when it ranks, or names places the pay table ranks ("what state pays coders the most").
        if not ops and not ranks and not any(t.startswith(OOS_PREFIX) for t in analysis.terms) \
                and (extreme := self._extreme_stat(words, kept, entities)):
            kept, entities = (*kept, extreme), (*entities, extreme)  # "whats the lowest a coder makes": the bottom statistic
        if words and words[0] in lang.polar["asks"] and set(words) & lang.inclusive:
            ops = ()  # "does that include people retiring?", "is the total just new jobs or does it count ...": yes or no
        attained = self._had(words, lexed, self.kb.language.attained_after, self.personal_kinds) \
            if not ops and qtype not in (NEED, WHY) else ()
        scores, present = [], set(kept) - generic - set(attained)  # "with a bachelor's" cues no education topic
        for topic, cues in self.cues.items():
            score = sum(1 for cue in cues if cue and present.issuperset(cue))
            if score:
                scores.append((topic, score))
        scores.sort(key=lambda s: -s[1])
        # "where's the biggest chunk of coders employed?": of topics tied first, one whose figures are of no kind the
        # question type wants (a where-question: work settings) gives way to one whose are; a topic without
        # figures does not ("where can i learn more?": the organizations' web sites).
        wanted = set(self.kb.question_kinds.get(qtype or "", ()))
        tied = [t for t, n in scores if n == scores[0][1]] if scores else []
        if wanted and len(tied) > 1 and any(self.topic_kinds.get(t, set()) & wanted for t in tied):
            scores = [(t, n) for t, n in scores if t not in tied or t not in self.topic_kinds
                      or self.topic_kinds[t] & wanted]
        # "how many ppl work as techs?": a head count; "work" cues where people work only with a place, "there" or
        # "where" ("how many work there?").
        places = set(self.kb.question_kinds.get("where", ()))
        placed = qtype == "where" or set(words) & lang.pay_words["there"] or any(e.split(":")[0] in places for e in entities)
        if set(ops) & lang.quantity_ops and not placed:
            scores = [(t, n) for t, n in scores if not self.topic_kinds.get(t, set()) & places]
        values = self._values(words)
        if not ops and self._share_of(words, values):
            ops = ("share_count",)  # "whats [a share] of [a count]": the people that share of that count is
        mentioned = tuple(dict.fromkeys(i for _, ids in values for i in ids))
        out_of_scope, kinds = self._out_of_scope(words, lexed, {t for t, _ in scores}, label)
        if kinds:  # "which age group is the education breakdown for?": the figures' scope is asked, not a ranking
            ops = tuple(op for op in ops if op != RANK)
        if out_of_scope and ops:
            # "how big a raise is that?": an operation's phrase holds the out-of-scope word; what is asked is the operation.
            held = {i for (start, end), op in self._op_spans(words) if end - start > 1 for i in range(start, end)}
            named = [term[len(OOS_PREFIX):] for start, end, _, term in lexed if term and term.startswith(OOS_PREFIX)
                     and not set(range(start, end)) <= held]
            out_of_scope = tuple(g for g in out_of_scope if g in named)
        found = self._amount(words, lexed)
        # Not small talk when it writes a figure's value ("what's the [figure] number about?") or compares an
        # amount ("hey, was the bottom 10% under 20k?").
        chitchat = None if ops or mentioned or found and self._polar(words) else self.smalltalk.intent(words)
        if chitchat and out_of_scope:  # "are you AI?": a small-talk phrase holds the word, not a question about AI
            covered = self.smalltalk.covered(words, chitchat)
            if all(set(range(start, end)) <= covered for start, end, _, term in lexed if term and term.startswith(OOS_PREFIX)):
                out_of_scope = ()
        return Query(text, analysis, kept + kinds, entities + kinds, out_of_scope, years, tuple(scores), chitchat,
                     counts=self._counts(words), measures=self._measures(words, lexed),
                     polar=None if choosing else self._polar(words), choosing=choosing,  # "X or Y?" asks which
                     excluded=self._excluded(words, lexed), unlisted=self._unlisted(words, lexed, analysis.repairs, analysis.unknown),
                     unlisted_share=self._unlisted_share(words, lexed),
                     named_first=self._named_first(words, lexed), amount=found and found[1:],
                     asserted=bool(found) and self._asserts(words), amount_first=bool(found) and self._amount_first(words, found[0]),
                     unneeded=self._unneeded(words, analysis) if qtype == NEED else "",
                     unsplit=self._unsplit(values, lexed), reference=self._reference(words, lexed),
                     stat_said=bool(self.stat_words & set(words)),
                     majority=bool(words) and words[0] in self.kb.language.polar["asks"]
                     and bool(set(words[1:MAJORITY_SPAN + 1]) & self.kb.language.majority),
                     ops=ops, qtype=qtype, weak=weak, content=content,
                     mentioned=mentioned, names=self._names(text, analysis) + self._unknown_kinds(words, lexed, analysis),
                     action=self._action(words),
                     future=any(t for _, t in match_phrases(words, self.future)), place=place,
                     realized=any(t for _, t in match_phrases(tokenize(text), self.realized)),  # "actually" is a filler to words
                     requirement=self.requirement if qtype == NEED else frozenset(),
                     rest=(rest := self._rest(words, self.rest)), parts=self._parts(words, rest) + self._named_part(words, lexed), within=self._within(words, lexed), alike=self._alike(words, lexed),
                     judged=self._judged(words), level=self._level(words), attained=attained, had=self._had(words, lexed, self.kb.language.holders),
                     qtype_said=qtype is not None,
                     brings=tuple(t for t, cues in self.cues.items() if any(c and set(c) <= set(attained) for c in cues))
                     if attained else ())

    def _extreme_stat(self, words: tuple[str, ...], kept: tuple[str, ...], entities: tuple[str, ...]) -> str | None:
        """Return the pay statistic an end of the pay range names when no kind of thing is ranked ("the lowest a
        coder makes", "the most you can earn"): of the occupation's yearly pay figures, the lowest or highest."""
        if not self.money_terms & set(kept) or any(e.split(":")[0] not in BROAD_KINDS for e in entities):
            return None
        end = next((e for _, e in match_phrases(words, self.range_ends) if e), None)
        return self.range_stats.get(end) if end else None

    def _op_spans(self, words: tuple[str, ...]) -> list[tuple[tuple[int, int], str]]:
        """Return where the operation phrases stand in the words, with their operations."""
        return [((start, end), op) for start, end, _, op in _spans(match_phrases(words, self.op_phrases)) if op]

    def _had(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]], after: frozenset[str],
             kinds: frozenset[str] | None = None) -> tuple[str, ...]:
        """Return the things the question names as had: right after a word such as "with" ("how about with a
        bachelor's?"), or right before one of `after` ("does a bachelor's help?", "RHIT holders"); of `kinds` only
        (a person's attainments: the kinds the figures count people by, but not where they work), when given."""
        before = self.kb.language.attained_before
        had = [t for start, end, _, t in lexed if t in self.kb.entities and (kinds is None or t.split(":")[0] in kinds)
               and (set(words[max(0, start - ATTAINED_SPAN):start]) & before or set(words[end:end + ATTAINED_SPAN]) & after)]
        if kinds is None:  # "a certified (professional) coder": a word of what workers hold, right before them
            tagged = [(start, t, w) for start, _, w, t in lexed if t]
            had += [t for (start, t, w), (at, role, _) in zip(tagged, tagged[1:]) if w in self.kb.language.qualifiers
                    and role.split(":")[0] in BROAD_KINDS and at - start <= ATTAINED_SPAN]
        return tuple(dict.fromkeys(had))

    def _past_end(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether the question asks past a group's open end ("more than X" of a group labelled "X or less")."""
        for start, _, _, tag in lexed:
            at = start
            while at > 0 and words[at - 1] in self.bound_skip:
                at -= 1
            for p in self.passed_by.get(tag or "", ()):
                k = at - len(p)
                # Not the open end of a group named before ("X [or less] than Y").
                if k >= 0 and tuple(words[k:at]) == p and tuple(words[max(0, k - 1):k + 1]) not in self.open_ends:
                    return True
        return False

    def _level(self, words: tuple[str, ...]) -> bool:
        """Tell whether the question judges a level: a word of degree right before a word of level ("so low")."""
        lang = self.kb.language
        return any(a in lang.level_before and b in lang.levels for a, b in zip(words, words[1:]))

    def _judged(self, words: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
        """Return each judged word's place and what it judges, the terms of the words right after it ("the best
        [job chances]"); none for a judged word that ends its clause ("which pays the best?")."""
        return tuple((n, frozenset(self.normalizer.analyze(" ".join(words[n + 1:n + 1 + JUDGED_SPAN]), repair=False).terms))
                     for n, word in enumerate(words) if word in self.kb.language.judged)

    def _reference(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[str, ...]:
        """Return the entities named after the first word that introduces what is compared with ("is the median
        higher than [physicians' offices]?", "[hospitals] vs offices" names offices)."""
        lang = self.kb.language
        at = next((n for n, w in enumerate(words) if w in lang.reference_before), None)
        if at is None:
            return ()
        # Up to a verb that starts what is compared ("below the hospital median [is] the nursing care median").
        end = next((n for n in range(at + 1, len(words)) if words[n] in lang.polar["asks"]), len(words))
        return tuple(t for start, _, _, t in lexed if at < start < end and t in self.kb.entities)

    def _unsplit(self, values: list[tuple[int, list[str]]], lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether the question asks a part of a count it writes ("how many of the [count] were coders?",
        "how many of the [count] new jobs will be in hospitals?") by something named after the count that no
        share of that count is about; or of a count it names by words, which no share splits at all."""
        at = next(((n, counts) for n, ids in values if (counts := [i for i in ids if self.kb.figures[i].unit == "people"])), None)
        if at is None:
            # "how many of the openings will be in nursing homes?": a count named by its measure's words that no share splits.
            terms = {t for *_, t in lexed if t}
            named = {t for *_, t in lexed if t in self.split_kinds}
            return bool(named) and any(words and words <= terms for words in self.unsplit_counts)
        n, ids = at
        whole = self.kb.figures[ids[0]]
        named = {t for start, _, _, t in lexed if start > n and t in self.split_kinds} - self.kb.tags_of(whole)
        return bool(named) and not any(f.share_of == whole.id and named <= self.kb.tags_of(f) for f in self.kb.figures.values())

    def _unneeded(self, words: tuple[str, ...], analysis: Analysis) -> str:
        """Return the words of what a need question asks about, when the KB knows none of them ("do i need to
        know anatomy for the exam?": anatomy), else ""."""
        lang = self.kb.language
        ends = [end for _, end, _, q in _spans(match_phrases(words, self.qtype_phrases)) if q == NEED]
        if not ends:
            return ""
        rest = list(itertools.dropwhile(lambda w: w in lang.need_object_lead, words[ends[-1]:]))
        thing = list(itertools.takewhile(lambda w: w not in lang.need_object_end, rest))
        unknown = [w for w in thing if w in analysis.unknown]
        known = self.normalizer.analyze(" ".join(thing), repair=False).terms if thing else ()
        return " ".join(unknown) if unknown and not any(t in self.kb.entities or t.startswith("=") for t in known) else ""

    def _phrase_terms(self, words: tuple[str, ...], qtype: str) -> set[str]:
        """Return the terms of a question type's own words ("do i need": need), but not those that say
        what is asked about ("is it required": required)."""
        spans = _spans(match_phrases(words, self.qtype_phrases))
        said = " ".join(piece for _, _, piece, q in spans if q == qtype)
        return set(self.normalizer.analyze(said, repair=False).terms) - self.requirement if said else set()

    def _within(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> str | None:
        """Return the entity a which-question asks among ("which insurance companies hire the most?", "which
        of those clinics"), when the which-word leads to it past stopwords only."""
        which = self.kb.language.which_words
        for start, _, _, term in lexed:
            if term in self.kb.entities and term.split(":")[0] not in BROAD_KINDS:
                before = words[:start]
                lead = next((i for i in range(len(before) - 1, -1, -1) if before[i] not in STOPWORDS or before[i] in which), None)
                if lead is not None and before[lead] in which:
                    return term
        return None

    def _rest(self, words: tuple[str, ...], table: dict[tuple[str, ...], str]) -> tuple[str, ...]:
        """Return the figures whose rest (or a part of it) the question names ("the benefits"), not those it
        names with their whole ("pay with benefits", "does it include people retiring")."""
        if self.rest_starts.isdisjoint(words):
            return ()
        inclusive = self.kb.language.inclusive  # before it, or after it ("medicare offices and such")
        return tuple(dict.fromkeys(t for start, end, _, t in _spans(match_phrases(words, table))
                                   if t and not set(words[max(0, start - INCLUSIVE_SPAN):start] + words[end:end + INCLUSIVE_SPAN]) & inclusive))

    def _parts(self, words: tuple[str, ...], rest: tuple[str, ...]) -> tuple[str, ...]:
        """Return the words naming a part of a figure's rest ("retirements"), when the question names no
        rest of that figure as a whole ("retiring or leaving")."""
        inclusive = self.kb.language.inclusive
        if any(t and set(words[end:end + INCLUSIVE_SPAN]) & inclusive for _, end, _, t in _spans(match_phrases(words, self.parts))):
            return ()  # "medicare and medicaid offices and such": the whole they are part of
        parts = set(self._rest(words, self.parts)) - set(rest)
        return tuple(dict.fromkeys(piece for piece, t in match_phrases(words, self.parts) if t in parts)) if parts else ()

    def _named_part(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[str, ...]:
        """Return a name of what a thing's label includes, asked for on its own ("an associate's degree specifically",
        "exactly an associate's, not a certificate"), which no figure counts apart from the rest."""
        stressed = set(words) & self.kb.language.stress
        return tuple(piece for _, end, piece, t in lexed if piece in self.part_names.get(t or "", ())
                     and (stressed or "not" in words[end:]))  # "..., not a certificate"

    def _action(self, words: tuple[str, ...]) -> str | None:
        """Return the term of the word a how-to phrase leads to ("how do i pick a school": pick), if it has one."""
        for i in range(len(words)):
            if words[i] not in self.how_to_starts:
                continue
            for phrase in self.how_to:
                after = words[i + len(phrase) : i + len(phrase) + 1]
                if words[i : i + len(phrase)] == phrase and after and after[0] not in STOPWORDS:
                    terms = self.normalizer.analyze(after[0], repair=False).terms
                    return terms[0] if terms and terms[0] not in self.kb.entities else None
        return None

    def _distribute(self, text: str) -> str:
        """Spell out a shared ending: "top and bottom 10%" -> "top 10% and bottom 10%", when both are phrases."""
        words = tokenize(text)
        phrases = self.normalizer.phrases
        for i in range(len(words) - 2):
            if words[i + 1] not in COORDINATORS:
                continue
            for n in range(SHARED_MAX, 1, -1):
                tail = tuple(words[i + 2 : i + 2 + n])
                if len(tail) == n and tail in phrases and (words[i],) + tail[1:] in phrases and words[i] != tail[0]:
                    return " ".join(words[:i] + [words[i], *tail[1:]] + words[i + 1 :])
        return self._parallel(words) or text

    def _parallel(self, words: list[str]) -> str:
        """Spell out an ending said once: "the top 10% make how much more than the bottom" -> "... the
        bottom 10%", when the last word alone starts a phrase with the same ending as one said before."""
        phrases = self.normalizer.phrases
        for i in range(len(words)):
            for n in range(SHARED_MAX, 1, -1):
                said = tuple(words[i : i + n])
                if len(said) < n or said not in phrases:
                    continue
                tail, last = said[1:], words[-1]
                if last != said[0] and (last, *tail) in phrases and len(words) - 1 >= i + n:
                    return " ".join([*words, *tail])
        return ""

    def settle(self, query: Query) -> Query:
        """Read an ambiguous phrase by the question's topic: "faster than average" on growth means the
        whole workforce, where "the average salary" means the median (lexicon `ambiguous`)."""
        # "is that above average?" after growth figures: what "that" is about decides, not the phrase's own cue.
        pointed = list(dict.fromkeys(t for i in query.focus if i in self.kb.figures
                                     for t in self.kb.fact(self.kb.figures[i].fact_id).topics))
        back = bool(pointed and set(query.analysis.words) & self.kb.language.back_words)
        if set(query.ops) & PAY_PERIODS and self.pay_term and not (query.focus or query.kept or query.carried) \
                and not self.measure_words & set(query.terms) and not query.intent:
            # "whats the hourly?" with nothing before it: the occupation's pay, by the hour.
            query = replace(query, terms=(*query.terms, self.pay_term), topic_scores=((self.pay_topic, 1),))
        if query.kept and not query.ops and query.intent in self.paid_topics:
            # "and the lowest?" after the median: the bottom statistic of the pay the last question asked.
            held = tuple(e for e in query.entities if e.split(":")[0] != "stat")
            if extreme := self._extreme_stat(query.analysis.words, (*query.terms, *self.money_terms), held):
                query = replace(query, terms=(*(t for t in query.terms if t not in query.entities or t in held), extreme),
                                entities=(*held, extreme))
        for topic in pointed if back else [query.intent]:
            if topic and self.kb.ambiguous:
                settled = self._settle(query, topic)
                if settled is not query:
                    return replace(settled, topic_scores=((topic, 1),)) if back else settled
        return query

    def _settle(self, query: Query, topic: str) -> Query:
        """Read the ambiguous phrases of a question by one topic."""
        about = self.topic_tags.get(topic, set())
        words = query.analysis.words
        lang = self.kb.language
        against = {*lang.pay_words["compare"], *lang.polar["more"], *lang.polar["less"]}
        for phrase, others in self.ambiguous.items():
            default = self.normalizer.phrases.get(phrase)
            n = len(phrase)
            at = [i for i in range(len(words) - n + 1) if words[i : i + n] == phrase]
            meant = next((t for t in others if t in about), None)
            # "the national median for all jobs" names the workforce twice: then it means the workforce.
            again = sum(1 for _, t in match_phrases(words, self.normalizer.phrases, self.normalizer.starts) if t == default) > 1
            # "paid above or below average", "more or less than the national median": what pay is set against, the
            # workforce, even where the topic has medians; a phrase that names the workforce itself keeps it, unless
            # the question points back ("is that above the national median?" after a state's: the nation's).
            compared = any(against & set(words[max(0, i - COMPARED_SPAN):i]) for i in at)
            if compared and not default.startswith("stat:") and not set(words) & lang.back_words:
                continue
            meant = meant or (others[0] if compared else None)
            if at and default in query.entities and (default not in about or compared) and meant and not again:
                return replace(query, terms=_swap(query.terms, default, meant),
                               entities=_swap(query.entities, default, meant))
        return query

    def clean(self, text: str, message: bool = False) -> str:
        """Return a question without markup and fillers (a whole message keeps "actually"), with negations and
        chat spellings written out, and a bare share of earners with its percent sign ("and the top 10?")."""
        lang = self.kb.language

        def share(m: re.Match) -> str:
            before, gap, number, space, after = m.groups()
            shares = before.lower() in lang.percent_before and (not after or after.lower() in lang.percent_next)
            return f"{before}{gap}{number}%{space}{after}" if shares else m.group()
        def clause_end(m: re.Match) -> str:
            before, word = m.group(1) or "", m.group(2)
            if before.lower() in lang.clause_end_not_after:
                return m.group()  # "im an rn": the name
            return f"{before} {lang.clause_end_slang[word.lower()]}".lstrip()  # "which pays better rn?": right now
        lowered = text.lower()
        if self.clause_ends and any(w in lowered for w in lang.clause_end_slang):  # most questions have none
            text = self.clause_ends.sub(clause_end, text)
        if self.contrasted and self.contrasted.search(text):  # "the AVERAGE salary, not the median": the mean
            text = self.contrasted_words.sub(lambda m: lang.contrasted[m.group().lower()], text)
        return BARE_SHARE_RE.sub(share, clean(text, lang.slang, self.message_fillers if message else self.fillers, self.sayings))

    def _choosing(self, lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether a question chooses between two of a kind ("hospitals or nursing homes?"), as a
        which-question does; "a bachelor's or higher" chooses nothing."""
        # "hospitals or doctors offices combined", "either hospitals or nursing homes": both, summed.
        if any(w in self.kb.language.operations["sum"] for _, _, w, _ in lexed):
            return False
        seq = [t or w for _, _, w, t in lexed if t or w not in STOPWORDS or w == "or"]
        return any(mid == "or" and a in self.kb.entities and b in self.kb.entities and a.split(":")[0] == b.split(":")[0]
                   for a, mid, b in zip(seq, seq[1:], seq[2:]))

    def _what_kind(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether "what" asks which of a kind the figures are about holds for the people the question
        names ("what education do most techs have?"), as "which" does; not "what education do employers want?"."""
        kinds = self.kb.choice_kinds & self.kb.scope_kinds
        people = any(t in self.kb.entities and t.split(":")[0] in BROAD_KINDS for _, _, _, t in lexed) \
            or bool(set(words) & self.kb.language.people_words)
        return people and any(w in self.kb.language.what_words and nxt in kinds for w, nxt in zip(words, words[1:]))

    def _names(self, text: str, analysis: Analysis) -> tuple[str, ...]:
        """Return the names the KB does not know: an acronym ("HIPAA"), a word with a capital inside
        ("UnitedHealthcare"), two capitalized words ("Penn Foster") or one after a word that leads to a
        place ("work at Kaiser"), but not one capitalized word elsewhere (a person's name, the start of a
        sentence)."""
        unknown = set(analysis.unknown) | {w.removesuffix("'s") for w in analysis.unknown}  # "Penn Foster's"
        # A word the KB does not know with no vowel is an acronym however it is typed ("cpc", "CPT").
        bare = [b for w in analysis.unknown if ABBREVIATION_RE.match(b := w.removesuffix("'s")) and not self._vowels_dropped(b)]
        letters = [c for c in text if c.isalpha()]
        if sum(c.isupper() for c in letters) > SHOUTED * len(letters):  # "... COUNT people QUITTING": chat spellings spelled out
            return tuple(dict.fromkeys(w.upper() for w in bare))  # all capitals: the writer's habit, not names
        found = [m.group(1) for r in (ACRONYM_RE, CAMEL_RE) for m in r.finditer(text) if m.group(1).lower() in unknown]
        found += [m.group(0) for m in PROPER_RE.finditer(text)
                  if all(w.lower() in unknown for w in m.group(0).split())]
        found += [m.group(2) for m in PLACED_RE.finditer(text)
                  if m.group(1).lower() in self.kb.language.place_before and m.group(2).lower() in unknown]
        # ... or an unknown word right after a word that leads to an employer, in lower case too ("at kaiser"), that
        # ends the phrase ("looking at desk jobs" names no employer).
        words = (*analysis.words, "")
        verbs = self.kb.language.employer_verbs
        found += [w for before, w, after in zip(words, words[1:], words[2:]) if before in self.kb.language.name_before
                  and w in unknown and (not after or after in STOPWORDS or after in verbs) and w.lower() not in {f.lower() for f in found}]
        # ... or one an employer's verb follows ("optum is hiring coders").
        found += [w for n, w in enumerate(words) if w in unknown and set(words[n + 1:n + 3]) & self.kb.language.hiring_verbs
                  and not (n and words[n - 1] in self.kb.language.first_person) and w.lower() not in {f.lower() for f in found}]
        known = {f.lower() for f in found}
        found += [w for before, w, after in zip(words, words[1:], words[2:]) if before in self.kb.language.subject_before
                  and w in unknown and len(w) > SHORT_WORD and after and after not in unknown and w.lower() not in known]
        found += [w.upper() for w in bare if w.upper() not in found]
        return tuple(dict.fromkeys(found))

    def _unknown_kinds(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]],
                        analysis: Analysis) -> tuple[str, ...]:
        """Return a kind of the occupation's workers or of a work setting the KB does not know, named by an unknown
        word right before the name of a role or setting ("travel coders", "pediatric hospitals"): no figure is about it."""
        unknown = set(analysis.unknown)
        kinds = BROAD_KINDS | set(self.kb.question_kinds.get("where", ()))
        found = [f"{words[start - 1]} {piece}" for start, _, piece, term in lexed
                 if start and term in self.kb.entities and term.split(":")[0] in kinds
                 and words[start - 1] in unknown and len(words[start - 1]) > SHORT_WORD
                 and words[start - 1] not in self.normalizer.vocabulary and stem(words[start - 1]) not in self.normalizer.stems]
        # ... or by another occupation's name right before a role's ("nurse coders"), unless it is the asker's.
        others = self.others_term
        found += [f"{a[2]} {b[2]}" for a, b in zip(lexed, lexed[1:]) if others and a[3] == others and a[1] == b[0]
                  and b[3] in self.kb.entities and b[3].split(":")[0] in BROAD_KINDS
                  and not about_asker(words, a[0], a[1], self.kb.language)]
        return tuple(found)

    def _vowels_dropped(self, word: str) -> bool:
        """Tell whether a word of consonants is a known word typed without a vowel ("wrk", "mch")."""
        return any(f"{word[:i]}{v}{word[i:]}" in self.normalizer.vocabulary for i in range(1, len(word) + 1) for v in "aeiouy")

    def _values(self, words: tuple[str, ...]) -> list[tuple[int, list[str]]]:
        """Return where the question writes figures' values, with those figures: "5%" is a percentage, "1,234"
        any other unit."""
        out = []
        for n, (word, after) in enumerate(zip(words, words[1:] + ("",))):
            if VALUE_RE.match(word) and not YEAR_RE.match(word):
                percent = word.endswith("%") or after in PERCENT_WORDS  # "36%", "36 percent"
                if ids := self.by_value.get((float(word.rstrip("%")), percent)):
                    out.append((n, ids))
        return out

    def _heads(self, analysis: Analysis, lexed: list[tuple[int, int, str, str | None]],
               kinds: set[str] | None = None) -> tuple[Analysis, list]:
        """Read a word that names another occupation but also begins a name of a place or other thing the
        figures are about as that thing, when the question names another of its kind ("the doctor's office
        median vs the nursing median", "nursing or outpatient?")."""
        if not self.heads.keys() & set(analysis.words):
            return analysis, lexed
        if kinds is None:
            kinds = {term.split(":")[0] for *_, term in lexed if term in self.kb.entities}
        swap = {n: self.heads[piece] for n, (*_, piece, term) in enumerate(lexed)
                if piece in self.heads and term and term.startswith(OOS_PREFIX) and self.heads[piece].split(":")[0] in kinds}
        if not swap:
            return analysis, lexed
        terms = list(analysis.terms)
        for n, entity in swap.items():
            if (old := lexed[n][3]) in terms:
                terms[terms.index(old)] = entity
            lexed[n] = (*lexed[n][:3], entity)
        return replace(analysis, terms=tuple(terms)), lexed

    def _out_of_scope(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]],
                      topics: set[str], label: int = 0) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return the out-of-scope groups named, except a person's own background ("retired teacher here",
        "reporter: ..." within the first `label` words), and, as retrieval terms, the kinds of scope it asks
        about instead ("age")."""
        # "what age group is that?": a kind of thing the KB's figures are about, asked of the last answer, or
        # of a topic whose figures have it ("what age group are the education numbers for?").
        back = set(words) & self.kb.language.back_words  # "is there a minimum age for the exam?" is no age of figures
        kinds = {k for t in topics for k in self.topic_kinds.get(t, ())} if topics else self.kb.scope_kinds if back else set()
        kin = self.kb.language.kin_before  # "my teacher": someone the asker knows, not the occupation asked about
        named = [(start, end, piece, term) for start, end, piece, term in lexed if term and term.startswith(OOS_PREFIX)]
        # Only another occupation describes the asker ("I'm a nurse"); "I have a felony" is still asked about.
        others = self.others_term
        # "what ages is it for?": the kind, or its plural ("techs aged 45 and up" names an age the figures lack).
        named_kinds = {**{k: k for k in kinds}, **{k + "s": k for k in kinds}}
        kind_of = named_kinds.get
        out = [term[len(OOS_PREFIX):] for start, end, piece, term in named
               if not (term == others and (end <= label or about_asker(words, start, end, self.kb.language)))
               and not kind_of(piece)
               and not (term == others and start and words[start - 1] in kin)
               and (words[end:end + 1] or ("",))[0] not in THOUSANDS]  # "over 50k" is money, not "over 50" (age)
        return tuple(dict.fromkeys(out)), tuple(t for _, _, piece, _ in named if kind_of(piece) for t in self.kind_tags.get(kind_of(piece), ()))

    def _unlisted_share(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether the question names a share of earners the KB has no figure for ("the top 1%"): an end
        of a ranking ("top", "bottom") and a percentage that no name of a statistic covers."""
        ends = set(self.kb.language.operations["most"]) | set(self.kb.language.operations["least"])
        named = {i for start, end, _, term in lexed if term in self.kb.entities for i in range(start, end)}
        for i, share in enumerate(words):
            # "the top 1%", "the lowest paid 1%": an end of the ranking a word or two before it.
            before = words[max(0, i - 2):i]
            ended = before[-1:] and before[-1] in ends or len(before) == 2 and before[0] in ends and before[1] not in STOPWORDS
            if share.endswith("%") and NUMBER_RE.match(share) and i not in named and share not in self.named_shares and ended:
                return True
        # ... or a percentile by its number ("the 95th percentile") that no statistic's name covers.
        return any(w.isdigit() and i not in named and words[i + 2] in self.ranked_heads for i, w in enumerate(words[:-2]))

    def _unlisted(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]],
                  repairs: tuple[tuple[str, str], ...] = (), unknown: tuple[str, ...] = ()) -> str:
        """Return a place the question names that the KB does not list: plain words before a place noun, as typed
        ("staffing firms", not a repair's "standing firms")."""
        pieces = [(words[i], term) for start, end, _, term in lexed for i in range(start, end)]
        plain = [term is None and w.isalpha() and w not in STOPWORDS for w, term in pieces]
        # A place noun that is itself a setting's alias ("offices") heads a place the KB lacks after a word it does
        # not know or another occupation's ("veterinarian offices", "dentist offices"), not after words it knows
        # (the words of a longer alias of the same setting, typed in another number).
        bare = {start for start, end, _, term in lexed if end - start == 1 and term in self.kb.entities
                and term.split(":")[0] in self.kb.question_kinds.get("where", ())
                and start > 0 and (words[start - 1] in unknown or pieces[start - 1][1] == self.others_term)}
        # Another occupation's name before the place noun counts too: "dentist offices" is a place, not dentists.
        others = self.others_term
        modifier = [ok or term == others and w.isalpha() for ok, (w, term) in zip(plain, pieces)]
        for i, word in enumerate(words):
            if word in self.place_heads and (plain[i] or i in bare):
                start = i
                while start > 0 and modifier[start - 1]:
                    start -= 1
                # After a word that leads to a place ("in", "about"): "do employers care" names none.
                if start < i and start > 0 and words[start - 1] in self.kb.language.place_before:
                    typed = {fixed: token for token, fixed in repairs}
                    return " ".join(typed.get(w, w) for w in words[start : i + 1])
        return ""

    def _excluded(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[str, ...]:
        """Return the terms of what an exclusion sets aside, up to the question it leads to ("apart from
        being detail oriented, what else ...")."""
        lang = self.kb.language
        stops = {*lang.polar["asks"], *lang.question_words, *lang.more_words}
        kinds = {term.split(":")[0] for *_, term in lexed if term in self.kb.entities}
        for start, end, _, excluding in _spans(match_phrases(words, self.exclusions)):
            if excluding:
                aside = self.normalizer.analyze(" ".join(itertools.takewhile(lambda w: w not in stops, words[end:])), repair=False)
                return self._heads(aside, _spans(match_phrases(aside.words, self.normalizer.phrases, self.normalizer.starts)), kinds)[0].terms
        return ()

    def _amount(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[int, float, str] | None:
        """Return where the question writes an amount of money or a percentage ("over 30k", "more than $40,000"),
        not a number inside a name ("the top 10%") or a year, with its value and unit."""
        named = {i for start, end, _, term in lexed if term in self.kb.entities for i in range(start, end)}
        for i, word in enumerate(words):
            if i in named or not NUMBER_RE.match(word) or YEAR_RE.match(word):
                continue
            value, after = float(word.rstrip("%")), words[i + 1] if i + 1 < len(words) else ""
            if word.endswith("%") or after in PERCENT_WORDS:
                return i, value, "percent"
            if after in THOUSANDS:
                return i, value * 1000, "USD/year"
            if value >= MIN_AMOUNT:
                return i, value, "USD/year"
        return None

    def _share_of(self, words: tuple[str, ...], values: list[tuple[int, list[str]]]) -> bool:
        """Tell whether the question writes a share, a word of `share_of`, then a count ("[a share] percent of [a count]")."""
        at = {n for n, _ in values}
        for n in at:
            gap = n + 1 + (words[n + 1:n + 2] != () and words[n + 1] in PERCENT_WORDS)  # "36 percent of"
            shared = words[n].endswith("%") or gap == n + 2
            if shared and words[gap:gap + 1] and words[gap] in self.kb.language.share_of and gap + 1 in at:
                return True
        return False

    def _amount_first(self, words: tuple[str, ...], at: int) -> bool:
        """Tell whether the amount at a place comes before the first comparison word ("is 40k above the
        median?"), not after it ("is the median over 30k?")."""
        compare = set(self.kb.language.polar["more"]) | set(self.kb.language.polar["less"])
        word = next((i for i, w in enumerate(words) if w in compare), None)
        return word is not None and at < word

    def _asserts(self, words: tuple[str, ...]) -> bool:
        """Tell whether the question tells the bot to state something ("confirm that ..."), not supposes ("say i make")
        or asks yes or no ("can you confirm they make over 30k?")."""
        lang = self.kb.language

        def subject(i: int) -> str:  # the word after the verb, past whom it tells
            after = [w for w in words[i + 1:i + 3]]
            return (after[1:2] if after[:1] and after[0] in lang.told else after[:1] or [""])[0] if after else ""
        return self._polar(words) is None and any(w in lang.assert_verbs and subject(i) not in lang.first_person
                                                  for i, w in enumerate(words))

    def _named_first(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> bool:
        """Tell whether a narrowing entity comes before "than" ("is the workforce growing faster than ...")."""
        than = next((i for i, w in enumerate(words) if w in self.kb.language.polar["than"]), None)
        return than is not None and any(term in self.kb.entities and term.split(":")[0] not in BROAD_KINDS and end <= than
                                        for _, end, _, term in lexed)

    def _polar(self, words: tuple[str, ...]) -> str | None:
        """Return "more" or "less" for a yes/no comparison ("is the outpatient median below the overall?")."""
        polar = self.kb.language.polar
        opener = next((w for w in words if w in polar["asks"] or w in self.kb.language.question_words), None)
        if opener not in polar["asks"]:
            return None
        asked = {d for w in words for d in ("more", "less") if w in polar[d]}
        return asked.pop() if len(asked) == 1 else None  # "more or less?" asks which, not yes or no

    def _measures(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[tuple[str, str], ...]:
        """Return the plain words that name a measure noun after them ("unemployment rate"), with the phrase."""
        heads = self.kb.language.measure_heads
        return tuple((stem(piece), f"{piece} {words[end]}") for start, end, piece, term in lexed
                     if term is None and end < len(words) and words[end] in heads and piece.isalpha()
                     and piece not in STOPWORDS and piece not in self.op_words)

    def _alike(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[str, ...]:
        """Return two names of one entity that the question compares ("what's the difference between a biller
        and a coder?"): the KB takes them for one thing, so it cannot tell them apart."""
        if not set(words) & self.kb.language.pay_words["compare"]:
            return ()
        names: dict[str, list[tuple[int, int, str]]] = {}
        for start, end, piece, term in lexed:
            if term in self.kb.entities:
                names.setdefault(term, []).append((start, end, piece))
        stems = lambda piece: {stem(w) for w in piece.split()}  # noqa: E731
        for start, end, piece, term in lexed:  # "billing vs coding": a word of only one role's names stands for it
            if term is None and (tag := self.role_words.get(stem(piece))):
                names.setdefault(tag, []).append((start, end, piece))
                names[tag].sort()
        for spans in names.values():
            for (_, end, a), (start, _, b) in itertools.combinations(spans, 2):
                # Set against each other ("a biller and a coder", "coder vs biller"), not one name said twice or
                # shortened ("nursing homes ... nursing home techs"), nor one name's parts ("the national median
                # for all jobs").
                if set(words[end:start]) & self.kb.language.alike_between and not (stems(a) <= stems(b) or stems(b) <= stems(a)):
                    return a, b
        return ()

    def _counts(self, words: tuple[str, ...]) -> str | None:
        """Return what a "how many X" question counts, when X is not people (the KB counts only people)."""
        for i in range(len(words) - 2):
            if words[i : i + 2] != ("how", "many"):
                continue
            after = words[i + 2 : i + 5]
            nouns = self.kb.language.count_nouns  # "how many questions": a stopword that names what is counted
            if after[0] in STOPWORDS and after[0] not in nouns or after[0] in self.kb.language.count_implied or not after[0][0].isalpha():
                return None  # "how many of them", "how many work in hospitals": people
            if (match_phrases(words[i:], self.op_phrases)[0][1] or "share_count") != "share_count":
                return None  # "how many times faster", "how many percent higher": arithmetic, not a count
            following = self.normalizer.analyze(" ".join(after), repair=False).terms
            if any(t.split(":")[0] in BROAD_KINDS for t in following if t in self.kb.entities):
                return None  # "how many hospital technicians": people, in a setting
            if following and following[0] in self.kb.entities:
                return self.kb.entities[following[0]].label
            rest = words[i + 2 : i + 8]  # "qualified medical information professionals": people of a role it covers
            if any(t.split(":")[0] in BROAD_KINDS for t in self.normalizer.analyze(" ".join(rest), repair=False).terms
                   if t in self.kb.entities):
                return None
            group = rest[: next((n for n, w in enumerate(rest) if w in STOPWORDS and w not in nouns), len(rest))]
            terms = self.normalizer.analyze(" ".join(group), repair=False).terms
            if group and not self.countable & set(terms):
                # "how many coding schools": what the words before a filler name; a decline states no number, so
                # not the digits of a name ("ICD-10 codes": "icd codes").
                return " ".join(w for w in group if not any(c.isdigit() for c in w)) or "that"
        return None

    @staticmethod
    def _phrase_spans(words: tuple[str, ...], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
        """Return where each of the phrases stands in the words: (start, end)."""
        return [(i, i + len(p)) for p in phrases if p for i in range(len(words) - len(p) + 1) if words[i:i + len(p)] == p]

    def _ops(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]],
             choosing: bool) -> tuple[tuple[str, ...], str | None, tuple[str, ...], set[str]]:
        """Return the operations asked for (most specific first), a weak op said outside a which-question,
        the terms of the words outside the op phrases (what the arithmetic is about), and the terms only a
        quantity phrase gives ("how many" asks how much, not about what: no topic cue)."""
        lang = self.kb.language
        asks_which = choosing or any(w in lang.which_words for w in words)
        pieces = match_phrases(words, self.op_phrases)
        # "not just new jobs", "not just brand new jobs": an operation said right after is not asked.
        denied = {end + n for start, end in self._phrase_spans(words, self.not_asked) for n in range(NOT_ASKED_SPAN)}
        # "top 10% make more than what?", "bottom 10 percent earn less than?": the cutoff, no comparison.
        than = set(lang.polar["than"])
        found = {op for start, end, piece, op in _spans(pieces) if op and start not in denied
                 and not (piece.split()[-1] in than and (end == len(words) or words[end] in lang.question_words))
                 # "40k a year", "[an amount] a year": the unit of a written amount, no arithmetic asked
                 and not (op in lang.rate_ops and start and NUMBER_RE.match(words[start - 1].rstrip("k"))
                          and not words[start - 1].endswith("%") and not YEAR_RE.match(words[start - 1]))}
        if not found:
            return (), None, (), set()
        if {"times", "difference"} <= found and set(words) & lang.points_words:
            found.discard("times")  # "how much faster, in percentage points?": points apart, not times as fast
        # "top" in "the top 10%" names a statistic, not the most of something.
        named = {i for start, end, _, term in lexed if term in self.kb.entities for i in range(start, end)}
        strong = {op for start, end, _, op in _spans(pieces) if op and not set(range(start, end)) <= named}
        weak = next((op for op in self.op_order if op in strong and op in lang.weak_operations), None)
        # "where can i learn more": a one-word ranking inside a phrase of the lexicon ranks nothing.
        phrased = {i for start, end, _, term in lexed if term and end - start > 1 for i in range(start, end)}
        found -= {op for start, end, _, op in _spans(pieces) if op in lang.weak_operations and set(range(start, end)) <= phrased}
        ops = tuple(op for op in self.op_order if op in found and (op not in lang.weak_operations or asks_which))
        content = self.normalizer.analyze(" ".join(p for p, op in pieces if not op), repair=False).terms
        quantity = " ".join(p for p, op in pieces if op in lang.quantity_ops)
        other = " ".join(p for p, op in pieces if op not in lang.quantity_ops)
        generic = set(self.normalizer.analyze(quantity, repair=False).terms) - set(
            self.normalizer.analyze(other, repair=False).terms) if quantity else set()
        # Nor does a measure's synonym inside another arithmetic phrase ("by how many percentage points": no head
        # count), unless the phrase names what it ranks by ("pays the most").
        arithmetic = " ".join(p for p, op in pieces if op and op not in lang.quantity_ops and op not in lang.rankings.values())
        generic |= {t for t in self.normalizer.analyze(arithmetic, repair=False).terms if t.startswith("=")} - set(content)
        return ops, weak, content, generic

    def _asking(self, words: tuple[str, ...], lexed: list[tuple[int, int, str, str | None]]) -> tuple[str | None, set[str]]:
        """Return the question type, and the entities named only by its own words ("what does X mean")."""
        asked = _spans(match_phrases(words, self.qtype_phrases))
        inside = {i for start, end, _, qtype in asked if qtype and qtype != "none" for i in range(start, end)}
        named = {term for start, end, _, term in lexed if term in self.kb.entities and set(range(start, end)) <= inside}
        # The longest phrase is the most specific: "where ... come from" asks for a source, not a place.
        found = sorted(((start - end, start, q) for start, end, _, q in asked if q and q != "none"))
        # "why do they need to listen?" asks why; "what do i need for that?" asks what is needed, not what it is.
        needs = [f for f in found if f[2] in (NEED, ENOUGH)]
        others = [f for f in found if f[2] not in (NEED, ENOUGH, DEFINE)]
        found = others or needs or found
        qtype = found[0][2] if found else None
        # "who did the education survey?", "who made the pay numbers?": who made figures is where they come from.
        if qtype == "who" and set(words) & self.kb.language.figure_words:
            qtype = SOURCE
        spoken = f" {' '.join(words)} "
        if qtype == "where" and any(f" {p} " in spoken for p in self.kb.language.origin):
            qtype = SOURCE if set(words) & self.kb.language.figure_words else WHY  # what the openings come of
        return qtype, named
