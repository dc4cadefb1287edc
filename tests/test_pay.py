"""Today's pay from the BLS OEWS table: every expected value is read straight from the downloaded database."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
import yaml

from careerbot import Bot
from careerbot.kb import cache
from careerbot.kb.load import check
from conftest import ROOT, run_cli

ALL_INDUSTRIES = "000000"


@pytest.fixture(scope="module")
def db(oews_db):
    connection = sqlite3.connect(f"file:{oews_db.database}?mode=ro", uri=True)
    yield connection
    connection.close()


def median(db, soc: str, area: str = "0000000", kind: str = "N") -> float:
    """Return BLS's annual median wage (datatype 13) for an occupation and area, straight from the database."""
    value, = db.execute("select v13 from cell where key = ?", (f"OEU{kind}{area}{ALL_INDUSTRIES}{soc.replace('-', '')}",)).fetchone()
    return float(value)


def cell(db, soc: str, column: str, area: str = "0000000", kind: str = "N", industry: str = ALL_INDUSTRIES) -> float:
    """Return one BLS cell (v01 employment, v08 hourly median, v13 annual median ...), straight from the database."""
    value, = db.execute(f"select {column} from cell where key = ?", (f"OEU{kind}{area}{industry}{soc.replace('-', '')}",)).fetchone()
    return float(value)


def employment(db, soc: str) -> float:
    """Return BLS's national employment (datatype 01) for an occupation, straight from the database."""
    value, = db.execute("select v01 from cell where key = ?", (f"OEUN0000000{ALL_INDUSTRIES}{soc.replace('-', '')}",)).fetchone()
    return float(value)


def money(value: float) -> str:
    return f"${value:,.0f}"


def ask(bot: Bot, *questions: str):
    session, answer = None, None
    for question in questions:
        answer = bot.ask(question, session)
        session = answer.session_id
        assert bot.ungrounded(answer) == [], answer.answer
    return answer


def cites_row(answer, soc: str, area: str = "00") -> bool:
    """Say whether the answer cites the table row, as a BLS OEWS May 2025 citation."""
    return any(c.fact_id == f"oews:{soc}:{area}:{ALL_INDUSTRIES}" and c.year == 2025 and "OEWS" in c.source
               and soc in c.text and "May 2025" in c.text for c in answer.citations)


def test_national_median_of_the_articles_occupation_beside_the_articles(bot, db):
    answer = ask(bot, "what do coders earn?")
    assert money(median(db, "29-2072")) in answer.answer and "$30,610" in answer.answer
    assert cites_row(answer, "29-2072") and "wage-median" in [c.fact_id for c in answer.citations]
    assert "oews-mapping" in [c.fact_id for c in answer.citations]  # which occupation today's figure is for


@pytest.mark.parametrize("questions, fips, area", [
    (("what do coders make in Ohio?",), "39", "3900000"),
    (("what do coders make in CA?",), "06", "0600000"),
    (("what do coders make in Ohio?", "and in Oregon?"), "41", "4100000"),
])
def test_state_median(bot, db, questions, fips, area):
    answer = ask(bot, *questions)
    assert answer.answered and money(median(db, "29-2072", area, "S")) in answer.answer
    assert cites_row(answer, "29-2072", fips)


def test_best_paid_state(bot, db):
    rows = db.execute("select a.area_name, c.v13 from cell c join area a on a.area_code = substr(c.key, 5, 7) "
                      "where substr(c.key, 4, 1) = 'S' and substr(c.key, 12) = ? and c.v13 glob '[0-9]*'",
                      (ALL_INDUSTRIES + "292072",)).fetchall()
    name, value = max(rows, key=lambda r: float(r[1]))
    answer = ask(bot, "which state pays coders the most?")
    assert answer.answer.index(name) < answer.answer.index(money(float(value)))
    assert answer.calculations[0].op == "highest" and f"of {len(rows)} states" in answer.calculations[0].expression
    assert any(c.fact_id.startswith("oews:29-2072:") and c.year == 2025 for c in answer.citations)
    assert answer.chart and answer.chart["items"][0]["value"] == float(value)


def test_second_occupation_national_median(bot, db):
    answer = ask(bot, "what do registered nurses earn?")
    assert answer.answered and money(median(db, "29-1141")) in answer.answer
    assert cites_row(answer, "29-1141")


@pytest.mark.parametrize("question", ["how much has pay changed since 2008?", "is the pay better now than in 2008"])
def test_change_since_the_article(bot, db, question):
    then = bot.kb.figures["wage-median"].value
    now = median(db, "29-2072")
    answer = ask(bot, question)
    percent = round((now - then) / then * 100, 1)
    change = next(c for c in answer.calculations if c.op == "percent_change")
    assert change.result == percent and f"{percent:.1f}%" in answer.answer
    cited = [c.fact_id for c in answer.citations]
    assert {"wage-median", "oews-caveat", "oews-mapping"} <= set(cited) and cites_row(answer, "29-2072")
    assert "inflation" in answer.answer


def test_change_in_employment_since_the_article(bot, db):
    then, now = bot.kb.figures["employment-2008"].value, employment(db, "29-2072")
    answer = ask(bot, "how many more people work in medical records now compared to 2008?")
    change = next(c for c in answer.calculations if c.op == "change")
    assert change.result == now - then and f"{now - then:,.0f} more" in answer.answer
    assert "inflation" not in answer.answer  # a head count has no prices
    assert {"employment-2008", "oews-mapping"} <= {c.fact_id for c in answer.citations} and cites_row(answer, "29-2072")


# (a line of pay.yaml, what it is broken into, what the checker must say about pay.yaml)
BROKEN_PAY = [
    ("  wage: annual_wage\n", "  wage: yearly_pay\n", "unknown measure 'yearly_pay'"),  # the article's measures
    ('  "06": [cali, calif]', '  "07": [cali, calif]', "unknown state '07'"),  # a state alias of no state
]


@pytest.mark.parametrize("line, broken, message", BROKEN_PAY, ids=[m for _, _, m in BROKEN_PAY])
def test_a_broken_pay_yaml_is_a_located_problem(tmp_path, line, broken, message):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    text = (kb / "pay.yaml").read_text()
    assert line in text
    (kb / "pay.yaml").write_text(text.replace(line, broken))
    messages = [str(p) for p in check(kb)[1]]
    assert any("pay.yaml" in m and message in m for m in messages), messages


def test_a_row_bls_does_not_publish_is_said_without_an_ungrounded_code(bot):
    # Firefighters have no Hawaii row: the sentence that says so cites nothing, so it names no SOC code.
    answer = ask(bot, "coders vs firefighters pay in hawaii")
    assert answer.answered and "BLS publishes no" in answer.answer and "33-2011" not in answer.answer


def test_two_states_compared_with_the_arithmetic(bot, db):
    texas, florida = median(db, "29-2072", "4800000", "S"), median(db, "29-2072", "1200000", "S")
    answer = ask(bot, "is it better paid in Texas or Florida?")
    difference = next(c for c in answer.calculations if c.op == "difference")
    assert difference.result == abs(texas - florida)
    assert {i["fact_id"] for i in answer.chart["items"]} == {"oews:29-2072:48:000000", "oews:29-2072:12:000000"}


def test_follow_ups_lean_on_a_table_answer(bot, db):
    p90, = db.execute("select v15 from cell where key = 'OEUS4100000000000292072'").fetchone()
    answer = ask(bot, "what do coders make in Ohio?", "and in Oregon?", "and the top 10%?")
    assert money(float(p90)) in answer.answer
    compared = ask(bot, "what do registered nurses earn?", "how does that compare to coders?")
    assert {c.op for c in compared.calculations} == {"difference", "percent_difference"}


@pytest.mark.parametrize("question", ["what do nurses do?", "what education do pharmacists need?",
                                      "what's the job outlook for paralegals?"])
def test_what_the_table_cannot_answer_is_declined_naming_what_it_has(bot, question):
    answer = ask(bot, question)
    assert not answer.answered and "pay and employment" in answer.answer


@pytest.mark.parametrize("question", ["how much do coders make in houston?", "what do remote coders make in Ohio?",
                                      "dental hygienist salary in 2008", "whats the minimum wage in texas"])
def test_what_the_table_does_not_hold_is_still_declined(bot, question):
    assert not ask(bot, question).answered


def test_a_pay_yaml_naming_what_the_table_lacks_is_a_located_problem(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    text = (kb / "pay.yaml").read_text()
    (kb / "pay.yaml").write_text(text.replace('hospitals: "622100"', 'hospitals: "999999"').replace('"29-1051":', '"29-9999":'))
    _, problems = check(kb)
    messages = [str(p) for p in problems]
    assert any("pay.yaml" in m and "industry '999999'" in m for m in messages)
    assert any("pay.yaml" in m and "unknown occupation code '29-9999'" in m for m in messages)


def test_the_compiled_kb_is_keyed_by_the_table(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    before = cache.key(kb)
    with (kb / "oews" / "wages.tsv").open("a") as out:
        out.write("\n")
    assert cache.key(kb) != before


def test_a_percentile_per_hour_is_computed_with_the_arithmetic_shown(bot, db):
    p90, = db.execute("select v15 from cell where key = 'OEUN0000000000000291141'").fetchone()
    answer = ask(bot, "what do the top 10% of nurses make per hour?")
    hourly = next(c for c in answer.calculations if c.op == "hourly")
    assert hourly.result == round(float(p90) / 2080, 2) and f"${hourly.result:,.2f}" in answer.answer


def test_two_occupations_in_a_state_are_charted_by_occupation(bot):
    answer = ask(bot, "do nurses earn more than coders in Texas?")
    assert [i["label"] for i in answer.chart["items"]] == ["Registered Nurses", "Medical Records Specialists"]


def test_a_follow_up_leans_on_a_table_answer_kept_in_the_sqlite_session_store(bot, tmp_path):
    from careerbot.ops.sessiondb import SQLiteSessions
    stored = Bot(bot.kb, SQLiteSessions(tmp_path / "sessions.sqlite3"))
    first = stored.ask("what do registered nurses earn?")
    follow = stored.ask("and in Oregon?", first.session_id)
    assert [c.fact_id for c in follow.citations] == ["oews:29-1141:41:000000"]


@pytest.mark.parametrize("question, areas", [
    ("OK, what do nurses make?", ["00"]),  # a postal code that is a word counts only where a place goes
    ("what do nurses make in OK?", ["40"]),
    ("nurses pay in WA vs OR", ["53", "41"]),
    ("what do nurses make in new mexico", ["35"]),
    ("what do nurses make in tx", ["48"]),
    ("what do nurses make in calif", ["06"]),  # the curated `state_aliases`
    ("nurse salary washington state", ["53"]),
    ("what's the going rate for nurses in mass", ["25"]),
    ("wat do nurses make n nm", ["35"]),  # chat spelling: "n" is "in"
    ("nurses pay tn vs ga", ["47", "13"]),
    ("hi, what do nurses make?", ["00"]),  # a lower-case code that is a word is never a state
])
def test_states_are_read_by_name_and_postal_code(bot, question, areas):
    answer = ask(bot, question)
    assert [c.fact_id.split(":")[2] for c in answer.citations if c.fact_id.startswith("oews:")] == areas


@pytest.mark.parametrize("questions, row", [
    (("what do nurses make in ohio", "tn?"), "oews:29-1141:47:000000"),  # a bare postal code is a whole follow-up
    (("dental hygienist pay in oregon", "what do pharmacists make there"), "oews:29-1051:41:000000"),
    (("what are coders paid in maine", "per hour?", "and lpns there?"), "oews:29-2061:23:000000"),
])
def test_a_state_follow_up_keeps_or_changes_the_state(bot, questions, row):
    answer = ask(bot, *questions)
    assert [c.fact_id for c in answer.citations if c.fact_id.startswith("oews:")] == [row]


def test_a_new_occupation_there_is_said_by_the_year_with_its_hourly_median(bot, db):
    answer = ask(bot, "what are coders paid in maine", "per hour?", "and lpns there?")
    assert money(median(db, "29-2061", "2300000", "S")) in answer.answer


def test_a_table_row_out_of_order_is_a_located_problem(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    wages = kb / "oews" / "wages.tsv"
    lines = wages.read_text().splitlines()
    cells = lines[1].split("\t")
    cells[5], cells[9] = cells[9], cells[5]  # p10 and p90 swapped
    lines[1] = "\t".join(cells)
    wages.write_text("\n".join(lines) + "\n")
    _, problems = check(kb)
    assert [(p.line, p.message) for p in problems] == [(2, "percentiles out of order")]


@pytest.mark.parametrize("first, follow", [
    ("what are medical records specialists paid now?", "has that gone up since 2008?"),
    ("coder salary right now", "compared with 2008?"),
    ("how much do coders earn today", "how much higher than in 2008 is that"),
])
def test_change_since_the_article_as_a_follow_up_to_todays_pay(bot, db, first, follow):
    then, now = bot.kb.figures["wage-median"].value, median(db, "29-2072")
    answer = ask(bot, first, follow)
    assert {c.op: c.result for c in answer.calculations} == {"change": now - then, "percent_change": round((now - then) / then * 100, 1)}
    assert "wage-median" in {c.fact_id for c in answer.citations} and cites_row(answer, "29-2072")


@pytest.mark.parametrize("questions", [
    ("how many medical records specialists work today?", "how many more is that than in 2008", "and in percent?"),
    ("how many coders are employed now", "up from 2008?", "what is that as a percentage"),
])
def test_change_in_employment_as_a_follow_up_then_in_percent(bot, db, questions):
    then, now = bot.kb.figures["employment-2008"].value, employment(db, "29-2072")
    answer = ask(bot, *questions)
    percent = next(c for c in answer.calculations if c.op == "percent_change")
    assert percent.result == round((now - then) / then * 100, 1) and f"{percent.result:.1f}%" in answer.answer


@pytest.mark.parametrize("questions", [
    ("did employment of medical records specialists increase since 2008?",),
    ("has the number of coders dropped since 2008",), ("how many coders have been added since 2008",),
    # after the change: asked again in words, not as an operation
    ("how many coders are employed now", "vs 2008?", "so it went up?"),
])
def test_change_in_employment_asked_by_a_verb_of_change(bot, db, questions):
    then, now = bot.kb.figures["employment-2008"].value, employment(db, "29-2072")
    answer = ask(bot, *questions)
    assert {c.op: c.result for c in answer.calculations} == {"change": now - then, "percent_change": round((now - then) / then * 100, 1)}
    assert {"employment-2008", "oews-mapping"} <= {c.fact_id for c in answer.citations} and cites_row(answer, "29-2072")


@pytest.mark.parametrize("questions", [
    ("what are medical records specialists paid now?", "and in 2030?"),
    # a year the article only projects to asks its projection, not the change to today
    ("how much is the number of coders expected to increase by 2018",),
    ("has the number of coders grown since 2008", "and the 2018 projection, were they above it"),
    ("how many coder jobs get added from 2008 to 2018",),
    ("how many coders are employed now", "how many more than in 2008", "and how many will there be in 2031?"),
])
def test_a_later_year_after_todays_figure_asks_no_change(bot, questions):
    assert not any(c.op in ("change", "percent_change") for c in ask(bot, *questions).calculations)


@pytest.mark.parametrize("questions, soc, area, industry", [
    (("coder salary right now", "what is that an hour?"), "29-2072", "0000000", ALL_INDUSTRIES),
    (("what do paralegals earn in ohio", "hourly?"), "23-2011", "3900000", ALL_INDUSTRIES),
    (("what do coders in hospitals make today?", "and by the hour today?"), "29-2072", "0000000", "622100"),
    # after the article's 2008 figure of a work setting: today's figure of the same setting, not a change
    (("what did coders in nursing homes earn in 2008", "and per hour today?"), "29-2072", "0000000", "623100"),
    (("how much do coders in physician offices make", "what about now, hourly"), "29-2072", "0000000", "621100"),
    # after the change since 2008: today's figure per hour, not the change again
    (("coder salary right now", "vs 2008?", "and per hour?"), "29-2072", "0000000", ALL_INDUSTRIES),
    # after today's figure of a work setting, a follow-up that names nothing new stays with it
    (("what do coders in nursing homes make nowadays", "so what is that hourly"), "29-2072", "0000000", "623100"),
    (("outpatient center coder salary today", "how much per hour is that"), "29-2072", "0000000", "621400"),
])
def test_per_hour_after_todays_figure_is_todays_hourly_median(bot, db, questions, soc, area, industry):
    answer = ask(bot, *questions)
    kind = "N" if area == "0000000" else "S"
    assert f"${cell(db, soc, 'v08', area, kind, industry):,.2f}" in answer.answer
    assert f"oews:{soc}:{area[:2] if kind == 'S' else '00'}:{industry}" in [c.fact_id for c in answer.citations]


@pytest.mark.parametrize("first, then, after, row", [
    ("what do electricians earn", "what training do they need?", "and in ohio?", "oews:47-2111:39:000000"),
    ("lawyer salary", "is their field growing?", "how much do they make in utah", "oews:23-1011:49:000000"),
    ("what do plumbers do", "what certification do they need", "their pay in iowa?", "oews:47-2152:19:000000"),
])
def test_another_occupations_topic_pointed_back_to_is_declined_and_its_pay_still_follows(bot, first, then, after, row):
    declined = ask(bot, first, then)
    assert not declined.answered and not declined.citations and "pay and employment" in declined.answer
    answer = ask(bot, first, then, after)
    assert [c.fact_id for c in answer.citations] == [row]


def test_the_articles_occupation_pointed_back_to_is_still_answered(bot):
    answer = ask(bot, "what do coders make in ohio", "what do they do all day?")
    assert answer.answered and answer.intent == "duties"


@pytest.mark.parametrize("questions, row", [
    (("how many coders are in houston", "ok texas then"), "oews:29-2072:48:000000"),
    (("how many coders are there in boston", "massachusetts then?"), "oews:29-2072:25:000000"),
])
def test_a_place_the_table_lacks_declined_then_its_state_asks_the_same(bot, db, questions, row):
    declined = ask(bot, questions[0])
    assert not declined.answered
    answer = ask(bot, *questions)
    assert [c.fact_id for c in answer.citations if c.fact_id.startswith("oews:")] == [row]


def test_a_declined_place_leaves_nothing_for_a_follow_up_that_names_no_state(bot):
    answer = ask(bot, "can coders earn six figures working from home?", "what do the top earners make")
    assert answer.citations[0].fact_id == "wage-extremes"  # the article's answer, today's figures beside it


@pytest.mark.parametrize("questions, rows", [
    (("nurse pay in oregon", "wa?", "which one pays better"), ("41", "53")),
    (("what do pharmacists earn in iowa", "and in nebraska?", "what's the gap between the two"), ("19", "31")),
    (("what do coders make nationally today", "and in ohio", "which is higher?"), ("00", "39")),
    # a state's figure, then the nation's: today's from the table, or the article's with today's beside it
    (("what do nurses earn in oregon", "and nationwide?", "which is higher"), ("41", "00")),
    (("coder pay in kentucky", "what about nationally", "so what's the gap"), ("21", "00")),
    # a state's code that is also an occupation's alias, before another occupation's name, is the state
    (("ma coder salary", "and in vermont?", "what's the difference"), ("25", "50")),
    (("PA medical records specialist pay", "ok and nj", "gap between them?"), ("42", "34")),
    (("how many coders are employed in ma", "and in pa?", "which has more"), ("25", "42")),
])
def test_the_last_two_answers_compared_with_the_arithmetic(bot, questions, rows):
    answer = ask(bot, *questions)
    difference = next(c for c in answer.calculations if c.op == "difference")
    assert {i.split(":")[2] for i in difference.inputs} == set(rows)


def test_after_a_state_and_the_articles_nation_another_question_leans_on_the_article(bot):
    answer = ask(bot, "coder pay in kentucky", "what about nationally", "and the top 10%?")
    assert answer.citations[0].fact_id == "wage-extremes"


def test_the_last_two_occupations_compared_with_the_arithmetic(bot, db):
    answer = ask(bot, "what do dental hygienists make", "and pharmacists?", "which pays more?")
    difference = next(c for c in answer.calculations if c.op == "difference")
    assert difference.result == median(db, "29-1051") - median(db, "29-1292")


@pytest.mark.parametrize("question, soc", [
    ("which state has the most registered nurses?", "29-1141"),
    ("what state employs the fewest electricians", "47-2111"),
])
def test_a_ranking_of_states_by_head_count(bot, db, question, soc):
    answer = ask(bot, question)
    ranked = next(c for c in answer.calculations if c.op in ("highest", "lowest"))
    counts = [float(v) for v, in db.execute("select v01 from cell where key like ? and v01 glob '[0-9]*'",
                                            (f"OEUS%000000{soc.replace('-', '')}",))]
    assert ranked.result == (max(counts) if ranked.op == "highest" else min(counts))


def test_there_after_a_ranking_is_its_first_state(bot, db):
    answer = ask(bot, "which state has the most registered nurses?", "how much do they earn there?")
    top = next(c.fact_id for c in ask(bot, "which state has the most registered nurses?").citations)
    assert [c.fact_id for c in answer.citations] == [top]
    assert money(median(db, "29-1141", top.split(":")[2] + "00000", "S")) in answer.answer


@pytest.mark.parametrize("questions, soc", [
    (("what do paralegals make", "how much is that above medical records specialists?"), "23-2011"),
    (("what do electricians do all day", "what's their salary", "is that more than medical records specialists make"), "47-2111"),
])
def test_another_occupations_pay_compared_with_the_articles_by_its_title_today(bot, db, questions, soc):
    answer = ask(bot, *questions)
    difference = next(c for c in answer.calculations if c.op == "difference")
    assert difference.result == abs(median(db, soc) - median(db, "29-2072"))


def test_a_place_the_table_lacks_declined_then_the_nation(bot):
    answer = ask(bot, "what do coders earn in canada?", "ok and in the us today?")
    assert [c.fact_id for c in answer.citations if c.fact_id.startswith("oews:")] == ["oews:29-2072:00:000000"]


@pytest.mark.parametrize("questions, cited", [
    (("can coders move up to management?", "what do those managers earn today?"), "oews:11-9111:00:000000"),
    (("can coders move up to management?", "what's the salary of a manager like that in texas"), "oews:11-9111:48:000000"),
    (("can coders move up to management?", "do those managers earn more?"), "advancement-bachelors"),  # the article says
])
def test_an_occupation_the_lexicon_names_is_the_tables_by_its_aliases(bot, questions, cited):
    assert cited in [c.fact_id for c in ask(bot, *questions).citations]


@pytest.mark.parametrize("questions, setting, industry", [
    (("what do coders in hospitals make now", "and back in 2008?", "percent increase?"), "wage-hospitals", "622100"),
    (("federal coder pay today", "what was it in 2008", "how much has it gone up?"), "wage-federal", "999100"),
    # after the change: asked again in words
    (("what do coders in physician offices make now", "compared with 2008?", "ok so how much did it rise"), "wage-physicians", "621100"),
])
def test_todays_figure_of_a_setting_then_the_articles_then_the_change(bot, db, questions, setting, industry):
    then, now = bot.kb.figures[setting].value, cell(db, "29-2072", "v13", industry=industry)
    answer = ask(bot, *questions)
    percent = next(c for c in answer.calculations if c.op == "percent_change")
    assert percent.result == round((now - then) / then * 100, 1)
    assert {setting, f"oews:29-2072:00:{industry}"} <= {c.fact_id for c in answer.citations}


def test_after_todays_figure_and_the_articles_a_new_question_leans_on_the_article(bot):
    answer = ask(bot, "what do coders in hospitals make now", "and back in 2008?", "and in nursing homes?")
    assert answer.citations[0].fact_id == "wage-nursing"


@pytest.mark.parametrize("question, column", [("what's the 75th percentile for coders today?", "v14"),
                                              ("the median for coders in hospitals now?", "v13")])
def test_a_statistic_asked_of_today_is_the_tables(bot, db, question, column):
    industry = "622100" if "hospitals" in question else ALL_INDUSTRIES
    answer = ask(bot, question)
    assert money(cell(db, "29-2072", column, industry=industry)) in answer.answer
    assert answer.citations[0].fact_id == f"oews:29-2072:00:{industry}"  # the table's answer, not the article's


@pytest.mark.parametrize("questions, cited, soc", [
    # no occupation by a real word: "pass" is not "pas", "customer service" here is a skill
    (("how many students pass the RHIT exam each year?",), None, "29-1071"),
    (("do coders need customer service skills",), None, "43-4051"),
    # a weak alias with a pay or head-count word, or after an answer about its occupation, names it
    (("what do pas earn in texas",), "oews:29-1071:48:000000", "29-1071"),
    (("how many MA jobs are there in iowa",), "oews:31-9092:19:000000", "31-9092"),
    (("what do physician assistants make", "and pas in ohio?"), "oews:29-1071:39:000000", "29-1071"),
])
def test_a_weak_alias_names_its_occupation_only_with_evidence(bot, questions, cited, soc):
    answer = ask(bot, *questions)
    ids = [c.fact_id for c in answer.citations]
    if cited:
        assert cited in ids
    else:
        assert not any(i.startswith(f"oews:{soc}:") for i in ids) and bot.kb.pay.titles[soc] not in answer.answer


def test_a_weak_alias_that_is_no_alias_is_a_located_problem(tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    text = (kb / "pay.yaml").read_text()
    (kb / "pay.yaml").write_text(text.replace("weak_aliases: [", "weak_aliases: [pilot program, "))
    messages = [str(p) for p in check(kb)[1]]
    assert any("pay.yaml" in m and "pilot program: not an alias of `aliases`" in m for m in messages), messages


@pytest.mark.parametrize("key, word, question, areas", [
    # which capitalized codes are words is the language layer's: a KB that drops "ok" reads OK as Oklahoma
    ("capital_words", "ok", "OK, what do nurses make?", ["40"]),
    # which words place a capitalized code-word, too: a KB that drops "in" reads "in OK" as no state
    ("capital_before", "in", "what do nurses make in OK?", ["00"]),
])
def test_capitalized_codes_that_are_words_are_the_language_layers(tmp_path, key, word, question, areas):
    language = yaml.safe_load((ROOT / "src/careerbot/kb/language.yaml").read_text())
    pay_words = language["pay_words"] | {key: [w for w in language["pay_words"][key] if w != word]}
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb)
    (kb / "language.yaml").write_text(yaml.safe_dump({"pay_words": pay_words}))
    answer = ask(Bot.load(kb), question)
    assert [c.fact_id.split(":")[2] for c in answer.citations if c.fact_id.startswith("oews:")] == areas


def test_table_answers_do_not_depend_on_the_hash_seed():
    """Two things named in one question are read in the order said, not a set's order, so a process's hash
    seed cannot change which one today's figure is for."""
    questions = ("I'm a cashier right now; do hospital jobs pay better than the ones at doctors offices right now?\n"
                 "what are the median and the top 10% for coders today?\n")
    runs = [run_cli("ask", "--json", "-", stdin=questions, env={"PYTHONHASHSEED": str(seed)}) for seed in range(4)]
    answers = {tuple(json.loads(line)["answer"] for line in run.stdout.splitlines()) for run in runs}
    assert len(answers) == 1
    first, second = answers.pop()
    assert "General Medical and Surgical Hospitals" in first and "$51,140" in second
