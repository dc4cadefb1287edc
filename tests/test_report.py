"""`careerbot report`: what a curator reads, in a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from careerbot.ops.convlog import ConversationLog, Entry
from careerbot.ops.report import as_csv, build
from conftest import run_cli

ASKED = [  # question, intent, answered, latency ms
    ("what's the weather today?", "decline", False, 2.0),
    ("Whats the weather today", "decline", False, 3.0),
    ("what is the WEATHER today!", "decline", False, 4.0),
    ("=HYPERLINK(\"http://x\",\"pay\")", "decline", False, 5.0),
    ("how much is tuition?", "decline", False, 1.0),
    ("what do coders earn?", "earnings", True, 1.5),
    ("median wage in hospitals", "earnings", True, 1.2),
    ("is the field growing?", "outlook", True, 0.8),
    ("hi", "greeting", True, 0.3),
    ("where do technicians work?", "workplaces", True, 9.0),
]


@pytest.fixture()
def log_db(tmp_path):
    path = tmp_path / "log.sqlite3"
    log = ConversationLog(path)
    for n, (question, intent, answered, ms) in enumerate(ASKED):
        log.record(Entry.of(f"{n:032x}", "s" * 32, question, intent, answered, [], ms))
    log.rate(f"{5:032x}", "down")
    log.rate(f"{6:032x}", "up")
    log.flush()
    return path


def test_report_groups_declined_questions(log_db):
    report = build(log_db)
    assert report.questions == 10 and report.answered_rate == 0.5
    top = report.declined[0]
    assert top["count"] == 3 and top["question"] == "weather"  # "today" carries no topic
    assert {row["question"] for row in report.declined} >= {"weather", "tuition"}


def test_report_counts_intents_latency_and_ratings(log_db):
    report = build(log_db)
    assert report.intents[0] == {"intent": "decline", "count": 5}
    assert {row["intent"] for row in report.intents} == {"decline", "earnings", "outlook", "greeting", "workplaces"}
    assert report.latency_ms == {"p50": 1.5, "p90": 5.0, "p99": 9.0}
    assert report.ratings == {"up": 1, "down": 1}
    assert report.disliked == [{"question": "what do coders earn?", "intent": "earnings"}]


def test_report_since_filters_by_date(log_db):
    with sqlite3.connect(log_db) as db:
        db.execute("UPDATE questions SET time = '2020-01-01T00:00:00.000Z' WHERE intent = 'decline'")
    report = build(log_db, since="2021-01-01")
    assert report.questions == 5 and report.declined == []


def test_report_csv_is_safe_against_formula_injection(log_db):
    rows = list(csv.reader(io.StringIO(as_csv(build(log_db)))))
    assert rows[0] == ["section", "item", "count", "detail"]
    cells = [cell for row in rows for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


@pytest.mark.parametrize("fmt, check", [
    ("table", lambda out: "Most frequent declined questions" in out and "weather today" in out.lower()),
    ("csv", lambda out: out.startswith("section,item,count,detail")),
    ("json", lambda out: json.loads(out)["questions"] == 10),
])
def test_report_command_prints_each_format(log_db, fmt, check):
    result = run_cli("report", "--db", str(log_db), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert check(result.stdout)


def test_report_command_explains_a_missing_log(tmp_path):
    result = run_cli("report", "--db", str(tmp_path / "nope.sqlite3"))
    assert result.returncode == 1 and "cannot read the conversation log" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_command_rejects_a_bad_date(log_db):
    result = run_cli("report", "--db", str(log_db), "--since", "last tuesday")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


# Questions that try to act on the curator's terminal or spreadsheet instead of being read.
HOSTILE = [
    "\x1b[2J\x1b[31mred alert",  # clear the screen, then colour
    "pay?\n    99  forged row",  # a newline that draws a row of its own
    "tab\tand\rreturn",
    "\x9b31mC1 escape",  # a one-byte CSI
    "\u202eevil reversed",  # a bidirectional override
    "line\u2028separator",
    "how much " * 120,  # long: cut with an ellipsis
]


@pytest.fixture()
def hostile_db(tmp_path):
    path = tmp_path / "log.sqlite3"
    log = ConversationLog(path)
    for n, question in enumerate(HOSTILE):
        log.record(Entry.of(f"{n:032x}", "s" * 32, question, "decline", False, [], 1.0))
        log.rate(f"{n:032x}", "down")
    log.flush()
    return path


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_report_prints_no_control_characters_and_cuts_long_questions(hostile_db, fmt):
    result = run_cli("report", "--db", str(hostile_db), "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", out)
    assert "\\x1b[2J" in out and "\\x9b" in out and "\\u202e" in out and "\\n" in out
    assert not any(line.lstrip().startswith("99  forged") for line in out.splitlines())
    long_lines = [line for line in out.splitlines() if "how much how much" in line]
    assert long_lines and all("\u2026" in line and len(line) < 200 for line in long_lines)
    if fmt == "table":
        declined = out.split("Most frequent declined questions")[1].split("\n\n")[0].splitlines()[1:]
        assert len(declined) == len(HOSTILE)  # one line each: no row forged


def test_report_json_escapes_what_a_terminal_would_act_on(hostile_db):
    result = run_cli("report", "--db", str(hostile_db), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout)
    examples = {row["example"] for row in json.loads(result.stdout)["declined"]}
    assert "\x9b31mC1 escape" in examples and "\x1b[2J\x1b[31mred alert" in examples  # JSON keeps the text whole


@pytest.mark.parametrize("question", [
    "=1+1", " =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff\u200d@SUM(A1)", "\uff1d1+1", "\u3000\uff0b1", "\u2002-1",
    "  +cmd|' /C calc'!A0", "\u2060\u00a0\uff20A1",
])
def test_report_csv_neutralizes_hidden_formula_prefixes(tmp_path, question):
    path = tmp_path / "log.sqlite3"
    log = ConversationLog(path)
    log.record(Entry.of("a" * 32, "s" * 32, question, "decline", False, [], 1.0))
    log.flush()
    rows = list(csv.reader(io.StringIO(as_csv(build(path)))))
    [example] = [row[3] for row in rows if row[0] == "declined"]
    assert example.startswith("'")


@pytest.mark.parametrize("name", ["what?.sqlite3", "100%.sqlite3", "a%3Fb.sqlite3", "x#y?mode=rw.sqlite3"])
def test_report_reads_a_log_whose_path_has_uri_characters(tmp_path, name):
    folder = tmp_path / "odd?%dir"
    folder.mkdir()
    path = folder / name
    log = ConversationLog(path)
    log.record(Entry.of("a" * 32, "s" * 32, "what do coders earn?", "earnings", True, [], 1.0))
    log.flush()
    result = run_cli("report", "--db", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["questions"] == 1
