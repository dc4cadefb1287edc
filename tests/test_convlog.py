"""The conversation log: what it keeps, what it never keeps, and that its failures never reach an answer."""
from __future__ import annotations

import json
import logging
import multiprocessing
import sqlite3
from dataclasses import replace

import pytest

from careerbot.ops.convlog import ConversationLog, Entry
from careerbot.http import create_app
from careerbot.ops.redact import redact
from conftest import config


def rows(path) -> list[dict]:
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM questions ORDER BY time")]


@pytest.fixture()
def served(tmp_path):
    app = create_app(config(tmp_path))
    return app, app.test_client(), tmp_path / "log.sqlite3"


def test_log_records_each_question(served):
    app, client, path = served
    first = client.post("/api/chat", json={"message": "what do coders earn?"},
                        environ_base={"REMOTE_ADDR": "198.51.100.7"}).get_json()
    client.post("/api/chat", json={"message": "what's the weather?", "session_id": first["session_id"]})
    app.extensions["careerbot.log"].flush()
    logged = rows(path)
    assert [r["question"] for r in logged] == ["what do coders earn?", "what's the weather?"]
    assert logged[0]["id"] == first["answer_id"] and logged[0]["session"] == first["session_id"]
    assert logged[0]["intent"] == "earnings" and logged[0]["answered"] == 1 and logged[1]["answered"] == 0
    assert "wage-coders-base" in json.loads(logged[0]["facts"])
    assert logged[0]["latency_ms"] > 0 and logged[0]["time"].endswith("Z")
    assert "198.51.100.7" not in json.dumps(logged)


@pytest.mark.parametrize("text, stored", [
    ("mail me at jo.doe+x@example.co.uk about pay", "mail me at [email] about pay"),
    ("call 555-123-4567 about growth", "call [phone] about growth"),
    ("+1 (555) 123 4567 please", "[phone] please"),
    ("my number is 5551234567", "my number is [phone]"),
    ("how many in 2008 and 2018?", "how many in 2008 and 2018?"),
    ("is it 172,500 or $30,610?", "is it 172,500 or $30,610?"),
])
def test_log_redacts_personal_data(served, text, stored):
    app, client, path = served
    client.post("/api/chat", json={"message": text})
    app.extensions["careerbot.log"].flush()
    assert rows(path)[-1]["question"] == stored == redact(text)


def test_log_stores_ratings(served):
    app, client, path = served
    answer = client.post("/api/chat", json={"message": "hi"}).get_json()
    assert client.post("/api/feedback", json={"answer_id": answer["answer_id"], "rating": "down"}).status_code == 200
    app.extensions["careerbot.log"].flush()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT answer_id, rating FROM feedback").fetchall() == [(answer["answer_id"], "down")]


@pytest.mark.parametrize("breakage", ["directory", "not a database", "locked"])
def test_log_failure_never_fails_an_answer_and_is_reported_once(tmp_path, caplog, breakage):
    path = tmp_path / "log.sqlite3"
    locker = None
    if breakage == "directory":
        path.mkdir()
    elif breakage == "not a database":
        path.write_bytes(b"this is not an sqlite file" * 100)
    app = create_app(config(tmp_path, LOG_DB=str(path)))
    if breakage == "locked":
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # another process holds the database
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="careerbot"):
        for _ in range(5):
            response = client.post("/api/chat", json={"message": "what do coders earn?"})
            assert response.status_code == 200 and "$43,828" in response.get_json()["answer"]
        app.extensions["careerbot.log"].flush(timeout=15)
    if locker:
        locker.rollback()
        locker.close()
    reports = [r for r in caplog.records if "conversation log" in r.getMessage()]
    assert len(reports) == 1


def test_log_stores_lone_surrogates_as_valid_utf8_and_goes_on(served):
    app, client, path = served
    for body in ('{"message": "\\ud800"}', '{"message": "pay \\udfff in hospitals?"}'):  # valid JSON, not text
        assert client.post("/api/chat", data=body, content_type="application/json").status_code == 200
    assert client.post("/api/chat", json={"message": "what do coders earn?"}).status_code == 200
    app.extensions["careerbot.log"].flush()
    with sqlite3.connect(path) as db:
        stored = [raw.decode("utf-8") for (raw,) in db.execute("SELECT CAST(question AS BLOB) FROM questions")]
    assert sorted(stored) == sorted(["\ufffd", "pay \ufffd in hospitals?", "what do coders earn?"])
    assert app.extensions["careerbot.log"].dropped == 0


def _entry(n: int) -> Entry:
    return Entry.of(f"{n:032x}", "s" * 32, f"question {n}", "earnings", True, ["wage-median"], 1.0)


@pytest.mark.parametrize("bad", [
    {"question": "\ud800"},  # text that UTF-8 cannot hold, built without Entry.of
    {"latency_ms": object()},  # a value SQLite cannot store
    {"facts": ["not", "encoded"]},
])
def test_log_writer_drops_only_the_entry_it_cannot_store(tmp_path, bad):
    log = ConversationLog(tmp_path / "log.sqlite3")
    log.record(_entry(1))
    log.record(replace(_entry(2), **bad))
    log.record(_entry(3))
    log.flush()
    log.record(_entry(4))  # the writer lives on after the bad entry
    log.rate(_entry(4).id, "up")
    log.flush()
    assert sorted(r["question"] for r in rows(tmp_path / "log.sqlite3")) == ["question 1", "question 3", "question 4"]
    assert log.dropped == 1


def _write(path, worker: int, count: int) -> None:
    log = ConversationLog(path)
    for n in range(count):
        log.record(Entry.of(f"{worker:016x}{n:016x}", "s" * 32, f"question {n}", "earnings", True, [], 1.0))
    log.flush(timeout=30)


def test_log_takes_several_processes_writing_at_once(tmp_path):
    path = tmp_path / "log.sqlite3"
    ConversationLog(path)
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_write, args=(path, w, 300)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 1200
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_log_survives_a_restart(tmp_path):
    path = tmp_path / "log.sqlite3"
    for run in range(2):
        app = create_app(config(tmp_path, LOG_DB=str(path)))
        app.test_client().post("/api/chat", json={"message": f"run {run}: what do coders earn?"})
        app.extensions["careerbot.log"].flush()
    assert [r["question"][:5] for r in rows(path)] == ["run 0", "run 1"]


def test_log_can_be_turned_off(tmp_path):
    app = create_app(config(tmp_path, LOG_DB="off"))
    assert app.test_client().post("/api/chat", json={"message": "hi"}).status_code == 200
    assert not (tmp_path / "off").exists() and not (tmp_path / "log.sqlite3").exists()
