"""Bounded growth: the log keeps rows for a while and up to a size, journals shrink back, ratings need real ids."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from careerbot.http import create_app
from careerbot.ops.answerid import AnswerIds
from careerbot.ops.convlog import ConversationLog, Entry, Retention, utc_now
from careerbot.ops.session import Context
from careerbot.ops.sessiondb import SQLiteSessions
from careerbot.ops.sqlitefile import JOURNAL_SIZE_LIMIT
from conftest import config
from live import post, running_server


def _entry(n: int, time_text: str | None = None, words: int = 1) -> Entry:
    entry = Entry.of(f"{n:032x}", "0" * 32, f"question {n} " + "salary " * words, "earnings", True, [], 1.0)
    return entry if time_text is None else replace(entry, time=time_text)


def _times(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [t for (t,) in db.execute("SELECT time FROM questions ORDER BY time")]


def test_log_deletes_rows_past_their_age(tmp_path):
    path = tmp_path / "log.sqlite3"
    log = ConversationLog(path, Retention(days=90))
    old, recent = utc_now(timedelta(days=91)), utc_now(timedelta(days=89))
    for n, when in enumerate([old, old, recent]):
        log.record(_entry(n, when))
    log.rate("0" * 32, "up")
    log.flush()
    log.prune()
    log.flush()
    assert _times(path) == [recent]


def test_log_keeps_to_its_size_and_keeps_the_newest(tmp_path):
    path = tmp_path / "log.sqlite3"
    log = ConversationLog(path, Retention(days=90, max_mb=0.25))
    for n in range(3_000):  # about 1 MB of questions
        log.record(_entry(n, words=40))
    log.flush(timeout=30)
    log.prune()
    log.flush()
    with sqlite3.connect(path) as db:
        page_size, pages, free = (db.execute(f"PRAGMA {p}").fetchone()[0]
                                  for p in ("page_size", "page_count", "freelist_count"))
        newest = db.execute("SELECT MAX(id) FROM questions").fetchone()[0]
    assert (pages - free) * page_size <= 0.25 * 1024 * 1024
    assert newest == f"{2_999:032x}"


def test_retention_settings_reach_the_log(tmp_path):
    app = create_app(config(tmp_path, LOG_RETENTION_DAYS=7, LOG_MAX_MB=5))
    assert app.extensions["careerbot.log"].retention == Retention(days=7, max_mb=5)


def _journal_size(path) -> int:
    return max((p.stat().st_size for p in path.parent.glob(path.name + "-*") if p.name.endswith(("-wal", "-journal"))),
               default=0)


def test_session_journal_is_cut_back_after_a_large_trim(tmp_path):
    path, big = tmp_path / "sessions.sqlite3", Context("earnings", terms=tuple(f"term{n}" for n in range(400)))
    store = SQLiteSessions(path, max_sessions=10_000)
    for _ in range(3_000):  # about 12 MB of sessions
        store.save(store.open(None)[0], big)
    SQLiteSessions(path, max_sessions=10).trim()  # one transaction that deletes nearly all of them
    for _ in range(3):
        store.save(store.open(None)[0], Context())
    assert _journal_size(path) <= JOURNAL_SIZE_LIMIT


def test_log_write_ahead_log_is_cut_back_after_a_burst(tmp_path):
    path = tmp_path / "log.sqlite3"
    log, written = ConversationLog(path), iter(range(10**9))

    def write(count: int) -> None:
        for _ in range(count):
            log.record(_entry(next(written), words=100))
        log.flush(timeout=60)

    reader = sqlite3.connect(path, isolation_level=None)  # a long report: no checkpoint can finish meanwhile
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM questions").fetchone()
    while _journal_size(path) < 3 * JOURNAL_SIZE_LIMIT:
        write(1_000)
    reader.execute("COMMIT")
    reader.close()
    write(1_000)  # checkpointed in full after this batch, the log restarts (and is cut back) at the next
    write(10)
    assert _journal_size(path) <= JOURNAL_SIZE_LIMIT + 1024 * 1024  # the limit, and the last batches


@pytest.fixture()
def client(tmp_path):
    return create_app(config(tmp_path)).test_client()


@pytest.mark.parametrize("answer_id, status, code", [
    ("0" * 32, 404, "unknown_answer_id"),  # made up, of the right shape
    ("issued\n", 400, "bad_answer_id"),  # an issued id with a trailing newline ("$" let it through)
    ("issued-by-another-key", 404, "unknown_answer_id"),
    ("expired", 404, "unknown_answer_id"),
])
def test_feedback_takes_only_ids_careerbot_issued(client, answer_id, status, code):
    issued = client.post("/api/chat", json={"message": "hi"}).get_json()["answer_id"]
    foreign = AnswerIds(b"another key").issue()
    expired = AnswerIds(client.application.extensions["careerbot"].answer_ids.key, clock=lambda: 0.0).issue()
    sent = {"issued\n": issued + "\n", "issued-by-another-key": foreign, "expired": expired}.get(answer_id, answer_id)
    response = client.post("/api/feedback", json={"answer_id": sent, "rating": "up"})
    assert (response.status_code, response.get_json()["error"]["code"]) == (status, code)
    assert client.post("/api/feedback", json={"answer_id": issued, "rating": "up"}).status_code == 200


def test_feedback_takes_an_id_on_any_worker(tmp_path):
    with running_server(tmp_path, workers=2) as base:
        answer = post(f"{base}/api/chat", {"message": "what do coders earn?"})[1]
        statuses = {post(f"{base}/api/feedback", {"answer_id": answer["answer_id"], "rating": "up"})[0]
                    for _ in range(20)}  # new connections: both workers take some
    assert statuses == {200}


def test_answer_ids_share_a_configured_key_between_servers(tmp_path):
    one = create_app(config(tmp_path / "a", SECRET_KEY="shared")).test_client()
    two = create_app(config(tmp_path / "b", SECRET_KEY="shared")).test_client()
    issued = one.post("/api/chat", json={"message": "hi"}).get_json()["answer_id"]
    assert two.post("/api/feedback", json={"answer_id": issued, "rating": "down"}).status_code == 200
