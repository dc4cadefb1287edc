"""Answer from the pay table: today's pay of any occupation and state, compared and ranked, beside the article's."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..kb.model import KB, Figure
from ..kb.numbers import HOURS_PER_YEAR
from .operations import MONTHS_PER_YEAR
from ..kb.payfacts import area_name, money
from ..kb.paytable import ALL, NATIONAL, WAGES, Row
from ..kb.tokens import tokenize
from . import calc
from .answer import Answer, Calculation, Citation, Sentence
from .calc import Describer
from .choose import Verdict
from .compose import compose
from .context import Context
from .meta import provenance
from .payask import SHARE_OP, PayAsk, _names, _occupations, national, read, recalled, wanted
from .stopwords import STOPWORDS
from .text import match_phrases, stem
from .understand import BROAD_KINDS, SOURCE, WHY, Query, opener

SHOWN = 5  # states a ranking names, cites and charts: it stays short for any occupation
# What a cell without a number means, said without BLS's footnote numbers (the guard would find no figure for them).
MISSING = {"#": "it is at or above the top of the survey's wage range, so BLS publishes no exact figure",
           "*": "BLS did not release this estimate", "**": "BLS did not release this estimate",
           "-": "BLS reports this occupation's pay only per year or only per hour"}

STATE_ONLY = "BLS publishes state figures for all industries together, not for {industry} alone."


def _name(kb: KB, code: str) -> str:
    return f"{kb.pay.titles[code]} (SOC {code})"


def _unstated(kb: KB, code: str) -> str:
    """Name an occupation in a sentence that cites no row: no SOC code, nor a title with a number in it,
    since no cited figure grounds those digits."""
    title = kb.pay.titles[code]
    return "that occupation" if any(ch.isdigit() for ch in title) else title


def _where(kb: KB, row: Row) -> str:
    place = area_name(kb, row.area)
    return place if row.industry == ALL else f"{place}, {kb.pay.industry_names[row.industry]}"


def _value(row: Row, ask: PayAsk) -> tuple[float | None, str]:
    """Return the number a question asks of a row, with its unit (BLS's hourly median where it asks per hour)."""
    if ask.stat == "employment":
        return row.cell("employment").value, "people"
    if ask.hourly and ask.stat == "median" and row.cell("hourly_median").value is not None:
        return row.cell("hourly_median").value, "USD/hour"
    return row.cell(ask.stat).value, "USD/year"


def _shown(value: float, unit: str) -> str:
    return f"{value:,.0f} people" if unit == "people" else f"{money(value, unit)} {'an hour' if unit == 'USD/hour' else 'a year'}"


@lru_cache(maxsize=64)
def _note_words(kb: KB, note: str) -> frozenset[str]:
    """Return the stems of a table note's words that no fact of the article uses ("inflation", "adjusted")."""
    known = {stem(w) for f in kb.facts for w in tokenize(f.text)} | {stem(w) for w in kb.language.words()}
    return frozenset(stem(w) for w in tokenize(kb.pay.notes[note][1]) if w not in STOPWORDS) - known


class PayAnswers:
    """Answer questions the table holds; add today's figures to the article's pay answers."""

    def __init__(self, kb: KB):
        self.kb = kb
        # BLS's names of the table's columns ("Annual median wage"), as the table's release file gives them.
        self._words = {k: v.lower() for k, v in kb.pay.release["columns"].items()} if kb.pay else {}
        self._last: tuple[Query, Context, PayAsk | None] | None = None  # one question is read up to three times

    def _read(self, query: Query, context: Context) -> PayAsk | None:
        """Read what a question asks of the table, once per question and context."""
        last = self._last  # one assignment, so a concurrent question at worst reads its own again
        if last is not None and last[0] is query and last[1] == context:
            return last[2]
        ask = read(self.kb, query, context)
        self._last = (query, context, ask)
        return ask

    def answer(self, query: Query, context: Context, session_id: str) -> tuple[Answer, Context] | None:
        """Answer from the table, or None when the question is not one for it."""
        if query.qtype == SOURCE and self.kb.pay and context.pay and not context.fact_ids:
            return self._source(context, session_id)  # "where do these numbers come from?" after the table's
        # An amount to repeat is no question for it; nor a share of earners no statistic names ("the 95th percentile"),
        # nor a place of work it has no row for ("dentist offices").
        ask = None if query.asserted or query.unlisted_share or query.unlisted else self._read(query, context)
        if ask is None:
            return None
        # ... or asked of today on a topic the table holds nothing on ("is there a shortage of coders right now?").
        today_beyond = ask.now and ask.beyond and not ask.pay and not ask.areas and not ask.followup
        if (today_beyond or ask.unheld and not ask.areas and set(query.ops) & {*self.kb.language.quantity_ops, "per_year"}) \
                and not query.years:
            # "how many job openings are there this year?": a count of today of a measure only the article has,
            # as a projection over its years.
            verdict = Verdict("decline", "decline", reason=self.kb.language.messages["not_current"])
            return compose(verdict, [], False, self.kb, session_id), context
        if not wanted(self.kb, ask):
            if ask.areas and ask.beyond and query.qtype != WHY and self.kb.pay.state_group not in query.out_of_scope:
                # "is there good job growth in fl?": a state named by its code, asked what only the article's national
                # figures hold; declined as a state named in full is (a why-question has a reason of its own).
                verdict = Verdict("decline", "decline", reason=self.kb.out_of_scope[self.kb.pay.state_group].reason)
                return compose(verdict, [], False, self.kb, session_id), context
            if ask.years and ask.stat != "employment" and ask.stat not in {f.stat for f in self.kb.figures.values()}:
                # "what was the mean salary in 2008, not the median?": a statistic only the table has, of a year it lacks.
                verdict = Verdict("decline", "decline", reason=self.kb.language.messages["no_value"])
                return compose(verdict, [], False, self.kb, session_id), context
            return self._theirs(ask, query, context, session_id)
        if (query.had or query.names) and not (ask.areas or ask.followup) and set(ask.occupations) <= {self.kb.pay.occupation}:
            return None  # "what do coders with a CPC make today?": the pay of holders of a thing, which no row splits
        if not ask.occupations:
            ask = replace(ask, occupations=(self.kb.pay.occupation,))
        named = {e.split(":", 1)[1] for e in query.own_narrowing if e.startswith("setting:")}
        if ask.industry != ALL and any(a != NATIONAL for a in ask.areas) and ask.op not in ("highest", "lowest") \
                and any(self.kb.pay.industries.get(s) == ask.industry for s in named):
            # "coders in texas hospitals": a state's figure is for all industries together, an answer to another
            # question; what BLS publishes is the reason. A setting carried over ("and in texas?") is not asked.
            verdict = Verdict("decline", "decline", reason=STATE_ONLY.format(industry=self.kb.pay.industry_names[ask.industry]))
            # "and in ohio overall?" next asks the same of the state's all-industries figure.
            kept = Context(self.kb.pay.topic, pay=(*replace(ask, industry=ALL).remembered(), "declined=1"))
            return compose(verdict, [], False, self.kb, session_id), kept
        if ask.op == "change":
            made = self._change(ask, context.fact_ids or tuple(recalled(context).get("after", "").split(",")))
        elif ask.op in ("highest", "lowest"):
            made = self._ranking(ask)
        elif ask.op == SHARE_OP:
            made = self._share(ask)
        elif len(ask.stats) == 2:
            made = self._two_stats(ask)
        else:
            made = self._figures(ask)
        if made is None:
            return None
        sentences, facts, calcs, chart = made
        # A ranking's first state, for "what do they make there?".
        top = (f"top={facts[0].id.split(':')[2]}",) if ask.op in ("highest", "lowest") and not ask.by_setting else ()
        if ask.by_setting and ask.op in ("highest", "lowest"):  # "gap?" after the best and the worst: their two settings
            ask = replace(ask, industry=facts[0].id.split(":")[3])
        # Which occupation today's figures are for matters where the conversation first meets them.
        if self.kb.pay.occupation in ask.occupations and not ask.followup and self.kb.pay.mapping not in [f.id for f in facts]:
            mapping = self.kb.fact(self.kb.pay.mapping)
            sentences.append(Sentence(mapping.text, (mapping.id,)))
            facts.append(mapping)
        answer = Answer.said(sentences, True, self.kb.pay.topic, citations=tuple(Citation.of(f) for f in dict.fromkeys(facts)),
                             calculations=tuple(calcs), session_id=session_id, chart=chart)
        # What the article's facts would need to take over ("ok what about nationally then"): the measure asked.
        terms = ("=employment",) if ask.stat == "employment" else ("=wage",)
        # And what it named ("in hospitals"), so "and back in 2008?" asks the article about the same thing.
        # The notes it cited, for "is that adjusted for inflation?" next.
        notes = tuple(f"notes={','.join(ids)}" for ids in [[f.id for f in facts if f.id in self.kb.pay.notes]] if ids)
        # A head count of a work setting today, or its share of the nation's: "and back in 2008?" asks the article's
        # count of it (its share of the whole, as people) or its share.
        share = self._setting_share(ask.industry) if ask.stat == "employment" and not ask.areas and ask.op in (None, SHARE_OP) else None
        intent = self.kb.fact(share.fact_id).topics[0] if share else self.kb.pay.topic
        entities = query.narrowing or (tuple(f"{k}:{v}" for k, v in share.scope) if share else ())
        return answer, Context(intent, entities=entities, terms=terms, ops=("share_count",) if share and not ask.op else (),
                               pay=(*ask.remembered(), *self._prior(context), *top, *notes, *self._after(ask, context)))

    def _setting_share(self, industry: str) -> Figure | None:
        """Return the article's share of the occupation in the work setting an industry matches, if it has one."""
        settings = {s for s, i in self.kb.pay.industries.items() if i == industry} if industry != ALL else set()
        return next((f for f in self.kb.figures.values() if f.share_of and len(f.scope) == 1
                     and f.scope[0][0] == "setting" and f.scope[0][1] in settings), None)

    def _after(self, ask: PayAsk, context: Context) -> tuple[str, ...]:
        """Mark today's figure given right after the article's of the same figure ("top 10% in 2008?", then "and
        today?"), so "how much more is that?" asks the change between them, as after "and back in 2008?"."""
        if ask.op or ask.areas or ask.occupations != (self.kb.pay.occupation,) or not context.fact_ids:
            return ()
        then = self._article_figure(ask.stat if ask.stat in WAGES or ask.stat == "employment" else "", ask.industry,
                                    cited=context.fact_ids)
        return (f"after={then.fact_id}",) if then is not None and then.fact_id in context.fact_ids else ()

    def noted(self, query: Query, context: Context, session_id: str) -> tuple[Answer, Context, Verdict] | None:
        """Answer with the table note the last answer cited, when the question asks what only it says ("is that
        adjusted for inflation?" after a change since the article's year), else None."""
        note = self._note_asked(query, context) if self.kb.pay else None
        if note is None:
            return None
        fact = self.kb.fact(note)
        if note == self.kb.pay.caveat and opener(query.analysis.words, self.kb.language) not in self.kb.language.polar["asks"]:
            # "what is that in real terms?": a figure adjusted for inflation, which the caveat says no figure is.
            verdict = Verdict("decline", "decline", reason=fact.text)
            return compose(verdict, [], False, self.kb, session_id), context, verdict
        answer = Answer.said([Sentence(fact.text, (fact.id,))], True, self.kb.pay.topic,
                             citations=(Citation.of(fact),), session_id=session_id)
        # "are health information technologists counted?" then "what do they make?": the occupation it named.
        other = self.remembered(query)
        kept = Context(query.intent, pay=other) if other and "declined=1" not in other else context
        return answer, kept, Verdict("answer", answer.intent)

    def touches_note(self, query: Query) -> bool:
        """Tell whether a question uses a word only a table note has ("and adjusted for inflation, ...")."""
        notes = self.kb.pay.notes if self.kb.pay else {}
        return bool({stem(w) for w in query.analysis.words} & {w for note in notes for w in _note_words(self.kb, note)})

    def _note_asked(self, query: Query, context: Context) -> str | None:
        """Return the table note the last answer cited whose own words the question uses ("adjusted for
        inflation"), words no fact of the article uses, or None; or the mapping note, when the question asks
        whether an occupation it names is the same as another ("is that the same job as a medical records tech?")."""
        if self._same_asked(query, context):
            return self.kb.pay.mapping
        cited = [i for i in (*context.fact_ids, *recalled(context).get("notes", "").split(",")) if i in self.kb.pay.notes]
        if not cited:
            return None  # most answers cite no note: no stemming on their follow-ups
        said = {stem(w) for w in query.analysis.words}
        return next((i for i in cited if said & _note_words(self.kb, i)), None)

    def _same_asked(self, query: Query, context: Context) -> bool:
        """Tell whether a question asks what the mapping note says: if two names are of one occupation, one of them
        an occupation the note names (its SOC title in the note), the other that or the article's own ("is that same
        thing as coder?" after health information technologists' pay); whether the table counts an occupation the
        note names ("are health information technologists counted?"); or what the article's occupation is called
        today ("what's this job called now in the BLS data?")."""
        words = tokenize(query.text)
        spoken = f" {' '.join(words)} "
        said_any = lambda group: any(f" {p} " in spoken for p in self.kb.language.pay_words[group])  # noqa: E731
        same, counted, renamed = said_any("same"), said_any("counted"), said_any("renamed")
        if not (same or counted or renamed):
            return False
        pay = self.kb.pay
        note = pay.notes[pay.mapping][1].lower()
        mapped = {code for code, title in pay.titles.items() if title.lower() in note}
        named = set(_occupations(self.kb, words, True, "")[0])
        back = set(words) & self.kb.language.back_words
        if back:  # "is that the same ...": the occupation the last answer was about
            named |= {c for c in recalled(context).get("occ", "").split(",") if c}
        own = any(e.split(":")[0] in BROAD_KINDS for e in query.entities) or pay.occupation in named
        # Or the article's name of its occupation set against the table's ("... the same as a medical records specialist?").
        names, starts = _names(self.kb)
        said = {text for text, code in match_phrases(words, names, starts) if code == pay.occupation}
        title = [stem(w) for w in tokenize(pay.titles[pay.occupation])]
        titled = any([stem(w) for w in a.split()] == title for a in said)  # today's name, as the table writes it
        if renamed and (own or back) and (titled or said_any("now")):
            return True  # "are coders called something else now?", "why does the BLS call us <today's title>?"
        others = named & mapped - {pay.occupation}
        if counted and others and not query.ops:
            return True  # "are <the neighbour the note names> counted in your numbers?"
        if not same:
            return False
        # "job sites say <today's title>, is that the same thing as this?": today's name against the article's job.
        return bool(others) and own or len(named & mapped) > 1 or len(said) > 1 and titled \
            or titled and bool(back) and not named - mapped

    def carried(self, after: Context, before: Context, query: Query) -> Context:
        """Keep a table answer's memory through the article's answer for an earlier year of the same figure
        ("and back in 2008?"), so "percent increase?" asks the change between the two; and through the article's
        answer for the nation after a state's figure ("and nationally?"), today's national figure beside it, so
        "difference?" compares the state's with the nation's."""
        shown = recalled(before)
        words = set(tokenize(query.text))
        if not shown or shown.get("declined") or shown.get("then") or shown.get("beside"):
            return after
        kept = tuple(item for item in before.pay if item.split("=", 1)[0] in ("occ", "area", "industry", "stat", "hourly", "monthly"))
        if any(y < self.kb.pay.year and str(y) in words for y in query.years):
            return replace(after, pay=(*kept, "op=", "then=1"))
        ask = self._read(query, before)
        if ask and ask.followup and not ask.areas and "," not in shown["occ"] + shown["area"] and shown["area"] \
                and words & self.kb.language.pay_words["nationwide"]:
            moved = tuple(item for item in kept if not item.startswith("area="))
            return replace(after, pay=(*moved, "area=", "op=", f"prior_occ={shown['occ']}", f"prior_area={shown['area']}", "beside=1"))
        return after

    def _prior(self, context: Context) -> tuple[str, ...]:
        """Return the table answer before this one, for "which is more?" after two: its occupations and areas."""
        before = recalled(context)
        if "occ" not in before or before.get("declined"):
            return ()
        return (f"prior_occ={before['occ']}", f"prior_area={before['area'] or NATIONAL}", f"prior_industry={before['industry']}",
                f"prior_stat={before['stat']}")

    def _theirs(self, ask: PayAsk, query: Query, context: Context, session_id: str) -> tuple[Answer, Context] | None:
        """Decline what a question asks of another occupation it points back to ("what do they do all day?"
        after nurses' pay), keeping the conversation on that occupation ("and in texas?"), or None."""
        earlier = [c for c in recalled(context).get("occ", "").split(",") if c]
        points = set(tokenize(query.text)) & self.kb.language.back_words
        # "are those jobs growing?" after nurses' pay leans on the table's answer, for a topic it holds nothing on.
        beyond = ask.beyond and ask.followup and any(c != self.kb.pay.occupation for c in ask.occupations)
        if not beyond and (not earlier or self.kb.pay.occupation in earlier or not points or ask.occupations or ask.followup
                           or query.intent in (None, self.kb.pay.topic) or any(e.startswith("role:") for e in query.entities)):
            return None
        verdict = Verdict("decline", "decline", reason=self.kb.out_of_scope[self.kb.others].reason)
        answer = self._hinted(compose(verdict, [], False, self.kb, session_id), earlier[0])
        return answer, context

    def _row(self, code: str, area: str, industry: str) -> Row | None:
        return self.kb.pay.row(code, area, industry if area == NATIONAL else ALL)

    def _figures(self, ask: PayAsk):
        """State the figure asked for each occupation and area; compare two with the arithmetic shown."""
        sentences, facts, found = [], [], []
        for code, area, industry in ((c, a, i) for c in ask.occupations for a in national(ask) for i in ask.industries or (ask.industry,)):
            row = self._row(code, area, industry)
            if row is None:
                sentences.append(Sentence(f"BLS publishes no {self._words[ask.stat]} for {_unstated(self.kb, code)} in {area_name(self.kb, area)}."))
                continue
            fact = self.kb.fact(row.id)
            facts.append(fact)
            if area != NATIONAL and industry != ALL:
                sentences.append(Sentence(STATE_ONLY.format(industry=self.kb.pay.industry_names[industry])))
            value, unit = _value(row, ask)
            words = "employment" if unit == "people" else self._words[ask.stat].replace("annual", "hourly" if unit == "USD/hour" else "annual")
            if value is None:
                sentences.append(Sentence(f"For {_name(self.kb, code)} in {_where(self.kb, row)}, {MISSING[row.cell(ask.stat).text]}.", (fact.id,)))
                continue
            text = f"In {self.kb.pay.release['release']} the {words} of {_name(self.kb, code)} in {_where(self.kb, row)} was {_shown(value, unit)}"
            if unit == "USD/year" and ask.stat == "median" and row.cell("hourly_median").value is not None:
                text += f" ({money(row.cell('hourly_median').value, 'USD/hour')} an hour)"
            elif unit == "USD/hour" and row.cell(ask.stat).value is not None:  # "the median, and that per hour?"
                text += f" ({money(row.cell(ask.stat).value, 'USD/year')} a year)"
            sentences.append(Sentence(text + ".", (fact.id,)))
            found.append((row, value, unit))
        calcs, chart = [], None
        if ask.hourly and found and found[0][2] == "USD/year":  # BLS gives the median per hour; others are computed
            calcs += [self._hourly(row, value) for row, value, _ in found]
            sentences += [Sentence(c.sentence, c.inputs) for c in calcs]
        elif ask.monthly and found and found[0][2] == "USD/year":  # BLS gives no monthly figure: a twelfth, computed
            calcs += [self._monthly(row, value) for row, value, _ in found]
            sentences += [Sentence(c.sentence, c.inputs) for c in calcs]
        if len(found) == 2:
            calcs += self._compare(found)
            said = calcs[-2].sentence
            if ask.polar:  # "is that above the national median?": the first named against the second, yes or no
                ahead = found[0][1] > found[1][1] if ask.polar == "more" else found[0][1] < found[1][1]
                said = f"{self.kb.language.messages['yes' if ahead else 'no']} {said}"
            # A yes or no leads the answer; a plain comparison follows its figures.
            sentences.insert(0 if ask.polar else len(sentences), Sentence(said, tuple(r.id for r, _, _ in found)))
        if len(found) > 1:
            chart = self._chart(ask, found)
        return (sentences, facts, calcs, chart) if facts else None

    def _two_stats(self, ask: PayAsk):
        """State two statistics of one row and how far apart they are ("how much above the median is the mean?")."""
        made = [self._figures(replace(ask, stat=s, stats=(), hourly=False, monthly=False)) for s in ask.stats]
        row = self._row(ask.occupations[0], national(ask)[0], ask.industry)
        values = [(s, row.cell(s).value) for s in ask.stats] if row else []
        if any(m is None for m in made) or not values or any(v is None for _, v in values):
            return None
        sentences = [s for m in made for s in m[0]]
        facts = list(dict.fromkeys(f for m in made for f in m[1]))
        (hs, hv), (ls, lv) = sorted(values, key=lambda sv: -sv[1])
        diff, pct = round(hv - lv, 2), round((hv - lv) / lv * 100, 1)
        said = f"The {self._words[hs]} is {money(diff)} more than the {self._words[ls]}, or {pct:.1f}% more."
        calcs = [Calculation("difference", f"{money(hv)} - {money(lv)} = {money(diff)}", diff, "USD/year", (row.id,), sentence=said),
                 Calculation("percent_difference", f"({money(hv)} - {money(lv)}) / {money(lv)} x 100 = {pct:.1f}%", pct, "percent", (row.id,))]
        return [*sentences, Sentence(said, (row.id,))], facts, calcs, None

    def _share(self, ask: PayAsk):
        """State a head count of a work setting or a state as a share of the nation's, all industries."""
        code = ask.occupations[0]
        part, whole = self._row(code, national(ask)[0], ask.industry), self.kb.pay.row(code, NATIONAL, ALL)
        if part is None or whole is None or part.id == whole.id:
            return None
        count, total = part.cell("employment").value, whole.cell("employment").value
        if count is None or not total:
            return None
        pct = round(count / total * 100, 1)
        said = (f"{_shown(count, 'people')} ({_where(self.kb, part)}) is {pct:.1f}% of the {_shown(total, 'people')} "
                f"in {_where(self.kb, whole)}, all industries, in {self.kb.pay.release['release']}.")
        calc = Calculation(SHARE_OP, f"{count:,.0f} / {total:,.0f} x 100 = {pct:.1f}%", pct, "percent", (part.id, whole.id), sentence=said)
        return [Sentence(said, (part.id, whole.id))], [self.kb.fact(part.id), self.kb.fact(whole.id)], [calc], None

    def _hourly(self, row: Row, value: float) -> Calculation:
        per_hour = round(value / HOURS_PER_YEAR, 2)
        return Calculation("hourly", f"{money(value)} / {HOURS_PER_YEAR:,} hours = {money(per_hour, 'USD/hour')}", per_hour,
                           "USD/hour", (row.id,), sentence=f"That is {money(per_hour, 'USD/hour')} an hour.")

    def _monthly(self, row: Row, value: float) -> Calculation:
        per_month = round(value / MONTHS_PER_YEAR)
        return Calculation("monthly", f"{money(value)} / {MONTHS_PER_YEAR} months = {money(per_month)}", per_month,
                           "USD/month", (row.id,), sentence=f"That is about {money(per_month)} a month, before taxes.")

    def _label(self, a: Row, b: Row) -> tuple[str, str]:
        if a.occupation != b.occupation:
            return self.kb.pay.titles[a.occupation], self.kb.pay.titles[b.occupation]
        if a.area == b.area and a.industry != b.industry:  # two work settings of one place: the settings
            return tuple(self.kb.pay.industry_names[r.industry] if r.industry != ALL else area_name(self.kb, r.area) for r in (a, b))
        return _where(self.kb, a), _where(self.kb, b)

    def _compare(self, found) -> list[Calculation]:
        """Return the difference and the percent difference of two figures, the larger first."""
        (hi, hv, unit), (lo, lv, _) = sorted(found, key=lambda f: -f[1])
        big, small = self._label(hi, lo)
        diff = round(hv - lv, 2)
        shown = (lambda v: f"{v:,.0f}") if unit == "people" else (lambda v: money(v, unit))
        pct = round(diff / lv * 100, 1) if lv else 0.0
        ids = (hi.id, lo.id)
        return [Calculation("difference", f"{shown(hv)} - {shown(lv)} = {shown(diff)}", diff, unit, ids,
                            sentence=f"{big[0].upper() + big[1:]}: {shown(diff)} more than {small}, or {pct:.1f}% more."),
                Calculation("percent_difference", f"({shown(hv)} - {shown(lv)}) / {shown(lv)} x 100 = {pct:.1f}%",
                            pct, "percent", ids)]

    def _chart(self, ask: PayAsk, found) -> dict:
        """Chart the figures compared, each labelled by what differs between them (occupation, place or both)."""
        several = len({r.occupation for r, _, _ in found}) > 1, len({(r.area, r.industry) for r, _, _ in found}) > 1
        label = lambda r: ", ".join(part for part, shown in zip((self.kb.pay.titles[r.occupation], _where(self.kb, r)), several) if shown)  # noqa: E731
        return {"kind": "bar", "title": self._words[ask.stat], "unit": found[0][2],
                "items": [{"label": label(r), "value": v, "fact_id": r.id} for r, v, _ in found]}

    def _ranking(self, ask: PayAsk):
        """Rank every state, DC and territory by the statistic asked for one occupation; or, asked by work
        setting, the industries that match the KB's work settings, nationally."""
        code, pay = ask.occupations[0], self.kb.pay
        if ask.by_setting:
            found = (pay.row(code, NATIONAL, i) for i in dict.fromkeys(pay.industries.values()))
            candidates, name, among = [r for r in found if r], (lambda r: pay.industry_names[r.industry]), "work settings"
        else:
            candidates, name, among = pay.states(code), (lambda r: pay.areas[r.area]), "states and territories"
        rows = [(r, v) for r in candidates if (v := _value(r, ask)[0]) is not None]
        if not rows:
            return None
        unit = _value(rows[0][0], ask)[1]
        rows.sort(key=lambda rv: (-rv[1] if ask.op == "highest" else rv[1], rv[0].area, rv[0].industry))
        top = rows[:SHOWN]
        facts = [self.kb.fact(r.id) for r, _ in top]
        word = "highest" if ask.op == "highest" else "lowest"
        listed = "; ".join(f"{name(r)} {_shown(v, unit)}" for r, v in top)
        first = top[0]
        calc = Calculation(ask.op, f"{word} {len(top)} of {len(rows)} {among}: "
                           + ", ".join(f"{name(r)} {_shown(v, unit)}" for r, v in top),
                           first[1], unit, tuple(r.id for r, _ in top))
        sentences = [Sentence(f"In {pay.release['release']} the {word} {self._words[ask.stat] if unit != 'USD/hour' else 'median hourly wage'} "
                              f"of {_name(self.kb, code)} was in {name(first[0])}: {_shown(first[1], unit)}.", (top[0][0].id,)),
                     Sentence(f"The {len(top)} {word} of {len(rows)} {among}: {listed}.", tuple(f.id for f in facts))]
        chart = {"kind": "bar", "title": self._words[ask.stat], "unit": unit,
                 "items": [{"label": name(r), "value": v, "fact_id": r.id} for r, v in top]}
        return sentences, facts, [calc], chart

    def _source(self, context: Context, session_id: str) -> tuple[Answer, Context]:
        """Say where the table's figures come from, citing the row the last answer stated first."""
        code = recalled(context).get("occ", "").split(",")[0] or self.kb.pay.occupation
        row = self.kb.pay.row(code) or self.kb.pay.row(self.kb.pay.occupation)
        fact = self.kb.fact(row.id)
        answer = Answer.said([Sentence(provenance(self.kb, (fact,)), (fact.id,))], True, self.kb.pay.topic,
                             citations=(Citation.of(fact),), session_id=session_id)
        return answer, context

    def _article_figure(self, stat: str, industry: str = ALL, years: tuple[int, ...] = (),
                        cited: tuple[str, ...] = ()) -> Figure | None:
        """Return the article's national figure that today's is set against, of all settings or of the work setting
        the industry matches: one of a year the question names ("than the 2018 projection"), else the latest one
        the answer before cited ("how far short of that?"), else its latest year that is no projection."""
        column = "employment" if stat == "employment" else "wage"
        scope = () if industry == ALL else tuple(("setting", s) for s, i in self.kb.pay.industries.items() if i == industry)
        figs = [f for f in self.kb.figures.values() if f.measure == self.kb.pay.measures[column]
                and (column == "employment" or f.stat == stat) and tuple(f.scope) == scope
                and f.year is not None and f.year < self.kb.pay.year]
        named = [f for f in figs if f.year in years]
        shown = [f for f in figs if f.fact_id in cited]
        figs = named or shown or [f for f in figs if not f.projection]
        return max(figs, key=lambda f: f.year) if figs else None

    def _hourly_change(self, then: Figure, row: Row, now: float) -> tuple[list[Sentence], list[Calculation]]:
        """The change from the article's yearly median to today's, by the hour: the article's at full-time hours,
        today's hourly median (`now`) as BLS publishes it."""
        earlier = calc.hourly(self.kb, Describer(self.kb), then)
        diff, pct = round(now - earlier.result, 2), round((now - earlier.result) / earlier.result * 100, 1)
        ids = (then.fact_id, row.id)
        sentences = [Sentence(self.kb.fact(then.fact_id).text, (then.fact_id,)),
                     Sentence(earlier.sentence, (then.fact_id,)),
                     Sentence(f"In {self.kb.pay.release['release']} the {self._words['hourly_median'].lower()} of {_name(self.kb, row.occupation)}"
                              f"{'' if row.industry == ALL else ' in ' + self.kb.pay.industry_names[row.industry]} was "
                              f"{money(now, 'USD/hour')} an hour.", (row.id,)),
                     Sentence(f"That is {money(abs(diff), 'USD/hour')} an hour {'more' if diff >= 0 else 'less'}, a change of "
                              f"{pct:.1f}% from {then.year} to {self.kb.pay.year}.", ids)]
        change = Calculation("change", f"{money(now, 'USD/hour')} - {money(earlier.result, 'USD/hour')} = "
                             f"{money(diff, 'USD/hour')}", diff, "USD/hour", ids)
        percent = Calculation("percent_change", f"({money(now, 'USD/hour')} - {money(earlier.result, 'USD/hour')}) / "
                              f"{money(earlier.result, 'USD/hour')} x 100 = {pct:.1f}%", pct, "percent", ids,
                              note="different sources, years and occupation scopes; not adjusted for inflation")
        return sentences, [change, percent, earlier]

    def _change(self, ask: PayAsk, cited: tuple[str, ...]):
        """Compute the change from the article's figure to today's, with the caveats as cited facts."""
        if ask.areas or ask.occupations != (self.kb.pay.occupation,):
            return None  # the article's figures are national, for its own occupation
        counted = ask.stat == "employment"
        stat = ask.stat if ask.stat in WAGES or counted else "median"
        then = self._article_figure(stat, ask.industry, ask.years, cited)
        row = self.kb.pay.row(self.kb.pay.occupation, NATIONAL, ask.industry)
        now = row.cell(stat).value if row else None
        if then is None or now is None:
            return None
        unit = "people" if counted else "USD/year"
        shown = (lambda v: f"{v:,.0f}") if counted else money  # noqa: E731
        then_fact, now_fact = self.kb.fact(then.fact_id), self.kb.fact(row.id)
        caveat, mapping = self.kb.fact(self.kb.pay.caveat), self.kb.fact(self.kb.pay.mapping)
        diff, pct = round(now - then.value, 2), round((now - then.value) / then.value * 100, 1)
        calcs = [Calculation("percent_change", f"({shown(now)} - {shown(then.value)}) / {shown(then.value)} x 100 = {pct:.1f}%",
                             pct, "percent", (then_fact.id, row.id),
                             note="different sources, years and occupation scopes" + ("" if counted else "; not adjusted for inflation")),
                 Calculation("change", f"{shown(now)} - {shown(then.value)} = {shown(diff)}", diff, unit, (then_fact.id, row.id))]
        words = "employment" if counted else self._words[stat]
        sentences = [Sentence(then_fact.text, (then_fact.id,)),
                     Sentence(f"In {self.kb.pay.release['release']} the {words} of {_name(self.kb, row.occupation)}"
                              f"{'' if row.industry == ALL else ' in ' + self.kb.pay.industry_names[row.industry]} "
                              f"was {shown(now)}{' people' if counted else ''}.", (row.id,)),
                     Sentence(f"That is {shown(abs(diff))} {'more' if diff >= 0 else 'less'} than projected for {then.year} "
                              f"({pct:+.1f}%)." if then.projection else
                              f"That is {shown(abs(diff))} {'more' if diff >= 0 else 'less'}, a change of {pct:.1f}% "
                              f"from {then.year} to {self.kb.pay.year}.",
                              (then_fact.id, row.id))]
        hourly = row.cell("hourly_median").value if stat == "median" else None  # BLS publishes the median's only
        if ask.hourly and hourly is not None and not then.projection:
            sentences, calcs = self._hourly_change(then, row, hourly)  # "what was median hourly in 2008 vs now?"
        notes = [mapping] if counted else [caveat, mapping]  # inflation concerns pay only
        sentences += [Sentence(note.text, (note.id,)) for note in notes]
        chart = {"kind": "bar", "title": words, "unit": unit,
                 "items": [{"label": str(then.year), "value": then.value, "fact_id": then_fact.id},
                           {"label": str(self.kb.pay.year), "value": now, "fact_id": row.id}]}
        return sentences, [then_fact, now_fact, *notes], calcs, chart

    def extend(self, answer: Answer, query: Query) -> Answer:
        """Add today's figures beside the article's pay figures an answer cites (same statistic and setting)."""
        pay = self.kb.pay
        # An article's figure per hour gets today's median per hour, which BLS publishes: no other arithmetic.
        hourly = bool(answer.calculations) and all(c.op == "hourly" for c in answer.calculations)
        if pay is None or not answer.answered or (answer.calculations and not hourly) or query.years or answer.intent != pay.topic:
            return answer
        cited = [self.kb.fact(c.fact_id) for c in answer.citations]
        wanted_ = []
        for fig in (f for fact in cited for f in fact.figures):
            scope = dict(fig.scope)
            industry = pay.industries.get(scope.get("setting", ""), None) if scope else ALL
            if fig.measure == pay.measures["wage"] and fig.stat in WAGES and industry and fig.year and fig.year < pay.year \
                    and set(scope) <= {"setting"}:
                wanted_.append((fig.stat, industry))
        wanted_ = list(dict.fromkeys(wanted_))[:3]  # a median and the range around it
        if not wanted_:
            return answer
        rows = {ind: pay.row(pay.occupation, NATIONAL, ind) for _, ind in wanted_}
        parts, facts = [], []
        for stat, ind in wanted_:
            row = rows[ind]
            column = "hourly_median" if hourly else stat  # BLS publishes only the median per hour
            value = row.cell(column).value if row and (stat == "median" or not hourly) else None
            if value is None:
                continue
            where = "" if ind == ALL else f" in {pay.industry_names[ind]}"
            parts.append(f"{self._words[column]} {money(value, 'USD/hour' if hourly else 'USD/year')}{where}")
            facts.append(self.kb.fact(row.id))
        if not parts:
            return answer
        mapping = self.kb.fact(pay.mapping)
        text = (f"Today's figures (BLS OEWS, {pay.release['release']}) for {_name(self.kb, pay.occupation)}, "
                f"where the article's occupation is counted now: " + ", ".join(parts) + ".")
        ids = tuple(dict.fromkeys(f.id for f in facts))
        sentences = (*answer.sentences, Sentence(text, (*ids, mapping.id)))  # after the note that the article's are old
        citations = tuple(dict.fromkeys((*answer.citations, *(Citation.of(f) for f in (*facts, mapping)))))
        return Answer.said(list(sentences), True, answer.intent, citations=citations, calculations=answer.calculations,
                           suggestions=answer.suggestions, session_id=answer.session_id, chart=answer.chart)

    def remembered(self, query: Query) -> tuple[str, ...]:
        """Return what a declined question leaves for a follow-up to the table: about another occupation ("what
        do paralegals do all day?" declined: "how much do they make?" asks about paralegals), or the pay or head
        count of a place the table lacks ("how many coders are in Los Angeles?": "ok California then")."""
        ask = self._read(query, Context()) if self.kb.pay else None
        if ask and ask.other:
            return ask.remembered()
        if ask and ask.pay and query.out_of_scope:  # leaned on only by a question that names a state
            return (*replace(ask, occupations=ask.occupations or (self.kb.pay.occupation,)).remembered(), "declined=1")
        return ()

    def hint(self, answer: Answer, query: Query) -> Answer:
        """Say, in a decline about another occupation, what the table does have for it: pay and employment."""
        pay = self.kb.pay
        if pay is None or answer.answered:
            return answer
        ask = self._read(query, Context())
        others = [c for c in (ask.occupations if ask else ()) if c != pay.occupation]
        return self._hinted(answer, others[0]) if others else answer

    def _hinted(self, answer: Answer, code: str) -> Answer:
        """Add to a decline what the table has for an occupation, unless its title holds a number."""
        if any(ch.isdigit() for ch in self.kb.pay.titles[code]):
            return answer  # a decline cites nothing, so it states no number: not a title such as "Grades 1-5"
        title = self.kb.pay.titles[code]
        text = f"For {title} I do have today's pay and employment from the BLS: ask \"what do {title.lower()} earn?\""
        return Answer.said([*answer.sentences, Sentence(text)], False, answer.intent, suggestions=answer.suggestions,
                           session_id=answer.session_id)
