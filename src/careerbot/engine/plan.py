"""Plan the arithmetic a question asks for: pick the figures each operation reads, then calculate."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from . import calc
from .answer import Calculation
from .calc import Describer
from .choose import COMPARED, Verdict
from ..kb.model import KB, Figure
from ..kb.relations import siblings, series, value_of, whole_of
from .stopwords import STOPWORDS
from .text import Normalizer, stem, tokenize
from .understand import BROAD_KINDS, JUDGED_SPAN, REMAINDER, WHEN, Query

ENTITY_KINDS_NOT_SCOPES = frozenset({"stat", "year"})


RANKINGS = frozenset({"max", "min", "most", "least", "rank"})  # ops that order things by a measure
RANKED = frozenset({"max", "min"})  # ops whose phrases name the measure they rank by ("pays the most")
COMPARING = COMPARED | {"sum"}  # and a sum of two of them
REST_OPS = frozenset({"remainder", "share_count"})  # "how many are replacements?" asks for the rest itself




def _written_years(query: Query) -> list[int]:
    """Return the years the question writes itself, not those a follow-up took over."""
    return [y for y in query.years if str(y) in query.analysis.words]


class Planner:
    """Turn an operation and the figures a question is about into calculations."""

    def __init__(self, kb: KB):
        self.kb, self.d = kb, Describer(kb)
        self.ops: dict[str, Callable[[Query, list[Figure], Verdict], list[Calculation]]] = {
            "max": self._extreme, "most": self._extreme, "min": self._lowest, "least": self._lowest,
            "rank": self._extreme, "difference": self._difference, "times": self._times,
            "percent_change": partial(self._growth, op=calc.percent_change), "change": partial(self._growth, op=calc.change),
            "share_count": self._share_count, "sum": self._sum, "remainder": self._remainder,
            "per_year": self._per_year, "portion": self._portion, "hourly": partial(self._convert, op=calc.hourly),
            "weekly": partial(self._convert, op=calc.weekly), "monthly": partial(self._convert, op=calc.monthly),
        }
        # The words of each measure's label ("annual wage" -> =wage): a question that says them asks for
        # that measure, and a comparison never reads figures of another ("is the pay better than average jobs?").
        normalize = Normalizer(kb.phrase_table, set())
        self.scope_kinds = kb.scope_kinds | {"stat"}  # what figures are about
        self.scoped: dict[tuple[str, str], set[str]] = {}  # (measure, kind) -> the entities it has figures for
        for f in kb.figures.values():
            for kind, value in f.scope:
                self.scoped.setdefault((f.measure, kind), set()).add(value)
        lang = kb.language
        # One-word rankings ("best", "worst"): a question that says both compares the two ends.
        self.weak = {p: op for op in lang.weak_operations for p in lang.operations[op] if len(tokenize(p)) == 1}
        self.measure_terms = {m: {t for t in normalize.analyze(label, repair=False).terms if t not in kb.entities}
                              for m, label in kb.measures.items()}
        self.counted = {f.measure for f in kb.figures.values() if f.unit == "people"} & set(self.measure_terms)  # head counts
        self.money_measures = {f.measure for f in kb.figures.values() if f.unit.startswith("USD")}
        # Measures only projections give (growth, new positions): asked of a work setting, the whole occupation's.
        self.projected_measures = {f.measure for f in kb.figures.values() if f.projection} \
            - {f.measure for f in kb.figures.values() if not f.projection}
        # Words of the measures a judgment may compare ("pays better", "better growth"): money and growth. Not head
        # counts or shares: "are hospital jobs better than office jobs?" judges the jobs, it counts nothing.
        valued = {f.measure for f in kb.figures.values() if f.unit.startswith("USD") or f.derived and f.derived.op == "percent_change"}
        self.valued_terms = set().union(*(t for m, t in self.measure_terms.items() if m in valued)) \
            - set().union(*(t for m, t in self.measure_terms.items() if m not in valued))
        self.percent = normalize.analyze("percent", repair=False).terms[0]  # the term of a percentage asked
        # Kinds only ever the population a group of shares is among (an age group the education shares are of): the same
        # in every share of each group they are in, so no figure counts them or gives their share of the whole.
        grouped: dict[str, list[dict[str, str]]] = {}
        for f in kb.figures.values():
            if f.part_of:
                grouped.setdefault(f.part_of, []).append(dict(f.scope))
        kinds = {k for f in kb.figures.values() for k, _ in f.scope}
        self.bases = frozenset(k for k in kinds if all(f.part_of or f.derived for f in kb.figures.values() if k in dict(f.scope))
                               and all(len({s.get(k) for s in group}) == 1 for group in grouped.values() if any(k in s for s in group)))
        self.base_topics = {t for f in kb.figures.values() if set(dict(f.scope)) & self.bases for t in kb.fact(f.fact_id).topics}
        # What the article itself judges: the terms right after a judged word in a fact ("the best job
        # opportunities"), so "which skills give the best job opportunities?" is its judgment, not a ranking it lacks.
        self.judging: dict[str, set[str]] = {}
        for fact in kb.facts:
            words = tokenize(fact.text)
            for n, word in enumerate(words):
                if word in lang.judged:
                    self.judging.setdefault(word, set()).update(
                        normalize.analyze(" ".join(words[n + 1:n + 1 + JUDGED_SPAN]), repair=False).terms)

    def candidates(self, query: Query, verdict: Verdict) -> list[Figure]:
        """Return the figures the question may be about, best first: named entities, then on topic."""
        figs = [self.kb.figures[i] for i in query.mentioned + query.focus if i in self.kb.figures]
        figs += [f for fact in verdict.facts for f in fact.figures]
        figs += [f for r in verdict.ranked for f in r.fact.figures]
        named: dict[str, set[str]] = {}
        for kind, value in self._named_scopes(query):
            named.setdefault(kind, set()).add(value)

        def fits(f: Figure) -> bool:  # a figure about another entity of a named kind is not meant
            return all(f.scope_of(kind) in values | {None} for kind, values in named.items())

        def score(f: Figure) -> tuple:
            tags = {f"{k}:{v}" for k, v in f.scope} | ({f"stat:{f.stat}"} if f.stat else set())
            on_topic = verdict.intent in self.kb.fact(f.fact_id).topics
            return (f.id not in query.mentioned, -len(tags & set(query.narrowing)), f.id not in query.focus, not on_topic)

        unique = list(dict.fromkeys(f for f in figs if fits(f)))
        # "do coders make less than most jobs?": pay, not the workforce's growth, however the group is named.
        said = {m for m, terms in self.measure_terms.items() if terms and terms <= set(query.terms)}
        if said and said <= self.money_measures:
            unique = [f for f in unique if f.measure in self.money_measures]
        return sorted(unique, key=score)

    def unrealized(self, query: Query) -> str:
        """Return why a question about what really happened in a year the KB only projects to is declined
        ("how many coders were actually working in 2018?": the projection is no count of that), else ""."""
        projected = {f.years[-1] for f in self.kb.figures.values() if f.projection} \
            - {f.year for f in self.kb.figures.values() if not f.projection}
        written = _written_years(query)
        # "how many jobs will there actually be by 2018?" asks the projection itself.
        asked = query.realized and not query.future and written and set(written) <= projected
        return self.kb.language.messages["unrealized"] if asked else ""

    def figureless(self, query: Query) -> str:
        """Return why a question is declined that asks a figure of something the article names but gives
        no figure for (an occupation it only mentions, or "what's their median salary?" after one), else ""."""
        # "what's their median salary?", "how much more exactly?": a follow-up that asks a figure of what it took over.
        pointing = set(query.analysis.words) & self.kb.language.back_words or query.ops and not query.own_narrowing
        named = [e for e in query.entities if e not in query.kept or pointing]
        lacking = [self.kb.entities[e] for e in named if self.kb.entities[e].no_figures]
        # "do managers earn more?" asks yes or no, which a statement answers ("higher earnings").
        # "what's the difference between techs and managers?" with no measure asks what sets them apart.
        # A measure it took over counts only when it names nothing itself ("how much more exactly?").
        terms = set(query.terms) - (set(query.carried) if set(query.entities) - set(query.kept) else set())
        measured = any(words & terms for words in self.measure_terms.values())
        asks = not query.polar and (measured or bool(query.ops) and query.op != "difference")
        if not lacking or not asks:
            return ""
        return self.kb.language.messages["no_figures_for"].format(entity=lacking[0].label)

    def undated(self, query: Query) -> str:
        """Return why a question that names a year is declined: no figure of the measure it asks for
        describes that year ("what will pay be in 2018?"), else ""."""
        written = _written_years(query)
        asked = [m for m, words in self.measure_terms.items() if words & set(query.terms)]
        if not written or not asked:
            return ""
        years = {y for f in self.kb.figures.values() if f.measure in asked for y in f.years}
        # A comparison's year may be the other side's ("the coder base than the BLS 2008 median"): any figure's in
        # the same unit will do. But not a year none has ("hospital vs nursing home pay in 2018": pay is 2008's).
        units = {f.unit for f in self.kb.figures.values() if f.measure in asked}
        compared = {y for f in self.kb.figures.values() if f.unit in units for y in f.years}
        if (query.polar or set(query.ops) & COMPARING) and all(y in compared for y in written):
            return ""
        # Money asked of a year no money figure has ("the projected median wage for 2018"), whatever else it says.
        money = [f for f in self.kb.figures.values() if f.measure in asked and f.unit.startswith("USD")]
        if money and not any(set(written) <= set(f.years) for f in money):
            return self.kb.language.messages["no_figure_for_year"].format(measure=self.kb.measures[money[0].measure])
        if all(y in years for y in written):
            return ""
        return self.kb.language.messages["no_figure_for_year"].format(measure=self.kb.measures[asked[0]])

    def yearless(self, query: Query, verdict: Verdict) -> str:
        """Return why a when-question is declined: no figure it asks about has a year ("what year is that
        number from?" of an undated survey's figure), else ""."""
        if query.qtype != WHEN:
            return ""
        figs = [self.kb.figures[i] for i in query.mentioned if i in self.kb.figures] \
            or [f for fact in verdict.facts[:1] for f in fact.figures]
        # "what year was the education survey done?": figures asked of, and none chosen that has a year.
        asked = bool(set(query.analysis.words) & self.kb.language.figure_words)
        return self.kb.language.messages["no_year"] if (figs or asked) and not any(f.years for f in figs) else ""

    def unscoped(self, query: Query) -> str:
        """Return why a question is declined that asks a measure of something the KB gives that measure
        for others of its kind only ("what do insurance company techs make?": shares, no wage), else ""."""
        asked = [m for m, words in self.measure_terms.items() if words & set(query.terms)]
        for tag in query.narrowing:
            kind, value = tag.split(":", 1)
            scoped = [m for m in asked if (m, kind) in self.scoped]
            if scoped and not any(value in self.scoped[(m, kind)] for m in scoped):
                return self.kb.language.messages["no_measure_for"].format(
                    measure=self.kb.measures[scoped[0]], entity=self.kb.entities[tag].label)
        return ""

    def unshared(self, query: Query) -> str:
        """Return why a question is declined that asks what share of people the rest of a count is ("what percent
        of coders leave their jobs every year?": people leaving are counted among openings, not as a share), else ""."""
        # "... every year" asks the same share per year; any other operation asks arithmetic of the counts.
        if not query.rest or self.percent not in query.terms or set(query.ops) - {"per_year"}:
            return ""
        wholes = {self.kb.figures[i].measure for i in query.rest if i in self.kb.figures}
        # "what percent of openings come from people leaving?" names the count it is a share of.
        if any(self.measure_terms.get(m, set()) & set(query.terms) for m in wholes):
            return ""
        return self.kb.language.messages["no_share"]

    def unprojected(self, query: Query) -> str:
        """Return why a question is declined that asks a projected measure (growth) of a work setting when the
        projections are of the whole occupation only ("how fast are hospital jobs growing?"), else ""."""
        projected = [m for m in self.projected_measures if self.measure_terms.get(m) and self.measure_terms[m] <= set(query.terms)]
        places = set(self.kb.question_kinds.get("where", ()))  # the kinds of where people work: settings
        scoped = [t for t in query.own_narrowing if t.split(":")[0] in places]
        if not projected or not scoped or any(f.projection and set(scoped) <= self.kb.tags_of(f) for f in self.kb.figures.values()):
            return ""
        return self.kb.language.messages["no_projection"].format(what=self.kb.entities[scoped[0]].label)

    def _names_money(self, query: Query) -> bool:
        """Tell whether a question names a measure of money ("what do techs and coders make?")."""
        return any(terms and terms <= set(query.terms) for m, terms in self.measure_terms.items() if m in self.money_measures)

    def unsized(self, query: Query) -> str:
        """Return why a count or share is declined that is asked of a group the KB's shares are only among ("how
        many coders are in that age group?": shares of them by education, not their number), or of one role within
        another ("how many of the techs were coders?"), else ""."""
        # "how many of the techs were coders?": one role counted within another, which no share splits; not the
        # roles listed together ("how many techs and coders were there?": the occupation's count).
        asked = self._asks_people(query) or self.percent in query.terms
        roles = [t for t in query.entities if t.split(":")[0] in BROAD_KINDS and t not in query.kept]
        listed = set(query.analysis.words) & self.kb.language.joiners
        if asked and len(roles) > 1 and not self._names_money(query) and not set(query.ops) & COMPARING and not listed:
            return self.kb.language.messages["no_share"]
        named = {t.split(":")[0] for t in query.narrowing if t in self.kb.entities}
        # Not the shares among it ("what about that age group?" after a share of bachelor's), nor a question about
        # those shares ("which age range do the education percentages cover?").
        return self.kb.language.messages["no_share"] if asked and named and named <= self.bases \
            and query.intent not in self.base_topics else ""

    def uncombined(self, query: Query) -> str:
        """Return why a question is declined that names two things of different kinds no figure is about
        together ("the top tenth in nursing homes": percentiles only for all, nursing homes only a median), else ""."""
        # "what about their top 10%?" after the federal median: what it points back to is named too.
        back = set(query.analysis.words) & self.kb.language.back_words
        own = query.own_narrowing + (tuple(t for t in query.narrowing if t in query.kept) if back else ())
        named = [t for t in own if t.split(":")[0] in self.scope_kinds]  # not "the BLS", "the RHIT"
        # A year it writes is one more thing: "how many will work in hospitals in 2018?" (shares only for 2008).
        written = set(_written_years(query))
        kinds = [t.split(":")[0] for t in named] + (["year"] if len(written) == 1 else [])
        if len(set(kinds)) < 2 or len(kinds) != len(set(kinds)) or query.choosing or query.polar or set(query.ops) & COMPARING:
            return ""  # one thing, or a choice or comparison between figures of their own
        if any(set(named) <= self.kb.tags_of(f) and written <= set(f.years) for f in self.kb.figures.values()):
            return ""
        return self.kb.language.messages["no_combination"]

    def unranked(self, query: Query, calcs: list[Calculation], known: Callable[[str], bool]) -> str:
        """Return why a ranking question is declined that ranks by something the KB has no figures or words
        for ("which cert is the most respected?", "is AHIMA or AAPC better?"), else ""."""
        words = query.analysis.words
        # What each judged word judges: the terms after it. "the best job opportunities" the article judges itself;
        # "the best online school" (programs, not schools) or "the best" alone it does not.
        after = dict(query.judged)
        judged = [n for n, terms in after.items() if not (terms and terms <= self.judging.get(words[n], set()))]
        # "what's the best online school?": a superlative ranks one of a kind even outside a which-question.
        # "what is the best way to get certified?" asks how, not which.
        how = any(f" {p} " in f" {' '.join(words)} " for p in self.kb.language.how_to)
        # It names what it judges: "how much is the better one?" picks from the answer before.
        superlative = query.weak and not how and any((n == 0 or words[n - 1] in self.kb.language.superlative_before)
                                                     and after[n] for n in judged)
        # "is AAPC better than AHIMA?": a comparison by a judgment, with nothing to compute.
        # So is "is coding harder than billing?": a judged word right before "than".
        than = set(self.kb.language.polar["than"])
        before_than = [n for n in judged if words[n + 1:n + 2] and words[n + 1] in than]
        judging = (query.op == "difference" or before_than) and not calcs and any(words[n] in self.kb.language.judged for n in judged)
        if not self.valued_terms & set(query.terms) and not (query.focus or query.pointed or query.carried) \
                and any(words[n] in self.kb.language.judged for n in before_than):
            # "is working in a hospital better than in an office?", "are hospital jobs better than office jobs?": a
            # judgment, whatever share or head count it could compute; "pays better" compares money, and "is that
            # better than average?" the figure it points at.
            return self.kb.language.messages["not_ranked"]
        if query.op not in RANKINGS and not superlative and not judging:
            return ""
        measured = any(terms & set(query.terms) for terms in self.measure_terms.values())
        if judged and not measured and not query.action:
            return self.kb.language.messages["not_ranked"]  # "the best online school": a judgment, not a figure
        if query.within and not query.choosing:
            return self.kb.language.messages["not_ranked"]  # "which insurance companies hire the most?": not among them
        if calcs or measured:
            return ""
        # "which skills matter most as records go digital?": every word is the KB's, so its facts may say.
        plain = not query.analysis.unknown and not query.analysis.repairs  # "respected" is no typo of "repeat"
        if plain and all(known(t) for t in query.terms) and not query.choosing:
            return ""
        return self.kb.language.messages["not_ranked"]

    def _written(self, query: Query) -> list[Figure]:
        """Return the figures whose values the question writes ("is 20% growth ...")."""
        return [self.kb.figures[i] for i in query.mentioned if i in self.kb.figures]

    def plan(self, query: Query, verdict: Verdict, derivations: bool = True) -> tuple[list[Calculation], bool]:
        """Return the calculations for a question, and whether they answer it alone (an operation was asked);
        `derivations=False` leaves out how the article derived its figures (no room in one part of several)."""
        if verdict.kind != "answer":
            return [], False
        figs = self.candidates(query, verdict)
        if query.polar and query.amount and not query.mentioned:
            # "is the median salary over 30k?": the figure asked about against the amount, yes or no.
            value, unit = query.amount
            fig = next((f for f in figs if f.unit == unit), None)
            if fig:
                # "is 40k above the median?" asks whether the median is below 40k.
                flipped = replace(query, polar="less" if query.polar == "more" else "more") if query.amount_first else query
                return self._yes_no(flipped, [calc.against(self.kb, self.d, fig, value)]), True
        if rest := self._rest(query, verdict):
            return rest, bool(query.op)
        # "is federal work better paid than hospital work?": a yes/no comparison asks the difference; a why asks
        # a reason, not arithmetic ("why so many openings if only half are new jobs?").
        asked = () if query.qtype == "why" else query.ops or (("difference",) if query.polar else ())
        periods = [o for o in asked if o in calc.PERIODS]
        # "how much less an hour is that than hospitals?", or "and per hour?" after the gap: the gap, per hour.
        # Not after a range's two ends, one fact's ("per hour?" after the top and bottom 10%: each end per hour).
        gapped = "difference" in query.before and not query.own_narrowing and not query.weak and len(query.focus) >= 2 \
            and len({self.kb.figures[i].fact_id for i in query.focus[:2] if i in self.kb.figures}) == 2
        if periods and ("difference" in asked or gapped):
            gap = next((c for c in self._difference(query, figs, verdict) if c.unit == "USD/year"), None)
            if gap:
                return self._yes_no(query, [calc.per_period(gap, periods[0]), gap]), True
        for op in [o for o in asked if o in self.ops]:  # the most specific op that fits
            try:
                found = self.ops[op](query, figs, verdict)
            except (ValueError, ZeroDivisionError):
                found = []  # inputs that do not fit the operation: try the next, or answer with the facts alone
            # "and the civilian workforce?" after the growth computed from counts: the op taken over does not
            # fit what the question names if no figure it reads is about it; the facts answer.
            # So for any op, of a scope the figures have ("the projected growth rate for all workers together"
            # is its own figure, not one computed from the occupation's counts); an exclusion names what it leaves out.
            if op in query.before:
                own = set(query.own_narrowing)
            else:  # ... when the fact chosen to answer has a figure of that scope
                lead = {t for fact in verdict.facts[:1] for f in fact.figures for t in self.kb.tags_of(f)}
                own = {t for t in query.own_narrowing if t.split(":")[0] in self.kb.scope_kinds - BROAD_KINDS
                       and t in lead} if op != REMAINDER else set()
            if found and own and not any(
                    own & self.kb.tags_of(f) for c in found for i in (*c.inputs, *c.excluded) for f in self.kb.fact(i).figures):
                continue
            if found:
                return self._yes_no(query, found), True
        if verdict.facts and not query.op and derivations:
            # Show how the article derived the lead fact's figures (its rounded growth rate, a sum).
            lead = verdict.facts[0]
            return [c for f in lead.figures if (c := calc.recompute(self.kb, self.d, f))], False
        return [], False

    def _rest(self, query: Query, verdict: Verdict) -> list[Calculation]:
        """What a figure holds beyond the figures it includes, named by the question ("how much are the
        benefits worth?"), when the answer or the last one is about it."""
        if set(query.ops) - REST_OPS:
            return []  # "the total with benefits, per month?" asks another operation of the whole
        about = {f.id for fact in verdict.facts for f in fact.figures} | set(query.focus)
        for whole in (self.kb.figures[i] for i in query.rest if i not in query.mentioned):
            if about & {whole.id, *whole.includes}:
                return [calc.remainder(self.kb, self.d, whole, *(self.kb.figures[i] for i in whole.includes))]
        return []

    def _yes_no(self, query: Query, calcs: list[Calculation]) -> list[Calculation]:
        """Open the answer to a yes/no comparison with yes or no: from the sign of a difference, or for a
        ratio (the larger over the smaller) from whether the first figure named is the larger."""
        first = calcs[0]
        if not query.polar or first.op not in ("difference", "ratio") or first.result == (1 if first.op == "ratio" else 0):
            return calcs
        if first.op == "ratio":
            # "is this field growing faster than the workforce?": the one the question names is the reference.
            named = set(query.own_narrowing)
            tagged = [bool(named & {t for f in self.kb.fact(i).figures for t in self.kb.tags_of(f)}) for i in first.inputs]
            if tagged.count(True) != 1:
                return calcs
            ahead = tagged[0] if query.named_first else not tagged[0]  # inputs[0] is the larger
        else:
            ahead = first.result > 0
        word = self.kb.language.messages["yes" if ahead == (query.polar == "more") else "no"]
        return [replace(first, sentence=f"{word} {first.sentence}")] + calcs[1:]

    def _measured(self, query: Query, figs: list[Figure], keep_focus: bool = True) -> list[Figure]:
        """Keep the figures of the measures the question names, if it names any (and, unless told, the
        figures a follow-up refers back to)."""
        # An operation's own words are no measure ("how many people"), except a ranking's: "pays the most".
        ranked = query.op in RANKED
        terms = set(query.content + query.carried if query.ops and not ranked else query.terms)
        asked = {m for m, words in self.measure_terms.items() if words & terms}
        return [f for f in figs if f.measure in asked or keep_focus and f.id in query.focus] if asked else figs

    def _named_scopes(self, query: Query) -> list[tuple[str, str]]:
        return [tuple(t.split(":", 1)) for t in query.narrowing if t.split(":")[0] not in ENTITY_KINDS_NOT_SCOPES]

    def _extreme(self, query: Query, figs: list[Figure], verdict: Verdict, lowest: bool = False) -> list[Calculation]:
        paired = [self.kb.figures[i] for i in query.paired if i in self.kb.figures]
        if len(paired) == 2 and not query.content and not query.own_narrowing and paired[0].measure == paired[1].measure \
                and not RANKINGS & set(query.before):  # after a ranking, "and the lowest?" ranks again
            # "which is higher?" after two answers: the two just asked about, not every setting.
            a, b = sorted(paired, key=lambda f: f.value, reverse=not lowest)
            return self._gap(query, a, b)
        named = {f"{k}:{v}" for k, v in self._named_scopes(query)}
        # "which of those pays best?" after shares: the measure the ranking names, not the last answer's.
        for fig in self._measured(query, figs, keep_focus=False) or self._measured(query, figs):
            for kind, _ in fig.scope:
                group = siblings(self.kb, fig, kind)
                ids = {f.id for f in group}  # a sum of others in the group is no rival of its parts (63% vs 51%)
                group = [f for f in group if not (f.derived and f.derived.op == "sum" and ids & set(f.derived.inputs))]
                chosen = [f for f in group if f"{kind}:{f.scope_of(kind)}" in named]
                if len(chosen) == 2:  # "which pays more, hospitals or nursing homes?": those two, compared
                    a, b = sorted(chosen, key=lambda f: f.value, reverse=not lowest)
                    return self._gap(query, a, b)
                if len(group) > 1:
                    return [calc.ranking(self.kb, self.d, *group, lowest=lowest, kind=kind, place=self._place(query))]
        return []

    def _place(self, query: Query) -> tuple[int, str]:
        """Return the place in a ranking a question asks for, with its word ("second")."""
        words = [w for w, n in self.kb.language.ordinals.items() if n == query.place and w.isalpha()]
        return (query.place, words[0]) if words else (1, "")

    def _lowest(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        return self._extreme(query, figs, verdict, lowest=True)

    def _pair(self, query: Query, figs: list[Figure], verdict: Verdict) -> tuple[Figure, Figure] | None:
        """Pick the two figures a comparison means; when the question points at the last answer ("is that
        good compared to other jobs?"), one of them must be that answer's figure."""
        # "is the hospital median higher than the median for all jobs?": no figure in that unit is about all
        # jobs, so no two other figures stand in for the comparison.
        units = {f.unit for f in figs[:1]}
        if any(not any(t in self.kb.tags_of(f) for f in self.kb.figures.values() if f.unit in units)
               for t in query.own_narrowing if t in query.reference and t.split(":")[0] in self.kb.scope_kinds):
            return None
        pair = self._pair_of(query, figs, verdict)
        pointing = query.focus and set(query.analysis.words) & self.kb.language.back_words
        # Or the same things, measured another way ("and the pay gap between them?" after their shares).
        scopes = {f.scope for i in query.focus if (f := self.kb.figures.get(i))}
        if pair and pointing and not {f.id for f in pair} & set(query.focus) and not {f.scope for f in pair} <= scopes:
            return None  # no figure to compare it with: the facts answer, not arithmetic on other figures
        return pair

    def _pair_of(self, query: Query, figs: list[Figure], verdict: Verdict) -> tuple[Figure, Figure] | None:
        """Pick the two figures a comparison means: two named entities, a follow-up's figure and a named one,
        a named one and the whole, or the two best figures of one unit."""
        named = [tuple(t.split(":", 1)) for t in query.narrowing]  # scopes and statistics
        paired = [self.kb.figures[i] for i in query.paired if i in self.kb.figures]
        # What "that" is: the last answer's figures of the measure asked, else the one before's ("is that
        # more than hospital techs make?" after a count of the people whose pay was asked before).
        focus = [self.kb.figures[i] for i in query.focus if i in self.kb.figures]
        # The last answer's figures stay in play unless the question asks another measure ("and the pay gap
        # between them?" after their shares).
        figs = self._measured(query, figs, keep_focus=bool(self._measured(query, focus, keep_focus=False)) or not focus)
        focus = self._measured(query, focus, keep_focus=False) or self._measured(query, paired[1:], keep_focus=False)
        alike = [f for f in focus if (f.measure, f.unit) == (focus[0].measure, focus[0].unit)]
        words = set(query.analysis.words)
        lang = self.kb.language
        own = query.own_narrowing
        # "the difference between those two", "the gap?"; not "the pay gap between them" after their shares.
        # Not when it names two things itself ("top 10% minus bottom 10%, the spread between those two").
        if len(self._measured(query, paired, keep_focus=False)) == 2 and paired[0].unit == paired[1].unit \
                and (words & lang.pair_words and len(own) < 2 or not query.content and not own):
            return tuple(sorted(paired, key=lambda f: -f.value))
        swapped = self._swapped(query)
        if swapped:
            return swapped
        compared = self._compared(query)
        if compared and not words & lang.range_words:
            return compared  # "whats that as a percent more?" after "by how much?"
        if words & lang.range_words and not own:  # "how wide is that range": the ends of a fact that gives one
            # ... or of the fact the question names itself ("what's the spread of the middle 50%?")
            for fact in dict.fromkeys(self.kb.fact(f.fact_id) for f in focus or figs[:1]):
                ends = [f for f in fact.figures if (f.measure, f.unit) == (fact.figures[0].measure, fact.figures[0].unit)]
                if len(ends) >= 2:
                    return max(ends, key=lambda f: f.value), min(ends, key=lambda f: f.value)
        ends = {op for w in words if (op := self.weak.get(w))}
        if len(alike) > 2 and not own and ({"most", "least"} <= ends or ends and RANKINGS & set(query.before)):
            # "the best than the worst", or after a ranking "how much more does the top one pay?"
            return max(alike, key=lambda f: f.value), min(alike, key=lambda f: f.value)
        if not own and (len(alike) == 2 or len(alike) > 2 and words & self.kb.language.pair_words):
            return tuple(sorted(alike[:2], key=lambda f: -f.value))  # "how wide is that range", "those two"
        for fig in figs:
            for kind in [k for k, _ in fig.scope] + (["stat"] if fig.stat else []):
                group = {value_of(f, kind): f for f in siblings(self.kb, fig, kind)}
                picked = [group[v] for k, v in named if k == kind and v in group]
                # "the federal median than the top 10%": a group of medians without the federal one will not do.
                others = {f"{k}:{v}" for k, v in named if k != kind}
                if len(picked) >= 2 and all(others <= self.kb.tags_of(f) for f in picked):
                    return picked[0], picked[1]
        picks: list[Figure] = []  # "the federal median than the top 10%": one figure for each thing named
        for tag in query.narrowing if len(named) >= 2 else ():
            best = max((f for f in figs if tag in self.kb.tags_of(f)), default=None,
                       key=lambda f: len(self.kb.tags_of(f) & set(query.narrowing)))
            if best and best not in picks:
                picks.append(best)
        if len(picks) >= 2 and picks[0].unit == picks[1].unit:
            return picks[0], picks[1]
        # "is 20% growth faster than the whole workforce?": the figure it writes against the one it names.
        written = self._written(query)
        if len(written) == 1 and query.own_narrowing:
            other = next((f for f in figs if f != written[0] and f.unit == written[0].unit
                          and set(query.own_narrowing) & self.kb.tags_of(f)), None)
            if other:
                return written[0], other
        whole_named = set(query.own_narrowing)
        full = next((f for f in figs if focus and len(whole_named) > 1 and whole_named <= self.kb.tags_of(f)
                     and f != focus[0] and f.unit == focus[0].unit), None)
        if full:
            return focus[0], full  # "is that more than the federal median?": the figure of all it names
        for kind, value in reversed(named if focus else []):  # the question's own entities come last
            group = {value_of(f, kind): f for f in siblings(self.kb, focus[0], kind)}
            if value in group and group[value] != focus[0]:
                # ... unless named before "than": "how much more is the federal one than that?" compares it with "that".
                return (group[value], focus[0]) if query.named_first else (focus[0], group[value])
        named = self._named_scopes(query)
        if named and figs and figs[0].scope_of(named[0][0]) == named[0][1]:
            whole = whole_of(self.kb, figs[0], named[0][0])
            if whole:
                return figs[0], whole
        if focus and not named:
            # "is that above average?": the figure asked about against the whole it is part of.
            whole = next((w for kind, _ in focus[0].scope if (w := whole_of(self.kb, focus[0], kind))), None)
            if whole:
                return focus[0], whole
        scoped = [t for t in query.own_narrowing if t.split(":")[0] in self.scope_kinds]
        pool = [f for f in figs if not focus or f.measure == focus[0].measure]  # of what "that" measures
        if any(not any(t in self.kb.tags_of(f) for f in pool) for t in scoped):
            return None  # "better than other jobs": no figure for what it names, so nothing to compare
        first = figs[0] if figs and self._asked_about(figs[0], query, verdict) else None
        second = next((f for f in figs[1:] if first and f.unit == first.unit and f.fact_id != first.fact_id), None)
        if not (first and second):
            return None
        return (first, second) if first.value >= second.value else (second, first)  # nothing named: larger first

    def _compared(self, query: Query) -> tuple[Figure, Figure] | None:
        """Return the pair the last answer compared, when a follow-up names nothing new ("in percent?")."""
        # After "by how much?" or its follow-up "in percent?" (which asked for percent_change).
        if not {"difference", "percent_change", "times"} & set(query.before) or len(query.focus) < 2 or query.own_narrowing \
                or query.mentioned:
            return None
        first, second = (self.kb.figures[i] for i in query.focus[:2])
        return (first, second) if first.unit == second.unit else None

    def _swapped(self, query: Query) -> tuple[Figure, Figure] | None:
        """After a comparison of A with B, "what about hospitals?" compares hospitals with B."""
        kinds = [t.split(":")[0] for t in query.own_narrowing]
        if "difference" not in query.before or len(query.focus) < 2 or len(kinds) != len(set(kinds)):
            return None  # naming two of a kind ("and nursing care vs outpatient?") asks for a pair of its own
        first, second = (self.kb.figures[i] for i in query.focus[:2])
        for kind, value in (tuple(t.split(":", 1)) for t in query.own_narrowing):
            group = {value_of(f, kind): f for f in siblings(self.kb, first, kind)}
            if value in group and group[value] not in (first, second):
                return group[value], second
        if len(query.own_narrowing) == 1:  # "flip it, how much more do hospitals pay?": the same two, it first
            kind, value = query.own_narrowing[0].split(":", 1)
            named = next((f for f in (first, second) if value_of(f, kind) == value), None)
            if named:
                return named, (second if named is first else first)
        return None

    @staticmethod
    def _asked_about(fig: Figure, query: Query, verdict: Verdict) -> bool:
        """Tell whether a figure is what the question retrieved or refers back to, not just any number."""
        return fig.id in query.focus or any(fig.fact_id == f.id for f in verdict.facts)

    def _difference(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        if set(query.analysis.words) & self.kb.language.points_words:
            # "how many percentage points faster is that?": two percentages, whatever else is in play.
            figs = [f for f in figs if f.unit == "percent"]
            query = replace(query, focus=tuple(i for i in query.focus if i in self.kb.figures and self.kb.figures[i].unit == "percent"))
        pair = self._pair(query, figs, verdict)
        if not pair:
            return self._less_included(query)
        a, b = pair
        if self.kb.tags_of(a) & self.kb.baselines and not self.kb.tags_of(b) & self.kb.baselines:
            a, b = b, a  # "do they earn more than all occupations?": the occupation's own figure against the baseline
        ref, ta, tb = set(query.reference), self.kb.tags_of(a), self.kb.tags_of(b)
        if ref & (ta - tb) and not ref & (tb - ta):
            a, b = b, a  # "is the median higher than what offices paid?": what it names after "than" is the reference
        own, words, lang = set(query.own_narrowing), set(query.analysis.words), self.kb.language
        if words & set(lang.polar["less"]) and not words & lang.reference_before and own & self.kb.tags_of(b) \
                and not own & self.kb.tags_of(a):
            # "how much less is the office, in percent?": the one it names, in percent of the other (not "than
            # the feds", "below the median", which name the other).
            a, b = b, a
        out = self._gap(query, a, b)
        if a.unit != "percent":
            out.append(calc.percent_difference(self.kb, self.d, a, b))
        return out

    def _less_included(self, query: Query) -> list[Calculation]:
        """"minus the new ones?" after a count that includes them: the count less the figures it includes,
        when the question names one of them by its measure's words."""
        words = {stem(w) for w in query.analysis.words}
        for whole in (self.kb.figures[i] for i in query.focus[:1] if i in self.kb.figures):
            parts = [self.kb.figures[i] for i in whole.includes]
            if any(words & {stem(w) for w in tokenize(self.kb.measures.get(p.measure, "")) if w not in STOPWORDS} for p in parts):
                return [calc.remainder(self.kb, self.d, whole, *parts)]
        return []

    def _gap(self, query: Query, a: Figure, b: Figure) -> list[Calculation]:
        """The difference of two figures; of two shares of one count, also in people when the question asks
        how many ("how many more techs work in hospitals than in physician offices?")."""
        out = [calc.difference(self.kb, self.d, a, b)]
        if a.unit == b.unit == "percent" and a.share_of and a.share_of == b.share_of and self._asks_people(query):
            out.insert(0, calc.count_difference(self.kb, self.d, a, b, self.kb.figures[a.share_of]))  # what it asks, first
        return out

    def _asks_people(self, query: Query) -> bool:
        """Tell whether a question asks a number of people: "how many", or a measure counted in people."""
        return "share_count" in query.ops or any(self.measure_terms[m] & set(query.terms) for m in self.counted)

    def _times(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        pair = self._pair(query, figs, verdict)
        if not pair:
            return []
        a, b = sorted(pair, key=lambda f: -f.value)  # "how many times faster": the larger over the smaller
        return [calc.ratio(self.kb, self.d, a, b)]

    def _growth(self, query: Query, figs: list[Figure], verdict: Verdict, op: Callable) -> list[Calculation]:
        if op is calc.percent_change and self._compared(query):
            return self._difference(query, figs, verdict)  # "in percent?" after a comparison: the same one
        kinds = [t.split(":")[0] for t in query.own_narrowing]
        if op is calc.change and len(kinds) == 2 and len(set(kinds)) == 1:
            return self._difference(query, figs, verdict)  # "how many more work in hospitals than in offices?"
        if len(kinds) != len(set(kinds)) or "difference" in query.ops and (query.focus or query.own_narrowing):
            return []  # "physician offices than hospitals, in percent", "that than the median, in percent": a comparison
        for fig in figs:
            years = series(self.kb, fig)
            if years:
                return [op(self.kb, self.d, years[0], years[-1])]
        return []

    def _share_count(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        parts = [self.kb.figures[i] for i in query.focus if self.kb.figures[i].share_of]
        written = self._written(query)
        shown = next((f for f in written if f.unit == "percent" and f.share_of), None)
        if shown and not any(f.unit == "people" for f in written):
            # "how many people is that 26%?" after a list: the share it writes, of its whole.
            return [calc.share_count(self.kb, self.d, shown, self.kb.figures[shown.share_of])]
        if {"remainder", "sum", "portion"} & set(query.before) and not query.own_narrowing and len(parts) > 1 \
                and len({p.share_of for p in parts}) == 1:
            # "how many people is that?" after "and the rest?" or "those two combined": together, as people.
            return [calc.share_count_of_parts(self.kb, self.d, parts, self.kb.figures[parts[0].share_of])]
        if "difference" in query.before and not query.own_narrowing and len(parts) == 2 and parts[0].share_of == parts[1].share_of:
            big, small = sorted(parts, key=lambda f: -f.value)  # "in people?" after the gap between two shares
            return [calc.count_difference(self.kb, self.d, big, small, self.kb.figures[big.share_of])]
        # "how many jobs is 20% of the employment figure?": a percentage of a count, both written out; or the count
        # written and the share the last answer gave ("out of the total, how many is that?").
        percent = next((f for f in written if f.unit == "percent"), None) or \
            next((f for i in query.focus[:1] if (f := self.kb.figures[i]).unit == "percent"), None)
        count = next((f for f in written if f.unit == "people"), None)
        if percent and count:
            return [calc.share_count(self.kb, self.d, percent, count)]
        # The share the question is about: the first candidate, or one of an entity the question names.
        named = {f"{k}:{v}" for k, v in self._named_scopes(query)}
        best = verdict.facts[0].figures if verdict.facts else ()
        if not query.focus and not named - {f"year:{y}" for y in query.years} and any(f.unit == "people" and not f.share_of for f in best):
            return []  # "how many techs worked in 2008?": the count the best fact gives, no share of it
        share = next((f for i, f in enumerate(figs) if f.share_of and
                      (i == 0 or {f"{k}:{v}" for k, v in f.scope} & named)), None)
        if share:
            return [calc.share_count(self.kb, self.d, share, self.kb.figures[share.share_of])]
        # "how many of those are new?" after a count that includes others: the part it includes, as a share.
        focus = [self.kb.figures[i] for i in query.focus[:1] if self.kb.figures[i].includes]
        return self._portion(query, focus, verdict) if focus else []

    def _sum(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        named = {v for _, v in self._named_scopes(query)}
        # "together?" after two answers about one part each, or one answer about several parts.
        focus = set(query.paired) if len(query.paired) == 2 else set(query.focus)
        for fig in figs:
            if fig.part_of:
                parts = [f for f in self.kb.figures.values() if f.part_of == fig.part_of and
                         any(v in named for _, v in f.scope)]
                # "together?" after an answer with several parts of one whole (or two answers with one each,
                # whose last entity a follow-up keeps): those parts.
                if len(parts) < 2:
                    parts = [f for f in self.kb.figures.values() if f.part_of == fig.part_of and f.id in focus]
                # ... or "both together?" after the two shares as people.
                people = "share_count" in query.ops or "share_count" in query.before and not query.own_narrowing
                if len(parts) > 1 and people and len({p.share_of for p in parts}) == 1 and parts[0].share_of:
                    # "how many techs worked in hospitals or doctor's offices combined": the shares, as people.
                    return [calc.share_count_of_parts(self.kb, self.d, parts, self.kb.figures[parts[0].share_of])]
                if len(parts) > 1:
                    return [calc.total(self.kb, self.d, *parts)]
        rate = next((f for f in self._measured(query, figs) if f.unit == "people/year" and f.period), None)
        if rate:  # "how many openings in total?" of a count each year: the rate times its years
            return [calc.over_period(self.kb, self.d, rate)]
        # The article's own sum, when the answer is about it ("63% together?"), not any sum that ranked.
        answered = {f.id for fact in verdict.facts for f in fact.figures} | set(query.focus)
        derived = next((f for f in figs if f.derived and f.derived.op == "sum" and f.id in answered), None)
        return [calc.recompute(self.kb, self.d, derived)] if derived else []

    def _remainder(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        named = {f"{k}:{v}" for k, v in self._named_scopes(query)}
        measured = self._measured(query, figs)  # a count that includes the measure named counts too
        # The first figure that is a count including others (openings) or a share of a whole (a setting).
        kept = {f.id for f in measured}
        lead = query.focus[:1]  # "and the rest?": the figure the last answer led with

        def whole(f: Figure) -> bool:  # a count that includes others, asked about ("how many are not new?")
            return bool(f.includes) and (f.id in kept or kept & set(f.includes)) and self._asked_about(f, query, verdict)

        def part(f: Figure) -> bool:  # a share of a whole the question names, or the one it refers back to
            return bool(f.part_of) and f.id in kept and (
                {f"{k}:{v}" for k, v in f.scope} & named if named else f.id in lead)

        first = next((f for f in figs if whole(f) or part(f)), None)
        if first is None:
            return self._complement_of_sum(measured, named) or self._ranking_without(measured, named)
        if first.includes:
            return [calc.remainder(self.kb, self.d, first, *(self.kb.figures[i] for i in first.includes))]
        # "other than hospitals", "and the rest?": the parts of a whole left when the named (or last) ones go.
        part = first
        group = [f for f in self.kb.figures.values() if f.part_of == part.part_of]
        # What tells the parts apart (the level of education), not what they share (the age group).
        varying = {k for f in group for k, _ in f.scope if len({g.scope_of(k) for g in group}) > 1}
        left_out = [f for f in group if {f"{k}:{v}" for k, v in f.scope if k in varying} & named] or [part]
        rest = [f for f in group if f not in left_out]
        if rest and "share_count" in query.ops and len({f.share_of for f in rest}) == 1 and rest[0].share_of:
            # "how many techs worked somewhere other than hospitals?": the rest, as people.
            people = calc.share_count_of_parts(self.kb, self.d, rest, self.kb.figures[rest[0].share_of])
            return [replace(people, excluded=tuple(dict.fromkeys(f.fact_id for f in left_out)))]
        return [calc.complement(self.kb, self.d, left_out, rest)] if rest else []

    def _complement_of_sum(self, figs: list[Figure], named: set[str]) -> list[Calculation]:
        """The parts left beside a named sum of parts ("never went to college" beside "some college or more")."""
        total = next((f for f in figs if f.derived and f.derived.op == "sum" and self.kb.tags_of(f) & named), None)
        parts = [self.kb.figures[i] for i in total.derived.inputs] if total else []
        if not parts or not all(p.part_of == parts[0].part_of for p in parts):
            return []
        rest = [f for f in self.kb.figures.values() if f.part_of == parts[0].part_of and f not in parts]
        return [calc.complement(self.kb, self.d, [total], rest)] if rest else []

    def _ranking_without(self, figs: list[Figure], named: set[str]) -> list[Calculation]:
        """Rank the figures of every entity but the named ones ("what they make in each setting except hospitals")."""
        for fig in figs:
            for kind, value in fig.scope:
                if f"{kind}:{value}" in named:
                    rest = [f for f in siblings(self.kb, fig, kind) if f"{kind}:{f.scope_of(kind)}" not in named]
                    if len(rest) > 1:
                        return [calc.ranking(self.kb, self.d, *rest, kind=kind)]
        return []

    def _portion(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        whole = next((f for f in figs if f.includes and self._asked_about(f, query, verdict)), None)
        if not whole:
            return []
        return [calc.portion(self.kb, self.d, self.kb.figures[i], whole) for i in whole.includes]

    def _per_year(self, query: Query, figs: list[Figure], verdict: Verdict) -> list[Calculation]:
        focus = [self.kb.figures[i] for i in query.focus if i in self.kb.figures]
        if focus and not query.own_narrowing and not any(f.period for f in focus):
            return []  # "the difference between those two per year" after two salaries: yearly already
        fig = next((f for f in self._measured(query, figs) if f.period and f.unit == "people"), None)
        return [calc.per_year(self.kb, self.d, fig)] if fig else []

    def _convert(self, query: Query, figs: list[Figure], verdict: Verdict, op: Callable) -> list[Calculation]:
        yearly = [f for f in figs if f.unit == "USD/year"]
        fig = yearly[0] if yearly else None
        if fig and not query.focus:
            # "what do coders make a month?": the figure the answer leads with (its source ranks first), unless the
            # question asks for something only the other has ("the coders' base salary per hour"); a role is no such
            # thing, since the lead's occupation includes it.
            matched = {r.fact.id: {t for t in r.matched if t.split(":")[0] not in BROAD_KINDS} for r in verdict.ranked}
            lead = min(yearly, key=lambda f: self.kb.fact(f.fact_id).source.rank)
            if matched.get(lead.fact_id, set()) >= matched.get(fig.fact_id, set()):
                fig = lead
        held = next((r for r in verdict.ranked if fig and r.fact.id == fig.fact_id), None)
        named = next((f for f in yearly if verdict.facts and f.fact_id == verdict.facts[0].id), None)
        said = set(query.content) - set(query.carried) - set(query.kept)  # its own words, not "per hour"
        if held and named and "context_only" in held.rules and said & set(verdict.ranked[0].matched):
            fig = named  # "and the with-benefits figure per month?": what its own words name, not the last figure
        focus = [self.kb.figures[i] for i in query.focus if self.kb.figures[i].unit == "USD/year"]
        if query.weak and focus:  # "hourly for the bottom of that range": the lowest of the last answer's
            fig = (min if query.weak == "least" else max)(focus, key=lambda f: f.value)
        return [op(self.kb, self.d, fig)] if fig else []
