"""`careerbot kb draft`: an article becomes a draft KB whose every number is typed and whose check is a to-do list."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from careerbot.kb import check
from careerbot.kb.article import Statement, attribution, sentences, statements
from careerbot.kb.candidates import read
from careerbot.kb.draft import draft, reproduction
from careerbot.kb.load import bundled_path
from careerbot.kb.numbers import stated_in
from conftest import KBS, ROOT, run_cli

TESTS = Path(__file__).parent
# Each article with the curated KB typed from it by hand, and the reproduction the README reports.
ARTICLES = [(TESTS / "articles" / "medical-records.txt", ROOT / "kb", 28, 28, 29),
            (KBS / "pharmtech" / "ARTICLE.md", KBS / "pharmtech", 26, 28, 29)]
IDS = ["medical-records", "pharmtech"]


def _draft(article: Path):
    return draft(article.read_text(encoding="utf-8"), bundled_path())


@pytest.mark.parametrize("article", [a for a, *_ in ARTICLES], ids=IDS)
def test_draft_captures_every_number_of_the_article(article):
    found = _draft(article)
    said = set(stated_in(article.read_text(encoding="utf-8")))
    in_facts = set()
    for fact in found.facts:
        reading = fact.reading
        typed = [c.value for c in reading.candidates] + list(reading.described)
        typed += [float(y) for c in reading.candidates for y in (c.year,) if y]
        typed += [float(y) for c in reading.candidates if c.period for y in c.period.split("-")]
        numbers = Counter(stated_in(fact.text))
        in_facts |= set(numbers)
        untyped = [n for n in numbers if n not in typed]
        assert untyped == [], f"{fact.id}: {untyped} in {fact.text!r}"
    assert said <= in_facts, f"numbers of the article in no fact: {sorted(said - in_facts)}"


@pytest.mark.parametrize("article,kb,matched,curated,drafted", ARTICLES, ids=IDS)
def test_draft_reproduces_the_curated_figures(article, kb, matched, curated, drafted):
    curated_kb, problems = check(kb)
    assert problems == []
    score = reproduction(_draft(article), curated_kb)
    assert (score.matched, score.curated, score.drafted) == (matched, curated, drafted), "update the README's table"


@pytest.mark.parametrize("article", [a for a, *_ in ARTICLES], ids=IDS)
def test_kb_check_on_a_draft_is_a_located_to_do_list_in_order(tmp_path, article):
    folder = tmp_path / "draft"
    made = run_cli("kb", "draft", str(article), "-o", str(folder))
    assert made.returncode == 0, made.stderr
    assert "Next: careerbot kb check" in made.stdout
    result = run_cli("kb", "check", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *lines, total = result.stderr.splitlines()
    assert total.endswith("problem(s) found.") and lines[0].startswith(f"{folder}/sources.yaml:")
    located = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    order = ["sources", "facts", "lexicon", "topics", "chitchat"]
    assert located == sorted(located, key=lambda fl: (order.index(Path(fl[0]).stem), fl[1])), "file by file, top to bottom"
    assert sum(": TODO: " in line for line in lines) >= len(lines) // 2, "mostly decisions left, not faults"


def test_kb_draft_refuses_to_overwrite_a_kb(tmp_path):
    result = run_cli("kb", "draft", str(ARTICLES[0][0]), "-o", str(ROOT / "kb"))
    assert result.returncode == 1 and "already holds a KB" in result.stderr


def test_kb_draft_says_why_it_cannot_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("kb", "draft", str(ARTICLES[0][0]), "-o", str(blocker / "kb"))
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_kb_draft_compares_with_a_curated_kb(tmp_path):
    result = run_cli("kb", "draft", str(ARTICLES[0][0]), "-o", str(tmp_path / "d"), "--compare", str(ROOT / "kb"))
    assert result.returncode == 0, result.stderr
    assert "28 of 28 (recall 100%)" in result.stdout and "28 of 29 candidates match (precision 97%)" in result.stdout


def _one(text: str, lead: str = "", years: tuple[int, ...] = ()):
    return read(Statement(text, "Earnings", None, None, years, lead))


@pytest.mark.parametrize("text,lead,years,expected", [
    ("The median wage was $39.13 an hour in 2012.", "", (), [(39.13, "USD/hour", "annual_wage", 2012, None, "median")]),
    ("Most finish a 2-year program.", "", (), [(2, "years", "duration", None, None, None)]),
    ("Certified technicians recertify every two years.", "", (), [(2, "years", "duration", None, None, None)]),
    ("There will be 15,400 openings each year.", "", (2020,), [(15400, "people/year", "openings", 2020, None, None)]),
    ("There were 172,500 technicians in 2008.", "", (), [(172500, "people", "employment", 2008, None, None)]),
    ("That's a 20% increase of 35,100 new positions.", "", (2008, 2018),
     [(20, "percent", "employment_growth", None, "2008-2018", None), (35100, "people", "new_positions", None, "2008-2018", None)]),
    ("There will be 70,300 job openings from 2008 to 2018.", "", (), [(70300, "people", "openings", None, "2008-2018", None)]),
    ("Hospitals: $33,710", "According to the BLS, median annual wages in 2012 were:", (2012,),
     [(33710, "USD/year", "annual_wage", 2012, None, "median")]),
    ("The middle 50% made between $24,290 and $39,490.", "", (2008,),
     [(24290, "USD/year", "annual_wage", 2008, None, "p25"), (39490, "USD/year", "annual_wage", 2008, None, "p75")]),
    ("36% worked for hospitals", "According to the BLS, in 2008:", (2008,), [(36, "percent", "share_of_workers", 2008, None, None)]),
    ("51% of those aged 25-44 reported some college education.", "", (), [(51, "percent", "education_share", None, None, None)]),
])
def test_read_types_each_number(text, lead, years, expected):
    got = [(c.value, c.unit, c.measure, c.year, c.period, c.stat) for c in _one(text, lead, years).candidates]
    assert got == expected


@pytest.mark.parametrize("text,expected", [
    ("Pay rose. Jobs fell.", ["Pay rose.", "Jobs fell."]),
    ("Most work in the U.S. Others work abroad.", ["Most work in the U.S. Others work abroad."]),  # an abbreviation ends no sentence
    ("They earn a Pharm.D. degree. Then they work.", ["They earn a Pharm.D. degree.", "Then they work."]),
    ("Is it accredited? Will credits transfer?", ["Is it accredited?", "Will credits transfer?"]),
    ("The median was $14.25 an hour. That is $29,640.", ["The median was $14.25 an hour.", "That is $29,640."]),
])
def test_sentences_split_without_nltk_data(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text,org", [
    ("According to the Bureau of Labor Statistics, there were 172,500 jobs.", "Bureau of Labor Statistics"),
    ("According to the Occupational Information Network (O*NET), a project", "Occupational Information Network (O*NET)"),
    ("According to O*NET, 49% reported some college.", "O*NET"),
    ("The BLS reports that in 2008 the median was $30,610.", "BLS"),
    ("According to, a consulting leader in salary research, coders make more.", "a consulting leader in salary research"),
    ("Pay depends on experience.", None),
])
def test_attribution_names_who_stated_it(text, org):
    assert attribution(text) == org


def test_statements_carry_a_list_lead_and_its_year_to_each_item():
    said = statements("Where They Work\n\nAccording to the BLS, in 2012:\n\n  • 52% worked in pharmacies\n  • 16% worked in hospitals\n")
    assert [(s.text, s.lead, s.context_years, s.org_key, s.section) for s in said] == [
        ("52% worked in pharmacies", "According to the BLS, in 2012:", (2012,), "BLS", "Where They Work"),
        ("16% worked in hospitals", "According to the BLS, in 2012:", (2012,), "BLS", "Where They Work"),
    ]


def test_statements_read_markdown_headings_bullets_and_links():
    said = statements("# Where they work\n\n- **52%** worked in [pharmacies](https://example.org/x)\n")
    assert [(s.text, s.section) for s in said] == [("52% worked in pharmacies", "Where they work")]
