"""Read a question for the pay table: which occupations and states, which statistic, which comparison."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb.model import KB
from ..kb.paytable import ALL, NATIONAL, WAGES
from ..kb.tokens import tokenize
from .context import Context
from .text import match_phrases
from .understand import BROAD_KINDS, DEFINE, ENOUGH, NEED, WHY, Query, about_asker, own_names

# How people ask for what the table holds: the language layer's `pay_words` (per hour or year, the mean, states,
# the nation, today, more or less, comparison, change, how states are written, names of pay, ranking verbs).
# Postal codes that are also English words or abbreviations (`pay_words.capital_words`) count in capitals only
# after a word of `capital_before` ("in OR?"); in lower case, those of `pay_words.not_states` never count.
CAPS_RE = re.compile(r"\b[A-Z]{2}\b")


SHARE_OP = "portion"  # the language layer's op for a part of a whole ("what share of the total is that?")
MAX_KEYWORDS = 6  # a question of so few words is typed as keywords: a postal code may end it ("coder pay nc")


@dataclass(frozen=True)
class PayAsk:
    """What a question asks of the pay table."""

    occupations: tuple[str, ...]  # SOC codes, in the order named
    areas: tuple[str, ...]  # area codes, in the order named
    industry: str
    stat: str  # employment, mean, median, p10 ...
    hourly: bool
    op: str | None  # compare, highest, lowest, change
    pay: bool  # asks for pay or employment at all
    own: bool  # names the article's occupation
    other: bool  # names another occupation
    followup: bool  # leans on a table answer before it
    population: bool  # names a population ("all jobs"), which the article's facts compare with
    years: tuple[int, ...]  # the years it names itself, not those a follow-up took over
    blocked: tuple[str, ...]  # out-of-scope groups it touches besides other occupations and states ("remote")
    now: bool = False  # asks for today's figure ("how many coders are there now?")
    foreign: bool = False  # names a thing the table does not vary by (an education level)
    polar: str | None = None  # a yes/no comparison: is the first named "more" or "less" than the second
    same: bool = False  # a follow-up to today's national figure that names nothing new ("per hour?")
    beyond: bool = False  # asks of a topic the table holds nothing on, and not pay ("are lpn jobs growing?")
    monthly: bool = False  # asks per month ("what do coders make a month today?")
    unheld: bool = False  # today's figure of a measure it names itself, which the table has not ("openings now?")
    industries: tuple[str, ...] = ()  # two work settings compared ("difference?" after hospitals, then offices today)
    stats: tuple[str, ...] = ()  # two statistics of one row compared ("spread between them?" after the top and bottom 10%)
    by_setting: bool = False  # a ranking of the work settings nationally ("which setting pays best now?"), not of states

    def remembered(self) -> tuple[str, ...]:
        """Return what a follow-up to this answer may lean on, as the context keeps it."""
        return (f"occ={','.join(self.occupations)}", f"area={','.join(self.areas)}", f"industry={self.industry}",
                f"stat={self.stat}", f"hourly={int(self.hourly)}", f"op={self.op or ''}", f"monthly={int(self.monthly)}",
                f"by_setting={int(self.by_setting)}") + ((f"stats={','.join(self.stats)}",) if self.stats else ()) \
            + ((f"industries={','.join(self.industries)}",) if self.industries else ())


def recalled(context: Context) -> dict[str, str]:
    """Return what a table answer left in the context (`PayAsk.remembered`), by name."""
    return dict(item.split("=", 1) for item in context.pay)


@lru_cache(maxsize=8)
def _starts(kb: KB) -> frozenset[str]:
    return frozenset(words[0] for words in kb.pay.places)


def _places(kb: KB, text: str, words: list[str], measured: bool = False) -> list[str]:
    """Return the areas a question names: state names, and postal codes as people write them ("in CA");
    `measured`: the question names pay or a head count, so a code that ends it is a place ("coder pay nc")."""
    pay = kb.pay
    found = [term for _, term in match_phrases(words, pay.places, _starts(kb)) if term]
    codes = {p: a for a, p in pay.postal.items()}
    shouting = text.upper() == text
    w = kb.language.pay_words
    for match in CAPS_RE.finditer(text):
        code = match.group(0)
        # "OK, what do nurses make?" names no state; "and in OK?" does.
        placed = code.lower() not in w["capital_words"] or set(text[:match.start()].lower().split()[-1:]) & w["capital_before"]
        if code in codes and placed and not shouting and codes[code] not in found:
            found.append(codes[code])
    placed = kb.language.place_before | w["state_before"]
    for before, word, after in zip([""] + words, words, words[1:] + [""]):
        code = word.upper()
        # "ny?", "fl coder pay", "n ga", "ca vs tx": a lower-case code where a place goes, unless it is a word.
        where = before == "" or before in placed or after in w["state_before"] or measured and after == "" and len(words) <= MAX_KEYWORDS
        if code in codes and word not in w["not_states"] and where and codes[code] not in found:
            found.append(codes[code])
    return found


def _nationwide(kb: KB, mine: tuple[str, ...], spoken: str) -> tuple[str, ...]:
    """Read beside a state a phrase that names all jobs or a statistic (lexicon `ambiguous`) as the statistic:
    "how does texas compare to the national median?" asks of the nation's coders, unless all jobs are named again."""
    for phrase, tags in kb.ambiguous.items():
        stat = next((t for t in tags if t.startswith("stat:")), None)
        said = f" {' '.join(tokenize(phrase))} "
        if stat is None or said not in spoken:
            continue
        rest = spoken.replace(said, " ")
        groups = [e for e in mine if e.startswith("population:") and not any(
            f" {' '.join(tokenize(a))} " in rest for a in (*kb.entities[e].aliases, kb.entities[e].label))]
        if groups:
            return tuple(dict.fromkeys(stat if e in groups else e for e in mine))
    return mine


@lru_cache(maxsize=8)
def _names(kb: KB) -> tuple[dict[tuple[str, ...], str], frozenset[str]]:
    """Return every name of an occupation (the lexicon's roles name the article's) and their first words."""
    own = {tuple(tokenize(a)): kb.pay.occupation for e in kb.entities.values() if e.kind == "role" for a in (*e.aliases, e.label)}
    own[tuple(tokenize(kb.pay.titles[kb.pay.occupation]))] = kb.pay.occupation  # its title today, whole
    names = own | kb.pay.names
    return names, frozenset(words[0] for words in names)


@lru_cache(maxsize=8)
def _postal(kb: KB) -> dict[str, str]:
    """Return each state's postal code in lower case, with its area code."""
    return {p.lower(): a for a, p in kb.pay.postal.items()}


@lru_cache(maxsize=8)
def _entity_codes(kb: KB) -> dict[str, str]:
    """Return the occupation each of the lexicon's other entities names in the table ("those managers")."""
    names, _ = _names(kb)
    out = {}
    for ident, entity in kb.entities.items():
        codes = [names[w] for a in (entity.label, *entity.aliases) if (w := tuple(tokenize(a))) in names]
        if entity.kind != "role" and codes:
            out[ident] = codes[0]
    return out


@lru_cache(maxsize=8)
def _beyond(kb: KB) -> frozenset[str]:
    """Return the terms that cue a topic the table holds nothing on: the lexicon's synonym groups ("=growth")
    among the cues of every topic but pay, head counts and where people work, which the table answers."""
    held = {"wage", "employment", "workplace"}  # the lexicon's synonym groups of the three
    cued = {t.id: set(t.cues) & set(kb.synonyms) for t in kb.topics.values()}
    return frozenset(f"={c}" for t, cues in cued.items() if not cues & held and t != kb.pay.topic for c in cues)


@lru_cache(maxsize=8)
def _projected(kb: KB) -> frozenset[int]:
    """Return the years the article only projects to: "by 2018" or "the 2018 projection" asks no change to today."""
    figures = kb.figures.values()
    return frozenset(f.years[-1] for f in figures if f.projection) - {f.year for f in figures if not f.projection}


def _occupations(kb: KB, words: list[str], evidence: bool, before: str) -> tuple[list[str], list[str]]:
    """Return the occupations a question names, and the states named by a postal code that is also an alias.

    A weak alias (pay.yaml `weak_aliases`, or a state's code) counts only as written, not as the base of
    another word ("pass" is not "pas"); right before another occupation's name it is no occupation, but its
    state if it is a code ("pa coder wages"), as it is where a place goes ("in pa"); elsewhere it needs
    `evidence` (a pay or head-count word) or the occupation of the table answer `before`."""
    pay = kb.pay
    names, starts = _names(kb)
    codes = _postal(kb)
    placed = kb.language.place_before | kb.language.pay_words["state_before"]
    matches = match_phrases(words, names, starts)
    spoken = f" {' '.join(words)} "
    # "medical biller here, whats our hourly median?", "and for me as an RN?": the asker's own occupation is asked.
    ours = evidence and any(f" {p} " in spoken for p in kb.language.pay_words["ours"])
    named, places, at = [], [], 0
    for n, (text, term) in enumerate(matches):
        key = tuple(text.split())
        at += len(key)
        if term and about_asker(words, at - len(key), at, kb.language) and not ours:
            continue  # "I'm a cashier right now": the asker, not the occupation asked about
        # "MAs": as "MA"; not "pass", whose "pas" is itself a plural
        plural = len(key) == 1 and text.endswith("s") and not text.endswith("ss") and (text[:-1],) in pay.weak and (text[:-1],) in names
        term = names[(text[:-1],)] if plural else term
        base = term is not None and key not in names and "'" not in text and not plural  # "pass" for "pas"; "PA's" is the PA
        weak = key in pay.weak or plural or base and any(names.get(k) == term and text.startswith(k[0]) for k in pay.weak if len(k) == 1)
        if term and not weak and term != pay.occupation and matches[n + 1:n + 2] and matches[n + 1][1] == pay.occupation:
            continue  # "nurse coders": a kind of the occupation's own workers, not nurses
        if term and not weak:
            named.append(term)
        elif not term or base:
            continue
        elif any(t for _, t in matches[n + 1:n + 2]) or text in codes and matches[n - 1:n] and matches[n - 1][0] in placed:
            places += [codes[text]] if text in codes else []  # "pa coder wages", "how many coders in pa"
        elif evidence or term in before.split(","):
            named.append(term)
    return named, places


def read(kb: KB, query: Query, context: Context) -> PayAsk | None:
    """Read what a question asks of the pay table, or None when the KB has no table."""
    pay = kb.pay
    if pay is None:
        return None
    fixed = {typed: repaired for typed, repaired in query.analysis.repairs if " " not in repaired}
    words = [fixed.get(word, word) for word in tokenize(query.text)]  # "coder pay in michgan": as repaired
    w = kb.language.pay_words
    said = set(words)
    mine = tuple(dict.fromkeys(e for e in query.entities if e not in query.kept))  # in the order said, not a set's
    spoken = f" {' '.join(words)} "
    pay_named = any(f" {p} " in spoken for p in w["wage"])  # "the going rate": a name of pay, read once
    pay_named = pay_named or any(f" {p} " in spoken for p in w["wage_bare"]) and not any(t.startswith("=") for t in query.terms) \
        and set(query.out_of_scope) <= {kb.others, pay.state_group}  # not "how much does it cost?"
    now = bool(w["now"] & said) or any(f" {p} " in spoken for p in w["now"] if " " in p)  # "these days"
    ranks = bool((w["high"] | w["low"]) & said)  # more or less, most or least
    moves = bool((w["change"] | w["since"] | w["moved"]) & said)  # went up, since, changed
    evidence = bool({"=wage", "=employment"} & set(query.terms) or w["hourly"] & said) or pay_named
    # "so how much more is coding in %?" after two occupations' pay: a comparison with the table's answer names one.
    evidence = evidence or bool(context.pay) and ranks and bool(set(query.ops) & w["between_ops"])
    named, coded = _occupations(kb, words, evidence, recalled(context).get("occ", ""))
    # "how much do those managers make?"; but "do managers earn more?" asks the article, which says they do.
    if not ranks:
        named += [code for e in sorted(mine) if (code := _entity_codes(kb).get(e))]
    if not named and evidence and said & kb.language.back_words:
        # "what do they make?" after a question that named a related occupation: its pay, if the table has it.
        named += [code for e in query.kept if (code := _entity_codes(kb).get(e))]
    places = _places(kb, query.text, words, bool({"=wage", "=employment"} & set(query.terms)))
    now = now and not (query.chitchat and not (places or named or w["nationwide"] & said))  # "bye now": asks no time
    if places and w["nationwide"] & said:
        mine = _nationwide(kb, mine, spoken)
    # "the median for all jobs now": the table's total for a group the article compares with, asked about today.
    # ... also after the article compared with it ("what about now?" after "above or below all jobs?").
    if now or str(pay.year) in said:
        kept = [pay.groups[e] for e in query.kept if e in pay.groups and e not in mine]
        named += [pay.groups[e] for e in mine if e in pay.groups]
        named += [pay.occupation, *kept] if kept and not named else kept  # the occupation against it, as before
    occupations = tuple(dict.fromkeys(named))
    areas = tuple(dict.fromkeys([*places, *coded]))
    # The statistic the article's answer before was of counts too ("and today?" after its bottom 10% in 2008).
    stated = mine if context.pay else tuple(dict.fromkeys((*mine, *query.kept)))
    stats = [e.split(":", 1)[1] for e in stated if e.startswith("stat:")]
    middle = any(f" {p} " in spoken for p in w["middle"])  # "the middle 50%": its two ends
    stats = ["p75", "p25"] if middle and set(stats) <= {"median"} else stats  # "typical pay range, middle 50%"
    mean = any(f" {p} " in spoken for p in w["mean"])  # "the mean wage", not "coders, i mean"
    stat = "mean" if mean else stats[0] if stats else "median"
    # So does a setting ("and per hour today?" after hospitals in 2008); after a table answer, its memory says them.
    settings = [e.split(":", 1)[1] for e in stated if e.startswith("setting:") and e.split(":", 1)[1] in pay.industries]
    industry = pay.industries[settings[0]] if settings else ALL
    hourly = bool(w["hourly"] & said)
    monthly = bool(w["monthly"] & said) and not hourly
    # "how many more work in hospitals than doctors offices (today)?": two work settings of one figure, compared.
    industries: tuple[str, ...] = tuple(dict.fromkeys(pay.industries[s] for s in settings))[:2] if len(settings) > 1 else ()
    # "how much more does california pay than the national median?": a state against the nation.
    if len(areas) == 1 and areas != (NATIONAL,) and w["compare"] & said and w["nationwide"] & said:
        areas = (*areas, NATIONAL)
    # "how much above the median is the mean?": two statistics named, compared; two named without a comparison: both.
    named_stats = tuple(dict.fromkeys(["mean"] * mean + [x for x in stats if x in WAGES]))
    pair = named_stats[:2] if len(named_stats) > 1 else ()
    before = recalled(context)
    # "how many coders are in LA?" declined: only "ok California then", "and in the US?" or "and now?" leans on it.
    if before.get("declined") and not (areas or w["nationwide"] & said or now):
        before = {}
    # A year before the table's ("since 2008", "since then"): the question may ask how today's figure changed.
    shifts = {k for k, v in kb.language.year_shifts.items() if v == 0}
    earlier = [y for y in query.years if y < pay.year and y not in _projected(kb)]
    earlier_year = bool(earlier) or bool(said & shifts)
    # Today's figure, then the article's of an earlier year ("and back in 2008?"): "percent increase?" asks the
    # change between them; any other question leans on the article's answer, not the table's.
    then = bool(before.get("then") or before.get("after")) and not (named or areas or mine) \
        and bool(set(query.ops) & w["between_ops"] or moves)
    if before.get("then") and not then:
        before = {}
    # A state's figure, then the article's answer for the nation with today's beside it ("and nationally?"): only a
    # comparison that names nothing new ("difference?") compares the two; any other question leans on the article's.
    if before.get("beside") and (named or areas or mine or not (set(query.ops) & w["between_ops"] or w["compare"] & said or ranks)):
        before = {}
    earlier_year = earlier_year or then
    # Only a year the question says itself: "and per hour today?" after the article's 2008 figure asks no change.
    earlier_said = any(str(y) in said for y in earlier) or bool(said & shifts)
    # "how has that changed since 2008?", "vs 2008?", "how many more than in 2008?" after a table answer.
    # Naming the setting of today's figure again asks of it still ("up from the 2008 hospital median?").
    resettled = bool(settings) and industry != before.get("industry")
    since = bool(before) and earlier_year and (moves or ranks or then or bool(w["compare"] & said)) \
        and not (named or areas or resettled) and set(stats) <= {before.get("stat")}  # "than the 2008 median"
    # "in percent?" or "so how much did it go up?" after the change ("per hour?" asks today's figure); "and how many
    # will there be in 2030?" a projection.
    rechange = bool(before) and before.get("op") == "change" and not query.future and set(query.years) <= set(earlier) \
        and bool(set(query.ops) & w["between_ops"] or (w["change"] | w["moved"]) & said)
    # A statistic alone asks pay after a pay answer ("and the top 10%?") or of today ("what's the median now?").
    # ... or of a state, or of the table's year ("median for coders in new york state?", "2025 median in hospitals?").
    # So does one of another occupation, which only the table has figures for ("whats the median for LPNs").
    wage = "=wage" in query.terms or hourly or monthly or pay_named or mean or query.stat_said and (now or str(pay.year) in said) \
        or bool(stats and (before or now or areas or str(pay.year) in said or any(c != pay.occupation for c in named)))
    # Not the words of a bare comparison ("how big is the gap?"): it asks the measure of the answer before.
    employment = "=employment" in query.terms and not (set(query.ops) & w["between_ops"] and not query.content)
    # "which state has the most coders?": a ranking of states by a verb of having ranks head count.
    employment = employment or bool(named and not wage and w["count"] & said and w["state"] & said and ranks)
    # "and in Ohio?" after the article's pay or employment; "how far short is today from that?" after its projection.
    # ... and "and now?" after the article's pay of a work setting asks today's pay of it.
    # "and percent change since?" after the article's figure of a year: since then, to today.
    changed = bool(set(query.ops) & w["between_ops"] or w["change"] & said)
    if (areas or (now or str(pay.year) in said or said & shifts and changed) and (set(query.ops) & w["between_ops"] or w["compare"] & said
                          or not named and query.intent in (None, pay.topic) and context.intent == pay.topic)) \
            and not (wage or employment) and not _beyond(kb) & set(query.terms):  # "job growth in fl?" asks no pay
        # A fresh question of an earlier year against today that names no measure ("federal coders 2008 vs today?")
        # asks pay, the measure people compare jobs by.
        wage = context.intent == pay.topic or "=wage" in context.terms or not context.intent and earlier_said
        # So does a state alone, to open a conversation ("what about mississippi?"), naming nothing else it asks of.
        wage = wage or not context.asked and bool(areas) and query.intent is None and not query.analysis.repairs \
            and all(t in query.entities and t.split(":")[0] in BROAD_KINDS for t in query.terms)
        employment = "=employment" in context.terms and not wage
    # A question that leans on a table answer names something the table varies by, and no occupation's pay anew.
    leans = bool(areas or named or stats or hourly or monthly or settings or wage or employment or ranks or (w["compare"] | w["nationwide"]) & said or now
                 or since or rechange or set(query.ops) & w["between_ops"] or SHARE_OP in query.ops)
    # A question on another topic ("what % of techs have some college?") leans on nothing of the table.
    # Nor does one that names a thing the KB does not know ("what about a clinical documentation specialist").
    unknown = bool(query.analysis.unknown) and not (named or areas)
    # Naming an occupation's pay asks afresh, unless the question points back ("how much more is that than coders make?").
    back = bool(said & (kb.language.back_words | w["compare"]))  # or compares with it ("any better than coding?")
    # ... or names only what the last answer did, asking more or less ("so nurses make how much more?" after nurses).
    again = bool(named) and set(named) <= set(before.get("occ", "").split(","))
    # ... or asks how much more or less one other occupation makes than the one just answered ("how many dollars
    # more do medical records specialists make" after medical assistants' pay).
    last = [c for c in before.get("occ", "").split(",") if c]
    against = len(named) == 1 and len(last) == 1 and named != last and bool(set(query.ops) & w["between_ops"]) and ranks
    back = back or (again and ranks) or against
    followup = bool(before) and leans and not unknown and (back or not (named and (wage or employment))) \
        and (query.intent in (None, pay.topic) or employment or since or rechange or against  # "and how many work there?"
             or SHARE_OP in query.ops and before.get("stat") == "employment"  # "what % of the total is that?"
             or bool(named and said & kb.language.back_words and w["compare"] & said))  # "is that more than X?"
    if employment and not wage:
        stat = "employment"
    if followup:
        earlier = tuple(before["occ"].split(","))
        between = w["compare"] & said or ranks or set(query.ops) & w["between_ops"]  # "what's the gap?"
        if not occupations or (between and len(earlier) == 2 and again):
            occupations = earlier  # "how much more do the nurses make?" after nurses against coders
        elif between and len(occupations) == 1 and len(earlier) == 1 and occupations != earlier:
            # "how does that compare to coders?"; but "are coders above that?" names the one compared first.
            compared = next((n for n, word in enumerate(words) if word in w["compare"]), 0)
            back = next((n for n, word in enumerate(words) if word in kb.language.back_words), compared)
            occupations = (*occupations, *earlier) if back > compared else (*earlier, *occupations)
        ranking = before.get("op") in ("highest", "lowest") or w["state"] & said  # a ranking is of every state
        area_before = tuple(a for a in before["area"].split(",") if a)
        if w["compare"] & said and len(areas) == 1 and len(area_before) == 1 and areas != area_before:
            areas = (*area_before, *areas)  # "how much more do they make there than in texas?"
        elif between and len(areas) == 1 and len(area_before) == 2 and areas[0] in area_before:
            areas = (*areas, *(a for a in area_before if a != areas[0]))  # "how much more in cali?" after texas vs california
        # "which is more?", "the difference between those two" after two answers: the one before and the last.
        prior = tuple(a for a in before.get("prior_area", NATIONAL).split(",") if a) or (NATIONAL,)
        # "how much more is cali?" after Texas, then California: the state named last, against the one before it.
        if between and areas and areas == area_before and len(prior) == 1 and prior != areas and not (named or stats or settings) \
                and before.get("prior_occ") == before["occ"]:
            areas = (*areas, *prior)
        # ... or the one before it, against the last ("percent more in washington?" after Washington, then Oregon).
        elif between and len(areas) == 1 and areas == prior and len(area_before) == 1 and area_before != areas \
                and not (named or stats or settings) and before.get("prior_occ") == before["occ"]:
            areas = (*areas, *area_before)
        prior_industry = before.get("prior_industry", ALL)
        # ... naming one of the two again ("so how much more in hospital?" after hospitals, then offices) puts it first.
        two = (prior_industry, before["industry"])
        renamed = tuple(dict.fromkeys(pay.industries[s] for s in settings))
        if w["compare"] & said and len(renamed) == 1 and before["industry"] not in (ALL, renamed[0]) \
                and not (areas or named or stats) and not set(renamed) <= set(two) and before.get("op") != "change":
            industries = (before["industry"], renamed[0])  # "vs doctor offices?" after today's hospital pay: the two
        elif between and not (areas or named or stats) and set(renamed) <= set(two) and len(renamed) < 2 \
                and "prior_occ" in before and before["prior_occ"] == before["occ"] and prior == (area_before or (NATIONAL,)) \
                and prior_industry != before["industry"]:
            industries = tuple(dict.fromkeys((*renamed, *two)))  # two work settings, one after the other
        elif between and not (areas or (named and not again) or stats or settings) and "prior_occ" in before:
            last = area_before or (NATIONAL,)
            if before["prior_occ"] == before["occ"] and len(last) == 1 and len(prior) == 1 and prior != last:
                areas = (*prior, *last)
            elif "," not in before["prior_occ"] + before["occ"] and before["prior_occ"] != before["occ"] \
                    and prior == (area_before or (NATIONAL,)):
                occupations = (before["prior_occ"], *occupations)
        # "spread between them?" after today's top 10%, then bottom 10%: two statistics of one row.
        if between and not (areas or named or stats or settings) and before.get("prior_stat") not in (None, before["stat"]) \
                and before.get("prior_occ") == before["occ"] and prior == (area_before or (NATIONAL,)) \
                and prior_industry == before["industry"]:
            pair = (before["prior_stat"], before["stat"])
        elif between and not (areas or named or stats or settings) and "," in before.get("industries", ""):
            industries = tuple(before["industries"].split(","))  # "and in %?" after two settings compared today
        elif between and not (areas or named or stats or settings) and "," in before.get("stats", ""):
            pair = tuple(before["stats"].split(","))  # "how wide is that?" after two percentiles named at once
        elif between and len(named_stats) == 1 and before["stat"] in WAGES and before["stat"] != named_stats[0] \
                and not (areas or named or settings):
            pair = (before["stat"], named_stats[0])  # "how much higher than the median is that?" after the mean
        versus = w["compare"] & said or query.polar  # "is that above the national median?" after a state's
        if versus and w["nationwide"] & said and len(area_before) == 1 and not areas:
            areas = (*area_before, NATIONAL)
        if not areas and before.get("top") and w["there"] & said:
            areas = (before["top"],)  # "what do they make there?" after a ranking: its first state
        areas = areas or (() if w["nationwide"] & said or (ranking and ranks) else area_before)
        # The statistic asked before, unless this asks pay after a count ("how much more do they make there?").
        if not stats and not employment and not mean and not (before["stat"] == "employment" and ("=wage" in query.terms or hourly or monthly)):
            stat = before["stat"]
        # Not "and a year?", nor a new occupation's pay, nor a median, whose annual figure is said with its hourly one
        # ("and minnesota?" after "per hour?" gets both).
        hourly = hourly or (before["hourly"] == "1" and not stats and not (w["annual"] | w["monthly"]) & said and not named
                            and stat != "median")
        monthly = monthly or (before.get("monthly") == "1" and not stats and not (w["annual"] | w["hourly"]) & said and not named)
        if not settings and not areas:
            industry = before["industry"]
    # After today's national figure (of all industries or one), a follow-up that names no occupation, place or
    # setting stays with it ("what's that by the hour?").
    # So does one that swaps the work setting of today's figure for another ("and doctors offices?" after hospitals).
    swaps = bool(settings) and before.get("industry", ALL) != ALL and industry != before.get("industry")
    same = followup and not (named or areas or (settings and not swaps) or w["nationwide"] & said
                             or "=workplace" in query.terms) and before.get("area") == ""
    op = None
    # "what % of the total is that?" after today's head count of a setting or a state: its share of the nation's.
    if followup and SHARE_OP in query.ops and before.get("stat") == "employment" and not (named or areas or settings) \
            and (before.get("industry", ALL) != ALL or before.get("area", "") not in ("", NATIONAL)) and "," not in before["occ"]:
        return PayAsk(occupations=tuple(before["occ"].split(",")), areas=tuple(a for a in before["area"].split(",") if a),
                      industry=before.get("industry", ALL), stat="employment", hourly=False, op=SHARE_OP, pay=True,
                      own=False, other=False, followup=True, population=False, years=(), blocked=())
    ranked = followup and before.get("op") in ("highest", "lowest")  # "and the least?" after a ranking
    # "which work setting pays the most": the article's; "which state employs the most": the table's.
    by_setting = "=workplace" in query.terms and not w["state"] & said or bool(settings)
    # "which setting pays coders best now?", and "and the worst?" after it: today's work settings, nationally.
    settings_ranked = ranks and not settings and not areas and len(occupations) < 2 and (
        by_setting and now or ranked and before.get("by_setting") == "1" and not w["state"] & said)
    if settings_ranked or (w["state"] & said or ranked or (followup and "where" in said)) and ranks and len(areas) < 2 and not by_setting:
        op = "lowest" if w["low"] & said and not w["high"] & said else "highest"
    elif len(occupations) > 1 or len(areas) > 1 or len(industries) > 1:
        op = "compare"
    elif now and set(query.years) & _projected(kb) and not query.future and (wage or employment) and set(named) <= {pay.occupation} and not areas \
            and (ranks or w["compare"] & said or set(query.ops) & w["between_ops"] or query.mentioned):
        # "how many work today compared to the 2018 projection?", "bls said [the projection] by 2018, how many now?"
        op = "change"  # today's against the projection
    elif followup and (since or rechange and not (named or areas)):
        op = "change"  # "vs 2008?" after today's figure; "in percent?" after "how much has pay gone up since 2008?"
    elif earlier_said and not query.future and not _projected(kb) & set(query.years) and (wage and ((w["change"] | w["since"]) & said or now)
                                                or employment and (w["change"] & said or now)):
        op = "change"  # "how has pay changed since 2008?", "has the number of coders grown since 2008?"
    elif now and changed and not followup and not query.future and (wage or employment) and not (named or areas) \
            and context.intent == pay.topic and not before:
        op = "change"  # "percent increase to now?" after the article's figure of a year: from it to today's
    return PayAsk(occupations, areas, industry, stat, hourly, op, wage or employment or followup,
                  pay.occupation in named, any(c != pay.occupation for c in named), followup,
                  any(e.startswith("population:") for e in (mine if followup else query.entities)),
                  tuple(y for y in query.years if str(y) in said),
                  tuple(g for g in query.out_of_scope if g not in (kb.others, pay.state_group)), now,
                  any(e.split(":")[0] not in ("role", "stat", "occupation") and e.split(":", 1)[1] not in pay.industries
                      and not (e in pay.groups and pay.groups[e] in named) and e not in own_names(kb)
                      and e not in kb.source_entities for e in mine)
                  or bool(query.parts) and not wage,  # "how many are at the VA?": a part of a setting, counted with others
                  # "are there more jobs in texas or california?": which of the two, not yes or no.
                  None if "or" in said and (len(areas) > 1 or len(occupations) > 1) else query.polar, same,
                  # "whats that as a percent?" after a comparison asks it in percent, not a share
                  # ... but "what's the difference between a registrar and a coder job wise?" names both again: what they do
                  # (not "what's the gap between RNs and coders there?": a gap is an amount)
                  beyond=not wage and not (followup and op == "compare" and set(query.ops) & w["between_ops"]
                                           and not (named and not kb.language.range_words & said))
                  and (bool(_beyond(kb) & set(query.terms)) or query.qtype in (NEED, ENOUGH, DEFINE) or bool(query.action))
                  or query.qtype == WHY,  # the table gives no reasons: "why is it so low there?"
                  monthly=monthly, industries=industries, unheld=now and bool(_beyond(kb) & set(query.analysis.terms)),
                  stats=tuple(x for x in pair if x in WAGES) if len(pair) == 2 and not (len(occupations) > 1 or len(areas) > 1) else (),
                  by_setting=bool(settings_ranked))


def wanted(kb: KB, ask: PayAsk) -> bool:
    """Say whether the table answers the question, rather than the article's facts."""
    if ask.op == SHARE_OP:
        return True
    # "than the median for all jobs": the article's; "the median for all jobs now": the table's.
    if not ask.pay or ask.blocked or (ask.population and not (ask.areas or ask.now or kb.pay.year in ask.years)):
        return False
    if ask.foreign:  # "how many current techs have a given education?": the article's shares answer it
        return False
    if ask.op == "change":
        return not ask.other
    if ask.beyond and (ask.areas or ask.unheld or ask.op in ("highest", "lowest") or any(c != kb.pay.occupation for c in ask.occupations)):
        return False  # "is the outlook good for lpns?", "job growth in texas?": the article's outlook is national, its own
    if any(y != kb.pay.year for y in ask.years):  # "dental hygienist pay in 2008": the table has one year
        return False
    if ask.other or ask.areas or ask.op in ("highest", "lowest") or kb.pay.year in ask.years or ask.now:
        return True
    if ask.stat != "employment" and ask.stat not in {f.stat for f in kb.figures.values()}:
        return True  # "what's the mean wage for coders?": only the table has a mean
    # The article's occupation, nationally or in a work setting: the article's figures, today's beside them;
    # but a follow-up to today's figure ("per hour?") asks of today's.
    return ask.followup and (ask.occupations not in ((), (kb.pay.occupation,)) or ask.same)


def national(ask: PayAsk) -> tuple[str, ...]:
    """Return the areas a question is about: those it names, else the nation."""
    return ask.areas or (NATIONAL,)
