"""`careerbot report`: what a curator reads, in a table, CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
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
